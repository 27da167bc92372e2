"""The WordNet-generated event vocabulary (scripts/build_event_vocabulary.py): its selection rules on
a tiny invented WordNet, its loading and validation, and triggers it adds on sentences of our own.
The byte-for-byte regeneration runs only where the pinned source tarball is in the build cache."""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.events import coded_events
from dyadscope.knowledge import DATA_DIR
from dyadscope.knowledge.events import load_event_kb
from dyadscope.records import Article

from .helpers import mentions_for

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_event_vocabulary.py"
GENERATED = DATA_DIR / "events" / "generated"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_event_vocabulary", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- a tiny invented WordNet: (offset, lexfile number, words, pointers as (symbol, offset)) ----------

VERB_SYNSETS = [
    ("00000001", 33, ["blorf"], [("~", "00000002"), ("~", "00000003")]),  # verb.competition: an attack
    ("00000002", 33, ["skrim", "gallop"], []),                              # a kind of it
    ("00000003", 33, ["wendle"], []),                                       # a kind of it
    ("00000004", 38, ["gallop"], []),                                       # verb.motion: gallop's own sense
    ("00000005", 29, ["zent"], []),                                         # verb.body: zent's main sense
    ("00000006", 33, ["zent", "pruff"], []),                                # zent's rare attack sense
]
# lemma -> [(offset, tag count)], most frequent first
VERB_SENSES = {"blorf": [("00000001", 4)], "skrim": [("00000002", 0)], "wendle": [("00000003", 0)],
               "gallop": [("00000004", 9), ("00000002", 1)], "zent": [("00000005", 8), ("00000006", 2)],
               "pruff": [("00000006", 0)]}


def _wordnet(build, verb_synsets=VERB_SYNSETS, verb_senses=VERB_SENSES):
    def data(synsets, pos):
        lines = ["  1 an invented header line"]
        for offset, lex, words, pointers in synsets:
            ws = " ".join(f"{w} 0" for w in words)
            ps = " ".join(f"{sym} {target} {pos} 0000" for sym, target in pointers)
            lines.append(f"{offset} {lex:02d} {pos} {len(words):02x} {ws} {len(pointers):03d} {ps} | a gloss")
        return "\n".join(lines)

    def index(senses, pos):
        return "\n".join(f"{lemma} {pos} {len(s)} 0 {len(s)} 0 " + " ".join(o for o, _ in s) for lemma, s in senses.items())

    sense_lines = [f"{lemma}%2:{dict((o, lex) for o, lex, _, _ in verb_synsets)[o]}:00:: {o} {i + 1} {tags}"
                   for lemma, s in verb_senses.items() for i, (o, tags) in enumerate(s)]
    return build.WordNet({"data.verb": data(verb_synsets, "v"), "index.verb": index(verb_senses, "v"),
                          "data.noun": "", "index.noun": "", "index.sense": "\n".join(sense_lines),
                          "LICENSE": "an invented licence"})


def test_event_vocabulary_takes_synonyms_and_troponyms_of_the_seed_sense(build):
    wn = _wordnet(build)
    reached = build.candidates(wn, "v", {"lemma": "blorf", "cameo": "193"}, build.LEXFILES["19"])
    assert {(w, rel) for w, _, rel, _ in reached} == {("blorf", "synonym"), ("skrim", "troponym"),
                                                      ("gallop", "troponym"), ("wendle", "troponym")}
    # "gallop" is reached, but its dominant sense is another: it is not the seed's kind of act
    assert wn.dominant_sense("v", "gallop") == "00000004"
    assert wn.dominant_sense("v", "skrim") == "00000002"


def test_event_vocabulary_seed_whose_dominant_sense_is_elsewhere_seeds_nothing(build):
    wn = _wordnet(build)
    # "zent" mostly names a bodily act; its attack sense is rare: it is no seed of attack words
    assert wn.sense_of("v", "zent", build.LEXFILES["19"]) is None
    assert build.candidates(wn, "v", {"lemma": "zent", "cameo": "193"}, build.LEXFILES["19"]) == []
    # an untagged word with two senses has no dominant one
    senses = dict(VERB_SENSES, pruff=[("00000006", 0), ("00000005", 0)])
    assert _wordnet(build, verb_senses=senses).dominant_sense("v", "pruff") is None


def test_event_vocabulary_general_act_gives_no_troponyms(build, monkeypatch):
    monkeypatch.setattr(build, "MAX_TROPONYMS", 1)
    reached = build.candidates(_wordnet(build), "v", {"lemma": "blorf", "cameo": "193"}, build.LEXFILES["19"])
    assert [w for w, *_ in reached] == ["blorf"]


def test_event_vocabulary_seed_of_a_general_code_gives_synonyms_only(build):
    # "190" names fighting in general: its WordNet kinds are kinds of everyday contests
    reached = build.candidates(_wordnet(build), "v", {"lemma": "blorf", "cameo": "190"}, build.LEXFILES["19"])
    assert [w for w, *_ in reached] == ["blorf"]
    assert build.is_general("19") and build.is_general("060") and not build.is_general("1823")


def test_event_vocabulary_seeds_are_unconditioned_event_patterns(build):
    entries = [{"id": "v.a", "lemma": "blorf", "cameo": "190"},
               {"id": "v.b", "lemma": "wendle", "cameo": "190", "obj": ["bridge"]},
               {"id": "v.c", "lemma": "skrim", "cameo": "020", "embed": "appeal"},
               {"id": "v.d", "lemma": "pruff", "cameo": "010"}]
    kept = build.seeds(entries, {"190", "020"}, ("obj", "prt", "prep", "subj", "compound"))
    assert [e["id"] for e in kept] == ["v.a"]


