"""Modality of an event: asserted, reported, hypothetical, future or negated.

Order of precedence (an event gets the first that applies): ``negated`` ("won't deliver",
"did not agree"), ``hypothetical`` (under an "if"/"unless" clause or "in the case of ..."),
``future`` ("will", "is going to", "plans to", "would" outside conditionals), ``reported``
(inside a quotation's content spans or the complement of a reporting verb), ``asserted``.
The speaker of a reported context is kept even when another modality wins, so denials
("X said it won't ...") still say who made them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Actor, Quote, quote_at
from .attach import DocActors, subject_of

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_HYPO_AUX = {"could", "might", "may"}
_COND_MARKS = {"if", "unless"}
_REPORTED_ADV = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
_CASE_NOUNS = {"case", "event"}
# Governors that make what they govern a possibility, not a fact ("no desire to get involved in a
# war", "fears of an attack", "the risk of sanctions").
_HYPO_GOV = {"desire", "wish", "fear", "risk", "possibility", "prospect", "danger", "scenario", "avoid", "prevent",
             "threat", "chance", "likelihood", "hypothetical", "imagine", "consider"}
_FUTURE_GOV = {"plan", "intend", "seek", "aim", "hope", "want", "prepare", "try", "attempt", "decide", "expect"}


def _past_attempt(tok) -> bool:
    """"tried/attempted to assassinate": a past attempt happened (CAMEO codes attempted acts as
    the act); only a present or future try/attempt looks ahead."""
    return tok.lemma_ in ("try", "attempt") and tok.tag_ in ("VBD", "VBN")


def _chain(tok, stop):
    """``tok`` and its ancestors up to (and including) the sentence root."""
    yield tok
    for a in tok.ancestors:
        yield a
        if a.i == stop.i:
            break


def _is_conditional_clause(tok) -> bool:
    """An "if"/"unless" clause, or an "until" clause under a negated or future predicate
    ("won't deliver until Iran drops the suit": the dropping is a condition)."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in _COND_MARKS:
            return True
        if c.dep_ == "mark" and c.lower_ == "until" and tok.dep_ == "advcl":
            head = tok.head
            if any(h.dep_ == "neg" or (h.dep_ == "aux" and h.lower_ in _FUTURE_AUX) for h in head.children):
                return True
    return False


def _governors(tok, stop):
    """Tokens governing ``tok``'s clause (skipping coordination: a conjoined verb does not inherit
    "try to" from its sister)."""
    a = tok
    while a.head.i != a.i:
        if a.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in a.children):
            return  # "... is trying to help Iran and has been hailed ...": a clause of its own
        h = a.head
        if a.dep_ != "conj":
            yield h
        a = h
        if a.i == stop.i:
            break


def _case_phrase(sent) -> list:
    """Heads of "in (the) case of ..."/"in the event of ..." phrases in ``sent``."""
    out = []
    for t in sent:
        if t.lower_ in _CASE_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in":
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
                out.append(t.head)
    return out


def is_refusal(trigger, chain_tokens) -> bool:
    """Whether the negation of the event is a stated unwillingness rather than a denial of a
    fact: "won't deliver", "will not drop", "would never agree", "does not want/plan to meet".
    "did not deliver" (a fact) is not a refusal."""
    for tok in (trigger, *chain_tokens):
        neg = any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children)
        if not neg:
            continue
        if any(c.dep_ == "aux" and (c.lower_ in _FUTURE_AUX or c.lower_ == "would") for c in tok.children):
            return True
        if tok.lemma_ in _FUTURE_GOV and tok.lemma_ != "expect":
            return True  # "does not want to sell", "has no plans to" is not parsed this way
    # "does not want to sell": the negation sits on the governor of the event's clause
    head = (chain_tokens[-1] if chain_tokens else trigger)
    if head.dep_ == "xcomp" and head.head.lemma_ in _FUTURE_GOV and head.head.lemma_ != "expect":
        return any(c.dep_ == "neg" for c in head.head.children)
    return False


def modality_of(trigger, chain_tokens, *, sent, dactors: DocActors, quotes: Sequence[Quote], kb,
                start: int, end: int, conditions_are_content: bool = False) -> tuple[str, Actor | None]:
    """``(modality, speaker)`` of the event whose main predicate is ``trigger``.

    ``chain_tokens`` are governing tokens that composed the event (e.g. "agreed" in "agreed to
    meet"); their negation, auxiliaries and conditionals count too. ``conditions_are_content``
    (threats): an "if"/"unless" clause states the threat's terms, it does not make the threat
    hypothetical ("threatened to strike unless Israel withdraws" is a threat that was made).
    """
    reporting = kb.quotes.event_reporting_verbs
    speaker = None
    q = quote_at(quotes, trigger.idx, trigger.idx + len(trigger)) if quotes else None
    if q is not None:
        speaker = q.speaker
    reported = q is not None
    negated = hypothetical = future = False
    own = [trigger, *chain_tokens]
    # a predicate adjective or noun takes its copula's auxiliaries ("may be eager for ...")
    own += [t.head for t in own if t.dep_ in ("acomp", "attr") and t.head.lemma_ == "be"]
    for tok in own:
        for c in tok.children:
            if c.dep_ == "neg" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only":
                continue  # "not only ... but also"
            if c.dep_ == "neg" and tok.pos_ == "NOUN" and c.i > tok.i:
                continue  # "an alliance, not a strategic one"
            if c.dep_ == "advmod" and c.lower_ in _REPORTED_ADV:
                reported = True
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or c.lower_ in ("never",):
                negated = True
            elif c.dep_ in ("aux", "auxpass"):
                w = c.lower_
                if w in _FUTURE_AUX:
                    future = True
                elif w in _HYPO_AUX:
                    hypothetical = True
                elif w == "would":
                    future = True
            elif c.dep_ == "advcl" and _is_conditional_clause(c) and not conditions_are_content:
                hypothetical = True
        if tok.lemma_ in _FUTURE_GOV and tok.i != trigger.i and not _past_attempt(tok):
            future = True
    # "going to" / "is to" / "about to" before the predicate
    for tok in own:
        if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
            future = True
    top = [trigger, *chain_tokens][-1]
    if _is_conditional_clause(top) and not conditions_are_content:
        hypothetical = True
    for a in _chain(top, sent.root):
        if a.i != top.i and _is_conditional_clause(a) and not conditions_are_content:
            hypothetical = True
    for a in _governors(top, sent.root):
        if a.lemma_ in reporting and speaker is None:
            reported = True
            subj, _ = subject_of(a, dactors)
            speaker = subj[0] if subj else None
        elif a.lemma_ in reporting:
            reported = True
        if a.lemma_ in _FUTURE_GOV and not _past_attempt(a):
            future = True
        if a.lemma_ in _HYPO_GOV:
            hypothetical = True
    if _case_phrase(sent) and not conditions_are_content:
        # "in the case of a war ..., X will ...": the whole sentence is conditional
        hypothetical = True
    # "would" inside a conditional sentence is hypothetical, not future
    if future and any(_is_conditional_clause(t) for t in sent) and any(
        c.lower_ == "would" for tok in own for c in tok.children
    ):
        hypothetical = True
    if negated:
        return "negated", speaker
    if hypothetical:
        return "hypothetical", speaker
    if future:
        return "future", speaker
    if reported:
        return "reported", speaker
    return "asserted", None
