"""Within-document coreference: dyads, pronouns and surnames."""

from __future__ import annotations

import pytest

from dyadscope.actors import actor_mentions
from dyadscope.records import Article

pytestmark = pytest.mark.slow


def mentions_of(nlp, kb, text, date="2021-06-01"):
    return actor_mentions(nlp(text), article=Article(doc_id="t", text=text, date=date), kb=kb)


@pytest.mark.parametrize(
    ("text", "phrase", "members"),
    [
        ("Egypt and Jordan signed a water accord. The two countries will share data.", "The two countries", ["EGY", "JOR"]),
        ("Brazil courted Argentina for years. Both sides now want a deal.", "Both sides", ["BRA", "ARG"]),
        ("India and Japan held talks, and the two agreed on a plan.", "the two", ["IND", "JPN"]),
    ],
)
def test_coref_dyad_phrase_is_a_group(nlp, kb, text, phrase, members):
    ms = mentions_of(nlp, kb, text)
    hits = [m for m in ms if m.text == phrase]
    assert hits, [m.text for m in ms]
    g = hits[0]
    assert g.kind == "group" and sorted(a.country for a in g.members) == sorted(members)
    assert g.antecedent is not None and g.antecedent < g.start


def test_coref_he_refers_to_the_last_person(nlp, kb):
    text = "Vladimir Putin visited Ankara in May. He met local officials."
    ms = mentions_of(nlp, kb, text)
    he = [m for m in ms if m.text == "He"][0]
    putin = [m for m in ms if m.name == "Vladimir Putin"][0]
    assert he.kind == "pronoun" and he.antecedent == putin.start and he.code == "RUSGOV"


def test_coref_it_refers_to_the_only_state(nlp, kb):
    ms = mentions_of(nlp, kb, "Japan says it will not change course.")
    it = [m for m in ms if m.text == "it"][0]
    assert it.country == "JPN" and it.antecedent == 0


def test_coref_it_stays_unresolved_with_two_states(nlp, kb):
    ms = mentions_of(nlp, kb, "Japan told China that it will not change course.")
    assert not [m for m in ms if m.text == "it"]


def test_coref_two_surnames(nlp, kb):
    text = ("The study by Jonas Brandvold and Elif Karataş-Demir, who both work at Chatham House, appeared "
            "on Monday. Brandvold and Karataş-Demir say the sanctions failed.")
    ms = mentions_of(nlp, kb, text)
    later = [m for m in ms if m.start > text.index("Monday")]
    names = {m.name for m in later if m.kind == "person"}
    assert {"Jonas Brandvold", "Elif Karataş-Demir"} <= names
    assert all(m.antecedent is not None for m in later if m.kind == "person")
    assert all(m.country == "GBR" for m in later if m.kind == "person")


@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        # the subject of the governing clause beats a nearer or more prominent actor
        ("Two Dutch analysts wrote a report. Second, the Chinese were seen as siding with Pakistan "
         "because they funded its new port.", "they", ("CHN", ())),
        ("The Kremlin said it would respond to the sanctions.", "it", ("RUS", ())),
        # a coordinated subject is a group
        ("Egypt and Jordan said they would share the data.", "they", (None, ("EGY", "JOR"))),
        # "we" is the body, or the official's country, that says the sentence
        ("\"We will not give in,\" the Turkish Foreign Ministry said.", "We", ("TUR", ())),
        ("\"We reject the plan,\" Chinese Foreign Minister Wang Yi said on Monday.", "We", ("CHN", ())),
    ],
)
def test_coref_pronoun_prefers_clause_subject(nlp, kb, text, pronoun, expected):
    ms = mentions_of(nlp, kb, text)
    hits = [m for m in ms if m.text == pronoun and m.kind == "pronoun"]
    assert hits, [(m.text, m.kind) for m in ms]
    m = hits[0]
    assert (m.country, tuple(a.country for a in m.members)) == expected
    assert m.antecedent is not None  # the speaker of a quote may come after it


@pytest.mark.parametrize(
    "text",
    [
        # two bodies of different countries before "it": ambiguous, left alone
        "Ankara pushed the UN refugee agency out, although it still had funds.",
        # a possessive in the subject's own clause adds no actor
        "Chile and Peru welcomed their resumption of ties with Bolivia.",
    ],
)
def test_coref_ambiguous_or_own_pronoun_is_left_alone(nlp, kb, text):
    ms = mentions_of(nlp, kb, text)
    assert not [m for m in ms if m.kind == "pronoun" and m.text.lower() in ("it", "their")], \
        [(m.text, m.country) for m in ms if m.kind == "pronoun"]


@pytest.mark.parametrize(
    ("text", "phrase", "codes"),
    [
        ("Sudanese government troops fought SPLA rebels near Juba. The two sides agreed to a truce.", "The two sides",
         ["SDNMIL", "SDNREB"]),
        ("Putin met Erdogan in Sochi. The two agreed on a ceasefire.", "The two", ["RUSGOV", "TURGOV"]),
    ],
)
def test_coref_two_sides_need_not_be_states(nlp, kb, text, phrase, codes):
    ms = mentions_of(nlp, kb, text)
    g = [m for m in ms if m.text == phrase]
    assert g and g[0].kind == "group" and [a.code for a in g[0].members] == codes


@pytest.mark.parametrize(
    ("text", "role", "codes"),
    [
        ("Iran said its forces would respond.", "forces", ["IRNMIL"]),
        ("Egypt and Jordan moved their troops to the border.", "troops", ["EGYMIL", "JORMIL"]),
        ("Putin said his government would not yield.", "government", ["RUSGOV"]),
    ],
)
def test_coref_possessive_gives_the_role_its_country(nlp, kb, text, role, codes):
    m = [x for x in mentions_of(nlp, kb, text) if x.text == role][0]
    got = [a.code for a in m.members] if m.members else [m.code]
    assert got == codes and m.antecedent is not None
