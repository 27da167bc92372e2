"""Quote stage: direct, indirect and mixed quotations with cue and resolved speaker."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Article, Mention, Quote


def quotations(doc, *, article: Article, mentions: Sequence[Mention], kb) -> list[Quote]:
    """Quotations of ``doc`` in document order (placeholder until the quotes issue lands)."""
    return []
