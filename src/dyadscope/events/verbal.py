"""Verbal events: verb patterns applied to the dependency parse.

A verb matches the most specific pattern whose conditions (:data:`PATTERN_CONDITIONS`) hold.
Its source is the subject (the "by" agent for passives), its target comes from the target rules
(:mod:`.targets`). The verb's candidate is the first of :data:`VERB_RULES` that gives one: a
reported demand ("X said Y must ..."), a composition with a controlled clause or event noun
(:mod:`.composition`: "agreed to meet" -> 036, "refused to release" -> 1243, "held talks with"),
or the pattern's own code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..knowledge.events import VerbPattern
from ..records import Actor
from ..rules import rule_table
from .attach import DocActors, actor_key, agent_of, dedup_actors, subject_of
from .candidate import Candidate
from .composition import Composition, embedded, event_noun, settle
from .nominal import _modifier_actors, noun_candidate
from .ontology import compose
from .targets import LEGAL_ROOTS, jurisdiction, objects, phrase_preps, verb_targets

# Inflections the lemmatizer sometimes leaves on rare verbs, with what restores the stem.
_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", ""))


def verb_key(tok, verbs) -> str | None:
    """The dictionary lemma of ``tok``: its spaCy lemma, else a naive stem of the form (the
    lemmatizer misses rare verbs: "cordoned" -> "cordone")."""
    lemma = tok.lemma_.lower()
    if lemma in verbs:
        return lemma
    form = tok.lower_
    for suffix, add in _SUFFIXES:
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)] + add
            if stem in verbs:
                return stem
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs:
                return stem[:-1]  # "cancelled", "shipping"
    return None


def _subject_words(verb) -> set[str]:
    """Lemmas and forms of the subject phrase: its head, the head's modifiers and the object of
    its "of" phrase ("the first deployment of UN monitoring teams")."""
    words: set[str] = set()
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while verb.dep_ == "conj" and not heads and verb.head.i != verb.i:
        verb = verb.head
        heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for h in heads:
        phrase = [h] + [p for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        for x in phrase:
            words.update((x.lemma_.lower(), x.lower_))
            words.update(c.lower_ for c in x.children if c.dep_ in ("compound", "amod", "nmod"))
    return words


def _marked_clause(verb, mark: str):
    """A clause of ``verb`` introduced by ``mark`` ("pressing for Peru to sign ...")."""
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == mark for m in c.children):
            return c
    return None


def part_of_speech(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """Verb patterns match verbs; ``pos: ADJ/NOUN`` patterns match predicate adjectives and nouns."""
    return p.pos == (verb.pos_ if verb.pos_ in ("ADJ", "NOUN") else "VERB")


def coordinated_subject(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``compound`` patterns ("X and Y agree") need two or more subject actors."""
    return not p.compound or len(subject_of(verb, dactors)[0]) >= 2


def subject_words(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``subj``: who acts decides what the act is ("monitors arrived" is a deployment)."""
    return not p.subj or bool(_subject_words(verb).intersection(p.subj))


def particle(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``prt``: a particle or preposition right on the verb ("pulled out")."""
    return not p.prt or any(c.dep_ in ("prt", "prep") and c.lower_ == p.prt for c in verb.children)


def no_particle(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``bare`` (generated patterns): the one-word verb only, not a phrasal verb built on it."""
    return not p.bare or not any(c.dep_ == "prt" for c in verb.children)


def preposition(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``prep``: a required preposition, on the verb, nested in its phrases, or introducing a
    clause ("pressing for Peru to ...")."""
    if not p.prep:
        return True
    return any(c.dep_ in ("prep", "dative") and c.lower_ == p.prep for c in verb.children) \
        or next(phrase_preps(verb, p.prep), None) is not None or _marked_clause(verb, p.prep) is not None


def object_words(verb, p: VerbPattern, dactors: DocActors) -> bool:
    """``obj``: words of the object, its modifiers, a topic preposition's object or a complement
    clause; ``_actor``: an object phrase holding an actor ("limiting Peru's fishing fleet");
    ``_any``: any object or complement clause ("the vote demonstrates that ...", not the
    intransitive "students demonstrated")."""
    if not p.obj:
        return True
    if "_any" in p.obj and any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children):
        return True
    objs = objects(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not objs and verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        objs = [verb.head]  # "rebels backed by Peru": the participle's head is what it acts on
    topic = dactors.words["topic_prepositions"]
    objs = objs + [o for c in verb.children if c.dep_ == "prep" and c.lower_ in topic for o in c.children if o.dep_ == "pobj"]
    objs = objs + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "acomp")]
    words = set()
    for o in objs:
        for x in (o, *o.conjuncts):
            words.update((x.lemma_.lower(), x.lower_))
            words.update(c.lower_ for c in x.children if c.dep_ in ("compound", "amod", "nmod"))
            words.update(c.lower_ for cj in x.conjuncts for c in cj.children if c.dep_ in ("compound", "amod", "nmod"))
    if words.intersection(p.obj):
        return True
    return "_actor" in p.obj and any(o.dep_ in ("dobj", "dative") and dactors.phrase_actors(o) for o in objs)


