"""What a view gets: the app's shared state and the request's path, through one object."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Database
from .access import StoreAccess
from .snapshot import Snapshot, SnapshotCache
from .uploads import Uploads


@dataclass
class AppState:
    """Everything the app shares between requests (built once by :func:`~.app.create_app`)."""

    access: StoreAccess
    cache: SnapshotCache
    uploads: Uploads | None
    db_label: str
    max_upload_bytes: int
    max_files: int
    max_chars: int

    @property
    def read_only(self) -> bool:
        return self.uploads is None


class ViewContext:
    """One request's view of the app: a read connection, the analysis snapshot, the path."""

    def __init__(self, state: AppState, path: str):
        self.state = state
        self.path = path
        self.stale = False

    def reader(self) -> Database:
        return self.state.access.reader()

    def snapshot(self) -> Snapshot:
        snapshot, stale = self.state.cache.get()
        self.stale = self.stale or stale
        return snapshot
