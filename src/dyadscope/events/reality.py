"""Whether a candidate reports an act at all (issue 11, item 2): descriptive, background and
generic uses of event words are left out before they are coded.

Two tables. :data:`DETECTION_RULES` apply to every candidate of a sentence: a noun that only
classifies another noun ("war crimes", "aid workers"), or a verb in its causal sense ("the defeat
allowed Chile to claim"), is no event. :data:`UNRESOLVED_RULES` apply to the actorless fallback
(:func:`.coding.unresolved_sides`), where no actor anchors the reading: there a topic noun ("since
the war began"), the narrator's own doings ("I met a doctor") and a possible or denied act with
no one doing it ("should a raid come") are no event. Only the narrator rule looks past an
unresolved target; issue 11, item 4 keeps real events whose sides do not resolve.

Each rule is ``(cand, ...) -> bool`` and says True for "not an event"; the first that does decides.
"""

from __future__ import annotations

from ..records import Actor
from ..rules import rule_table
from .candidate import Candidate

_CLASSIFIER_DEPS = ("compound", "amod", "nmod")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_INANIMATE_PRONOUNS = frozenset({"it", "this", "that"})


def armed_actor(actor: Actor, armed) -> bool:
    """Whether the actor is armed: an armed sector (``armed_sectors``), in its sector or in its
    code, or a state itself (a country code with no sector)."""
    code = (actor.code or "").lower()
    return (actor.sector or "").lower() in armed or any(code[i:i + 3] in armed for i in range(3, len(code), 3)) \
        or (actor.sector is None and actor.code is not None and actor.code == actor.country)


