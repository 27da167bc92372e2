"""CLI: ingest/extract/export end to end, idempotence, resume after a kill, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database

pytestmark = pytest.mark.slow

COUNTRIES = ["Chile", "Peru", "Kenya", "Ghana", "Norway", "Japan", "Egypt", "Brazil"]


def write_corpus(folder, n=12):
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
        (folder / f"doc{i:02d}.txt").write_text(
            f"March {i + 1}, 2018\n\n{a} and {b} signed a trade agreement in the capital on Monday, officials said.\n\n"
            f"The ministers of {a} said the deal number {i} would cut tariffs by next year.\n"
        )
    return folder


def table_dump(path):
    with Database(path, read_only=True) as db:
        out = {}
        for table in ("documents", "sentences", "mentions", "quotes", "events", "event_actors", "event_mentions"):
            rows = db.query(f"SELECT * EXCLUDE (ingested_at, run_id) FROM {table}" if table == "documents" else f"SELECT * FROM {table}")
            out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
        return out


def test_cli_ingest_twice_same_counts(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    db = str(tmp_path / "x.duckdb")
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("12 documents stored, 0 already present, 0 failed")
    before = table_dump(db)
    second = runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    assert second.exit_code == 0 and second.output.startswith("0 documents stored, 12 already present")
    assert table_dump(db) == before


def test_cli_ingest_bad_input_nonzero_exit_rest_stored(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=3)
    (corpus / "empty.txt").write_text("")
    db = str(tmp_path / "x.duckdb")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), str(tmp_path / "nope.txt"), "--db", db])
    assert result.exit_code == 1
    assert f"error: {corpus / 'empty.txt'}: empty file" in result.output
    assert f"error: {tmp_path / 'nope.txt'}: no such file or directory" in result.output
    with Database(db, read_only=True) as store:
        assert store.counts()["documents"] == 3
        assert store.counts()["failures"] == 2


def test_cli_killed_ingest_resumes_to_same_database(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=12)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(clean_db)]).exit_code == 0
    # Kill the process (SIGKILL, no clean-up) right after its second batch of 4 has committed.
    script = textwrap.dedent(f"""
        import os, signal
        from dyadscope.batch import ingest
        from dyadscope.store import Database
        seen = 0
        def progress(n):
            global seen
            seen += n
            if seen >= 8:
                os.kill(os.getpid(), signal.SIGKILL)
        ingest([{str(corpus)!r}], db=Database({str(killed_db)!r}), batch_size=4, progress=progress)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    with Database(killed_db, read_only=True) as store:
        assert store.counts()["documents"] == 8
    resumed = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(killed_db)])
    assert resumed.exit_code == 0 and resumed.output.startswith("4 documents stored, 8 already present")
    assert table_dump(killed_db) == table_dump(clean_db)


def test_cli_extract_matches_ingest_then_export(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=3)
    runner = CliRunner()
    extracted = tmp_path / "extract.jsonl"
    assert runner.invoke(cli, ["extract", str(corpus), "-o", str(extracted)]).exit_code == 0
    db, exported = str(tmp_path / "x.duckdb"), tmp_path / "export.jsonl"
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["export", "--db", db, "-o", str(exported)]).exit_code == 0
    a = [json.loads(line) for line in extracted.read_text().splitlines()]
    b = [json.loads(line) for line in exported.read_text().splitlines()]
    assert sorted(map(json.dumps, a)) == sorted(map(json.dumps, b))
    docs = [r for r in a if r["kind"] == "document"]
    assert [d["date"] for d in docs] == ["2018-03-01", "2018-03-02", "2018-03-03"]
    assert set(docs[0]) >= {"kind", "doc_id", "source_path", "title", "date", "author", "publisher", "url", "text"}


def test_cli_extract_stdin_jsonl():
    data = json.dumps({"id": "s1", "text": "Chile and Peru signed a trade deal.", "date": "2019-01-02"}) + "\n"
    result = CliRunner().invoke(cli, ["extract", "-"], input=data)
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    assert (first["kind"], first["doc_id"], first["date"]) == ("document", "s1", "2019-01-02")


def test_cli_export_csv_and_parquet(tmp_path):
    import pyarrow.parquet as pq

    corpus = write_corpus(tmp_path / "corpus", n=2)
    db = str(tmp_path / "x.duckdb")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        result = runner.invoke(cli, ["export", "--db", db, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}s.{fmt}" for k in ("document", "mention", "quote", "event", "assessment"))
    assert pq.read_table(tmp_path / "parquet" / "documents.parquet").num_rows == 2


def test_cli_store_errors_are_one_line(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database " * 200)
    result = CliRunner().invoke(cli, ["export", "--db", str(bad), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: not a DuckDB database file (choose another --db path)\n"
    missing = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.duckdb"), "-o", "o.jsonl"])
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_cli_extract_two_jobs_same_records_in_order(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=5)
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", str(corpus)])
    two = runner.invoke(cli, ["extract", "-j", "2", str(corpus)])
    assert one.exit_code == two.exit_code == 0
    assert one.output == two.output and one.output.count('"kind": "document"') == 5


def test_cli_extract_and_ingest_verbs_option(tmp_path):
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- GROUSE [---] ---\nGROUSE\n- * ABOUT [111]\n")
    data = json.dumps({"id": "g1", "text": "Chile groused about Peru on Monday.", "date": "2019-01-02"}) + "\n"
    runner = CliRunner()

    def events(*options):
        result = runner.invoke(cli, ["extract", "-", *options], input=data)
        assert result.exit_code == 0, result.output
        return [r for r in map(json.loads, result.output.splitlines()) if r["kind"] == "event"]

    assert events() == []
    [event] = events("--verbs", str(verbs))
    assert (event["cameo"], event["source"][0]["country"], event["target"][0]["country"]) == ("111", "CHL", "PER")
    (tmp_path / "in.jsonl").write_text(data)
    db = str(tmp_path / "v.duckdb")
    assert runner.invoke(cli, ["ingest", str(tmp_path / "in.jsonl"), "--db", db, "--verbs", str(verbs)]).exit_code == 0
    with Database(db, read_only=True) as store:
        assert [r["cameo"] for r in store.query("SELECT cameo FROM events")] == ["111"]
    bad = runner.invoke(cli, ["extract", "-", "--verbs", str(tmp_path / "in.jsonl")], input=data)
    assert bad.exit_code == 1 and "in.jsonl:1: lemma -> must be a non-empty string" in bad.output
