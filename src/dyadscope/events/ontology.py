"""CAMEO/PLOVER lookups and the composition of a governing verb with an embedded event.

Composition (table in ``knowledge/data/events/compose.csv``) follows the CAMEO codebook: a
promise or offer to do a cooperative act is an intent (03x), a refusal of it is a rejection
(12x), asking for it an appeal (02x), insisting on it a demand (10x), and announcing a
conflictual act in advance a threat (13x).
"""

from __future__ import annotations

from ..knowledge.events import CameoCode, EventKB

def compose(ekb: EventKB, embed: str, inner: str) -> str | None:
    """The code of ``embed`` (a governing role) applied to the embedded event code ``inner``,
    from the composition table ``compose.csv`` (longest matching prefix of ``inner``).

    Returns the inner code unchanged for pass-through roles (``light``, ``future``, ``report``)
    and None when the combination has no justified code.
    """
    if embed in ("light", "future", "report"):
        return inner
    table = ekb.compose.get(embed)
    if table is None:
        return None
    for n in range(len(inner), 1, -1):
        got = table.get(inner[:n])
        if got is not None:
            return got or inner
    return None


def code_info(kb: EventKB, code: str) -> CameoCode | None:
    """The table row of ``code`` if it codes a PLOVER event."""
    row = kb.cameo.get(code)
    return row if row is not None and row.plover_type else None
