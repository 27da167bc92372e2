"""Spark rows and the Parquet store, without Spark: lines -> articles, results -> rows -> a folder
that the store opens like a database, and the worker's engine and failure handling."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyadscope.analysis import Dataset
from dyadscope.errors import StoreError
from dyadscope.export import export_records
from dyadscope.records import Article, ArticleResult, Assessment, Failure
from dyadscope.spark import daemon, worker
from dyadscope.export.tables import schema
from dyadscope.spark.rows import (
    ARTICLE_SCHEMA,
    EXPORT_FIELDS,
    RECORD_SCHEMA,
    TABLE_OF_KIND,
    TABLE_SCHEMAS,
    article_from_line,
    article_from_row,
    article_row,
    result_rows,
    year_month,
)
from dyadscope.store import Database
from dyadscope.store.db import TABLES
from dyadscope.store.parquet import MARKER, PARTITION_COLUMN, marker_text

from ..analysis.synthetic import Doc, Ev, build

DOCS = [
    Doc("d1", "2016-05-13", [("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))])],
        publisher="Wire A", quotes=[("Iran and Russia are friends", "IRN")]),
    Doc("d2", "2016-05-14", [("Russia sold missiles to Iran again.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))])],
        publisher="Wire B"),
    Doc("d3", None, [("Iran accused Russia of delays.", [Ev("ACCUSE", ("IRN",), ("RUS",), "accused", date="2017-02")]),
                     ("Iran, Russia and China held a drill.", [Ev("COOPERATE", ("IRN", "RUS", "CHN"), (), "held")])]),
]


def with_assessments(result: ArticleResult) -> ArticleResult:
    """``result`` with two judgements of IRN-RUS: one in its first quotation (held by its
    speaker), one the author's own over its first sentence."""
    first = result.sentences[0]
    own = Assessment(dyad=("IRN", "RUS"), polarity="negative", holder=None, start=first[0], end=first[1],
                     sentence=result.article.text[first[0]:first[1]], aspects=("general",), quote=None, confidence=0.6,
                     rule="test.own.v1")
    found = [own]
    if result.quotes:
        q = result.quotes[0]
        found.insert(0, Assessment(dyad=("IRN", "RUS"), polarity="positive", holder=q.speaker, start=q.content_spans[0][0],
                                   end=q.content_spans[0][1], sentence=q.content, aspects=("military", "trust"), quote=q,
                                   confidence=0.7, rule="test.quoted.v1"))
    return dataclasses.replace(result, assessments=tuple(found))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("", None),
        ("   ", None),
        ("not json", ("failure", "c/a.jsonl:7", "line is not valid JSON (Expecting value at column 1)")),
        ('{"id": "x"}', ("failure", "c/a.jsonl:7", "record has no 'text' (or 'event_text') string")),
        ('{"id": "x", "text": "Iran and Russia met."}', ("article", "x", "c/a.jsonl:7", None)),
        ('{"text": "Iran and Russia met.", "pub_date": "2016-05-13"}', ("article", "a-7", "c/a.jsonl:7", "2016-05-13")),
        ('{"story_id": 12, "event_text": "Iran and Russia met."}', ("article", "12", "c/a.jsonl:7", None)),
        ('{"id": "long", "text": "' + "word " * 30 + '"}', ("failure", "c/a.jsonl:7", "document has 149 characters, over --max-chars 100; split it or raise the limit")),
    ],
)
def test_rows_article_from_line_reads_as_ingest_does(line, expected):
    item = article_from_line(line, source="c/a.jsonl", stem="a", lineno=7, max_chars=100)
    if expected is None:
        assert item is None
    elif expected[0] == "failure":
        assert item == Failure(*expected[1:])
    else:
        assert (item.doc_id, item.source_path, item.date) == expected[1:]


def test_rows_article_round_trip():
    article = build(DOCS[0]).article
    row = article_row(article, file_index=3, lineno=9)
    assert pa.RecordBatch.from_pylist([row], schema=ARTICLE_SCHEMA).num_rows == 1
    assert article_from_row(row) == article
    assert row[PARTITION_COLUMN] == "2016-05"


@pytest.mark.parametrize("date, month", [("2016-05-13", "2016-05"), (None, "undated"), ("", "undated")])
def test_rows_year_month(date, month):
    assert year_month(date) == month


