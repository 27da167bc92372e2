"""What runs inside each Spark Python worker: the engine, built once per process, and the two
partition functions (read lines into articles; process articles into records).

Spark reuses a Python worker process for task after task (``spark.python.worker.reuse``, on by
default), so the spaCy pipeline and the knowledge live in a module-level engine that the first
task of a process builds and every later task of that process finds: never once per document or
per partition. :data:`engine_loads` counts how many engines this process has built; every
partition reports it in its ``stats`` row, which is how tests and the run summary check it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator, Sequence

import pyarrow as pa

from ..batch import Engine
from ..records import Article, ArticleResult, Failure
from ..settings import BATCH_SIZE
from . import daemon
from .rows import (
    ARTICLE_SCHEMA,
    RECORD_SCHEMA,
    article_from_line,
    article_from_row,
    article_row,
    failure_row,
    result_rows,
)

log = logging.getLogger(__name__)

#: Articles processed between two output batches (bounds a worker's memory for its records).
CHUNK = 8 * BATCH_SIZE

_engine: Engine | None = None
_engine_key: tuple[str, ...] | None = None
#: How many engines this process has built (1 in a healthy run, whatever the number of tasks).
engine_loads = 0


def worker_engine(actor_files: Sequence[str], reference_date: str, verb_files: Sequence[str] = ()) -> Engine:
    """This process's engine for these dictionaries and reference date, built on first use and kept."""
    global _engine, _engine_key, engine_loads
    key = (tuple(actor_files), tuple(verb_files), reference_date)
    if _engine is None or _engine_key != key:
        # Forked from our daemon (:mod:`.daemon`): its pipeline, and its knowledge unless user
        # dictionaries change it, are already in this process.
        nlp, kb = daemon.preloaded or (None, None)
        _engine = Engine(nlp=nlp, kb=None if actor_files or verb_files else kb, actor_files=tuple(actor_files),
                         verb_files=tuple(verb_files), reference_date=reference_date)
        _engine_key = key
        engine_loads += 1
    return _engine


class ReadLines:
    """Partition function: ``LINE_SCHEMA`` batches -> ``ARTICLE_SCHEMA`` batches (no spaCy).

    Args:
        sources: Per file index, the file as the user named it (``source_path`` starts with it).
        stems: Per file index, the default id prefix (the file name without extension).
        max_chars: Documents longer than this become failures, as in ``ingest --max-chars``.
    """

    def __init__(self, sources: Sequence[str], stems: Sequence[str], max_chars: int):
        self.sources, self.stems, self.max_chars = list(sources), list(stems), max_chars

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = []
            for file_index, lineno, line in zip(*(batch.column(n).to_pylist() for n in ("file_index", "lineno", "line"))):
                if file_index is None or lineno is None:
                    raise RuntimeError("a line lost its file or line number (the input changed during the run?)")
                item = article_from_line(
                    line, source=self.sources[file_index], stem=self.stems[file_index], lineno=lineno, max_chars=self.max_chars
                )
                if item is not None:
                    rows.append(article_row(item, file_index=file_index, lineno=lineno))
            yield pa.RecordBatch.from_pylist(rows, schema=ARTICLE_SCHEMA)


class ProcessArticles:
    """Partition function: ``ARTICLE_SCHEMA`` batches -> ``RECORD_SCHEMA`` batches through the core.

    A document whose processing raises becomes a ``failures`` row; so does every document of a
    batch that spaCy itself cannot parse, after each has been retried alone. The last row of a
    partition is its ``stats`` row.

    Args:
        actor_files: User actor dictionaries, as paths readable by the worker.
        verb_files: User verb dictionaries, likewise.
        reference_date: The date undated documents are read as of: fixed once by the driver, so
            every worker codes alike whatever day its task runs (``Engine`` defaults to today).
        shipped: The paths are names of files shipped with ``SparkContext.addFile`` (a cluster).
    """

    def __init__(self, actor_files: Sequence[str] = (), *, reference_date: str, shipped: bool = False,
                 verb_files: Sequence[str] = ()):
        self.actor_files, self.reference_date, self.shipped = tuple(actor_files), reference_date, shipped
        self.verb_files = tuple(verb_files)

    def _engine(self) -> Engine:
        actor_files, verb_files = self.actor_files, self.verb_files
        if self.shipped:
            from pyspark import SparkFiles

            actor_files = tuple(SparkFiles.get(name) for name in actor_files)
            verb_files = tuple(SparkFiles.get(name) for name in verb_files)
        return worker_engine(actor_files, self.reference_date, verb_files)

    def __call__(self, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        started, cpu = time.perf_counter(), time.process_time()
        engine = self._engine()
        counts = dict.fromkeys(("documents", "failures", "mentions", "quotes", "events", "assessments"), 0)
        for batch in batches:
            given = batch.to_pylist()
            articles = [article_from_row(r) for r in given]
            for i in range(0, len(articles), CHUNK):
                chunk = articles[i : i + CHUNK]
                numbers = [r["doc_number"] for r in given[i : i + CHUNK]]
                rows = []
                for article, number, item in zip(chunk, numbers, _results(engine, chunk)):
                    if isinstance(item, Failure):
                        counts["failures"] += 1
                        rows.append(failure_row(item, article))
                        continue
                    counts["documents"] += 1
                    counts["mentions"] += len(item.mentions)
                    counts["quotes"] += len(item.quotes)
                    counts["events"] += len(item.events)
                    counts["assessments"] += len(item.assessments)
                    rows.extend(result_rows(item, doc_number=number))
                yield pa.RecordBatch.from_pylist(rows, schema=RECORD_SCHEMA)
        stats = {"pid": os.getpid(), "partition": _partition_id(), "engine_loads": engine_loads,
                 "seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu,
                 "coder": engine.provenance()["coder"], "reference_date": engine.reference_date, **counts}
        yield pa.RecordBatch.from_pylist([{"table": "stats", "stats": stats}], schema=RECORD_SCHEMA)


def _results(engine: Engine, articles: list[Article]) -> list[ArticleResult | Failure]:
    """One result or failure per article, in order, whatever goes wrong inside spaCy."""
    try:
        return list(engine.process(articles))
    except Exception:  # spaCy failed on the batch as a whole: find the document, keep the rest
        log.exception("batch of %d documents failed; retrying them one at a time", len(articles))
    results: list[ArticleResult | Failure] = []
    for article in articles:
        try:
            results.extend(engine.process([article]))
        except Exception as e:
            results.append(Failure(article.source_path or article.doc_id, f"processing failed: {type(e).__name__}: {e}"))
    return results


def _partition_id() -> int:
    try:
        from pyspark import TaskContext
    except ImportError:
        return -1
    context = TaskContext.get()
    return context.partitionId() if context else -1
