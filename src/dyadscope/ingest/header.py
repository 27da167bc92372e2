"""Metadata a careful reader takes from an article's header block, and boilerplate it skips.

Articles saved as text or Markdown usually open with a few short lines before the body: a
title (often a Markdown header, sometimes twice in different case), an author line, a date, a
publisher with the article's URL, and clipping-service lines ("Downloaded from: ...", in any
language). These are lifted into metadata and removed from the body text; a trailing author bio
is removed only when it is clearly marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import is_date_line, parse_date
from .markup import header_text, strip_inline

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
# "Downloaded from:" and its translations, as clipping services and PDF exports stamp them.
_DOWNLOADED = re.compile(
    r"^\s*(?:downloaded|retrieved|accessed|saved|printed)\s+(?:from|on|at)\b"
    r"|^\s*(?:nedladdat|h[äa]mtat)\s+(?:fr[åa]n|p[åa])\b"  # Swedish
    r"|^\s*(?:heruntergeladen|abgerufen)\s+(?:von|am|unter)\b"  # German
    r"|^\s*t[ée]l[ée]charg[ée]\s+(?:de|depuis|sur|le)\b"  # French
    r"|^\s*(?:descargado|obtenido)\s+(?:de|desde)\b"  # Spanish
    r"|^\s*(?:scaricato|estratto)\s+da\b"  # Italian
    r"|^\s*(?:gedownload|opgehaald)\s+(?:van|op)\b"  # Dutch
    r"|^\s*(?:lastet\s+ned|hentet|downloadet)\s+(?:fra|fr[åa])\b"  # Norwegian, Danish
    r"|^\s*(?:baixado|transferido)\s+de\b"  # Portuguese
    r"|^\s*(?:скачано|загружено)\s+(?:с|из)\b"  # Russian
    r"|^\s*(?:pobrano|pobrane)\s+z\b",  # Polish
    re.I,
)
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\b", re.I)
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’.-]+(?:\s+(?:[A-Z]\.|[A-Z][a-zà-ÿ'’-]+|de|van|von|al|bin|el)){1,3}$")
_ABOUT_AUTHOR = re.compile(r"^\s*(?:about the authors?|author bio(?:graphy)?|the authors?)\s*:?\s*$", re.I)
_DISCLAIMER = re.compile(r"views expressed (?:in this (?:article|piece|commentary) )?are (?:his|her|their|the author'?s?) own", re.I)

MAX_HEADER_LINES = 8


@dataclass(slots=True)
class Header:
    """Metadata found in a header block."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


def is_boilerplate(line: str) -> bool:
    """True for clipping-service lines such as "Downloaded from: ..." in any common language."""
    return bool(_DOWNLOADED.match(strip_inline(line)))


def _looks_like_body(line: str) -> bool:
    plain = strip_inline(line)
    words = plain.split()
    return len(plain) > 160 or (len(words) > 6 and plain.rstrip()[-1:] in ".!?\"”")


def split_header(paras: list[str]) -> tuple[Header, list[str]]:
    """Lift metadata from the leading header block; return it with the remaining paragraphs.

    Header lines are taken while they look like metadata (a Markdown header, a date, a byline,
    a URL line, a short title line, boilerplate); the first paragraph that reads like body text
    ends the block.
    """
    head = Header()
    titles: list[str] = []
    plain_titles: list[int] = []  # indices of title lines that were not Markdown headers
    i = 0
    while i < len(paras) and i < MAX_HEADER_LINES:
        raw = paras[i]
        line = strip_inline(raw)
        if not line or is_boilerplate(raw):
            i += 1
            continue
        heading = header_text(raw)
        if heading is None and _looks_like_body(raw):
            break
        urls = _URL.findall(line)
        byline = _BYLINE.match(line)
        if heading is not None:
            titles.append(heading)
        elif head.date is None and is_date_line(line):
            head.date = parse_date(line)
        elif urls and len(_URL.sub("", line).split()) <= 8:
            head.url = head.url or urls[0].rstrip(".,;")
            rest = _URL.sub("", line).strip(" -–—|:,")
            if rest and not head.publisher:
                head.publisher = rest
        elif byline and head.author is None:
            head.author = byline.group("name").strip()
        elif _NAME.match(line) and head.author is None and (titles or head.date):
            head.author = line
        elif len(line) <= 200 and not titles:
            titles.append(line)
            plain_titles.append(i)
        else:
            break
        i += 1
    body = paras[i:]
    if not body and plain_titles:
        # A short text with no body after its "title": the title line was the body.
        return Header(date=head.date, author=head.author, publisher=head.publisher, url=head.url), [paras[j] for j in plain_titles]
    if titles:
        # The same title often appears twice, once in capitals: prefer a mixed-case form.
        mixed = [t for t in titles if not t.isupper()]
        head.title = (mixed or titles)[-1]
    return head, body


def strip_trailing_bio(paras: list[str], author: str | None) -> list[str]:
    """Remove an author bio at the end, but only when it is clearly marked.

    Clearly marked means an "About the author" line before it, or a last paragraph that starts
    with the author's name and carries the "views expressed ... are his own" disclaimer.
    """
    for j in range(len(paras) - 1, max(len(paras) - 4, 0) - 1, -1):
        if _ABOUT_AUTHOR.match(strip_inline(paras[j])):
            return paras[:j]
    if paras and author:
        last = strip_inline(paras[-1])
        if last.startswith(author) and _DISCLAIMER.search(last):
            return paras[:-1]
    return paras
