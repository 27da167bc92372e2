"""he/she: which person a pronoun stands for (actors.coref.pronoun_person.v1), on sentences of our own."""

from __future__ import annotations

import pytest

from dyadscope.actors.pronouns import quoted_spans

from .helpers import find, mentions_on

pytestmark = pytest.mark.slow


def _pronoun(ms, text, nth=0):
    hits = [m for m in ms if m.text == text and m.kind == "pronoun"]
    assert len(hits) > nth, [(m.text, m.kind, m.name) for m in ms]
    return hits[nth]


def test_pronouns_quoted_spans_stay_in_their_paragraph():
    text = 'A said "one two" and \u201cthree\n four\u201d then \u201cfive\u201d.'
    assert [text[s:e] for s, e in quoted_spans(text)] == ['"one two"', "\u201cfive\u201d"]


def test_pronouns_person_named_inside_a_quotation_is_not_the_speaker(nlp, small_kb):
    text = ("Tomas Ekdahl spoke at the harbour on Monday. \u201cNobody worked harder for this port than "
            "Jorge Ruiz,\u201d he said.")
    he = _pronoun(mentions_on(nlp, small_kb, text, "2012-06-01"), "he")
    assert he.name == "Tomas Ekdahl" and he.country == "NOR"


def test_pronouns_person_inside_the_pronouns_own_quotation_counts(nlp, small_kb):
    text = "\u201cI met Jorge Ruiz in Lima and he was tired,\u201d the driver said."
    he = _pronoun(mentions_on(nlp, small_kb, text, "2012-06-01"), "he")
    assert he.name == "Jorge Ruiz"


def test_pronouns_earlier_sentence_main_subject_beats_a_nearer_person(nlp, small_kb):
    text = ("Tomas Ekdahl repeated that no deal was possible while Jorge Ruiz stayed in office. "
            "He said the talks would wait.")
    he = _pronoun(mentions_on(nlp, small_kb, text, "2012-06-01"), "He")
    assert he.name == "Tomas Ekdahl"


def test_pronouns_same_sentence_takes_the_nearest_person(nlp, small_kb):
    text = "Tomas Ekdahl phoned Jorge Ruiz, who said he would come."
    he = _pronoun(mentions_on(nlp, small_kb, text, "2012-06-01"), "he")
    assert he.name == "Jorge Ruiz"


def test_pronouns_an_earlier_he_carries_the_person_on(nlp, small_kb):
    text = ("Tomas Ekdahl left for Lima in May. He was given the nickname Jorge Ruiz by the crew there. "
            "Later he visited Oslo twice.")
    ms = mentions_on(nlp, small_kb, text, "2012-06-01")
    later = _pronoun(ms, "he")
    assert later.name == "Tomas Ekdahl" and later.antecedent == find(ms, "Tomas Ekdahl").start


def test_pronouns_he_after_a_resolved_role(nlp, small_kb):
    text = "The Peruvian foreign minister arrived in Oslo on Monday. He said the talks would resume."
    he = _pronoun(mentions_on(nlp, small_kb, text, "2012-06-01"), "He")
    assert (he.country, he.sector) == ("PER", "GOV")


def test_pronouns_he_never_takes_a_plural_role(nlp, small_kb):
    text = "Peruvian officials arrived in Oslo on Monday. He said the talks would resume."
    ms = mentions_on(nlp, small_kb, text, "2012-06-01")
    assert not [m for m in ms if m.text == "He" and m.kind == "pronoun"]
