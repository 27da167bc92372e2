"""Event layouts: GDELT-like API table, GDELT 2.0 Events/Mentions, ICEWS, PLOVER; strict JSON, safe ids."""

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import dyadscope
from dyadscope.analysis import Dataset
from dyadscope.analysis.gdelt import (
    EXTRA_COLUMNS,
    GDELT_COLUMNS,
    GDELT_EVENT_COLUMNS,
    GDELT_FLOAT_COLUMNS,
    GDELT_INTEGER_COLUMNS,
    GDELT_MENTION_COLUMNS,
    MAX_SAFE_INTEGER,
    ExportError,
    event_number,
)
from dyadscope.analysis.icews import ICEWS_COLUMNS, ICEWS_FLOAT_COLUMNS, ICEWS_INTEGER_COLUMNS

from .synthetic import Doc, Ev, build, store

DOCS = [
    Doc("w1", "2016-05-13", [
        ("Russia shipped missiles to Iran on Monday.", [Ev("COOPERATE", ("RUS",), ("IRN",), "shipped", date="2016-05-09", contexts=("military",))]),
        ("Iran and Russia held talks in Moscow.", [Ev("CONSULT", ("IRN", "RUS"), (), "held talks", date="2015")]),
    ], publisher="Wire", url="https://example.org/w1", title="Missiles"),
    Doc("w2", "2016-05-14", [
        ("Russia shipped the missiles to Iran on Monday.", [Ev("COOPERATE", ("RUS",), ("IRN",), "shipped", date="2016-05-09", contexts=("military",))]),
        ("=HYPERLINK(\"x\") Iran accused Russia of delays.", [Ev("ACCUSE", ("IRN",), ("RUS",), "accused", date="2016-05")]),
    ]),  # no URL, title or publisher: the values that became NaN before
]
NODE = shutil.which("node")


def dtypes(columns, ints=GDELT_INTEGER_COLUMNS, floats=GDELT_FLOAT_COLUMNS):
    """The documented column types: integers, floats, everything else text."""
    return {c: "Int64" if c in ints else "float64" if c in floats else "string" for c in columns}


def strict_lines(text: str) -> list:
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines()]


def node_parses(path) -> int:
    """How many lines JavaScript's JSON.parse read (it rejects NaN and Infinity)."""
    script = ("const lines=require('fs').readFileSync(process.argv[1],'utf8').split('\\n').filter(Boolean);"
              "lines.forEach(l=>JSON.parse(l));console.log(lines.length)")
    return int(subprocess.run([NODE, "-e", script, str(path)], capture_output=True, text=True, check=True).stdout)


@pytest.fixture
def ds():
    db = store(*DOCS)
    yield Dataset(db)
    db.close()


def test_exports_gdelt_like_table(ds, tmp_path):
    g = ds.gdelt()
    assert list(g.columns) == GDELT_COLUMNS + EXTRA_COLUMNS
    assert g["GLOBALEVENTID"].is_unique and (g["GLOBALEVENTID"] <= MAX_SAFE_INTEGER).all()
    coop = g[g.PloverType == "COOPERATE"].iloc[0]
    assert (coop.SQLDATE, coop.MonthYear, coop.Year) == (20160509, 201605, 2016)
    assert (coop.Actor1CountryCode, coop.Actor2CountryCode, coop.Actor1Name) == ("RUS", "IRN", "Russia")
    assert (coop.EventCode, coop.EventBaseCode, coop.EventRootCode, coop.QuadClass) == ("061", "061", "06", 2)
    assert (coop.NumMentions, coop.NumArticles, coop.NumSources) == (2, 2, 2)
    assert coop.SOURCEURL == "https://example.org/w1" and coop.IsRootEvent == 1
    talks = g[g.PloverType == "CONSULT"]
    assert sorted(zip(talks.Actor1CountryCode, talks.Actor2CountryCode)) == [("IRN", "RUS"), ("RUS", "IRN")]
    assert talks.SQLDATE.isna().all() and talks.MonthYear.isna().all() and (talks.Year == 2015).all()
    assert talks.EventId.nunique() == 1
    csv = pd.read_csv(ds.to_gdelt_csv(tmp_path / "events.csv"))
    assert list(csv.columns) == GDELT_COLUMNS + EXTRA_COLUMNS and len(csv) == 4
    pq = pd.read_parquet(ds.to_gdelt_parquet(tmp_path / "events.parquet"))
    assert list(pq.columns) == GDELT_COLUMNS + EXTRA_COLUMNS and len(pq) == 4
    assert len(ds.gdelt(dedup=False)) == 5
    with pytest.deprecated_call():
        ds.to_parquet(tmp_path / "old.parquet")


