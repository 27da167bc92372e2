"""The quote stage: direct, indirect and mixed quotations with cue and resolved speaker.

:func:`quotations` finds marked quotations (:mod:`.marks`), reporting cues in the parse
(:mod:`.cues`, :mod:`.scorer`), attaches quotations to cues (:mod:`.direct`) and finds reported
speech (:mod:`.indirect`). :data:`ATTRIBUTION_RULES` then merge the two, in order, into direct,
indirect and mixed attributions, and each speaker is resolved against the actor mentions
(:mod:`.speakers`).

Notes:
    The attribution model follows PARC 3.0 / PolNeAR (source, cue, content; only the outermost
    attribution is kept when one is nested in another's content).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Article, Mention, Quote
from ..rules import rule_table
from ..nlp import doc_text, token_columns
from .cues import Cue, characterisation, is_cue_at, phrase_cues, verb_cue
from .direct import DirectCandidate, direct_candidates
from .frames import groups_of
from .indirect import IndirectCandidate, colon_candidates, indirect_candidates
from .marks import marked_quotes
from .scorer import candidates, probability
from .speakers import SpeakerResolver

_PARA_BREAK = re.compile(r"\n\s*")
#: Opening double quotation marks: reported speech holding one quotes words of its own.
_DOUBLE_OPENERS = frozenset("“\"«„")

#: An unattributed marked quotation shorter than this (in words) is a scare quote or a title.
MIN_WORDS_INHERIT = 5
#: A cue-less quotation inside a sentence continues the previous speaker only from this length on.
MIN_WORDS_PARTIAL_INHERIT = 15
#: An unattributed quotation this long with no earlier speaker nearby is kept with speaker None.
MIN_WORDS_UNATTRIBUTED = 10


@dataclass(slots=True)
class Attribution:
    """A quotation before its speaker is resolved."""

    quote_type: str
    spans: list[tuple[int, int]]  # character spans of the content
    cue: Cue | None
    source_i: int | None
    rule: str
    limit: tuple[int, int]  # token range of the content (the speaker phrase stays outside it)
    inherit: bool = False
    extra: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.spans[0][0]


@dataclass
class Findings:
    """One document's marked quotations and reported-speech candidates, and the attributions
    the rules build from them."""

    doc: object
    text: str
    kb: object
    directs: list[DirectCandidate]
    ind_by_cue: dict[int, IndirectCandidate]
    newlines: list[int]
    used_ind: set[int] = field(default_factory=set)
    pending: list = field(default_factory=list)  # marked quotations without a cue, with their pieces
    by_cue: dict[int, Attribution] = field(default_factory=dict)
    atts: list[Attribution] = field(default_factory=list)

    def para(self, pos: int) -> int:
        """Paragraph number of character ``pos``."""
        return bisect.bisect_right(self.newlines, pos)


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


def _opens_sentence(doc, i: int, ends) -> bool:
    """True when token ``i`` (an opening mark) starts a sentence or a paragraph."""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return "\n" in prev.text_with_ws or prev.text in ends or prev.text == ":" or (prev.is_space and "\n" in prev.text)


def _char_spans(doc, ranges, text: str) -> list[tuple[int, int]]:
    """Character spans of token ranges; a content that opens a quotation keeps its closing mark."""
    out = []
    for s, e in ranges:
        if e <= s:
            continue
        a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        piece = text[a:b]
        opens = sum(piece.count(m) for m in ("“", "«"))
        closes = sum(piece.count(m) for m in ("”", "»"))
        if opens > closes or piece.count('"') % 2:
            for k, ch in enumerate(text[b : b + 3]):
                if ch in "”»\"":
                    b += k + 1
                    break
                if ch.isalnum() or ch.isspace():
                    break
        out.append((a, b))
    return out


def _model_frames(doc, kb, marked, groups, lemmas) -> dict[int, str]:
    """Token index -> the frame the cue model accepts for it (the most probable one)."""
    qkb = kb.quotes
    quoted: set[int] = set()
    for mq in marked:
        span = doc.char_span(mq.start, mq.end, alignment_mode="expand")
        if span is not None:
            quoted.update(range(span.start + 1, span.end - 1))
    best: dict[int, tuple[float, str]] = {}
    for tok, frame, _span, _subj, feats in candidates(doc, kb, quoted, groups=groups, lemmas=lemmas):
        p = probability(feats, qkb.cue_weights, qkb.cue_bias)
        if p >= qkb.cue_threshold and (p > best.get(tok.i, (0.0, ""))[0] or frame == "obj+xcomp"):
            # "urged the council to act": the object and the infinitive together, when both pass.
            if best.get(tok.i, (0.0, ""))[1] != "obj+xcomp":
                best[tok.i] = (p, frame)
    return {i: f for i, (_, f) in best.items()}


def findings(doc, kb, text: str) -> Findings:
    """Marked quotations with their cues, and reported-speech candidates of cues outside them."""
    qkb = kb.quotes
    marked = marked_quotes(text, qkb.marks)
    lemmas, pos, tags, lowers = token_columns(doc, ("lemma", "pos", "tag", "lower"))
    groups = groups_of(pos, tags)
    model_frames = _model_frames(doc, kb, marked, groups, lemmas) if qkb.cue_weights else None
    table = model_frames is None
    characterising = kb.lexicon["characterising_cue_verbs"]
    cues: list[Cue] = [verb_cue(doc[i], kb) for i in range(len(doc))
                       if (not table and i in model_frames) or is_cue_at(i, groups, lemmas, kb, table=table)
                       or lemmas[i] in characterising and characterisation(doc[i], kb.lexicon) is not None]
    cues += phrase_cues(doc, kb, lowers)
    cues.sort(key=lambda c: c.i)
    # Marked quotations attach to reporting cues only; a learned frame ("called it '...'") takes a
    # marked quotation in through its content instead (a mixed quote).
    reporting = {c.i: c for c in cues if c.kind != "frame"}
    directs = direct_candidates(doc, marked, reporting, kb, text)
    quoted = set()
    for d in directs:
        quoted.update(range(d.tok_start + 1, d.tok_end - 1))
    indirects = indirect_candidates(doc, [c for c in cues if c.i not in quoted], kb, model_frames, text)
    indirects += [c for c in colon_candidates(doc, kb, text) if c.cue.i not in quoted]
    newlines = [m.start() for m in _PARA_BREAK.finditer(text)]
    return Findings(doc, text, kb, directs, {c.cue.i: c for c in indirects}, newlines)


def _partial_quotation(f: Findings, d: DirectCandidate, ind: IndirectCandidate) -> bool:
    """Whether the marked quotation ``d`` lies inside reported speech ``ind`` that says more
    than it ("she said the plan was 'dead on arrival'")."""
    doc = f.doc
    words = [t.i for t in doc[d.tok_start : d.tok_end] if not t.is_punct and not t.is_space]
    covers = bool(words) and ind.tok_start <= words[0] and words[-1] < ind.tok_end
    outside = sum(1 for s, e in ind.ranges for t in doc[s:e]
                  if t.is_alpha and not d.tok_start <= t.i < d.tok_end and t.lower_ != "that")
    return covers and outside >= 1


def marked_with_cue(f: Findings) -> None:
    """A marked quotation with a cue: the second half of a split quotation on the same cue,
    a mixed quotation (inside the cue's reported speech), or a direct one. Cue-less ones wait."""
    marks = f.kb.quotes.marks
    for d in f.directs:
        pieces = [p for p in (_piece_content(f.text, marks, s, e) for s, e in d.quote.pieces) if p[1] > p[0]]
        if not pieces:
            continue
        if d.cue is None:
            f.pending.append((d, pieces))
            continue
        same = f.by_cue.get(d.cue.i)
        if same is not None and same.quote_type == "direct" and f.para(same.spans[-1][1]) == f.para(pieces[0][0]):
            same.extra.extend(pieces)  # '"...," he said. "..."' -- both halves hang off the same cue
            continue
        ind = f.ind_by_cue.get(d.cue.i)
        if ind is not None:
            f.used_ind.add(d.cue.i)
            if _partial_quotation(f, d, ind):
                f.atts.append(Attribution("mixed", _char_spans(f.doc, ind.ranges, f.text), d.cue,
                                          ind.source_i or d.cue.source, "quotes.mixed.v1", (ind.tok_start, ind.tok_end)))
                continue
        f.atts.append(Attribution("direct", pieces, d.cue, d.cue.source, "quotes.direct.v1", (d.tok_start, d.tok_end)))
        f.by_cue[d.cue.i] = f.atts[-1]


def reported_speech(f: Findings) -> None:
    """Reported speech whose cue no marked quotation took: indirect, or mixed when a cue-less
    marked quotation lies inside it."""
    for cue_i, ind in f.ind_by_cue.items():
        if cue_i in f.used_ind:
            continue
        inside = any(ind.tok_start <= d.tok_start + 1 and d.tok_end - 1 <= ind.tok_end for d, _ in f.pending)
        source = ind.source_i if ind.source_i is not None else ind.cue.source
        f.atts.append(Attribution("mixed" if inside else "indirect", _char_spans(f.doc, ind.ranges, f.text), ind.cue,
                                  source, "quotes.mixed.v1" if inside else ind.rule, (ind.tok_start, ind.tok_end)))


class _Union:
    """The union of character spans ``[start, end)``, to tell at once whether any holds a position."""

    def __init__(self, spans):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if self.ends and s <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], e)
            else:
                self.starts.append(s)
                self.ends.append(e)

    def holds(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _cut(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        if e <= lo or s >= hi:
            out.append((s, e))
            continue
        out += [p for p in ((s, lo), (hi, e)) if p[1] > p[0]]
    return out


def relative_clause_speaker(f: Findings) -> None:
    """Reported speech in a relative clause with a named speaker of its own ('a step that Lima
    insists it will never take'; not 'which analysts say': PolNeAR keeps those in the outer
    content) is that
    speaker's, not the sentence's: its clause leaves the content of an attribution holding it."""
    doc = f.doc
    for a in f.atts:
        cue = a.cue
        if cue is None or cue.source is None or cue.passive or cue.kind == "source_after":
            continue
        verb = doc[cue.i]
        if verb.dep_ not in ("relcl", "acl") or verb.head.pos_ not in ("NOUN", "PROPN") \
                or doc[cue.source].pos_ != "PROPN" or not cue.source > verb.head.i:
            continue  # a named speaker ("that La Paz says"; not "which analysts say")
        lo = doc[verb.left_edge.i].idx
        hi = doc[verb.right_edge.i].idx + len(doc[verb.right_edge.i])
        for b in f.atts:
            if b is not a and any(s <= cue.start < e for s, e in b.spans):
                b.spans = _cut(b.spans, lo, hi) or b.spans


def _sourced(a: Attribution) -> bool:
    return a.source_i is not None or (a.cue is not None and a.cue.source is not None)


def sourceless_outer_yields(f: Findings) -> None:
    """An attribution whose cue names no source, comes after its content and holds the cue of
    exactly one attribution that does gives way to it ('X said Peru could “...,” remarks that
    ...', parsed with "remarks" as the verb of the sentence): the nested one says who spoke."""
    sourced = [b for b in f.atts if b.cue is not None and _sourced(b)]

    def yields(a: Attribution) -> bool:
        if a.cue is None or _sourced(a) or a.cue.passive or a.cue.kind == "source_after":
            return False
        if a.cue.start < a.spans[-1][1]:
            return False  # only a cue after the content it would claim ("..., remarks that")
        nested = [b for b in sourced if b is not a and any(s <= b.cue.start < e for s, e in a.spans)]
        return len(nested) == 1

    gone = [a for a in f.atts if yields(a)]
    if not gone:
        return
    for b in sourced:
        if b.quote_type == "indirect" and any(a.quote_type == "mixed" for a in gone) \
                and any(ch in _DOUBLE_OPENERS for s, e in b.spans for ch in f.text[s:e]):
            b.quote_type, b.rule = "mixed", "quotes.mixed.v1"  # the marked words it holds were the outer one's
    f.atts = [a for a in f.atts if a not in gone]


def outermost_only(f: Findings) -> None:
    """Only the outermost attribution counts: one whose cue sits in another's content goes."""
    covered = _Union(s for b in f.atts for s in b.spans)

    def inside_other(a: Attribution) -> bool:
        return a.cue is not None and covered.holds(a.cue.start) and \
            any(b is not a and any(s <= a.cue.start < e for s, e in b.spans) for b in f.atts)

    f.atts = [a for a in f.atts if not inside_other(a)]


def marked_without_cue(f: Findings) -> None:
    """A cue-less marked quotation: part of a mixed quote (skipped), the second half of a split
    quote, a continuation of the previous speaker, or (long, nobody nearby) a quote of unknown
    source; short ones are scare quotes or titles."""
    covered = [(s, e) for a in f.atts if a.quote_type != "direct" for s, e in a.spans]
    f.atts.sort(key=lambda a: a.first)
    for d, pieces in f.pending:
        if any(s <= pieces[0][0] and pieces[-1][1] <= e + 1 for s, e in covered):
            continue
        att = _cueless(f, d, pieces)
        if att is not None:
            f.atts.append(att)
        f.atts.sort(key=lambda a: a.first)


def _cueless(f: Findings, d: DirectCandidate, pieces) -> Attribution | None:
    prev = None
    for a in f.atts:
        if a.first < pieces[0][0]:
            prev = a
    prev_end = None if prev is None else max(e for _, e in prev.spans + prev.extra)
    here = f.para(pieces[0][0])
    if prev is not None and prev.quote_type == "direct" and prev.cue is not None \
            and f.para(prev_end) == here and f.para(prev.cue.start) == here and prev.cue.start < pieces[0][0]:
        prev.extra.extend(pieces)  # '"...," he said. "..."' -- the second half of a split quotation
        return None
    if d.words < MIN_WORDS_INHERIT:
        return None
    near = prev is not None and here - f.para(prev_end) <= 1
    # A quotation opening its own sentence or paragraph continues the last speaker; one inside
    # someone else's sentence only when it is long (a partial quotation is usually framed anew).
    opens = _opens_sentence(f.doc, d.tok_start, f.kb.lexicon["sentence_end_punctuation"])
    if near and (opens or d.words >= MIN_WORDS_PARTIAL_INHERIT):
        return Attribution("direct", pieces, None, None, "quotes.direct.continuation.v1", (d.tok_start, d.tok_end),
                           inherit=True)
    if d.words >= MIN_WORDS_UNATTRIBUTED:
        return Attribution("direct", pieces, None, None, "quotes.direct.unattributed.v1", (d.tok_start, d.tok_end))
    return None


#: How marked quotations and reported speech become attributions, in order.
ATTRIBUTION_RULES = rule_table(
    ("quotes.attribution.marked_with_cue.v1", marked_with_cue),
    ("quotes.attribution.reported_speech.v1", reported_speech),
    ("quotes.attribution.relative_clause_speaker.v1", relative_clause_speaker),
    ("quotes.attribution.sourceless_outer_yields.v1", sourceless_outer_yields),
    ("quotes.attribution.outermost_only.v1", outermost_only),
    ("quotes.attribution.marked_without_cue.v1", marked_without_cue),
)


def _speaker(f: Findings, a: Attribution, resolver: SpeakerResolver, last):
    """The attribution's speaker: inherited from the last quote (continuations, in the next
    paragraph at most), else resolved from its source token (or, where the parse named none,
    a named mention opening the cue's clause), else None."""
    doc = f.doc
    spans = sorted(a.spans + a.extra)
    if a.inherit:
        last_speaker, last_end = last
        if last_speaker is not None and f.para(spans[0][0]) - f.para(last_end) <= 1:
            resolver.remember(last_speaker, spans[0][0])
            return last_speaker
        return None
    source_i = a.source_i
    if source_i is None and a.cue is not None and not a.cue.passive and a.cue.kind != "source_after":
        name = resolver.name_before(doc[a.cue.i], limit=a.limit)
        source_i = None if name is None else name.i
    if source_i is None:
        return None
    head = doc[source_i]
    span = None
    if a.rule == "quotes.passive.v1":
        # the outlet's name: the proper nouns compounded onto the head
        s = head.i
        while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].head.i == head.i:
            s -= 1
        span = (s, head.i + 1)
    return resolver.resolve(head, limit=a.limit, span=span)


def quote_records(f: Findings, mentions: Sequence[Mention], publisher: str | None = None) -> list[Quote]:
    """:class:`Quote` records of the attributions, speakers resolved in document order
    (``publisher``: the article's, whose country an unqualified national office is in)."""
    resolver = SpeakerResolver(f.doc, mentions, f.kb, publisher=publisher)
    text = f.text
    out: list[Quote] = []
    last = (None, -1)  # the last quote's speaker and end
    for a in f.atts:
        spans = sorted(a.spans + a.extra)
        speaker = _speaker(f, a, resolver, last)
        bounds = [p for s, e in spans for p in (s, e)]
        if a.cue is not None:
            bounds += [a.cue.start, a.cue.end]
        if speaker is not None and not a.inherit:
            bounds += [speaker.start, speaker.end]
        out.append(Quote(
            quote_type=a.quote_type, content=" ".join(text[s:e] for s, e in spans), content_spans=tuple(spans),
            cue=None if a.cue is None else text[a.cue.start : a.cue.end], speaker=speaker,
            start=min(bounds), end=max(bounds), cue_start=None if a.cue is None else a.cue.start,
            cue_end=None if a.cue is None else a.cue.end, rule=a.rule,
        ))
        last = (speaker, max(bounds))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def quotations(doc, *, article: Article, mentions: Sequence[Mention], kb) -> list[Quote]:
    """Quotations of ``doc`` in document order.

    Args:
        doc: The spaCy parse of ``article.text``.
        article: The article (its text, when the parse was made from it).
        mentions: Actor mentions of the document (from the actor stage), used for speakers.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (``kb.quotes`` and ``kb.lexicon``).

    Returns:
        :class:`Quote` records ordered by start offset.

    Raises:
        Whatever a rule raises: like every stage, this one does not swallow errors (a quote
        stage that returned nothing would silently cost the events their reported modality);
        the pipeline turns them into the document's ``Failure``.
    """
    found = findings(doc, kb, doc_text(doc, article))
    for rule in ATTRIBUTION_RULES:
        rule.func(found)
    return quote_records(found, mentions, getattr(article, "publisher", None))
