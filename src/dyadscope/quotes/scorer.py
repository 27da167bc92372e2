"""A linear model over cue candidates: is this verb's (or noun's) complement attributed content?

A candidate is a cue token plus one frame present under it (see ``frames``). Its features are
plain strings (the lemma, the frame, the subject's kind, ...); the weights live in
``knowledge/data/quotes/cue_model.jsonl``, trained on PolNeAR ``train`` by
``evals.polnear.learn_cue_model`` (``python -m evals train cue-model``). Scoring is a sum of dictionary lookups. The words
features test (person pronouns, embedded-clause labels) are lexicon lists, so the features the
model was trained on stay as they were.
"""

from __future__ import annotations

import math
from itertools import repeat

from .cues import nominal_source, subject_token
from .frames import complements, pos_groups


def _subject_features(subj, words) -> list[str]:
    if subj is None:
        return ["subj=none"]
    out = [f"subj_tag={subj.tag_}"]
    if subj.ent_type_:
        out.append(f"subj_ent={subj.ent_type_}")
    if subj.lower_ in words["person_subject_pronouns"]:
        out.append("subj=person_pronoun")
    elif subj.pos_ == "PRON":
        out.append(f"subj_pron={subj.lower_}")
    else:
        out.append(f"subj_lemma={subj.lemma_.lower()}")
    return out


def candidate_features(tok, frame: str, span: tuple[int, int], subj, *, in_quote: bool, words) -> list[str]:
    """Features of the candidate "``tok``'s ``frame`` complement (token range ``span``) is content"."""
    return _with_frame(tok, _token_features(tok, subj, in_quote=in_quote, words=words), frame, span)


def _token_features(tok, subj, *, in_quote: bool, words):
    """The features of a candidate that depend on its cue token only, read once for all its
    frames: (lemma, the pos/tag/dep features, the subject-to-head_lemma features, aux/under)."""
    lemma = tok.lemma_.lower()
    dep = tok.dep_
    mid = _subject_features(subj, words)
    if subj is not None:
        mid.append(f"lemma_subj={lemma}|{'pron' if subj.pos_ == 'PRON' else subj.ent_type_ or subj.pos_}")
    kids = list(tok.children)
    kid_deps = [c.dep_ for c in kids]
    if "neg" in kid_deps:
        mid.append("negated")
    if in_quote:
        mid.append("in_quote")
    if dep in words["embedded_clause_deps"]:
        mid.append(f"head_lemma={tok.head.lemma_.lower()}|{dep}")
    tail = [f"aux={c.lower_}" for c, d in zip(kids, kid_deps) if d == "aux"]
    # Inside the clause of a reporting verb higher up: PARC annotates only the outermost attribution.
    node, depth = tok, 0
    while node.head.i != node.i and depth < 5:
        if node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX"):
            tail.append(f"under={node.head.lemma_.lower()}")
            tail.append("under_ccomp")
            break
        node, depth = node.head, depth + 1
    return lemma, (f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={dep}"), mid, tail


def _with_frame(tok, token_features, frame: str, span: tuple[int, int]) -> list[str]:
    """All features of one candidate: its token's, with the frame's in their places."""
    lemma, (pos, tag, dep), mid, tail = token_features
    n = span[1] - span[0]
    length = "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"
    doc = tok.doc
    first = doc[span[0]]
    feats = [
        f"lemma={lemma}",
        f"lemma_frame={lemma}|{frame}",
        f"frame={frame}",
        pos,
        tag,
        dep,
        f"frame_len={frame}|{length}",
        f"first={first.lower_ if first.is_stop else first.pos_}",
        f"before={'yes' if span[0] < tok.i else 'no'}",
    ]
    feats += mid
    if frame != "ccomp":
        root = doc[span[0]:span[1]].root
        feats.append(f"obj={frame}|{root.lemma_.lower()}")
    feats += tail
    return feats


def probability(features: list[str], weights: dict[str, float], bias: float) -> float:
    z = bias + sum(map(weights.get, features, repeat(0.0)))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def candidates(doc, kb, quoted: set[int], *, groups: list | None = None, lemmas: list[str] | None = None):
    """Yield ``(token, frame, span, subject, features)`` for every frame under every possible cue.

    Args:
        doc: The parse.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (verbs marked ``not_a_cue`` in
            ``kb.quotes`` are skipped; words from ``kb.lexicon``).
        quoted: Token indices inside marked quotations.
        groups, lemmas: :func:`~.frames.pos_groups` and the lower-cased lemmas of the tokens,
            when the caller has them already.
    """
    words, verbs = kb.lexicon, kb.quotes.verbs
    preps = words["frame_prepositions"]
    if groups is None or lemmas is None:
        groups, lemmas = pos_groups(doc)
    for i, pos in enumerate(groups):
        if pos is None or (pos == "VERB" and verbs.get(lemmas[i]) == "not_a_cue"):
            continue
        tok = doc[i]
        if tok.n_rights == 0 and (pos != "VERB" or tok.n_lefts == 0):
            continue  # no complement can follow (nouns, adjectives) or hang off it at all
        frames = complements(tok, preps)
        if not frames:
            continue
        subj = subject_token(tok, words) if pos == "VERB" else nominal_source(tok, words)
        features = _token_features(tok, subj, in_quote=i in quoted, words=words)
        for frame, span in frames.items():
            yield tok, frame, span, subj, _with_frame(tok, features, frame, span)
