"""Events in two public layouts: GDELT 2.0-like columns and PLOVER JSON Lines (docs/analysis.md)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pandas as pd

from ..settings import VERSION
from .dates import parse_partial_date

#: GDELT 2.0 event-table columns we fill, in GDELT's order (others are left out, see docs).
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "SOURCEURL",
]
#: Our columns after GDELT's: what GDELT has no place for.
EXTRA_COLUMNS = [
    "EventId", "PloverType", "PloverMode", "Contexts", "Modality", "EventDate", "DateSource",
    "DocIds", "EvidenceSentence", "Confidence", "Rule",
]
ROOT_SENTENCES = 3


def _int_id(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:15], 16)


def _pairs(src: tuple[int, ...], tgt: tuple[int, ...]) -> list[tuple[int | None, int | None]]:
    """Actor index pairs of one event: source x target; ordered pairs among sources when there is
    no recipient (reciprocal events, as CAMEO coders write them); a lone actor pairs with nothing."""
    if src and tgt:
        return [(i, j) for i in src for j in tgt]
    if len(src) > 1:
        return [(i, j) for i in src for j in src if i != j]
    if src:
        return [(src[0], None)]
    return [(None, j) for j in tgt] or [(None, None)]


def gdelt_frame(events: pd.DataFrame, root_ends: dict[str, int] | None = None) -> pd.DataFrame:
    """GDELT-2.0-like rows: one per (Actor1, Actor2) pair of each event.

    Args:
        events: One row per event (see :func:`dedup.deduplicate`).
        root_ends: Document id -> end offset of its lead (first three sentences); an event is a
            root event (``IsRootEvent`` 1) when one of its mentions starts inside the lead.
    """
    root_ends = root_ends or {}
    rows: list[dict[str, Any]] = []
    for ev in events.itertuples(index=False):
        d = parse_partial_date(ev.effective_date)
        sqldate = int(f"{d.year:04d}{d.month:02d}{d.day:02d}") if d and d.day else None
        month_year = int(f"{d.year:04d}{d.month:02d}") if d and d.month else None
        year = d.year if d and d.precision not in ("decade", "century") else None
        fraction = round(d.year + date(d.year, d.month, d.day).timetuple().tm_yday / 365.0, 4) if sqldate else None
        cameo = ev.cameo or ""
        quad = ev.quad_class if pd.notna(ev.quad_class) else None
        is_root = int(ev.doc_id in root_ends and ev.start is not None and ev.start < root_ends[ev.doc_id])
        src = tuple(range(len(ev.source_countries)))
        tgt = tuple(range(len(ev.target_countries)))
        for k, (i, j) in enumerate(_pairs(src, tgt)):
            src_actors = (ev.source_codes, ev.source_names, ev.source_countries, ev.source_sectors)
            tgt_actors = (ev.target_codes, ev.target_names, ev.target_countries, ev.target_sectors)
            a1 = src_actors if i is not None else None
            a2 = None if j is None else (tgt_actors if tgt else src_actors)
            row = {
                "GLOBALEVENTID": _int_id(f"{ev.event_id}:{k}"),
                "SQLDATE": sqldate,
                "MonthYear": month_year,
                "Year": year,
                "FractionDate": fraction,
            }
            for n, actor, idx in (("1", a1, i), ("2", a2, j)):
                row[f"Actor{n}Code"] = actor[0][idx] if actor else None
                row[f"Actor{n}Name"] = actor[1][idx] if actor else None
                row[f"Actor{n}CountryCode"] = actor[2][idx] if actor else None
                row[f"Actor{n}Type1Code"] = actor[3][idx] if actor else None
            row.update(
                IsRootEvent=is_root,
                EventCode=cameo or None,
                EventBaseCode=cameo[:3] or None,
                EventRootCode=cameo[:2] or None,
                QuadClass=int(quad) if quad is not None and pd.notna(quad) else None,
                GoldsteinScale=float(ev.goldstein) if pd.notna(ev.goldstein) else None,
                NumMentions=int(ev.num_mentions),
                NumSources=int(ev.num_sources),
                NumArticles=int(ev.num_articles),
                SOURCEURL=ev.url or ev.source_path,
                EventId=ev.event_id,
                PloverType=ev.event_type,
                PloverMode=ev.mode,
                Contexts=";".join(ev.contexts),
                Modality=ev.modality,
                EventDate=ev.effective_date,
                DateSource=ev.date_source,
                DocIds=";".join(ev.doc_ids),
                EvidenceSentence=ev.sentence,
                Confidence=float(ev.confidence) if pd.notna(ev.confidence) else None,
                Rule=ev.rule,
            )
            rows.append(row)
    df = pd.DataFrame(rows, columns=GDELT_COLUMNS + EXTRA_COLUMNS)
    for col in ("SQLDATE", "MonthYear", "Year", "QuadClass"):
        df[col] = df[col].astype("Int64")
    for col in ("GLOBALEVENTID", "IsRootEvent", "NumMentions", "NumSources", "NumArticles"):
        df[col] = df[col].astype("int64")
    return df


def _actors(ev, role: str) -> list[dict[str, Any]]:
    cols = [getattr(ev, f"{role}_{f}") for f in ("codes", "names", "countries", "sectors", "texts")]
    return [
        {"code": code, "actor_text": text, "identifier_text": name, "country": country, "sector": sector}
        for code, name, country, sector, text in zip(*cols)
    ]


def plover_records(events: pd.DataFrame, texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One PLOVER JSON record per event.

    Fields follow the PLOVER manual's JSON table (``id``, ``date``, ``source``, ``recipient``,
    ``event``, ``mode``, ``context``, ``event_text``, ``quad_code``, ``event_scale``,
    ``text``, ``text_info``, ``cite_info``, ``coder``) with the flat names of PLOVER-coded
    datasets beside them (``event_id``, ``story_id``, ``event_type``, ``event_date``,
    ``actor``, ``actor_country``, ``actor_sector``, ``recipient_country``,
    ``recipient_sector``), plus ``modality``, ``num_mentions``, ``num_articles``,
    ``num_sources`` and ``stories`` (every document reporting it).

    Args:
        events: One row per event.
        texts: Document id -> text, to fill ``event_text`` with the evidence span.
    """
    texts = texts or {}
    out = []
    for ev in events.itertuples(index=False):
        source, recipient = _actors(ev, "source"), _actors(ev, "target")
        doc_text = texts.get(ev.doc_id)
        span = doc_text[ev.start : ev.end] if doc_text is not None and ev.start is not None else None
        quad = ev.quad_class if pd.notna(ev.quad_class) else None
        out.append(
            {
                "id": ev.event_id,
                "event_id": ev.event_id,
                "story_id": ev.doc_id,
                "stories": list(ev.doc_ids),
                "date": ev.effective_date,
                "event_date": ev.effective_date,
                "date_source": ev.date_source,
                "event": ev.event_type,
                "event_type": ev.event_type,
                "mode": ev.mode,
                "context": list(ev.contexts),
                "modality": ev.modality,
                "source": source,
                "actor": source,
                "actor_country": [a["country"] for a in source],
                "actor_sector": [a["sector"] for a in source],
                "recipient": recipient,
                "recipient_country": [a["country"] for a in recipient],
                "recipient_sector": [a["sector"] for a in recipient],
                "event_text": span or ev.sentence,
                "text": ev.sentence,
                "text_info": {"start": int(ev.start) if ev.start is not None else None, "end": int(ev.end) if ev.end is not None else None},
                "quad_code": int(quad) if quad is not None and pd.notna(quad) else None,
                "event_scale": float(ev.goldstein) if pd.notna(ev.goldstein) else None,
                "cameo": ev.cameo,
                "num_mentions": int(ev.num_mentions),
                "num_articles": int(ev.num_articles),
                "num_sources": int(ev.num_sources),
                "cite_info": {"url": ev.url, "title": ev.title, "publication": ev.publisher, "coder": f"dyadscope {VERSION}"},
                "coder": f"dyadscope {VERSION} {ev.rule or ''}".strip(),
                "confidence": float(ev.confidence) if pd.notna(ev.confidence) else None,
            }
        )
    return out
