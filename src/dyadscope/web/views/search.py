"""Full-text search over documents (title, author, text) and quotations (content, speaker).

DuckDB's full-text extension would have to be downloaded (its PyPI builds do not match our
DuckDB), and the app never downloads anything, so search is a case-insensitive substring match
of every term (``ILIKE``, ``%``/``_`` escaped) run by the store, paginated; a scan of the text
column, which DuckDB does in tens of milliseconds for tens of thousands of documents.
"""

from __future__ import annotations

from ...store import queries
from ..pages import PAGE as PAGE_PARAM, PER_PAGE, Page, Pagination, Param, clean_rows
from ..text import highlight, search_terms
from ..urls import actor_url, document_url

KINDS = ("all", "documents", "quotes")
PREVIEW = 5  # results of each kind shown when searching both


def build(ctx, p: dict) -> dict:
    terms = search_terms(p["q"] or "")
    kind = p["kind"]
    out: dict = {"q": p["q"] or "", "terms": terms, "kind": kind, "documents": None, "quotes": None}
    if not terms:
        return out
    db = ctx.reader()
    per_page = PREVIEW if kind == "all" else p["per_page"]
    page = 1 if kind == "all" else p["page"]
    state = {"q": p["q"], "kind": kind, "per_page": p["per_page"] if p["per_page"] != 50 else None}
    if kind in ("all", "documents"):
        pagination = Pagination(page, per_page, 0)
        total, rows = queries.search_documents(db, terms, offset=pagination.offset, limit=per_page)
        pagination.total = total
        items = []
        for r in clean_rows(rows):
            items.append({**{k: r[k] for k in ("doc_id", "title", "date", "author", "publisher", "n_chars")},
                          "url": document_url(r["doc_id"]), "snippet": r["snippet"], "cut_before": r["cut_before"],
                          "_title": highlight(r["title"] or r["doc_id"], terms), "_snippet": highlight(r["snippet"], terms)})
        out["documents"] = {"total": total, "items": items, "pagination": pagination.public(ctx.path, {**state, "kind": "documents"}),
                            "more": kind == "all" and total > per_page}
    if kind in ("all", "quotes"):
        pagination = Pagination(page, per_page, 0)
        total, rows = queries.search_quotes(db, terms, offset=pagination.offset, limit=per_page)
        pagination.total = total
        items = []
        for r in clean_rows(rows):
            items.append({**{k: r[k] for k in ("doc_id", "quote_index", "quote_type", "content", "cue", "speaker_name",
                                               "speaker_country", "speaker_code", "doc_title", "doc_date")},
                          "url": document_url(r["doc_id"], f"q-{r['quote_index']}"), "speaker_url": actor_url(r["speaker_code"]),
                          "_content": highlight(r["content"], terms)})
        out["quotes"] = {"total": total, "items": items, "pagination": pagination.public(ctx.path, {**state, "kind": "quotes"}),
                         "more": kind == "all" and total > per_page}
    return out


PAGE = Page(
    name="search", path="/search", template="search.html", build=build,
    summary="Documents and quotations containing every search term (case-insensitive; \"quoted phrases\" kept whole), paginated.",
    params=(Param("q", max_length=200, description="Search terms."),
            Param("kind", default="all", enum=KINDS, description="Search documents, quotations, or both (a preview of each)."),
            PAGE_PARAM, PER_PAGE),
    returns={"terms": "the terms searched", "documents": "total, this page of matching documents with a snippet",
             "quotes": "total, this page of matching quotations"},
)
