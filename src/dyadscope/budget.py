"""Time budgets: one document may not hold up a batch.

``with deadline(seconds): work()`` raises :class:`BudgetExceeded` inside ``work`` once the time is
up (through ``SIGALRM``, so it also interrupts the spaCy tokenizer and regular expressions). It is
a :class:`BaseException`, as :class:`KeyboardInterrupt` is, so third-party code that catches
``Exception`` does not swallow it, and it is raised again every second until the block ends.

Signals reach only the main thread of a process, so a deadline is kept there (the command line,
and every worker process of ``-j N``); elsewhere, and where there is no ``SIGALRM`` (Windows), a
deadline does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager

from .settings import BUDGET_SECONDS, BUDGET_SECONDS_PER_CHAR

#: The budget for a document or file of a given size (characters or bytes) in seconds, or None.
Budget = Callable[[int], "float | None"]


class BudgetExceeded(BaseException):
    """A document took longer than its time budget."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"over the time budget of {seconds:.0f} s")


def default_budget(size: int) -> float:
    """``BUDGET_SECONDS`` plus ``BUDGET_SECONDS_PER_CHAR`` per character (settings)."""
    return BUDGET_SECONDS + BUDGET_SECONDS_PER_CHAR * size


class FixedBudget:
    """A budget of ``seconds`` whatever the size (None or 0: no budget); picklable for workers."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds or None

    def __call__(self, size: int) -> float | None:
        return self.seconds


def can_keep_deadlines() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


_active: list[float] = []  # the deadline in force, if any (deadlines do not nest: the outer one holds)


@contextmanager
def deadline(seconds: float | None):
    """Raise :class:`BudgetExceeded` in the block after ``seconds`` (see the module docstring)."""
    if not seconds or _active or not can_keep_deadlines():
        yield
        return

    def expired(signum, frame):
        if _active:
            raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    _active.append(seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        _active.clear()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refusal(error: BudgetExceeded, size: int, unit: str = "characters") -> str:
    """The one-line reason for a document that ran out of time."""
    return (f"refused: processing took over its time budget of {error.seconds:.0f} s (for {size:,} {unit}); "
            "text that cleaning or tokenizing handles slowly, such as very long runs of punctuation or markup? "
            "clean or split it, or give a larger --max-seconds")
