"""Malformed user dictionaries (issue 16, item 7): each is refused with ``file:line: problem`` (one
KnowledgeError), never a traceback, and never accepted as if it were right; a dictionary whose
substitutions expand past the cap is refused quickly."""

from __future__ import annotations

import time

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.knowledge.actors import load_actor_kb
from dyadscope.knowledge.lexicon import load_lexicon
from dyadscope.knowledge.load import DATA_DIR
from dyadscope.knowledge.pronouns import load_pronouns

GOOD_JSONL = b'{"name": "Andes Rail Board", "country": "PER", "sector": "GOV"}\n'

# (file name, content, the problem's location, words the problem must contain)
BAD = [
    # not UTF-8, or not text
    ("latin1.jsonl", GOOD_JSONL + '{"name": "Jos\xe9 Quispe", "country": "PER"}\n'.encode("latin-1"), ":2:", "not UTF-8"),
    ("latin1.csv", b"name,country\n" + "Jos\xe9 Quispe,PER\n".encode("latin-1"), ":2:", "not UTF-8"),
    ("latin1.yaml", "- name: Jos\xe9 Quispe\n  country: PER\n".encode("latin-1"), ":1:", "not UTF-8"),
    ("bom16.jsonl", GOOD_JSONL.decode().encode("utf-16"), ":1:", "UTF-16"),
    ("bom16.agents.txt", "PRESIDENT [~GOV]\n".encode("utf-16"), ":1:", "UTF-16"),
    ("nobom16.actors.txt", "CHILE [CHL]\n".encode("utf-16-le"), ":1:", "not UTF-8"),
    ("nul.csv", b"name,country\nAndes\x00Rail,PER\n", ":2:", "NUL"),
    ("nul.actors.txt", b"CHILE [CHL]\nPE\x00RU [PER]\n", ":2:", "NUL"),
    ("control.yaml", b"- name: \"Andes \x07Rail\"\n  country: PER\n", ":1:", "control character"),
    # JSON Lines
    ("deep.jsonl", b'{"name": ' + b"[" * 5000 + b"]" * 5000 + b"}\n", ":1:", "nested too deeply"),
    ("digits.jsonl", b'{"name": "A", "code": ' + b"9" * 5000 + b"}\n", ":1:", "not valid JSON"),
    ("array.jsonl", b'["Andes Rail Board", "PER"]\n', ":1:", "expected a JSON object"),
    ("broken.jsonl", GOOD_JSONL + b'{"name": "Bolivia Mining", "country": "BOL"\n', ":2:", "not valid JSON"),
    ("int-code.jsonl", b'{"name": "Andes Rail Board", "code": 123}\n', ":1:", "code"),
    ("list-code.jsonl", b'{"name": "Andes Rail Board", "code": ["PER"]}\n', ":1:", "code"),
    ("escaped-nul.jsonl", b'{"name": "Andes\\u0000Rail", "country": "PER"}\n', ":1:", "NUL"),
    ("name-number.jsonl", b'{"name": 42, "country": "PER"}\n', ":1:", "name"),
    ("empty-name.jsonl", b'{"name": "  ", "country": "PER"}\n', ":1:", "name"),
    ("variants-int.jsonl", b'{"name": "Andes Rail Board", "country": "PER", "variants": 7}\n', ":1:", "variants"),
    ("variant-nul.jsonl", b'{"name": "Andes Rail Board", "country": "PER", "variants": ["A\\u0007B"]}\n', ":1:", "control character"),
    ("kind-dict.jsonl", b'{"name": "Andes Rail Board", "country": "PER", "kind": {"a": 1}}\n', ":1:", "kind"),
    ("country-lower.jsonl", b'{"name": "Andes Rail Board", "country": "per"}\n', ":1:", "country"),
    ("bad-date.jsonl", b'{"name": "Andes Rail Board", "country": "PER", "valid_from": "last spring"}\n', ":1:", "dates"),
    ("state-owned.jsonl", b'{"name": "Andes Rail Board", "country": "PER", "state_owned": "maybe"}\n', ":1:", "state_owned"),
    ("typo.jsonl", b'{"name": "Andes Rail Board", "contry": "PER"}\n', ":1:", "unknown field 'contry'"),
    ("no-code.jsonl", b'{"name": "Andes Rail Board"}\n', ":1:", "code, country or sector"),
    # CSV
    ("huge-field.csv", b"name,country\n\"" + b"A" * 200_000 + b"\",PER\n", ":2:", "CSV"),
    ("open-quote.csv", b"name,country\nAndes Rail,PER\n\"Bolivia Mining,BOL\nPeru Ports,PER\n", ":3:", "quote"),
    ("dup-header.csv", b"name,country,name\nAndes Rail,PER,Other\n", ":1:", "more than once"),
    ("extra-fields.csv", b"name,country\nAndes Rail,PER,GOV,extra\n", ":2:", "fields"),
    ("typo-header.csv", b"name,country,sectr\nAndes Rail,PER,GOV\n", ":2:", "unknown field 'sectr'"),
    ("state-owned.csv", b"name,country,state_owned\nAndes Rail,PER,sometimes\n", ":2:", "state_owned"),
    # YAML
    ("month13.yaml", b"- name: Andes Rail Board\n  country: PER\n  valid_from: 2020-13-01\n", ":1:", "YAML"),
    ("kind-list.yaml", b"- name: Andes Rail Board\n  country: PER\n  kind: [organization]\n", ":1:", "kind"),
    ("sector-list.yaml", b"- name: Andes Rail Board\n  country: PER\n  sector: [GOV, MIL]\n", ":1:", "sector"),
    ("int-code.yaml", b"- name: Andes Rail Board\n  code: 123\n", ":1:", "code"),
    ("mapping.yaml", b"name: Andes Rail Board\ncountry: PER\n", ":1:", "list"),
    ("syntax.yaml", b"- name: [Andes\n  country: PER\n", ":", "not valid YAML"),
    ("tag.yaml", b"- !!python/object:os.system {name: x}\n", ":1:", "YAML"),
    ("laughs.yaml", b"- name: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"  v%d: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % ((i, bytes([98 + i])) + (bytes([97 + i]),) * 9)
        for i in range(9)), ":1:", "unknown field"),
    ("deep.yaml", b"- name: " + b"[" * 3000 + b"]" * 3000 + b"\n", ":", "nested too deeply"),
    # PETRARCH / TABARI
    ("open-comment.actors.txt", b"CHILE [CHL]\n<!-- the rest was meant for later\nPERU [PER]\nBOLIVIA [BOL]\n", ":2:", "never closed"),
    ("self-macro.agents.txt", b"!PERSON! = MAN, !PERSON!MAN\nCONGRESS!PERSON! [~LEG]\n", ":1:", "refers to itself"),
    ("loop-macro.agents.txt", b"!A! = X!B!\n!B! = Y!A!\nLEADER!A! [~GOV]\n", ":", "refers to itself"),
    ("unknown-macro.agents.txt", b"CONGRESS!NOBODY! [~LEG]\n", ":1:", "unknown substitution"),
    ("bad-date.actors.txt", b"CHILE\n\t[CHLGOV 991340 - 000101]\n", ":2:", "impossible date"),
    ("no-code.actors.txt", b"CHILE\nPERU\n", ":1:", "no code"),
    ("bad-block.actors.txt", b"CHILE [CHL <1995]\n", ":1:", "malformed code block"),
    ("bad-agent.agents.txt", b"PRESIDENT [~GOV]\nMINISTER [~g0v]\n", ":2:", "agent code"),
    ("format.json", GOOD_JSONL, "", "unknown dictionary format"),
]


