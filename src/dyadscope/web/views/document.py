"""A document: its metadata and cleaned text with the mentions, events, quotations and
relationship assessments marked, each mark linked (mentions to their actor, the others to their
entries below)."""

from __future__ import annotations

import json

from ...store import queries
from ..assessment_list import assessment_entry
from ..event_table import QUAD_NAMES
from ..pages import Page, Param, clean_rows, not_found
from ..text import Mark, evidence_parts, safe_link, segments
from ..urls import actor_url, event_url, tilde_decode

#: The page's sections in order; each is a ``_document_<name>.html`` partial reading its own key
#: of the page data.
SECTIONS = ("text", "events", "quotes", "assessments")


def _actor(row: dict, prefix: str = "") -> dict | None:
    if row.get(f"{prefix}text") is None and row.get(f"{prefix}name") is None and row.get(f"{prefix}code") is None:
        return None
    code = row.get(f"{prefix}code")
    return {"text": row.get(f"{prefix}text"), "name": row.get(f"{prefix}name"), "code": code,
            "country": row.get(f"{prefix}country"), "sector": row.get(f"{prefix}sector"), "url": actor_url(code)}


def _events(db, snapshot, doc: dict) -> list[dict]:
    rows = clean_rows(queries.document_events(db, doc["doc_id"]))
    keys = [(doc["doc_id"], r["event_index"]) for r in rows]
    actors = queries.event_actor_lists(db, keys)
    evidence = queries.event_evidence(db, keys)
    out = []
    for r, key in zip(rows, keys):
        cluster = snapshot.cluster_of.get(key)
        quad = int(r["quad_class"]) if r["quad_class"] is not None else None
        out.append({
            **{k: r[k] for k in ("event_index", "event_type", "mode", "cameo", "goldstein", "date", "date_basis", "modality",
                                 "speaker_name", "speaker_country", "start", "end", "confidence", "rule")},
            "contexts": list(r["contexts"] or ()), "quad_class": quad, "quad_name": QUAD_NAMES.get(quad),
            "source": [_actor(a) for a in actors.get((*key, "source"), [])],
            "target": [_actor(a) for a in actors.get((*key, "target"), [])],
            "evidence": evidence_parts(evidence.get(key, r)), "anchor": f"ev-{r['event_index']}",
            "event_id": cluster, "url": event_url(cluster) if cluster else None,
        })
    return out


def _quotes(db, doc_id: str) -> list[dict]:
    out = []
    for r in clean_rows(queries.document_quotes(db, doc_id)):
        out.append({
            **{k: r[k] for k in ("quote_index", "quote_type", "content", "cue", "start", "end", "rule")},
            "content_spans": [list(s) for s in (r["content_spans"] or ())],
            "speaker": _actor(r, "speaker_"), "anchor": f"q-{r['quote_index']}",
        })
    return out


def _mentions(db, doc_id: str) -> list[dict]:
    out = []
    for r in clean_rows(queries.document_mentions(db, doc_id)):
        members = json.loads(r.pop("members") or "[]")
        out.append({**r, "members": members, "url": actor_url(r["code"])})
    return out


def build(ctx, p: dict) -> dict:
    db = ctx.reader()
    doc_id = tilde_decode(p["doc_id"])
    doc = queries.document(db, doc_id)
    if doc is None:
        raise not_found(f"no document with id {doc_id!r} in this store")
    doc = clean_rows([doc])[0]
    mentions, quotes = _mentions(db, doc_id), _quotes(db, doc_id)
    events = _events(db, ctx.snapshot(), doc)
    assessments = [assessment_entry(r) for r in clean_rows(queries.document_assessments(db, doc_id))]
    marks = [Mark(m["start"], m["end"], "mention", url=m["url"],
                  title=" · ".join(x for x in (m["name"], m["code"], m["country"], m["sector"]) if x) or "unresolved")
             for m in mentions]
    marks += [Mark(e["start"], e["end"], "event", e["anchor"]) for e in events]
    for q in quotes:
        spans = q["content_spans"] or [[q["start"], q["end"]]]
        marks += [Mark(s, e, "quote", q["anchor"] if k == 0 else None) for k, (s, e) in enumerate(spans)]
    marks += [Mark(r["start"], r["end"], "assessment", r["anchor"]) for r in assessments]
    text = doc.pop("text")
    return {
        "document": {**doc, "link": safe_link(doc["url"]), "n_chars": len(text)},
        "text": text,
        "mentions": mentions,
        "events": events,
        "quotes": quotes,
        "assessments": assessments,
        "sections": list(SECTIONS),
        "_segments": segments(text, marks),
    }


PAGE = Page(
    name="document", path="/documents/{doc_id}", template="document.html", build=build,
    summary="One document: metadata, cleaned text, and its actor mentions, events (with the deduplicated event each belongs to), quotations and relationship assessments, all with character offsets into the text.",
    path_params=(Param("doc_id", max_length=2000, location="path",
                       description="Document id, tilde-encoded: every character but A-Z a-z 0-9 _ - as ~XX per UTF-8 byte."),),
    returns={"document": "metadata", "text": "the cleaned text all offsets point into", "mentions": "actor mentions",
             "events": "coded events with actors and evidence", "quotes": "quotations with speakers",
             "assessments": "judgements of a relationship with holder, polarity, aspects and evidence", "sections": "page sections in order"},
)
