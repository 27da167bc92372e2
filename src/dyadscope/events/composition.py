"""Composition: a governing verb and the clause or event noun it governs become one event.

A verb pattern with an ``embed`` role ("agreed to", "refused to", "urged X to", "held", "ordered")
composes with a controlled clause ("agreed to meet" -> 036) or an event-noun object ("held talks",
"ordered a blockade") into one event whose code comes from ``compose.csv``
(:func:`.ontology.compose`). :data:`COMPOSITION_RULES` then decide, in order, who does what to
whom in the composed event, and record how it was composed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.events import VerbPattern
from ..records import Actor
from ..rules import rule_table
from .attach import DocActors, actor_key, dedup_actors
from .candidate import Candidate
from .nominal import match_noun
from .targets import LEGAL_ROOTS, jurisdiction, pattern_targets, verb_targets


def _has_to(clause) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def _marked_for(clause) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)


def embedded(verb, embed: str, words) -> list[tuple[str, object]]:
    """``("clause" | "noun", token)`` for each controlled clause and event-noun object a
    governing verb may compose with, in the order they are tried."""
    if verb.pos_ == "NOUN":
        # "Peruvian reluctance to sign ...": the infinitive modifying the noun
        return [("clause", c) for c in verb.children if c.dep_ == "acl" and _has_to(c)]
    out = []
    bare = not any(c.dep_ in ("xcomp", "ccomp", "dobj", "attr", "prep") for c in verb.children)
    for c in verb.children:
        if embed == "light" and c.dep_ == "advcl" and _has_to(c):
            out.append(("clause", c))  # "sent inspectors to examine"
        elif bare and embed in ("intend", "refuse", "threaten") and c.dep_ == "advcl" and c.i == verb.i + 2 \
                and verb.doc[verb.i + 1].lower_ == "to" and c.pos_ == "VERB":
            out.append(("clause", c))  # "have vowed to resist": an infinitive complement parsed as an adjunct
        elif c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            out.append(("clause", c))
        elif embed in ("appeal", "demand") and c.dep_ in ("advcl", "ccomp") and c.pos_ == "VERB" and _marked_for(c):
            out.append(("clause", c))  # "pressing for Peru (to) sign ..."
        elif embed == "appeal" and c.dep_ == "prep" and c.lower_ in words["dissuasion_prepositions"]:
            # "warned Peru against deploying troops": asked not to
            out.extend(("clause", p) for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG")
        elif c.dep_ == "ccomp" and c.pos_ == "VERB" and _has_to(c):
            out.append(("clause", c))  # "allowed Chile to land": parsed with Chile as the clause subject
        elif c.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(("noun", c))
        elif c.dep_ == "prep" and c.lower_ in words["event_noun_prepositions"]:
            out.extend(("noun", p) for p in c.children if p.dep_ == "pobj")
    return out


def event_noun(tok, kb):
    """``(token, pattern)`` of the event noun an object phrase stands for: the noun itself, a
    coordinated noun ("launched mortar and rocket fire"), an event noun compounded onto it
    ("mediation efforts"), else the object of its "of" phrase ("a week of naval drills")."""
    np = match_noun(tok, kb)
    if np is not None:
        return tok, np
    for c in tok.conjuncts:
        np = match_noun(c, kb)
        if np is not None:
            return c, np
    for c in tok.children:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            np = match_noun(c, kb)
            if np is not None:
                return c, np
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    np = match_noun(p, kb)
                    if np is not None:
                        return p, np
    return tok, None


@dataclass
class Composition:
    """A governing ``verb`` (with its ``pattern`` and voice) and the ``inner`` candidate of the
    clause or noun ``tok`` it governs; ``code`` is the composed code. Rules change ``inner``."""

    verb: object
    pattern: VerbPattern
    kind: str  # "clause" or "noun"
    tok: object
    inner: Candidate
    code: str
    source: list[Actor]
    patient: list[Actor]
    passive: bool
    kb: object
    dactors: DocActors
    prepared: bool = field(default=False)


def offer_of_another(c: Composition) -> None:
    """"Chile accepted Peruvian mediation", "rejected an Argentine plan": the governor's subject
    accepts or rejects what the noun's own agent offers, so that agent is the target."""
    inner = c.inner
    if c.kind == "noun" and inner.source and c.source and not inner.reciprocal and c.pattern.embed in ("intend", "refuse") \
            and {actor_key(a) for a in inner.source} != {actor_key(a) for a in c.source}:
        inner.target, inner.source = inner.source, c.source


def noun_takes_governor_source(c: Composition) -> None:
    """"the council ordered a blockade": an event noun with no source of its own takes the governor's."""
    if c.kind == "noun" and not c.inner.source and not c.inner.reciprocal:
        c.inner.source = c.source


def noun_parties_include_subject(c: Composition) -> None:
    """"Chile held talks with Peru": the subject is one party of the reciprocal noun."""
    if c.kind == "noun" and c.inner.reciprocal and c.source:
        c.inner.parties = dedup_actors(c.source + c.inner.parties)


def _controls_object(c: Composition) -> bool:
    """Whether the governor's object does the governed act: permission, object control
    ("urged Peru to ..."), or a "for" clause ("pressing for Peru to ...")."""
    return c.pattern.embed == "permit" \
        or (c.kind == "clause" and c.verb.lemma_ in c.dactors.object_control and c.pattern.embed != "light") \
        or (c.kind == "clause" and _marked_for(c.tok))


