"""The report's assessments section: who holds which view of the pair's relationship, over time."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict

from ..analysis.assessments import AUTHOR, UNKNOWN


def _clean(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _evidence(text: str, bounds: list[tuple[int, int]], start: int, end: int, sentence: str) -> dict:
    """The judgement's sentence cut into ``before``/``span``/``after``."""
    k = bisect.bisect_right(bounds, (start, math.inf)) - 1
    if 0 <= k < len(bounds) and bounds[k][0] <= start and end <= bounds[k][1]:
        s0, s1 = bounds[k]
        return {"before": text[s0:start], "span": text[start:end], "after": text[end:s1]}
    return {"before": sentence or "", "span": "", "after": ""}


def _holder_label(row: dict) -> str:
    if not row["holder_text"]:
        return "the author"
    return row["holder_name"] or row["holder_text"]


def assessment_doc_ids(ds, a: str, b: str) -> set[str]:
    """Documents holding an assessment of the pair (so the report lists them)."""
    return set(ds.dyad_assessments(a, b)["doc_id"])


def build_assessments(ds, a: str, b: str, *, by: str, docs: dict, sentences: dict, doc_anchor: dict, marks) -> dict:
    """``series`` (per period and holder country), ``documents`` (each one's balance), ``groups``
    (the judgements by holder country, each with its evidence and a link into its document).

    ``marks`` (doc_id -> spans) gets each judgement's span so the document text shows it.
    """
    series = [{k: _clean(v) for k, v in r.items()} for r in ds.assessment_series(a, b, by=by).to_dict("records")]
    balance = [{k: _clean(v) for k, v in r.items()} for r in ds.assessment_balance(a, b).to_dict("records")]
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in ds.dyad_assessments(a, b).to_dict("records"):
        doc_id = row["doc_id"]
        if doc_id not in doc_anchor:
            continue
        start, end = int(row["start"]), int(row["end"])
        anchor = f"{doc_anchor[doc_id]}-as-{int(row['assessment_index'])}"
        marks[doc_id].append((start, end, anchor))
        groups[row["holder_group"]].append({
            "date": row["date"], "polarity": row["polarity"], "holder": _holder_label(row),
            "holder_country": _clean(row["holder_country"]), "aspects": list(row["aspects"]),
            "quote_type": _clean(row["quote_type"]), "confidence": float(row["confidence"]), "anchor": anchor,
            "doc_title": docs[doc_id]["title"] or doc_id, "rule": row["rule"],
            "evidence": _evidence(docs[doc_id]["text"], sentences.get(doc_id, []), start, end, row["sentence"]),
        })
    pair = {a, b}
    order = sorted(groups, key=lambda g: (g not in pair, g in (AUTHOR, UNKNOWN), g))
    return {
        "series": series,
        "documents": balance,
        "groups": [{"country": g, "judgements": groups[g]} for g in order],
        "n": sum(len(v) for v in groups.values()),
    }
