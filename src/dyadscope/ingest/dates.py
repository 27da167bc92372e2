"""Dates in document headers and input fields: our reader first, then ``dateparser`` for the rest.

:func:`dyadscope.dates.read_date` reads the forms English news uses ("May 13, 2016",
"12 september 2020", ISO, ``20160513``). Where it finds nothing, a short value that is nothing
but a date is given to ``dateparser`` (numeric forms such as ``13.05.2016`` or ``2016/05/13``,
month names in the languages below: "13 mai 2016", "13. Mai 2016", "13 de mayo de 2016"). Only
complete dates are accepted, only when the year is written out, never a relative expression
("in 2 hours"), and never a numeric date whose day and month could be swapped (``05/06/2016``).
"""

from __future__ import annotations

import re

from ..dates import WRITTEN_DATE_PATTERNS as _PATTERNS
from ..dates import read_date

#: Languages dateparser tries for month names (a fixed list: detecting among all is slow).
DATEPARSER_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "sv", "da", "nb", "pl", "ru", "tr")
_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
             "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_LOCALE_DATE_ORDER": False}
_MAX_LEN = 40
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*\d{4}\s*$")
_DATE_PREFIX = re.compile(r"^\s*(?:(?:published|posted|updated|date)\s*(?:on|:)?\s*)?(?:[a-z]+day,?\s+)?", re.I)


def _dateparser_date(value: str) -> str | None:
    value = value.strip().rstrip(".")
    years = _YEAR.findall(value)
    if not value or len(value) > _MAX_LEN or len(years) != 1 or len(value.split()) > 6:
        return None
    numeric = _NUMERIC.match(value)
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        return None  # 05/06/2016: May 6 or 5 June, depending on the writer
    import dateparser

    got = dateparser.parse(value, languages=list(DATEPARSER_LANGUAGES), settings=_SETTINGS)
    if got is None or str(got.year) != years[0]:
        return None
    return got.date().isoformat()


def parse_date(value: str | None) -> str | None:
    """A date in a header line or input field as ``YYYY-MM-DD``, or None (see the module docstring).

    >>> parse_date("13.05.2016")
    '2016-05-13'
    """
    if not value:
        return None
    return read_date(value) or _dateparser_date(_DATE_PREFIX.sub("", value))


def is_date_line(line: str) -> bool:
    """True when a whole line is nothing but a date (as in an article's header block)."""
    rest = _DATE_PREFIX.sub("", line.strip()).rstrip(". ")
    if any(p.fullmatch(rest) for p in _PATTERNS[:3]):
        return read_date(rest) is not None
    return _dateparser_date(rest) is not None
