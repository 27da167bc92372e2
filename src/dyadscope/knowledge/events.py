"""Event knowledge: loader for the event stage's data files (to be filled in by the event issue)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EventKB:
    """Placeholder until the event stage lands."""


def load_event_kb(data_dir: Path, *args) -> EventKB:
    return EventKB()
