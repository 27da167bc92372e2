"""The learned typing step: re-types a rule candidate's PLOVER/CAMEO class where the rules do not
generalise, from the sentence's words and what the rules found.

The model (``knowledge/data/events/typer.jsonl``, fitted by ``python -m evals train event-typer``)
is a multinomial logistic regression over TF-IDF-weighted lemma unigrams and bigrams of the
sentence plus indicator features of the rules' candidate (its class, CAMEO root, first pattern,
trigger lemma, negation). Its classes are the (PLOVER type, penta class) pairs of the CAMEO table
(``"ASSAULT/4"``, ``"REQUEST/0"`` for appeals, ``"REQUEST/3"`` for demands, ``"/0"`` for public
statements), each with the CAMEO code an event re-typed to it takes.

It never decides whether there is an event: it is applied only to a candidate the rules found,
and a re-typed event keeps its actors, evidence and modality; its rule name ends in ``+typed.v1``.
Applying it is a few dictionary look-ups per word of the sentence (pure Python).
"""

from __future__ import annotations

import math

from ..knowledge.typer import TypingModel
from ..rules import rule_table



def penta_of_code(code: str) -> int:
    """Phoenix penta class of a CAMEO code: 0 statements and appeals (01-02), 1 verbal
    cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13, 16),
    4 material conflict (14-15, 17-20)."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 or root == 16 else 4


def class_of_code(code: str, cameo) -> str | None:
    """The typing class of a CAMEO code (``"ASSAULT/4"``), from the code table ``cameo``."""
    row = cameo.get(code)
    if row is None:
        return None
    return f"{row.plover_type or ''}/{penta_of_code(code)}"


def _word(tok, name_entities) -> str | None:
    if tok.ent_type_ in name_entities:
        return "e:" + tok.ent_type_.lower()
    if not tok.is_alpha or tok.is_stop:
        return None
    return tok.lemma_.lower()


def word_features(sent, name_entities) -> list[str]:
    """Lemma unigrams (``w:``) and bigrams (``b:``) of the sentence, words of the spaCy entity
    types ``name_entities`` replaced by their type (a run of them by one), stop words and
    non-words left out; repeated as often as they occur."""
    words = [w for w in (_word(t, name_entities) for t in sent) if w is not None]
    dedup = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1] or not w.startswith("e:")]
    return [f"w:{w}" for w in dedup] + [f"b:{a}_{b}" for a, b in zip(dedup, dedup[1:])]


def rule_features(cand, cameo) -> list[str]:
    """Indicators of what the rules found: the candidate's class, CAMEO root, first pattern,
    trigger lemma, whether its predicate is negated, or ``r:none``."""
    if cand is None:
        return ["r:none"]
    own = [cand.trigger, *cand.chain]
    out = [
        f"r:class:{class_of_code(cand.code, cameo)}",
        f"r:root:{cand.code[:2]}",
        f"r:pattern:{cand.rule.split('+', 1)[0]}",
        f"r:trigger:{cand.trigger.lemma_.lower()}",
    ]
    if any(c.dep_ == "neg" for t in own for c in t.children):
        out.append("r:negated")
    return out


def class_probabilities(model: TypingModel, words: list[str], rules: list[str]) -> list[float]:
    """Softmax probabilities of ``model.classes`` for one candidate's features: word features
    weighted by sublinear TF-IDF and L2-normalised, rule features as indicators."""
    counts: dict[str, int] = {}
    for f in words:
        if f in model.idf:
            counts[f] = counts.get(f, 0) + 1
    values = {f: (1.0 + math.log(n)) * model.idf[f] for f, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    values = {f: v / norm for f, v in values.items()}
    values.update({f: 1.0 for f in rules})
    scores = list(model.intercepts)
    for f, v in values.items():
        for k, w in model.weights.get(f, {}).items():
            scores[k] += v * w
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def retyped_code(model: TypingModel, sent, cand, cameo) -> tuple[str, float] | None:
    """``(code, probability)`` when the model is confident (``model.threshold``) that the rule
    candidate ``cand`` belongs to a class with a PLOVER type in another penta class; else None
    (keep the rules'). Within one penta class the rules' type stands: most of the model's
    real-news data (ConfliBERT) labels only the penta class, so it has little evidence there."""
    probs = class_probabilities(model, word_features(sent, model.name_entities), rule_features(cand, cameo))
    best = max(range(len(probs)), key=probs.__getitem__)
    if probs[best] < model.threshold or model.classes[best].startswith("/"):
        return None
    if model.classes[best].split("/")[1] == str(penta_of_code(cand.code)):
        return None
    return model.codes[best], probs[best]


def main_candidate(cands, cameo):
    """The candidate nearest the root of the parse among those with a code of the table (the one
    the sentence is typed by), or None."""
    best, best_depth = None, None
    for cand in cands:
        if cand.code not in cameo:
            continue
        top = cand.chain[0] if cand.chain else cand.trigger
        depth = sum(1 for _ in top.ancestors)
        if best is None or depth < best_depth:
            best, best_depth = cand, depth
    return best


def learned_type(sent, cands, kb) -> None:
    """Re-type the sentence's main candidate in place where the model (``kb.events.typer``) is
    confident the rules' class is wrong: its code becomes the model's, its rule gains
    ``+typed.<version>`` and its confidence is the model's probability. Statement candidates
    (no PLOVER type) are left alone: the model never makes an event of what the rules did not."""
    model = kb.events.typer
    cand = main_candidate(cands, kb.events.cameo) if model is not None else None
    if cand is None or not kb.events.cameo[cand.code].plover_type:
        return
    got = retyped_code(model, sent, cand, kb.events.cameo)
    if got is not None:
        cand.code = got[0]
        cand.rule += f"+typed.{model.version}"
        cand.confidence = round(got[1], 3)


#: The learned step, applied to a sentence's candidates before they are coded.
TYPING_RULES = rule_table(
    ("events.typing.learned_type.v1", learned_type),
)
