"""Speaker phrases (dyadscope.quotes.speakers) on parses built by hand, where the parser's mistake is the case."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyadscope.quotes.speakers import SpeakerResolver
from dyadscope.records import Mention

_VOCAB = spacy.blank("en").vocab

# "Ana Ruiz chairs the panel . Ruiz , however , suggests the dam will hold ." with the second
# "Ruiz" read as an adverb.
_ROWS = [("Ana", 1, "compound", "PROPN", "NNP"), ("Ruiz", 2, "nsubj", "PROPN", "NNP"),
         ("chairs", 2, "ROOT", "VERB", "VBZ"), ("the", 4, "det", "DET", "DT"), ("panel", 2, "dobj", "NOUN", "NN"),
         (".", 2, "punct", "PUNCT", "."),
         ("Ruiz", 10, "advmod", "ADV", "RB"), (",", 10, "punct", "PUNCT", ","), ("however", 10, "advmod", "ADV", "RB"),
         (",", 10, "punct", "PUNCT", ","), ("suggests", 10, "ROOT", "VERB", "VBZ"), ("the", 12, "det", "DET", "DT"),
         ("dam", 14, "nsubj", "NOUN", "NN"), ("will", 14, "aux", "AUX", "MD"), ("hold", 10, "ccomp", "VERB", "VB"),
         (".", 10, "punct", "PUNCT", ".")]


def _doc():
    words, heads, deps, pos, tags = zip(*_ROWS)
    return Doc(_VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags))


def _mention(doc, i, j, country="CHL"):
    span = doc[i:j]
    return Mention(span.start_char, span.end_char, span.text, "Ana Ruiz", country + "GOV", country, "GOV", "person")


def test_speakers_name_before_a_subjectless_cue_from_its_mention(kb):
    doc = _doc()
    r = SpeakerResolver(doc, [_mention(doc, 6, 7)], kb)
    assert r.name_before(doc[10]).i == 6
    assert r.name_before(doc[10], limit=(6, 16)) is None  # never inside the quotation


def test_speakers_name_before_a_subjectless_cue_from_a_known_surname(kb):
    doc = _doc()
    r = SpeakerResolver(doc, [_mention(doc, 0, 2)], kb)
    head = r.name_before(doc[10])
    assert head.i == 6
    assert r.resolve(head).country == "CHL"


def test_speakers_no_name_before_a_cue_after_an_unknown_word(kb):
    doc = _doc()
    assert SpeakerResolver(doc, [], kb).name_before(doc[10]) is None
