"""A pair of states: the cooperation/conflict timeline under filters, the events behind it in a
sortable, filterable table, the quotations about the pair by speaker, and how the relationship is
judged (relationship assessments per period and holder, and the judgements themselves)."""

from __future__ import annotations

import re

import pandas as pd

from ...analysis.assessments import AUTHOR, UNKNOWN
from ...analysis.countries import country_name
from ...analysis.series import AnalysisError, check_country, directions
from ...records import MODALITIES, POLARITIES
from ..assessment_list import PER_PAGE as ASSESSMENTS_PER_PAGE, assessment_rows
from ..charts import period_counts, timeline_columns, timeline_svg
from ..event_table import FILTER, ORDER, SORT, event_rows, filter_text, sort_events, table_layout
from ..pages import DEDUP, PAGE as PAGE_PARAM, PER_PAGE, Page, Pagination, PageError, Param, clean_rows, records
from ..urls import actor_url, document_url, dyad_url

#: The page's sections in order, each a ``_dyad_<name>.html`` partial fed by its own key of the page data.
SECTIONS = ("timeline", "events", "quotes", "assessments")
DATE_BASES = ("text", "relative", "publication", "undated")
DIRECTIONS = ("any", "a-b", "b-a", "joint")
SERIES_KEYS = ("n_events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "cooperation", "conflict",
               "goldstein_mean", "net_cooperation")

PARAMS = (
    Param("by", default="year", enum=("month", "quarter", "year"), description="Length of a timeline period."),
    Param("modality", default=None, enum=(*MODALITIES, "all"), multiple=True,
          description="Modalities to count (default asserted); each is charted apart, never added to another."),
    Param("event_type", multiple=True, max_length=40, description="PLOVER event types to keep."),
    Param("context", multiple=True, max_length=40, description="PLOVER contexts to keep (an event with any of them)."),
    Param("date_basis", enum=DATE_BASES, multiple=True,
          description="Where the date comes from: text (absolute), relative (resolved against publication), publication (no date in the text), undated."),
    Param("direction", default="any", enum=DIRECTIONS, description="A->B, B->A, joint, or any."),
    Param("period", max_length=20, description="Show only the events of this period (a timeline label such as 2016, 2016-Q2, 2016-05, 18XX)."),
    Param("quad", "integer", minimum=1, maximum=4, description="Show only events of this quad class (1-4, GDELT 2.0)."),
    FILTER, SORT, ORDER, PAGE_PARAM, PER_PAGE,
    Param("quotes_page", "integer", 1, minimum=1, maximum=1_000_000, description="Page of the quotations."),
    DEDUP,
    Param("polarity", enum=POLARITIES, multiple=True,
          description="List only the judgements of the relationship with these polarities (the counts keep every one)."),
    Param("holder", max_length=40,
          description="List only the judgements of this holder group: a country code, author (a document's own judgements) or unknown (a holder with no country)."),
    Param("assessment_period", max_length=20,
          description="List only the judgements published in this period (2016, 2016-Q2, 2016-05, or undated), whatever the period length `by`."),
    Param("assessments_page", "integer", 1, minimum=1, maximum=1_000_000, description="Page of the judgements."),
)
#: The parameters of the assessments section alone (the event views ignore them).
ASSESSMENT_PARAMS = ("polarity", "holder", "assessment_period")


class _Once:
    """``compute()`` on first call, then its result."""

    def __init__(self, compute):
        self._compute, self._done, self._value = compute, False, None

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def _filtered(dyad: pd.DataFrame, p: dict, mods: tuple[str, ...], a: str, b: str) -> pd.DataFrame:
    keep = dyad["modality"].isin(mods).to_numpy().copy()
    if p["event_type"]:
        keep &= dyad["event_type"].isin(p["event_type"]).to_numpy()
    if p["context"]:
        wanted = set(p["context"])
        keep &= [bool(wanted & set(c)) for c in dyad["contexts"]]
    if p["date_basis"]:
        keep &= dyad["_basis"].isin(p["date_basis"]).to_numpy()
    if p["direction"] != "any":
        label = dict(zip(DIRECTIONS[1:], directions(a, b)))[p["direction"]]
        keep &= (dyad["direction"] == label).to_numpy()
    return dyad[keep]


