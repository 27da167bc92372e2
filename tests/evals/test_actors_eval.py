"""The NGEC actor-resolution evaluation."""

from __future__ import annotations

import json


from evals import actors as eval_actors


def test_eval_scores_a_small_file(tmp_path, kb):
    cases = [
        {"method": "agent_to_code", "input": "Pakistani troops", "extra_args": [], "expected": {"country": "PAK", "code_1": "MIL"}},
        {"method": "agent_to_code", "input": "a fluffy cat", "extra_args": [], "expected": {"code": None}},
        {"method": "agent_to_code", "input": "Reuters", "extra_args": [], "expected": {"country": "FRA", "code_1": "JRN"}},
        {"method": "search_nat", "input": "a Kenyan ferry", "extra_args": [], "expected": {"cc": "KEN", "text": "ferry"}},
        {"method": "query_wiki", "input": "the United Nations", "extra_args": [], "expected": {"title": "United Nations"}},
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    out = eval_actors.run(path, kb=kb)
    assert out["cases"] == 5
    # country: PAK ok, cat ok, Reuters GBR != FRA, KEN ok -> 3/4
    assert out["country_accuracy"] == 0.75
    # sector: MIL ok, cat None ok, JRN read as MED ok -> 3/3
    assert out["sector_accuracy"] == 1.0
    assert out["name_accuracy"] == 1.0
    assert [f["input"] for f in out["failures"]] == ["Reuters"]


def test_evals_command_runs_a_named_evaluation_on_a_given_file(tmp_path):
    from click.testing import CliRunner

    from evals.__main__ import main

    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{"method": "agent_to_code", "input": "Peruvian police", "extra_args": [],
                                 "expected": {"country": "PER", "code_1": "COP"}}]), encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "actors", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["cases"] == 1 and figures["country_accuracy"] == 1.0
    missing = CliRunner().invoke(main, ["run", "actors", str(tmp_path / "none.json")])
    assert missing.exit_code != 0
