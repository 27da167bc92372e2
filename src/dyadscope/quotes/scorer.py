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

from .cues import nominal_source, subject_token
from .frames import complements, pos_group


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
    lemma = tok.lemma_.lower()
    n = span[1] - span[0]
    length = "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"
    first = tok.doc[span[0]]
    feats = [
        f"lemma={lemma}",
        f"lemma_frame={lemma}|{frame}",
        f"frame={frame}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"frame_len={frame}|{length}",
        f"first={first.lower_ if first.is_stop else first.pos_}",
        f"before={'yes' if span[0] < tok.i else 'no'}",
    ]
    feats += _subject_features(subj, words)
    if subj is not None:
        feats.append(f"lemma_subj={lemma}|{'pron' if subj.pos_ == 'PRON' else subj.ent_type_ or subj.pos_}")
    if any(c.dep_ == "neg" for c in tok.children):
        feats.append("negated")
    if in_quote:
        feats.append("in_quote")
    if tok.dep_ in words["embedded_clause_deps"]:
        feats.append(f"head_lemma={tok.head.lemma_.lower()}|{tok.dep_}")
    if frame != "ccomp":
        root = tok.doc[span[0]:span[1]].root
        feats.append(f"obj={frame}|{root.lemma_.lower()}")
    for c in tok.children:
        if c.dep_ == "aux":
            feats.append(f"aux={c.lower_}")
    # Inside the clause of a reporting verb higher up: PARC annotates only the outermost attribution.
    node, depth = tok, 0
    while node.head.i != node.i and depth < 5:
        if node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX"):
            feats.append(f"under={node.head.lemma_.lower()}")
            feats.append("under_ccomp")
            break
        node, depth = node.head, depth + 1
    return feats


def probability(features: list[str], weights: dict[str, float], bias: float) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in features)
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def candidates(doc, kb, quoted: set[int]):
    """Yield ``(token, frame, span, subject, features)`` for every frame under every possible cue.

    Args:
        doc: The parse.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (verbs marked ``not_a_cue`` in
            ``kb.quotes`` are skipped; words from ``kb.lexicon``).
        quoted: Token indices inside marked quotations.
    """
    words, verbs = kb.lexicon, kb.quotes.verbs
    preps = words["frame_prepositions"]
    for tok in doc:
        pos = pos_group(tok)
        if pos is None or (pos == "VERB" and verbs.get(tok.lemma_.lower()) == "not_a_cue"):
            continue
        if tok.n_rights == 0 and (pos != "VERB" or tok.n_lefts == 0):
            continue  # no complement can follow (nouns, adjectives) or hang off it at all
        frames = complements(tok, preps)
        if not frames:
            continue
        subj = subject_token(tok, words) if pos == "VERB" else nominal_source(tok, words)
        for frame, span in frames.items():
            yield tok, frame, span, subj, candidate_features(tok, frame, span, subj, in_quote=tok.i in quoted, words=words)
