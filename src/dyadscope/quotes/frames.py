"""Cue frames: which complement of a cue verb holds the attributed content.

A frame names a dependency pattern under the verb:

- ``ccomp``: a clause ("said that ...", "CLAUSE, he said");
- ``xcomp``: an infinitive ("wants to ...", "promised to ...");
- ``obj+xcomp``: object and infinitive ("urged the council to ...");
- ``obj+pred``: object and predicate ("called the fine excessive", "called the plan a gamble");
- ``dobj``: a noun phrase ("announced the closure of ...", "denied the rumour");
- ``prep:P``: the object of preposition P ("called for ...", "warned against ...").

The same frames apply to nouns ("his claim that ...", "calls for ...") and adjectives
("critical of ..."). ``reporting_verbs.jsonl`` verbs take ``ccomp``; ``cue_frames.jsonl`` adds
(lemma, part of speech, frame) triples measured on PolNeAR ``train`` (see
``evals.polnear.learn_frames``).
"""

from __future__ import annotations

from ..nlp import token_columns


def _range(tok) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def pos_group(tok) -> str | None:
    """``VERB``, ``NOUN`` or ``ADJ`` for a token that can be a cue, else None."""
    if tok.pos_ in ("VERB", "AUX"):
        return None if tok.tag_ == "MD" else "VERB"
    if tok.pos_ in ("NOUN", "ADJ"):
        return tok.pos_
    return None


def pos_groups(doc) -> tuple[list[str | None], list[str]]:
    """:func:`pos_group` of every token of ``doc``, and every token's lower-cased lemma."""
    lemmas, pos, tags = token_columns(doc, ("lemma", "pos", "tag"))
    return groups_of(pos, tags), lemmas


def groups_of(pos: list[str], tags: list[str]) -> list[str | None]:
    """:func:`pos_group` of tokens given by their ``pos_`` and ``tag_``."""
    return [(None if t == "MD" else "VERB") if p in ("VERB", "AUX") else p if p in ("NOUN", "ADJ") else None
            for p, t in zip(pos, tags)]


def complements(verb, preps) -> dict[str, tuple[int, int]]:
    """Frame name -> token range ``[start, end)`` of the content, for every frame present under
    the cue token ``verb`` (a verb, noun or adjective); ``preps`` are the prepositions whose
    object can be content (the lexicon's ``frame_prepositions``)."""
    out: dict[str, tuple[int, int]] = {}
    vi = verb.i
    kids = [(c, c.dep_, c.i) for c in verb.children]  # each child's label read once
    ccomps = [c for c, dep, _ in kids if dep == "ccomp" or (
        dep == "acl" and verb.pos_ == "NOUN" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))]
    if ccomps:
        s = min(c.left_edge.i for c in ccomps)
        e = max(c.right_edge.i + 1 for c in ccomps)
        out["ccomp"] = (s, e)
    xcomp = next((c for c, dep, i in kids if dep == "xcomp" and i > vi), None)
    dobj = next((c for c, dep, i in kids if (dep == "dobj" or dep == "dative") and i > vi), None)
    if xcomp is not None:
        out["xcomp"] = _range(xcomp)
        if dobj is not None and dobj.i < xcomp.i:
            out["obj+xcomp"] = (dobj.left_edge.i, xcomp.right_edge.i + 1)
    if dobj is not None:
        out["dobj"] = _range(dobj)
    preds = [c for c, dep, i in kids if dep == "oprd" and i > vi]
    if preds:
        start = min(preds[0].left_edge.i, dobj.left_edge.i if dobj is not None else preds[0].left_edge.i)
        out["obj+pred"] = (start, max(c.right_edge.i for c in preds) + 1)
    for c, dep, i in kids:
        if (dep == "prep" or dep == "prt") and i > vi and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                out.setdefault(f"prep:{c.lower_}", _range(obj))
    return out
