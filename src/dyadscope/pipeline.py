"""The core: a pure function from one parsed article to its records, and a batch driver around it.

Stages run in one visible order: actors, then quotes (they need actors for speakers), then events
(they need quotes to mark reported events) and assessments (they need quotes for holders). Nothing
here touches storage or prints.

Errors are handled alike for every stage: a stage does not catch its own exceptions; the one
place that does is :func:`process_articles`, which turns an exception of any stage into that
document's :class:`Failure` naming the stage ("internal error: quotes stage failed: ValueError:
...") and goes on with the batch; a document past its time budget is refused the same way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from .actors import actor_mentions
from .assessments import relationship_assessments
from .budget import Budget, BudgetExceeded, deadline, default_budget, refusal
from .errors import StageError, internal_error
from .events import coded_events
from .knowledge import Knowledge
from .nlp import release_spans, sentences as doc_sentences
from .quotes import quotations
from .records import Article, ArticleResult, Failure
from .settings import BATCH_SIZE

log = logging.getLogger(__name__)


def _stage(name: str, func, doc, **kwargs):
    """``func(doc, **kwargs)``, any exception raised as a :class:`StageError` naming the stage."""
    try:
        return func(doc, **kwargs)
    except Exception as e:
        raise StageError(name, e) from e


def process_doc(doc, article: Article, *, kb: Knowledge, reference_date: str | None = None) -> ArticleResult:
    """All records of one article from its spaCy ``doc`` (parsed from ``article.text``).

    ``reference_date`` (ISO ``YYYY-MM-DD``) is the day known people's offices are read on when
    the article has no date; without one they are left without a sector. It is recorded with
    the result.

    Raises:
        StageError: when a stage raised; ``stage`` names it.
    """
    try:
        mentions = _stage("actors", actor_mentions, doc, article=article, kb=kb, reference_date=reference_date)
        quotes = _stage("quotes", quotations, doc, article=article, mentions=mentions, kb=kb)
        events = _stage("events", coded_events, doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
        assessments = _stage("assessments", relationship_assessments, doc, article=article, mentions=mentions,
                             quotes=quotes, kb=kb)
        sentences = tuple((s.start_char, s.end_char) for s in doc_sentences(doc))
    finally:
        release_spans(doc)  # the doc is freed when its last reference goes, not by the collector
    return ArticleResult(
        article=article,
        sentences=sentences,
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        events=tuple(events),
        reference_date=reference_date,
        assessments=tuple(assessments),
    )


def process_articles(
    articles: Iterable[Article], *, nlp, kb: Knowledge, batch_size: int = BATCH_SIZE, reference_date: str | None = None,
    budget: Budget = default_budget,
) -> Iterator[ArticleResult | Failure]:
    """Parse articles in batches with ``nlp.pipe`` and yield one result (or failure) per article.

    ``reference_date`` is passed to :func:`process_doc` for every article.

    Whatever goes wrong with one article becomes its :class:`Failure` and the batch goes on: an
    exception of our own is an ``internal error: ...`` naming the stage ("internal error: events
    stage failed: KeyError: ..."), an article that takes longer than its time ``budget``
    (tokenizing and coding together, seconds for its length) is refused as bad input.
    """
    it = iter(articles)
    while chunk := list(islice(it, batch_size)):
        yield from _process_chunk(chunk, nlp, kb, batch_size, budget, reference_date)


#: A document of more tokens than this is parsed on its own, within what is left of its time
#: budget (a batch cannot be stopped for one document); news articles have a few thousand.
PARSE_ALONE_TOKENS = 10_000


def _process_chunk(chunk: list[Article], nlp, kb: Knowledge, batch_size: int, budget: Budget,
                   reference_date: str | None):
    out: list[ArticleResult | Failure | None] = [None] * len(chunk)
    left: dict[int, float | None] = {}
    total: dict[int, float | None] = {}
    docs = []
    for i, article in enumerate(chunk):
        started = time.monotonic()
        seconds = total[i] = budget(len(article.text))
        out[i] = _guard(article, seconds, lambda: docs.append((nlp.make_doc(article.text), i)), "tokenizer failed")
        left[i] = None if seconds is None else max(1.0, seconds - (time.monotonic() - started))
    batched = dict((i, doc) for doc, i in _parsed(nlp, [(d, i) for d, i in docs if len(d) <= PARSE_ALONE_TOKENS],
                                                   batch_size))
    for doc, i in docs:
        article = chunk[i]
        if i in batched:
            doc = batched[i]
        else:
            started = time.monotonic()
            doc = _guard(article, left[i], lambda: nlp(doc), "spaCy parse failed", total[i])
            if isinstance(doc, Failure):
                out[i] = doc
                continue
            left[i] = None if left[i] is None else max(1.0, left[i] - (time.monotonic() - started))
        if isinstance(doc, Exception):
            out[i] = Failure(_source(article), internal_error(doc, "spaCy parse failed"))
        else:
            out[i] = _guard(article, left[i], lambda: process_doc(doc, article, kb=kb, reference_date=reference_date),
                            "processing failed", total[i])
    yield from out


def _parsed(nlp, docs: list[tuple], batch_size: int) -> list[tuple]:
    """(parsed doc, index) for each (tokenized doc, index); when the batch fails, each doc is parsed
    on its own and one that still fails comes back as (the exception, index)."""
    try:
        return list(nlp.pipe(docs, as_tuples=True, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the one document that broke the batch
        log.debug("a spaCy batch failed; parsing its documents one by one", exc_info=True)
    parsed = []
    for doc, i in docs:
        try:
            parsed.append((nlp(doc), i))
        except Exception as e:  # noqa: BLE001
            log.debug("spaCy failed on document %d of the batch", i, exc_info=True)
            parsed.append((e, i))
    return parsed


def _source(article: Article) -> str:
    return article.source_path or article.doc_id


def _guard(article: Article, seconds: float | None, work, what: str, whole: float | None = None):
    """``work()`` within ``seconds``; an exception or running out of time becomes the article's
    Failure (a refusal naming the ``whole`` budget of the document, of which ``seconds`` were left)."""
    try:
        with deadline(seconds):
            return work()
    except BudgetExceeded as e:
        return Failure(_source(article), refusal(BudgetExceeded(whole) if whole else e, len(article.text)))
    except Exception as e:  # noqa: BLE001 - one bad document must not stop a batch
        log.debug("processing %s failed", article.doc_id, exc_info=True)
        return Failure(_source(article), internal_error(e, what))
