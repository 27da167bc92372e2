"""Nominal events: event nouns with their parties ("the naval exercise", "the transfer to Peru of
the radar", "talks in Lima between the two foreign ministers").

The source of a nominal event comes from an actor modifier of the noun (possessive, adjective,
compound: "Chile's offer", "Chilean-Peruvian talks"), from a "by" phrase, or, when a light or
embedding verb governs the noun ("the council ordered a blockade"), from that verb's subject
(handled in :mod:`.composition`). The target comes from the pattern's prepositions.
"""

from __future__ import annotations

from ..knowledge.events import NounPattern
from ..records import Actor
from ..rules import rule_table
from .attach import DocActors, dedup_actors, subject_of
from .candidate import Candidate
from .ontology import compose

_PARTY_DEPS = {"poss", "compound", "amod", "nmod"}


def _modifier_words(tok) -> set[str]:
    """Words of the noun's modifiers and of its "of" phrase ("the delivery of 500 tons of rice")."""
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
                            # "the delivery of 500 tons of rice": what the measure measures
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


def _modifier_actors(tok, dactors: DocActors) -> tuple[list[Actor], bool]:
    """Actors of the noun's party modifiers, and whether one of them says "joint"."""
    modifiers: list[Actor] = []
    joint = False
    for c in tok.children:
        if c.dep_ in _PARTY_DEPS:
            modifiers.extend(dactors.phrase_actors(c, conj=True))
            if c.lower_ in dactors.words["joint_modifiers"]:
                joint = True
    return modifiers, joint


def _phrase_preps(tok, kb) -> list:
    """The noun's prepositions, and those of the head it stands under when that head carries no
    event of its own ("mediation efforts between X and Y", "two tonnes of aid for X")."""
    nouns = kb.events.nouns
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() not in nouns:
        preps += [c for c in tok.head.children if c.dep_ == "prep"]
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" \
            and tok.head.head.lemma_.lower() not in nouns:
        # "two tonnes of aid for X": the measure head carries the phrase's prepositions
        preps += [c for c in tok.head.head.children if c.dep_ == "prep" and c.i != tok.head.i]
    return preps


def paired_groups(tok, dactors: DocActors) -> list[tuple[list[Actor], list[Actor]]]:
    """``A and B, C and D`` as the pairs (A, B), (C, D): a coordinated list whose comma-separated
    groups each join two parties ("between Chile and Peru, Bolivia and Peru"); else empty."""
    items = sorted([tok, *tok.conjuncts], key=lambda t: t.i)
    groups: list[list] = []
    for t in items:
        if not groups or (t.i > 0 and t.doc[t.i - 1].text == ","):
            groups.append([])
        groups[-1].append(t)
    if len(groups) < 2 or any(len(g) != 2 for g in groups):
        return []
    pairs = [(dactors.phrase_actors(a, conj=False), dactors.phrase_actors(b, conj=False)) for a, b in groups]
    return pairs if all(a and b for a, b in pairs) else []


def _prepositional_actors(preps, pattern: NounPattern, dactors: DocActors):
    """``(among, by, target)``: actors of "between/among", "by" and the pattern's target phrases."""
    among: list[Actor] = []
    by: list[Actor] = []
    target: list[Actor] = []
    among_words = dactors.words["among_prepositions"]
    for c in preps:
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if not objs:
            continue
        if c.lower_ in among_words:
            among.extend(dactors.phrase_actors(objs[0]))
        elif c.lower_ == "by":
            by.extend(dactors.phrase_actors(objs[0]))
        elif c.lower_ in pattern.targets and not target:
            target = dactors.phrase_actors(objs[0])
    return among, by, target


def _evidence_tokens(tok) -> set[int]:
    tokens = {tok.i}
    for c in tok.children:
        if c.dep_ in _PARTY_DEPS or c.dep_ == "prep":
            tokens.update(t.i for t in c.subtree)
    return tokens


def noun_candidate(tok, pattern: NounPattern, dactors: DocActors, kb) -> Candidate:
    """A (possibly incomplete) candidate for the event noun ``tok``, refined by :data:`NOUN_RULES`."""
    modifiers, joint = _modifier_actors(tok, dactors)
    among, by, target = _prepositional_actors(_phrase_preps(tok, kb), pattern, dactors)
    parties: list[Actor] = []
    source: list[Actor] = []
    if pattern.reciprocal and (among or (joint and len(modifiers) >= 2) or (len(modifiers) >= 2 and not target)):
        parties = dedup_actors(among + modifiers + by)
    else:
        source = dedup_actors(by or modifiers)
        if among and not target:
            target = among
    cand = Candidate(
        code=pattern.cameo, source=source, target=target, trigger=tok, rule=pattern.id,
        confidence=pattern.confidence, reciprocal=bool(parties), parties=parties, tokens=_evidence_tokens(tok),
        kind="noun", can_recip=pattern.reciprocal, armed_code=pattern.armed_cameo,
        pairs=next((g for c in _phrase_preps(tok, kb) if c.lower_ in dactors.words["among_prepositions"]
                    for p in c.children if p.dep_ == "pobj" for g in [paired_groups(p, dactors)] if g), []) if parties else [],
    )
    for rule in NOUN_RULES:
        rule.func(cand, pattern, dactors, kb)
    return cand


def close_to_agreement(cand: Candidate, pattern: NounPattern, dactors: DocActors, kb) -> None:
    """"close to an agreement": the event is not reached yet, an intent (composed as ``intend``)."""
    tok = cand.trigger
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in dactors.words["nearness_adjectives"]:
        cand.code = compose(kb.events, "intend", cand.code) or cand.code
        cand.chain = [tok.head.head]


def clause_subject_parties(cand: Candidate, pattern: NounPattern, dactors: DocActors, kb) -> None:
    """"Chile and Peru are close to an agreement": a reciprocal noun with no parties of its own
    takes the coordinated subject of its clause."""
    if not pattern.reciprocal or cand.parties or cand.source or cand.target:
        return
    verb = _clause_verb(cand.trigger)
    if verb is not None:
        subj, _ = subject_of(verb, dactors)
        if len(subj) >= 2:
            cand.parties, cand.reciprocal, cand.confidence = subj, True, cand.confidence * 0.85


#: Rules refining a noun candidate, in order.
NOUN_RULES = rule_table(
    ("events.nominal.close_to_agreement.v1", close_to_agreement),
    ("events.nominal.clause_subject_parties.v1", clause_subject_parties),
)


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
