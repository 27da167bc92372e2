"""Header lines that are nothing but a date (the date itself is read by :func:`dyadscope.dates.read_date`)."""

from __future__ import annotations

import re

from ..dates import WRITTEN_DATE_PATTERNS as _PATTERNS
from ..dates import read_date as parse_date

_DATE_PREFIX = re.compile(r"^\s*(?:(?:published|posted|updated|date)\s*(?:on|:)?\s*)?(?:[a-z]+day,?\s+)?", re.I)


def is_date_line(line: str) -> bool:
    """True when a whole line is nothing but a date (as in an article's header block)."""
    rest = _DATE_PREFIX.sub("", line.strip()).rstrip(". ")
    return any(p.fullmatch(rest) for p in _PATTERNS[:3]) and parse_date(rest) is not None