@pytest.fixture(scope="module")
def load(tmp_path_factory):
    lexicon, pronouns = load_lexicon(DATA_DIR), load_pronouns(DATA_DIR)
    empty = tmp_path_factory.mktemp("no-shipped-actors")  # only the user file is read: fast

    def load(*paths):
        return load_actor_kb(empty, list(paths), lexicon=lexicon, pronouns=pronouns)

    return load


@pytest.mark.parametrize(("name", "content", "where", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_dictionary_is_one_knowledge_error_citing_file_and_line(load, tmp_path, name, content, where, words):
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(KnowledgeError) as info:
        load(path)
    assert time.perf_counter() - started < 2
    problems = info.value.problems
    assert any(p.startswith(name + where) and words in p for p in problems), problems
    assert all("\n" not in p for p in problems)


def test_bad_dictionary_substitution_expanding_to_millions_is_refused_quickly(load, tmp_path):
    # 15 macros of 3 names used together: 3**15 = 14 million agent names from two lines' worth
    macros = "".join(f"!M{i}! = A{i}, B{i}, C{i}\n" for i in range(15))
    path = tmp_path / "bomb.agents.txt"
    path.write_text(macros + "LEADER" + "".join(f"_!M{i}!" for i in range(15)) + " [~GOV]\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(KnowledgeError) as info:
        load(path)
    assert time.perf_counter() - started < 2
    (problem,) = info.value.problems
    assert problem.startswith("bomb.agents.txt:16:") and "expands to more than" in problem


def test_bad_dictionary_two_line_macro_bomb_is_refused_quickly(load, tmp_path):
    path = tmp_path / "two-lines.agents.txt"
    names = ", ".join(f"N{i}" for i in range(60))
    path.write_text(f"!X! = {names}\nLEADER_!X!_!X!_!X!_!X! [~GOV]\n", encoding="utf-8")  # 60**4 = 13 million
    started = time.perf_counter()
    with pytest.raises(KnowledgeError, match="expands to more than"):
        load(path)
    assert time.perf_counter() - started < 2


def test_bad_dictionary_good_entries_of_a_file_still_load(load, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_bytes(GOOD_JSONL + b'{"name": "Bolivia Mining Office", "code": "BOLGOV", "state_owned": true}\n')
    kb = load(good)
    assert {e.name for e in kb.entries} == {"Andes Rail Board", "Bolivia Mining Office"}
    assert all(isinstance(c.code, str) for e in kb.entries for c in e.codes)
    csv = tmp_path / "good.csv"
    csv.write_bytes(b"name,country,state_owned\nAndes Rail,PER,false\nPeru Ports,PER,yes\n")
    owned = {e.name: e.state_owned for e in load(csv).entries}
    assert owned == {"Andes Rail": False, "Peru Ports": True}
