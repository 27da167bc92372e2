"""Reported speech: a cue with a clause as its content.

Patterns (on the dependency parse):
- "X said (that) CLAUSE", "CLAUSE, X said", "X told Reuters CLAUSE": the verb's clausal
  complement (ccomp) is the content;
- "CLAUSE, they say." parsed as parataxis: the head clause minus the cue's own subtree;
- "according to X, CLAUSE" and "CLAUSE, according to X": the sentence minus the phrase;
- "X called for Y", "X urged Congress to Y", "X announced Y": the complement named by a learned
  frame of the verb (``cue_frames.jsonl``, see ``frames``);
- "it was stated that CLAUSE": passive with expletive subject; the source is the agent or an outlet
  named in a phrase such as "In an article published on the website X".
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import Cue
from .frames import complements

_MIN_TOKENS = 3
_PUNCT_EDGE = {"punct", "cc"}


@dataclass(slots=True)
class IndirectCandidate:
    """A cue with its content token ranges (``[start, end)``, document order)."""

    cue: Cue
    ranges: list[tuple[int, int]]
    rule: str
    source_i: int | None = None  # source head when found outside the cue's subject (passives)

    @property
    def tok_start(self) -> int:
        return self.ranges[0][0]

    @property
    def tok_end(self) -> int:
        return self.ranges[-1][1]


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].dep_ in _PUNCT_EDGE or doc[start].is_space) and not doc[start].is_quote:
        start += 1
    while end > start and (doc[end - 1].dep_ in _PUNCT_EDGE or doc[end - 1].is_space) and not doc[end - 1].is_quote:
        end -= 1
    return start, end


def _minus(doc, outer: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    parts = [outer]
    for hs, he in holes:
        nxt = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
    out = []
    for s, e in parts:
        s, e = _trim(doc, s, e)
        if e - s >= _MIN_TOKENS:
            out.append((s, e))
    return out


def _outlet_in_sentence(doc, verb, kb, content: list[tuple[int, int]]):
    """The named outlet in a phrase like "In an article published on the website X" in the verb's sentence."""
    sent = verb.sent
    inside = lambda i: any(s <= i < e for s, e in content)  # noqa: E731
    for t in sent:
        if inside(t.i) or t.lemma_.lower() not in kb.source_nouns or t.pos_ != "NOUN":
            continue
        if t.dep_ not in ("pobj", "nsubj", "nsubjpass", "appos"):
            continue
        for d in t.subtree:
            if d.pos_ == "PROPN" and d.is_alpha and not inside(d.i):
                while d.dep_ in ("compound", "flat") and d.head.pos_ == "PROPN" and d.head.i > d.i:
                    d = d.head
                return d
    return None


def indirect_candidates(doc, cues: list[Cue], kb) -> list[IndirectCandidate]:
    """Reported-speech candidates for every cue whose content the parse shows."""
    out = []
    for cue in cues:
        tok = doc[cue.i]
        if cue.kind == "source_after":
            sent = tok.sent
            src = doc[cue.source] if cue.source is not None else None
            hole_end = (src.right_edge.i + 1) if src is not None and src.i >= tok.i else tok.i + 2
            # "according to X" sits at the start, the end, or between commas.
            ranges = _minus(doc, (sent.start, sent.end), [(tok.i, hole_end)])
            if ranges:
                out.append(IndirectCandidate(cue, ranges, "quotes.according.v1"))
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp"] if cue.kind != "frame" else []
        if not comps and not cue.passive:
            present = complements(tok)
            frame = next((f for f in kb.frames.get(tok.lemma_.lower(), ()) if f in present), None)
            if frame is not None:
                s, e = _trim(doc, *present[frame])
                if e - s >= 1:
                    out.append(IndirectCandidate(cue, [(s, e)], f"quotes.frame.{frame.replace(':', '-')}.v1"))
                    continue
        if comps:
            ranges = []
            for c in comps:
                s, e = _trim(doc, c.left_edge.i, c.right_edge.i + 1)
                if e - s >= _MIN_TOKENS:
                    ranges.append((s, e))
            if not ranges:
                continue
            rule = "quotes.indirect.v1"
            source_i = None
            if cue.passive and cue.source is None:
                outlet = _outlet_in_sentence(doc, tok, kb, ranges)
                source_i = None if outlet is None else outlet.i
                rule = "quotes.passive.v1"
            out.append(IndirectCandidate(cue, sorted(ranges), rule, source_i))
            continue
        if tok.dep_ == "parataxis" and cue.kind in ("speech", "thought"):
            head = tok.head
            if head.i == tok.i:
                continue
            ranges = _minus(doc, (head.left_edge.i, head.right_edge.i + 1), [(tok.left_edge.i, tok.right_edge.i + 1)])
            if ranges:
                out.append(IndirectCandidate(cue, ranges, "quotes.parenthetical.v1"))
    return out
