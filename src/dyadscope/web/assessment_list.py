"""Relationship assessments as the dyad, document and actor pages list them: holder, polarity,
aspects, the evidence sentence with the judgement marked, and links to the place in the document
(evidence read from the store for the rows shown only)."""

from __future__ import annotations

import pandas as pd

from ..analysis.series import AnalysisError, check_country
from ..store import queries
from .pages import clean_rows, records
from .text import evidence_parts
from .urls import actor_url, document_url, dyad_url

#: How many judgements a page of a list shows.
PER_PAGE = 50


def _pair_url(a: str, b: str) -> str | None:
    """The dyad page's assessments section for the pair, when the dyad page takes both codes."""
    try:
        return dyad_url(check_country(a), check_country(b), fragment="assessments")
    except AnalysisError:
        return None


def _holder(r: dict) -> dict | None:
    if r.get("holder_text") is None and r.get("holder_name") is None:
        return None
    return {k: r.get(f"holder_{k}") for k in ("text", "name", "code", "country", "sector")} | {"url": actor_url(r.get("holder_code"))}


def assessment_entry(r: dict, evidence: dict | None = None) -> dict:
    """One judgement for a page: ``r`` is a stored assessment (a row of
    :func:`~dyadscope.store.queries.document_assessments` or of a snapshot's assessments) and
    ``evidence`` its row of :func:`~dyadscope.store.queries.assessment_evidence` (``r`` itself
    when it has the evidence columns)."""
    holder = _holder(r)
    index, doc_id = int(r["assessment_index"]), r["doc_id"]
    quote = r.get("quote_index")
    quote = int(quote) if quote is not None else None
    return {
        "doc_id": doc_id, "assessment_index": index, "anchor": f"as-{index}", "url": document_url(doc_id, f"as-{index}"),
        "dyad": [r["dyad_a"], r["dyad_b"]], "dyad_url": _pair_url(r["dyad_a"], r["dyad_b"]),
        "polarity": r["polarity"], "start": int(r["start"]), "end": int(r["end"]), "holder": holder,
        "holder_label": (holder["name"] or holder["text"]) if holder else "the author",
        "aspects": list(r["aspects"] if r["aspects"] is not None else ()),
        "quote_index": quote, "quote_type": r.get("quote_type"),
        "quote_url": document_url(doc_id, f"q-{quote}-entry") if quote is not None else None,
        "confidence": r["confidence"], "rule": r["rule"],
        "evidence": evidence_parts(evidence if evidence is not None else r),
    }


def assessment_rows(db, df: pd.DataFrame, *, evidence_cache: dict | None = None) -> list[dict]:
    """The entries for the assessments in ``df`` (rows of a snapshot's assessments), each with its
    document's date, title and author and its ``holder_group``. ``evidence_cache`` (a snapshot's)
    keeps evidence read before."""
    shown = clean_rows(records(df))
    keys = [(r["doc_id"], int(r["assessment_index"])) for r in shown]
    cache = {} if evidence_cache is None else evidence_cache
    missing = [k for k in keys if k not in cache]
    if missing:
        cache.update(queries.assessment_evidence(db, missing))
    rows = []
    for r, key in zip(shown, keys):
        evidence = cache.get(key, {"sentence": r["sentence"], "start": r["start"], "end": r["end"], "span_text": r["judgement"]})
        rows.append({**assessment_entry(r, evidence), "date": r["date"], "doc_title": r["doc_title"], "doc_author": r["doc_author"],
                     "holder_group": r["holder_group"]})
    return rows
