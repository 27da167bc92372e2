"""Batch runs around the core: inputs -> pipeline -> store (``ingest``) or records (``extract``).

Both read inputs lazily and work in batches, so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import importlib.metadata
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

from .budget import Budget, default_budget
from .errors import StoreError, internal_error
from .ingest import read_inputs
from .knowledge import DATA_DIR, Knowledge, load_knowledge
from .pipeline import process_articles
from .records import Article, ArticleResult, Failure, RunSummary
from .settings import BATCH_SIZE, MAX_CHARS, SPACY_PACKAGE, VERSION
from .store import Database, queries
from .workers import WorkerPool

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


PACKAGE_DIR = Path(__file__).resolve().parent
#: The modules whose code decides what is coded from a text; their hash goes into each run record.
CODING_MODULES = ("ingest", "nlp.py", "actors", "quotes", "events", "knowledge", "pipeline.py", "records.py",
                  "rules.py", "dates.py", "settings.py")


def _hash_files(files: Iterable[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def code_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of the source of the coding modules (:data:`CODING_MODULES`): it changes with the code
    even where the package version does not (an editable install keeps one version)."""
    files = []
    for name in CODING_MODULES:
        path = package_dir / name
        found = [path] if path.is_file() else sorted(path.rglob("*.py"))
        files += [(str(f.relative_to(package_dir)), f) for f in found]
    return _hash_files(files)


def knowledge_hash(actor_files: Iterable[str | Path] = (), data_dir: Path = DATA_DIR,
                   verb_files: Iterable[str | Path] = ()) -> str:
    """Hash of every shipped knowledge file and of the user dictionaries given."""
    files = [(str(f.relative_to(data_dir)), f) for f in sorted(data_dir.rglob("*")) if f.is_file()]
    files += [(f"user:{i}", Path(p)) for i, p in enumerate(actor_files)]
    files += [(f"user-verbs:{i}", Path(p)) for i, p in enumerate(verb_files)]
    return _hash_files(files)


def _model_meta(nlp) -> tuple[str, str]:
    if nlp is not None:
        return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}", str(nlp.meta.get("version"))
    import importlib.resources

    try:  # the installed package's meta.json: the same values as nlp.meta, without loading spaCy
        meta = json.loads((importlib.resources.files(SPACY_PACKAGE) / "meta.json").read_text(encoding="utf-8"))
        return f"{meta['lang']}_{meta['name']}", str(meta["version"])
    except (ModuleNotFoundError, FileNotFoundError, KeyError):
        return SPACY_PACKAGE, "not installed"


def today() -> str:
    return _dt.date.today().isoformat()


class Engine:
    """The spaCy pipeline and knowledge, loaded once and only when a document needs them.

    With ``jobs`` > 1, documents are processed in that many local worker processes, each of
    which loads the pipeline and knowledge once; results come back in input order.

    ``reference_date`` (ISO, default today) is the date undated documents are read as of; it is
    recorded with each run (:meth:`provenance`). ``actor_files`` and ``verb_files`` are user
    dictionaries (:func:`~dyadscope.knowledge.load_knowledge`). ``budget`` gives the seconds one
    document may take for its size (:mod:`dyadscope.budget`); a document past it is refused.
    """

    def __init__(
        self,
        *,
        nlp=None,
        kb: Knowledge | None = None,
        actor_files: Iterable[str | Path] = (),
        verb_files: Iterable[str | Path] = (),
        jobs: int = 1,
        reference_date: str | None = None,
        budget: Budget = default_budget,
    ):
        self._nlp, self._kb, self._actor_files = nlp, kb, [str(p) for p in actor_files]
        self._verb_files = [str(p) for p in verb_files]
        self.jobs = max(1, jobs)
        self.reference_date = reference_date or today()
        self.budget = budget
        self._pool: WorkerPool | None = None

    def _date_kwargs(self) -> dict[str, str]:
        """``reference_date`` for the core, once the core takes it (the run record has it either way)."""
        import inspect

        takes = "reference_date" in inspect.signature(process_articles).parameters
        return {"reference_date": self.reference_date} if takes else {}

    @cached_property
    def _coder(self) -> dict[str, Any]:
        model, model_version = _model_meta(self._nlp)
        coder = {
            "dyadscope_version": VERSION,
            "code_hash": code_hash(),
            "knowledge_hash": knowledge_hash(self._actor_files, verb_files=self._verb_files),
            "spacy_version": importlib.metadata.version("spacy"),
            "spacy_model": model,
            "spacy_model_version": model_version,
        }
        coder["coder"] = hashlib.sha256(json.dumps(coder, sort_keys=True).encode()).hexdigest()[:16]
        return coder

    def provenance(self) -> dict[str, Any]:
        """What codes documents with this engine, as a run record holds it: the dyadscope version,
        hashes of the coding code and of the knowledge files, the spaCy version, model name and
        version, the user dictionaries, the reference date, and ``coder``, a fingerprint of all
        but the reference date and the dictionaries' names."""
        return {**self._coder, "reference_date": self.reference_date, "actor_files": list(self._actor_files),
                "verb_files": list(self._verb_files)}

    def close(self, *, kill: bool = False) -> None:
        """Stop the worker processes: once their work is done, or at once with ``kill``."""
        if self._pool is not None:
            self._pool.close(kill=kill)
            self._pool = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(kill=exc_type is not None)  # interrupted or failed: nothing left to wait for

    @property
    def kb(self) -> Knowledge:
        if self._kb is None:
            self._kb = load_knowledge(self._actor_files, self._verb_files)
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
            yield from process_articles(articles, nlp=self.nlp, kb=self.kb, batch_size=batch_size, budget=self.budget,
                                        **self._date_kwargs())
            return
        if self._pool is None:
            # Loading knowledge here first surfaces dictionary errors in the parent, once.
            self.kb
            self._pool = WorkerPool(self.jobs, _init_worker,
                                    (self._actor_files, self.reference_date, self.budget, self._verb_files),
                                    _work, _worker_died)
        yield from self._pool.map(articles)


