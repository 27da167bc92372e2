"""`dyadscope export`: every format loads with the tools researchers use; `-` is standard output;
files appear only when complete; JSON is strict; spreadsheet formulas are neutralised."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database

from ..analysis.synthetic import Doc, Ev, build

NODE = shutil.which("node")
DOCS = [
    Doc("d1", "2016-05-13", [
        ("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))]),
        ("=1+2 Iran sued Russia over the contract.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued")]),
    ], title="@deal", url="https://example.org/a"),
    Doc("d2", None, [("Iran and Russia held talks.", [Ev("CONSULT", ("IRN", "RUS"), (), "held talks", date="2019")])],
        quotes=[("Russia and Iran are partners", "IRN")]),
]


def strict(text: str) -> list:
    def refuse(name):
        raise ValueError(name)

    return [json.loads(line, parse_constant=refuse) for line in text.splitlines()]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "s.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in DOCS])
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, ["export", *args])


def test_export_jsonl_and_plover_strict_json_to_file_and_stdout(db_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt, n in (("jsonl", 14), ("plover", 3)):
        out = tmp_path / f"{fmt}.jsonl"
        assert run("--db", db_path, "--format", fmt, "-o", str(out)).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert len(strict(text)) == n, fmt
        piped = run("--db", db_path, "--format", fmt, "-o", "-")
        assert piped.exit_code == 0 and piped.output == text
        if NODE:
            script = "require('fs').readFileSync(0,'utf8').split('\\n').filter(Boolean).forEach(l=>JSON.parse(l))"
            subprocess.run([NODE, "-e", script], input=text, text=True, check=True)
    assert not (tmp_path / "-").exists()
    records = strict((tmp_path / "jsonl.jsonl").read_text())
    assert {r["kind"] for r in records} == {"document", "mention", "quote", "event"}


def test_export_csv_folder_neutralises_formulas_and_one_table_to_stdout(db_path, tmp_path):
    out = tmp_path / "csv"
    result = run("--db", db_path, "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["assessments.csv", "documents.csv", "events.csv", "mentions.csv", "quotes.csv"]
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs.title) == ["'@deal", None] or docs.title.tolist()[0] == "'@deal"
    events = pd.read_csv(out / "events.csv")
    assert any(s.startswith("'=1+2") for s in events.sentence) and (events.goldstein < 0).any()  # numbers untouched
    assert json.loads(events.source[0])[0]["country"] in ("RUS", "IRN")  # nested values are JSON
    piped = run("--db", db_path, "--format", "csv", "--table", "events", "-o", "-")
    assert piped.exit_code == 0 and piped.output == (out / "events.csv").read_text()
    refused = run("--db", db_path, "--format", "csv", "-o", "-")
    assert refused.exit_code == 2 and "add --table events" in refused.output


def test_export_parquet_has_native_list_and_struct_columns(db_path, tmp_path):
    out = tmp_path / "pq"
    assert run("--db", db_path, "--format", "parquet", "-o", str(out)).exit_code == 0
    schema = pq.read_schema(out / "events.parquet")
    assert pa.types.is_list(schema.field("source").type) and pa.types.is_struct(schema.field("source").type.value_type)
    assert pa.types.is_list(schema.field("contexts").type) and pa.types.is_struct(schema.field("speaker").type)
    assert pa.types.is_list(pq.read_schema(out / "quotes.parquet").field("content_spans").type.value_type)
    rows = duckdb.sql(f"SELECT source[1].country AS c, contexts FROM '{out / 'events.parquet'}' ORDER BY c").fetchall()
    assert rows[0][0] == "IRN" and ["military"] in [r[1] for r in rows]
    assert pd.read_parquet(out / "mentions.parquet").start.dtype.name == "int32"
    piped = CliRunner().invoke(cli, ["export", "--db", db_path, "--format", "parquet", "--table", "events", "-o", "-"])
    assert piped.exit_code == 0 and pq.read_table(io.BytesIO(piped.stdout_bytes)).num_rows == 3


def test_export_gdelt_and_icews_files_and_stdout(db_path, tmp_path):
    result = run("--db", db_path, "--format", "gdelt", "-o", str(tmp_path / "x.export.CSV"))
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "x.export.CSV").read_text().splitlines()
    assert lines and all(line.count("\t") == 60 for line in lines)
    assert (tmp_path / "x.mentions.CSV").read_text().count("\t") == 15 * len((tmp_path / "x.mentions.CSV").read_text().splitlines())
    piped = run("--db", db_path, "--format", "gdelt", "-o", "-")
    assert piped.output.splitlines() == lines
    icews = run("--db", db_path, "--format", "icews", "-o", "-")
    header = icews.output.splitlines()[0].split("\t")
    assert header[:3] == ["Event ID", "Event Date", "Source Name"] and len(header) == 20
    assert "\t'=1+2 " not in icews.output  # the sentence is not an ICEWS column; names are
    undeduped = run("--db", db_path, "--format", "gdelt", "--no-dedup", "-o", "-")
    assert len(undeduped.output.splitlines()) == len(lines)


def test_export_sqlite_opens_for_datasette_and_pandas(db_path, tmp_path):
    out = tmp_path / "s.db"
    assert run("--db", db_path, "--format", "sqlite", "-o", str(out)).exit_code == 0
    con = sqlite3.connect(out)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "mentions", "quotes", "events", "event_actors", "event_mentions", "runs"} <= tables
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM events WHERE NOT json_valid(contexts)").fetchone()[0] == 0
    pk = [r[1] for r in con.execute("PRAGMA table_info(events)") if r[5]]
    assert pk == ["doc_id", "event_index"]
    assert pd.read_sql("SELECT * FROM event_actors WHERE country = 'IRN'", con).shape[0] >= 2
    con.close()
    sqlite_utils = pytest.importorskip("sqlite_utils")
    assert "events" in sqlite_utils.Database(out).table_names()


def test_export_sqlite_to_stdout(db_path, tmp_path):
    piped = CliRunner().invoke(cli, ["export", "--db", db_path, "--format", "sqlite", "-o", "-"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"SQLite format 3\x00")


def test_export_failed_export_leaves_no_file(db_path, tmp_path, monkeypatch):
    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", broken)
    out = tmp_path / "pq"
    result = run("--db", db_path, "--format", "parquet", "-o", str(out))
    assert result.exit_code != 0
    assert not out.exists() or list(out.iterdir()) == []
    csv_out = tmp_path / "csv"
    assert run("--db", db_path, "--format", "csv", "-o", str(csv_out)).exit_code == 0
    assert not [p for p in csv_out.iterdir() if p.name.startswith(".")]
