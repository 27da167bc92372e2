"""Modality of an event: asserted, reported, hypothetical, future or negated.

The cues are an ordered rule table (:data:`MODALITY_RULES`); each notes what it sees on the
event's predicate, its governing chain or the sentence. Order of precedence (an event gets the
first that applies): ``negated`` ("won't ratify", "did not agree"), ``hypothetical`` (under an
"if"/"unless" clause or "in the event of ..."), ``future`` ("will", "is going to", "plans to",
"would" outside conditionals), ``reported`` (inside a quotation's content spans or the
complement of a reporting verb), ``asserted``. The speaker of a reported context is kept even
when another modality wins, so denials ("X said it won't ...") still say who made them.

Words come from the lexicon (``knowledge/data/lexicon/events.jsonl``); reporting verbs from the
quote knowledge (``reporting_verbs.jsonl``, entries marked ``reports_events``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Actor, Quote, quote_at
from ..rules import rule_table
from .attach import DocActors, subject_of
from .dates import event_subject


def _past_attempt(tok, words) -> bool:
    """"tried/attempted to seize": a past attempt happened (CAMEO codes attempted acts as the
    act); only a present or future try/attempt looks ahead."""
    return tok.lemma_ in words["attempt_verbs"] and tok.tag_ in ("VBD", "VBN")


def _chain(tok, stop):
    """``tok`` and its ancestors up to (and including) the sentence root."""
    yield tok
    for a in tok.ancestors:
        yield a
        if a.i == stop.i:
            break


def is_conditional_clause(tok, words) -> bool:
    """An "if"/"unless" clause, or an "until" clause under a negated or future predicate
    ("won't ratify until Peru pays": the paying is a condition)."""
    for c in tok.children:
        if c.dep_ != "mark":
            continue
        if c.lower_ in words["conditional_marks"]:
            return True
        if c.lower_ == "until" and tok.dep_ == "advcl":
            future = words["future_auxiliaries"]
            if any(h.dep_ == "neg" or (h.dep_ == "aux" and h.lower_ in future) for h in tok.head.children):
                return True
    return False


def _governors(tok, stop):
    """Tokens governing ``tok``'s clause (skipping coordination: a conjoined verb does not inherit
    "try to" from its sister)."""
    a = tok
    while a.head.i != a.i:
        if a.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in a.children):
            return  # "... is trying to help Peru and has been thanked ...": a clause of its own
        h = a.head
        if a.dep_ != "conj":
            yield h
        a = h
        if a.i == stop.i:
            break


def is_refusal(trigger, chain_tokens, words) -> bool:
    """Whether the negation of the event is a stated unwillingness rather than a denial of a
    fact: "won't sign", "will not pay", "would never agree", "does not want/plan to meet".
    "did not sign" (a fact) is not a refusal."""
    plans = words["plan_governors"] - {"expect"}
    never = words["negation_adverbs"]
    future = words["future_auxiliaries"]
    for tok in (trigger, *chain_tokens):
        if not any(c.dep_ == "neg" or c.lower_ in never for c in tok.children):
            continue
        if any(c.dep_ == "aux" and (c.lower_ in future or c.lower_ == "would") for c in tok.children):
            return True
        if tok.lemma_ in plans:
            return True  # "has no plans to" is not parsed this way
    # "does not want to sell": the negation sits on the governor of the event's clause
    head = chain_tokens[-1] if chain_tokens else trigger
    if head.dep_ == "xcomp" and head.head.lemma_ in plans:
        return any(c.dep_ == "neg" for c in head.head.children)
    return False


@dataclass
class Signals:
    """What the modality rules saw for one event: its predicate tokens and the cues found."""

    trigger: object
    own: list  # the predicate, its composing governors, and a copula carrying their auxiliaries
    top: object  # the highest token of the event's own chain
    sent: object
    dactors: DocActors
    quotes: Sequence[Quote]
    reporting: frozenset
    words: object
    conditions_are_content: bool
    content: set = field(default_factory=set)
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    speaker: Actor | None = None
    governors: list = field(default_factory=list)


def quotation(s: Signals) -> None:
    """Inside a quotation's content: reported, with the quote's speaker (not when the quotation's
    cue is the event's own predicate: the speech act itself)."""
    t = s.trigger
    q = quote_at(s.quotes, t.idx, t.idx + len(t)) if s.quotes else None
    if q is not None and not _is_cue(q, s.own):
        s.reported, s.speaker = True, q.speaker


def _is_cue(q: Quote, own) -> bool:
    """Whether the quotation's cue is one of the event's own predicates: "Peru called for a
    ceasefire" is the appeal itself, not an event reported inside what Peru said."""
    return q.cue_start is not None and any(
        q.cue_start <= tok.idx < (q.cue_end or q.cue_start + 1) for tok in own)


def _is_negation(tok, c, never, no) -> bool:
    """Whether child ``c`` negates ``tok``."""
    if c.dep_ == "neg":
        if c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only":
            return False  # "not only ... but also"
        if tok.pos_ == "NOUN" and c.i > tok.i:
            return False  # "a partnership, not a formal one"
        return True
    return (c.dep_ == "det" and c.lower_ in no) or c.lower_ in never


def negation(s: Signals) -> None:
    """"not", "never" or "no" on the predicate or a composing governor (not on a requested act:
    "urged Peru not to deploy troops" is an appeal that was made)."""
    never, no = s.words["negation_adverbs"], s.words["negating_determiners"]
    if any(_is_negation(tok, c, never, no) for tok in s.own if tok.i not in s.content for c in tok.children):
        s.negated = True


def hedge(s: Signals) -> None:
    """"reportedly", "allegedly" on the predicate: reported."""
    hedges = s.words["hedge_adverbs"]
    if any(c.dep_ == "advmod" and c.lower_ in hedges for tok in s.own for c in tok.children):
        s.reported = True


def auxiliary(s: Signals) -> None:
    """will/shall: future; could/might/may: hypothetical; would: future (hypothetical in a
    conditional sentence, see :func:`conditional_would`)."""
    future, possible = s.words["future_auxiliaries"], s.words["possibility_auxiliaries"]
    for tok in s.own:
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in future or c.lower_ == "would":
                    s.future = True
                elif c.lower_ in possible:
                    s.hypothetical = True


def conditional_clause(s: Signals) -> None:
    """Under an "if"/"unless" clause (on the predicate, or anywhere up its chain); not for
    threats, whose conditions are their terms."""
    if s.conditions_are_content:
        return
    words = s.words
    if any(c.dep_ == "advcl" and is_conditional_clause(c, words) for tok in s.own for c in tok.children) \
            or any(is_conditional_clause(a, words) for a in _chain(s.top, s.sent.root)):
        s.hypothetical = True


def plan(s: Signals) -> None:
    """A plan verb composing the event or governing its clause ("plans to open", "hopes to
    sign"): future, unless it is a past attempt."""
    plans, words = s.words["plan_governors"], s.words
    governed = (tok for tok in s.own if tok.i != s.trigger.i)
    if any(t.lemma_ in plans and not _past_attempt(t, words) for t in (*governed, *s.governors)):
        s.future = True


def going_to(s: Signals) -> None:
    """"is going to sign": future."""
    if any(tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG" for tok in s.own):
        s.future = True


def reporting_governor(s: Signals) -> None:
    """Under a reporting verb ("the ministry said that ..."): reported, the verb's subject the
    speaker unless a quotation already named one. Under a denial ("Peru denied that it had
    shelled the border", "denied claims that ...": lexicon ``denial_verbs``) the act is negated:
    the speaker says it did not happen."""
    for a in s.governors:
        if a.lemma_ in s.reporting:
            s.reported = True
            if a.lemma_ in s.words["denial_verbs"] and not any(c.dep_ == "neg" for c in a.children):
                s.negated = True
            if s.speaker is None:
                subj, _ = subject_of(a, s.dactors)
                s.speaker = subj[0] if subj else None


def _subjunctive(clause) -> bool:
    """A clause in the mandative subjunctive or with "should": "that Chile withdraw", "that
    Chile should withdraw" (not "that Chile withdrew", "that Chile had withdrawn")."""
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ == "should" for c in aux):
        return True
    return clause.tag_ == "VB" and not aux


def requested_act(s: Signals) -> None:
    """The act a request asks for ("Peru demanded that Chile withdraw its troops", "urged that
    talks resume"): not a fact, hypothetical (issue 11, item 2: the requested act is kept apart
    from the request). Only for a complement clause in the subjunctive or with "should"."""
    words = s.words["request_verbs"]
    a = s.top
    while a.head.i != a.i and a.dep_ == "conj":
        a = a.head
    if a.dep_ == "ccomp" and a.head.lemma_ in words and _subjunctive(a):
        s.hypothetical = True


def possibility_governor(s: Signals) -> None:
    """Governed by a word of possibility ("fears of a blockade", "no wish to join a war"), or an
    event noun said to be possible ("renewed fighting is a possibility", "an attack is likely"):
    hypothetical."""
    if any(a.lemma_ in s.words["possibility_governors"] for a in s.governors):
        s.hypothetical = True
    t = s.trigger
    if t.pos_ in _NOUNS and t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_ == "be" \
            and any(c.dep_ in ("attr", "acomp") and c.lemma_.lower() in s.words["possibility_predicates"]
                    for c in t.head.children):
        s.hypothetical = True


_NOUNS = ("NOUN", "PROPN")


def _infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _ahead_clause(tok, words) -> bool:
    """A clause modifying an event noun that puts it ahead: a passive infinitive ("a summit to be
    held in Lima") or an infinitive of taking place ("talks to resume on Friday")."""
    return tok.dep_ in ("acl", "relcl") and _infinitive(tok) and (
        any(c.dep_ == "auxpass" for c in tok.children) or tok.lemma_ in words["occurrence_verbs"])


def _schedule_predicate(tok, words) -> bool:
    """"due/set/scheduled ... to": an adjective or participle of "be" with an infinitive."""
    return tok.lower_ in words["schedule_predicates"] and tok.tag_ in ("JJ", "VBN") \
        and any(c.dep_ == "xcomp" and _infinitive(c) for c in tok.children)


def is_scheduled(trigger, chain_tokens, sent, words) -> bool:
    """Whether the event of ``trigger`` is reported as scheduled or expected: "the expected
    assault", "upcoming talks", "a summit to be held on Friday", "talks are due to resume",
    "Chile is set to sign". Such an event is ahead, but nobody announced it as an intent or threat."""
    t = trigger
    if t.pos_ in _NOUNS and any((c.dep_ == "amod" and c.lower_ in words["schedule_modifiers"])
                                or _ahead_clause(c, words) for c in t.children):
        return True
    if _ahead_clause(t, words) and t.head.pos_ in _NOUNS:  # "a summit to be held": the light verb
        return True
    top = [trigger, *chain_tokens][-1]
    near = list(_governors(top, sent.root))
    subj = event_subject(t, words["event_portion_nouns"])
    if subj is not None:  # "(a new round of) talks are due to resume"
        near += [c for c in subj.head.children if c.dep_ in ("acomp", "xcomp")]
    return any(_schedule_predicate(g, words) for g in near)


def scheduled(s: Signals) -> None:
    """A scheduled or expected event (:func:`is_scheduled`): future."""
    if is_scheduled(s.trigger, [] if s.top is s.trigger else [s.top], s.sent, s.words):
        s.future = True


def case_phrase(s: Signals) -> None:
    """"in the event of a blockade, X will ...": the whole sentence is conditional (not for threats)."""
    if s.conditions_are_content:
        return
    nouns, lemmas, doc = s.words["case_nouns"], s.dactors.lemmas, s.sent.doc
    for t in (doc[i] for i in range(s.sent.start, s.sent.end) if lemmas[i] in nouns):
        if t.lower_ in nouns and t.dep_ == "pobj" and t.head.lower_ == "in" \
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            s.hypothetical = True
            return


def conditional_would(s: Signals) -> None:
    """"would" in a sentence with a conditional clause is hypothetical, not future."""
    if s.future and any(c.lower_ == "would" for tok in s.own for c in tok.children) \
            and any(is_conditional_clause(t, s.words) for t in s.sent):
        s.hypothetical = True


#: Modality cues, in order (the order matters only for which speaker is kept: a quotation's first).
MODALITY_RULES = rule_table(
    ("events.modality.quotation.v1", quotation),
    ("events.modality.negation.v1", negation),
    ("events.modality.hedge.v1", hedge),
    ("events.modality.auxiliary.v1", auxiliary),
    ("events.modality.conditional_clause.v1", conditional_clause),
    ("events.modality.plan.v1", plan),
    ("events.modality.going_to.v1", going_to),
    ("events.modality.scheduled.v1", scheduled),
    ("events.modality.reporting_governor.v1", reporting_governor),
    ("events.modality.requested_act.v1", requested_act),
    ("events.modality.possibility_governor.v1", possibility_governor),
    ("events.modality.case_phrase.v1", case_phrase),
    ("events.modality.conditional_would.v1", conditional_would),
)


def modality_of(trigger, chain_tokens, *, sent, dactors: DocActors, quotes: Sequence[Quote], kb,
                conditions_are_content: bool = False, content=frozenset()) -> tuple[str, Actor | None]:
    """``(modality, speaker)`` of the event whose main predicate is ``trigger``.

    ``chain_tokens`` are governing tokens that composed the event (e.g. "agreed" in "agreed to
    meet"); their negation, auxiliaries and conditionals count too. ``conditions_are_content``
    (threats): an "if"/"unless" clause states the threat's terms, it does not make the threat
    hypothetical ("threatened to strike unless Peru withdraws" is a threat that was made).
    ``content``: token indices of a requested act (:attr:`.candidate.Candidate.content`), whose
    negation does not negate the event.
    """
    own = [trigger, *chain_tokens]
    # a predicate adjective or noun takes its copula's auxiliaries ("may be keen on ...")
    own += [t.head for t in own if t.dep_ in ("acomp", "attr") and t.head.lemma_ == "be"]
    top = [trigger, *chain_tokens][-1]
    s = Signals(trigger, own, top, sent, dactors, quotes, kb.quotes.event_reporting_verbs, kb.lexicon,
                conditions_are_content, set(content), governors=list(_governors(top, sent.root)))
    for rule in MODALITY_RULES:
        rule.func(s)
    for modality in ("negated", "hypothetical", "future", "reported"):
        if getattr(s, modality):
            return modality, s.speaker
    return "asserted", None
