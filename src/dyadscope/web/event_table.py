"""The event table of the dyad and actor pages: filter, sort, paginate, and rows with their
actors and evidence sentence (read from the store for the rows shown only)."""

from __future__ import annotations

import pandas as pd

from ..store import queries
from .pages import Param, clean_rows, records
from .snapshot import date_key
from .text import evidence_parts
from .urls import actor_url, document_url, event_url, with_query

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

#: Sortable columns -> the frame column they sort on.
SORTS = {
    "date": "_date_key", "type": "event_type", "modality": "modality", "direction": "direction",
    "source": "_source_key", "target": "_target_key", "goldstein": "goldstein", "articles": "num_articles",
}
SORT = Param("sort", default="date", enum=tuple(SORTS), description="Column the event table is sorted on.")
ORDER = Param("order", default="asc", enum=("asc", "desc"), description="Sort order.")
FILTER = Param("q", description="Keep events whose evidence sentence or actors contain this text (any case).")


def filter_text(df: pd.DataFrame, q: str | None) -> pd.DataFrame:
    """Events whose evidence sentence, actor names, codes or texts contain ``q`` (any case)."""
    if not q or not len(df):
        return df
    needle = q.lower()
    hay = df["sentence"].fillna("").astype(str)
    for col in ("source_names", "target_names", "source_codes", "target_codes", "source_texts", "target_texts"):
        hay = hay + " " + df[col].map(lambda v: " ".join(str(x) for x in v if x is not None))
    return df[hay.str.lower().str.contains(needle, regex=False)]


def sort_events(df: pd.DataFrame, sort: str, order: str) -> pd.DataFrame:
    """``df`` sorted on a :data:`SORTS` column, then date, document and index; missing values last."""
    if not len(df):
        return df
    if "_date_key" not in df:  # a DyadEvents frame has them already
        df = df.assign(
            _date_key=[date_key(v) for v in df["effective_date"]],
            _source_key=[(n[0] if n else "") or "" for n in df["source_names"]],
            _target_key=[(n[0] if n else "") or "" for n in df["target_names"]],
        )
    column = SORTS[sort]
    keys = [column] + [k for k in ("_date_key", "doc_id", "event_index") if k != column]
    ascending = [order == "asc"] + [True] * (len(keys) - 1)
    return df.sort_values(keys, ascending=ascending, na_position="last", kind="stable")


def table_layout(path: str, state: dict, sort: str, order: str, *, middle: tuple[str, str] | None, fragment: str = "events") -> dict:
    """Columns of the event table and the link of each sortable header (a second click on the
    sorted column flips the order); ``middle`` is the direction or role column, if any."""
    columns = [("date", "date")] + ([middle] if middle else []) + [
        ("source", "source"), ("type", "type"), ("target", "target"), ("modality", "modality"),
        ("evidence", "evidence sentence"), ("goldstein", "Goldstein"), ("articles", "reports")]
    links = {}
    for key, _ in columns:
        if key in SORTS:
            flip = "desc" if key == sort and order == "asc" else "asc"
            links[key] = with_query(path, {**state, "sort": key, "order": flip}, fragment)
    return {"columns": columns, "links": links, "sort": sort, "order": order,
            "show_direction": bool(middle and middle[0] == "direction"), "show_role": bool(middle and middle[0] == "role")}


def _actors(names, codes, countries, texts) -> list[dict]:
    return [
        {"name": n, "code": c, "country": k, "text": t, "url": actor_url(c)}
        for n, c, k, t in zip(names, codes, countries, texts)
    ]


def event_rows(db, df: pd.DataFrame, *, dedup: bool, evidence_cache: dict | None = None) -> list[dict]:
    """The rows shown for the events in ``df``: actors (names, codes, countries, links), type,
    CAMEO code, quad class, modality, dates, direction (when known), counts, and the evidence
    sentence of the representative report with the event's span marked. ``evidence_cache``
    (a snapshot's) keeps evidence read before, so paging back and forth reads nothing again."""
    shown = clean_rows(records(df))
    keys = [(r["doc_id"], r["event_index"]) for r in shown]
    cache = {} if evidence_cache is None else evidence_cache
    missing = [k for k in keys if k not in cache]
    if missing:
        cache.update(queries.event_evidence(db, missing))
    evidence = {k: cache[k] for k in keys if k in cache}
    rows = []
    for r in shown:
        quad = int(r["quad_class"]) if r.get("quad_class") is not None else None
        ev = evidence.get((r["doc_id"], r["event_index"]), {"sentence": r["sentence"], "start": r["start"], "end": r["end"]})
        rows.append({
            "event_id": r["event_id"], "url": event_url(r["event_id"], dedup=dedup),
            "date": r["effective_date"], "event_date": r["date"], "date_source": r["date_source"], "date_basis": r["date_basis"],
            "direction": r.get("direction"), "event_type": r["event_type"], "mode": r["mode"], "cameo": r["cameo"],
            "quad_class": quad, "quad_name": QUAD_NAMES.get(quad), "goldstein": r["goldstein"], "modality": r["modality"],
            "contexts": list(r["contexts"] or ()),
            "source": _actors(r["source_names"], r["source_codes"], r["source_countries"], r["source_texts"]),
            "target": _actors(r["target_names"], r["target_codes"], r["target_countries"], r["target_texts"]),
            "evidence": evidence_parts(ev), "doc_id": r["doc_id"], "doc_title": r.get("title"),
            "doc_url": document_url(r["doc_id"], f"ev-{r['event_index']}"),
            "num_articles": r["num_articles"], "num_mentions": r["num_mentions"], "confidence": r["confidence"],
        })
    return rows
