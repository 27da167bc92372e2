"""PLOVER JSON records: the field names of the PLOVER manual's JSON table, plus the flat names of
PLOVER-coded datasets (POLECAT) and ours. Every value is strict JSON (see :mod:`dyadscope.export.jsonio`).

Manual fields: ``id``; ``date`` (``YYYY-MM-DD``, or null when the day is not known: the date as
coded, possibly partial, is in ``date_partial`` with its ``date_precision``); ``source`` and
``recipient`` (lists of actor objects ``code`` (the 3-letter top-level code: the country), ``sector``,
``actor_text``, ``identifier_text`` (the canonical name), with ``actor_code`` (the CAMEO-style code)
and ``country`` beside them); ``event`` (a list of PLOVER categories); ``mode``; ``context`` (a
list); ``event_text`` (a list: the evidence span); ``quad_code``; ``event_scale`` (Goldstein);
``text`` (the evidence sentence); ``text_info`` (``sequence``: the sentence's number, ``start``,
``end``); ``cite_info`` (``url``, ``title``, ``publication``, ``language``, ``coder``,
``codebook``); ``coder``; ``coded_date``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..settings import VERSION
from .dates import parse_partial_date
from .gdelt import _num, _quad, sentence_number

#: Language of every coded text (the pipeline reads English).
LANGUAGE = "en"
CODEBOOK = f"dyadscope-plover-{VERSION}"


def _actors(ev, role: str) -> list[dict[str, Any]]:
    cols = [getattr(ev, f"{role}_{f}") for f in ("codes", "names", "countries", "sectors", "texts")]
    return [
        {"code": country or (code[:3] if code else None), "sector": sector, "actor_text": text, "identifier_text": name,
         "actor_code": code, "country": country}
        for code, name, country, sector, text in zip(*cols)
    ]


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def plover_records(events: pd.DataFrame, texts: dict[str, str] | None = None,
                   sentences: dict[str, list[tuple[int, int]]] | None = None) -> list[dict[str, Any]]:
    """One PLOVER JSON record per event (fields in the module docstring).

    Args:
        events: One row per event.
        texts: Document id -> text, to fill ``event_text`` with the evidence span.
        sentences: Document id -> sentence spans, to number the evidence sentence.
    """
    texts, sentences = texts or {}, sentences or {}
    out = []
    for ev in events.itertuples(index=False):
        source, recipient = _actors(ev, "source"), _actors(ev, "target")
        doc_text = texts.get(ev.doc_id)
        start = int(ev.start) if ev.start is not None and pd.notna(ev.start) else None
        end = int(ev.end) if ev.end is not None and pd.notna(ev.end) else None
        span = doc_text[start:end] if doc_text is not None and start is not None else None
        d = parse_partial_date(ev.effective_date)
        day = d.iso if d and d.day else None
        coded = pd.Timestamp(ev.coded_at).date().isoformat() if ev.coded_at is not None and pd.notna(ev.coded_at) else None
        out.append({
            "id": ev.event_id,
            "date": day,
            "date_partial": d.iso if d else None,
            "date_precision": d.precision if d else None,
            "date_source": ev.date_source,
            "source": source,
            "recipient": recipient,
            "event": [ev.event_type],
            "mode": _text(ev.mode),
            "context": list(ev.contexts),
            "event_text": [span or ev.sentence],
            "quad_code": _quad(ev),
            "event_scale": _num(ev.goldstein),
            "text": ev.sentence,
            "text_info": {"sequence": sentence_number(sentences.get(ev.doc_id, []), start), "start": start, "end": end},
            "cite_info": {"url": _text(ev.url), "title": _text(ev.title), "publication": _text(ev.publisher),
                          "language": LANGUAGE, "coder": f"dyadscope {VERSION}", "codebook": CODEBOOK},
            "coder": f"dyadscope {VERSION} {ev.rule or ''}".strip(),
            "coded_date": coded,
            # flat names of PLOVER-coded datasets
            "event_id": ev.event_id,
            "story_id": ev.doc_id,
            "event_type": ev.event_type,
            "event_date": day,
            "actor": source,
            "actor_country": [a["country"] for a in source],
            "actor_sector": [a["sector"] for a in source],
            "recipient_country": [a["country"] for a in recipient],
            "recipient_sector": [a["sector"] for a in recipient],
            # ours
            "modality": ev.modality,
            "cameo": _text(ev.cameo),
            "confidence": _num(ev.confidence),
            "resolved": bool(ev.resolved),
            "stories": list(ev.doc_ids),
            "num_mentions": int(ev.num_mentions),
            "num_articles": int(ev.num_articles),
            "num_sources": int(ev.num_sources),
        })
    return out
