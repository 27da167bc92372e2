"""Targets of verbal events: whom a predicate is directed at, as an ordered table of named rules.

:data:`TARGET_RULES` is tried in order and the first rule that finds actors wins: the terms of a
threat, the pattern's own slots, the subject of a demanded clause, the fallback recipient
prepositions (``knowledge/data/events/recipient_prepositions.jsonl``, in file order), the object
phrase, prepositions nested in it, the act a verb governs, and last the subject of a clause the
verb introduces. Also here: the subject of a refusal's terms and the target of a protest.
"""

from __future__ import annotations

from ..knowledge.events import VerbPattern
from ..records import Actor
from ..rules import rule_table
from .attach import DocActors, actor_key
from .candidate import Candidate

_OBJ_DEPS = ("dobj", "attr", "oprd")
_PETRARCH_PATTERN = "petr."  # id prefix of patterns read from a PETRARCH/TABARI verb dictionary
# Investigations, legal actions and coercion: with no agent, the state where they happen acts.
LEGAL_ROOTS = {"09", "17"}


def objects(verb) -> list:
    """The verb's object tokens (direct object, attribute, object predicate)."""
    return [c for c in verb.children if c.dep_ in _OBJ_DEPS]


def subject_actors(clause, dactors: DocActors) -> list[Actor]:
    """Actors of the first subject of ``clause`` that has any."""
    for s in clause.children:
        if s.dep_ in ("nsubj", "nsubjpass"):
            got = dactors.phrase_actors(s)
            if got:
                return got
    return []


def _marked_by(clause, marks) -> bool:
    return any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)


