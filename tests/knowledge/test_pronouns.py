"""The common pronoun table: one definition the actor and quote stages both read."""

from __future__ import annotations

import json

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge.load import DATA_DIR
from dyadscope.knowledge.pronouns import load_pronouns
from dyadscope.knowledge.quotes import load_quote_kb


def _write(tmp_path, entries):
    folder = tmp_path / "common"
    folder.mkdir()
    (folder / "pronouns.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def test_pronouns_shipped_table_loads():
    table = {p.text: p for p in load_pronouns(DATA_DIR)}
    assert table["their"].person == 3 and table["their"].number == "pl" and "possessive" in table["their"].cases


def test_pronouns_quote_speakers_come_from_the_table():
    speakers = load_quote_kb(DATA_DIR).pronouns
    assert set(speakers) == {p.text for p in load_pronouns(DATA_DIR) if p.speaker}
    assert "ourselves" not in speakers and speakers["they"].number == "pl"


def test_pronouns_actor_classes_come_from_the_table(kb):
    from dyadscope.actors.context import ActorWords

    words = ActorWords.of(kb.actors)
    assert words.body_pronouns == {"it", "its", "itself"}
    assert {"we", "us", "our"} <= words.we_pronouns and "they" not in words.we_pronouns
    assert words.possessive_pronouns == {"his", "her", "its", "their", "our"}


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"text": "It", "person": 3, "number": "sg", "refers_to": "any", "cases": ["subject"], "speaker": True},
         "pronouns.jsonl:1: text -> must be a trimmed lower-case word"),
        ({"text": "yon", "person": 4, "number": "sg", "refers_to": "any", "cases": ["subject"], "speaker": True},
         "pronouns.jsonl:1: person -> 4 is not one of"),
        ({"text": "yon", "person": 3, "number": "sg", "refers_to": "any", "cases": ["vocative"], "speaker": True},
         "pronouns.jsonl:1: cases -> must be a non-empty list"),
        ({"text": "yon", "person": 3, "number": "sg", "refers_to": "any", "cases": ["subject"]},
         "pronouns.jsonl:1: speaker -> must be true or false"),
    ],
)
def test_pronouns_report_malformed_lines(tmp_path, entry, problem):
    _write(tmp_path, [entry])
    with pytest.raises(KnowledgeError) as info:
        load_pronouns(tmp_path)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems


def test_pronouns_missing_table_is_named(tmp_path):
    with pytest.raises(KnowledgeError, match="pronouns.jsonl: missing"):
        load_pronouns(tmp_path)
