"""Actor stage: find actor mentions in a parsed document and resolve them to country and sector."""

from __future__ import annotations

from ..records import Article, Mention


def actor_mentions(doc, *, article: Article, kb) -> list[Mention]:
    """Actor mentions of ``doc`` in document order (placeholder until the actors issue lands)."""
    return []