def _timeline(f: pd.DataFrame, p: dict, mods, a: str, b: str, state: dict) -> list[dict]:
    """One chart per modality with events: columns, and the SVG geometry under ``_svg``. The
    counts are those of the ``combined`` rows of a dyad series (``direction`` narrows them)."""
    if not len(f):
        return []
    column = f"period_{p['by']}"
    counts = period_counts(f[column].tolist(), f["modality"].tolist(), f["quad_class"].tolist(), f["goldstein"].tolist(),
                           f["_basis"].tolist())
    charts = []
    for m in mods:
        rows = [r for (_, modality), r in counts.items() if modality == m]
        if not rows:
            continue
        columns = timeline_columns(rows, p["by"])

        def link(period, quad, m=m):
            return dyad_url(a, b, {**state, "modality": m if m != "asserted" else None, "period": period, "quad": quad}, "events")

        svg = timeline_svg(columns, link, selected=p["period"])
        keys = ("period", "coarse", *SERIES_KEYS, "publication_dated")
        charts.append({"modality": m, "periods": [{k: c.get(k) for k in keys} | {"url": link(c["period"], None)} for c in columns],
                       "_svg": svg})
    return charts


def _quotes(snapshot, a: str, b: str, p: dict, path: str, state: dict) -> dict:
    q, speakers = snapshot.quotes_about(a, b)
    pagination = Pagination(p["quotes_page"], 50, len(q))
    items = []
    for r in clean_rows(records(pagination.slice(q))) if len(q) else []:
        items.append({
            "speaker": r["_speaker"], "speaker_country": r["speaker_country"], "speaker_code": r["speaker_code"],
            "speaker_url": actor_url(r["speaker_code"]), "speaker_anchor": f"speaker-{r['_order']}",
            "content": r["content"], "quote_type": r["quote_type"], "cue": r["cue"], "doc_id": r["doc_id"],
            "doc_title": r["doc_title"], "doc_date": r["doc_date"], "url": document_url(r["doc_id"], f"q-{r['quote_index']}"),
        })
    return {"speakers": speakers, "items": items, "pagination": pagination.public(path, state, "quotes_page")}


def _granularity(period: str, by: str) -> str:
    """The period length a period label is written in (``2016`` a year, ``2016-Q2`` a quarter,
    ``2016-05`` a month); ``by`` for other labels (``undated``, ``18XX``)."""
    for pattern, length in ((r"\d{4}", "year"), (r"\d{4}-Q[1-4]", "quarter"), (r"\d{4}-\d{2}", "month")):
        if re.fullmatch(pattern, period):
            return length
    return by


def _holder_group_label(group: str) -> str:
    if group == AUTHOR:
        return "the author (a document's own judgement)"
    if group == UNKNOWN:
        return "holders with no country"
    name = country_name(group)
    return f"{name} ({group})" if name else group


def _assessments(ctx, snapshot, a: str, b: str, p: dict, state: dict) -> dict:
    """Counts per period and holder group (every judgement of the pair), the balance, and this page
    of the judgements under the section's filters, grouped by holder (the pair's own first)."""
    pair = snapshot.dyad_assessments(a, b)
    by = p["by"]
    frame = pair.with_periods(by)
    shown = frame
    if p["polarity"]:
        shown = shown[shown["polarity"].isin(p["polarity"])]
    if p["holder"]:
        shown = shown[shown["holder_group"] == p["holder"]]
    if p["assessment_period"]:
        length = _granularity(p["assessment_period"], by)
        shown = shown[pair.with_periods(length).loc[shown.index, f"period_{length}"] == p["assessment_period"]]
    pagination = Pagination(p["assessments_page"], ASSESSMENTS_PER_PAGE, len(shown))

    def link(**changes) -> str:
        return dyad_url(a, b, {**state, "assessments_page": None, **changes}, "judgements")

    series = []
    for r in records(pair.series(by)):
        group = None if r["holder_country"] == "all" else r["holder_country"]
        urls = {"n": link(holder=group, assessment_period=r["period"], polarity=None)}
        urls |= {k: link(holder=group, assessment_period=r["period"], polarity=[k]) for k in POLARITIES}
        series.append({**r, "_urls": urls})
    return {
        "n": len(frame), "n_documents": pair.n_documents, "by": by, "overall": pair.overall,
        "series": series,
        "holders": [{**h, "url": link(holder=h["holder"])} for h in pair.holders],
        "filters": {"polarity": list(p["polarity"]), "holder": p["holder"], "period": p["assessment_period"]},
        "n_shown": len(shown),
        "items": assessment_rows(ctx.reader(), pagination.slice(shown), evidence_cache=snapshot.assessment_evidence),
        "pagination": pagination.public(ctx.path, state, "assessments_page"),
        "_labels": {h["holder"]: _holder_group_label(h["holder"]) for h in pair.holders},
        "_clear": {k: link(**{k: None}) for k in ASSESSMENT_PARAMS},
    }


