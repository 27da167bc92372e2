"""Dyad series: how two countries treated each other, period by period (docs/analysis.md).

Directions: ``A->B`` (A among the sources, B among the targets), ``B->A``, and ``A<->B`` for
joint or reciprocal events (both among the sources with no recipient outside the sources, or
each a source and a target of the same event). ``combined`` adds the three. An event with
several actors counts for every dyad it contains; an event where A and B are only both targets
(a third party acting on both) is not an interaction between them and is not counted.

Net cooperation index of a group of events: ``(cooperation - conflict) / (cooperation +
conflict)`` where cooperation counts quad classes 1 and 2 and conflict quad classes 3 and 4; it
runs from -1 (only conflict) to +1 (only cooperation) and is empty when there are no events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import DyadscopeError
from ..records import MODALITIES
from .dates import GRANULARITIES, parse_partial_date, period_label, period_sort_key
from .ontology import QUADS

DEFAULT_MODALITIES = ("asserted",)


class AnalysisError(DyadscopeError, ValueError):
    """A dyad or series request is malformed (unknown modality, granularity, or country code)."""


def directions(a: str, b: str) -> tuple[str, str, str]:
    """Direction labels of the dyad ``a``-``b``: A->B, B->A, and joint."""
    return f"{a}->{b}", f"{b}->{a}", f"{a}<->{b}"


def parse_modalities(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"asserted,reported"`` or a list -> validated tuple in the canonical order; ``all`` = every one."""
    if value is None:
        return DEFAULT_MODALITIES
    items = [v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value) if v and v.strip()]
    if items == ["all"]:
        return MODALITIES
    bad = [v for v in items if v not in MODALITIES]
    if bad or not items:
        raise AnalysisError(f"modality {', '.join(bad) or '(none)'}: must be among {', '.join(MODALITIES)} or 'all'")
    return tuple(m for m in MODALITIES if m in items)


def check_country(code: str, known: Iterable[str] = ()) -> str:
    """Upper-cased code, or :class:`AnalysisError` naming the nearest codes.

    A code is accepted when it is an ISO 3166 alpha-3 code, one of our IGO or regional codes
    (:mod:`.countries`), or among ``known`` (codes the store's actors carry).
    """
    from .countries import known_codes, suggestions

    c = (code or "").strip().upper()
    extra = {k: k for k in known if k}
    if len(c) == 3 and c.isalpha() and (c in known_codes() or c in extra):
        return c
    near = suggestions(code or "", extra)
    hint = "; did you mean " + " or ".join(f"{k} ({name})" for k, name in near) + "?" if near else ""
    if len(c) != 3 or not c.isalpha():
        raise AnalysisError(f"country {code!r}: expected an ISO 3166 alpha-3 code such as IRN or RUS{hint}")
    raise AnalysisError(f"country {code!r}: not an ISO 3166 alpha-3 code, nor one of our IGO or regional codes, "
                        f"nor a country of the store's actors{hint}")


def store_countries(events: pd.DataFrame) -> set[str]:
    """Every country code the events' actors carry."""
    if not len(events):
        return set()
    return set().union(*events["source_countries"].tolist(), *events["target_countries"].tolist()) - {None}


def _direction(a: str, b: str, src: Sequence[str], tgt: Sequence[str]) -> str | None:
    a_s, b_s, a_t, b_t = a in src, b in src, a in tgt, b in tgt
    ab, ba, joint = directions(a, b)
    if (a_s and b_t) and (b_s and a_t):
        return joint
    if a_s and b_s:
        return joint if set(tgt) <= set(src) else None
    if a_s and b_t:
        return ab
    if b_s and a_t:
        return ba
    return None


