"""Event dates: resolve date expressions against the publication date.

Representation (ISO 8601, partial where the text is partial):

- ``2019-12-05``, ``2019-12``, ``2019``: explicit or resolved dates, as precise as the text;
- ``199X`` (a decade) and ``18XX`` (a century): unspecified digits as in the Library of
  Congress Extended Date/Time Format (EDTF, ISO 8601-2), e.g. "in the 19th century" -> ``18XX``.

``date_basis`` says where the date came from: ``text`` (an absolute expression),
``relative`` (resolved against ``Article.date``: "last September", "in March", "on Saturday",
"last year"), ``publication`` (no expression; the publication date stands in) or ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "twenty-first": 21}
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "a": 1, "several": None, "few": None}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_RX = [
    ("iso", re.compile(r"\b(1[89]\d\d|20\d\d)-(\d\d)(?:-(\d\d))?\b")),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(1[89]\d\d|20\d\d)\b", re.I)),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(1[89]\d\d|20\d\d)\b", re.I)),
    ("my", re.compile(r"\b" + _MON + r",?\s+(?:of\s+)?(1[89]\d\d|20\d\d)\b", re.I)),
    ("century", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|\b(" + "|".join(_ORD) + r")[\s-]+century\b", re.I)),
    ("decade", re.compile(r"\b(1[89]\d|20\d)0'?s\b")),
    ("hundreds", re.compile(r"\b(1[5-9]|20)00'?s\b")),
    ("year", re.compile(r"\b(1[89]\d\d|20\d\d)\b")),
    ("ago", re.compile(r"\b(\d+|" + "|".join(k for k, v in _NUM.items() if v) + r")\s+(year|month|day|week)s?\s+ago\b", re.I)),
    ("lastmonth", re.compile(r"\b(last|next|this|past)\s+" + _MON + r"(?!\w)", re.I)),
    ("md", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})", re.I)),
    ("dm", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?!\w|,?\s*\d{4})", re.I)),
    ("month", re.compile(r"\b(?:in|since|during|by|until|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?" + _MON + r"(?![\w-])(?!,?\s*\d)", re.I)),
    ("rel", re.compile(r"\b(yesterday|today|tonight|last\s+year|this\s+year|next\s+year|last\s+month|this\s+month|next\s+month|last\s+week|this\s+week|next\s+week)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(last|next|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
]


def parse_pub(date: str | None) -> dt.date | None:
    """``Article.date`` as a date, or None."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _month_key(text: str) -> int:
    t = text.lower().rstrip(".")
    if t in MONTHS:
        return MONTHS[t]
    return MONTHS[t[:3]]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def resolve_date(text: str, pub: dt.date | None) -> tuple[str, str] | None:
    """The first date expression in ``text`` as ``(iso, basis)``, or None.

    Examples (publication 2016-05-13): "in December 2019" -> ("2019-12", "text");
    "last September" -> ("2015-09", "relative"); "in March" -> ("2016-03", "relative");
    "in the 19th century" -> ("18XX", "text").
    """
    best = None
    for kind, rx in _RX:
        m = rx.search(text)
        if m is None:
            continue
        got = _resolve_match(kind, m, pub)
        if got is not None and (best is None or m.start() < best[0]):
            best = (m.start(), got)
            if kind in ("iso", "dmy", "mdy", "my"):
                break
    return None if best is None else best[1]


def _resolve_match(kind: str, m: re.Match, pub: dt.date | None) -> tuple[str, str] | None:
    g = m.groups()
    if kind == "iso":
        return (f"{g[0]}-{g[1]}" + (f"-{g[2]}" if g[2] else ""), "text")
    if kind == "dmy":
        return (f"{g[2]}-{_month_key(g[1]):02d}-{int(g[0]):02d}", "text")
    if kind == "mdy":
        return (f"{g[2]}-{_month_key(g[0]):02d}-{int(g[1]):02d}", "text")
    if kind == "my":
        return (f"{g[1]}-{_month_key(g[0]):02d}", "text")
    if kind == "century":
        n = int(g[0]) if g[0] else _ORD[g[1].lower()]
        return (f"{n - 1:02d}XX", "text") if 1 <= n <= 21 else None
    if kind == "decade":
        return (f"{g[0]}X", "text")
    if kind == "hundreds":
        return (f"{g[0]}XX", "text")
    if kind == "year":
        return (g[0], "text")
    if pub is None:
        return None
    if kind == "ago":
        n = int(g[0]) if g[0].isdigit() else _NUM.get(g[0].lower())
        if not n:
            return None
        unit = g[1].lower()
        if unit == "year":
            return (str(pub.year - n), "relative")
        if unit == "month":
            y, mo = _shift_month(pub.year, pub.month, -n)
            return (f"{y}-{mo:02d}", "relative")
        d = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return (d.isoformat() if unit == "day" else f"{d.year}-{d.month:02d}", "relative")
    if kind == "lastmonth":
        which, mo = g[0].lower(), _month_key(g[1])
        if which in ("last", "past"):
            y = pub.year if mo < pub.month else pub.year - 1
        elif which == "next":
            y = pub.year if mo > pub.month else pub.year + 1
        else:
            y = pub.year
        return (f"{y}-{mo:02d}", "relative")
    if kind in ("md", "dm"):
        mo, day = (_month_key(g[0]), int(g[1])) if kind == "md" else (_month_key(g[1]), int(g[0]))
        if not 1 <= day <= 31:
            return None
        y = pub.year if (mo, day) <= (pub.month, pub.day) else pub.year - 1
        return (f"{y}-{mo:02d}-{day:02d}", "relative")
    if kind == "month":
        mo = _month_key(g[0])
        y = pub.year if mo <= pub.month else pub.year - 1
        return (f"{y}-{mo:02d}", "relative")
    if kind == "rel":
        w = " ".join(g[0].lower().split())
        if w in ("today", "tonight"):
            return (pub.isoformat(), "relative")
        if w == "yesterday":
            return ((pub - dt.timedelta(days=1)).isoformat(), "relative")
        if w.endswith("year"):
            return (str(pub.year + {"last": -1, "this": 0, "next": 1}[w.split()[0]]), "relative")
        if w.endswith("month"):
            y, mo = _shift_month(pub.year, pub.month, {"last": -1, "this": 0, "next": 1}[w.split()[0]])
            return (f"{y}-{mo:02d}", "relative")
        return None  # weeks have no partial ISO form we keep
    if kind == "weekday":
        which, day = (g[0] or "").lower(), WEEKDAYS[g[1].lower()]
        delta = (pub.weekday() - day) % 7
        if which == "next" or (which == "this" and delta):
            d = pub + dt.timedelta(days=(day - pub.weekday()) % 7 or 7)
        else:
            d = pub - dt.timedelta(days=delta if which != "last" else (delta or 7))
        return (d.isoformat(), "relative")
    return None
