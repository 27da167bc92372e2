"""The dyad report: ``build_report`` gathers the data, ``render_html`` writes one offline page."""

from __future__ import annotations

from .build import build_report
from .render import render_html, render_json


GENERATOR = '<meta name="generator" content="dyadscope'


def is_dyadscope_report(path) -> bool:
    """True when ``path`` is an HTML report this project wrote (its head names dyadscope as generator)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return GENERATOR in fh.read(4096)
    except OSError:
        return False


def write_report(db, a: str, b: str, path, **filters) -> dict:
    """Build the report of ``a`` and ``b`` and write it as HTML to ``path``; return the report dict."""
    from ..export.files import text_output

    report = build_report(db, a, b, **filters)
    with text_output(path) as fh:  # written whole, then renamed into place; - is standard output
        fh.write(render_html(report))
    return report


__all__ = ["build_report", "is_dyadscope_report", "render_html", "render_json", "write_report"]
