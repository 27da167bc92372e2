"""Direct quotations: attach each marked quotation to its cue.

A cue belongs to a quotation when it stands right after the closing mark ("...," she said), right
before the opening mark (the agency wrote: "...") in the same paragraph, or when the parse links
them (the quotation's root depends on the verb, or the verb hangs off the quotation). The three
are tried in that order (:data:`CUE_RULES`); the first that finds a cue wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import rule_table
from .cues import Cue
from .marks import MarkedQuote

_AFTER_WINDOW = 14
_BEFORE_WINDOW = 30


@dataclass(slots=True)
class DirectCandidate:
    """A marked quotation with its token range and the cue chosen for it (if any)."""

    quote: MarkedQuote
    tok_start: int
    tok_end: int
    cue: Cue | None = None
    how: str = ""  # "after", "before", "parse"
    words: int = 0


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a marked quotation sits: its tokens, the document's cues and what the rules test."""

    doc: object
    text: str
    quote: MarkedQuote
    ts: int
    te: int
    cues_by_i: dict
    marks: dict
    words: object


def _tok_range(doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _breaks_paragraph(tok) -> bool:
    return "\n" in tok.text_with_ws or tok.is_space and "\n" in tok.text


def _is_mark(tok, marks, level="double") -> bool:
    if tok.text in marks:
        return marks[tok.text].level == level
    return any(ch in marks and marks[ch].level == level for ch in tok.text)


def cue_after(site: _Site) -> Cue | None:
    """'"...," the envoy said.': a cue after the closing mark, when the quotation does not end a
    sentence; without a comma only a cue right after the mark counts ('"..." said Ms Ortiz')."""
    doc, te, mq, marks = site.doc, site.te, site.quote, site.marks
    ends = site.words["sentence_end_punctuation"]
    last_inner = site.text[mq.pieces[-1][0] : mq.end].rstrip().rstrip("".join(marks)).rstrip()[-1:] if mq.closed else "."
    comma_end = last_inner in site.words["cue_after_punctuation"] or (te < len(doc) and doc[te].text in (",", "—", "–"))
    if not (comma_end or last_inner.isalnum()) or _breaks_paragraph(doc[te - 1]):
        return None
    for t in doc[te : te + (_AFTER_WINDOW if comma_end else 4)]:
        if _is_mark(t, marks) or t.is_space and "\n" in t.text:
            return None
        if t.i in site.cues_by_i:
            c = site.cues_by_i[t.i]
            # The speaker must be named here too, not before the quotation.
            return c if c.source is None or c.source >= te else None
        if t.text in ends or _breaks_paragraph(t):
            return None
    return None


def cue_before(site: _Site) -> Cue | None:
    """'She said: "..."' / 'the agency wrote, "..."': a cue before the opening mark that the token
    before the mark lets introduce it; after a comma only a cue right before it."""
    doc, ts = site.doc, site.ts
    if ts == 0:
        return None
    prev = doc[ts - 1]
    introduced = prev.text in site.words["quote_intro_tokens"] or prev.i in site.cues_by_i
    if not introduced or _breaks_paragraph(prev):
        return None
    reach = 4 if prev.text == "," else _BEFORE_WINDOW
    ends = site.words["sentence_end_punctuation"]
    k = ts - 1
    while k >= 0 and ts - k <= reach:
        t = doc[k]
        if k < ts - 1 and (_breaks_paragraph(t) or t.text in ends or _is_mark(t, site.marks)):
            return None
        if t.i in site.cues_by_i:
            return site.cues_by_i[t.i]
        k -= 1
    return None


def cue_by_parse(site: _Site) -> Cue | None:
    """A quotation token depends on a cue verb outside it, or a cue verb hangs off the quotation:
    the nearest such cue, if it is in the quotation's paragraph."""
    doc, ts, te, cues_by_i = site.doc, site.ts, site.te, site.cues_by_i
    inside = range(ts, te)
    linked = []
    for i in inside:
        h = doc[i].head
        if h.i not in inside and h.i in cues_by_i and abs(h.i - i) < 60:
            linked.append(cues_by_i[h.i])
    for i, c in cues_by_i.items():
        if i not in inside and doc[i].head.i in inside and doc[i].dep_ in ("parataxis", "ccomp", "conj", "advcl"):
            linked.append(c)
    if not linked:
        return None
    best = min(linked, key=lambda c: min(abs(c.i - ts), abs(c.i - te)))
    # A quotation far inside a long sentence is only the cue's if the cue is in its paragraph.
    between = site.text[min(best.start, site.quote.start) : max(best.end, site.quote.end)]
    return best if "\n" not in between else None


#: Where a marked quotation's cue is looked for, in order; the first that finds one wins.
CUE_RULES = rule_table(
    ("quotes.direct.cue_after.v1", cue_after),
    ("quotes.direct.cue_before.v1", cue_before),
    ("quotes.direct.cue_by_parse.v1", cue_by_parse),
)
_HOW = {"quotes.direct.cue_after.v1": "after", "quotes.direct.cue_before.v1": "before",
        "quotes.direct.cue_by_parse.v1": "parse"}


def direct_candidates(doc, quotes: list[MarkedQuote], cues_by_i: dict[int, Cue], kb, text: str | None = None
                      ) -> list[DirectCandidate]:
    """A :class:`DirectCandidate` for each marked quotation, with its cue where one is found.

    Args:
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (quotation marks, lexicon words).
        text: ``doc.text``, when the caller has it (``Doc.text`` rebuilds the string).
    """
    out = []
    text = doc.text if text is None else text
    for mq in quotes:
        rng = _tok_range(doc, mq.start, mq.end)
        if rng is None:
            continue
        ts, te = rng
        cand = DirectCandidate(mq, ts, te, words=sum(1 for t in doc[ts:te] if t.is_alpha))
        site = _Site(doc, text, mq, ts, te, cues_by_i, kb.quotes.marks, kb.lexicon)
        for rule in CUE_RULES:
            cue = rule.func(site)
            if cue is not None:
                cand.cue, cand.how = cue, _HOW[rule.name]
                break
        out.append(cand)
    return out
