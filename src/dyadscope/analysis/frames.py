"""Store tables read into pandas DataFrames (one query each; the analysis works on these)."""

from __future__ import annotations

import json
from collections import defaultdict

import pandas as pd

from .dates import effective_date

_EVENTS_SQL = """
SELECT e.doc_id, e.event_index, e.event_type, e.mode, e.contexts, e.cameo, e.goldstein, e.quad_class,
       e.date, e.date_basis, e.modality, e.sentence, e.start, e."end", e.confidence, e.rule,
       e.speaker_name, e.speaker_country,
       coalesce(m.n_spans, 1) AS n_spans,
       d.date AS doc_date, d.publisher, d.url, d.title, d.source_path
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN (SELECT doc_id, event_index, count(*) AS n_spans FROM event_mentions GROUP BY ALL) m
  ON m.doc_id = e.doc_id AND m.event_index = e.event_index
ORDER BY e.doc_id, e.event_index
"""
_ACTORS_SQL = """
SELECT doc_id, event_index, role, country, code, name, sector, text
FROM event_actors ORDER BY doc_id, event_index, role, actor_index
"""
ACTOR_ATTRS = ("countries", "codes", "names", "sectors", "texts")


def event_mentions_frame(db) -> pd.DataFrame:
    """One row per stored event (as each document reports it), actors as tuples.

    Actor columns are ``source_<attr>`` and ``target_<attr>`` for ``countries``, ``codes``,
    ``names``, ``sectors``, ``texts`` (tuples in actor order). Adds ``effective_date`` (ISO,
    possibly partial: the event's date, else the document's) and ``date_source``
    (``event``/``document``/``none``).
    """
    df = db.con.execute(_EVENTS_SQL).df()
    actors: dict[tuple[str, int, str], list[tuple]] = defaultdict(list)
    for doc_id, index, role, *values in db.con.execute(_ACTORS_SQL).fetchall():
        actors[(doc_id, index, role)].append(tuple(values))
    keys = list(zip(df["doc_id"], df["event_index"]))
    empty: list[tuple] = []
    for role in ("source", "target"):
        rows = [actors.get((d, i, role), empty) for d, i in keys]
        for k, attr in enumerate(ACTOR_ATTRS):
            df[f"{role}_{attr}"] = [tuple(r[k] for r in group) for group in rows]
    df["contexts"] = [tuple(v) if v is not None and not isinstance(v, float) else () for v in df["contexts"]]
    cache: dict[tuple, tuple] = {}
    eff = []
    for pair in zip(df["date"], df["doc_date"]):
        got = cache.get(pair)
        if got is None:
            p, src = effective_date(*pair)
            got = cache[pair] = (p.iso if p else None, src)
        eff.append(got)
    df["effective_date"] = [e for e, _ in eff]
    df["date_source"] = [s for _, s in eff]
    df["n_spans"] = df["n_spans"].astype("int64")
    return df


def documents_frame(db) -> pd.DataFrame:
    """One row per document with its metadata and counts of mentions, quotes and events."""
    return db.con.execute(
        """
        SELECT d.doc_id, d.title, d.date, d.author, d.publisher, d.url, d.source_path, d.content_hash,
               length(d.text) AS n_chars, d.warnings, d.ingested_at,
               (SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS n_mentions,
               (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id) AS n_quotes,
               (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events
        FROM documents d ORDER BY d.date NULLS LAST, d.doc_id"""
    ).df()


def quotes_frame(db) -> pd.DataFrame:
    """One row per quotation, with the speaker flattened and the countries its content mentions.

    ``mentioned_countries`` lists the countries of actor mentions (group mentions through their
    members) lying inside the quote's content spans, in document order without repeats.
    """
    df = db.con.execute(
        """
        SELECT q.doc_id, q.quote_index, q.quote_type, q.content, q.content_spans, q.cue,
               q.speaker_text, q.speaker_name, q.speaker_code, q.speaker_country, q.speaker_sector,
               q.start, q."end", q.rule, d.date AS doc_date, d.title AS doc_title
        FROM quotes q JOIN documents d USING (doc_id) ORDER BY q.doc_id, q.quote_index"""
    ).df()
    mentions = db.con.execute(
        "SELECT doc_id, start, \"end\", country, members FROM mentions ORDER BY doc_id, start"
    ).fetchall()
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
