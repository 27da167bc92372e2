"""Uploads: files sent through the browser go through the same ingest as ``dyadscope ingest``.

:class:`Uploads` saves each upload's files into a fresh temporary folder (file names reduced to
a safe base name), queues a job, and runs jobs one at a time on one worker thread holding the
store's write lock: :func:`dyadscope.batch.ingest` with the app's engine and limits, so every
per-file error is the one the command line prints. The snapshot cache is held during the run
and refreshed before the job reports done. Jobs are kept in memory (the last
:data:`KEEP_JOBS`); the documents they add stay in the store.
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis import Dataset, store_clusters
from ..batch import ingest
from ..ingest import SUFFIXES
from ..store import queries
from .access import StoreAccess
from .snapshot import SnapshotCache

log = logging.getLogger(__name__)

KEEP_JOBS = 50
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_filename(name: str | None, index: int) -> str:
    """A base name safe to create in a fresh folder: no directories, no leading dots, no
    control or shell characters; ``upload-N`` when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:120]
    return base or f"upload-{index}"


@dataclass
class Job:
    """One upload: its files, its state (``queued``, ``running``, ``done``, ``failed``) and, once
    done, the run summary, the per-file errors and the documents it added."""

    id: str
    folder: Path
    files: list[dict]
    state: str = "queued"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    processed: int = 0
    skipped_duplicates: int = 0
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    errors: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    message: str | None = None

    def public(self) -> dict:
        return {
            "id": self.id, "state": self.state, "files": self.files, "created": self.created, "started": self.started,
            "finished": self.finished, "processed": self.processed, "skipped_duplicates": self.skipped_duplicates,
            "mentions": self.mentions, "quotes": self.quotes, "events": self.events, "errors": self.errors,
            "documents": self.documents, "message": self.message,
        }


class Uploads:
    """The upload queue of one app.

    Args:
        access: The store's readers and writer.
        cache: The analysis cache, held during a run and refreshed after it.
        engine: A :class:`dyadscope.batch.Engine` (loads spaCy on the first upload).
        max_chars: The ingest's per-document limit.
    """

    def __init__(self, access: StoreAccess, cache: SnapshotCache, engine, *, max_chars: int):
        self.access, self.cache, self.engine, self.max_chars = access, cache, engine, max_chars
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pending = 0
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyadscope-ingest")

    def new_job(self) -> Job:
        job_id = secrets.token_hex(6)
        folder = Path(tempfile.mkdtemp(prefix=f"dyadscope-upload-{job_id}-"))
        job = Job(job_id, folder, [])
        with self._lock:
            self.jobs[job_id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
        return job

    def target(self, job: Job, filename: str | None) -> Path:
        """Where to save the next file of ``job`` (a name not used yet in its folder)."""
        name = safe_filename(filename, len(job.files) + 1)
        path = job.folder / name
        k = 1
        while path.exists():
            k += 1
            path = job.folder / f"{Path(name).stem}-{k}{Path(name).suffix}"
        job.files.append({"name": filename or name, "saved_as": path.name, "bytes": 0})
        return path

    def store_clusters(self) -> None:
        """Deduplicate the store and keep the clusters in it unless they are there for its
        current state already (a store filled by an older dyadscope), so the snapshot and every
        later reader skip the comparison; run at startup by ``serve``."""
        with self.access.write_lock:
            Dataset(self.access.writer()).event_table(dedup=True)  # computes and stores, or reads what is stored

    def discard(self, job: Job) -> None:
        """Forget a job that was never submitted (its upload was refused) and its files."""
        with self._lock:
            self.jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def submit(self, job: Job) -> None:
        with self._lock:
            self._pending += 1
            self.cache.hold.set()
        self._worker.submit(self._run, job)

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def _run(self, job: Job) -> None:
        job.state, job.started = "running", time.time()
        state = "failed"
        try:
            self._ingest(job)
            state = "done"
        except Exception as e:  # a job must never take the worker down; its page says what happened
            log.exception("upload %s failed", job.id)
            job.message = f"{type(e).__name__}: {e}"
        finally:
            try:  # pages keep the old snapshot (marked stale) until the new one is ready
                self.cache.refresh()
            except Exception:
                log.exception("refreshing the analysis after upload %s", job.id)
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self.cache.hold.clear()
            shutil.rmtree(job.folder, ignore_errors=True)
            job.finished = time.time()
            job.state = state

    def _ingest(self, job: Job) -> None:
        unsupported = [f for f in job.files if Path(f["saved_as"]).suffix.lower() not in SUFFIXES]
        for f in unsupported:
            job.errors.append({"file": f["name"], "reason": f"unsupported file type; supported: {', '.join(SUFFIXES)}"})
        paths = [job.folder / f["saved_as"] for f in job.files if f not in unsupported]
        if not paths:
            return
        with self.access.write_lock:
            summary = ingest(paths, db=self.access.writer(), engine=self.engine, max_chars=self.max_chars)
            if summary.processed:  # as `dyadscope ingest` does: readers of the new state skip the dedup
                store_clusters(self.access.writer())
        job.processed, job.skipped_duplicates = summary.processed, summary.skipped_duplicates
        job.mentions, job.quotes, job.events = summary.mentions, summary.quotes, summary.events
        job.errors += [{"file": self._shown(job, f.source), "reason": f.reason} for f in summary.failures]
        job.documents = queries.documents_with_source_prefix(self.access.reader(), str(job.folder) + "/")

    @staticmethod
    def _shown(job: Job, source: str) -> str:
        """A failure's source with the saved path replaced by the name the user uploaded."""
        for f in job.files:
            saved = str(job.folder / f["saved_as"])
            if source == saved or source.startswith(saved + ":"):
                return f["name"] + source[len(saved):]
        return Path(source).name

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
