"""Store: the DuckDB database behind ``dyadscope ingest`` and everything that reads it."""

from .db import Database

__all__ = ["Database"]
