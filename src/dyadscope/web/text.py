"""Document text cut into pieces for marking: mentions, events and quotations; evidence sentences;
search snippets. Everything here returns plain strings; the templates escape them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host and nothing odd in it, else None
    (a ``javascript:`` or ``data:`` URL from a document is shown as text, never as a link)."""
    if not url or _CONTROL.search(url) or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to mark: ``kind`` is ``mention``, ``event``, ``quote`` or ``assessment``;
    ``anchor`` is the element id its first piece carries; ``url``/``title`` make a mention a link."""

    start: int
    end: int
    kind: str
    anchor: str | None = None
    url: str | None = None
    title: str | None = None


def segments(text: str, marks: list[Mark]) -> list[dict]:
    """``text`` cut at every mark boundary; each piece lists the kinds of marks covering it.

    Marks may nest or overlap (a mention inside an event inside a quotation). Each piece is
    ``{"text", "kinds", "url", "title", "anchors", "ends"}``: ``url``/``title`` from the
    innermost mention covering it, ``anchors`` the ids of marks starting there (each id is
    emitted exactly once), ``ends`` the anchors of the marks but mentions ending there.
    """
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end and m.start < n]
    cuts = sorted({0, n, *(m.start for m in marks), *(min(m.end, n) for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[dict] = []
    for lo, hi in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > lo]
        opened = starts.get(lo, [])
        active += opened
        mentions = [m for m in active if m.kind == "mention"]
        inner = min(mentions, key=lambda m: m.end - m.start) if mentions else None
        piece = {
            "text": text[lo:hi],
            "kinds": sorted({m.kind for m in active}),
            "url": inner.url if inner else None,
            "title": inner.title if inner else None,
            "anchors": [m.anchor for m in opened if m.anchor],
            "ends": [m.anchor for m in active if m.kind != "mention" and m.anchor and min(m.end, n) == hi],
        }
        if out and not piece["kinds"] and not out[-1]["kinds"] and not piece["anchors"]:
            out[-1]["text"] += piece["text"]
        else:
            out.append(piece)
    return out


def evidence_parts(row: dict) -> dict:
    """``{"before", "span", "after"}`` of an event's evidence sentence (see
    :func:`dyadscope.store.queries.event_evidence`), falling back on the stored sentence."""
    span = row.get("span_text") or ""
    sent, s0 = row.get("sent_text"), row.get("sent_start")
    if sent is not None and s0 is not None:
        i, j = row["start"] - s0, row["end"] - s0
        return {"before": sent[:i], "span": sent[i:j], "after": sent[j:]}
    sentence = row.get("sentence") or ""
    i = sentence.find(span) if span else -1
    if i < 0:
        return {"before": sentence, "span": "", "after": ""}
    return {"before": sentence[:i], "span": span, "after": sentence[i + len(span):]}


def highlight(snippet: str, terms: list[str]) -> list[dict]:
    """``snippet`` cut into ``{"text", "hit"}`` pieces, the terms' occurrences (any case) as hits."""
    if not terms or not snippet:
        return [{"text": snippet or "", "hit": False}]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(snippet):
        if m.start() > pos:
            out.append({"text": snippet[pos : m.start()], "hit": False})
        out.append({"text": m.group(0), "hit": True})
        pos = m.end()
    if pos < len(snippet):
        out.append({"text": snippet[pos:], "hit": False})
    return out


def search_terms(q: str, *, max_terms: int = 8) -> list[str]:
    """Words of a search, ``"quoted phrases"`` kept whole, at most ``max_terms``."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', q or "")]
    return [t.strip() for t in terms if t.strip()][:max_terms]