def test_rows_carry_every_export_field():
    result = build(DOCS[0])
    rows = result_rows(result)
    pa.RecordBatch.from_pylist(rows, schema=RECORD_SCHEMA)  # every value fits its column
    for record in export_records(result):
        table = TABLE_OF_KIND[record["kind"]]
        assert TABLE_SCHEMAS[table].names[: len(record)] == list(record) == EXPORT_FIELDS[record["kind"]]
        assert TABLE_SCHEMAS[table].names[: len(record)] == schema(record["kind"]).names
    for table in ("documents", "mentions", "quotes", "events", "assessments"):  # the export's Parquet types, exactly
        kind = table[:-1]
        assert pa.schema([TABLE_SCHEMAS[table].field(n) for n in schema(kind).names]) == schema(kind)
    assert [r["table"] for r in rows] == ["documents", "mentions", "mentions", "mentions", "mentions", "quotes", "events"]


def write_folder(results, folder):
    """A folder in spark-ingest's layout, written with pyarrow from the same rows."""
    rows = [row for i, result in enumerate(results) for row in result_rows(result, doc_number=i + 1)]
    stored = {"documents": {"ingested_at": datetime.datetime(2016, 6, 1, 12, 0)}}  # what the driver adds
    for table, schema in TABLE_SCHEMAS.items():
        records = [{**r[table], **stored.get(table, {}), PARTITION_COLUMN: r[PARTITION_COLUMN]} for r in rows if r["table"] == table]
        if records:
            t = pa.Table.from_pylist(records, schema=schema.append(pa.field(PARTITION_COLUMN, pa.string())))
            pq.write_to_dataset(t, folder / table, partition_cols=[PARTITION_COLUMN])
    (folder / MARKER).write_text(marker_text())
    return folder


def _table(db, table):
    """A store table's rows, sorted, times left out, JSON text parsed (its spacing may differ)."""
    skip = {"documents": "EXCLUDE (ingested_at)", "failures": "EXCLUDE (failed_at)"}.get(table, "")
    rows = db.query(f"SELECT * {skip} FROM {table} ORDER BY ALL")
    return [{**r, "members": json.loads(r["members"])} if "members" in r else r for r in rows]


def test_parquet_store_reads_as_the_duckdb_store(tmp_path):
    results = [with_assessments(build(d)) for d in DOCS]
    with Database(memory=True) as duck, Database(write_folder(results, tmp_path / "out"), read_only=True) as folder:
        duck.write_results(results)
        for table in TABLES + ("failures",):
            assert _table(folder, table) == _table(duck, table), table
        assert [list(export_records(r)) for r in folder.results()] == [list(export_records(r)) for r in duck.results()]
        a, b = Dataset(duck), Dataset(folder)
        for by in ("month", "year"):
            assert b.dyad_series("IRN", "RUS", by=by, modality="all").equals(a.dyad_series("IRN", "RUS", by=by, modality="all"))
        assert len(a.event_table()) == 3  # d1 and d2 merged across documents
        assert b.gdelt().equals(a.gdelt())
        undated = lambda events: [{**e, "coded_date": None} for e in events]  # noqa: E731 (when each was stored)
        assert undated(b.plover()) == undated(a.plover())
        assert {e["coded_date"] for e in b.plover()} == {"2016-06-01"}
        assert b.quotes().equals(a.quotes())
        assert len(a.assessments()) == 4 and b.assessments().equals(a.assessments())
        assert b.assessment_series("IRN", "RUS", by="year").equals(a.assessment_series("IRN", "RUS", by="year"))


def test_parquet_store_exports_and_serves_as_the_duckdb_store(tmp_path):
    """export and the web app (what `serve` runs) over a folder give what they give over the file."""
    from click.testing import CliRunner

    from dyadscope.cli import cli
    from dyadscope.web import create_app

    from ..web.helpers import client

    results = [with_assessments(build(d)) for d in DOCS]
    folder = write_folder(results, tmp_path / "out")
    with Database(tmp_path / "local.duckdb") as duck:
        duck.write_results(results)
    exported = {}
    for db in (tmp_path / "local.duckdb", folder):
        result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "-o", "-"])
        assert result.exit_code == 0, result.output
        exported[db] = result.stdout
    assert exported[folder] == exported[tmp_path / "local.duckdb"] and '"assessment"' in exported[folder]
    pages = {}
    for path in (tmp_path / "local.duckdb", folder):
        with Database(path, read_only=True) as db, client(create_app(db, read_only=True, db_label="x")) as web:
            dyad, document = (web.get(url).json() for url in ("/dyads/IRN/RUS.json", f"/documents/{DOCS[0].doc_id}.json"))
            document["document"].pop("ingested_at")  # when each was stored
            pages[path] = [dyad, document]
    assert pages[folder] == pages[tmp_path / "local.duckdb"] and pages[folder][0]["events"]


