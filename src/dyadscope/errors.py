"""Exceptions raised by the library; each keeps the offending value as an attribute."""

from __future__ import annotations


class DyadscopeError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(DyadscopeError):
    """A document could not be read or cleaned; the batch goes on without it."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class KnowledgeError(DyadscopeError):
    """A knowledge or dictionary file has malformed entries; ``problems`` lists each as file:line: msg."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s) in knowledge files:\n{shown}{more}")


class StoreError(DyadscopeError):
    """The database file cannot be opened or written (not DuckDB, locked, read-only...)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class OutputError(DyadscopeError):
    """An output file or folder cannot be written (missing folder, no permission, full disk...)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StageError(DyadscopeError):
    """A stage raised on one document; ``stage`` names it and ``error`` is what it raised."""

    def __init__(self, stage: str, error: Exception):
        self.stage = stage
        self.error = error
        super().__init__(f"{stage} stage failed: {type(error).__name__}: {error}")


#: What follows the description of an exception that is our own crash, not the input's fault.
INTERNAL_HINT = "a bug in dyadscope, not a problem of the input; please report it (-vv shows the traceback)"


def first_line(error: BaseException) -> str:
    """The first line of an exception's message, or its type's name when it has none."""
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def describe(error: BaseException) -> str:
    """``Type: first line of the message`` (just ``Type`` when there is no message)."""
    text = str(error).strip()
    return f"{type(error).__name__}: {first_line(error)}" if text else type(error).__name__


def internal_error(error: BaseException, what: str = "") -> str:
    """The one-line reason of a document that our own code failed on: told apart from bad input
    by its ``internal error:`` prefix, e.g. ``internal error: events stage failed: KeyError: 'x' (...)``."""
    if isinstance(error, StageError):
        described = f"{error.stage} stage failed: {describe(error.error)}"
    else:
        described = f"{what + ': ' if what else ''}{describe(error)}"
    return f"internal error: {described} ({INTERNAL_HINT})"
