"""Quote stage: direct, indirect and mixed quotations with cue and resolved speaker.

``quotations`` finds marked quotations (``marks``), reporting cues in the parse (``cues``), attaches
quotations to cues (``direct``), finds reported speech (``indirect``), merges the two into direct,
indirect and mixed :class:`~dyadscope.records.Quote` records, and resolves each speaker against
the actor mentions (``speakers``). ``quote_at`` lets the event stage find the quotation an event
sits in.

Notes:
    The attribution model follows PARC 3.0 / PolNeAR (source, cue, content; only the outermost
    attribution is kept when one is nested in another's content).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Article, Mention, Quote, quote_at
from .cues import Cue, is_cue_verb, phrase_cues, verb_cue
from .direct import direct_candidates
from .indirect import colon_candidates, indirect_candidates
from .marks import marked_quotes
from .scorer import candidates, probability
from .speakers import SpeakerResolver

log = logging.getLogger(__name__)

_PARA_BREAK = re.compile(r"\n\s*")

#: An unattributed marked quotation shorter than this (in words) is a scare quote or a title.
MIN_WORDS_INHERIT = 5
#: A cue-less quotation inside a sentence continues the previous speaker only from this length on.
MIN_WORDS_PARTIAL_INHERIT = 15
#: An unattributed quotation this long with no earlier speaker nearby is kept with speaker None.
MIN_WORDS_UNATTRIBUTED = 10


@dataclass(slots=True)
class _Attribution:
    quote_type: str
    spans: list[tuple[int, int]]  # character spans of the content
    cue: Cue | None
    source_i: int | None
    rule: str
    limit: tuple[int, int]  # token range of the content (the speaker phrase stays outside it)
    source_span: tuple[int, int] | None = None
    inherit: bool = False
    extra: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.spans[0][0]


def _piece_content(text: str, marks, s: int, e: int) -> tuple[int, int]:
    """The content of a marked piece: without its marks and edge spaces."""
    if text[s : s + 2] in marks:
        s += 2
    elif s < e and text[s] in marks:
        s += 1
    if e - s >= 2 and text[e - 2 : e] in marks:
        e -= 2
    elif e > s and text[e - 1] in marks:
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _opens_sentence(doc, i: int) -> bool:
    """True when token ``i`` (an opening mark) starts a sentence or a paragraph."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return "\n" in prev.text_with_ws or prev.text in (".", "!", "?", ":") or (prev.is_space and "\n" in prev.text)


def _char_spans(doc, ranges, text: str = "", marks=()) -> list[tuple[int, int]]:
    """Character spans of token ranges; a content that opens a quotation keeps its closing mark."""
    out = []
    for s, e in ranges:
        if e <= s:
            continue
        a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        if text and marks:
            piece = text[a:b]
            opens = sum(piece.count(m) for m in ("“", "«"))
            closes = sum(piece.count(m) for m in ("”", "»"))
            straight = piece.count('"') % 2
            if opens > closes or straight:
                tail = text[b : b + 3]
                for k, ch in enumerate(tail):
                    if ch in "”»\"":
                        b += k + 1
                        break
                    if ch.isalnum() or ch.isspace():
                        break
        out.append((a, b))
    return out


def quotations(doc, *, article: Article, mentions: Sequence[Mention], kb) -> list[Quote]:
    """Quotations of ``doc`` in document order.

    Args:
        doc: The spaCy parse of ``article.text``.
        article: The article (only its id is used, for logging).
        mentions: Actor mentions of the document (from the actor stage), used for speakers.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (or a bare ``QuoteKB``).

    Returns:
        :class:`Quote` records ordered by start offset. A document that trips an unexpected
        error yields the quotations found so far and a logged warning, never an exception.
    """
    qkb = getattr(kb, "quotes", kb)
    try:
        return _quotations(doc, mentions, qkb, _doc_text(doc, article))
    except Exception:  # degrade, log, go on: one odd document must not stop a batch
        log.warning("quote extraction failed for %s", getattr(article, "doc_id", "?"), exc_info=True)
        return []


def _doc_text(doc, article) -> str:
    """``article.text`` when the parse was made from it (the pipeline's case), else ``doc.text``;
    ``Doc.text`` rebuilds the string from every token on each access."""
    text = getattr(article, "text", None)
    if isinstance(text, str) and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text) \
            and text.startswith(doc[0].text, doc[0].idx):
        return text
    return doc.text


