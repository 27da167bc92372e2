"""Render a report dict as one self-contained HTML page (Jinja2, autoescaped) or as JSON."""

from __future__ import annotations

import math

from jinja2 import Environment, PackageLoader, select_autoescape

from .charts import timeline_svg, types_contexts_svg


def _fmt(value, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:+.2f}" if signed else f"{value:.2f}" if isinstance(value, float) else str(value)


def _environment() -> Environment:
    return Environment(loader=PackageLoader("dyadscope.report", "templates"), autoescape=select_autoescape(["html"]))


def render_html(report: dict) -> str:
    """The report as HTML: charts inline as SVG, every piece of document text escaped.

    Links inside the page are fragment links; a document's http(s) URL is a link with
    ``rel="noreferrer noopener"``, followed only when clicked, so opening the page makes no request.
    """
    timeline = timeline_svg(report["series"], f"{report['a']} and {report['b']}: asserted events per {report['by']}")
    types = types_contexts_svg(report["by_type"], report["by_context"], report["type_quads"])
    template = _environment().get_template("report.html")
    return template.render(r=report, s=report["summary"], timeline_svg=timeline, types_svg=types, fmt=_fmt)


def render_json(report: dict) -> str:
    """The report as strict JSON (missing numbers are null, never NaN)."""
    from ..export.jsonio import dumps

    return dumps(report, indent=2, default=str)
