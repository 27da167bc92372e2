"""Quote knowledge: loader for the quote stage's data files (to be filled in by the quote issue)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class QuoteKB:
    """Placeholder until the quote stage lands."""


def load_quote_kb(data_dir: Path, *args) -> QuoteKB:
    return QuoteKB()
