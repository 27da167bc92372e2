"""The lexicon loader: word lists by id, every malformed entry reported as file:line."""

import json

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge.lexicon import load_lexicon


def _write(tmp_path, name, entries):
    folder = tmp_path / "lexicon"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def test_lexicon_gives_words_by_id(tmp_path):
    _write(tmp_path, "a.jsonl", [{"id": "greetings", "words": ["hello", "good morning"], "note": "openers"}])
    lexicon = load_lexicon(tmp_path)
    assert lexicon["greetings"] == frozenset({"hello", "good morning"})
    assert list(lexicon) == ["greetings"]


def test_lexicon_unknown_id_names_the_lists_that_exist(tmp_path):
    _write(tmp_path, "a.jsonl", [{"id": "greetings", "words": ["hello"], "note": "openers"}])
    with pytest.raises(KeyError, match="greetings"):
        load_lexicon(tmp_path)["greeting"]


@pytest.mark.parametrize(
    "entry, problem",
    [
        ({"id": "x", "words": [], "note": "n"}, "a.jsonl:1: words -> must be a non-empty list"),
        ({"id": "x", "words": ["Upper"], "note": "n"}, "a.jsonl:1: words -> 'Upper' must be lower-case"),
        ({"id": "x", "words": ["a", "a"], "note": "n"}, "a.jsonl:1: words -> 'a' is listed twice"),
        ({"id": "x", "words": ["a"]}, "a.jsonl:1: note -> must say what the list is for"),
        ({"id": "two words", "words": ["a"], "note": "n"}, "a.jsonl:1: id -> must be a name"),
        ({"id": "x", "words": ["a"], "note": "n", "extra": 1}, "a.jsonl:1: unknown field(s) extra"),
    ],
)
def test_lexicon_reports_malformed_entries(tmp_path, entry, problem):
    _write(tmp_path, "a.jsonl", [entry])
    with pytest.raises(KnowledgeError) as info:
        load_lexicon(tmp_path)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems


def test_lexicon_id_defined_twice_across_files(tmp_path):
    _write(tmp_path, "a.jsonl", [{"id": "x", "words": ["a"], "note": "n"}])
    _write(tmp_path, "b.jsonl", [{"id": "x", "words": ["b"], "note": "n"}])
    with pytest.raises(KnowledgeError) as info:
        load_lexicon(tmp_path)
    assert info.value.problems == ["b.jsonl:1: id 'x' is already defined at a.jsonl:1"]