# -- the shipped files ----------------------------------------------------------------------------


def test_event_vocabulary_ships_with_wordnet_licence_and_provenance():
    assert "Princeton University" in (GENERATED / "WORDNET_LICENSE").read_text(encoding="utf-8")
    hand = {json.loads(line)["id"] for name in ("verbs.jsonl", "nouns.jsonl")
            for line in (DATA_DIR / "events" / name).read_text(encoding="utf-8").splitlines()}
    for name in ("wordnet_verbs.jsonl", "wordnet_nouns.jsonl"):
        for line in (GENERATED / name).read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            assert entry["seed"] in hand and entry["relation"] in ("synonym", "troponym", "derived"), line


def test_event_vocabulary_loads_after_hand_written_patterns():
    ekb = load_event_kb(DATA_DIR)
    assert [p.id for p in ekb.verbs["waylay"]] == ["wn.v.waylay"]
    assert all(not p.id.startswith("wn.") for p in ekb.verbs["attack"])


def test_event_vocabulary_bad_generated_entries_are_reported_with_file_and_line(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    path = tmp_path / "events" / "generated" / "wordnet_verbs.jsonl"
    path.write_text(path.read_text(encoding="utf-8")
                    + '{"id": "wn.v.zorble", "lemma": "zorble", "cameo": "190", "seed": "v.nothing", '
                      '"synset": "verb.contact:01234567", "relation": "troponym"}\n'
                    + '{"id": "wn.v.attack", "lemma": "attack", "cameo": "190", "seed": "v.attack", '
                      '"synset": "contact", "relation": "cousin"}\n', encoding="utf-8")
    n = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_event_kb(tmp_path)
    problems = err.value.problems
    assert f"generated/wordnet_verbs.jsonl:{n - 1}: seed -> 'v.nothing' is not the id of a hand-written pattern" in problems
    assert any(p.startswith(f"generated/wordnet_verbs.jsonl:{n}: synset") for p in problems)
    assert any(p.startswith(f"generated/wordnet_verbs.jsonl:{n}: relation") for p in problems)
    assert not any("lemma ->" in p for p in problems)


def test_event_vocabulary_hand_written_pattern_of_a_generated_lemma_wins(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    path = tmp_path / "events" / "verbs.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + '{"id": "v.waylay", "lemma": "waylay", "cameo": "181"}\n',
                    encoding="utf-8")
    assert [p.id for p in load_event_kb(tmp_path).verbs["waylay"]] == ["v.waylay"]


def test_event_vocabulary_generated_entries_still_match_their_seeds():
    # a seed whose code or frame changed after the last build leaves stale entries: regenerate
    def rows(name):
        with open(DATA_DIR / "events" / name, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    seeds = {e["id"]: e for e in rows("verbs.jsonl") + rows("nouns.jsonl")}
    for name in ("generated/wordnet_verbs.jsonl", "generated/wordnet_nouns.jsonl"):
        for e in rows(name):
            seed = seeds[e["seed"]]
            assert e.get("cameo") == seed.get("cameo"), (name, e["id"])
            if e["id"].startswith("wn.v.") and e["seed"].startswith("v."):
                assert e.get("targets") == seed.get("targets"), (name, e["id"])


def test_event_vocabulary_is_optional(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    shutil.rmtree(tmp_path / "events" / "generated")
    assert "waylay" not in load_event_kb(tmp_path).verbs


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Chile beefed about Peru's tariffs at the summit.", [("CHL", "PER", "114")]),
    # a phrasal verb is another word: "beef up" is strengthening, not complaining
    ("Chile beefed up its border patrols near Peru.", []),
])
def test_event_vocabulary_generated_verb_does_not_match_its_phrasal_verb(nlp, kb, text, expected):
    events = coded_events(nlp(text), article=Article("t", text, date="2021-03-10"), mentions=mentions_for(text),
                          quotes=[], kb=kb)
    got = [(e.source[0].country, e.target[0].country if e.target else None, e.cameo)
           for e in events if "wn.v." in e.rule]
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("Chilean troops waylaid a Peruvian convoy near the border.", ("CHL", "PER", "190", "ASSAULT")),
    ("Chile upbraided Peru over the closure of the port.", ("CHL", "PER", "112", "ACCUSE")),
])
def test_event_vocabulary_generated_trigger_codes_an_event(nlp, kb, text, expected):
    events = coded_events(nlp(text), article=Article("t", text, date="2021-03-10"), mentions=mentions_for(text),
                          quotes=[], kb=kb)
    got = [(e.source[0].country, e.target[0].country if e.target else None, e.cameo, e.event_type)
           for e in events if "wn.v." in e.rule]
    assert got == [expected]


@pytest.mark.slow
def test_event_vocabulary_regenerates_byte_for_byte(build):
    cache = Path(tempfile.gettempdir()) / "dyadscope-build"
    name, version = build.NPM_WORDNET
    if not (cache / f"{name}-{version}.tgz").is_file():
        pytest.skip(f"the pinned source {name}-{version}.tgz is not in {cache} (python {SCRIPT.name} fetches it)")
    from importlib import metadata

    try:
        if metadata.version("wordfreq") != build.PINS["wordfreq"]:
            pytest.skip("the pinned wordfreq is not installed")
    except metadata.PackageNotFoundError:
        pytest.skip("the pinned wordfreq is not installed")
    for file_name, text in build.build(cache).items():
        assert (GENERATED / file_name).read_text(encoding="utf-8") == text, file_name