def acts_armed(actor: Actor, trigger, dactors, armed) -> bool:
    """Whether the actor acts as a state or an armed force in the event of ``trigger``. A mention
    that only modifies another noun than the event's ("Peruvian" in "Peruvian dockers went on
    strike", "the Bolivian team") names whose people act: then that noun's own sector decides
    ("Peruvian troops")."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    root = span.root if span is not None else None
    if root is not None and root.dep_ in ("amod", "compound", "nmod") and root.head.i != trigger.i:
        head = dactors.mention_at(root.head)
        return head is not None and (head.sector or "").lower() in armed
    return armed_actor(actor, armed)


def classifier_noun(cand: Candidate, kb, dactors) -> bool:
    """"war crimes", "aid workers", "a killing machine", "the protest movement": an event noun that
    modifies another noun which is not itself an event noun classifies that noun; nothing happened.
    ("ceasefire talks": the head is an event noun, and the talks are the event.)"""
    tok = cand.trigger
    if cand.kind != "noun" or cand.chain or tok.dep_ not in _CLASSIFIER_DEPS:
        return False
    head = tok.head
    return head.i != tok.i and head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() not in kb.events.nouns \
        and head.i not in dactors.by_token


def quantity_idiom(cand: Candidate, kb, dactors) -> bool:
    """"The town has changed a great deal": an event noun inside an idiom of amount
    (``quantity_idioms``) is no accord."""
    tok = cand.trigger
    return cand.kind == "noun" and any(
        c.dep_ == "amod" and f"{c.lower_} {tok.lower_}" in kb.lexicon["quantity_idioms"] for c in tok.children)


def idiom_frame(cand: Candidate, kb, dactors) -> bool:
    """"Grants, as opposed to loans": an event word inside a fixed phrase (``idiom_frames``,
    the trigger and one word either side) reports no act."""
    tok = cand.trigger
    if tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    doc = tok.doc
    return f"{doc[tok.i - 1].lower_} {tok.lower_} {doc[tok.i + 1].lower_}" in kb.lexicon["idiom_frames"]


def motion_sense(cand: Candidate, kb, dactors) -> bool:
    """"Fighters pushed out of the valley", "pushed the door shut": an appeal verb that also
    means moving something (``motion_sense_verbs``) with a direction (``direction_words``) and no
    requested act (no infinitive or clause) moves; it asks no one for anything."""
    tok = cand.trigger
    if cand.kind != "verb" or cand.code[:2] != "02" or tok.lemma_.lower() not in kb.lexicon["motion_sense_verbs"]:
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("xcomp", "ccomp") for c in kids):
        return False
    directions = kb.lexicon["direction_words"]
    deps = kb.lexicon["direction_deps"]
    return any(c.lower_ in directions for c in kids if c.dep_ in deps) \
        or any(c.lower_ in directions for o in kids if o.dep_ == "dobj" for c in o.children if c.dep_ in ("amod", "acomp"))


def needed_act(cand: Candidate, kb, dactors) -> bool:
    """"Ten thousand people need food aid", "the villagers deserve support", "if they lack the
    backing of Peru": an event noun that is the object of a verb of needing (``need_verbs``) names
    what is wanted or missing; no one has given it. (A request for it is coded from the asking
    verb: "Chile asked Peru for aid".)"""
    tok = cand.trigger
    return cand.kind == "noun" and not cand.chain and tok.dep_ == "dobj" \
        and tok.head.lemma_.lower() in kb.lexicon["need_verbs"]


def historic_war(cand: Candidate, kb, dactors) -> bool:
    """"a border disputed ever since the second world war between Chile and Peru", "after the
    cold war": a war named by a modifier of ``historic_war_modifiers`` is an era, not an act between the
    states the sentence goes on to list."""
    tok = cand.trigger
    return cand.kind == "noun" and tok.lemma_.lower() == "war" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in kb.lexicon["historic_war_modifiers"] for c in tok.children)


def _inanimate(subj, kb, dactors) -> bool:
    if subj.dep_ == "csubj" or subj.pos_ == "VERB":
        return True  # "Chasing the rebels out allowed ..."
    if subj.i in dactors.by_token or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    lemma = subj.lemma_.lower()
    return subj.lower_ in _INANIMATE_PRONOUNS or lemma in kb.events.nouns \
        or lemma in kb.lexicon["abstract_subject_nouns"]


def causal_sense(cand: Candidate, kb, dactors) -> bool:
    """"The defeat allowed Chile to claim victory", "this turn will force a rethink", "war gave
    rein to greed": a verb of ``causal_sense_verbs`` whose subject is an event, a circumstance or
    "it" says what made something possible, not what one actor did to another."""
    tok = cand.trigger
    if cand.kind != "verb" or cand.chain or tok.lemma_.lower() not in kb.lexicon["causal_sense_verbs"]:
        return False
    subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.dep_ != "nsubjpass"), None)
    return subj is not None and _inanimate(subj, kb, dactors)


def reaction_sense(cand: Candidate, kb, dactors) -> bool:
    """"The offer was met with scepticism", "the convoy was greeted with gunfire": a passive
    verb of meeting (``reaction_sense_verbs``) whose "with" object is not an actor tells the
    reaction something drew, not a meeting ("met with gunfire from Chilean troops" too)."""
    tok = cand.trigger
    if cand.kind != "verb" or cand.chain or tok.lemma_.lower() not in kb.lexicon["reaction_sense_verbs"] \
            or not any(c.dep_ == "auxpass" for c in tok.children):
        return False
    objs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"]
    return bool(objs) and not any(p.i in dactors.by_token for p in objs)  # "met with Peruvian officials" meets


#: Rules for every candidate: True drops it before typing and coding.
def contest_sense(cand: Candidate, kb, dactors) -> bool:
    """"The Bolivian team defeated Chile", "the party captured forty seats": a force verb that also
    means winning a contest (``contest_sense_verbs``) is fighting only when its agent acts as a
    state or an armed force (:func:`acts_armed`: "Peruvian troops defeated the rebels", "Chile
    captured two Bolivian officers"), or, with no agent named, its patient does ("the rebels
    were routed")."""
    tok = cand.trigger
    if cand.kind != "verb" or cand.chain or tok.lemma_.lower() not in kb.lexicon["contest_sense_verbs"]:
        return False
    armed = kb.lexicon["armed_sectors"]
    agents = (*cand.source, *cand.parties) or tuple(cand.target)
    return not any(acts_armed(a, tok, dactors, armed) for a in agents)


DETECTION_RULES = rule_table(
    ("events.detection.classifier_noun.v1", classifier_noun),
    ("events.detection.causal_sense.v1", causal_sense),
    ("events.detection.needed_act.v1", needed_act),
    ("events.detection.quantity_idiom.v1", quantity_idiom),
    ("events.detection.historic_war.v1", historic_war),
    ("events.detection.idiom_frame.v1", idiom_frame),
    ("events.detection.motion_sense.v1", motion_sense),
    ("events.detection.reaction_sense.v1", reaction_sense),
    ("events.detection.contest_sense.v1", contest_sense),
)


def actorless(cand: Candidate) -> bool:
    """No actor on any side: not even one with a sector only ("gunmen")."""
    return not any(a.country or a.code or a.sector for a in (*cand.source, *cand.target, *cand.parties))


def background_noun(cand: Candidate, modality: str, kb) -> bool:
    """"Since the war began", "a refuge from the conflict", "the legacy of Chile's long war": a
    topic noun (``background_event_nouns``) with no party, or with only the country it is in, is
    what the sentence is about, not an act it reports."""
    tok = cand.trigger
    acted_on = tok.dep_ == "pobj" and tok.head.lower_ == "to"  # "an end to the war"
    acted_on = acted_on or any(c.dep_ == "compound" for c in tok.children)  # "heard a gun battle"
    one_party = not (cand.target or cand.parties)  # "Chile's long war" is the country's, a setting
    return (actorless(cand) or one_party) and cand.kind == "noun" and not acted_on \
        and tok.lemma_.lower() in kb.lexicon["background_event_nouns"]


def narrator_act(cand: Candidate, modality: str, kb) -> bool:
    """"I met a doctor", "I asked them about the camp", "you rarely meet such people": with no
    source actor, the writer's or a generic person's act is not a political event, whoever it is
    done to."""
    if any(a.country or a.code or a.sector for a in (*cand.source, *cand.parties)):
        return False
    words = kb.lexicon["narrator_pronouns"]
    heads = [cand.chain[0], cand.trigger] if cand.chain else [cand.trigger]
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" and c.lower_ in words
               for h in heads for c in h.children)


