"""The report's charts: matplotlib figures written as inline SVG (glyphs as paths, no fonts or links).

Every id inside a chart is prefixed with the chart's name, so glyphs, clip paths and their
references never collide between the charts of one page.
"""

from __future__ import annotations

import io
import math
import re

from matplotlib import rc_context
from matplotlib.figure import Figure

COLORS = {"verbal_coop": "#74add1", "material_coop": "#2c7bb6", "verbal_conflict": "#fdae61", "material_conflict": "#d7191c"}
LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
          "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
QUAD_OF_TYPE = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
_SAFE = re.compile(r"[^A-Za-z0-9 _\-:>.<]")
_ID = re.compile(r'\bid="([^"]+)"')
#: Count labels are written on the bars up to this many periods (beyond, they would overlap).
MAX_LABELLED_PERIODS = 40


def _label(text) -> str:
    """Chart text limited to plain characters (it comes from the store)."""
    return _SAFE.sub("", str(text))[:40]


def prefix_ids(svg: str, prefix: str) -> str:
    """Every ``id`` in ``svg`` and every in-document reference to it (``href="#..."``,
    ``xlink:href="#..."``, ``url(#...)``) renamed ``<prefix>-<id>``."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg

    def rename(m: re.Match) -> str:
        return f"{m.group(1)}{prefix}-{m.group(2)}{m.group(3)}" if m.group(2) in ids else m.group(0)

    svg = re.sub(r'(\bid=")([^"]+)(")', rename, svg)
    svg = re.sub(r'(href="#)([^"]+)(")', rename, svg)
    return re.sub(r"(url\(#)([^)]+)(\))", rename, svg)


def to_svg(fig: Figure, salt: str) -> str:
    """The figure as an ``<svg>`` element: no XML prolog, no metadata, ids unique to this chart."""
    buf = io.StringIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return prefix_ids(svg.strip(), f"chart-{salt}")


def _bars(ax, x, rows, small, labelled: bool) -> None:
    for sign, keys in ((1, ("material_coop", "verbal_coop")), (-1, ("material_conflict", "verbal_conflict"))):
        bottom = [0.0] * len(rows)
        for key in keys:
            vals = [sign * r[key] for r in rows]
            ax.bar(x, vals, bottom=bottom, color=COLORS[key], label=LABELS[key], width=0.7,
                   hatch=None, alpha=1.0)
            bottom = [b + v for b, v in zip(bottom, vals)]
        for xi, r, s in zip(x, rows, small):
            total = r["cooperation"] if sign > 0 else r["conflict"]
            if s and total:
                ax.bar([xi], [sign * total], width=0.7, fill=False, hatch="///", edgecolor="#555555", linewidth=0)
    ymax = max([1] + [r["cooperation"] for r in rows] + [r["conflict"] for r in rows])
    if labelled:
        for xi, r in zip(x, rows):
            ax.text(xi, ymax * 1.02, str(r["n_events"]), ha="center", va="bottom", fontsize=7, color="#333333")
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_ylim(-ymax * 1.15, ymax * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)


def timeline_data(series: list[dict]) -> dict:
    """What the timeline draws: the continuous axis (every period, empty ones as zero) and the
    strip of coarse and undated rows beside it, from the combined rows of a filled series."""
    rows = [r for r in series if r["direction"] == "combined"]
    return {"timeline": [r for r in rows if r.get("axis", "timeline") == "timeline"],
            "strip": [r for r in rows if r.get("axis") in ("coarse", "undated") and r["n_events"]]}


def timeline_svg(series: list[dict], title: str) -> str | None:
    """Stacked bars of cooperation (up) and conflict (down) per period on a continuous axis, the
    net cooperation index on top, the count of each period written above it, periods with few
    events hatched (index markers hollow), and dates coarser than the period in a strip of their own."""
    data = timeline_data(series)
    main, strip = data["timeline"], data["strip"]
    if not main and not strip:
        return None
    widths = [max(len(main), 1), max(len(strip), 1) * 1.2] if strip else [1]
    fig = Figure(figsize=(9, 4.2), layout="constrained")
    axes = fig.subplots(1, 2 if strip else 1, sharey=True, gridspec_kw={"width_ratios": widths}, squeeze=False)[0]
    handles = []
    for ax, rows, name in ((axes[0], main, "timeline"), *(((axes[1], strip, "coarser dates"),) if strip else ())):
        x = list(range(len(rows)))
        small = [bool(r.get("small")) for r in rows]
        _bars(ax, x, rows, small, labelled=len(rows) <= MAX_LABELLED_PERIODS)
        periods = [_label(r["period"]) for r in rows]
        many = len(rows) > 8
        ax.set_xticks(x, periods, rotation=45 if many else 0, ha="right" if many else "center", fontsize=8)
        ax.set_xlim(-0.6 if len(rows) > 3 else -1.5, len(rows) - (0.4 if len(rows) > 3 else -0.5))
        if ax is axes[0]:
            ax.set_ylabel("events (conflict below 0)")
        else:
            ax.set_title("coarser dates", fontsize=9)
        ax2 = ax.twinx()
        nci = [r["net_cooperation"] if r["net_cooperation"] is not None else math.nan for r in rows]
        ax2.plot(x, nci, color="#222222", linewidth=1.2, label="net cooperation index" if ax is axes[0] else None)
        for xi, v, s in zip(x, nci, small):
            if not math.isnan(v):
                ax2.plot([xi], [v], marker="o", color="#222222", markerfacecolor="white" if s else "#222222")
        ax2.set_ylim(-1.1, 1.1)
        if ax is axes[-1]:
            ax2.set_ylabel("net cooperation (-1..+1)")
        else:
            ax2.set_yticks([])
        if ax is axes[0]:
            handles = ax.get_legend_handles_labels()[0][:4] + ax2.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, frameon=False, ncols=5)
    fig.suptitle(_label(title) + " (hatched, hollow: fewer than 5 events)", fontsize=10)
    return to_svg(fig, "timeline")


def types_contexts_svg(by_type: list[tuple[str, int]], by_context: list[tuple[str, int]], quads: dict[str, int]) -> str | None:
    """Horizontal bars: events per PLOVER type (coloured by quad class) and per context."""
    if not by_type and not by_context:
        return None
    fig = Figure(figsize=(9, max(2.4, 0.32 * max(len(by_type), len(by_context), 1) + 1)), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    names = [_label(t) for t, _ in by_type][::-1]
    ax1.barh(names, [n for _, n in by_type][::-1],
             color=[COLORS[QUAD_OF_TYPE.get(quads.get(t), "verbal_coop")] for t, _ in by_type][::-1])
    ax1.set_title("by PLOVER event type", fontsize=10)
    ax1.set_xlabel("events")
    ctx = [_label(c) for c, _ in by_context][::-1]
    ax2.barh(ctx or ["(none)"], [n for _, n in by_context][::-1] or [0], color="#7f7f7f")
    ax2.set_title("by context", fontsize=10)
    ax2.set_xlabel("events")
    for ax in (ax1, ax2):
        ax.xaxis.get_major_locator().set_params(integer=True)
    return to_svg(fig, "types")
