"""One event after deduplication: its coding, and the evidence in every document that reports it."""

from __future__ import annotations

from ...analysis.dedup import event_id as member_event_id
from ...store import queries
from ..event_table import QUAD_NAMES, event_rows
from ..pages import DEDUP, Page, Param, Redirect, clean_rows, not_found
from ..text import evidence_parts, safe_link
from ..urls import actor_url, document_url, event_url, tilde_decode


def _reports(db, members: list[tuple[str, int]]) -> list[dict]:
    evidence = queries.event_evidence(db, members)
    actors = queries.event_actor_lists(db, members)
    out = []
    for key in members:
        row = evidence.get(key)
        if row is None:
            continue
        row = clean_rows([row])[0]
        side = lambda role: [{**a, "url": actor_url(a["code"])} for a in actors.get((*key, role), [])]  # noqa: E731
        out.append({
            "doc_id": key[0], "event_index": key[1], "doc_url": document_url(key[0], f"ev-{key[1]}"),
            "title": row["title"], "doc_date": row["doc_date"], "author": row["author"], "publisher": row["publisher"],
            "url": row["url"], "link": safe_link(row["url"]),
            "event_type": row["event_type"], "cameo": row["cameo"], "modality": row["modality"], "date": row["date"],
            "date_basis": row["date_basis"], "speaker": row["speaker_name"], "confidence": row["confidence"], "rule": row["rule"],
            "source": side("source"), "target": side("target"), "evidence": evidence_parts(row),
        })
    return out


def build(ctx, p: dict) -> dict:
    wanted = tilde_decode(p["event_id"])
    snapshot = ctx.snapshot()
    dedup = p["dedup"]
    index = snapshot.row_of[dedup].get(wanted)
    if index is None:
        if dedup:  # the id of one report merged into another event: send the reader to that event
            for key, cluster in snapshot.cluster_of.items():
                if member_event_id(*key) == wanted:
                    raise Redirect(event_url(cluster))
        raise not_found(f"no event with id {wanted!r} in this store" + ("" if dedup else " without deduplication"))
    frame = snapshot.events[dedup].iloc[[index]]
    row = event_rows(ctx.reader(), frame, dedup=dedup)[0]
    members = [tuple(m) for m in frame["members"].iloc[0]]
    row.pop("direction", None)
    reports = _reports(ctx.reader(), members)
    return {
        "event": {**row, "members": [f"{d}#{i}" for d, i in members], "num_sources": int(frame["num_sources"].iloc[0]),
                  "quad_name": QUAD_NAMES.get(row["quad_class"])},
        "reports": reports,
        "dedup": dedup,
    }


PAGE = Page(
    name="event", path="/events/{event_id}", template="event.html", build=build,
    summary="One event (after cross-document deduplication unless dedup=0): its coding and actors, and the evidence sentence in every document that reports it.",
    params=(DEDUP,),
    path_params=(Param("event_id", max_length=200, location="path", description="Event id as the tables give it (ev-...)."),),
    returns={"event": "the event as the tables show it, with every member report's doc_id#event_index",
             "reports": "per reporting document: metadata, the event as coded there, the evidence sentence with the span"},
)