def generic_clause(cand: Candidate, modality: str, kb) -> bool:
    """"Banners urging a yes vote", "an effort to give the square a new look", "no decision
    about allowing the road to reopen": an active infinitive or gerund that describes a noun or
    a preposition's object, with no subject and no actor, names a kind of act, not one that took
    place."""
    top = cand.chain[0] if cand.chain else cand.trigger
    return cand.kind == "verb" and actorless(cand) and top.tag_ in ("VBG", "VB") \
        and top.dep_ in ("acl", "pcomp", "csubj") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children)


def possible_act(cand: Candidate, modality: str, kb) -> bool:
    """"Should a raid come", "renewed protests could follow", "never to be freed": a
    possible or negated act with no actor on either side, and no one as the subject of its
    predicate ("if they fight us" keeps its event), is a generic mention, not an event."""
    heads = [cand.chain[0], cand.trigger] if cand.chain else [cand.trigger]
    return modality in ("hypothetical", "negated") and actorless(cand) \
        and not any(c.dep_ in ("nsubj", "csubj") for h in heads for c in h.children)


def unnamed_act(cand: Candidate, modality: str, kb) -> bool:
    """"A meeting was arranged", "requests to deliver aid were denied", "I love going to
    school": an act other than force (CAMEO roots of ``force_roots``) with no actor on either
    side, no noun as its subject or possessor, in a sentence that names no one (no spaCy entity
    of ``actor_entity_types``), is a kind of act the sentence mentions; nothing says who did it. Violence is often told
    with no agent and no named victim ("three bombings shook the market"), and stays (item 4)."""
    if not actorless(cand) or cand.code[:2] in kb.lexicon["force_roots"]:
        return False
    top = cand.chain[0] if cand.chain else cand.trigger
    if any(c.dep_ in ("nsubj", "poss") and c.pos_ in ("NOUN", "PROPN") for c in top.children):
        return False  # "the strikers accepted a formula": someone the text names did it
    kinds = kb.lexicon["actor_entity_types"]
    return not any(t.ent_type_.lower() in kinds for t in cand.trigger.sent if t.ent_type_)


#: Rules for the fallback of a sentence with no event (``ctx.unresolved``): True gives no event.
UNRESOLVED_RULES = rule_table(
    ("events.unresolved.background_noun.v1", background_noun),
    ("events.unresolved.narrator_act.v1", narrator_act),
    ("events.unresolved.generic_clause.v1", generic_clause),
    ("events.unresolved.possible_act.v1", possible_act),
    ("events.unresolved.unnamed_act.v1", unnamed_act),
)


def not_an_act(cand: Candidate, kb, dactors) -> bool:
    """Whether a rule of :data:`DETECTION_RULES` drops the candidate."""
    return any(rule.func(cand, kb, dactors) for rule in DETECTION_RULES)


def unresolved_non_event(cand: Candidate, modality: str, kb) -> bool:
    """Whether the fallback candidate ``cand`` is no event by :data:`UNRESOLVED_RULES`."""
    return any(rule.func(cand, modality, kb) for rule in UNRESOLVED_RULES)
