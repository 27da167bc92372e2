"""The core: a pure function from one parsed article to its records, and a batch driver around it.

Stages run in one visible order: actors, then quotes (they need actors for speakers), then events
(they need quotes to mark reported events) and assessments (they need quotes for holders). Nothing
here touches storage or prints.

Errors are handled alike for every stage: a stage does not catch its own exceptions; the one
place that does is :func:`process_articles`, which turns an exception of any stage into that
document's :class:`Failure` naming the stage ("quotes stage failed: ValueError: ...") and goes on
with the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from .actors import actor_mentions
from .assessments import relationship_assessments
from .errors import StageError
from .events import coded_events
from .knowledge import Knowledge
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
    mentions = _stage("actors", actor_mentions, doc, article=article, kb=kb, reference_date=reference_date)
    quotes = _stage("quotes", quotations, doc, article=article, mentions=mentions, kb=kb)
    events = _stage("events", coded_events, doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
    assessments = _stage("assessments", relationship_assessments, doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
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
    articles: Iterable[Article], *, nlp, kb: Knowledge, batch_size: int = BATCH_SIZE, reference_date: str | None = None
) -> Iterator[ArticleResult | Failure]:
    """Parse articles in batches with ``nlp.pipe`` and yield one result (or failure) per article.

    ``reference_date`` is passed to :func:`process_doc` for every article.

    An exception in one article is logged and yielded as its :class:`Failure` (naming the stage
    that raised: "events stage failed: KeyError: ..."); the batch goes on.
    """
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        source = article.source_path or article.doc_id
        try:
            yield process_doc(doc, article, kb=kb, reference_date=reference_date)
        except StageError as e:  # one bad document must not stop a batch
            log.exception("processing %s failed in the %s stage", article.doc_id, e.stage)
            yield Failure(source, str(e))
        except Exception as e:
            log.exception("processing %s failed", article.doc_id)
            yield Failure(source, f"processing failed: {type(e).__name__}: {e}")
