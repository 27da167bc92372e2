"""Store tables read into pandas DataFrames (one query each; the analysis works on these)."""

from __future__ import annotations

import json
import pandas as pd

from ..store import queries
from .dates import effective_date

ACTOR_ATTRS = ("countries", "codes", "names", "sectors", "texts", "starts")


def event_mentions_frame(db, type_quads: dict[str, int]) -> pd.DataFrame:
    """One row per stored event (as each document reports it), actors as tuples.

    Actor columns are ``source_<attr>`` and ``target_<attr>`` for ``countries``, ``codes``,
    ``names``, ``sectors``, ``texts`` (tuples in actor order). Adds ``effective_date`` (ISO,
    possibly partial: the event's date, else the document's) and ``date_source``
    (``event``/``document``/``none``). ``quad_class`` is the CAMEO code's, else the PLOVER
    type's from ``type_quads`` (an event may carry a type without a code).
    """
    df = queries.event_rows(db)
    actors = queries.event_actors_by_role(db)
    keys = list(zip(df["doc_id"].tolist(), df["event_index"].tolist()))
    nothing = ((),) * len(ACTOR_ATTRS)
    for role in ("source", "target"):
        # one pass per role: each event's actors turned into one tuple per field
        fields = [tuple(zip(*group)) if (group := actors.get((d, i, role))) else nothing for d, i in keys]
        for k, attr in enumerate(ACTOR_ATTRS):
            df[f"{role}_{attr}"] = pd.Series([f[k] for f in fields], dtype=object)
    df["contexts"] = pd.Series([tuple(v) if v is not None else () for v in df["contexts"].tolist()], dtype=object)
    cache: dict[tuple, tuple] = {}
    eff = []
    for pair in zip(df["date"].tolist(), df["doc_date"].tolist()):
        got = cache.get(pair)
        if got is None:
            p, src = effective_date(*pair)
            got = cache[pair] = (p.iso if p else None, src)
        eff.append(got)
    df["effective_date"] = [e for e, _ in eff]
    df["date_source"] = [s for _, s in eff]
    df["dated_by"] = [dated_by(src, basis) for (_, src), basis in zip(eff, df["date_basis"].tolist())]
    df["n_spans"] = df["n_spans"].astype("int64")
    missing = df["quad_class"].isna()
    if missing.any():
        df["quad_class"] = df["quad_class"].astype("float64")
        df.loc[missing, "quad_class"] = df.loc[missing, "event_type"].map(type_quads).astype("float64")
    return df


DATE_BASES = ("text", "relative", "publication")


def dated_by(date_source: str, date_basis) -> str:
    """What an event's effective date rests on: ``text`` (a date written in the sentence),
    ``relative`` (an expression resolved against the publication date), ``publication`` (only
    the publication date: the events stage fell back to it, or the event has no date and its
    document's is used), or ``none`` (undated)."""
    if date_source == "none":
        return "none"
    if date_source == "document" or date_basis == "publication":
        return "publication"
    return date_basis if date_basis in ("text", "relative") else "text"


def documents_frame(db) -> pd.DataFrame:
    """One row per document with its metadata and counts of mentions, quotes and events."""
    return queries.document_overview(db)


def quotes_frame(db) -> pd.DataFrame:
    """One row per quotation, with the speaker flattened and the countries its content mentions.

    ``mentioned_countries`` lists the countries of actor mentions (group mentions through their
    members) lying inside the quote's content spans, in document order without repeats.
    """
    df = queries.quote_rows(db)
    mentions = queries.mention_countries(db)
    by_doc: dict[str, list[tuple[int, int, list[str]]]] = {}
    for doc_id, start, end, country, members in mentions:
        countries = [country] if country else []
        for m in json.loads(members or "[]"):
            if m.get("country"):
                countries.append(m["country"])
        if countries:
            by_doc.setdefault(doc_id, []).append((start, end, countries))
    found = []
    for doc_id, spans in zip(df["doc_id"], df["content_spans"]):
        seen: list[str] = []
        for s, e in [tuple(x) for x in (spans if spans is not None else [])]:
            for ms, me, countries in by_doc.get(doc_id, ()):
                if ms >= s and me <= e:
                    seen += [c for c in countries if c not in seen]
        found.append(tuple(seen))
    df["mentioned_countries"] = found
    df["content_spans"] = [tuple(tuple(x) for x in v) if v is not None else () for v in df["content_spans"]]
    return df


def quotes_about(quotes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The rows of ``quotes`` (a :func:`quotes_frame`) *about the pair* ``a``, ``b``, in their
    order: the content mentions both countries, or one of them speaks and the content mentions
    the other (docs/analysis.md). The report and the web app's dyad page both select with this."""
    if not len(quotes):
        return quotes
    pair = {a, b}
    keep = [
        pair <= set(mentioned) or (speaker in pair and bool((pair - {speaker}) & set(mentioned)))
        for mentioned, speaker in zip(quotes["mentioned_countries"].tolist(), quotes["speaker_country"].tolist())
    ]
    return quotes[keep].reset_index(drop=True)
