"""Verbal events: verb patterns applied to the dependency parse.

A verb matches the most specific pattern whose conditions hold (particle, object lemma,
preposition). Its source is the subject (the "by" agent for passives), its target the first
filled slot the pattern lists (direct object, dative, or a preposition's object, also looked up
on the object noun: "restored ties with Gondor"). A verb with an ``embed`` role composes with a
controlled clause ("agreed to meet" -> 036, "refused to release" -> 1243) or with an event noun
object ("held talks with", "ordered a military intervention in") into one event.
"""

from __future__ import annotations

from ..knowledge.events import VerbPattern
from ..records import Actor
from .attach import OBJECT_CONTROL, DocActors, actor_key, agent_of, dedup_actors, subject_of
from .nominal import Candidate, match_noun, noun_candidate
from .ontology import compose

_OBJ_DEPS = ("dobj", "attr", "oprd")
# Tried after a pattern's own target slots: prepositions that usually introduce the recipient.
_FALLBACK_PREPS = ("against", "with", "between", "among", "to", "on", "at", "toward", "towards", "into", "from", "in", "of", "about")
_MODAL_DEMAND = {"must", "should"}
_HOSTILE_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


def _objects(verb):
    return [c for c in verb.children if c.dep_ in _OBJ_DEPS]


def verb_key(tok, verbs) -> str | None:
    """The dictionary lemma of ``tok``: its spaCy lemma, else a naive stem of the form (the
    lemmatizer misses rare verbs: "cordoned" -> "cordone")."""
    lemma = tok.lemma_.lower()
    if lemma in verbs:
        return lemma
    form = tok.lower_
    for suffix, add in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)] + add
            if stem in verbs:
                return stem
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs:
                return stem[:-1]  # "cancelled", "shipping"
    return None


def match_verb(verb, kb, dactors: DocActors) -> VerbPattern | None:
    """The most specific verb pattern for ``verb`` whose conditions hold."""
    key = verb_key(verb, kb.events.verbs)
    patterns = kb.events.verbs.get(key) if key else None
    if not patterns:
        return None
    pos = verb.pos_ if verb.pos_ in ("ADJ", "NOUN") else "VERB"
    for p in patterns:
        if p.pos != pos:
            continue
        if p.compound and len(subject_of(verb, dactors)[0]) < 2:
            continue
        if p.subj and not _subject_words(verb).intersection(p.subj):
            continue
        if p.prt and not any(c.dep_ in ("prt", "prep") and c.lower_ == p.prt for c in verb.children):
            continue
        if p.prep and not any(c.dep_ in ("prep", "dative") and c.lower_ == p.prep for c in verb.children) \
                and next(_phrase_preps(verb, p.prep), None) is None and _marked_clause(verb, p.prep) is None:
            continue
        if p.obj:
            objs = _objects(verb) or [c for c in verb.children if c.dep_ == "nsubjpass"]
            objs = objs + [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "for", "about", "over") for p in c.children if p.dep_ == "pobj"]
            objs = objs + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "acomp")]
            ok = False
            words = set()
            for o in objs:
                for x in (o, *o.conjuncts):
                    words.update((x.lemma_.lower(), x.lower_))
                    words.update(c.lower_ for c in x.children if c.dep_ in ("compound", "amod", "nmod"))
                    words.update(c.lower_ for cj in x.conjuncts for c in cj.children if c.dep_ in ("compound", "amod", "nmod"))
            if words.intersection(p.obj):
                ok = True
            for o in objs:
                if "_actor" in p.obj and o.dep_ in ("dobj", "dative") and dactors.phrase_actors(o):
                    ok = True
                if o.lemma_.lower() in p.obj or o.lower_ in p.obj:
                    ok = True
            if not ok:
                continue
        return p
    return None


# Investigations, legal actions and coercion: with no agent, the state where they happen acts.
_LEGAL_ROOTS = {"09", "17"}


