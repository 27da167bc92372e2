"""Event candidates of one sentence, and the sentence's type in the penta scheme."""

from __future__ import annotations

from .attach import DocActors
from .candidate import Candidate
from .nominal import match_noun, noun_candidate
from .ontology import code_info
from .verbal import verb_candidate, verb_key


def _predicates(sent, verbs) -> list:
    """Tokens a verb pattern may match (verbs, and adjectives/nouns with ``pos`` patterns),
    governing ones first so that "agreed to meet" composes before "meet" is seen alone."""
    toks = [
        t for t in sent
        if (t.pos_ in ("VERB", "AUX") and verb_key(t, verbs) is not None)
        or (t.pos_ in ("ADJ", "NOUN") and any(p.pos == t.pos_ for p in verbs.get(t.lemma_.lower(), ())))
    ]
    toks.sort(key=lambda t: sum(1 for _ in t.ancestors))
    return toks


def sentence_candidates(sent, kb, dactors: DocActors) -> list[Candidate]:
    """Event candidates of one sentence: governing verbs first, then event nouns not yet used.

    Candidates may lack actors (``dactors`` may hold no mentions); :func:`.coding.coded_events`
    keeps only those with both sides, while sentence-level typing (:func:`sentence_quad`) uses all.
    """
    consumed: set[int] = set()
    cands: list[Candidate] = []
    for tok in _predicates(sent, kb.events.verbs):
        if tok.i in consumed:
            continue
        cand = verb_candidate(tok, kb, dactors, consumed)
        if cand is not None:
            consumed.add(tok.i)
            cands.append(cand)
    nouns = kb.events.nouns
    for tok in sent:
        if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in nouns:
            continue
        pattern = match_noun(tok, kb)
        if pattern is not None:
            cands.append(noun_candidate(tok, pattern, dactors, kb))
    return cands


def sentence_quad(sent, kb, dactors: DocActors | None = None) -> tuple[int, Candidate | None]:
    """Sentence type in the penta scheme (0 statement or no event, else the GDELT quad class of
    the candidate nearest the root), with that candidate. Actors are not required."""
    dactors = dactors or DocActors(sent.doc, [], kb)
    best, best_depth = None, None
    for cand in sentence_candidates(sent, kb, dactors):
        if cand.code not in kb.events.cameo:
            continue
        top = cand.chain[0] if cand.chain else cand.trigger
        depth = sum(1 for _ in top.ancestors)
        if best is None or depth < best_depth:
            best, best_depth = cand, depth
    if best is None or code_info(kb.events, best.code) is None:
        return 0, best  # no event, or a statement (01x) pattern
    return kb.events.cameo[best.code].quad_class, best
