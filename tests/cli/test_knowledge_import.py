"""``dyadscope knowledge import``: the output is refused over an existing file, passes ``knowledge
check`` and resolves with ``--actors``; the report goes to stderr (``--json``: machine-readable)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dyadscope.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "knowledge" / "fixture" / "import"


def test_knowledge_import_wikidata_end_to_end(tmp_path):
    runner = CliRunner()
    out = tmp_path / "imported.jsonl"
    result = runner.invoke(cli, ["knowledge", "import", "--from", "wikidata", str(FIXTURES / "people.csv"),
                                 str(FIXTURES / "orgs.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "taken: 3 person, 1 organization (8 lines)" in result.stderr
    assert "people.csv: row 6: no country: Elvira Mamani" in result.stderr
    assert runner.invoke(cli, ["knowledge", "check", "--actors", str(out)]).exit_code == 0
    docs = [{"id": f"d{year}", "date": f"{year}-05-04",
             "text": "Rodrigo Achacollo met Tomasa Quilcaya on Monday, and the Frente Andino Renovador objected."}
            for year in (2012, 2016)]
    result = runner.invoke(cli, ["extract", "--actors", str(out), "-"],
                           input="".join(json.dumps(d) + "\n" for d in docs))
    assert result.exit_code == 0, result.output
    got = {(r["doc_id"], r["text"]): r["code"] for r in map(json.loads, result.stdout.splitlines())
           if r["kind"] == "mention"}
    assert got[("d2012", "Rodrigo Achacollo")] == "BOLMIL"  # army commander then
    assert got[("d2012", "Tomasa Quilcaya")] == "PER"       # before her first office
    assert got[("d2016", "Rodrigo Achacollo")] == "BOLELI"  # his command ended in 2014
    assert got[("d2016", "Tomasa Quilcaya")] == "PERGOV"    # foreign minister then
    assert got[("d2016", "Frente Andino Renovador")] == "BOLPTY"


def test_knowledge_import_never_overwrites_without_force(tmp_path):
    runner = CliRunner()
    out = tmp_path / "mine.jsonl"
    out.write_text('{"name": "Andes Rail Board", "country": "PER"}\n')
    args = ["knowledge", "import", "--from", "petrarch", str(FIXTURES / "kambalia.txt"), "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert f"Error: {out} exists; pass --force to replace it" in result.stderr
    assert "Andes Rail Board" in out.read_text()
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
    assert "Odaro Vensk" in out.read_text()


def test_knowledge_import_stdout_and_json_report():
    result = CliRunner().invoke(cli, ["knowledge", "import", "--from", "petrarch", str(FIXTURES / "kambalia.txt"),
                                    "-o", "-", "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["name"] for line in result.stdout.splitlines()] == [
        "Kambalia", "Odaro Vensk", "Odaro Vensk"]
    report = json.loads(result.stderr)
    assert report["taken"] == {"dictionary": 2}
    assert report["skipped"] == {"malformed line": 2, "duplicate": 1, "group code": 1}
    assert {"where": "kambalia.txt:7", "reason": "group code", "detail": "Orunda Pact [KMB/ZAN]"} in report["rows"]


def test_knowledge_import_refuses_what_is_not_a_query_export(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"head": {}}')
    result = CliRunner().invoke(cli, ["knowledge", "import", "--from", "wikidata", str(bad), "-o", "-"])
    assert result.exit_code == 1
    assert "bad.json: expected a list of results or SPARQL JSON results" in result.stderr