def _jurisdiction(verb, dactors: DocActors) -> list[Actor]:
    """"was arrested in Lebanon", "has been put under investigation in Italy": a passive legal or
    coercive act with no agent is the act of the state it happens in (a state or its government
    only, never a city or a person)."""
    for p in [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"] + list(_phrase_preps(verb, "in")):
        for o in p.children:
            if o.dep_ == "pobj":
                got = dactors.phrase_actors(o)
                if got and all(a.country and (a.code == a.country or (a.code or "").endswith("GOV")) for a in got):
                    return got
    return []


def _marked_clause(verb, mark: str):
    """A clause of ``verb`` introduced by ``mark`` ("pushing for the US to support ...")."""
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == mark for m in c.children):
            return c
    return None


def _subject_words(verb) -> set[str]:
    """Lemmas and forms of the subject phrase: its head, the head's modifiers and the object of
    its "of" phrase ("the first deployment of NATO peacekeeping troops")."""
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


def _condition_subject(verb, dactors: DocActors) -> list[Actor]:
    """Actors of the subject of an "unless"/"if" clause on ``verb`` or its infinitive ("threatened
    to strike unless Israel rescinded ...": the one the threat is aimed at)."""
    for h in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                got = _subject_actors(c, dactors)
                if got:
                    return got
    return []


def _subject_actors(clause, dactors: DocActors) -> list[Actor]:
    """Actors of the first subject of ``clause`` that has any."""
    for s in clause.children:
        if s.dep_ in ("nsubj", "nsubjpass"):
            got = dactors.phrase_actors(s)
            if got:
                return got
    return []


