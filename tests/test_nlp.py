"""The spaCy pipeline as we load it: runs without whitespace cost linear time (issue 16, item 2);
the token columns the stages share."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from dyadscope.nlp import entities, release_spans, sentences, token_columns

pytestmark = pytest.mark.slow  # loads the model


@pytest.mark.parametrize("unit", ["](", "&#", "**", "[[", "((", "<>"])
def test_nlp_long_run_without_whitespace_is_tokenized_in_linear_time(nlp, unit):
    text = "Peru and Chile met. " + unit * 16_000 + " Bolivia stayed away.\n"  # 32 KB in one run
    started = time.perf_counter()
    doc = nlp.tokenizer(text)
    assert time.perf_counter() - started < 2  # spaCy's own tokenizer: over a minute
    assert doc.text == text
    assert [t.text for t in doc[:5]] == ["Peru", "and", "Chile", "met", "."]
    assert [t.text for t in doc[-5:]] == ["Bolivia", "stayed", "away", ".", "\n"]


def test_nlp_text_without_long_runs_is_tokenized_by_spacy_alone(nlp):
    text = 'The envoy said: "We don\'t accept it," at https://example.org/a/b?c=d in Lima.  Then\n\nleft.'
    wrapped = nlp.tokenizer
    assert [(t.text, t.whitespace_, t.norm_) for t in wrapped(text)] == \
        [(t.text, t.whitespace_, t.norm_) for t in wrapped.tokenizer(text)]
    long_link = "See https://example.org/" + "a1/" * 100 + " now."
    doc = nlp(long_link)
    assert doc.text == long_link and doc[-1].text == "." and doc[-2].text == "now"


def _attributes(doc):
    return [(t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.idx, t.head.i, len(t.text), int(t.is_space))
            for t in doc]


COLUMN_NAMES = ("lower", "lemma", "pos", "tag", "dep", "idx", "head", "length", "is_space")


def test_nlp_token_columns_equal_the_token_attributes_whichever_columns_are_asked_first(nlp):
    doc = nlp("Chile's envoy met the Peruvian minister in Lima.\n\nBolivia objected to the talks.")
    assert token_columns(doc, ("idx",))[0] == tuple(t.idx for t in doc)  # one column first: all are read
    assert list(zip(*token_columns(doc, COLUMN_NAMES))) == _attributes(doc)
    (flags,) = token_columns(doc, ("sent_start",))
    assert [i for i, flag in enumerate(flags) if flag == 1] == [sent.start for sent in doc.sents]


def test_nlp_token_columns_are_read_again_after_the_doc_is_retokenized(nlp):
    doc = nlp("The Peruvian foreign minister arrived in Santa Cruz on Monday.")
    token_columns(doc, ("lower",))
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[6:8])
    assert list(zip(*token_columns(doc, COLUMN_NAMES))) == _attributes(doc)


def test_nlp_sentences_and_entities_are_kept_per_doc_and_equal_spacys(nlp):
    doc = nlp("Chile's envoy met the Peruvian minister in Lima on Monday. Bolivia objected to the talks.")
    other = nlp("Peru and Bolivia signed a treaty.")
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert [(e.text, e.label_) for e in entities(doc)] == [(e.text, e.label_) for e in doc.ents]
    assert sentences(doc) is sentences(doc) and entities(doc) is entities(doc)  # built once
    assert [s.text for s in sentences(other)] == ["Peru and Bolivia signed a treaty."]  # per document
    assert [e.text for e in entities(other)] == [e.text for e in other.ents]
    with doc.retokenize() as retokenizer:  # a doc changed after the first call is read again
        retokenizer.merge(doc[0:3])
    assert [s.start for s in sentences(doc)] == [s.start for s in doc.sents]
    assert [(e.start, e.end) for e in entities(doc)] == [(e.start, e.end) for e in doc.ents]


def test_nlp_a_doc_whose_spans_are_released_is_freed_without_the_garbage_collector(nlp):
    doc = nlp("Peru met Chile in Lima. Bolivia left.")
    sentences(doc), entities(doc), token_columns(doc, ("lower",))
    release_spans(doc)
    assert "dyadscope.token_columns" in doc.user_data  # the columns hold no spans: kept
    ref = weakref.ref(doc)
    gc.disable()
    try:
        del doc
        assert ref() is None
    finally:
        gc.enable()