def test_parquet_store_errors(tmp_path):
    with pytest.raises(StoreError, match="not a spark-ingest output folder"):
        Database(tmp_path, read_only=True)
    assert json.loads(marker_text())["datasets"] == ["documents", "mentions", "quotes", "events", "assessments", "failures", "runs"]
    write_folder([build(DOCS[0])], tmp_path / "out")
    with pytest.raises(StoreError, match="can only be read"):
        Database(tmp_path / "out")


def test_parquet_store_missing_dataset_is_empty(tmp_path):
    folder = write_folder([build(DOCS[0])], tmp_path / "out")
    with Database(folder, read_only=True) as db:
        assert db.counts()["failures"] == 0 and db.counts()["documents"] == 1


class FakeEngine:
    """Parses nothing; fails the whole batch when a text says BOOM, as spaCy might."""

    reference_date = "2016-01-01"

    def provenance(self):
        return {"coder": "fake"}

    def process(self, articles):
        if any("BOOM" in a.text for a in articles):
            raise ValueError("BOOM")
        return [ArticleResult(article=a, sentences=((0, len(a.text)),)) for a in articles]


def test_worker_bad_document_becomes_a_failure_row(monkeypatch):
    monkeypatch.setattr(worker, "worker_engine", lambda *dictionaries_and_date: FakeEngine())
    articles = [build(d).article for d in DOCS[:2]]
    articles.insert(1, Article(doc_id="bad", text="BOOM goes the parser", source_path="c/a.jsonl:2", content_hash="f" * 64))
    batch = pa.RecordBatch.from_pylist([article_row(a, file_index=0, lineno=i) for i, a in enumerate(articles)], schema=ARTICLE_SCHEMA)
    rows = [r for out in worker.ProcessArticles(reference_date="2016-01-01")(iter([batch])) for r in out.to_pylist()]
    failures = [r["failures"] for r in rows if r["table"] == "failures"]
    assert failures == [{"source": "c/a.jsonl:2", "reason": "processing failed: ValueError: BOOM", "doc_id": "bad", "content_hash": "f" * 64}]
    assert sorted(r["documents"]["doc_id"] for r in rows if r["table"] == "documents") == ["d1", "d2"]
    (stats,) = [r["stats"] for r in rows if r["table"] == "stats"]
    assert (stats["documents"], stats["failures"], stats["coder"], stats["reference_date"]) == (2, 1, "fake", "2016-01-01")


def test_worker_engine_built_once_per_process(monkeypatch):
    monkeypatch.setattr(worker, "_engine", None)
    monkeypatch.setattr(worker, "engine_loads", 0)
    first = worker.worker_engine((), "2016-01-01")
    assert worker.worker_engine((), "2016-01-01") is first and worker.engine_loads == 1
    assert first.reference_date == "2016-01-01"


def test_worker_engine_takes_user_verb_dictionaries(monkeypatch, tmp_path):
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- GROUSE [---] ---\nGROUSE\n- * ABOUT [111]\n")
    monkeypatch.setattr(worker, "_engine", None)
    article = Article(doc_id="g1", text="Chile groused about Peru on Monday.", date="2019-01-02", content_hash="a" * 64)
    plain = worker.worker_engine((), "2019-01-02")
    assert [e.cameo for r in plain.process([article]) for e in r.events] == []
    with_verbs = worker.ProcessArticles(reference_date="2019-01-02", verb_files=[str(verbs)])._engine()
    assert with_verbs is not plain  # another dictionary set is another engine
    assert [e.cameo for r in with_verbs.process([article]) for e in r.events] == ["111"]


def test_worker_engine_uses_what_the_daemon_preloaded(monkeypatch, tmp_path):
    nlp, kb = object(), object()
    monkeypatch.setattr(daemon, "preloaded", (nlp, kb))
    monkeypatch.setattr(worker, "_engine", None)
    engine = worker.worker_engine((), "2016-01-01")
    assert engine.nlp is nlp and engine.kb is kb
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- GROUSE [---] ---\nGROUSE\n- * ABOUT [111]\n")
    with_verbs = worker.worker_engine((), "2016-01-01", (str(verbs),))
    assert with_verbs.nlp is nlp and with_verbs._kb is None  # user dictionaries: knowledge of its own


def test_daemon_imports_neither_pyarrow_nor_pandas():
    # PySpark's daemon forks its workers: a library that started threads before the fork would
    # leave them without those threads (pyarrow and pandas start some on import).
    code = "import sys, dyadscope.spark.daemon; print(sorted(m for m in ('pyarrow', 'pandas', 'pyspark.sql') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert out.stdout.strip() == "[]"
