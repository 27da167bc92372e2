"""Event candidates of one sentence, and the sentence's type in the penta scheme."""

from __future__ import annotations

from .attach import DocActors
from .candidate import Candidate
from .nominal import match_noun, noun_candidate
from .ontology import code_info
from .verbal import verb_candidate, verb_key


def _predicates(sent, verbs, dactors: DocActors) -> list:
    """Tokens a verb pattern may match (verbs, and adjectives/nouns with ``pos`` patterns),
    governing ones first so that "agreed to meet" composes before "meet" is seen alone."""
    doc, lemmas, pos = sent.doc, dactors.lemmas, dactors.pos
    toks = [
        doc[i] for i in range(sent.start, sent.end)
        if (pos[i] in ("VERB", "AUX") and verb_key(doc[i], verbs) is not None)
        or (pos[i] in ("ADJ", "NOUN") and any(p.pos == pos[i] for p in verbs.get(lemmas[i], ())))
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
    for tok in _predicates(sent, kb.events.verbs, dactors):
        if tok.i in consumed:
            continue
        cand = verb_candidate(tok, kb, dactors, consumed)
        if cand is not None:
            consumed.add(tok.i)
            cands.append(cand)
    nouns, doc, lemmas, pos = kb.events.nouns, sent.doc, dactors.lemmas, dactors.pos
    for i in range(sent.start, sent.end):
        if i in consumed or pos[i] not in ("NOUN", "PROPN") or lemmas[i] not in nouns:
            continue
        tok = doc[i]
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
