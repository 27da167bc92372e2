"""The spaCy pipeline as we load it: runs without whitespace cost linear time (issue 16, item 2)."""

from __future__ import annotations

import time

import pytest

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
