"""Small helpers over the dependency parse that several rule modules share."""

from __future__ import annotations

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
VERBAL = frozenset({"VERB", "AUX"})


def conjuncts(tok) -> list:
    """``tok`` and the tokens coordinated with it, in text order."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ == "conj"]
    return sorted(out, key=lambda t: t.i)


def has_subject(tok) -> bool:
    return any(c.dep_ in SUBJECTS or c.dep_ == "expl" for c in tok.children)


def subject_of(tok):
    """The subject of a verb, climbing through open complements ("continue to have") and
    participles ("..., describing it as"); a relative pronoun stands for the noun it modifies."""
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        found = subjects[0] if subjects else (agents[0] if agents else None)
        if found is not None:
            if found.tag_ in ("WP", "WDT") and found.head.dep_ == "relcl":
                return found.head.head
            return found
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ not in ("xcomp", "conj", "acl", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def verb_ancestor(tok):
    """The nearest verb at or above ``tok`` (the clause a noun phrase sits in)."""
    node = tok
    while node.pos_ not in VERBAL and node.head.i != node.i:
        node = node.head
    return node
