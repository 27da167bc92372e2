"""Worker processes for ``-j N``: they die with their parent, ignore Ctrl-C (the parent stops them),
and a worker that dies costs at most the one document it was working on.

- Each worker asks the kernel to kill it when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``),
  and a watch thread in it exits when the parent is gone on any system (checked every second),
  so a ``kill -9`` of ``dyadscope ingest -j 2`` leaves no process behind.
- Ctrl-C reaches every process of the terminal's group; workers ignore it, and the parent, which
  gets :class:`KeyboardInterrupt`, kills them (:meth:`WorkerPool.close` with ``kill=True``).
- When a worker dies (killed, out of memory, a crash in a C library), the tasks not yet done are
  run again in a fresh pool one document at a time; a document that kills its worker once more
  becomes that document's failure, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` (its parent) does (see the module docstring)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError) as e:  # no prctl: the watch thread still does it
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable: %s", e)
    if not _alive(parent_pid):  # the parent died before the request was made
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(os.getppid(), parent_pid), daemon=True,
                     name="dyadscope-parent-watch").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(ppid: int, parent_pid: int, interval: float = 1.0) -> None:
    while os.getppid() == ppid and _alive(parent_pid):
        time.sleep(interval)
    os._exit(1)


def init_worker(parent_pid: int, setup: Callable[..., None], args: tuple) -> None:
    """The initializer of every worker: lifecycle first (see the module docstring), then ``setup(*args)``."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup(*args)


class WorkerDied(Exception):
    """A worker process died while working on one task; ``reason`` says how."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class WorkerPool:
    """``jobs`` worker processes running ``task`` on lists of items, results in input order.

    ``setup(*setup_args)`` runs once in each worker; ``on_death(item, reason)`` gives the result for
    an item whose worker died twice on it.
    """

    def __init__(self, jobs: int, setup: Callable[..., None], setup_args: tuple, task: Callable[[list], list],
                 on_death: Callable[[Any, str], Any]):
        self.jobs, self.setup, self.setup_args, self.task, self.on_death = jobs, setup, setup_args, task, on_death
        self._pool: ProcessPoolExecutor | None = None
        self._processes: list = []

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs, initializer=init_worker, initargs=(os.getpid(), self.setup, self.setup_args)
            )
        return self._pool

    def _submit(self, items: list):
        future = self._executor().submit(self.task, items)
        # The processes, kept to tell how one died: a broken executor forgets them.
        self._processes = list((getattr(self._pool, "_processes", None) or {}).values())
        return future

    def map(self, items: Sequence) -> Iterator:
        """Results of ``task`` for ``items`` (split among the workers), in order."""
        size = max(1, -(-len(items) // self.jobs))
        chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
        futures = [self._submit(chunk) for chunk in chunks]
        for k, future in enumerate(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                reason = self._discard_broken()
                log.warning("a worker process died: %s; running the rest of the batch again, one document at a time",
                            reason)
                yield from self._one_by_one([x for chunk in chunks[k:] for x in chunk])
                return
            yield from results

    def _one_by_one(self, items: list) -> Iterator:
        for item in items:
            try:
                yield from self._submit([item]).result()
            except BrokenProcessPool:
                yield self.on_death(item, self._discard_broken())

    def _discard_broken(self) -> str:
        """Forget a broken pool (its processes killed) and say how its worker died."""
        pool, self._pool = self._pool, None
        for process in self._processes:
            process.join(1)
        # A broken executor ends the surviving workers with SIGTERM itself: the dead one's code is
        # any other (which of them comes first in the list is chance).
        codes = sorted((p.exitcode for p in self._processes if p.exitcode), key=lambda c: c == -signal.SIGTERM)
        _kill(pool, self._processes)
        pool.shutdown(wait=True, cancel_futures=True)
        return describe_exit(codes[0]) if codes else "it exited unexpectedly"

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers: let them finish (the default) or, with ``kill``, end them at once."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            _kill(pool, self._processes)
            pool.shutdown(wait=True, cancel_futures=True)
        else:
            pool.shutdown(wait=True)


def _kill(pool: ProcessPoolExecutor, known: list = ()) -> None:
    processes = {id(p): p for p in [*(getattr(pool, "_processes", None) or {}).values(), *known]}.values()
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(5)


def describe_exit(code: int) -> str:
    """A worker's exit code in words: ``killed by SIGKILL (out of memory, or killed by hand?)``."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory, or killed by hand?)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {code}"
