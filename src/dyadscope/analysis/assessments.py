"""Relationship assessments of a pair over time: counts by polarity and by the holder's country.

An assessment is dated by its document's publication date (a judgement is made when it is
published). ``balance`` = (positive − negative) / all, in [-1, 1]: mixed judgements count in the
denominator only. The holder's country is ``author`` for the author's own judgements (holder
null) and ``unknown`` for a holder with no country ("analysts").
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from ..records import POLARITIES
from ..store import queries
from .dates import parse_partial_date, period_label, period_sort_key

AUTHOR = "author"
UNKNOWN = "unknown"


def assessments_frame(db) -> pd.DataFrame:
    """One row per stored assessment: the pair, polarity, holder, aspects (a tuple), evidence,
    and ``date`` (its document's) and ``holder_group`` (holder country, ``author`` or ``unknown``)."""
    df = queries.assessment_rows(db)
    df["date"] = df["doc_date"]
    df["aspects"] = [tuple(v) if v is not None and not isinstance(v, float) else () for v in df["aspects"]]
    df["holder_group"] = [_holder_group(t, c) for t, c in zip(df["holder_text"], df["holder_country"])]
    return df


def _holder_group(text, country) -> str:
    if isinstance(country, str) and country:
        return country
    return UNKNOWN if isinstance(text, str) and text else AUTHOR


def dyad_assessments(df: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The assessments of the pair ``a``, ``b`` (in either order)."""
    pair = tuple(sorted((a, b)))
    mask = (df["dyad_a"] == pair[0]) & (df["dyad_b"] == pair[1])
    return df[mask].reset_index(drop=True)


def with_periods(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """``df`` with a ``period`` column (its document's date in periods of ``by``)."""
    out = df.copy()
    dates = out["date"].tolist()
    labels = {d: period_label(parse_partial_date(d) if isinstance(d, str) else None, by) for d in set(dates)}
    out["period"] = [labels[d] for d in dates]  # documents share dates: each is parsed once
    return out


def _summary(counts: dict[str, int]) -> dict:
    counts = {p: int(counts.get(p, 0)) for p in POLARITIES}
    n = sum(counts.values())
    return {"n": n, **counts, "balance": (counts["positive"] - counts["negative"]) / n if n else None}


def polarity_counts(group: pd.DataFrame) -> dict:
    """``n``, the count of each polarity and ``balance`` (None when there is none) of some assessments."""
    return _summary(Counter(group["polarity"].tolist()))


def assessment_series(df: pd.DataFrame, a: str, b: str, by: str = "month") -> pd.DataFrame:
    """Per period and holder group (``all`` first): ``n``, ``positive``, ``negative``, ``mixed``, ``balance``."""
    dyad = with_periods(dyad_assessments(df, a, b)[["date", "holder_group", "polarity"]], by)
    cells: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))  # period -> group -> polarity -> n
    for period, group, polarity in zip(dyad["period"].tolist(), dyad["holder_group"].tolist(), dyad["polarity"].tolist()):
        cells[period][group][polarity] += 1
    rows = []
    for period in sorted(cells, key=period_sort_key):
        groups = cells[period]
        rows.append({"period": period, "holder_country": "all", **_summary(sum(groups.values(), Counter()))})
        for group in sorted(groups, key=lambda g: (g in (AUTHOR, UNKNOWN), g)):
            rows.append({"period": period, "holder_country": group, **_summary(groups[group])})
    columns = ["period", "holder_country", "n", *POLARITIES, "balance"]
    return pd.DataFrame(rows, columns=columns)


def document_balance(df: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per document of the pair: its date, title, counts by polarity and balance, oldest first."""
    dyad = dyad_assessments(df, a, b)
    rows = []
    for doc_id, group in dyad.groupby("doc_id", sort=False):
        first = group.iloc[0]
        rows.append({"doc_id": doc_id, "date": first["date"], "title": first["doc_title"], **polarity_counts(group)})
    return pd.DataFrame(rows, columns=["doc_id", "date", "title", "n", *POLARITIES, "balance"])
