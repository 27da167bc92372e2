import json

import pandas as pd
import pytest

import dyadscope
from dyadscope.analysis import Dataset
from dyadscope.analysis.exports import EXTRA_COLUMNS, GDELT_COLUMNS

from .synthetic import Doc, Ev, build, store

DOCS = [
    Doc("w1", "2016-05-13", [
        ("Russia shipped missiles to Iran on Monday.", [Ev("COOPERATE", ("RUS",), ("IRN",), "shipped", date="2016-05-09", contexts=("military",))]),
        ("Iran and Russia held talks in Moscow.", [Ev("CONSULT", ("IRN", "RUS"), (), "held talks", date="2015")]),
    ], publisher="Wire", url="https://example.org/w1", title="Missiles"),
    Doc("w2", "2016-05-14", [
        ("Russia shipped the missiles to Iran on Monday.", [Ev("COOPERATE", ("RUS",), ("IRN",), "shipped", date="2016-05-09", contexts=("military",))]),
    ], publisher="Daily"),
]


@pytest.fixture
def ds():
    db = store(*DOCS)
    yield Dataset(db)
    db.close()


def test_exports_gdelt_columns_and_values(ds, tmp_path):
    g = ds.gdelt()
    assert list(g.columns) == GDELT_COLUMNS + EXTRA_COLUMNS
    assert g["GLOBALEVENTID"].is_unique
    coop = g[g.PloverType == "COOPERATE"].iloc[0]
    assert (coop.SQLDATE, coop.MonthYear, coop.Year) == (20160509, 201605, 2016)
    assert (coop.Actor1CountryCode, coop.Actor2CountryCode, coop.Actor1Name) == ("RUS", "IRN", "Russia")
    assert (coop.EventCode, coop.EventBaseCode, coop.EventRootCode, coop.QuadClass) == ("061", "061", "06", 2)
    assert (coop.NumMentions, coop.NumArticles, coop.NumSources) == (2, 2, 2)
    assert coop.SOURCEURL == "https://example.org/w1"
    assert coop.IsRootEvent == 1
    # a reciprocal event without a recipient becomes both ordered pairs; a year-only date has no SQLDATE
    talks = g[g.PloverType == "CONSULT"]
    assert sorted(zip(talks.Actor1CountryCode, talks.Actor2CountryCode)) == [("IRN", "RUS"), ("RUS", "IRN")]
    assert talks.SQLDATE.isna().all() and talks.MonthYear.isna().all() and (talks.Year == 2015).all()
    assert talks.EventId.nunique() == 1
    # files
    csv = pd.read_csv(ds.to_csv(tmp_path / "events.csv"))
    assert list(csv.columns) == GDELT_COLUMNS + EXTRA_COLUMNS and len(csv) == 3
    pq = pd.read_parquet(ds.to_parquet(tmp_path / "events.parquet"))
    assert list(pq.columns) == GDELT_COLUMNS + EXTRA_COLUMNS and len(pq) == 3
    assert len(ds.gdelt(dedup=False)) == 4


def test_exports_plover_jsonl_fields(ds, tmp_path):
    path = ds.to_plover_jsonl(tmp_path / "events.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    coop = next(r for r in records if r["event_type"] == "COOPERATE")
    for field in ("id", "date", "source", "recipient", "event", "mode", "context", "event_text", "quad_code", "event_scale",
                  "story_id", "event_date", "actor", "actor_country", "actor_sector", "recipient_country", "recipient_sector"):
        assert field in coop, field
    assert coop["event"] == "COOPERATE" and coop["context"] == ["military"]
    assert coop["actor_country"] == ["RUS"] and coop["recipient_country"] == ["IRN"]
    assert coop["actor"][0]["code"] == "RUS" and coop["actor"][0]["actor_text"] == "Russia"
    assert coop["event_text"] == "shipped" and coop["event_date"] == "2016-05-09"
    assert coop["stories"] == ["w1", "w2"] and coop["num_articles"] == 2 and coop["quad_code"] == 2
    talks = next(r for r in records if r["event_type"] == "CONSULT")
    assert talks["recipient"] == [] and talks["actor_country"] == ["IRN", "RUS"] and talks["date"] == "2015"


def test_exports_open_a_database_file(tmp_path):
    from dyadscope.store import Database

    path = tmp_path / "x.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in DOCS])
    with dyadscope.open(str(path)) as ds:
        docs = ds.documents()
        assert list(docs.doc_id) == ["w1", "w2"] and list(docs.n_events) == [2, 1]
        events = ds.events()
        assert list(events.columns[:6]) == ["event_id", "date", "event_date", "date_source", "event_type", "mode"]
        assert set(events.source_countries) == {"RUS", "IRN;RUS"}
        assert ds.quotes().empty
        assert not ds.dyad_series("IRN", "RUS", by="year").empty


def test_exports_empty_store():
    from dyadscope.store import Database

    with Database(memory=True) as db:
        ds = Dataset(db)
        assert ds.events().empty and ds.quotes().empty and ds.documents().empty and ds.plover() == []
        assert list(ds.gdelt().columns) == GDELT_COLUMNS + EXTRA_COLUMNS
        assert ds.dyad_series("IRN", "RUS").empty