def build(ctx, p: dict) -> dict:
    try:
        a, b = check_country(p["a"]), check_country(p["b"])
        if a == b:
            raise AnalysisError(f"dyad {a} {b}: the two countries must differ")
    except AnalysisError as e:
        raise PageError(400, str(e)) from None
    mods = MODALITIES if "all" in p["modality"] else tuple(m for m in MODALITIES if m in p["modality"]) or ("asserted",)
    snapshot = ctx.snapshot()
    pair = snapshot.dyad(a, b, p["dedup"])
    dyad = pair.with_periods(p["by"])
    # Every parameter that differs from its default but paging, as links keep it (bars, sort headers, pages).
    defaults = {q.name: q.default for q in PARAMS}
    state = {k: v for k, v in p.items()
             if k not in ("a", "b", "page", "quotes_page", "assessments_page") and v not in (None, [], "") and v != defaults.get(k)}
    state["modality"] = None if mods == ("asserted",) else list(mods)
    state["dedup"] = None if p["dedup"] else "0"
    # Every parameter but paging: the parts cached under it (timeline, quotations, judgements) hold
    # links keeping them all. The rows of the event table depend on the event filters only.
    key = repr(sorted(state.items(), key=str))
    rows_key = repr(sorted(((k, v) for k, v in state.items() if k not in ASSESSMENT_PARAMS), key=str))
    filtered = _Once(lambda: _filtered(dyad, p, mods, a, b))

    def view() -> dict:  # row positions in ``dyad``, not frames, so a cached view costs little memory
        table = filtered()
        if p["period"]:
            table = table[table[f"period_{p['by']}"] == p["period"]]
        if p["quad"]:
            table = table[table["quad_class"] == p["quad"]]
        table = sort_events(filter_text(table, p["q"]), p["sort"], p["order"])
        return {"n_filtered": len(filtered()), "rows": table.index.to_numpy()}

    shown = pair.memo(("view", rows_key), view)
    table = dyad.iloc[shown["rows"]] if len(shown["rows"]) else dyad.iloc[:0]
    pagination = Pagination(p["page"], p["per_page"], len(table))
    counts = {m: pair.modality_counts.get(m, 0) for m in MODALITIES}
    return {
        "a": a, "b": b, "directions": list(directions(a, b)), "filters": {**p, "modality": list(mods)},
        "options": {"modality_counts": counts, "event_types": pair.event_types, "contexts": pair.contexts, "date_bases": list(DATE_BASES),
                    "directions": list(DIRECTIONS)},
        "n_events": len(dyad), "n_filtered": shown["n_filtered"], "n_table": len(table),
        "timeline": pair.memo(("timeline", key), lambda: _timeline(filtered(), p, mods, a, b, state)),
        "events": event_rows(ctx.reader(), pagination.slice(table), dedup=p["dedup"], evidence_cache=snapshot.evidence),
        "pagination": pagination.public(ctx.path, state),
        "quotes": pair.memo(("quotes", key, p["quotes_page"]), lambda: _quotes(snapshot, a, b, p, ctx.path, state)),
        "assessments": snapshot.dyad_assessments(a, b).memo(("view", key, p["assessments_page"]),
                                                            lambda: _assessments(ctx, snapshot, a, b, p, state)),
        "sections": list(SECTIONS),
        "_state": state,
        "_table": table_layout(ctx.path, state, p["sort"], p["order"], middle=("direction", "direction")),
        "reverse_url": dyad_url(b, a),
    }


PAGE = Page(
    name="dyad", path="/dyads/{a}/{b}", template="dyad.html", build=build,
    summary="A pair of states: per-period cooperation and conflict (one chart per modality), the events behind it with actors, type, modality, date and evidence sentence, the quotations about the pair by speaker, and how the relationship is judged (assessments per period and holder country, the balance, and the judgements with their evidence).",
    params=PARAMS,
    path_params=(Param("a", max_length=3, location="path", description="ISO 3166 alpha-3 code of the first state."),
                 Param("b", max_length=3, location="path", description="ISO 3166 alpha-3 code of the second state.")),
    returns={"timeline": "per modality, every period on a continuous axis with quad counts and net cooperation",
             "events": "this page of the event table", "pagination": "of the event table", "quotes": "speakers and this page of quotations",
             "options": "values the filters can take", "filters": "the filters applied",
             "assessments": "judgements of the relationship: counts per period and holder group (series), the balance (overall), "
                            "holder groups, and this page of the judgements under polarity, holder and assessment_period"},
)
