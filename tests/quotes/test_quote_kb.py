"""The shipped quote knowledge: every file loads, and the loader reports bad entries with file:line."""

from __future__ import annotations

import json

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge.load import DATA_DIR
from dyadscope.knowledge.quotes import load_quote_kb


def test_load_quote_kb_shipped_files():
    kb = load_quote_kb(DATA_DIR)
    assert kb.verbs["say"] == "speech"
    assert kb.verbs["believe"] == "thought"
    assert kb.verbs["seem"] == "not_a_cue"
    assert ("according", "to") in kb.phrases
    assert "article" in kb.source_nouns
    assert kb.pronouns["they"].number == "pl"
    assert ("urge", "VERB") in kb.frames


def _copy_kb(tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    for f in (DATA_DIR / "quotes").glob("*.jsonl"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_load_quote_kb_reports_every_bad_line(tmp_path):
    folder = _copy_kb(tmp_path)
    with open(folder / "reporting_verbs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "verb:x", "lemma": "mumble", "kind": "chatter"}) + "\n")
        fh.write("{not json\n")
    with open(folder / "quote_marks.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "m", "char": "<<<", "level": "double", "direction": "open"}) + "\n")
    n_verbs = len((folder / "reporting_verbs.jsonl").read_text(encoding="utf-8").splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_quote_kb(tmp_path)
    problems = err.value.problems
    assert f"reporting_verbs.jsonl:{n_verbs - 1}: kind -> 'chatter' is not one of " \
           "['speech', 'thought', 'evidence', 'not_a_cue']" in problems
    assert any(p.startswith(f"reporting_verbs.jsonl:{n_verbs}: not valid JSON") for p in problems)
    assert any("quote_marks.jsonl" in p and "must be one or two characters" in p for p in problems)


def test_load_quote_kb_missing_file_names_what_exists(tmp_path):
    folder = _copy_kb(tmp_path)
    (folder / "cue_phrases.jsonl").unlink()
    with pytest.raises(KnowledgeError) as err:
        load_quote_kb(tmp_path)
    assert "cue_phrases.jsonl: missing" in err.value.problems[0]
    assert "reporting_verbs.jsonl" in err.value.problems[0]


def test_load_quote_kb_event_reporting_verbs_are_marked_entries(tmp_path):
    kb = load_quote_kb(DATA_DIR)
    assert {"say", "announce", "believe"} <= kb.event_reporting_verbs
    # speech cues that code events of their own are not event reporting verbs
    assert kb.verbs["urge"] == "speech" and "urge" not in kb.event_reporting_verbs
    folder = _copy_kb(tmp_path)
    with open(folder / "reporting_verbs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "verb:x", "lemma": "mutter", "kind": "speech", "reports_events": "yes"}) + "\n")
        fh.write(json.dumps({"id": "verb:y", "lemma": "loom", "kind": "not_a_cue", "reports_events": True}) + "\n")
    n = len((folder / "reporting_verbs.jsonl").read_text(encoding="utf-8").splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_quote_kb(tmp_path)
    assert f"reporting_verbs.jsonl:{n - 1}: reports_events -> 'yes' must be true or false" in err.value.problems
    assert any(p.startswith(f"reporting_verbs.jsonl:{n}: reports_events -> a verb that is not a cue") for p in err.value.problems)


# Files whose notes moved to data/quotes/README.md; cue_frames/cue_model (generated) and
# speaker_pronouns (shared with the actor stage) have other owners.
PLAIN_FILES = ("reporting_verbs.jsonl", "cue_phrases.jsonl", "quote_marks.jsonl", "source_nouns.jsonl")


@pytest.mark.parametrize("name", PLAIN_FILES)
def test_quote_kb_files_are_plain_json_lines(name):
    lines = (DATA_DIR / "quotes" / name).read_text(encoding="utf-8").splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)


def test_quote_kb_every_reporting_verb_entry_loads():
    lines = (DATA_DIR / "quotes" / "reporting_verbs.jsonl").read_text(encoding="utf-8").splitlines()
    kb = load_quote_kb(DATA_DIR)
    assert len(kb.verbs) == len(lines)
    assert kb.event_reporting_verbs <= {lemma for lemma, kind in kb.verbs.items() if kind != "not_a_cue"}
