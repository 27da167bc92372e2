"""Assessment knowledge: the shipped cue lexicons load; party forms and missing lists are reported."""

from __future__ import annotations

import json

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge import load_knowledge
from dyadscope.knowledge.assessments import REQUIRED, load_assessment_kb
from dyadscope.knowledge.lexicon import load_lexicon


def test_assessment_kb_shipped_lists():
    akb = load_knowledge().assessments
    assert all(name in akb.words for name in REQUIRED)
    assert akb.polarity_of("frosty") == "negative" and akb.polarity_of("cordial") == "positive"
    assert akb.polarity_of("junior") is None and akb.phrases[("junior", "partner")] >= {"mixed"}
    assert akb.polarity_of("unfriendly") == "negative"  # a positive word with "un"
    assert akb.party_forms["sino"] == "CHN" and akb.party_forms["brussels"] == "EUR"
    assert akb.negator_phrases["rather"] == (("rather", "than"),)
    assert "relations" in akb.triggers and "frosty" in akb.cue_words


def _tree(tmp_path, forms, lists=REQUIRED):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "assessments.jsonl").write_text(
        "".join(json.dumps({"id": f"assess_{n}", "words": ["w"], "note": "n"}) + "\n" for n in lists), encoding="utf-8")
    (tmp_path / "assessments").mkdir()
    (tmp_path / "assessments" / "party_forms.jsonl").write_text("".join(json.dumps(f) + "\n" for f in forms), encoding="utf-8")
    return load_lexicon(tmp_path)


def test_assessment_kb_reports_bad_party_forms(tmp_path):
    lexicon = _tree(tmp_path, [
        {"id": "form:a", "form": "sino", "country": "CHN", "note": "ok"},
        {"id": "form:b", "form": "Franco", "country": "FRA", "note": "upper case"},
        {"id": "form:c", "form": "anglo", "country": "gb", "note": "bad code"},
        {"id": "form:d", "form": "sino", "country": "CHN", "note": "twice"},
    ])
    with pytest.raises(KnowledgeError) as info:
        load_assessment_kb(tmp_path, lexicon)
    problems = info.value.problems
    assert any(p.startswith("party_forms.jsonl:2: form -> must be one lower-case word") for p in problems)
    assert any(p.startswith("party_forms.jsonl:3: country -> must be three upper-case letters") for p in problems)
    assert any(p.startswith("party_forms.jsonl:4: form 'sino' is listed twice") for p in problems)


def test_assessment_kb_names_missing_lists(tmp_path):
    lexicon = _tree(tmp_path, [], lists=[n for n in REQUIRED if n != "negators"])
    with pytest.raises(KnowledgeError, match="missing assessment word lists assess_negators"):
        load_assessment_kb(tmp_path, lexicon)
