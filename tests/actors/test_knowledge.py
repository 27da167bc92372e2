"""User actor dictionaries in our own format (YAML, CSV, JSONL) on top of the shipped files."""

from __future__ import annotations

import pytest

from dyadscope.actors import resolve_phrase

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge import load_knowledge


@pytest.mark.parametrize("suffix", ["yaml", "csv", "jsonl"])
def test_knowledge_user_dictionary_formats(tmp_path, suffix):
    path = tmp_path / f"mine.{suffix}"
    if suffix == "yaml":
        path.write_text(
            "- name: Blorvak Institute\n  variants: [Blorvak]\n  country: NOR\n  sector: EDU\n"
            "- name: Zanthia\n  code: ZAN\n  valid_to: 1999-12-31\n"
            "- name: Zanthia\n  code: ZNT\n  valid_from: 2000-01-01\n",
            encoding="utf-8",
        )
    elif suffix == "csv":
        path.write_text(
            "name,variants,code,country,sector,valid_from,valid_to\n"
            "Blorvak Institute,Blorvak,,NOR,EDU,,\n"
            "Zanthia,,ZAN,,,,1999-12-31\n"
            "Zanthia,,ZNT,,,2000-01-01,\n",
            encoding="utf-8",
        )
    else:
        path.write_text(
            '{"name": "Blorvak Institute", "variants": ["Blorvak"], "country": "NOR", "sector": "EDU"}\n'
            '{"name": "Zanthia", "code": "ZAN", "valid_to": "1999-12-31"}\n'
            '{"name": "Zanthia", "code": "ZNT", "valid_from": "2000-01-01"}\n',
            encoding="utf-8",
        )
    actors = load_knowledge(actor_files=[path]).actors
    assert resolve_phrase("Blorvak", kb=actors).code == "NOREDU"
    assert resolve_phrase("Zanthia", date="1995-01-01", kb=actors).code == "ZAN"
    assert resolve_phrase("Zanthia", date="2005-01-01", kb=actors).code == "ZNT"
    assert resolve_phrase("Zanthia's president", date="2005-01-01", kb=actors).code == "ZNTGOV"


def test_knowledge_user_dictionary_errors_cite_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"name": "Fine", "country": "NOR"}\n'
        '{"name": "", "country": "NOR"}\n'
        '{"name": "Wrong sector", "country": "NOR", "sector": "XXX"}\n'
        'not json\n'
        '{"name": "Bad date", "code": "BDD", "valid_from": "yesterday"}\n',
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(actor_files=[path])
    lines = sorted(int(p.split(":")[1]) for p in err.value.problems)
    assert lines == [2, 3, 4, 5]


def test_knowledge_unknown_user_format(tmp_path):
    path = tmp_path / "mine.xml"
    path.write_text("<x/>", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown dictionary format"):
        load_knowledge(actor_files=[path])


def test_knowledge_user_entries_override_shipped(tmp_path):
    path = tmp_path / "override.jsonl"
    path.write_text('{"name": "Reuters", "code": "XXXMED"}\n', encoding="utf-8")
    assert resolve_phrase("Reuters", kb=load_knowledge(actor_files=[path]).actors).code == "XXXMED"
