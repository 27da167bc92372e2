"""``dyadscope assessments``: counts per period and holder country, per document, and the evidence."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database
from tests.store.test_assessments_store import make_assessed


def _db(path):
    with Database(path) as db:
        db.write_results([make_assessed("a1", "2016-05-13", "negative"), make_assessed("a2", "2020-09-12", "positive")])


def test_cli_assessments_table(tmp_path):
    db = str(tmp_path / "t.duckdb")
    _db(db)
    result = CliRunner().invoke(cli, ["assessments", "rus", "irn", "--by", "year", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "RUS and IRN: 4 assessments in 2 documents, by year"
    rows = {tuple(line.split()[:2]): line.split() for line in lines if line[:4] in ("2016", "2020")}
    assert rows[("2016", "all")][2:] == ["2", "1", "1", "0", "+0.00"]
    assert rows[("2020", "all")][2:] == ["2", "2", "0", "0", "+1.00"]
    assert rows[("2016", "RUS")][2:] == ["1", "0", "1", "0", "-1.00"]
    assert any(line.strip().startswith("2016-05-13  negative  Sergei Lavrov (RUS)") for line in lines)
    assert any("author  [military]" in line for line in lines)


def test_cli_assessments_json_and_csv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _db("t.duckdb")
    runner = CliRunner()
    result = runner.invoke(cli, ["assessments", "IRN", "RUS", "--by", "quarter", "--format", "json", "--db", "t.duckdb"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["by"] == "quarter" and [r["period"] for r in data["series"] if r["holder_country"] == "all"] == ["2016-Q2", "2020-Q3"]
    assert data["assessments"][0]["judgement"] == "Relations between Russia and Iran are tense"
    assert [d["balance"] for d in data["documents"]] == [0.0, 1.0]
    result = runner.invoke(cli, ["assessments", "IRN", "RUS", "--format", "csv", "--db", "t.duckdb"])
    assert result.output.splitlines()[0] == "period,holder_country,n,positive,negative,mixed,balance"


def test_cli_assessments_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _db("t.duckdb")
    runner = CliRunner()
    result = runner.invoke(cli, ["assessments", "Iran", "RUS", "--db", "t.duckdb"])
    assert result.exit_code == 1 and "Error: country 'Iran': expected an ISO 3166 alpha-3 code" in result.output
    result = runner.invoke(cli, ["assessments", "IRN", "USA", "--db", "t.duckdb"])
    assert result.exit_code == 0 and result.output.strip() == "No assessments of the relationship between IRN and USA in t.duckdb."
    result = runner.invoke(cli, ["assessments", "IRN", "RUS", "--db", "missing.duckdb"])
    assert result.exit_code == 1 and result.output.startswith("Error: missing.duckdb")