def phrase_preps(verb, role: str):
    """Prepositions ``role`` nested in the verb's noun and prepositional phrases (not in clauses)."""
    stack = [c for c in verb.children if c.dep_ in ("prep", "dobj", "pobj")]
    while stack:
        t = stack.pop()
        if t.dep_ == "prep" and t.lower_ == role and t.head.i != verb.i:
            yield t
        # "the roads leading into Mordor": participles modifying an object are followed too
        stack.extend(c for c in t.children if c.dep_ in ("prep", "pobj", "dobj")
                     or (c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")))


def jurisdiction(verb, dactors: DocActors) -> list[Actor]:
    """"was detained in Chile", "has been placed under inquiry in Peru": a passive legal or
    coercive act with no agent is the act of the state it happens in (a state or its government
    only, never a city or a person)."""
    for p in [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"] + list(phrase_preps(verb, "in")):
        for o in p.children:
            if o.dep_ == "pobj":
                got = dactors.phrase_actors(o)
                if got and all(a.country and (a.code == a.country or (a.code or "").endswith("GOV")) for a in got):
                    return got
    return []


def _verbal(code: str | None) -> bool:
    """Whether a CAMEO code is a verbal act (roots 01-05 and 09-13): saying something about
    something, rather than doing it."""
    return bool(code) and code[:2].isdigit() and (1 <= int(code[:2]) <= 5 or 9 <= int(code[:2]) <= 13)


def object_preps(o, roles, pattern: VerbPattern, dactors: DocActors) -> list[str]:
    """The prepositions of ``roles`` inside the object ``o`` that can give the verb's target: for
    a verbal act commenting on an event noun, only those the noun leaves to its commenter
    (:meth:`.attach.DocActors.own_preps`: "condemned the blockade of Peru" does not condemn
    Peru); all for a verb that composes with its object ("threatened action against Peru") or
    acts itself ("mobilized reservists for a war against Peru")."""
    return dactors.own_preps(o, roles) if not pattern.embed and _verbal(pattern.cameo) else list(roles)


def pattern_targets(verb, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    """Actors of the first filled target slot the pattern lists (object, dative, prepositions)."""
    for role in pattern.targets:
        got = _object_slot(verb, role, pattern, dactors) if role in ("dobj", "dative") \
            else _preposition_slot(verb, role, pattern, dactors)
        if got:
            return got
    return []


def _object_slot(verb, role: str, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    for c in verb.children:
        if not (c.dep_ == role or (role == "dobj" and c.dep_ in ("attr", "oprd"))):
            continue
        if c.dep_ == "dative" and c.pos_ == "ADP":
            # "provide aid for Peru": a prepositional dative
            got = next((a for p in c.children if p.dep_ == "pobj" for a in [dactors.phrase_actors(p)] if a), [])
            if got:
                return got
            continue
        got = dactors.phrase_actors(c)
        if got:
            return got
        # "ties with Gondor", "positions of the army"
        got = dactors.prep_actors(c, object_preps(c, [r for r in pattern.targets if r not in ("dobj", "dative")], pattern, dactors))
        if got:
            return got
    return []


def _preposition_slot(verb, role: str, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    got = dactors.prep_actors(verb, [role])
    if got:
        return got
    for o in objects(verb):
        got = dactors.prep_actors(o, object_preps(o, [role], pattern, dactors))
        if got:
            return got
    for p in phrase_preps(verb, role):
        got = dactors.prep_actors(p.head, object_preps(p.head, [role], pattern, dactors))
        if got:
            return got
    return []


def threat_terms(verb, pattern, dactors, fallback) -> list[Actor]:
    """"threatened to strike unless Peru withdrew": the threat is aimed at the subject of its terms."""
    if pattern.embed != "threaten":
        return []
    marks = dactors.words["conditional_marks"]
    for h in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
        for c in h.children:
            if c.dep_ == "advcl" and _marked_by(c, marks):
                got = subject_actors(c, dactors)
                if got:
                    return got
    return []


def pattern_slots(verb, pattern, dactors, fallback) -> list[Actor]:
    """The slots the pattern names (``targets`` in verbs.jsonl)."""
    return pattern_targets(verb, pattern, dactors)


def demanded_clause_subject(verb, pattern, dactors, fallback) -> list[Actor]:
    """"demanded that Chile cancel ...": an appeal or demand is addressed to the clause subject."""
    if pattern.embed not in ("appeal", "demand"):
        return []
    for c in verb.children:
        if c.dep_ == "ccomp":
            got = subject_actors(c, dactors)
            if got:
                return got
    return []


def recipient_prepositions(verb, pattern, dactors, fallback) -> list[Actor]:
    """The verb's own prepositions that usually introduce a recipient ("protested to Peru")."""
    return dactors.prep_actors(verb, fallback)


def _mover_countries(verb, dactors: DocActors) -> set[str]:
    """Countries of the subject of a dispatch verb (lexicon ``dispatch_verbs``), through the verbs
    controlling it ("pledged to pull its troops out"); empty for other verbs."""
    if verb.lemma_ not in dactors.words["dispatch_verbs"]:
        return set()
    clause = verb
    got = subject_actors(clause, dactors)
    while not got and clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
        got = subject_actors(clause, dactors)
    return {a.country for a in got if a.country}


def _moved_own(o, movers: set[str], dactors: DocActors) -> bool:
    """Whether the object ``o`` of a dispatch verb is the mover's own (troops, navy, the state)."""
    got = dactors.phrase_actors(o)
    return bool(movers and got) and all(a.country in movers for a in got)


def dispatch_purpose(verb, pattern, dactors, fallback) -> list[Actor]:
    """"sent its troops to help Peru": a dispatch verb that moves the mover's own forces takes its
    target from the purpose it states (an infinitive clause: its recipient prepositions or
    objects), the forces being what is moved (issue 11: cross-border events coded within one
    state)."""
    movers = _mover_countries(verb, dactors)
    if not any(_moved_own(o, movers, dactors) for o in objects(verb)):
        return []
    for x in verb.children:
        if x.dep_ in ("xcomp", "advcl") and x.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children):
            got = dactors.prep_actors(x, fallback) or next(
                (a for o in objects(x) for a in [dactors.phrase_actors(o)] if a), [])
            got = [a for a in got if a.country not in movers]
            if got:
                return got
    return []


def object_phrase(verb, pattern, dactors, fallback) -> list[Actor]:
    """The object phrase, or a recipient preposition inside it ("restored ties with Gondor"); not
    the mover's own forces as the object of a dispatch verb ("sent its troops"), which are what
    is moved."""
    movers = _mover_countries(verb, dactors)
    for o in objects(verb):
        if _moved_own(o, movers, dactors):
            continue
        got = dactors.phrase_actors(o) or dactors.prep_actors(o, object_preps(o, fallback, pattern, dactors))
        if got:
            return got
    return []


def nested_prepositions(verb, pattern, dactors, fallback) -> list[Actor]:
    """Recipient prepositions deeper in the verb's phrases ("sent ships along the coast of Peru")."""
    for role in fallback:
        for p in phrase_preps(verb, role):
            got = dactors.prep_actors(p.head, object_preps(p.head, [role], pattern, dactors))
            if got:
                return got
    return []


def governed_act(verb, pattern, dactors, fallback) -> list[Actor]:
    """"threatened to deliver heavy blows to X": the target of the act the verb governs."""
    for x in verb.children:
        if x.dep_ == "xcomp" and x.pos_ in ("VERB", "AUX"):
            got = dactors.prep_actors(x, fallback) or next(
                (a for o in objects(x) for a in [dactors.phrase_actors(o)] if a), [])
            if got:
                return got
    return []


def introduced_clause_subject(verb, pattern, dactors, fallback) -> list[Actor]:
    """"allowed that Mordor isn't ...", "voiced hopes that Peru could ...": the clause's subject
    (not for reports, whose clause is content)."""
    if pattern.embed == "report":
        return []
    clauses = list(verb.children) + [c for o in objects(verb) for c in o.children if c.dep_ in ("ccomp", "acl")]
    for c in clauses:
        if c.dep_ in ("ccomp", "acl") and _marked_by(c, ("that",)) or c.dep_ == "ccomp":
            got = subject_actors(c, dactors)
            if got:
                return got
    return []


#: Where a verbal event's target comes from, in order; the first rule that finds actors wins.
TARGET_RULES = rule_table(
    ("events.targets.threat_terms.v1", threat_terms),
    ("events.targets.pattern_slots.v1", pattern_slots),
    ("events.targets.demanded_clause_subject.v1", demanded_clause_subject),
    ("events.targets.recipient_prepositions.v1", recipient_prepositions),
    ("events.targets.dispatch_purpose.v1", dispatch_purpose),
    ("events.targets.object_phrase.v1", object_phrase),
    ("events.targets.nested_prepositions.v1", nested_prepositions),
    ("events.targets.governed_act.v1", governed_act),
    ("events.targets.introduced_clause_subject.v1", introduced_clause_subject),
)


def verb_targets(verb, pattern: VerbPattern, dactors: DocActors, kb, *, code: str | None = None) -> list[Actor]:
    """The target actors of ``verb`` under ``pattern`` (:data:`TARGET_RULES`); ``code`` is the
    event's code when it is not the pattern's (a composed event).

    Talks (CAMEO root 04) are about their object and their topic phrases ("held talks on Peru",
    "Chile and Bolivia discussed Peru"): those name no recipient unless the pattern says so.
    Issue 11, item 3: a place phrase ("in Lima", lexicon ``place_prepositions``) names a target
    only of force (CAMEO 15-20); elsewhere it is where the act happens. Patterns read from a
    PETRARCH/TABARI dictionary (``--verbs``) keep that coder's convention, which takes the first
    actor of the verb's phrases, a place included, as the target."""
    fallback = [r for r in kb.events.recipient_preps if r not in pattern.targets]
    root = (code or pattern.cameo or "")[:2]
    if not (root.isdigit() and 15 <= int(root) <= 20) and not pattern.id.startswith(_PETRARCH_PATTERN):
        # a place is a target only of force
        fallback = [r for r in fallback if r not in dactors.words["place_prepositions"]]
    talks = root == "04"
    if talks:
        fallback = [r for r in fallback if r not in dactors.words["topic_prepositions"]]
    for rule in TARGET_RULES:
        if talks and rule.func is object_phrase:
            continue
        got = rule.func(verb, pattern, dactors, fallback)
        if got:
            return got
    return []


def protest_target(cand: Candidate, dactors: DocActors) -> list[Actor]:
    """The target named by a protest's purpose: the first actor (other than the protesters) in a
    purpose clause ("to demand the release of X", "to voice anger at X's tariffs") or an
    "in protest of/against" phrase of the predicate."""
    own = {actor_key(a) for a in cand.source}
    protest_nouns = dactors.words["protest_nouns"]
    for h in (cand.trigger, *cand.chain):
        for c in h.children:
            purpose = c.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            protest = c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lemma_ in protest_nouns for p in c.children)
            if not (purpose or protest):
                continue
            for t in c.subtree:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == c.i:
                    continue
                got = [a for a in dactors.phrase_actors(t) if actor_key(a) not in own] if t.i in dactors.by_token else []
                if got:
                    return got
    return []


def terms_subject(cand: Candidate, dactors: DocActors) -> list[Actor]:
    """Actors of the subject of an "until"/"unless"/"if" clause on the event's predicate or its
    governors ("won't sign the treaty until Peru pays": Peru)."""
    marks = dactors.words["terms_marks"]
    for h in (cand.trigger, *cand.chain):
        for c in h.children:
            if c.dep_ == "advcl" and _marked_by(c, marks):
                got = subject_actors(c, dactors)
                if got:
                    return got
    return []
