"""An actor: how the store names it, its events as source and as target, its quotations, and the
judgements of relationships it holds."""

from __future__ import annotations

from ...store import queries
from ..assessment_list import PER_PAGE as ASSESSMENTS_PER_PAGE, assessment_rows
from ..event_table import FILTER, ORDER, SORT, event_rows, filter_text, sort_events, table_layout
from ..pages import DEDUP, PAGE as PAGE_PARAM, PER_PAGE, Page, Pagination, Param, clean_rows, not_found, records
from ..urls import actor_url, document_url, tilde_decode

ROLES = ("any", "source", "target")


def build(ctx, p: dict) -> dict:
    key = tilde_decode(p["code"])
    by = p["by"]
    snapshot = ctx.snapshot()
    mine, n_source, n_target = snapshot.actor_events(key, by, p["dedup"])
    if p["role"] != "any":
        mine = mine[mine["role"].str.contains(p["role"])]
    table = sort_events(filter_text(mine, p["q"]), p["sort"], p["order"])
    pagination = Pagination(p["page"], p["per_page"], len(table))
    page_frame = pagination.slice(table)
    rows = event_rows(ctx.reader(), page_frame, dedup=p["dedup"], evidence_cache=snapshot.evidence)
    for row, role in zip(rows, page_frame["role"].tolist()):
        row["role"] = role
    quotes = snapshot.quotes
    spoken = quotes[quotes["speaker_code" if by == "code" else "speaker_country"] == key] if len(quotes) else quotes
    q_pagination = Pagination(p["quotes_page"], 50, len(spoken))
    quote_rows = [
        {"content": r["content"], "quote_type": r["quote_type"], "cue": r["cue"], "speaker": r["speaker_name"] or r["speaker_text"],
         "doc_id": r["doc_id"], "doc_title": r["doc_title"], "doc_date": r["doc_date"],
         "url": document_url(r["doc_id"], f"q-{r['quote_index']}")}
        for r in clean_rows(records(q_pagination.slice(spoken)))
    ]
    held = snapshot.held_assessments(key, by)
    a_pagination = Pagination(p["assessments_page"], ASSESSMENTS_PER_PAGE, len(held))
    judgements = assessment_rows(ctx.reader(), a_pagination.slice(held), evidence_cache=snapshot.assessment_evidence)
    profile = clean_rows([queries.actor_profile(ctx.reader(), key, by=by)])[0]
    if not (n_source or n_target or len(spoken) or len(held) or profile["n_mentions"]):
        raise not_found(f"no actor with {by} {key!r} in this store")
    state = {k: v for k, v in {"by": by if by != "code" else None, "role": p["role"] if p["role"] != "any" else None,
                               "q": p["q"], "sort": p["sort"] if p["sort"] != "date" else None,
                               "order": p["order"] if p["order"] != "asc" else None, "dedup": None if p["dedup"] else "0"}.items() if v}
    name = profile["names"][0]["name"] if profile["names"] else key
    return {
        "key": key, "by": by, "name": name, "profile": profile,
        "country_url": actor_url(profile["countries"][0]["country"], "country") if profile["countries"] else None,
        "n_as_source": n_source, "n_as_target": n_target, "filters": p,
        "events": rows, "pagination": pagination.public(ctx.path, state),
        "quotes": {"items": quote_rows, "pagination": q_pagination.public(ctx.path, state, "quotes_page")},
        "assessments": {"items": judgements, "pagination": a_pagination.public(ctx.path, state, "assessments_page")},
        "_state": state,
        "_table": table_layout(ctx.path, state, p["sort"], p["order"], middle=("role", "role")),
    }


PAGE = Page(
    name="actor", path="/actors/{code}", template="actor.html", build=build,
    summary="An actor (one CAMEO-style code, or every actor of a country with by=country): its names, its events as source and as target, the quotations it speaks, and the judgements of relationships it holds.",
    params=(Param("by", default="code", enum=("code", "country"), description="Match the actor code exactly, or every actor of that country."),
            Param("role", default="any", enum=ROLES, description="Events where the actor is the source, the target, or either."),
            FILTER, SORT, ORDER, PAGE_PARAM, PER_PAGE,
            Param("quotes_page", "integer", 1, minimum=1, maximum=1_000_000, description="Page of the quotations."), DEDUP,
            Param("assessments_page", "integer", 1, minimum=1, maximum=1_000_000, description="Page of the judgements it holds.")),
    path_params=(Param("code", max_length=400, location="path", description="Actor code (e.g. RUSGOV, IRN, IGOUNO) or country code, tilde-encoded."),),
    returns={"profile": "names, codes, countries and sectors the store gives it", "events": "this page of its events with role",
             "quotes": "quotations it speaks", "assessments": "judgements of relationships it holds, with evidence",
             "pagination": "of the events"},
)