def test_exports_event_ids_survive_float64():
    biggest = event_number(899_999_999, 9_999, 999)
    assert biggest <= MAX_SAFE_INTEGER and int(float(biggest)) == biggest
    assert event_number(12, 3, 4) == 120_003_004
    with pytest.raises(ExportError, match="2\\^53"):
        event_number(900_719_926, 0)
    with pytest.raises(ExportError, match="limits"):
        event_number(1, 10_000)


def test_exports_gdelt_files_match_the_specification(ds, tmp_path):
    events_path, mentions_path = ds.write_gdelt(tmp_path / "run.export.CSV")
    assert mentions_path.name == "run.mentions.CSV"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.export.CSV", "run.mentions.CSV"]  # no temporary left
    lines = events_path.read_text(encoding="utf-8").splitlines()
    assert len(GDELT_EVENT_COLUMNS) == 61 and all(len(line.split("\t")) == 61 for line in lines) and len(lines) == 4
    ev = pd.read_csv(events_path, sep="\t", header=None, names=GDELT_EVENT_COLUMNS, dtype=dtypes(GDELT_EVENT_COLUMNS),
                     keep_default_na=False, na_values=[""])
    assert ev.GLOBALEVENTID.notna().all() and ev.DATEADDED.notna().all()
    # read as doubles (R, JavaScript): every id comes back exact
    as_double = pd.read_csv(events_path, sep="\t", header=None, names=GDELT_EVENT_COLUMNS, usecols=[0], dtype="float64")
    assert (as_double.GLOBALEVENTID.astype("int64") == ev.GLOBALEVENTID.astype("int64")).all()
    coop = ev[ev.EventCode == "061"].iloc[0]
    assert (coop.Actor1Code, coop.Actor2CountryCode, coop.NumArticles, coop.GoldsteinScale) == ("RUS", "IRN", 2, 6.4)
    assert pd.isna(coop.AvgTone) and pd.isna(coop.ActionGeo_Lat)
    accuse = ev[ev.EventCode == "112"].iloc[0]
    assert pd.isna(accuse.SQLDATE) and accuse.MonthYear == 201605  # a month-precise date: no day invented
    m = pd.read_csv(mentions_path, sep="\t", header=None, names=GDELT_MENTION_COLUMNS, keep_default_na=False,
                    na_values=[""], dtype=dtypes(GDELT_MENTION_COLUMNS))
    assert len(GDELT_MENTION_COLUMNS) == 16 and set(m.GLOBALEVENTID) == set(ev.GLOBALEVENTID)
    shipped = m[m.GLOBALEVENTID == coop.GLOBALEVENTID]
    assert sorted(shipped.MentionIdentifier) == ["https://example.org/w1", "w2.txt"]
    assert sorted(shipped.MentionType) == [1, 2] and set(shipped.SentenceID) == {1}
    text = ds.db.query("SELECT text FROM documents WHERE doc_id = 'w1'")[0]["text"]
    first = shipped[shipped.MentionType == 1].iloc[0]
    assert text[first.ActionCharOffset:].startswith("shipped") and first.Confidence == 80
    assert first.MentionDocLen == len(text)


