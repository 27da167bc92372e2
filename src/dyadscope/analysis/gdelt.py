"""GDELT layouts of the events: the GDELT 2.0 Events and Mentions files, and the GDELT-like table
of the notebook API (GDELT's filled columns plus ours).

Event numbers: GDELT's ``GLOBALEVENTID`` (and ICEWS's Event ID) is an integer that R, JavaScript
and every float64 reader keep exactly: ``doc_number * 10_000_000 + event_index * 1_000 + pair``,
where ``doc_number`` is the representative document's number in the store, ``event_index`` the
event's index in it and ``pair`` the actor pair's number (one row per actor pair). It stays below
2^53 for any store of fewer than 900 million documents. The string ``EventId`` (``ev-...``) names
the event itself, stable across pairs and exports.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from ..errors import DyadscopeError
from .dates import parse_partial_date

MAX_SAFE_INTEGER = 2**53 - 1
_DOC, _EVENT, _PAIR = 10_000_000, 1_000, 1_000


class ExportError(DyadscopeError, ValueError):
    """An export cannot be written as asked (an id out of range, an unknown format, ...)."""


def event_number(doc_number: int, event_index: int, pair: int = 0) -> int:
    """The integer id of one actor pair of an event (see the module docstring)."""
    if not (0 <= event_index < _DOC // _EVENT and 0 <= pair < _PAIR):
        raise ExportError(f"event {event_index} pair {pair} of document {doc_number}: over the id layout's limits "
                          f"({_DOC // _EVENT} events a document, {_PAIR} actor pairs an event)")
    number = int(doc_number) * _DOC + int(event_index) * _EVENT + int(pair)
    if number > MAX_SAFE_INTEGER:
        raise ExportError(f"document number {doc_number}: event ids would pass 2^53")
    return number


def actor_pairs(n_source: int, n_target: int) -> list[tuple[int | None, int | None, str]]:
    """Actor index pairs of one event and which side the second comes from: source x target;
    ordered pairs among the sources when there is no recipient (reciprocal events, as CAMEO
    coders write them); a lone actor pairs with nothing."""
    if n_source and n_target:
        return [(i, j, "target") for i in range(n_source) for j in range(n_target)]
    if n_source > 1:
        return [(i, j, "source") for i in range(n_source) for j in range(n_source) if i != j]
    if n_source:
        return [(0, None, "")]
    return [(None, j, "target") for j in range(n_target)] or [(None, None, "")]


def _dates(effective: str | None) -> tuple[int | None, int | None, int | None, float | None]:
    d = parse_partial_date(effective)
    day = int(f"{d.year:04d}{d.month:02d}{d.day:02d}") if d and d.day else None
    month = int(f"{d.year:04d}{d.month:02d}") if d and d.month else None
    year = d.year if d and d.precision not in ("decade", "century") else None
    fraction = round(d.year + date(d.year, d.month, d.day).timetuple().tm_yday / 365.0, 4) if day else None
    return day, month, year, fraction


def _actor(ev, role: str | None, idx: int | None) -> dict[str, Any] | None:
    if role is None or idx is None:
        return None
    return {attr: getattr(ev, f"{role}_{attr}")[idx] for attr in ("codes", "names", "countries", "sectors", "starts")}


def _quad(ev) -> int | None:
    return int(ev.quad_class) if ev.quad_class is not None and pd.notna(ev.quad_class) else None


def _num(value) -> float | None:
    return float(value) if value is not None and pd.notna(value) else None


# -- the GDELT-like table of the API -----------------------------------------------------------

#: GDELT 2.0 event-table columns the GDELT-like table fills, in GDELT's order.
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


def _pair_rows(events: pd.DataFrame) -> Iterator[tuple[Any, int, dict | None, dict | None]]:
    for ev in events.itertuples(index=False):
        for k, (i, j, side) in enumerate(actor_pairs(len(ev.source_countries), len(ev.target_countries))):
            yield ev, k, _actor(ev, "source" if i is not None else None, i), _actor(ev, side or None, j)


def gdelt_frame(events: pd.DataFrame, root_ends: dict[str, int] | None = None) -> pd.DataFrame:
    """GDELT-2.0-like rows: one per (Actor1, Actor2) pair of each event, GDELT's filled columns
    then ours (:data:`GDELT_COLUMNS`, :data:`EXTRA_COLUMNS`).

    Args:
        events: One row per event (see :func:`dedup.deduplicate`).
        root_ends: Document id -> end offset of its lead (first three sentences); an event is a
            root event (``IsRootEvent`` 1) when its evidence starts inside the lead.
    """
    root_ends = root_ends or {}
    rows: list[dict[str, Any]] = []
    for ev, k, a1, a2 in _pair_rows(events):
        day, month, year, fraction = _dates(ev.effective_date)
        cameo = ev.cameo or ""
        row = {"GLOBALEVENTID": event_number(ev.doc_number, ev.event_index, k), "SQLDATE": day, "MonthYear": month,
               "Year": year, "FractionDate": fraction}
        for n, actor in (("1", a1), ("2", a2)):
            row[f"Actor{n}Code"] = actor["codes"] if actor else None
            row[f"Actor{n}Name"] = actor["names"] if actor else None
            row[f"Actor{n}CountryCode"] = actor["countries"] if actor else None
            row[f"Actor{n}Type1Code"] = actor["sectors"] if actor else None
        row.update(
            IsRootEvent=int(ev.doc_id in root_ends and ev.start is not None and ev.start < root_ends[ev.doc_id]),
            EventCode=cameo or None, EventBaseCode=cameo[:3] or None, EventRootCode=cameo[:2] or None,
            QuadClass=_quad(ev), GoldsteinScale=_num(ev.goldstein), NumMentions=int(ev.num_mentions),
            NumSources=int(ev.num_sources), NumArticles=int(ev.num_articles), SOURCEURL=ev.url or ev.source_path,
            EventId=ev.event_id, PloverType=ev.event_type, PloverMode=ev.mode, Contexts=";".join(ev.contexts),
            Modality=ev.modality, EventDate=ev.effective_date, DateSource=ev.date_source, DocIds=";".join(ev.doc_ids),
            EvidenceSentence=ev.sentence, Confidence=_num(ev.confidence), Rule=ev.rule,
        )
        rows.append(row)
    df = pd.DataFrame(rows, columns=GDELT_COLUMNS + EXTRA_COLUMNS)
    for col in ("SQLDATE", "MonthYear", "Year", "QuadClass"):
        df[col] = df[col].astype("Int64")
    for col in ("GLOBALEVENTID", "IsRootEvent", "NumMentions", "NumSources", "NumArticles"):
        df[col] = df[col].astype("int64")
    return df


# -- GDELT 2.0 Events and Mentions files --------------------------------------------------------

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: The 61 columns of a GDELT 2.0 Events file (``*.export.CSV``), in order.
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
]
#: The 16 columns of a GDELT 2.0 Mentions file (``*.mentions.CSV``), in order.
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
#: Column types of the two files (everything else is text), as a reader should declare them.
GDELT_INTEGER_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                         "NumSources", "NumArticles", "DATEADDED", "EventTimeDate", "MentionTimeDate", "MentionType",
                         "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText",
                         "Confidence", "MentionDocLen")
GDELT_FLOAT_COLUMNS = ("FractionDate", "GoldsteinScale", "AvgTone", "MentionDocTone")


def _timestamp(value) -> int | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    ts = pd.Timestamp(value)
    return int(ts.strftime("%Y%m%d%H%M%S"))


def _day_stamp(iso: str | None) -> int | None:
    d = parse_partial_date(iso)
    return int(f"{d.year:04d}{d.month:02d}{d.day:02d}000000") if d and d.day else None


def sentence_number(spans: list[tuple[int, int]], offset: int | None) -> int | None:
    """1-based number of the sentence holding ``offset``, or None."""
    if offset is None or not spans:
        return None
    k = bisect.bisect_right(spans, (int(offset), float("inf"))) - 1
    return k + 1 if 0 <= k < len(spans) and spans[k][0] <= offset <= spans[k][1] else None


def gdelt_event_rows(events: pd.DataFrame, root_ends: dict[str, int]) -> Iterator[list[Any]]:
    """Rows of the GDELT 2.0 Events file (:data:`GDELT_EVENT_COLUMNS`); unknown values None."""
    for ev, k, a1, a2 in _pair_rows(events):
        day, month, year, fraction = _dates(ev.effective_date)
        cameo = ev.cameo or ""
        row: dict[str, Any] = {"GLOBALEVENTID": event_number(ev.doc_number, ev.event_index, k), "SQLDATE": day,
                               "MonthYear": month, "Year": year, "FractionDate": fraction}
        for n, actor in (("1", a1), ("2", a2)):
            code = actor["codes"] if actor else None
            country = actor["countries"] if actor else None
            igo = bool(code and code.startswith("IGO"))
            row[f"Actor{n}Code"] = code
            row[f"Actor{n}Name"] = actor["names"] if actor else None
            # GDELT keeps an international organisation's code apart from countries
            row[f"Actor{n}CountryCode"] = None if igo else country
            row[f"Actor{n}KnownGroupCode"] = (code[3:6] or country) if igo else None
            row[f"Actor{n}Type1Code"] = actor["sectors"] if actor else None
        row.update(
            IsRootEvent=int(ev.doc_id in root_ends and ev.start is not None and ev.start < root_ends[ev.doc_id]),
            EventCode=cameo or None, EventBaseCode=cameo[:3] or None, EventRootCode=cameo[:2] or None,
            QuadClass=_quad(ev), GoldsteinScale=_num(ev.goldstein), NumMentions=int(ev.num_mentions),
            NumSources=int(ev.num_sources), NumArticles=int(ev.num_articles),
            DATEADDED=_timestamp(ev.ingested_at), SOURCEURL=ev.url or ev.source_path,
        )
        yield [row.get(c) for c in GDELT_EVENT_COLUMNS]


def gdelt_mention_rows(
    events: pd.DataFrame,
    *,
    spans: dict[tuple[str, int], list[tuple[int, int]]],
    sentences: dict[str, list[tuple[int, int]]],
    documents: dict[str, dict],
    actor_starts: dict[tuple[str, int, str], list[int]],
) -> Iterator[list[Any]]:
    """Rows of the GDELT 2.0 Mentions file (:data:`GDELT_MENTION_COLUMNS`): one per place each
    document reporting the event mentions it, for each of the event's actor-pair rows.

    Offsets are character offsets into the stored text: the mention (``ActionCharOffset``), and
    for a document's first mention of the event its actors (else -1, as in GDELT).
    """
    for ev, k, a1, a2 in _pair_rows(events):
        gid = event_number(ev.doc_number, ev.event_index, k)
        added = _timestamp(ev.ingested_at)
        i, j = _pair_index(ev, k)
        for doc_id, index in ev.members:
            doc = documents.get(doc_id, {})
            url = doc.get("url")
            conf = _num(ev.confidence)
            for m, (start, _end) in enumerate(spans.get((doc_id, index)) or []):
                src = actor_starts.get((doc_id, index, "source"), [])
                second = actor_starts.get((doc_id, index, "target" if len(ev.target_countries) else "source"), [])
                yield [
                    gid, added, _day_stamp(doc.get("date")) or _timestamp(doc.get("ingested_at")),
                    1 if url else 2,  # 1 WEB (identifier is a URL), 2 CITATIONONLY (a file path or id)
                    doc.get("publisher"), url or doc.get("source_path") or doc_id,
                    sentence_number(sentences.get(doc_id, []), start),
                    src[i] if m == 0 and i is not None and i < len(src) else -1,
                    second[j] if m == 0 and j is not None and j < len(second) else -1,
                    start, 1, int(round(conf * 100)) if conf is not None else None, doc.get("doc_len"),
                    None, None, None,
                ]


def _pair_index(ev, k: int) -> tuple[int | None, int | None]:
    i, j, _ = actor_pairs(len(ev.source_countries), len(ev.target_countries))[k]
    return i, j


def mentions_path(events_path) -> "Path":
    """Where the Mentions file goes beside an Events file: ``x.export.CSV`` -> ``x.mentions.CSV``,
    else ``x.tsv`` -> ``x.mentions.tsv``."""
    from pathlib import Path

    p = Path(events_path)
    if ".export." in p.name:
        return p.with_name(p.name.replace(".export.", ".mentions.", 1))
    return p.with_name(f"{p.stem}.mentions{p.suffix}")
