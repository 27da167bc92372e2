"""Reading dates: one reader per purpose, used by every stage.

- :func:`read_date`: a date as people write it ("May 13, 2016", "12 september 2020", ISO,
  ``20160513``) -> ``YYYY-MM-DD``; for document headers, input fields and options.
- :func:`iso_day`: a stored ISO value (``Article.date``, a role's start) -> :class:`datetime.date`;
  partial values read as their first day.
- :func:`parse_partial_date`: a stored, possibly partial event date (``2015-09``, ``199X``,
  ``18XX``) -> :class:`PartialDate` with its precision.

The English date words (months, weekdays, ordinals, number words) are tabled here once; the event
stage's date expressions (``events/dates.py``) are built from them.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
#: Weekday names -> ``datetime.date.weekday()`` numbers (Monday 0).
WEEKDAYS = {
    name: i
    for i, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
#: Ordinal words as written before "century" ("the nineteenth century").
ORDINALS = {
    name: i
    for i, name in enumerate(
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth", "twenty-first",
        ],
        1,
    )
}
#: Number words of relative dates ("two years ago", "a month ago").
NUMBER_WORDS = {
    **{name: i for i, name in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 1)},
    "a": 1,
}
#: Relative words -> direction in time ("last year", "next month", "this week", "past March").
RELATIVE_WORDS = {"last": -1, "past": -1, "this": 0, "next": 1}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

WRITTEN_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ][\d:.+Z-]*)?\b"),  # 2016-05-13
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # May 13, 2016
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 12 september 2020
    re.compile(rf"\b{_YEAR}(?P<m>[01]\d)(?P<d>[0-3]\d)\b"),  # 20160513 (NGEC/PETRARCH style)
]


def read_date(value: str | None) -> str | None:
    """The first full date in ``value`` as ``YYYY-MM-DD``, or None.

    >>> read_date("12 september 2020")
    '2020-09-12'
    """
    if not value:
        return None
    for pattern in WRITTEN_DATE_PATTERNS:
        for m in pattern.finditer(value):
            parts = m.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS[parts["month"].lower().rstrip(".")]
            day = int(parts["d"]) if parts.get("d") else int(parts["day"])
            try:
                return date(int(parts["year"]), month, day).isoformat()
            except ValueError:
                continue
    return None


def iso_day(value) -> _dt.date | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / ``YYYYMMDD`` (or a date) as a date, the first day
    of a partial one; None when empty or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    try:
        if re.fullmatch(r"\d{8}", s):
            return _dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        parts = [int(p) for p in s[:10].split("-")]
        while len(parts) < 3:
            parts.append(1)
        return _dt.date(*parts[:3])
    except (ValueError, TypeError):
        return None


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
