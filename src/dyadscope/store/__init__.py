"""Store: the DuckDB database behind ``dyadscope ingest`` and everything that reads it."""

from .db import Database, made_by

__all__ = ["Database", "made_by"]
