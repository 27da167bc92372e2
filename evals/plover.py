"""PLOVER gold records (``plover/gsr.jsonl``): event-type accuracy and actor/recipient country F1.

Gold labels are PLOVER v0.5; they are mapped to the current ontology: DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

Each record is one sentence with one gold event. The full pipeline (actors, quotes, events)
runs on it and its *main* event is scored: the event whose governing predicate (the token of the
rule's first pattern) is nearest the root of the parse (ties: higher confidence, then first). A record without any event counts as wrong.

Figures:

- ``event_type_accuracy``: main event's type equals the gold type (pipeline actors).
- ``event_type_accuracy_gold_actors``: the same with actor mentions built from the gold actor and
  recipient strings (isolates the events stage from actor resolution).
- ``typing_accuracy``: the type of the stage's candidate nearest the root, actors not required.
- ``country_f1``: micro F1 over (role, country) pairs of the main event against gold actor and
  recipient countries (pipeline actors). Where the gold record has no recipient and several
  actors (reciprocal "SRC/TAR"), both sides are compared as one set of parties.

``python -m evals run plover --cv`` gives the same figures with the learned typing step
(:mod:`dyadscope.events.typer`) cross-validated: five folds of near-duplicate groups
(:mod:`evals.event_typer`), each record coded with a model fitted without its fold.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from . import gold_path

V05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def _country(actor) -> str | None:
    """The gold records' country convention: ISO-3 country, or "IGO" for any intergovernmental
    organisation (the UN, EU, NATO... are all coded IGO in gsr.jsonl)."""
    if (actor.code or "").startswith("IGO"):
        return "IGO"
    code = actor.country or actor.code
    if not code:
        return None
    return "IGO" if code.startswith("IGO") else code[:3]


def _pattern_lemmas(kb) -> dict[str, str]:
    """Pattern id -> lemma, to find an event's governing predicate from its rule."""
    if kb is None:
        return {}
    out = {}
    for table in (kb.events.verbs, kb.events.nouns):
        for lemma, patterns in table.items():
            for p in patterns:
                out[p.id] = lemma
    return out


def _predicate_depth(e, span, lemmas: dict[str, str]) -> int:
    """Depth in the parse of the event's governing predicate: the token of the span carrying the
    lemma of the rule's first pattern ("v.agree" in "v.agree+v.open"), else the shallowest token
    of the span that is not one of the event's actors."""
    first = e.rule.split(":", 1)[-1].split("+", 1)[0]
    lemma = lemmas.get(first)
    depths = [sum(1 for _ in t.ancestors) for t in span if lemma is not None and lemma in (t.lemma_.lower(), t.lower_)]
    if depths:
        return min(depths)
    actor_chars = {i for a in (*e.source, *e.target) for i in range(a.start, a.end)}
    return min((sum(1 for _ in t.ancestors) for t in span if t.idx not in actor_chars), default=99)


def _main_event(events, doc, kb=None):
    """The event whose governing predicate is nearest the root (ties: higher confidence, then first)."""
    lemmas = _pattern_lemmas(kb)
    best, best_key = None, None
    for e in events:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        depth = _predicate_depth(e, span, lemmas) if span is not None else 99
        key = (depth, -e.confidence, e.start)
        if best is None or key < best_key:
            best, best_key = e, key
    return best


def _gold_mentions(text: str, record: dict):
    from dyadscope.records import Mention

    out = []
    for a in record.get("actor", []) + record.get("recipient", []):
        if not a.get("text") or not a.get("code"):
            continue
        for m in re.finditer(re.escape(a["text"]), text):
            out.append(Mention(m.start(), m.end(), a["text"], a["text"], a["code"], a["code"], a.get("sector"), "state"))
    return sorted(out, key=lambda m: m.start)


def _pairs(actors, recipients, reciprocal: bool) -> set:
    if reciprocal:
        return {("party", c) for c in actors | recipients}
    return {("actor", c) for c in actors} | {("recipient", c) for c in recipients}


