"""The pipeline of uploads in separate processes, so ingesting never holds the app's GIL.

spaCy and the stages are pure Python work for the most part; run in a thread of the app they
would take the interpreter lock from the request threads half of the time. ``WorkerEngine``
is a :class:`dyadscope.batch.Engine` (same provenance, same results) whose ``process`` runs in
``jobs`` worker processes (started
with ``spawn``: the app's process has threads and open databases, which ``fork`` would copy
half-made) at a lower scheduling priority, each loading the pipeline and knowledge once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..batch import Engine
from ..records import Article, ArticleResult, Failure
from ..settings import BATCH_SIZE

#: Added to the workers' nice value: pages first, ingest with what is left.
NICE = 10

_engine: Engine | None = None  # the engine of a worker process, set once by its initializer


def _init_worker(actor_files: list[str], reference_date: str, nice: int) -> None:
    global _engine
    try:
        os.nice(nice)
    except OSError:  # not permitted here: run at the normal priority
        pass
    _engine = Engine(actor_files=actor_files, reference_date=reference_date)


def _work(articles: list[Article], batch_size: int) -> list[ArticleResult | Failure]:
    return list(_engine.process(articles, batch_size))


class WorkerEngine(Engine):
    """An engine whose pipeline runs in ``jobs`` worker processes (started on first use)."""

    def __init__(self, *, actor_files: Iterable[str | Path] = (), jobs: int = 1, reference_date: str | None = None,
                 nice: int = NICE):
        super().__init__(actor_files=actor_files, jobs=jobs, reference_date=reference_date)
        self._nice = nice
        self._workers: ProcessPoolExecutor | None = None

    def process(self, articles: list[Article], batch_size: int = BATCH_SIZE) -> Iterator[ArticleResult | Failure]:
        if not articles:
            return
        if self._workers is None:
            self._workers = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                                                initargs=(self._actor_files, self.reference_date, self._nice))
        size = max(1, -(-len(articles) // self.jobs))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        for results in self._workers.map(_work, chunks, [batch_size] * len(chunks)):
            yield from results

    def close(self) -> None:
        if self._workers is not None:
            self._workers.shutdown(cancel_futures=True)
            self._workers = None
        super().close()
