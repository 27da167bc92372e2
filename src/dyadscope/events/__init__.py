"""Event stage: PLOVER/CAMEO events between actors, with modality, date and evidence."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Article, Event, Mention, Quote


def coded_events(doc, *, article: Article, mentions: Sequence[Mention], quotes: Sequence[Quote], kb) -> list[Event]:
    """Events of ``doc`` in document order (placeholder until the events issue lands)."""
    return []
