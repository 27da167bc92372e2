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

from ..quotes import quote_at
from ..records import Actor, Quote
from .attach import DocActors, subject_of

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_HYPO_AUX = {"could", "might", "may"}
_COND_MARKS = {"if", "unless"}
_CASE_NOUNS = {"case", "event"}
_REPORT = {"say", "tell", "claim", "state", "report", "add", "insist", "believe", "think", "announce",
           "warn", "argue", "assert", "suggest", "declare", "maintain", "allege", "deny", "predict", "expect"}
_FUTURE_GOV = {"plan", "intend", "seek", "aim", "hope", "want", "prepare", "try", "attempt", "decide", "expect"}


def _chain(tok, stop):
    """``tok`` and its ancestors up to (and including) the sentence root."""
    yield tok
    for a in tok.ancestors:
        yield a
        if a is stop:
            break


def _is_conditional_clause(tok) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in tok.children)


def _case_phrase(sent) -> list:
    """Heads of "in (the) case of ..."/"in the event of ..." phrases in ``sent``."""
    out = []
    for t in sent:
        if t.lower_ in _CASE_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in":
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
                out.append(t.head)
    return out


def modality_of(trigger, chain_tokens, *, sent, dactors: DocActors, quotes: Sequence[Quote],
                start: int, end: int) -> tuple[str, Actor | None]:
    """``(modality, speaker)`` of the event whose main predicate is ``trigger``.

    ``chain_tokens`` are governing tokens that composed the event (e.g. "agreed" in "agreed to
    meet"); their negation, auxiliaries and conditionals count too.
    """
    speaker = None
    q = quote_at(quotes, trigger.idx, trigger.idx + len(trigger)) if quotes else None
    if q is not None:
        speaker = q.speaker
    reported = q is not None
    negated = hypothetical = future = False
    own = [trigger, *chain_tokens]
    for tok in own:
        for c in tok.children:
            if c.dep_ == "neg" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only":
                continue  # "not only ... but also"
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
            elif c.dep_ == "advcl" and _is_conditional_clause(c):
                hypothetical = True
        if tok.lemma_ in _FUTURE_GOV and tok is not trigger:
            future = True
    # "going to" / "is to" / "about to" before the predicate
    for tok in own:
        if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
            future = True
    top = own[-1]
    for a in _chain(top, sent.root):
        if a is not top and a.dep_ not in ("ROOT",) and _is_conditional_clause(a):
            hypothetical = True
        if _is_conditional_clause(a) and a is top:
            hypothetical = True
        if a is not top and a.lemma_ in _REPORT and not reported:
            reported = True
            if speaker is None:
                subj, _ = subject_of(a, dactors)
                speaker = subj[0] if subj else None
        if a is not top and a.lemma_ in _FUTURE_GOV:
            future = True
    if _case_phrase(sent):
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
