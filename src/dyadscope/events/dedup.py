"""Within-document duplicates: the same event mentioned twice is one event with two mentions.

Two events are the same when they have the same CAMEO code, modality, source and target actor
sets (reciprocal events in either direction) and non-actor object, and their dates agree or one
of them has no date from the text. The first mention is kept as the evidence; a date from the text wins
over a publication fallback; the confidence is the highest seen.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Event
from .attach import actor_key

_WEAK = ("publication", "unknown")


def _key(e: Event, detail: str = "") -> tuple:
    src = frozenset(actor_key(a) for a in e.source)
    tgt = frozenset(actor_key(a) for a in e.target)
    sides = tuple(sorted((tuple(sorted(map(str, src))), tuple(sorted(map(str, tgt)))))) if e.rule.endswith("+recip") else (src, tgt)
    return (e.cameo, e.modality, sides, detail)


def merge_duplicates(events: list[Event], details: dict[int, str] | None = None) -> list[Event]:
    """``events`` (in document order) with duplicates merged into their first mention.

    ``details`` maps ``id(event)`` to what its predicate is about (the object's lemma), so
    "backed Chile" and "backed Chile's bid" stay two events.
    """
    details = details or {}
    groups: dict[tuple, list[int]] = {}
    out: list[Event] = []
    for e in events:
        idxs = groups.setdefault(_key(e, details.get(id(e), "")), [])
        for i in idxs:
            f = out[i]
            if f.date == e.date or f.date_basis in _WEAK or e.date_basis in _WEAK:
                date, basis = (e.date, e.date_basis) if f.date_basis in _WEAK and e.date_basis not in _WEAK else (f.date, f.date_basis)
                spans = f.mentions + tuple(s for s in e.mentions if s not in f.mentions)
                out[i] = replace(f, date=date, date_basis=basis, mentions=spans, confidence=max(f.confidence, e.confidence))
                break
        else:
            idxs.append(len(out))
            out.append(e)
    return out
