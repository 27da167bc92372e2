"""Nominal events: event nouns with their parties ("the joint naval drill", "the sale to Iran of
the S-300", "secret meetings in Moscow between Putin and Iranian officials").

The source of a nominal event comes from an actor modifier of the noun (possessive, adjective,
compound: "Russia's sale", "Iranian-Russian talks"), from a "by" phrase, or, when a light or
embedding verb governs the noun ("Putin ordered a military intervention"), from that verb's
subject (handled in :mod:`.verbal`). The target comes from the pattern's prepositions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.events import NounPattern
from ..records import Actor
from .attach import DocActors, dedup_actors

_PARTY_DEPS = {"poss", "compound", "amod", "nmod"}


@dataclass
class Candidate:
    """An event before modality, date and dedup are settled."""

    code: str
    source: list[Actor]
    target: list[Actor]
    trigger: object  # spaCy Token of the main predicate
    chain: list = field(default_factory=list)  # governing tokens that composed the event
    rule: str = ""
    confidence: float = 0.7
    reciprocal: bool = False
    parties: list[Actor] = field(default_factory=list)
    tokens: set = field(default_factory=set)  # token indices the evidence spans
    kind: str = "verb"
    can_recip: bool = False  # the pattern allows pairing coordinated subjects when no target
    reverse: str | None = None  # code of the target's act back to the source (PETRARCH [A:B])


def _modifier_words(tok) -> set[str]:
    words = set()
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            words.add(c.lemma_.lower())
            words.add(c.lower_)
            for cc in c.children:
                if cc.dep_ in ("compound", "amod"):
                    words.add(cc.lower_)
        elif c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    words.add(p.lemma_.lower())
                    words.add(p.lower_)
                    for pc in p.children:
                        if pc.dep_ in ("compound", "amod", "nmod"):
                            words.add(pc.lower_)
                            words.add(pc.lemma_.lower())
                        elif pc.dep_ == "prep" and pc.lower_ == "of":
                            # "the delivery of 1,000 tons of grain": what the measure measures
                            for q in pc.children:
                                if q.dep_ == "pobj":
                                    words.update((q.lower_, q.lemma_.lower()))
                                    words.update(x.lower_ for x in q.conjuncts)
    return words


def match_noun(tok, kb) -> NounPattern | None:
    """The most specific noun pattern for ``tok`` whose conditions hold."""
    patterns = kb.events.nouns.get(tok.lemma_.lower())
    if not patterns:
        return None
    words = None
    for p in patterns:
        if p.mod:
            if words is None:
                words = _modifier_words(tok)
            if not words.intersection(p.mod):
                continue
        return p
    return None


def noun_candidate(tok, pattern: NounPattern, dactors: DocActors, kb=None) -> Candidate:
    """A (possibly incomplete) candidate for the event noun ``tok``."""
    modifiers: list[Actor] = []
    joint = False
    for c in tok.children:
        if c.dep_ in _PARTY_DEPS:
            got = dactors.phrase_actors(c, conj=True)
            modifiers.extend(got)
            if c.lower_ in ("joint", "bilateral", "trilateral", "mutual"):
                joint = True
    source: list[Actor] = []
    target: list[Actor] = []
    between: list[Actor] = []
    by: list[Actor] = []
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() not in kb_nouns(kb):
        # "mediation efforts between X and Y": the phrase's prepositions hang on the head
        preps += [c for c in tok.head.children if c.dep_ == "prep"]
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
            and tok.head.head.lemma_.lower() not in kb_nouns(kb):
        # "70 million dollars of aid for Romania": the measure head carries the phrase's prepositions
        preps += [c for c in tok.head.head.children if c.dep_ == "prep" and c.i != tok.head.i]
    for c in preps:
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if not objs:
            continue
        if c.lower_ == "between" or c.lower_ == "among":
            between.extend(dactors.phrase_actors(objs[0]))
        elif c.lower_ == "by":
            by.extend(dactors.phrase_actors(objs[0]))
        elif c.lower_ in pattern.targets and not target:
            target = dactors.phrase_actors(objs[0])
    parties: list[Actor] = []
    if pattern.reciprocal and (between or (joint and len(modifiers) >= 2) or (len(modifiers) >= 2 and not target)):
        parties = dedup_actors(between + modifiers + by)
    else:
        source = dedup_actors(by or modifiers)
        if between and not target:
            target = between
    tokens = {tok.i}
    for c in tok.children:
        if c.dep_ in _PARTY_DEPS or c.dep_ == "prep":
            tokens.update(t.i for t in c.subtree)
    code, confidence, chain = pattern.cameo, pattern.confidence, []
    gov = _governing_adjective(tok)
    if gov is not None:
        # "close to an agreement": not yet reached -> intent
        from .ontology import compose
        code, chain = (compose(kb.events, "intend", code) if kb is not None else None) or code, [gov]
    if pattern.reciprocal and not parties and not source and not target:
        # "Iran and Russia are close to an agreement": parties from the clause subject
        verb = _clause_verb(tok)
        if verb is not None:
            from .attach import subject_of
            subj, _ = subject_of(verb, dactors)
            if len(subj) >= 2:
                parties, confidence = subj, confidence * 0.85
    return Candidate(
        code=code, source=source, target=target, trigger=tok, chain=chain, rule=pattern.id,
        confidence=confidence, reciprocal=bool(parties), parties=parties, tokens=tokens, kind="noun",
        can_recip=pattern.reciprocal,
    )


def kb_nouns(kb) -> dict:
    return kb.events.nouns if kb is not None else {}


def _governing_adjective(tok):
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in ("close", "near"):
        return tok.head.head
    return None


def _clause_verb(tok):
    """The verb whose object (or complement) ``tok`` is, with no other noun in between."""
    t = tok
    for _ in range(4):
        h = t.head
        if h.i == t.i:
            return None
        if h.pos_ in ("VERB", "AUX"):
            return h
        if h.pos_ in ("NOUN", "PROPN", "PRON"):
            return None
        t = h
    return None
