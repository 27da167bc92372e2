"""No hidden clock: an undated article's offices are read on an explicit reference date, or not at all."""

from __future__ import annotations

import pytest

from dyadscope.actors import actor_mentions, resolve_phrase
from dyadscope.pipeline import process_doc
from dyadscope.records import Article

TEXT = "Angela Merkel opened the new bridge over the river."


def merkel(nlp, kb, *, date=None, reference_date=None):
    article = Article(doc_id="t", text=TEXT, date=date)
    ms = actor_mentions(nlp(TEXT), article=article, kb=kb, reference_date=reference_date)
    return next(m for m in ms if m.name == "Angela Merkel")


def test_reference_date_undated_article_without_one_leaves_the_office_unknown(nlp, kb):
    m = merkel(nlp, kb)
    assert (m.code, m.country, m.sector, m.former) == ("DEU", "DEU", None, False)


@pytest.mark.parametrize(("reference_date", "code"), [("2010-05-01", "DEUGOV"), ("2024-05-01", "DEUELI")])
def test_reference_date_reads_offices_of_an_undated_article(nlp, kb, reference_date, code):
    assert merkel(nlp, kb, reference_date=reference_date).code == code


def test_reference_date_never_overrides_the_article_date(nlp, kb):
    assert merkel(nlp, kb, date="2010-05-01", reference_date="2024-05-01").code == "DEUGOV"


def test_reference_date_must_be_iso(nlp, kb):
    with pytest.raises(ValueError, match="not an ISO date"):
        merkel(nlp, kb, reference_date="May 2010")


def test_reference_date_phrase_mode(kb):
    assert resolve_phrase("Angela Merkel", kb=kb).sector is None
    assert resolve_phrase("Angela Merkel", kb=kb, reference_date="2010-05-01").code == "DEUGOV"


def test_reference_date_is_recorded_with_the_result(nlp, kb):
    article = Article(doc_id="t", text=TEXT)
    result = process_doc(nlp(TEXT), article, kb=kb, reference_date="2010-05-01")
    assert result.reference_date == "2010-05-01"
    assert process_doc(nlp(TEXT), article, kb=kb).reference_date is None
