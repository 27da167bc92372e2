"""Direct quotations: attach each marked quotation to its cue.

A cue belongs to a quotation when the parse links them (the quotation's root depends on the
verb, or the verb hangs off the quotation) or when it stands right after the closing mark
("...," he said) or right before the opening mark (Kayhan wrote: "...") in the same paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import Cue
from .marks import MarkedQuote

_END_PUNCT = {".", "!", "?"}
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


def direct_candidates(doc, quotes: list[MarkedQuote], cues_by_i: dict[int, Cue], kb, text: str | None = None
                      ) -> list[DirectCandidate]:
    """A :class:`DirectCandidate` for each marked quotation, with its cue where one is found."""
    out = []
    marks = kb.marks
    text = doc.text if text is None else text  # Doc.text rebuilds the string: read it once
    for mq in quotes:
        rng = _tok_range(doc, mq.start, mq.end)
        if rng is None:
            continue
        ts, te = rng
        words = sum(1 for t in doc[ts:te] if t.is_alpha)
        cand = DirectCandidate(mq, ts, te, words=words)
        inside = set(range(ts, te))

        # 1. After the closing mark: '..., ' he said.  Only when the quotation does not end a sentence.
        mark_chars = "".join(marks)
        last_inner = text[mq.pieces[-1][0] : mq.end].rstrip().rstrip(mark_chars).rstrip()[-1:] if mq.closed else "."
        comma_end = last_inner in (",", "?", "!", "—", "–", "-", ":") or (
            te < len(doc) and doc[te].text in (",", "—", "–"))
        # Without a comma only a cue right after the mark counts ('...' he said / '...' said Smith).
        window = _AFTER_WINDOW if comma_end else 4
        after = []
        if (comma_end or last_inner.isalnum()) and not _breaks_paragraph(doc[te - 1]):
            for t in doc[te : te + window]:
                if _is_mark(t, marks) or t.is_space and "\n" in t.text:
                    break
                if t.i in cues_by_i:
                    c = cues_by_i[t.i]
                    # The speaker must be named here too, not before the quotation.
                    if c.source is None or c.source >= te:
                        after.append(c)
                    break
                if t.text in _END_PUNCT or _breaks_paragraph(t):
                    break
        # 2. Before the opening mark: He said: '...'  /  Kayhan wrote, '...'
        before = []
        if ts > 0:
            prev = doc[ts - 1]
            introduced = prev.text in (":", ",", "that") or prev.i in cues_by_i
            # After a comma only a cue right before it introduces the quotation (Kayhan wrote, '...').
            reach = 4 if prev.text == "," else _BEFORE_WINDOW
            if introduced and not _breaks_paragraph(prev):
                k = ts - 1
                while k >= 0 and ts - k <= reach:
                    t = doc[k]
                    if k < ts - 1 and (_breaks_paragraph(t) or t.text in _END_PUNCT or _is_mark(t, marks)):
                        break
                    if t.i in cues_by_i:
                        before.append(cues_by_i[t.i])
                        break
                    k -= 1
        # 3. Parse links: a quotation token depends on a cue verb outside, or a cue verb hangs off it.
        parse = []
        for i in range(ts, te):
            h = doc[i].head
            if h.i not in inside and h.i in cues_by_i and abs(h.i - i) < 60:
                parse.append(cues_by_i[h.i])
        for i, c in cues_by_i.items():
            if i not in inside and doc[i].head.i in inside and doc[i].dep_ in ("parataxis", "ccomp", "conj", "advcl"):
                parse.append(c)
        if after:
            cand.cue, cand.how = after[0], "after"
        elif before:
            cand.cue, cand.how = before[0], "before"
        elif parse:
            best = min(parse, key=lambda c: min(abs(c.i - ts), abs(c.i - te)))
            # A quotation far inside a long sentence is only the cue's if the cue is in its paragraph.
            between = text[min(best.start, mq.start) : max(best.end, mq.end)]
            if "\n" not in between:
                cand.cue, cand.how = best, "parse"
        out.append(cand)
    return out
