"""Opening a file as a DuckDB store safely: looked at before DuckDB touches it, never fetched for.

- :func:`connect` is the one way this project opens DuckDB: extension autoloading and
  autoinstalling are off, so no file ever makes DuckDB download anything (a SQLite file named
  ``.duckdb`` would otherwise make it fetch the ``sqlite_scanner`` extension from the internet).
- :func:`check_file` reads the first blocks of an existing file and refuses, with a reason, what
  is not a whole DuckDB database: another format (SQLite, text, ...), or a DuckDB file shorter
  than its own header says (truncated by a failed copy or a full disk).
"""

from __future__ import annotations

import struct
from pathlib import Path

import duckdb

from ..errors import StoreError

#: DuckDB settings for every connection we open: nothing is fetched from the network, ever.
OFFLINE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

_DUCKDB_MAGIC = b"DUCK"
_HEADER_SIZE = 4096  # DuckDB's main header, then two database headers of this size each
_SIGNATURES = {
    b"SQLite format 3\x00": "a SQLite database, not DuckDB (dyadscope stores are DuckDB files)",
    b"PAR1": "a Parquet file, not a DuckDB database",
    b"PK\x03\x04": "a ZIP archive (or an office document), not a DuckDB database",
    b"%PDF": "a PDF file, not a DuckDB database",
}


def connect(path: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``path`` (``:memory:`` too) that never loads or installs extensions."""
    return duckdb.connect(path, read_only=read_only, config=dict(OFFLINE_CONFIG))


def check_file(path: str | Path) -> None:
    """Refuse an existing ``path`` that is not a whole DuckDB database (see the module docstring).

    An empty file passes (DuckDB makes a new database in it).

    Raises:
        StoreError: naming what the file is instead, or how much of it is missing.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(str(path), "not a regular file (a folder or a device?); give a database file")
    size = path.stat().st_size
    if size == 0:
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(3 * _HEADER_SIZE)
    except OSError as e:
        raise StoreError(str(path), f"cannot read the file ({e.strerror or e})") from None
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise StoreError(str(path), f"{what}; choose another --db path")
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(str(path), "not a DuckDB database file (choose another --db path)")
    expected = expected_size(head)
    if expected is not None and size < expected:
        raise StoreError(
            str(path),
            f"database file is damaged: it is {size:,} bytes but its header describes {expected:,} "
            "(truncated by an interrupted copy or a full disk?); restore it from a copy, or re-ingest into a new file",
        )


def expected_size(head: bytes) -> int | None:
    """The size a DuckDB file must at least have, from the newer of its two database headers
    (``12 KiB + block_count × block_size``), or None when the header is not one we can read."""
    if len(head) < 3 * _HEADER_SIZE:
        return None
    best = None
    for offset in (_HEADER_SIZE, 2 * _HEADER_SIZE):
        _checksum, iteration, _meta, _free, block_count, block_size = struct.unpack_from("<6Q", head, offset)
        plausible = 4096 <= block_size <= 1 << 30 and block_size & (block_size - 1) == 0 and block_count < 1 << 40
        if plausible and (best is None or iteration > best[0]):
            best = (iteration, block_count, block_size)
    if best is None:
        return None
    return 3 * _HEADER_SIZE + best[1] * best[2]
