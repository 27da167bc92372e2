"""One writer, many readers: how the app shares one DuckDB database between threads.

DuckDB allows one writing process per file; inside it, any number of connections to the same
database read concurrently under multi-version concurrency control, each seeing only committed
data. So the app keeps the :class:`~dyadscope.store.Database` it opened as the *writer*, used by
the ingest worker alone and under :attr:`StoreAccess.write_lock`, and gives every request
thread a connection of its own (:meth:`~dyadscope.store.Database.cursor`) for reading. A read
never waits for an ingest and never sees half a batch.
"""

from __future__ import annotations

import threading

from ..store import Database, queries


class StoreAccess:
    """Readers per thread and the one writer of a database opened by the app.

    Args:
        db: The open database; the app uses it for writing (unless ``read_only``) and derives
            every reader from it.
        read_only: No writes at all (the database may also be open read-only).
    """

    def __init__(self, db: Database, *, read_only: bool = False):
        self.db = db
        self.read_only = read_only
        self.write_lock = threading.Lock()
        self._root = db.cursor()  # readers are cut from this one; the writer's connection stays its own
        self._root_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Database] = []
        queries.disable_extension_downloads(db)

    def reader(self) -> Database:
        """A read connection for the calling thread (created on first use, then reused)."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            with self._root_lock:
                reader = self._root.cursor()  # read_only: nothing (e.g. Dataset storing clusters) writes through it
                self._readers.append(reader)
            queries.disable_extension_downloads(reader)
            self._local.reader = reader
        return reader

    def writer(self) -> Database:
        """The writing connection; hold :attr:`write_lock` while using it."""
        if self.read_only:
            raise PermissionError("the database is open read-only")
        return self.db

    def close(self) -> None:
        with self._root_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._root.close()
