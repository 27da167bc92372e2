"""The corpus overview: counts, date range, the busiest dyads, and the documents page by page."""

from __future__ import annotations

from ...store import queries
from ..pages import DEDUP, PAGE as PAGE_PARAM, PER_PAGE, Page, Pagination, clean_rows
from ..urls import document_url, dyad_url

TOP_DYADS = 24


def build(ctx, p: dict) -> dict:
    db = ctx.reader()
    overview = queries.corpus_overview(db)
    snapshot = ctx.snapshot()
    pairs = snapshot.busiest_pairs(p["dedup"])
    pagination = Pagination(p["page"], p["per_page"], overview["n_documents"])
    documents = clean_rows(queries.documents_page(db, offset=pagination.offset, limit=pagination.per_page))
    for d in documents:
        d["url"] = document_url(d["doc_id"])
    return {
        "database": ctx.state.db_label,
        "counts": overview["counts"],
        "events_after_dedup": len(snapshot.events[True]),
        "date_range": {"first": overview["first_date"], "last": overview["last_date"], "undated_documents": overview["n_undated"]},
        "last_ingested": overview["last_ingested"],
        "n_dyads": len(pairs),
        "busiest_dyads": [{**pair, "url": dyad_url(pair["a"], pair["b"])} for pair in pairs[:TOP_DYADS]],
        "documents": documents,
        "pagination": pagination.public(ctx.path, {"per_page": p["per_page"], "dedup": None if p["dedup"] else "0"}),
        "dedup": p["dedup"],
    }


PAGE = Page(
    name="overview", path="/", template="overview.html", build=build,
    summary="The corpus: counts of every table, the range of publication dates, the busiest pairs of states, and the documents (newest first).",
    params=(PAGE_PARAM, PER_PAGE, DEDUP),
    returns={"counts": "rows per store table", "events_after_dedup": "events once cross-document duplicates are merged",
             "date_range": "first and last publication date", "busiest_dyads": "pairs of states with the most events, with links",
             "documents": "this page of documents with counts of mentions, quotes and events", "pagination": "page, pages, total, next, prev"},
)
