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

import calendar
import re
from dataclasses import dataclass
from datetime import date

GRANULARITIES = ("month", "quarter", "year")
_ISO = re.compile(r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?(?:[T ].*)?\s*$")
_DECADE = re.compile(r"^\s*(?:the\s+)?(?P<y>\d{3})(?:0'?s|X)\s*$", re.I)
_CENTURY = re.compile(r"^\s*(?P<c>\d{2})XX\s*$", re.I)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to some precision.

    Attributes:
        year, month, day: Known parts; month/day None when unknown.
        precision: ``day``, ``month``, ``year``, ``decade`` or ``century`` (``year`` is then
            the first year of the decade or century).
    """

    year: int
    month: int | None = None
    day: int | None = None
    precision: str = "year"

    @property
    def iso(self) -> str:
        if self.precision == "decade":
            return f"{self.year // 10:03d}X"
        if self.precision == "century":
            return f"{self.year // 100:02d}XX"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def interval(self) -> tuple[int, int]:
        """First and last day covered, as proleptic ordinals."""
        if self.precision in ("decade", "century"):
            span = 9 if self.precision == "decade" else 99
            return date(max(self.year, 1), 1, 1).toordinal(), date(self.year + span, 12, 31).toordinal()
        if self.month is None:
            return date(self.year, 1, 1).toordinal(), date(self.year, 12, 31).toordinal()
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1).toordinal(), date(self.year, self.month, last).toordinal()
        d = date(self.year, self.month, self.day).toordinal()
        return d, d


def parse_partial_date(value: str | None) -> PartialDate | None:
    """``2015-09-30`` / ``2015-09`` / ``2015`` / ``199X`` / ``1990s`` / ``18XX`` as a
    :class:`PartialDate`, else None.

    >>> parse_partial_date("2015-09").interval()[1] - parse_partial_date("2015-09").interval()[0]
    29
    """
    if not isinstance(value, str) or not value:
        return None
    m = _ISO.match(value)
    if m:
        y = int(m["y"])
        mo = int(m["m"]) if m["m"] else None
        d = int(m["d"]) if m["d"] else None
        try:
            if mo is None:
                date(y, 1, 1)
                return PartialDate(y, precision="year")
            if d is None:
                date(y, mo, 1)
                return PartialDate(y, mo, precision="month")
            date(y, mo, d)
            return PartialDate(y, mo, d, precision="day")
        except ValueError:
            return None
    m = _DECADE.match(value)
    if m:
        return PartialDate(int(m["y"]) * 10, precision="decade")
    m = _CENTURY.match(value)
    if m:
        return PartialDate(int(m["c"]) * 100, precision="century")
    return None


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