#: Conditions a verb pattern's entry may set; a pattern matches when all hold.
PATTERN_CONDITIONS = rule_table(
    ("events.verbal.part_of_speech.v1", part_of_speech),
    ("events.verbal.coordinated_subject.v1", coordinated_subject),
    ("events.verbal.subject_words.v1", subject_words),
    ("events.verbal.particle.v1", particle),
    ("events.verbal.no_particle.v1", no_particle),
    ("events.verbal.preposition.v1", preposition),
    ("events.verbal.object_words.v1", object_words),
)


def match_verb(verb, kb, dactors: DocActors) -> VerbPattern | None:
    """The most specific verb pattern for ``verb`` whose conditions hold."""
    key = verb_key(verb, kb.events.verbs)
    for p in kb.events.verbs.get(key, ()) if key else ():
        for cond in PATTERN_CONDITIONS:
            if not cond.func(verb, p, dactors):
                break
        else:
            return p
    return None


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb with its matched pattern and voice, and what candidate search needs around it."""

    verb: object
    pattern: VerbPattern
    source: list[Actor]
    patient: list[Actor]  # the passive subject (a target), else empty
    passive: bool
    kb: object
    dactors: DocActors
    consumed: set
    depth: int


def _voice(verb, pattern: VerbPattern, dactors: DocActors) -> tuple[list[Actor], list[Actor], bool]:
    """``(source, patient, passive)``: subject and "by" agent sorted into who acts and who undergoes."""
    if verb.pos_ == "NOUN":
        subj, passive = dactors.phrase_actors(verb), False
    else:
        subj, passive = subject_of(verb, dactors)
        if not passive and any(c.dep_ == "auxpass" for c in verb.children) and agent_of(verb, dactors):
            passive = True  # "... and was welcomed by Peru": a conjoined passive sharing the subject
    if passive and pattern.embed in ("intend", "refuse", "future") and not agent_of(verb, dactors):
        passive = False  # stative "is committed to", "was determined to"
    if not passive:
        return subj, [], False
    return agent_of(verb, dactors) or instrument_agent(verb, pattern, dactors), subj, True


def _attack_noun(tok, dactors: DocActors) -> bool:
    force = dactors.words["force_roots"]
    return any(p.cameo[:2] in force or (p.armed_cameo or "")[:2] in force
               for p in dactors._event_nouns.get(tok.lemma_.lower(), ()))


def instrument_agent(verb, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    """"Two Peruvian soldiers were killed in a Chilean drone strike": a passive act of force with
    no "by" agent, done in an attack named by an event noun of force, is the act of whoever that
    noun's modifiers name (the strike's agent)."""
    if (pattern.cameo or "")[:2] not in dactors.words["force_roots"]:
        return []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in dactors.words["instrument_prepositions"]:
            for p in c.children:
                if p.dep_ == "pobj" and _attack_noun(p, dactors):
                    got = dedup_actors(_modifier_actors(p, dactors)[0])
                    if got:
                        return got
    return []


def verb_candidate(verb, kb, dactors: DocActors, consumed: set[int], *, depth: int = 0) -> Candidate | None:
    """The event of ``verb``: the first of :data:`VERB_RULES` that gives a candidate."""
    pattern = match_verb(verb, kb, dactors)
    if pattern is None:
        return None
    source, patient, passive = _voice(verb, pattern, dactors)
    pred = Predicate(verb, pattern, source, patient, passive, kb, dactors, consumed, depth)
    for rule in VERB_RULES:
        cand = rule.func(pred)
        if cand is not None:
            return cand
    return None


def reported_demand(pred: Predicate) -> Candidate | None:
    """"X said (that) Y must/should Z" is X's demand on Y (CAMEO 10x: the demanded act composed
    when it has a pattern, else 100). Also "Y must be ready to ..." (the copula carries the modal)
    and a speech noun's that-clause ("issued a firm reminder to Peru that it must ...")."""
    verb, pattern, dactors = pred.verb, pred.pattern, pred.dactors
    if pattern.embed not in ("report", "light") or pred.depth != 0:
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if pattern.embed == "light":
        clauses += [c for o in objects(verb) for c in o.children if c.dep_ in ("acl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    modals = dactors.words["demand_modals"]
    for c in clauses:
        if not any(a.dep_ == "aux" and a.lower_ in modals for a in c.children):
            continue
        addressee = []
        for s in c.children:
            if s.dep_ in ("nsubj", "nsubjpass"):
                addressee = dactors.phrase_actors(s)
        if not addressee and c.head.i != verb.i:
            addressee = dactors.prep_actors(verb, ["to"]) or dactors.prep_actors(c.head, ["to"])
        source, passive = subject_of(verb, dactors)
        if not addressee or not source or passive:
            return None
        return _demand(pred, c, source, addressee)
    return None


def _demand(pred: Predicate, clause, source: list[Actor], addressee: list[Actor]) -> Candidate:
    """The demand of ``source`` on ``addressee`` that ``clause`` states."""
    kb, verb = pred.kb, pred.verb
    head = clause
    if clause.lemma_ == "be":
        head = next((a for a in clause.children if a.dep_ in ("acomp", "attr")), clause)
    inner = verb_candidate(head, kb, pred.dactors, pred.consumed, depth=1) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    code = compose(kb.events, "demand", inner.code) if inner is not None else None
    pred.consumed.update({clause.i, head.i})
    # the demand is the speech act itself: its modality is the reporting verb's ("must not" is content)
    return Candidate(code=code or "100", source=source, target=addressee, trigger=verb, chain=[],
                     rule=f"{pred.pattern.id}+must" + (f"+{inner.rule}" if inner is not None and code else ""),
                     confidence=pred.pattern.confidence * 0.85, tokens={verb.i, clause.i})


def composed(pred: Predicate) -> Candidate | None:
    """The governor composed with the first clause or event noun it embeds that composes
    (:mod:`.composition`)."""
    pattern, kb = pred.pattern, pred.kb
    if not pattern.embed or pred.depth >= 3:
        return None
    for kind, tok in embedded(pred.verb, pattern.embed, pred.dactors.words):
        if kind == "clause":
            inner = verb_candidate(tok, kb, pred.dactors, pred.consumed, depth=pred.depth + 1)
        elif pattern.embed == "report":
            continue  # "told a meeting": a report composes with clauses only
        else:
            tok, np = event_noun(tok, kb)
            inner = noun_candidate(tok, np, pred.dactors, kb) if np else None
        if inner is None:
            continue
        code = compose(kb.events, pattern.embed, inner.code)
        if code is None:
            continue
        pred.consumed.add(tok.i)
        return settle(Composition(pred.verb, pattern, kind, tok, inner, code, pred.source, pred.patient,
                                  pred.passive, kb, pred.dactors))
    return None


def own_code(pred: Predicate) -> Candidate | None:
    """The pattern's own code, with the target from the target rules; a reciprocal pattern with
    no target pairs coordinated subjects ("Chile and Peru met") or takes a "with" phrase."""
    verb, pattern, dactors = pred.verb, pred.pattern, pred.dactors
    if pattern.cameo is None:
        return None
    if pattern.embed not in (None, "light", "report", "future"):
        # "threatened to deliver blows": the controlled clause is not asserted on its own
        pred.consumed.update(c.i for c in verb.children if c.dep_ == "xcomp")
    source = pred.source
    target = pred.patient if pred.passive and pred.patient else verb_targets(verb, pattern, dactors, pred.kb)
    if pred.passive and not source and pattern.cameo[:2] in LEGAL_ROOTS:
        source = jurisdiction(verb, dactors)
    cand = Candidate(code=pattern.cameo, source=source, target=target, trigger=verb, rule=pattern.id,
                     confidence=pattern.confidence, tokens={verb.i}, can_recip=pattern.reciprocal,
                     reverse=pattern.reverse)
    if pattern.reciprocal and not target:
        if len(source) >= 2:
            cand.reciprocal, cand.parties, cand.source = True, source, []
        else:
            # "X met Y's president", "X and Y's leaders met": parties from a "with" phrase
            cand.target = dactors.prep_actors(verb, ["with", "between"]) or cand.target
    return cand


def _same_party(a: list[Actor], b: list[Actor]) -> bool:
    """Whether two actor lists name the same party (the same actors, or the same countries)."""
    keys = lambda xs: {actor_key(x) for x in xs}  # noqa: E731
    countries = lambda xs: {x.country for x in xs}  # noqa: E731
    return bool(a and b) and (keys(a) == keys(b) or (None not in countries(a) and countries(a) == countries(b)))


def _warned_act(pred: Predicate, clause, source: list[Actor]) -> tuple[Candidate | None, str | None]:
    """The act a warning's clause announces and whose it is: ``own`` when the warner announces
    what it will do ("warned that it would retaliate", whatever the act), ``other`` for another
    actor's hostile act ("warned that Peru was arming ..."), else None."""
    inner = verb_candidate(clause, pred.kb, pred.dactors, set(pred.consumed), depth=pred.depth + 1)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    words = pred.dactors.words
    ahead = any(a.dep_ == "aux" and (a.lower_ in words["future_auxiliaries"] or a.lower_ == "would") for a in clause.children)
    if (inner is not None and _same_party(inner.source, source)) or (
            (inner is None or not inner.source) and subject is not None and subject.lower_ in pred.dactors.reporter_pronouns):
        return inner, ("own" if ahead or inner is not None and inner.code[:2].isdigit() and int(inner.code[:2]) >= 13 else None)
    if inner is not None and inner.code[:2].isdigit() and int(inner.code[:2]) >= 13 and inner.source:
        return inner, "other"
    return None, None


def warning(pred: Predicate) -> Candidate | None:
    """A warning (``embed: warn``) is a threat only when the warner announces its own hostile act
    ("warned Peru that it would strike its ports": THREATEN, 13x composed with the act). Telling
    someone (not) to act is an appeal ("warned Peru not to deploy troops", "... against
    deploying"); a warning that another actor is acting against someone is an accusation of that
    actor (111); a warning addressed to someone with no act is an appeal to them (020); a warning
    about a situation ("warned of a humanitarian catastrophe") is a statement, no event (010).
    The event is the warning itself: its trigger, modality and date are the warning verb's."""
    verb, pattern, kb, dactors = pred.verb, pred.pattern, pred.kb, pred.dactors
    if pattern.embed != "warn" or pred.passive:
        return None
    appeal = composed(replace(pred, pattern=replace(pattern, embed="appeal")))
    if appeal is not None:
        return appeal
    addressee = next((a for c in verb.children if c.dep_ in ("dobj", "dative") for a in [dactors.phrase_actors(c)] if a), [])
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        inner, whose = _warned_act(pred, clause, pred.source)
        if whose is None:
            continue
        own = whose == "own"
        code = (compose(kb.events, "threaten", inner.code) if inner is not None else None) if own else "111"
        target = ((inner.target if inner else dactors.prep_actors(clause, kb.events.recipient_preps)) or addressee) \
            if own else (inner.source or addressee)
        if own:
            pred.consumed.update(t.i for t in clause.subtree if t.pos_ in ("VERB", "AUX"))
        return Candidate(code=code or "130", source=pred.source, target=target, trigger=verb,
                         rule=f"{pattern.id}+{inner.rule if inner else clause.lemma_}+{whose}",
                         confidence=pattern.confidence * 0.85, tokens={verb.i, clause.i})
    return Candidate(code="020" if addressee else "010", source=pred.source, target=addressee, trigger=verb,
                     rule=pattern.id, confidence=pattern.confidence * 0.8, tokens={verb.i})


#: How a matched verb becomes a candidate; the first rule that gives one wins.
VERB_RULES = rule_table(
    ("events.verbal.warning.v1", warning),
    ("events.verbal.reported_demand.v1", reported_demand),
    ("events.verbal.composed.v1", composed),
    ("events.verbal.own_code.v1", own_code),
)
