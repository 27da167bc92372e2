"""The NGEC actor-resolution evaluation."""

from __future__ import annotations

import json

import pytest

from evals import actors as eval_actors


def test_eval_scores_a_small_file(tmp_path, kb):
    cases = [
        {"method": "agent_to_code", "input": "Pakistani troops", "extra_args": [], "expected": {"country": "PAK", "code_1": "MIL"}},
        {"method": "agent_to_code", "input": "a fluffy cat", "extra_args": [], "expected": {"code": None}},
        {"method": "agent_to_code", "input": "Reuters", "extra_args": [], "expected": {"country": "FRA", "code_1": "JRN"}},
        {"method": "search_nat", "input": "a Kenyan ferry", "extra_args": [], "expected": {"cc": "KEN", "text": "ferry"}},
        {"method": "query_wiki", "input": "the U.N.", "extra_args": [], "expected": {"title": "United Nations"}},
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


def test_eval_ngec_no_regression(shared_data, kb):
    # the visible figures after the NGEC test inputs left the knowledge files (issue 9)
    out = eval_actors.run(shared_data / "actors" / "ngec_actor_resolution.json", kb=kb)
    assert out["country_accuracy"] >= 0.90
    assert out["sector_accuracy"] >= 0.84


@pytest.mark.xfail(reason="sector accuracy is 0.843 since NGEC's own inputs left sectors.jsonl; goal 0.90")
def test_eval_ngec_goal(shared_data, kb):
    out = eval_actors.run(shared_data / "actors" / "ngec_actor_resolution.json", kb=kb)
    assert out["country_accuracy"] >= 0.90 and out["sector_accuracy"] >= 0.90
