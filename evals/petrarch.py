"""PETRARCH-2 unit tests (``petrarch/unit_tests.jsonl``): strict and lenient pass rates.

Each record's ``text`` is parsed by our spaCy pipeline (the Penn Treebank parse in the record is
ignored) with the record ``date`` as the article date, and coded by the full pipeline with the
suite's actor and agent dictionaries loaded (``PETR.Validate.actors.txt``/``agents.txt``). The
suite's expected codes come from its own verb dictionary, so the main figures load
``PETR.Validate.verbs.txt`` through :mod:`dyadscope.knowledge.petrarch_verbs` (its verbs replace
ours; our noun patterns and compositions stay); figures with our dictionaries only are given too.

Scored records: those whose expected codes are all codes of our CAMEO table (the suite's 8xx/9xx
and other non-CAMEO codes are skipped); records with ``expect_no_events`` are scored (they pass
when we code no complete event). ``config_overrides`` are all empty in this half of the suite.

- strict: the set of predicted ``(source, target, cameo)`` triples equals the expected set;
- lenient: every expected ``(source, target, CAMEO root)`` is among the predicted ones (extra
  predictions allowed), and no-event records yield nothing.

Predicted triples come from complete events only (source and target), one per source x target
code; reciprocal events give both directions.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

from . import gold_path


def _triples(events) -> set[tuple]:
    out = set()
    for e in events:
        if not e.source or not e.target:
            continue
        for s in e.source:
            for t in e.target:
                out.add((s.code, t.code, e.cameo))
                if e.rule.endswith("+recip"):
                    out.add((t.code, s.code, e.cameo))
    return out


def _score(records, nlp, kb) -> dict:
    from dyadscope.pipeline import process_doc
    from dyadscope.records import Article

    strict = lenient = 0
    failures = []
    for doc, rec in zip(nlp.pipe((r["text"] for r in records), batch_size=32), records):
        d = str(rec.get("date") or "")
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None
        res = process_doc(doc, Article(doc_id=rec["id"], text=rec["text"], date=date), kb=kb)
        pred = _triples(res.events)
        if rec.get("expect_no_events"):
            gold: set[tuple] = set()
        else:
            gold = {(e["source"], e["target"], e["cameo"]) for e in rec["expected_events"]}
        ok_strict = pred == gold
        roots = {(s, t, c[:2]) for s, t, c in pred}
        ok_lenient = (not pred) if not gold else all((s, t, c[:2]) in roots for s, t, c in gold)
        strict += ok_strict
        lenient += ok_lenient
        if not ok_lenient:
            failures.append(rec["id"])
    n = len(records)
    return {
        "records": n,
        "strict": strict / n if n else 0.0,
        "lenient": lenient / n if n else 0.0,
        "lenient_failures": failures[:20],
    }


def run(path: Path | None = None, *, nlp=None) -> dict:
    """Strict and lenient pass rates with the suite's verb dictionary and with ours only."""
    from dyadscope.knowledge import load_knowledge
    from dyadscope.knowledge.petrarch_verbs import read_petrarch_verbs, with_verb_patterns
    from dyadscope.nlp import load_nlp

    src = gold_path("petrarch/unit_tests.jsonl", path)
    folder = src.parent
    kb = load_knowledge(actor_files=[folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"])
    records = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = [
        r for r in records
        if all(e.get("cameo") in kb.events.cameo for e in r.get("expected_events", []))
        and (r.get("expect_no_events") or r.get("expected_events"))
    ]
    nlp = nlp or load_nlp()
    t0 = time.perf_counter()
    patterns, skipped = read_petrarch_verbs(folder / "PETR.Validate.verbs.txt", kb.events.cameo)
    suite_kb = replace(kb, events=with_verb_patterns(kb.events, patterns))
    with_suite = _score(scored, nlp, suite_kb)
    own = _score(scored, nlp, kb)
    return {
        "records_total": len(records),
        "records_scored": len(scored),
        "strict": with_suite["strict"],
        "lenient": with_suite["lenient"],
        "own_dictionaries": {"strict": own["strict"], "lenient": own["lenient"]},
        "suite_verb_patterns": len(patterns),
        "suite_patterns_skipped": skipped,
        "lenient_failures": with_suite["lenient_failures"],
        "seconds": round(time.perf_counter() - t0, 1),
    }