def dyad_events(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The events (any modality) between ``a`` and ``b``, with a ``direction`` column."""
    known = store_countries(events)
    a, b = check_country(a, known), check_country(b, known)
    if a == b:
        raise AnalysisError(f"dyad {a} {b}: the two countries must differ")
    if not len(events):
        out = events.copy()
        out["direction"] = pd.Series([], dtype=object)
        return out
    dirs = [_direction(a, b, s, t) for s, t in zip(events["source_countries"].tolist(), events["target_countries"].tolist())]
    out = events.assign(direction=dirs)
    return out[out["direction"].notna()].reset_index(drop=True)


def add_periods(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Add ``period`` (label of granularity ``by``; see :mod:`.dates`) to an events frame."""
    if by not in GRANULARITIES:
        raise AnalysisError(f"by={by!r}: must be one of {', '.join(GRANULARITIES)}")
    cache: dict[object, str] = {}
    labels = []
    for value in df["effective_date"].tolist():
        label = cache.get(value)
        if label is None:
            label = cache[value] = period_label(parse_partial_date(value), by)
        labels.append(label)
    return df.assign(period=labels)


def summarize(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Counts and scores of the events in ``df`` grouped by ``keys``."""
    quad = df["quad_class"].astype("float64")
    work = pd.DataFrame({k: df[k].values for k in keys})
    work["n_events"] = 1
    for q, name in QUADS.items():
        work[name] = (quad == q).astype("int64").values
    work["goldstein_sum"] = df["goldstein"].astype("float64").values
    work["goldstein_n"] = df["goldstein"].notna().astype("int64").values
    work["mentions"] = df["num_mentions"].astype("int64").values if "num_mentions" in df else 1
    work["publication_dated"] = (df["dated_by"] == "publication").astype("int64").values if "dated_by" in df else 0
    g = work.groupby(keys, sort=False)
    out = g[["n_events", *QUADS.values(), "goldstein_n", "mentions", "publication_dated"]].sum()
    out["goldstein_sum"] = g["goldstein_sum"].sum(min_count=1)
    out["cooperation"] = out["verbal_coop"] + out["material_coop"]
    out["conflict"] = out["verbal_conflict"] + out["material_conflict"]
    out["goldstein_mean"] = out["goldstein_sum"] / out["goldstein_n"].replace(0, np.nan)
    total = (out["cooperation"] + out["conflict"]).replace(0, np.nan)
    out["net_cooperation"] = (out["cooperation"] - out["conflict"]) / total
    work["_type"] = df["event_type"].tolist()
    types = work.groupby([*keys, "_type"], sort=False).size().unstack("_type", fill_value=0)
    types.columns = [f"type_{c}" for c in types.columns]
    ctx_rows = [(*k, c) for k, cs in zip(zip(*(work[k].tolist() for k in keys)), df["contexts"].tolist()) for c in cs]
    if ctx_rows:
        ctx = pd.DataFrame(ctx_rows, columns=[*keys, "_context"])
        ctx_counts = ctx.groupby([*keys, "_context"], sort=False).size().unstack("_context", fill_value=0)
        ctx_counts.columns = [f"context_{c}" for c in ctx_counts.columns]
    else:
        ctx_counts = pd.DataFrame(index=out.index)
    out = out.drop(columns="goldstein_n").join(types).join(ctx_counts)
    count_cols = [c for c in out.columns if c.startswith(("type_", "context_"))]
    out[count_cols] = out[count_cols].fillna(0).astype("int64")
    return out


SERIES_COLUMNS = [
    "period", "axis", "modality", "direction", "n_events", *QUADS.values(), "cooperation", "conflict",
    "goldstein_sum", "goldstein_mean", "net_cooperation", "mentions", "publication_dated", "small",
]
#: A period with fewer events than this (but some) is marked ``small``: its index rests on a handful.
SMALL_COUNT = 5
DATE_BASES = ("text", "relative", "publication")


def parse_date_bases(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"text,relative"`` or a list -> validated tuple; None or ``all`` = every basis (and undated events)."""
    if value is None or (not isinstance(value, str) and not list(value)):
        return ()
    items = [v.strip().lower() for v in (value.split(",") if isinstance(value, str) else value) if v and v.strip()]
    if items == ["all"]:
        return ()
    bad = [v for v in items if v not in DATE_BASES]
    if bad or not items:
        raise AnalysisError(f"date basis {', '.join(bad) or '(none)'}: must be among {', '.join(DATE_BASES)} or 'all'")
    return tuple(b for b in DATE_BASES if b in items)


def filter_date_basis(events: pd.DataFrame, bases: tuple[str, ...]) -> pd.DataFrame:
    """Events whose date rests on one of ``bases`` (see :func:`.frames.dated_by`); all when empty."""
    if not bases or not len(events):
        return events
    return events[events["dated_by"].isin(bases)]


_FINE = {"month": re.compile(r"^\d{4}-\d{2}$"), "quarter": re.compile(r"^\d{4}-Q[1-4]$"), "year": re.compile(r"^\d{4}$")}


def period_axis(label: str, by: str) -> str:
    """``timeline`` for a period of granularity ``by``, ``coarse`` for a coarser date (a year when
    counting by month, a decade, a century), ``undated``."""
    if label == "undated":
        return "undated"
    return "timeline" if _FINE[by].match(label) else "coarse"


def _ordinal(label: str, by: str) -> int:
    year = int(label[:4])
    if by == "month":
        return year * 12 + int(label[5:7]) - 1
    if by == "quarter":
        return year * 4 + int(label[-1]) - 1
    return year


def _label(k: int, by: str) -> str:
    if by == "month":
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if by == "quarter":
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    return f"{k:04d}"


def period_range(labels: Iterable[str], by: str) -> list[str]:
    """Every period of granularity ``by`` from the first to the last of ``labels`` (gaps included)."""
    ks = [_ordinal(p, by) for p in labels if period_axis(p, by) == "timeline"]
    return [_label(k, by) for k in range(min(ks), max(ks) + 1)] if ks else []


def dyad_series(
    events: pd.DataFrame,
    a: str,
    b: str,
    *,
    by: str = "month",
    modality: str | Iterable[str] | None = None,
    date_basis: str | Iterable[str] | None = None,
    fill: bool = True,
) -> pd.DataFrame:
    """The dyad series of ``a`` and ``b`` from an events frame (deduplicated or not).

    Args:
        events: One row per event (see :func:`dedup.deduplicate`).
        a, b: ISO alpha-3 country codes, matched against the actors' ``country``.
        by: ``month``, ``quarter`` or ``year``.
        modality: Modalities to count, each kept in its own rows; default asserted only.
        date_basis: Count only events whose date rests on these (``text``, ``relative``,
            ``publication``); default every event, undated ones too.
        fill: Give every period between the first and the last its row (zeros where nothing
            happened), for every modality and direction, so the time axis is continuous.

    Returns:
        One row per period, modality and direction (``A->B``, ``B->A``, ``A<->B``, ``combined``):
        ``axis`` (``timeline``; ``coarse`` for dates coarser than ``by``, which are kept apart;
        ``undated``), counts by quad class, Goldstein sum and mean, net cooperation index,
        ``publication_dated`` (events dated only by their document's publication date),
        ``small`` (fewer than :data:`SMALL_COUNT` events), and ``type_<PLOVER type>`` /
        ``context_<context>`` counts. The timeline in order first, then coarse rows, then undated.
    """
    mods = parse_modalities(modality)
    bases = parse_date_bases(date_basis)
    dyad = dyad_events(events, a, b)
    a, b = a.strip().upper(), b.strip().upper()
    dyad = filter_date_basis(dyad[dyad["modality"].isin(mods)], bases)
    if not len(dyad):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    dyad = add_periods(dyad, by)
    per_dir = summarize(dyad, ["period", "modality", "direction"]).reset_index()
    combined = summarize(dyad, ["period", "modality"]).reset_index().assign(direction="combined")
    out = pd.concat([per_dir, combined], ignore_index=True)
    dirs = (*directions(a, b), "combined")
    if fill:
        periods = sorted(set(out["period"]), key=period_sort_key)
        timeline = period_range(periods, by)
        others = [p for p in periods if period_axis(p, by) != "timeline"]
        grid = pd.MultiIndex.from_product([timeline + others, mods, dirs], names=["period", "modality", "direction"])
        out = out.set_index(["period", "modality", "direction"]).reindex(grid).reset_index()
        zero = [c for c in out.columns if c not in ("period", "modality", "direction", "goldstein_sum",
                                                       "goldstein_mean", "net_cooperation")]
        out[zero] = out[zero].fillna(0)
    count_cols = [c for c in out.columns if c.startswith(("type_", "context_"))]
    int_cols = ["n_events", *QUADS.values(), "cooperation", "conflict", "mentions", "publication_dated", *count_cols]
    out[int_cols] = out[int_cols].fillna(0).astype("int64")
    out["axis"] = [period_axis(p, by) for p in out["period"]]
    out["small"] = (out["n_events"] > 0) & (out["n_events"] < SMALL_COUNT)
    order_dir = {d: i for i, d in enumerate(dirs)}
    order_mod = {m: i for i, m in enumerate(MODALITIES)}
    order_axis = {"timeline": 0, "coarse": 1, "undated": 2}
    out["_k"] = [
        (order_axis[x], period_sort_key(p), order_mod[m], order_dir[d])
        for x, p, m, d in zip(out["axis"], out["period"], out["modality"], out["direction"])
    ]
    out = out.sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)
    types = sorted(c for c in out.columns if c.startswith("type_"))
    contexts = sorted(c for c in out.columns if c.startswith("context_"))
    return out[SERIES_COLUMNS + types + contexts]


def modality_counts(events: pd.DataFrame, a: str, b: str) -> dict[str, int]:
    """How many events of each modality the dyad has (so nothing is left out silently)."""
    dyad = dyad_events(events, a, b)
    counts = dyad["modality"].value_counts().to_dict() if len(dyad) else {}
    return {m: int(counts.get(m, 0)) for m in MODALITIES}
