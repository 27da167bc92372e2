"""The report's charts: matplotlib figures written as inline SVG (glyphs as paths, no fonts or links)."""

from __future__ import annotations

import io
import re

from matplotlib import rc_context
from matplotlib.figure import Figure

COLORS = {"verbal_coop": "#74add1", "material_coop": "#2c7bb6", "verbal_conflict": "#fdae61", "material_conflict": "#d7191c"}
LABELS = {"verbal_coop": "verbal cooperation", "material_coop": "material cooperation",
          "verbal_conflict": "verbal conflict", "material_conflict": "material conflict"}
QUAD_OF_TYPE = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
_SAFE = re.compile(r"[^A-Za-z0-9 _\-:>.<]")


def _label(text) -> str:
    """Chart text limited to plain characters (it comes from the store)."""
    return _SAFE.sub("", str(text))[:40]


def to_svg(fig: Figure, salt: str) -> str:
    """The figure as an ``<svg>`` element: no XML prolog, no metadata, ids salted per chart."""
    buf = io.StringIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return svg.strip()


def timeline_svg(series: list[dict], title: str) -> str | None:
    """Stacked bars of cooperation (up) and conflict (down) per period, with the net cooperation index."""
    rows = [r for r in series if r["direction"] == "combined"]
    if not rows:
        return None
    periods = [_label(r["period"]) for r in rows]
    x = list(range(len(rows)))
    fig = Figure(figsize=(9, 4), layout="constrained")
    ax = fig.add_subplot()
    bottom = [0.0] * len(rows)
    for key in ("material_coop", "verbal_coop"):
        vals = [r[key] for r in rows]
        ax.bar(x, vals, bottom=bottom, color=COLORS[key], label=LABELS[key], width=0.7)
        bottom = [b + v for b, v in zip(bottom, vals)]
    bottom = [0.0] * len(rows)
    for key in ("material_conflict", "verbal_conflict"):
        vals = [-r[key] for r in rows]
        ax.bar(x, vals, bottom=bottom, color=COLORS[key], label=LABELS[key], width=0.7)
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(-0.6 if len(rows) > 3 else -1.5, len(rows) - (0.4 if len(rows) > 3 else -0.5))
    ax.set_ylabel("events (conflict below 0)")
    ax.set_xticks(x, periods, rotation=45 if len(rows) > 8 else 0, ha="right" if len(rows) > 8 else "center")
    ax2 = ax.twinx()
    nci = [r["net_cooperation"] if r["net_cooperation"] is not None else float("nan") for r in rows]
    ax2.plot(x, nci, color="#222222", marker="o", linewidth=1.5, label="net cooperation index")
    ax2.set_ylim(-1.1, 1.1)
    ax2.set_ylabel("net cooperation (-1..+1)")
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, frameon=False, ncols=5)
    ymax = max([1] + [r["cooperation"] for r in rows] + [r["conflict"] for r in rows])
    ax.set_ylim(-ymax * 1.15, ymax * 1.15)
    ax.set_title(_label(title), fontsize=10)
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
