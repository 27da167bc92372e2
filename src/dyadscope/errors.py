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


class StageError(DyadscopeError):
    """A stage raised on one document; ``stage`` names it and ``error`` is what it raised."""

    def __init__(self, stage: str, error: Exception):
        self.stage = stage
        self.error = error
        super().__init__(f"{stage} stage failed: {type(error).__name__}: {error}")
