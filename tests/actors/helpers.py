"""Shared helpers of the actor-stage tests."""

from __future__ import annotations

from dyadscope.actors import actor_mentions
from dyadscope.records import Article


def mentions_on(nlp, kb, text, date):
    """The actor mentions of ``text`` read as a document of ``date``."""
    return actor_mentions(nlp(text), article=Article(doc_id="t", text=text, date=date), kb=kb)


def find(ms, text):
    """The first mention whose text is ``text``; fails naming the mentions there are."""
    hits = [m for m in ms if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in ms]}"
    return hits[0]
