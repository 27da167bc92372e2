"""Reported speech: a cue with a clause as its content.

Patterns (on the dependency parse):
- "X said (that) CLAUSE", "CLAUSE, X said", "X told Xinhua CLAUSE": the verb's clausal
  complement (ccomp) is the content;
- "CLAUSE, they say." parsed as parataxis: the head clause minus the cue's own subtree;
- "CLAUSE, as X said" and "As X noted, CLAUSE": the clause the "as" clause modifies;
- "according to X, CLAUSE" and "CLAUSE, according to X": the sentence minus the phrase;
- "X described the plan as a “toy army”" (or passive, "... by X"): the "as" phrase of a
  characterising verb when it holds a quotation;
- "the agency quoted her as saying “...”": the "as" phrase, the object's words;
- "X called for Y", "X urged the council to Y", "X announced Y": the complement named by a learned
  frame of the verb (``cue_frames.jsonl``, see ``frames``);
- "it was claimed that CLAUSE": passive with expletive subject; the source is the agent or an outlet
  named in a phrase such as "In a column on the Varna Herald site".

For each cue the rules of :data:`INDIRECT_RULES` are tried in order; the first that finds content
gives the candidate. Record rule names (``Quote.rule``) are unchanged: ``quotes.according.v1``,
``quotes.parenthetical.v1``, ``quotes.frame.<frame>.v1``, ``quotes.indirect.v1``,
``quotes.passive.v1``, ``quotes.colon.v1``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..nlp import sentences as doc_sentences, token_columns
from ..rules import rule_table
from .cues import Cue, characterisation
from .frames import complements, pos_group

_MIN_TOKENS = 3
_NEWLINE = re.compile("\n")


class _Sentences:
    """Sentence lookup for one document, built once (``Token.sent`` walks the sentences every call)."""

    def __init__(self, doc):
        self.doc = doc
        self.bounds = [(sent.start, sent.end) for sent in doc_sentences(doc)]
        self.starts = [b[0] for b in self.bounds]

    def of(self, tok):
        k = bisect.bisect_right(self.starts, tok.i) - 1
        s, e = self.bounds[max(k, 0)]
        return self.doc[s:e]


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


def _merge_adjacent(doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join ranges that touch or are separated only by punctuation (two clauses of one content)."""
    out: list[tuple[int, int]] = []
    for s, e in ranges:
        if out and all(t.is_punct or t.is_space for t in doc[out[-1][1] : s]):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


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


def _outlet_in_sentence(doc, verb, kb, content: list[tuple[int, int]], sents: _Sentences):
    """The named outlet in a phrase like "In a column on the Varna Herald site" in the verb's sentence."""
    sent = sents.of(verb)
    inside = lambda i: any(s <= i < e for s, e in content)  # noqa: E731
    source_nouns = kb.quotes.source_nouns
    for t in sent:
        if inside(t.i) or t.lemma_.lower() not in source_nouns or t.pos_ != "NOUN":
            continue
        if t.dep_ not in ("pobj", "nsubj", "nsubjpass", "appos"):
            continue
        for d in t.subtree:
            if d.pos_ == "PROPN" and d.is_alpha and not inside(d.i):
                while d.dep_ in ("compound", "flat") and d.head.pos_ == "PROPN" and d.head.i > d.i:
                    d = d.head
                return d
    return None


def _parenthetical(doc, cue: Cue, kb, sents: _Sentences) -> list[tuple[int, int]]:
    """Content around a parenthetical cue: "A, he said, B." / "A, said Smith." -> A (+ B)."""
    if cue.source is None:
        return []
    verb, subj = doc[cue.i], doc[cue.source]
    own = kb.lexicon["verb_complement_deps"]
    if any(c.dep_ in own and c.i > verb.i for c in verb.children):
        return []  # "..., regulators could deny permits": the verb has its own complement
    sent = sents.of(verb)
    hs = subj.left_edge.i if subj.i < verb.i else verb.i
    if hs <= sent.start or doc[hs - 1].text != ",":
        return []
    he = max(verb.i, subj.right_edge.i) + 1
    limit = min(sent.end, he + 10)
    clause_end = kb.lexicon["clause_end_punctuation"]
    while he < limit and doc[he].text not in clause_end and not doc[he].is_quote:
        he += 1
    if he >= sent.end or doc[he].is_quote:
        return []
    left = (sent.start, hs - 1)
    if any(t.is_quote for t in doc[left[0] : left[1]]):
        return []  # a direct quotation: handled with its marks
    ranges = [left]
    if doc[he].text == "," and he + 1 < sent.end:
        nxt = doc[he + 1]
        follow = doc[he + 2] if nxt.dep_ == "cc" and he + 2 < sent.end else nxt
        if not (follow.tag_ == "VBG" and (follow.lemma_.lower() in kb.quotes.verbs
                                          or (follow.lemma_.lower(), "VERB") in kb.quotes.frames)):
            # "..., he said, adding that ..." starts an attribution of its own.
            ranges.append((he + 1, sent.end))
    out = []
    for s, e in ranges:
        s, e = _trim(doc, s, e)
        if e - s >= _MIN_TOKENS:
            out.append((s, e))
    return out


