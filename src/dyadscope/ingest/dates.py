"""Publication dates written the ways article headers write them, normalised to ISO."""

from __future__ import annotations

import re
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
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ][\d:.+Z-]*)?\b"),  # 2016-05-13
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # May 13, 2016
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 12 september 2020
    re.compile(rf"\b{_YEAR}(?P<m>[01]\d)(?P<d>[0-3]\d)\b"),  # 20160513 (NGEC/PETRARCH style)
]


def parse_date(value: str | None) -> str | None:
    """The first full date in ``value`` as ``YYYY-MM-DD``, or None.

    >>> parse_date("12 september 2020")
    '2020-09-12'
    """
    if not value:
        return None
    for pattern in _PATTERNS:
        for m in pattern.finditer(value):
            parts = m.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS[parts["month"].lower().rstrip(".")]
            day = int(parts["d"]) if parts.get("d") else int(parts["day"])
            try:
                return date(int(parts["year"]), month, day).isoformat()
            except ValueError:
                continue
    return None


_DATE_PREFIX = re.compile(r"^\s*(?:(?:published|posted|updated|date)\s*(?:on|:)?\s*)?(?:[a-z]+day,?\s+)?", re.I)


def is_date_line(line: str) -> bool:
    """True when a whole line is nothing but a date (as in an article's header block)."""
    rest = _DATE_PREFIX.sub("", line.strip()).rstrip(". ")
    return any(p.fullmatch(rest) for p in _PATTERNS[:3]) and parse_date(rest) is not None
