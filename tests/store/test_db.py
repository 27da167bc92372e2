"""Store: round trip of every record kind, idempotence, doc_id clashes, bad database files."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from dyadscope.errors import StoreError
from dyadscope.export import export_records
from dyadscope.ingest.formats import content_hash
from dyadscope.records import Actor, Article, ArticleResult, Event, Mention, Quote
from dyadscope.store import Database


def make_result(doc_id="d1", text="Russia sold missiles to Iran, Lavrov said."):
    rus = Actor("Russia", "Russia", "RUS", "RUS", None, 0, 6)
    irn = Actor("Iran", "Iran", "IRN", "IRN", None, 24, 28)
    lavrov = Actor("Lavrov", "Sergei Lavrov", "RUSGOV", "RUS", "GOV", 30, 36)
    return ArticleResult(
        article=Article(doc_id=doc_id, text=text, date="2016-05-13", title="T", content_hash=content_hash(text)),
        sentences=((0, len(text)),),
        mentions=(
            Mention(0, 6, "Russia", "Russia", "RUS", "RUS", None, "state", rule="kb:state"),
            Mention(30, 36, "Lavrov", "Sergei Lavrov", "RUSGOV", "RUS", "GOV", "person", antecedent=None, former=False),
        ),
        quotes=(Quote("indirect", "Russia sold missiles to Iran", ((0, 28),), "said", lavrov, 0, 42, 37, 41, "quotes.indirect.v1"),),
        events=(
            Event(
                "TRANSFER", None, ("military",), "0871", 8.3, 2, (rus,), (irn,), "2015-09", "relative", "reported", lavrov,
                text, 0, 28, 0.8, "events.verb.v1", ((0, 28), (50, 60)),
            ),
        ),
    )


def test_db_round_trip_preserves_records(db):
    result = make_result()
    db.write_results([result])
    (back,) = list(db.results())
    assert list(export_records(back)) == list(export_records(result))
    assert back.events[0].mentions == ((0, 28), (50, 60))


def test_db_same_text_stored_once(db):
    db.write_results([make_result()])
    assert db.write_results([make_result("other-name")]) == []
    assert db.counts()["documents"] == 1


def test_db_doc_id_clash_gets_suffix(db):
    db.write_results([make_result("same", "Text one about Chile and Peru.")])
    (written,) = db.write_results([make_result("same", "Text two about Chile and Peru!")])
    assert written.article.doc_id.startswith("same-") and len(written.article.doc_id) == len("same-") + 8
    assert db.counts()["documents"] == 2


def test_db_failed_batch_leaves_nothing(db, monkeypatch):
    original = db._insert

    def failing(table, rows):
        if table == "events":
            raise RuntimeError("disk full")
        original(table, rows)

    monkeypatch.setattr(db, "_insert", failing)
    with pytest.raises(RuntimeError):
        db.write_results([make_result()])
    assert all(n == 0 for n in db.counts().values())


def test_db_not_duckdb_file(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is a text file, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database file"):
        Database(bad)
    assert bad.read_text().startswith("this is a text file")


def test_db_locked_by_other_process(tmp_path):
    path = tmp_path / "busy.duckdb"
    Database(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked by another process"):
            Database(path)
    finally:
        holder.communicate("")


def test_db_cursor_reads_committed_data_beside_a_write(db):
    reader = db.cursor()
    assert reader.read_only and reader.path == db.path and reader.con is not db.con
    db.con.execute("BEGIN TRANSACTION")
    db.con.execute("INSERT INTO store_info VALUES ('probe', 'x')")
    assert reader.get_info("probe") is None  # not committed yet
    db.con.execute("COMMIT")
    assert reader.get_info("probe") == "x"
    reader.close()
    assert db.get_info("probe") == "x"  # closing the cursor leaves the database open
