"""Event dates (possibly partial) turned into day intervals and period labels.

Rule (see docs/analysis.md): an event is dated by its own ``date`` when that parses, else by its
document's publication date, else it is ``undated``. A date carries its precision: ``2015-09-30``
(day), ``2015-09`` (month), ``2015`` (year), ``199X`` or ``1990s`` (decade), ``18XX`` (century;
``X`` marks unspecified digits as in EDTF / ISO 8601-2). An event goes into the period of
the requested granularity that contains it; a date coarser than the period (``2015`` when
bucketing by month) cannot be placed in one month, so it goes into a row labelled with its own
coarser period (``2015``), never spread or guessed.
"""

from __future__ import annotations

import re

from ..dates import PartialDate, parse_partial_date

GRANULARITIES = ("month", "quarter", "year")
__all__ = ["GRANULARITIES", "PartialDate", "effective_date", "parse_partial_date", "period_label", "period_sort_key"]
def effective_date(event_date: str | None, doc_date: str | None) -> tuple[PartialDate | None, str]:
    """The date an event is counted under, and where it came from (``event``/``document``/``none``)."""
    parsed = parse_partial_date(event_date)
    if parsed is not None:
        return parsed, "event"
    parsed = parse_partial_date(doc_date)
    if parsed is not None:
        return parsed, "document"
    return None, "none"


def period_label(d: PartialDate | None, by: str) -> str:
    """The period of granularity ``by`` containing ``d``; a coarser date keeps its own label.

    >>> period_label(parse_partial_date("2016-05-13"), "quarter")
    '2016-Q2'
    >>> period_label(parse_partial_date("2016"), "month")
    '2016'
    """
    if by not in GRANULARITIES:
        raise ValueError(f"by={by!r}: must be one of {', '.join(GRANULARITIES)}")
    if d is None:
        return "undated"
    if d.precision in ("decade", "century"):
        return d.iso
    if by == "year" or d.month is None:
        return f"{d.year:04d}"
    if by == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}-{d.month:02d}"


def period_sort_key(label: str) -> tuple:
    """Chronological order of period labels: a coarse row sorts before the finer rows it spans."""
    if label == "undated":
        return (10**6, "")
    m = re.match(r"^(\d{2,4}X*)", label)
    return (int(m.group(1).upper().replace("X", "0")) if m else 10**6 - 1, label)
