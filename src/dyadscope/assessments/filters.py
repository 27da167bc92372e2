"""Filter rules: candidate judgements that are near-misses, not assessments of a relationship.

Each filter takes the sentence :class:`~.anchors.View` and a :class:`~.units.Unit` and returns
True when the unit must be dropped:

- ``name``: the relationship noun is part of a title ("Comprehensive Strategic Partnership").
- ``bloc``: three or more parties, or a bloc word ("trilateral", "among").
- ``wish``: the judgement is governed by a wish, goal or obligation ("the goal is a partnership
  that ...", "we hope our nations will one day be friends", "X must not depend on Y").
- ``conditional``: a conditional or speculative future ("ties would suffer were X to ...", "a deal
  might pave the way for a thaw", "if ..., relations could sour").
"""

from __future__ import annotations

from .cues import in_name
from .tree import SUBJECTS


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _ancestors(view, unit):
    """The unit's head and every token above it, up to the sentence root."""
    node = view.doc[unit.head]
    out = [node]
    while node.head.i != node.i:
        node = node.head
        out.append(node)
    return out


def is_name(view, unit) -> bool:
    relation = view.akb["relation_nouns"]
    return any(in_name(view.doc[i]) and _lemma(view.doc[i]) in relation for i in unit.anchor)


def is_bloc(view, unit) -> bool:
    words = view.akb["bloc_words"]
    return unit.bloc or len(unit.parties) > 2 or any(view.doc[i].lemma_.lower() in words for i in unit.scope)


def is_wish(view, unit) -> bool:
    if unit.desire:
        return False
    goals, deontic = view.akb["goal_words"], view.akb["deontic_modals"]
    for node in _ancestors(view, unit):
        if node.lower_ in goals or _lemma(node) in goals:
            return True
        if any(c.dep_ == "aux" and c.lower_ in deontic for c in node.children):
            return True
        if any(c.dep_ in SUBJECTS and _lemma(c) in goals for c in node.children):
            return True
    return False


#: Heads of a clause with no verb: after "if" a concession, not a condition.
VERBLESS = frozenset({"ADJ", "ADV", "NOUN", "NUM", "PRON"})


def _conditional_clause(tok, akb) -> bool:
    """An adverbial clause opened by "if"/"unless" or by an inverted auxiliary ("should X join");
    "if not" and "if" before a verbless phrase are concessions ("good, if not warm", "cordial, if
    cool", "a good neighbour, if a difficult one"), not conditions."""
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in akb["conditional_marks"]:
            if c.i + 1 < len(doc) and doc[c.i + 1].lower_ in ("not", "n't"):
                continue
            if tok.pos_ in VERBLESS and not any(s.dep_ in SUBJECTS for s in tok.children):
                continue  # "cordial, if cool", "a good neighbour, if a difficult one": a concession without a verb
            return True
        if c.dep_ == "aux" and c.lower_ in akb["inversion_aux"]:
            subjects = [s for s in tok.children if s.dep_ in SUBJECTS]
            if subjects and c.i < subjects[0].i:
                return True
    return False


def _modal_idiom(node, akb) -> bool:
    """A modal that states the present, not a condition: a denied comparative ("could hardly be
    better", "could not be worse": as good or as bad as it gets)."""
    children = list(node.children)
    denied = any(c.lower_ in akb["negators"] and c.dep_ in ("neg", "advmod") for c in children)
    return denied and any(c.tag_ in ("JJR", "RBR") and c.dep_ in ("acomp", "attr", "advmod") for c in children)


def is_conditional(view, unit) -> bool:
    akb = view.akb
    for node in _ancestors(view, unit):
        if any(c.dep_ == "aux" and c.lower_ in akb["conditional_modals"] for c in node.children):
            if _modal_idiom(node, akb):
                continue
            return True
        if _conditional_clause(node, akb):
            return True
        if any(c.dep_ == "advcl" and _conditional_clause(c, akb) for c in node.children):
            return True
    words = [view.doc[i].lower_ for i in sorted(unit.scope)]
    text = " " + " ".join(words) + " "
    return any(f" {' '.join(p)} " in text for p, lists in akb.phrases.items() if "conditional_phrases" in lists)
