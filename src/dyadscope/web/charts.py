"""The dyad timeline as server-side SVG geometry: one column per period on a continuous axis,
cooperation up and conflict down, every bar a link to the events behind it.

Periods between the first and the last one with events are all drawn, empty ones as zero, so a
quiet year shows as a gap rather than vanishing. Dates coarser than the period (``2015`` when
counting by month, ``18XX``, undated) cannot be placed on that axis and get a strip of their own
at the left. Each column is labelled with its count; columns with fewer than :data:`SMALL`
events are marked, since an index over two events says little.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..analysis.dates import period_sort_key

SMALL = 5
STACK = (("material_coop", 1), ("verbal_coop", 1), ("material_conflict", -1), ("verbal_conflict", -1))
QUAD_OF = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
          "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
FINE = {"month": re.compile(r"^\d{4}-\d{2}$"), "quarter": re.compile(r"^\d{4}-Q[1-4]$"), "year": re.compile(r"^\d{4}$")}

WIDTH, LEFT, RIGHT, TOP, HALF, GAP = 960, 44, 12, 22, 110, 40


def period_counts(periods, modalities, quads, goldstein, bases) -> dict[tuple[str, str], dict]:
    """Per (period, modality): ``n_events``, the four quad counts, ``cooperation``,
    ``conflict``, ``goldstein_mean`` (over events with a score), ``net_cooperation`` and
    ``publication_dated``, as :func:`dyadscope.analysis.series.summarize` defines them (a test
    holds the two equal); one pass in plain Python, which for a page is far cheaper than a
    pandas group-by."""
    names = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
    out: dict[tuple[str, str], dict] = {}
    for period, modality, quad, gold, basis in zip(periods, modalities, quads, goldstein, bases):
        row = out.get((period, modality))
        if row is None:
            row = out[(period, modality)] = {"period": period, "modality": modality, "n_events": 0, "verbal_coop": 0,
                                             "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0,
                                             "_gold": 0.0, "_n_gold": 0, "publication_dated": 0}
        row["n_events"] += 1
        if quad == quad and quad is not None and int(quad) in names:
            row[names[int(quad)]] += 1
        if gold is not None and gold == gold:
            row["_gold"] += gold
            row["_n_gold"] += 1
        row["publication_dated"] += basis == "publication"
    for row in out.values():
        row["cooperation"] = row["verbal_coop"] + row["material_coop"]
        row["conflict"] = row["verbal_conflict"] + row["material_conflict"]
        total = row["cooperation"] + row["conflict"]
        row["net_cooperation"] = (row["cooperation"] - row["conflict"]) / total if total else None
        row["goldstein_mean"] = row.pop("_gold") / row["_n_gold"] if row["_n_gold"] else None
        del row["_n_gold"]
    return out


def _fine_range(labels: list[str], by: str) -> list[str]:
    """Every period of granularity ``by`` from the first to the last of ``labels``."""
    def index(label: str) -> int:
        year = int(label[:4])
        if by == "year":
            return year
        if by == "quarter":
            return year * 4 + int(label[6]) - 1
        return year * 12 + int(label[5:7]) - 1

    def label(i: int) -> str:
        if by == "year":
            return f"{i:04d}"
        if by == "quarter":
            return f"{i // 4:04d}-Q{i % 4 + 1}"
        return f"{i // 12:04d}-{i % 12 + 1:02d}"

    if not labels:
        return []
    lo, hi = min(map(index, labels)), max(map(index, labels))
    return [label(i) for i in range(lo, hi + 1)]


def timeline_columns(rows: list[dict], by: str) -> list[dict]:
    """One column per period: the given rows (``period`` plus quad counts, ``n_events``,
    ``net_cooperation``, ``publication_dated``) with empty fine periods filled in as zero, coarse
    periods first and flagged ``coarse``."""
    by_period = {r["period"]: r for r in rows}
    fine = [p for p in by_period if FINE[by].match(p)]
    coarse = sorted((p for p in by_period if not FINE[by].match(p)), key=period_sort_key)
    empty = {"n_events": 0, **{k: 0 for k, _ in STACK}, "net_cooperation": None, "publication_dated": 0}
    out = [{**empty, **by_period[p], "period": p, "coarse": True} for p in coarse]
    out += [{**empty, **by_period.get(p, {}), "period": p, "coarse": False} for p in _fine_range(fine, by)]
    return out


def timeline_svg(columns: list[dict], link: Callable[[str, int | None], str], *, selected: str | None = None) -> dict:
    """Geometry of the timeline for the ``_timeline.html`` partial: bars (each a link given by
    ``link(period, quad)``), count labels (``link(period, None)``), axis labels, the net
    cooperation dots, and the size of the drawing."""
    n_coarse = sum(1 for c in columns if c["coarse"])
    n = len(columns)
    plot = WIDTH - LEFT - RIGHT - (GAP if n_coarse and n_coarse < n else 0)
    step = plot / max(n, 1)
    bar = max(1.0, min(step * 0.75, 48))
    peak = max([1] + [sum(c[k] for k, s in STACK if s == sign) for c in columns for sign in (1, -1)])
    zero = TOP + HALF
    label_every = max(1, round(n / 24))
    cols, dots = [], []
    for i, c in enumerate(columns):
        x0 = LEFT + i * step + (GAP if n_coarse and not c["coarse"] else 0)
        x = x0 + (step - bar) / 2
        bars, up, down = [], 0.0, 0.0
        for key, sign in STACK:
            h = c[key] / peak * HALF
            if not h:
                continue
            y = zero - up - h if sign > 0 else zero + down
            up, down = (up + h, down) if sign > 0 else (up, down + h)
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bar, 1), "h": round(h, 1), "quad": QUAD_OF[key],
                         "count": c[key], "label": LABELS[key], "href": link(c["period"], QUAD_OF[key])})
        small = 0 < c["n_events"] < SMALL
        cols.append({
            "period": c["period"], "n": c["n_events"], "coarse": c["coarse"], "small": small, "bars": bars,
            "cx": round(x0 + step / 2, 1), "count_y": round(zero - up - 4, 1), "href": link(c["period"], None),
            "show_label": c["coarse"] or i % label_every == 0 or c["period"] == selected, "selected": c["period"] == selected,
            "publication_dated": c.get("publication_dated", 0), "net_cooperation": c["net_cooperation"],
            "band_x": round(x0, 1), "band_w": round(step, 1),
        })
        if c["net_cooperation"] is not None:
            dots.append({"x": round(x0 + step / 2, 1), "y": round(TOP + 2 * HALF + 62 - c["net_cooperation"] * 18, 1),
                         "value": c["net_cooperation"], "period": c["period"], "i": i, "coarse": c["coarse"]})
    # The index line joins neighbouring periods only: it never bridges an empty period or
    # runs from the coarse strip into the axis.
    lines, run = [], []
    for dot in dots:
        if run and (dot["i"] != run[-1]["i"] + 1 or dot["coarse"] != run[-1]["coarse"]):
            lines.append(run)
            run = []
        run.append(dot)
    lines = [" ".join(f"{d['x']},{d['y']}" for d in r) for r in [*lines, run] if len(r) > 1]
    return {
        "width": WIDTH, "height": TOP + 2 * HALF + 90, "zero": zero, "left": LEFT, "right": WIDTH - RIGHT,
        "top": TOP, "bottom": TOP + 2 * HALF, "peak": peak, "columns": cols, "dots": dots, "lines": lines,
        "nci_mid": TOP + 2 * HALF + 62, "nci_top": TOP + 2 * HALF + 44, "nci_bottom": TOP + 2 * HALF + 80,
        "coarse_end": round(LEFT + n_coarse * step + GAP / 2, 1) if n_coarse and n_coarse < n else None,
        "label_y": TOP + 2 * HALF + 14, "small": SMALL,
    }
