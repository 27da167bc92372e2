"""Cue sources (dyadscope.quotes.cues) on parses built by hand, where the parser's mistake is the case."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyadscope.quotes.cues import preceding_name, subject_token

_VOCAB = spacy.blank("en").vocab


def parsed(rows):
    """A Doc from (word, head index, dep, pos, tag) rows; every token followed by a space."""
    words, heads, deps, pos, tags = zip(*rows)
    return Doc(_VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags))


def test_cues_subject_inside_the_quotation_loses_to_the_one_after_the_verb(kb):
    # '"... the marines, held the line," said Ana Ruiz': the parse gives "said" two subjects.
    doc = parsed([("“", 9, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"),
                  ("marines", 9, "nsubj", "PROPN", "NNPS"), ("held", 9, "ccomp", "VERB", "VBD"),
                  ("the", 5, "det", "DET", "DT"), ("line", 3, "dobj", "NOUN", "NN"),
                  (",", 9, "punct", "PUNCT", ","), ("”", 9, "punct", "PUNCT", "''"),
                  ("quickly", 9, "advmod", "ADV", "RB"), ("said", 9, "ROOT", "VERB", "VBD"),
                  ("Ana", 11, "compound", "PROPN", "NNP"), ("Ruiz", 9, "nsubj", "PROPN", "NNP")])
    assert subject_token(doc[9], kb.lexicon).text == "Ruiz"


def test_cues_two_subjects_without_a_quotation_mark_keep_the_first(kb):
    doc = parsed([("Ruiz", 2, "nsubj", "PROPN", "NNP"), ("now", 2, "advmod", "ADV", "RB"),
                  ("said", 2, "ROOT", "VERB", "VBD"), ("Berg", 2, "nsubj", "PROPN", "NNP")])
    assert subject_token(doc[2], kb.lexicon).text == "Ruiz"


@pytest.mark.parametrize("rows, expected", [
    # '"... tomorrow," Ana Ruiz said': the name taken for an adverb
    ([("tomorrow", 5, "npadvmod", "NOUN", "NN"), (",", 5, "punct", "PUNCT", ","),
      ("”", 5, "punct", "PUNCT", "''"), ("Ana", 4, "compound", "PROPN", "NNP"),
      ("Ruiz", 5, "advmod", "PROPN", "NNP"), ("said", 5, "ROOT", "VERB", "VBD")], "Ruiz"),
    # 'the port Ruiz said': no punctuation before the name, so no inverted source
    ([("the", 1, "det", "DET", "DT"), ("port", 3, "dobj", "NOUN", "NN"),
      ("Ruiz", 3, "advmod", "PROPN", "NNP"), ("said", 3, "ROOT", "VERB", "VBD")], None),
])
def test_cues_name_right_before_the_verb_after_a_quotation(rows, expected):
    doc = parsed(rows)
    found = preceding_name(doc[len(doc) - 1])
    assert (found.text if found is not None else None) == expected


def test_cues_participle_takes_the_passive_subject_of_its_clause(kb):
    # "Residents were moved , saying the dam held": the passive subject says it
    doc = parsed([("Residents", 2, "nsubjpass", "NOUN", "NNS"), ("were", 2, "auxpass", "AUX", "VBD"),
                  ("moved", 2, "ROOT", "VERB", "VBN"), (",", 2, "punct", "PUNCT", ","),
                  ("saying", 2, "advcl", "VERB", "VBG"), ("the", 6, "det", "DET", "DT"),
                  ("dam", 7, "nsubj", "NOUN", "NN"), ("held", 4, "ccomp", "VERB", "VBD")])
    assert subject_token(doc[4], kb.lexicon).text == "Residents"
    assert subject_token(doc[2], kb.lexicon) is None  # "moved" itself is no quoting verb


def test_cues_participle_not_from_a_passive_subject_that_is_a_thing(kb):
    # "Her permit was revoked , asking ...": a permit does not ask
    doc = parsed([("Her", 1, "poss", "PRON", "PRP$"), ("permit", 3, "nsubjpass", "NOUN", "NN"),
                  ("was", 3, "auxpass", "AUX", "VBD"), ("revoked", 3, "ROOT", "VERB", "VBN"),
                  (",", 3, "punct", "PUNCT", ","), ("asking", 3, "advcl", "VERB", "VBG"),
                  ("to", 7, "aux", "PART", "TO"), ("return", 5, "xcomp", "VERB", "VB")])
    assert subject_token(doc[5], kb.lexicon) is None
