"""No hidden clock: an undated article's offices are read on an explicit reference date, or not at all."""

from __future__ import annotations

import pytest

from dyadscope.actors import actor_mentions, resolve_phrase
from dyadscope.pipeline import process_doc
from dyadscope.records import Article

TEXT = "Tomas Ekdahl opened the new bridge over the fjord."


def ekdahl(nlp, kb, *, date=None, reference_date=None):
    article = Article(doc_id="t", text=TEXT, date=date)
    ms = actor_mentions(nlp(TEXT), article=article, kb=kb, reference_date=reference_date)
    return next(m for m in ms if m.name == "Tomas Ekdahl")


def test_reference_date_undated_article_without_one_leaves_the_office_unknown(nlp, small_kb):
    m = ekdahl(nlp, small_kb)
    assert (m.code, m.country, m.sector, m.former) == ("NOR", "NOR", None, False)


@pytest.mark.parametrize(("reference_date", "code"), [("2012-05-01", "NORGOV"), ("2016-05-01", "NORELI")])
def test_reference_date_reads_offices_of_an_undated_article(nlp, small_kb, reference_date, code):
    assert ekdahl(nlp, small_kb, reference_date=reference_date).code == code


def test_reference_date_never_overrides_the_article_date(nlp, small_kb):
    assert ekdahl(nlp, small_kb, date="2012-05-01", reference_date="2016-05-01").code == "NORGOV"


def test_reference_date_must_be_iso(nlp, small_kb):
    with pytest.raises(ValueError, match="not an ISO date"):
        ekdahl(nlp, small_kb, reference_date="May 2010")


def test_reference_date_phrase_mode(small_kb):
    assert resolve_phrase("Tomas Ekdahl", kb=small_kb).sector is None
    assert resolve_phrase("Tomas Ekdahl", kb=small_kb, reference_date="2012-05-01").code == "NORGOV"


def test_reference_date_is_recorded_with_the_result(nlp, small_kb):
    article = Article(doc_id="t", text=TEXT)
    result = process_doc(nlp(TEXT), article, kb=small_kb, reference_date="2012-05-01")
    assert result.reference_date == "2012-05-01"
    assert [m.code for m in result.mentions if m.name == "Tomas Ekdahl"] == ["NORGOV"]
    assert process_doc(nlp(TEXT), article, kb=small_kb).reference_date is None
