"""Actor knowledge: loader for the actor stage's data files (to be filled in by the actor issue)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ActorKB:
    """Placeholder until the actor stage lands."""


def load_actor_kb(data_dir: Path, *args) -> ActorKB:
    return ActorKB()