def test_exports_icews_columns_and_types(ds, tmp_path):
    path = ds.write_icews(tmp_path / "events.tab")
    df = pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""],
                     dtype=dtypes(ICEWS_COLUMNS, ICEWS_INTEGER_COLUMNS, ICEWS_FLOAT_COLUMNS))
    assert list(df.columns) == ICEWS_COLUMNS and len(df) == 4
    loose = pd.read_csv(path, sep="\t")  # what a reader infers unaided
    assert loose["Event ID"].dtype == np.int64 and loose["Story ID"].dtype == np.int64
    assert loose["Intensity"].dtype == np.float64
    coop = df[df["CAMEO Code"] == "061"].iloc[0]
    assert (coop["Source Name"], coop["Source Country"], coop["Target Country"]) == ("Russia", "Russia", "Iran")
    assert coop["Event Date"] == "2016-05-09" and coop["Intensity"] == 6.4 and coop["Sentence Number"] == 1
    assert df[df["Event Text"].notna()]["Event Text"].str.len().min() > 3  # CAMEO names, not codes
    assert df[["City", "District", "Province", "Country", "Latitude", "Longitude"]].isna().all().all()


def test_exports_plover_jsonl_is_strict_json_with_manual_fields(ds, tmp_path):
    path = ds.to_plover_jsonl(tmp_path / "events.jsonl")
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    records = strict_lines(text)
    assert len(records) == 3
    coop = next(r for r in records if r["event_type"] == "COOPERATE")
    for field in ("id", "date", "source", "recipient", "event", "mode", "context", "event_text", "quad_code",
                  "event_scale", "text", "text_info", "cite_info", "coder", "story_id", "event_date", "actor",
                  "actor_country", "actor_sector", "recipient_country", "recipient_sector"):
        assert field in coop, field
    assert coop["event"] == ["COOPERATE"] and coop["context"] == ["military"] and coop["event_text"] == ["shipped"]
    assert coop["date"] == "2016-05-09" and coop["date_precision"] == "day"
    assert coop["source"][0] == {"code": "RUS", "sector": None, "actor_text": "Russia", "identifier_text": "Russia",
                                 "actor_code": "RUS", "country": "RUS"}
    assert coop["cite_info"]["language"] == "en" and coop["cite_info"]["codebook"].startswith("dyadscope-plover-")
    assert coop["stories"] == ["w1", "w2"] and coop["num_articles"] == 2 and coop["quad_code"] == 2
    assert coop["text_info"] == {"sequence": 1, "start": 7, "end": 14}
    talks = next(r for r in records if r["event_type"] == "CONSULT")
    assert (talks["date"], talks["date_partial"], talks["date_precision"]) == (None, "2015", "year")
    assert talks["recipient"] == [] and talks["actor_country"] == ["IRN", "RUS"]
    accuse = next(r for r in records if r["event_type"] == "ACCUSE")
    assert accuse["cite_info"]["url"] is None and accuse["cite_info"]["publication"] is None
    if NODE:
        assert node_parses(path) == 3


def test_exports_open_a_database_file(tmp_path):
    from dyadscope.store import Database

    path = tmp_path / "x.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in DOCS])
    with dyadscope.open(str(path)) as ds:
        docs = ds.documents()
        assert list(docs.doc_id) == ["w1", "w2"] and list(docs.n_events) == [2, 2]
        events = ds.events()
        assert list(events.columns[:6]) == ["event_id", "date", "event_date", "date_source", "event_type", "mode"]
        assert set(events.source_countries) == {"RUS", "IRN;RUS", "IRN"}
        assert ds.quotes().empty
        assert not ds.dyad_series("IRN", "RUS", by="year").empty


def test_exports_empty_store(tmp_path):
    from dyadscope.store import Database

    with Database(memory=True) as db:
        ds = Dataset(db)
        assert ds.events().empty and ds.quotes().empty and ds.documents().empty and ds.plover() == []
        assert list(ds.gdelt().columns) == GDELT_COLUMNS + EXTRA_COLUMNS
        assert ds.dyad_series("IRN", "RUS").empty
        ds.write_gdelt(tmp_path / "e.export.CSV")
        assert (tmp_path / "e.export.CSV").read_text() == "" and (tmp_path / "e.mentions.CSV").read_text() == ""
