"""`dyadscope knowledge check` on actor files: duplicate ids, variants that name another entry, comment-free files."""

from __future__ import annotations

import json

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge.actors import load_actor_kb
from dyadscope.knowledge.lexicon import Lexicon
from dyadscope.knowledge.load import DATA_DIR


def _write(tmp_path, name, entries):
    folder = tmp_path / "actors"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def _problems(tmp_path):
    with pytest.raises(KnowledgeError) as info:
        load_actor_kb(tmp_path, lexicon=Lexicon(), pronouns=())
    return info.value.problems


def test_actor_checks_duplicate_id_within_a_kind(tmp_path):
    _write(tmp_path, "orgs.jsonl", [
        {"id": "tfa", "name": "Tarnwick Farmers Association", "country": "NOR", "sector": "AGR"},
        {"id": "tfa", "name": "Tarnwick Film Academy", "country": "NOR", "sector": "EDU"},
    ])
    assert _problems(tmp_path) == ["orgs.jsonl:2: id -> 'tfa' is already used at orgs.jsonl:1"]


def test_actor_checks_same_id_in_another_kind_is_fine(tmp_path):
    _write(tmp_path, "orgs.jsonl", [{"id": "tarn", "name": "Tarnwick Council", "country": "NOR", "sector": "GOV"}])
    _write(tmp_path, "media.jsonl", [{"id": "tarn", "name": "Tarnwick Gazette", "country": "NOR"}])
    assert len(load_actor_kb(tmp_path, lexicon=Lexicon(), pronouns=()).entries) == 2


@pytest.mark.parametrize("variant", ["Velmora Mining", "VELMORA MINING", "velmora"])
def test_actor_checks_variant_that_is_another_entrys_name_or_id(tmp_path, variant):
    # one company given another company's name: that name would resolve to the wrong body
    _write(tmp_path, "orgs.jsonl", [
        {"id": "velmora", "name": "Velmora Mining", "country": "NOR", "sector": "BUS"},
        {"id": "skarn", "name": "Skarn Shipping", "variants": [variant], "country": "NOR", "sector": "BUS"},
    ])
    problems = _problems(tmp_path)
    assert problems == [f"orgs.jsonl:2: variants -> {variant!r} is the name or id of another entry "
                        "(kb:organization:velmora)"]


def test_actor_checks_sector_pattern_listed_twice(tmp_path):
    _write(tmp_path, "sectors.jsonl", [
        {"pattern": "harbour pilot", "sector": "CVL", "kind": "person"},
        {"pattern": "harbour pilot", "sector": "BUS", "kind": "person"},
    ])
    assert _problems(tmp_path) == ["sectors.jsonl:2: pattern -> 'harbour pilot' is already listed at sectors.jsonl:1"]


def test_actor_checks_shipped_files_are_plain_json_lines_and_csv():
    folder = DATA_DIR / "actors"
    for path in sorted(folder.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert isinstance(json.loads(line), dict), f"{path.name}:{lineno}"
    lines = (folder / "countries.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("iso3,") and not any(line.lstrip().startswith("#") for line in lines)


def test_actor_checks_plural_person_role_matches_its_singular(tmp_path):
    _write(tmp_path, "sectors.jsonl", [
        {"pattern": "lamplighters", "sector": "CVL", "kind": "person"},
        {"pattern": "ferry crews", "sector": "BUS", "kind": "person"},
        {"pattern": "brigades", "sector": "MIL", "kind": "person", "collective": True},
        {"pattern": "dockyards", "sector": "BUS", "kind": "organization"},
        {"pattern": "pilots", "sector": "BUS", "kind": "person"},
        {"pattern": "pilot", "sector": "MIL", "kind": "person"},
    ])
    roles = load_actor_kb(tmp_path, lexicon=Lexicon(), pronouns=()).index.roles
    assert roles[("lamplighter",)].sector == "CVL"
    assert roles[("ferry", "crew")].sector == "BUS"
    assert ("brigade",) not in roles          # one of the brigades is not "a brigade" person
    assert ("dockyard",) not in roles         # only person roles get a singular
    assert roles[("pilot",)].sector == "MIL"  # a singular listed with its own sector keeps it


def test_actor_checks_collective_must_be_a_boolean(tmp_path):
    _write(tmp_path, "sectors.jsonl", [{"pattern": "brigades", "sector": "MIL", "kind": "person", "collective": "yes"}])
    assert _problems(tmp_path) == ["sectors.jsonl:1: collective -> must be true or false"]


@pytest.mark.parametrize("word, expected", [
    ("medics", ["medic"]), ("nurses", ["nurse"]), ("churches", ["church"]), ("boxes", ["box"]),
    ("spies", ["spy"]), ("gunmen", ["gunman"]), ("press", []), ("corpus", []), ("police", []),
])
def test_actor_checks_singular_forms(word, expected):
    from dyadscope.knowledge.entries import singular_forms
    assert singular_forms(word) == expected