def _targets(verb, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    if pattern.embed == "threaten":
        got = _condition_subject(verb, dactors)
        if got:
            return got
    got = _pattern_targets(verb, pattern, dactors)
    if got:
        return got
    if pattern.embed in ("appeal", "demand"):
        # "demanded that the US cancel ...": the addressee is the clause subject
        for c in verb.children:
            if c.dep_ == "ccomp":
                got = _subject_actors(c, dactors)
                if got:
                    return got
    fallback = [r for r in _FALLBACK_PREPS if r not in pattern.targets]
    got = dactors.prep_actors(verb, fallback)
    if got:
        return got
    for o in _objects(verb):
        got = dactors.phrase_actors(o) or dactors.prep_actors(o, fallback)
        if got:
            return got
    for role in fallback:
        for p in _phrase_preps(verb, role):
            got = dactors.prep_actors(p.head, [role])
            if got:
                return got
    for x in verb.children:
        if x.dep_ == "xcomp" and x.pos_ in ("VERB", "AUX"):
            # "threatened to deliver blows to X": the target of the act the verb governs
            got = dactors.prep_actors(x, fallback) or next(
                (a for o in _objects(x) for a in [dactors.phrase_actors(o)] if a), [])
            if got:
                return got
    if pattern.embed != "report":
        # "allowed that Mordor isn't ...", "expressed hopes that Iran could ...": the clause's subject
        clauses = list(verb.children) + [c for o in _objects(verb) for c in o.children if c.dep_ in ("ccomp", "acl")]
        for c in clauses:
            if c.dep_ in ("ccomp", "acl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or c.dep_ == "ccomp":
                got = _subject_actors(c, dactors)
                if got:
                    return got
    return []


def _pattern_targets(verb, pattern: VerbPattern, dactors: DocActors) -> list[Actor]:
    for role in pattern.targets:
        if role in ("dobj", "dative"):
            for c in verb.children:
                if c.dep_ == role or (role == "dobj" and c.dep_ in ("attr", "oprd")):
                    if c.dep_ == "dative" and c.pos_ == "ADP":
                        # "provide aid for Syria": a prepositional dative
                        got = next((a for p in c.children if p.dep_ == "pobj" for a in [dactors.phrase_actors(p)] if a), [])
                        if got:
                            return got
                        continue
                    got = dactors.phrase_actors(c)
                    if got:
                        return got
                    # "ties with Gondor", "positions of the army"
                    got = dactors.prep_actors(c, [r for r in pattern.targets if r not in ("dobj", "dative")])
                    if got:
                        return got
        else:
            got = dactors.prep_actors(verb, [role])
            if got:
                return got
            for o in _objects(verb):
                got = dactors.prep_actors(o, [role])
                if got:
                    return got
            for p in _phrase_preps(verb, role):
                got = dactors.prep_actors(p.head, [role])
                if got:
                    return got
    return []


def _phrase_preps(verb, role: str):
    """Prepositions ``role`` nested in the verb's noun and prepositional phrases (not in clauses)."""
    stack = [c for c in verb.children if c.dep_ in ("prep", "dobj", "pobj")]
    while stack:
        t = stack.pop()
        if t.dep_ == "prep" and t.lower_ == role and t.head.i != verb.i:
            yield t
        # "the roads leading into Mordor": participles modifying an object are followed too
        stack.extend(c for c in t.children if c.dep_ in ("prep", "pobj", "dobj")
                     or (c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")))


def _embedded(verb, embed: str):
    """Controlled clauses and event-noun objects a governing verb may compose with."""
    out = []
    if verb.pos_ == "NOUN":
        # "Russian reluctance to sell ...": the infinitive modifying the noun
        return [("clause", c) for c in verb.children if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    bare = not any(c.dep_ in ("xcomp", "ccomp", "dobj", "attr", "prep") for c in verb.children)
    for c in verb.children:
        if embed == "light" and c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(("clause", c))  # "sent experts to investigate"
            continue
        if bare and embed in ("intend", "refuse", "threaten") and c.dep_ == "advcl" and c.i == verb.i + 2 \
                and verb.doc[verb.i + 1].lower_ == "to" and c.pos_ == "VERB":
            out.append(("clause", c))  # "have sworn to fight": an infinitive complement parsed as an adjunct
            continue
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            out.append(("clause", c))
        elif embed in ("appeal", "demand") and c.dep_ in ("advcl", "ccomp") and c.pos_ == "VERB" \
                and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            out.append(("clause", c))  # "pushing for the US (to) support ..."
        elif c.dep_ == "ccomp" and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(("clause", c))  # "allowed Russia to fire": parsed with Russia as the clause subject
        elif c.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(("noun", c))
        elif c.dep_ == "prep" and c.lower_ in ("for", "on", "to", "in", "under"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(("noun", p))
    return out


# Heads that carry no event of their own but hold one: "mediation efforts", "10 days of war games",
# "a round of talks", "the peace process".
def _event_noun(tok, kb):
    """``(token, pattern)`` of the event noun an object phrase stands for: the noun itself, else an
    event noun compounded onto it ("mediation efforts"), else the object of its "of" phrase
    ("10 days of war games", "a series of meetings")."""
    np = match_noun(tok, kb)
    if np is not None:
        return tok, np
    for c in tok.conjuncts:
        np = match_noun(c, kb)  # "launched artillery, mortar and rocket fire"
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


def verb_candidate(verb, kb, dactors: DocActors, consumed: set[int], *, depth: int = 0) -> Candidate | None:
    """The event of ``verb`` (composed with an embedded clause or noun where its pattern says so)."""
    pattern = match_verb(verb, kb, dactors)
    if pattern is None:
        return None
    if verb.pos_ == "NOUN":
        subj, passive = dactors.phrase_actors(verb), False
    else:
        subj, passive = subject_of(verb, dactors)
        if not passive and any(c.dep_ == "auxpass" for c in verb.children) and agent_of(verb, dactors):
            passive = True  # "... and has been hailed by Iran": a conjoined passive sharing the subject
    if pattern.embed in ("report", "light") and depth == 0:
        got = _reported_demand(verb, pattern, kb, dactors, consumed)
        if got is not None:
            return got
    if passive and pattern.embed in ("intend", "refuse", "future") and not agent_of(verb, dactors):
        passive = False  # stative "is committed to", "was determined to"
    if passive:
        source, patient = agent_of(verb, dactors), subj
    else:
        source, patient = subj, []
    if pattern.embed and depth < 3:
        for kind, tok in _embedded(verb, pattern.embed):
            if kind == "clause":
                inner = verb_candidate(tok, kb, dactors, consumed, depth=depth + 1)
            elif pattern.embed == "report":
                continue  # "told a meeting": a report composes with clauses only
            else:
                tok, np = _event_noun(tok, kb)
                inner = noun_candidate(tok, np, dactors, kb) if np else None
            if inner is None:
                continue
            code = compose(kb.events, pattern.embed, inner.code)
            if code is None:
                continue
            consumed.add(tok.i)
            if kind == "noun" and inner.source and source and not inner.reciprocal and pattern.embed in ("intend", "refuse") \
                    and {actor_key(a) for a in inner.source} != {actor_key(a) for a in source}:
                # "Israel agreed to US mediation", "rejected a Senegalese plan": the governor's subject
                # accepts or rejects what the noun's own agent offers
                inner.target, inner.source = inner.source, source
            if kind == "noun" and not inner.source and not inner.reciprocal:
                inner.source = source
            if kind == "noun" and inner.reciprocal and source:
                # "Iran held talks with Russia": the subject is one party
                inner.parties = dedup_actors(source + inner.parties)
            for_clause = kind == "clause" and any(m.dep_ == "mark" and m.lower_ == "for" for m in tok.children)
            if pattern.embed == "permit" or (kind == "clause" and verb.lemma_ in OBJECT_CONTROL and pattern.embed != "light") \
                    or for_clause:
                # "Iran allowed Russia to ...", "X urged Y to ...": the governor's source acts on the object
                obj_actors = []
                for c in verb.children:
                    if c.dep_ in ("dobj", "dative"):
                        obj_actors = dactors.phrase_actors(c)
                        if obj_actors:
                            break
                if not obj_actors and pattern.embed in ("appeal", "demand"):
                    obj_actors = _pattern_targets(verb, pattern, dactors)  # "called on Iran to ..."
                if not obj_actors and (tok.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "for" for m in tok.children)):
                    for c in tok.children:
                        if c.dep_ == "nsubj":
                            obj_actors = dactors.phrase_actors(c)
                if obj_actors:
                    inner.source, inner.target, inner.reciprocal, inner.parties = source, obj_actors, False, []
            elif kind == "clause" and source and not inner.source:
                inner.source = source
            if kind == "noun" and pattern.embed in ("appeal", "demand") and inner.target and not inner.reciprocal \
                    and inner.code[:2] in _HOSTILE_ROOTS and not _pattern_targets(verb, pattern, dactors) \
                    and not any(c.dep_ in ("dobj", "dative") for c in verb.children if c.i != tok.i):
                # "called for sanctions against Nigeria", no one addressed: soliciting action against
                # the target is rallying opposition against it (CAMEO 113, PLOVER ACCUSE)
                code = "113"
            if not inner.target and not inner.reciprocal:
                inner.target = (patient if passive and patient else []) or _targets(verb, pattern, dactors) or patient
            if passive and not inner.source and inner.code[:2] in _LEGAL_ROOTS:
                inner.source = _jurisdiction(verb, dactors)
            prepared = pattern.embed == "prepare" and code != inner.code
            inner.code = code
            inner.chain = [verb, *inner.chain] if kind == "clause" else [verb]
            if kind == "noun":
                inner.trigger, inner.chain = tok, [verb]
            if prepared:
                # the preparation itself is the (asserted) event: modality and date are the governor's
                inner.tokens.update(t.i for t in inner.chain)
                inner.tokens.add(inner.trigger.i)
                inner.trigger, inner.chain = verb, []
            inner.rule = f"{pattern.id}+{inner.rule}"
            inner.confidence = min(inner.confidence, pattern.confidence) * 0.95
            inner.tokens.update({verb.i, tok.i})
            return inner
    if pattern.cameo is None:
        return None
    if pattern.embed not in (None, "light", "report", "future"):
        # "threatened to deliver blows": the controlled clause is not asserted on its own
        consumed.update(c.i for c in verb.children if c.dep_ == "xcomp")
    target = patient if passive and patient else _targets(verb, pattern, dactors)
    if passive and not source and pattern.cameo[:2] in _LEGAL_ROOTS:
        source = _jurisdiction(verb, dactors)
    cand = Candidate(code=pattern.cameo, source=source, target=target, trigger=verb, rule=pattern.id,
                     confidence=pattern.confidence, tokens={verb.i}, can_recip=pattern.reciprocal,
                     reverse=pattern.reverse)
    if pattern.reciprocal and not target:
        if len(source) >= 2:
            cand.reciprocal, cand.parties, cand.source = True, source, []
        else:
            # "X met Y's president", "X and Y's leaders met": parties from a "with" phrase
            got = dactors.prep_actors(verb, ["with", "between"])
            if got:
                cand.target = got
    return cand


def _reported_demand(verb, pattern: VerbPattern, kb, dactors: DocActors, consumed: set[int]) -> Candidate | None:
    """"X said (that) Y must/should Z" is X's demand on Y (CAMEO 10x: the demanded act composed
    when it has a pattern, else 100). Also "Y must be ready to ..." (the copula carries the modal)."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if pattern.embed == "light":
        # "issued a stern reminder to Iraq that it must ...": the that-clause of a speech noun
        clauses += [c for o in _objects(verb) for c in o.children if c.dep_ in ("acl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    for c in clauses:
        if not any(a.dep_ == "aux" and a.lower_ in _MODAL_DEMAND for a in c.children):
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
        pred = c
        if c.lemma_ == "be":
            pred = next((a for a in c.children if a.dep_ in ("acomp", "attr")), c)
        inner = verb_candidate(pred, kb, dactors, consumed, depth=1) if pred.pos_ in ("VERB", "AUX", "ADJ") else None
        code = compose(kb.events, "demand", inner.code) if inner is not None else None
        consumed.update({c.i, pred.i})
        # the demand is the speech act itself: its modality is the reporting verb's ("must not" is content)
        return Candidate(code=code or "100", source=source, target=addressee, trigger=verb, chain=[],
                         rule=f"{pattern.id}+must" + (f"+{inner.rule}" if inner is not None and code else ""),
                         confidence=pattern.confidence * 0.85, tokens={verb.i, c.i})
    return None


def protest_target(cand: Candidate, dactors: DocActors) -> list[Actor]:
    """The target named by a protest's purpose: the first actor (other than the protesters) in a
    purpose clause ("to demand the resignation of X", "to show their disapproval of X's policy")
    or an "in protest of/against" phrase of the predicate."""
    own = {actor_key(a) for a in cand.source}
    heads = [t for t in (cand.trigger, *cand.chain)]
    for h in heads:
        for c in h.children:
            purpose = c.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            protest = c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lemma_ in ("protest", "opposition") for p in c.children)
            if not (purpose or protest):
                continue
            for t in c.subtree:
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == c.i:
                    continue
                got = [a for a in dactors.phrase_actors(t) if actor_key(a) not in own] if t.i in dactors.by_token else []
                if got:
                    return got
    return []


def condition_subject(cand: Candidate, dactors: DocActors) -> list[Actor]:
    """Actors of the subject of an "until"/"unless"/"if" clause on the event's predicate or its
    governors ("won't drop the suit until Russia delivers": Russia)."""
    for h in (cand.trigger, *cand.chain):
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "unless", "if") for m in c.children):
                for s in c.children:
                    if s.dep_ in ("nsubj", "nsubjpass"):
                        got = dactors.phrase_actors(s)
                        if got:
                            return got
    return []