def _quotations(doc, mentions: Sequence[Mention], qkb, text: str) -> list[Quote]:
    marked = marked_quotes(text, qkb.marks)
    model_frames = _model_frames(doc, qkb, marked) if qkb.cue_weights else None
    cues: list[Cue] = [verb_cue(t, qkb) for t in doc
                       if (model_frames is not None and t.i in model_frames) or is_cue_verb(t, qkb, table=model_frames is None)]
    cues += phrase_cues(doc, qkb)
    cues.sort(key=lambda c: c.i)
    cues_by_i = {c.i: c for c in cues}

    # Marked quotations attach to reporting cues only; a learned frame ("called it '...'") takes a
    # marked quotation in through its content instead (a mixed quote).
    reporting = {i: c for i, c in cues_by_i.items() if c.kind != "frame"}
    directs = direct_candidates(doc, marked, reporting, qkb, text)
    quoted = set()
    for d in directs:
        quoted.update(range(d.tok_start + 1, d.tok_end - 1))
    indirects = indirect_candidates(doc, [c for c in cues if c.i not in quoted], qkb, model_frames, text)
    indirects += [c for c in colon_candidates(doc, qkb, text) if c.cue.i not in quoted]
    ind_by_cue = {c.cue.i: c for c in indirects}
    used_ind: set[int] = set()

    newlines = [m.start() for m in _PARA_BREAK.finditer(text)]

    def para(pos: int) -> int:
        return bisect.bisect_right(newlines, pos)

    atts: list[_Attribution] = []
    pending: list = []  # direct candidates without a cue
    by_cue: dict[int, _Attribution] = {}
    for d in directs:
        pieces = [_piece_content(text, qkb.marks, s, e) for s, e in d.quote.pieces]
        pieces = [p for p in pieces if p[1] > p[0]]
        if not pieces:
            continue
        if d.cue is None:
            pending.append((d, pieces))
            continue
        same = by_cue.get(d.cue.i)
        if same is not None and same.quote_type == "direct" and para(same.spans[-1][1]) == para(pieces[0][0]):
            # '...,' he said. '...' -- both halves hang off the same cue.
            same.extra.extend(pieces)
            continue
        ind = ind_by_cue.get(d.cue.i)
        if ind is not None:
            used_ind.add(d.cue.i)
            words = [t.i for t in doc[d.tok_start : d.tok_end] if not t.is_punct and not t.is_space]
            covers = bool(words) and ind.tok_start <= words[0] and words[-1] < ind.tok_end
            outside = sum(1 for s, e in ind.ranges for t in doc[s:e]
                          if t.is_alpha and not d.tok_start <= t.i < d.tok_end and t.lower_ != "that")
            if covers and outside >= 1:
                # Reported speech with a partial quotation: 'he said the plan was "dead on arrival"'.
                atts.append(_Attribution("mixed", _char_spans(doc, ind.ranges, text, qkb.marks), d.cue, ind.source_i or d.cue.source,
                                         "quotes.mixed.v1", (ind.tok_start, ind.tok_end)))
                continue
        atts.append(_Attribution("direct", pieces, d.cue, d.cue.source, "quotes.direct.v1",
                                 (d.tok_start, d.tok_end)))
        by_cue[d.cue.i] = atts[-1]

    for cue_i, ind in ind_by_cue.items():
        if cue_i in used_ind:
            continue
        spans = _char_spans(doc, ind.ranges, text, qkb.marks)
        qtype = "indirect"
        for d, _ in pending:
            if ind.tok_start <= d.tok_start + 1 and d.tok_end - 1 <= ind.tok_end:
                qtype = "mixed"
        source = ind.source_i if ind.source_i is not None else ind.cue.source
        atts.append(_Attribution(qtype, spans, ind.cue, source,
                                 "quotes.mixed.v1" if qtype == "mixed" else ind.rule, (ind.tok_start, ind.tok_end)))

    # Only the outermost attribution counts: drop one whose cue sits in another's content.
    def inside_other(a: _Attribution) -> bool:
        if a.cue is None:
            return False
        return any(b is not a and any(s <= a.cue.start < e for s, e in b.spans) for b in atts)

    atts = [a for a in atts if not inside_other(a)]
    covered = [(s, e) for a in atts if a.quote_type != "direct" for s, e in a.spans]

    # Cue-less marked quotations: part of a mixed quote, the second half of a split quote,
    # a continuation of the previous speaker, or (long, nobody nearby) a quote of unknown source.
    atts.sort(key=lambda a: a.first)
    for d, pieces in pending:
        if any(s <= pieces[0][0] and pieces[-1][1] <= e + 1 for s, e in covered):
            continue
        prev = None
        for a in atts:
            if a.first < pieces[0][0]:
                prev = a
        prev_end = None if prev is None else max(e for _, e in prev.spans + prev.extra)
        here = para(pieces[0][0])
        if prev is not None and prev.quote_type == "direct" and prev.cue is not None \
                and para(prev_end) == here and para(prev.cue.start) == here and prev.cue.start < pieces[0][0]:
            # '...,' he said. '...' -- the second half of a split quotation.
            prev.extra.extend(pieces)
            continue
        if d.words < MIN_WORDS_INHERIT:
            continue
        near = prev is not None and here - para(prev_end) <= 1
        # A quotation opening its own sentence or paragraph continues the last speaker; one inside
        # someone else's sentence only when it is long (a partial quotation is usually framed anew).
        opens = _opens_sentence(doc, d.tok_start)
        if near and (opens or d.words >= MIN_WORDS_PARTIAL_INHERIT):
            atts.append(_Attribution("direct", pieces, None, None, "quotes.direct.continuation.v1",
                                     (d.tok_start, d.tok_end), inherit=True))
        elif d.words >= MIN_WORDS_UNATTRIBUTED:
            atts.append(_Attribution("direct", pieces, None, None, "quotes.direct.unattributed.v1",
                                     (d.tok_start, d.tok_end)))
        atts.sort(key=lambda a: a.first)

    resolver = SpeakerResolver(doc, mentions, qkb)
    out: list[Quote] = []
    last_speaker = None
    last_end = -1
    for a in atts:
        spans = sorted(a.spans + a.extra)
        speaker = None
        if a.inherit:
            if last_speaker is not None and para(spans[0][0]) - para(last_end) <= 1:
                speaker = last_speaker
                resolver.remember(speaker, spans[0][0])
        elif a.source_i is not None:
            head = doc[a.source_i]
            span = None
            if a.rule == "quotes.passive.v1":
                s = head.i
                while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].head.i == head.i:
                    s -= 1
                span = (s, head.i + 1)
            speaker = resolver.resolve(head, limit=a.limit, span=span)
        content = " ".join(text[s:e] for s, e in spans)
        bounds = [p for s, e in spans for p in (s, e)]
        if a.cue is not None:
            bounds += [a.cue.start, a.cue.end]
        if speaker is not None and not a.inherit:
            bounds += [speaker.start, speaker.end]
        out.append(Quote(
            quote_type=a.quote_type,
            content=content,
            content_spans=tuple(spans),
            cue=None if a.cue is None else text[a.cue.start : a.cue.end],
            speaker=speaker,
            start=min(bounds),
            end=max(bounds),
            cue_start=None if a.cue is None else a.cue.start,
            cue_end=None if a.cue is None else a.cue.end,
            rule=a.rule,
        ))
        last_speaker = speaker
        last_end = max(bounds)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _model_frames(doc, qkb, marked) -> dict[int, str]:
    """Token index -> the frame the cue model accepts for it (the most probable one)."""
    quoted: set[int] = set()
    for mq in marked:
        span = doc.char_span(mq.start, mq.end, alignment_mode="expand")
        if span is not None:
            quoted.update(range(span.start + 1, span.end - 1))
    best: dict[int, tuple[float, str]] = {}
    for tok, frame, _span, _subj, feats in candidates(doc, qkb, quoted):
        p = probability(feats, qkb.cue_weights, qkb.cue_bias)
        if p >= qkb.cue_threshold and (p > best.get(tok.i, (0.0, ""))[0] or frame == "obj+xcomp"):
            # "urged Congress to act": the object and the infinitive together, when both pass.
            if best.get(tok.i, (0.0, ""))[1] != "obj+xcomp":
                best[tok.i] = (p, frame)
    return {i: f for i, (_, f) in best.items()}


__all__ = ["quotations", "quote_at"]
