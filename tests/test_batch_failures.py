"""One bad input never stops a batch (issue 16, item 1): a folder of good files with the inputs that
used to end `ingest` in a traceback among them stores every good file, reports each bad one on one
line and in `failures`, and exits 1."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from dyadscope.batch import Engine, ingest
from dyadscope.cli import cli
from dyadscope.store import Database

pytestmark = pytest.mark.slow

BAD = {
    "a-deep.jsonl": '{"id": "deep", "text": ' + "[" * 3000 + "]" * 3000 + "}\n",
    "b-surrogate.jsonl": '{"id": "s\\ud800", "text": "Chile and Peru met \\udc00 in Lima on Monday."}\n',
    "c-svg.html": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>Words</text></svg>',
    "d-coerced.jsonl": json.dumps({"id": ["a", "b"], "text": "Chile and Peru met."}) + "\n",
}


@pytest.fixture
def folder(tmp_path):
    for i in range(40):
        (tmp_path / f"good{i:02d}.txt").write_text(f"Kenya and Ghana signed fishing accord number {i} in Accra on Monday.\n")
    for name, content in BAD.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


def test_batch_bad_inputs_among_good_ones_cli(folder, tmp_path):
    db = tmp_path / "out" / "s.duckdb"
    db.parent.mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, result.stderr  # the surrogate line is stored, with a warning
    assert "41 documents stored" in result.stdout
    with Database(db, read_only=True) as store:
        assert store.counts()["failures"] == 3
        assert store.query("SELECT doc_id FROM documents WHERE doc_id LIKE 's%'")[0]["doc_id"] == "s\ufffd"
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert again.exit_code == 1 and "0 documents stored, 41 already present, 3 failed" in again.stdout


def test_batch_a_document_the_store_refuses_fails_alone(folder, tmp_path, nlp, kb):
    with Database(memory=True) as db:
        real = db._insert

        def picky(table, rows):
            if table == "documents" and any("number 7 " in r["text"] for r in rows):
                raise duckdb.ConversionException("Conversion Error: a value this column cannot hold")
            real(table, rows)

        db._insert = picky
        summary = ingest([folder / f"good{i:02d}.txt" for i in range(10)], db=db, engine=Engine(nlp=nlp, kb=kb))
        assert summary.processed == 9
        (failure,) = summary.failures
        assert failure.source.endswith("good07.txt")
        assert failure.reason.startswith("internal error: storing failed: ConversionException")
        assert db.counts()["documents"] == 9