def object_control(c: Composition) -> None:
    """"Chile allowed Peru to ...", "X urged Y to ...": the governor's source acts on the object
    (the addressee of an appeal or demand, or the subject of a clause the parser split off)."""
    if not _controls_object(c):
        return
    verb, dactors = c.verb, c.dactors
    obj_actors = []
    for ch in verb.children:
        if ch.dep_ in ("dobj", "dative"):
            obj_actors = dactors.phrase_actors(ch)
            if obj_actors:
                break
    if not obj_actors and c.pattern.embed in ("appeal", "demand"):
        obj_actors = pattern_targets(verb, c.pattern, dactors)  # "called on Peru to ..."
    if not obj_actors and (c.tok.dep_ == "ccomp" or _marked_for(c.tok)):
        for ch in c.tok.children:
            if ch.dep_ == "nsubj":
                obj_actors = dactors.phrase_actors(ch)
    if obj_actors:
        c.inner.source, c.inner.target, c.inner.reciprocal, c.inner.parties = c.source, obj_actors, False, []


def clause_takes_governor_source(c: Composition) -> None:
    """"Chile agreed to open the border": a controlled clause with no subject of its own shares
    the governor's (unless the governor's object controls it)."""
    if c.kind == "clause" and c.source and not c.inner.source and not _controls_object(c):
        c.inner.source = c.source


def rallying_opposition(c: Composition) -> None:
    """"called for sanctions against Peru" with no one addressed: soliciting hostile action
    against the target is rallying opposition against it (CAMEO 113, PLOVER ACCUSE)."""
    inner, verb = c.inner, c.verb
    if c.kind == "noun" and c.pattern.embed in ("appeal", "demand") and inner.target and not inner.reciprocal \
            and 14 <= int(inner.code[:2]) <= 20 and not pattern_targets(verb, c.pattern, c.dactors) \
            and not any(ch.dep_ in ("dobj", "dative") for ch in verb.children if ch.i != c.tok.i):
        c.code = "113"


def governor_target(c: Composition) -> None:
    """A composed event with no target takes the governor's: the passive subject, else its
    target rules (:data:`.targets.TARGET_RULES`)."""
    inner = c.inner
    if not inner.target and not inner.reciprocal:
        inner.target = (c.patient if c.passive and c.patient else []) \
            or verb_targets(c.verb, c.pattern, c.dactors, c.kb, code=c.code) or c.patient


def passive_jurisdiction(c: Composition) -> None:
    """A passive legal act with no agent is the act of the state it happens in."""
    if c.passive and not c.inner.source and c.inner.code[:2] in LEGAL_ROOTS:
        c.inner.source = jurisdiction(c.verb, c.dactors)


def governed_chain(c: Composition) -> None:
    """The composed code, and the chain of governing tokens (their negation and auxiliaries
    count for the modality); an event noun becomes the trigger."""
    inner = c.inner
    c.prepared = c.pattern.embed == "prepare" and c.code != inner.code
    if c.pattern.embed in ("appeal", "demand") and c.kind == "clause":
        inner.content.update({inner.trigger.i, *(t.i for t in inner.chain)})  # what is asked for
    inner.code = c.code
    inner.chain = [c.verb, *inner.chain] if c.kind == "clause" else [c.verb]
    if c.kind == "noun":
        inner.trigger, inner.chain = c.tok, [c.verb]


def preparation(c: Composition) -> None:
    """Getting an attack ready is itself the (asserted) event, a show of force: its modality and
    date are the governor's, so the governor becomes the trigger."""
    if c.prepared:
        inner = c.inner
        inner.tokens.update(t.i for t in inner.chain)
        inner.tokens.add(inner.trigger.i)
        inner.trigger, inner.chain = c.verb, []


def provenance(c: Composition) -> None:
    """The rule records both patterns; confidence is the weaker one's, lowered a little."""
    inner = c.inner
    inner.rule = f"{c.pattern.id}+{inner.rule}"
    inner.confidence = min(inner.confidence, c.pattern.confidence) * 0.95
    inner.tokens.update({c.verb.i, c.tok.i})


#: How a composed event is settled, in order.
COMPOSITION_RULES = rule_table(
    ("events.composition.offer_of_another.v1", offer_of_another),
    ("events.composition.noun_takes_governor_source.v1", noun_takes_governor_source),
    ("events.composition.noun_parties_include_subject.v1", noun_parties_include_subject),
    ("events.composition.object_control.v1", object_control),
    ("events.composition.clause_takes_governor_source.v1", clause_takes_governor_source),
    ("events.composition.rallying_opposition.v1", rallying_opposition),
    ("events.composition.governor_target.v1", governor_target),
    ("events.composition.passive_jurisdiction.v1", passive_jurisdiction),
    ("events.composition.governed_chain.v1", governed_chain),
    ("events.composition.preparation.v1", preparation),
    ("events.composition.provenance.v1", provenance),
)


def settle(c: Composition) -> Candidate:
    """Apply :data:`COMPOSITION_RULES` to ``c`` and return the composed candidate."""
    for rule in COMPOSITION_RULES:
        rule.func(c)
    return c.inner
