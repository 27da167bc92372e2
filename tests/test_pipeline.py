"""The core pipeline's error policy: a stage that raises costs only its document, named in the Failure."""

from __future__ import annotations

import pytest

from dyadscope import pipeline
from dyadscope.errors import StageError
from dyadscope.records import Article, ArticleResult, Failure

TEXTS = {
    "a": "Chile and Peru signed a fisheries accord in Lima on Monday.",
    "b": "The mayor said the bridge would reopen in spring. BROKEN",
    "c": "Argentina recalled its ambassador from Uruguay.",
}


def _articles():
    return [Article(doc_id=k, text=v, source_path=f"{k}.txt", date="2021-03-10") for k, v in TEXTS.items()]


def _raising_on_broken(func):
    def stage(doc, **kwargs):
        if "BROKEN" in doc.text:
            raise ValueError("a rule tripped")
        return func(doc, **kwargs)
    return stage


@pytest.mark.parametrize("stage, name", [("actors", "actor_mentions"), ("quotes", "quotations"), ("events", "coded_events")])
def test_pipeline_stage_error_fails_only_its_document(nlp, kb, monkeypatch, stage, name):
    monkeypatch.setattr(pipeline, name, _raising_on_broken(getattr(pipeline, name)))
    results = list(pipeline.process_articles(_articles(), nlp=nlp, kb=kb, batch_size=2))
    assert [type(r) for r in results] == [ArticleResult, Failure, ArticleResult]
    assert results[1].source == "b.txt"
    assert results[1].reason.startswith(f"internal error: {stage} stage failed: ValueError: a rule tripped (a bug in dyadscope")
    assert [r.article.doc_id for r in results if isinstance(r, ArticleResult)] == ["a", "c"]


def test_pipeline_process_doc_names_the_stage(nlp, kb, monkeypatch):
    monkeypatch.setattr(pipeline, "quotations", _raising_on_broken(pipeline.quotations))
    article = _articles()[1]
    with pytest.raises(StageError) as info:
        pipeline.process_doc(nlp(article.text), article, kb=kb)
    assert info.value.stage == "quotes" and isinstance(info.value.error, ValueError)
    assert isinstance(info.value.__cause__, ValueError)


def test_pipeline_results_of_a_clean_batch(nlp, kb):
    results = list(pipeline.process_articles(_articles(), nlp=nlp, kb=kb))
    assert all(isinstance(r, ArticleResult) for r in results)
    assert [r.article.doc_id for r in results] == ["a", "b", "c"]
