"""The core: a pure function from one parsed article to its records, and a batch driver around it.

Stages run in one visible order: actors, then quotes (they need actors for speakers), then events
(they need quotes to mark reported events) and assessments (they need quotes for holders). Nothing
here touches storage or prints.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from .actors import actor_mentions
from .assessments import relationship_assessments
from .events import coded_events
from .knowledge import Knowledge
from .quotes import quotations
from .records import Article, ArticleResult, Failure
from .settings import BATCH_SIZE

log = logging.getLogger(__name__)


def process_doc(doc, article: Article, *, kb: Knowledge) -> ArticleResult:
    """All records of one article from its spaCy ``doc`` (parsed from ``article.text``)."""
    mentions = actor_mentions(doc, article=article, kb=kb)
    quotes = quotations(doc, article=article, mentions=mentions, kb=kb)
    events = coded_events(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
    assessments = relationship_assessments(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
    sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
    return ArticleResult(
        article=article,
        sentences=sentences,
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        events=tuple(events),
        assessments=tuple(assessments),
    )


def process_articles(
    articles: Iterable[Article], *, nlp, kb: Knowledge, batch_size: int = BATCH_SIZE
) -> Iterator[ArticleResult | Failure]:
    """Parse articles in batches with ``nlp.pipe`` and yield one result (or failure) per article.

    A failure in our stages for one article is logged and yielded as a :class:`Failure`; the
    batch goes on.
    """
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield process_doc(doc, article, kb=kb)
        except Exception as e:  # one bad document must not stop a batch
            log.exception("processing %s failed", article.doc_id)
            yield Failure(article.source_path or article.doc_id, f"processing failed: {type(e).__name__}: {e}")
