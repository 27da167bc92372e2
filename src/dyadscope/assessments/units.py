"""Judgement units: what an anchor rule proposes, and the clause scope a judgement reads.

A :class:`Unit` is one candidate judgement in one sentence: the anchor it is about (a relationship
noun, a pair of parties, one party's view of another), the clause head it hangs from, the tokens
whose cues judge it (its scope), the parties found so far, and who may hold it (the subject of a
frame verb such as "regards ... as").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cues import Cue
from .tree import VERBAL, has_subject

#: Dependents that open another clause: not part of a judgement's scope unless rules add them.
CLAUSE_DEPS = frozenset({"advcl", "parataxis", "ccomp", "csubj", "mark"})


@dataclass(slots=True)
class Unit:
    """One candidate judgement.

    Attributes:
        rule: The anchor rule's name.
        head: Token index of the clause head the judgement hangs from.
        anchor: Token indexes of what is judged (the relationship noun, the subject pair, ...).
        scope: Token indexes whose cues judge it.
        parties: Countries named for it so far (explicit), in order of appearance.
        frame_subject: Token index of the subject of a frame verb ("X regards Y as ..."), if any.
        speech_frame: True when that verb is one of speaking ("X speaks of ..."), which makes its
            subject the holder even inside someone else's quotation.
        cues: Cues the rule itself supplies (the attitude verb of "X distrusts Y", ...).
        from_context: True when the parties come from earlier sentences, not this judgement.
        bloc: True when three or more parties (or a bloc word) are named.
        desire: True for "X wants a weak Y" (exempt from the wish filter).
        noun: Token index of the relationship noun the judgement is about, if any.
        implicit_other: True when the one party named is the judgement's subject ("Iran is a mere
            tool"): the other comes from earlier sentences, not from the holder.
    """

    rule: str
    head: int
    anchor: tuple[int, ...]
    scope: set[int]
    parties: list[str] = field(default_factory=list)
    frame_subject: int | None = None
    speech_frame: bool = False
    cues: list[Cue] = field(default_factory=list)
    from_context: bool = False
    bloc: bool = False
    desire: bool = False
    noun: int | None = None
    implicit_other: bool = False


def clause_scope(head, *, excluded: set[int] = frozenset(), drop=None) -> set[int]:
    """Tokens of the clause headed by ``head``: its subtree without other clauses and sources.

    Clausal dependents (advcl, ccomp, parataxis), coordinated verbs with a subject of their own,
    "according to ..." phrases and the tokens in ``excluded`` (speakers, cues of quotations) are
    left out; so is the subtree of ``drop`` (a subject already read as the anchor).
    """
    out: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        if (tok.i in excluded and tok.i != head.i) or (drop is not None and tok.i == drop.i):
            continue
        out.add(tok.i)
        for c in tok.children:
            if c.dep_ in CLAUSE_DEPS and c.i != head.i:
                continue
            if c.dep_ == "conj" and c.pos_ in VERBAL and has_subject(c):
                continue
            if c.dep_ == "prep" and c.lemma_.lower() == "according":
                continue
            stack.append(c)
    return out
