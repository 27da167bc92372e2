"""Batch runs around the core: inputs -> pipeline -> store (``ingest``) or records (``extract``).

Both read inputs lazily and work in batches, so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from .ingest import read_inputs
from .knowledge import Knowledge, load_knowledge
from .pipeline import process_articles
from .records import Article, ArticleResult, Failure, RunSummary
from .settings import BATCH_SIZE, MAX_CHARS
from .store import Database

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Engine:
    """The spaCy pipeline and knowledge, loaded once and only when a document needs them.

    With ``jobs`` > 1, documents are processed in that many local worker processes, each of
    which loads the pipeline and knowledge once; results come back in input order.
    """

    def __init__(
        self, *, nlp=None, kb: Knowledge | None = None, actor_files: Iterable[str | Path] = (), jobs: int = 1
    ):
        self._nlp, self._kb, self._actor_files = nlp, kb, [str(p) for p in actor_files]
        self.jobs = max(1, jobs)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def kb(self) -> Knowledge:
        if self._kb is None:
            self._kb = load_knowledge(self._actor_files)
        return self._kb

    @property
    def nlp(self):
        if self._nlp is None:
            from .nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def process(self, articles: list[Article], batch_size: int = BATCH_SIZE) -> Iterator[ArticleResult | Failure]:
        if not articles:
            return
        if self.jobs == 1:
            yield from process_articles(articles, nlp=self.nlp, kb=self.kb, batch_size=batch_size)
            return
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            # Loading knowledge here first surfaces dictionary errors in the parent, once.
            self.kb
            self._pool = ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=(self._actor_files,))
        size = max(1, -(-len(articles) // self.jobs))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        for results in self._pool.map(_work, chunks):
            yield from results


_worker: Engine | None = None  # the engine of a worker process, set once by its initializer


def _init_worker(actor_files: list[str]) -> None:
    global _worker
    _worker = Engine(actor_files=actor_files)


def _work(articles: list[Article]) -> list[ArticleResult | Failure]:
    return list(_worker.process(articles))


def extract(
    paths: Iterable[str | Path],
    *,
    engine: Engine | None = None,
    max_chars: int = MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> Iterator[ArticleResult | Failure]:
    """Results (or failures) for every input document, without a database."""
    engine = engine or Engine()
    for batch in _batches(read_inputs(paths, max_chars=max_chars), batch_size):
        failures = [x for x in batch if isinstance(x, Failure)]
        yield from failures
        for item in engine.process([x for x in batch if isinstance(x, Article)], batch_size):
            yield item
            if progress:
                progress(1)
        if progress and failures:
            progress(len(failures))


def ingest(
    paths: Iterable[str | Path],
    *,
    db: Database,
    engine: Engine | None = None,
    max_chars: int = MAX_CHARS,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> RunSummary:
    """Process inputs into the store; idempotent and resumable.

    Documents already stored (same cleaned text) are skipped before parsing. Each batch of
    documents is written in one transaction, so an interrupted run leaves only whole documents
    and a re-run picks up where it stopped. A bad input is recorded as a failure and the run
    goes on.
    """
    engine = engine or Engine()
    summary = RunSummary()
    for batch in _batches(read_inputs(paths, max_chars=max_chars), batch_size):
        failures = [x for x in batch if isinstance(x, Failure)]
        articles = [x for x in batch if isinstance(x, Article)]
        known = db.known_hashes(a.content_hash for a in articles)
        fresh, hashes = [], set(known)
        for a in articles:
            if a.content_hash in hashes:
                summary.skipped_duplicates += 1
            else:
                hashes.add(a.content_hash)
                fresh.append(a)
        results = []
        for item in engine.process(fresh, batch_size):
            (failures if isinstance(item, Failure) else results).append(item)
        written = db.write_results(results)
        summary.skipped_duplicates += len(results) - len(written)
        summary.processed += len(written)
        for r in written:
            summary.mentions += len(r.mentions)
            summary.quotes += len(r.quotes)
            summary.events += len(r.events)
        db.write_failures(failures)
        summary.failures.extend(failures)
        for f in failures:
            log.info("failed: %s: %s", f.source, f.reason)
            if on_failure:
                on_failure(f)
        if progress:
            progress(len(batch))
    return summary