def _score(records: list[dict], nlp, kb_of) -> dict:
    """The figures over ``records``, each coded with the knowledge ``kb_of(record)``."""
    from dyadscope.events import coded_events, sentence_quad
    from dyadscope.events.attach import DocActors
    from dyadscope.nlp import release_spans
    from dyadscope.pipeline import process_doc
    from dyadscope.records import Article

    t0 = time.perf_counter()
    ok = ok_gold = ok_typing = 0
    tp = n_pred = n_gold = 0
    per_type: dict[str, list[int]] = {}
    for doc, rec in zip(nlp.pipe((r["text"] for r in records), batch_size=32), records):
        kb = kb_of(rec)
        gold_type = V05.get(rec["event"], rec["event"])
        article = Article(doc_id=rec.get("id", "plover"), text=rec["text"])
        res = process_doc(doc, article, kb=kb)
        main = _main_event(res.events, doc, kb)
        hit = main is not None and main.event_type == gold_type
        ok += hit
        per_type.setdefault(gold_type, [0, 0])
        per_type[gold_type][0] += hit
        per_type[gold_type][1] += 1
        gold_events = coded_events(doc, article=article, mentions=_gold_mentions(rec["text"], rec), quotes=res.quotes, kb=kb)
        gmain = _main_event(gold_events, doc, kb)
        ok_gold += gmain is not None and gmain.event_type == gold_type
        typed = None
        dactors = DocActors(doc, [], kb)
        for sent in doc.sents:
            _, cand = sentence_quad(sent, kb, dactors)
            if cand is not None:
                row = kb.events.cameo.get(cand.code)
                typed = row.plover_type if row else None
                break
        ok_typing += typed == gold_type
        release_spans(doc)  # the calls after process_doc built the doc's span cache again
        g_act = {a["code"] for a in rec.get("actor", []) if a.get("code")}
        g_rec = {a["code"] for a in rec.get("recipient", []) if a.get("code")}
        reciprocal = not g_rec and len(g_act) >= 2
        gold_pairs = _pairs(g_act, g_rec, reciprocal)
        pred_pairs: set = set()
        if main is not None:
            p_src = {c for c in map(_country, main.source) if c}
            p_tgt = {c for c in map(_country, main.target) if c}
            pred_pairs = _pairs(p_src, p_tgt, reciprocal or main.rule.endswith("+recip"))
            if reciprocal != main.rule.endswith("+recip"):
                # compare on the gold record's terms
                pred_pairs = _pairs(p_src, p_tgt, reciprocal)
        tp += len(pred_pairs & gold_pairs)
        n_pred += len(pred_pairs)
        n_gold += len(gold_pairs)
    n = len(records)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "records": n,
        "event_type_accuracy": ok / n if n else 0.0,
        "event_type_accuracy_gold_actors": ok_gold / n if n else 0.0,
        "typing_accuracy": ok_typing / n if n else 0.0,
        "country_precision": p,
        "country_recall": r,
        "country_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "per_type_accuracy": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_type.items())},
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _records(path: Path | None) -> list[dict]:
    src = gold_path("plover/gsr.jsonl", path)
    return [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(path: Path | None = None, *, nlp=None, kb=None) -> dict:
    """Event-type accuracy (pipeline actors, gold actors, actor-free typing) and country F1."""
    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp

    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    return _score(_records(path), nlp, lambda rec: kb)


def run_cv(path: Path | None = None, *, nlp=None, kb=None) -> dict:
    """The same figures with the typing model cross-validated: each record is coded with the
    model of its fold (:func:`evals.event_typer.fold_models`), fitted without the fold's records
    and their near-duplicates (a CAMEO manual sentence, its ConfliBERT copy, ...). Records grouped
    with the ConfliBERT fifth are in no model's data; they take the model of ``fold_of`` their text."""
    from dataclasses import replace

    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp

    from .event_typer import fold_models, fold_of, prepared_items

    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    records = _records(path)
    folds = fold_models(prepared_items(path.parents[1] if path else None, nlp=nlp, kb=kb), kb)
    kbs = [replace(kb, events=replace(kb.events, typer=model)) for model, _ in folds]
    fold_by_id = {it.key: k for k, (_, held) in enumerate(folds) for it in held}
    figures = _score(records, nlp, lambda rec: kbs[fold_by_id.get(rec["id"], fold_of(rec["text"]))])
    figures["folds"] = {str(k): len(held) for k, (_, held) in enumerate(folds)}
    return figures