def _line_heads(doc, text: str | None = None) -> list[int]:
    """Token 0 and every token after one whose ``text_with_ws`` holds a newline (found from the
    newlines of the text, ``doc.text`` unless given: tokens tile it, so the token holding
    character ``p`` is the last one starting at or before ``p``)."""
    if not len(doc):
        return []
    (idx,) = token_columns(doc, ("idx",))
    if text is None or len(text) != idx[-1] + len(doc[-1].text_with_ws):
        text = doc.text
    last = len(doc) - 1
    holders = {bisect.bisect_right(idx, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    return [0] + sorted(k + 1 for k in holders if k < last)


def colon_candidates(doc, kb, text: str | None = None) -> list[IndirectCandidate]:
    """Speaker labels: a paragraph or sentence opening "Okafor: ..." / "HOST: ..." (transcripts,
    headlines). The label (1-4 proper-noun or capitalised words) is the source, the colon the cue
    and the rest of the paragraph the content."""
    out = []
    text = doc.text if text is None else text
    heads = _line_heads(doc, text)
    for h in heads:
        toks = [t for t in doc[h : h + 8] if not t.is_space]
        k = next((j for j, t in enumerate(toks[:6]) if t.text == ":"), None)
        if k is None or k == 0 or any("\n" in t.text_with_ws for t in toks[:k]):
            continue
        label = toks[:k]
        if not all(t.pos_ == "PROPN" or (t.is_alpha and (t.is_upper or t.is_title) and not t.is_stop)
                   or t.text in (".", "-") for t in label) or not label[-1].is_alpha:
            continue
        if any(t.lower_ in kb.quotes.not_labels for t in label):
            continue
        colon = toks[k]
        end_char = text.find("\n", colon.idx)
        end_char = len(text) if end_char < 0 else end_char
        span = doc.char_span(colon.idx + 1, end_char, alignment_mode="contract")
        if span is None or sum(1 for t in span if t.is_alpha) < 3:
            continue
        s, e = _trim(doc, span.start, span.end)
        cue = Cue(colon.i, colon.idx, colon.idx + 1, "speech", label[-1].i)
        out.append(IndirectCandidate(cue, [(s, e)], "quotes.colon.v1"))
    return out


def _clip_to_paragraph(doc, text: str, cand: IndirectCandidate) -> IndirectCandidate | None:
    """Content never runs past the paragraph of its cue (parses do, across blank lines)."""
    cue_at = doc[cand.cue.i].idx
    p_start = text.rfind("\n", 0, cue_at) + 1
    p_end = text.find("\n", cue_at)
    p_end = len(text) if p_end < 0 else p_end
    ranges = []
    for s, e in cand.ranges:
        while s < e and doc[s].idx < p_start:
            s += 1
        while e > s and doc[e - 1].idx >= p_end:
            e -= 1
        s, e = _trim(doc, s, e)
        if e > s:
            ranges.append((s, e))
    if not ranges:
        return None
    cand.ranges = ranges
    return cand


def indirect_candidates(doc, cues: list[Cue], kb, model_frames: dict[int, str] | None = None,
                        text: str | None = None) -> list[IndirectCandidate]:
    """Reported-speech candidates for every cue whose content the parse shows, in cue order.

    Args:
        model_frames: Token index -> frame accepted by the cue model; None to use the frames table.
    """
    found = _candidates(doc, cues, kb, model_frames)
    text = doc.text if text is None else text
    out = []
    for cand in found:
        cand = _clip_to_paragraph(doc, text, cand)
        if cand is not None:
            out.append(cand)
    return out


@dataclass(frozen=True, slots=True)
class _CueSite:
    """A cue with what the content rules need: its token, its clausal complements, the cue
    model's frames (None: use the frames table), sentence lookup and the knowledge."""

    doc: object
    cue: Cue
    tok: object
    comps: list
    model_frames: dict | None
    sents: _Sentences
    kb: object


def according_to(c: _CueSite) -> IndirectCandidate | None:
    """"according to X, CLAUSE" / "CLAUSE, according to X": the sentence minus the phrase
    (at the start, the end, or between commas)."""
    if c.cue.kind != "source_after":
        return None
    doc, tok, cue = c.doc, c.tok, c.cue
    sent = c.sents.of(tok)
    src = doc[cue.source] if cue.source is not None else None
    hole_end = (src.right_edge.i + 1) if src is not None and src.i >= tok.i else tok.i + 2
    ranges = _minus(doc, (sent.start, sent.end), [(tok.i, hole_end)])
    return IndirectCandidate(cue, ranges, "quotes.according.v1") if ranges else None


def as_clause(c: _CueSite) -> IndirectCandidate | None:
    """"Peru will not leave, as the minister said", "As Ruiz noted, CLAUSE": a reporting verb
    in an "as" clause with no complement of its own reports the clause it modifies."""
    tok = c.tok
    if c.cue.kind not in ("speech", "thought", "evidence") or c.comps or c.cue.source is None \
            or tok.dep_ != "advcl" or tok.head.i == tok.i:
        return None
    if not any(m.dep_ == "mark" and m.lower_ == "as" for m in tok.children):
        return None
    if any(x.dep_ in c.kb.lexicon["verb_complement_deps"] for x in tok.children):
        return None  # "as the minister said it would": a complement of its own
    head = tok.head
    ranges = _minus(c.doc, (head.left_edge.i, head.right_edge.i + 1), [(tok.left_edge.i, tok.right_edge.i + 1)])
    return IndirectCandidate(c.cue, ranges, "quotes.parenthetical.v1") if ranges else None


def parenthetical(c: _CueSite) -> IndirectCandidate | None:
    """"A, the ministry said, B." / "A, said Ms Ortiz.": a reporting verb with no clause after it."""
    if c.cue.kind not in ("speech", "thought", "evidence") or not all(x.i < c.tok.i for x in c.comps):
        return None
    ranges = _parenthetical(c.doc, c.cue, c.kb, c.sents)
    return IndirectCandidate(c.cue, ranges, "quotes.parenthetical.v1") if ranges else None


def characterised_as(c: _CueSite) -> IndirectCandidate | None:
    """'X described the plan as a “toy army”', 'the plan was described as a “toy army” by
    X': a characterising verb's "as" phrase holding a quotation is the source's words, active
    or passive (the source is the subject, or the agent)."""
    if c.cue.kind == "source_after":
        return None
    prep = characterisation(c.tok, c.kb.lexicon)
    if prep is None:
        return None
    end, source = prep.right_edge.i + 1, None
    if c.cue.source is None:
        if not c.cue.passive:
            return None
        # "as a “toy army” by X": the parser often hangs the agent on the phrase's noun
        by = next((t for t in prep.subtree if t.dep_ in ("prep", "agent") and t.lower_ == "by"), None)
        source = None if by is None else next((g for g in by.children if g.dep_ == "pobj"), None)
        if source is None:
            return None
        end = by.i
    s, e = _trim(c.doc, prep.i + 1, end)
    if e - s < 1:
        return None
    return IndirectCandidate(c.cue, [(s, e)], "quotes.frame.prep-as.v1", None if source is None else source.i)


def quoted_as_saying(c: _CueSite) -> IndirectCandidate | None:
    """'the agency quoted her as saying “...”', 'X cited an aide as saying ...': the words
    in the "as" phrase are those of the one quoted (the verb's object), not the subject's."""
    if c.cue.passive or c.cue.kind == "source_after" or c.tok.lemma_.lower() not in c.kb.lexicon["quoting_verbs"]:
        return None
    quoted = next((t for t in c.tok.children if t.dep_ == "dobj"), None)
    prep = next((t for t in c.tok.children if t.dep_ == "prep" and t.lower_ == "as" and t.i > c.tok.i), None)
    if quoted is None or prep is None or not any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" and g.lemma_.lower() in c.kb.quotes.verbs for g in prep.children):
        return None  # "cites the census as grounds for a tax": her reading, nobody quoted
    s, e = _trim(c.doc, prep.i + 1, prep.right_edge.i + 1)
    return IndirectCandidate(c.cue, [(s, e)], "quotes.frame.prep-as.v1", quoted.i) if e - s >= 1 else None


def learned_frame(c: _CueSite) -> IndirectCandidate | None:
    """"X urged the council to ...", "X called for ...": the complement named by the cue model's
    frame (or the frames table), for a cue with no clause of its own."""
    if c.comps or c.cue.passive or c.cue.kind == "source_after":
        return None
    tok, kb = c.tok, c.kb
    present = complements(tok, kb.lexicon["frame_prepositions"])
    if c.model_frames is not None:
        frame = c.model_frames.get(tok.i)
    else:
        key = (tok.lemma_.lower(), pos_group(tok))
        frame = next((f for f in kb.quotes.frames.get(key, ()) if f in present), None)
    if frame is None or (c.cue.source is None and c.cue.kind == "frame"):
        return None
    s, e = _trim(c.doc, *present[frame])
    return IndirectCandidate(c.cue, [(s, e)], f"quotes.frame.{frame.replace(':', '-')}.v1") if e - s >= 1 else None


def clausal_complement(c: _CueSite) -> IndirectCandidate | None:
    """"X said (that) CLAUSE", "CLAUSE, X said": the clausal complements; a passive with an
    expletive subject ("it was claimed that ...") takes its source from an outlet phrase."""
    if not c.comps:
        return None
    doc, cue = c.doc, c.cue
    ranges = []
    for x in c.comps:
        s, e = _trim(doc, x.left_edge.i, x.right_edge.i + 1)
        if e - s >= _MIN_TOKENS:
            ranges.append((s, e))
    if not ranges:
        return None
    ranges = _merge_adjacent(doc, sorted(ranges))
    if cue.passive and cue.source is None:
        outlet = _outlet_in_sentence(doc, c.tok, c.kb, ranges, c.sents)
        return IndirectCandidate(cue, sorted(ranges), "quotes.passive.v1", None if outlet is None else outlet.i)
    return IndirectCandidate(cue, sorted(ranges), "quotes.indirect.v1")


def parataxis(c: _CueSite) -> IndirectCandidate | None:
    """"CLAUSE, they say." parsed as parataxis: the head clause minus the cue's own subtree."""
    tok = c.tok
    if c.comps or tok.dep_ != "parataxis" or c.cue.kind not in ("speech", "thought") or tok.head.i == tok.i:
        return None
    head = tok.head
    ranges = _minus(c.doc, (head.left_edge.i, head.right_edge.i + 1), [(tok.left_edge.i, tok.right_edge.i + 1)])
    return IndirectCandidate(c.cue, ranges, "quotes.parenthetical.v1") if ranges else None


#: How a cue's reported content is found, in order; the first rule that finds content wins.
INDIRECT_RULES = rule_table(
    ("quotes.indirect.according_to.v1", according_to),
    ("quotes.indirect.as_clause.v1", as_clause),
    ("quotes.indirect.parenthetical.v1", parenthetical),
    ("quotes.indirect.characterised_as.v1", characterised_as),
    ("quotes.indirect.quoted_as_saying.v1", quoted_as_saying),
    ("quotes.indirect.learned_frame.v1", learned_frame),
    ("quotes.indirect.clausal_complement.v1", clausal_complement),
    ("quotes.indirect.parataxis.v1", parataxis),
)


def _stranded_complement(tok) -> list:
    """'conceded for the second time that CLAUSE', 'said in Lima on Monday that CLAUSE': the parser
    hangs the that-clause on the noun of a phrase between the verb and it; that clause (opened by
    "that" as a marker, not a relative pronoun, with a subject of its own) is the verb's complement."""
    for prep in tok.rights:
        if prep.dep_ not in ("prep", "npadvmod"):
            continue
        for noun in [prep, *prep.subtree]:
            for c in noun.children:
                if c.dep_ in ("relcl", "acl") and c.i > noun.i \
                        and c.left_edge.lower_ == "that" and c.left_edge.dep_ in ("mark", "advmod") \
                        and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                    return [c]
    return []


def _candidates(doc, cues: list[Cue], kb, model_frames) -> list[IndirectCandidate]:
    out = []
    sents = _Sentences(doc)
    for cue in cues:
        tok = doc[cue.i]
        comps = [c for c in tok.children if c.dep_ == "ccomp"] if cue.kind not in ("frame", "source_after") else []
        if not comps and cue.kind in ("speech", "thought", "evidence"):
            comps = _stranded_complement(tok)
        site = _CueSite(doc, cue, tok, comps, model_frames, sents, kb)
        for rule in INDIRECT_RULES:
            cand = rule.func(site)
            if cand is not None:
                out.append(cand)
                break
    return out
