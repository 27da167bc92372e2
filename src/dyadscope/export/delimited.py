"""CSV and TSV cells that spreadsheets cannot run, and TSV lines with no quoting at all.

A text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is read by
Excel, LibreOffice and Google Sheets as a formula (OWASP "CSV injection"); such a cell gets a
leading apostrophe, which spreadsheets show as text. Numbers are never changed: only strings are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TSV_BREAKS = re.compile(r"[\t\r\n]+")


def neutralise(value: Any) -> Any:
    """A text cell made inert for spreadsheets (see the module docstring); other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return repr(value) if not value.is_integer() else f"{value:.1f}"
    return str(value)


def write_csv(fh, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Comma-separated with a header, RFC 4180 quoting, formula-neutralised text; return the row count."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(neutralise(v)) for v in row])
        n += 1
    return n


def write_tsv(fh, rows: Iterable[Sequence[Any]], *, columns: Sequence[str] | None = None) -> int:
    """Tab-separated without quoting (tabs and line breaks inside a cell become spaces), an optional
    header, formula-neutralised text; return the row count."""
    if columns is not None:
        fh.write("\t".join(columns) + "\n")
    n = 0
    for row in rows:
        fh.write("\t".join(_TSV_BREAKS.sub(" ", _cell(neutralise(v))) for v in row) + "\n")
        n += 1
    return n