_worker: Engine | None = None  # the engine of a worker process, set once by its initializer


def _init_worker(actor_files: list[str], reference_date: str, budget: Budget, verb_files: list[str]) -> None:
    global _worker
    _worker = Engine(actor_files=actor_files, reference_date=reference_date, budget=budget, verb_files=verb_files)


def _worker_died(article: Article, how: str) -> Failure:
    return Failure(article.source_path or article.doc_id,
                   f"its worker process died while processing it, twice ({how}); it may need more memory than is free")


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
    for batch in _batches(read_inputs(paths, max_chars=max_chars, budget=engine.budget), batch_size):
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
    goes on. The run is recorded in ``runs`` (see :meth:`Engine.provenance`) and each stored
    document linked to it; ``summary.run_id`` names it.
    """
    engine = engine or Engine()
    summary = RunSummary()
    run_id = summary.run_id = db.start_run("ingest", engine.provenance())
    for batch in _batches(read_inputs(paths, max_chars=max_chars, budget=engine.budget), batch_size):
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
        written = _stored(db.write_results, results, run_id, failures)
        summary.skipped_duplicates += len(results) - len(written)
        _count(summary, written)
        _record_failures(db, summary, failures, on_failure)
        if progress:
            progress(len(batch))
    db.finish_run(run_id, n_documents=summary.processed, n_failures=len(summary.failures))
    return summary


def recode(
    *,
    db: Database,
    engine: Engine | None = None,
    everything: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> RunSummary:
    """Re-code stored documents with the engine's code, knowledge and model, one transaction per batch.

    Documents coded by a run whose ``coder`` fingerprint differs from the engine's (or by no
    recorded run) are re-coded; with ``everything``, all documents are. Each keeps its id, number
    and text; its records are replaced and it is linked to the new run. A document that fails
    keeps its old records and is reported. Interrupted, a re-run resumes with what is still
    outdated.
    """
    engine = engine or Engine()
    provenance = engine.provenance()
    doc_ids = queries.document_ids(db) if everything else queries.outdated_documents(db, provenance["coder"])
    summary = RunSummary()
    run_id = summary.run_id = db.start_run("recode", provenance)
    for ids in _batches(doc_ids, batch_size):
        results, failures = [], []
        for item in engine.process(db.articles(ids), batch_size):
            (failures if isinstance(item, Failure) else results).append(item)
        results = _stored(_replacer(db), results, run_id, failures)
        _count(summary, results)
        _record_failures(db, summary, failures, on_failure)
        if progress:
            progress(len(ids))
    db.finish_run(run_id, n_documents=summary.processed, n_failures=len(summary.failures))
    return summary


def _stored(write, results: list[ArticleResult], run_id: int, failures: list[Failure]) -> list[ArticleResult]:
    """``write(results, run_id=...)`` in one transaction; if the store refuses the batch for its
    data, each document is written on its own and one it refuses becomes its failure. A store
    that cannot be written at all (:class:`StoreError`) stops the run."""
    try:
        return write(results, run_id=run_id)
    except StoreError:
        raise
    except Exception:  # noqa: BLE001 - find the document the store cannot take
        log.debug("storing a batch failed; storing its documents one by one", exc_info=True)
    written = []
    for result in results:
        try:
            written += write([result], run_id=run_id)
        except StoreError:
            raise
        except Exception as e:  # noqa: BLE001
            log.debug("storing %s failed", result.article.doc_id, exc_info=True)
            failures.append(Failure(result.article.source_path or result.article.doc_id,
                                    internal_error(e, "storing failed")))
    return written


def _replacer(db: Database):
    def replace(results: list[ArticleResult], *, run_id: int) -> list[ArticleResult]:
        db.replace_results(results, run_id=run_id)
        return list(results)

    return replace


def _count(summary: RunSummary, results: list[ArticleResult]) -> None:
    summary.processed += len(results)
    for r in results:
        summary.mentions += len(r.mentions)
        summary.quotes += len(r.quotes)
        summary.events += len(r.events)


def _record_failures(db: Database, summary: RunSummary, failures: list[Failure], on_failure) -> None:
    db.write_failures(failures)
    summary.failures.extend(failures)
    for f in failures:
        log.info("failed: %s: %s", f.source, f.reason)
        if on_failure:
            on_failure(f)
