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

:func:`run` also scores the suite the way a user would run it (``through_extract``): the records
written as a JSON Lines file and coded by ``dyadscope extract --actors PETR.Validate.actors.txt
--actors PETR.Validate.agents.txt --verbs PETR.Validate.verbs.txt`` in a subprocess, the triples
read back from the event records it prints (:func:`run_extract` gives only these figures).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from . import gold_path


def _triples(events) -> set[tuple]:
    """``(source code, target code, cameo)`` of events given as export records (dicts)."""
    out = set()
    for e in events:
        sources = [a["code"] for a in e["source"] if a.get("code")]
        targets = [a["code"] for a in e["target"] if a.get("code")]
        for s in sources:
            for t in targets:
                out.add((s, t, e["cameo"]))
                if e["rule"].endswith("+recip"):
                    out.add((t, s, e["cameo"]))
    return out


def _iso(d) -> str | None:
    d = str(d or "")
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None


def _score(records, nlp, kb) -> dict:
    from dyadscope.export import export_records
    from dyadscope.pipeline import process_doc
    from dyadscope.records import Article

    predicted = {}
    for i, (doc, rec) in enumerate(zip(nlp.pipe((r["text"] for r in records), batch_size=32), records)):
        res = process_doc(doc, Article(doc_id=rec["id"], text=rec["text"], date=_iso(rec.get("date"))), kb=kb)
        predicted[i] = _triples(r for r in export_records(res) if r["kind"] == "event")
    return _pass_rates(records, predicted)


def _pass_rates(records, predicted: dict[int, set]) -> dict:
    """Pass rates given the predicted triples by record number (the suite repeats some ids)."""
    strict = lenient = 0
    failures = []
    for i, rec in enumerate(records):
        pred = predicted.get(i, set())
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


def _suite(path: Path | None) -> tuple[Path, list[dict], list[dict]]:
    """The suite's folder, all its records and the scored ones (expected codes all in cameo.csv)."""
    from dyadscope.knowledge import DATA_DIR
    from dyadscope.knowledge.events import load_event_kb

    cameo = load_event_kb(DATA_DIR).cameo
    src = gold_path("petrarch/unit_tests.jsonl", path)
    records = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = [
        r for r in records
        if all(e.get("cameo") in cameo for e in r.get("expected_events", []))
        and (r.get("expect_no_events") or r.get("expected_events"))
    ]
    return src.parent, records, scored


def _through_extract(folder: Path, records: list[dict]) -> dict:
    """Pass rates of ``dyadscope extract`` run on the records with the suite's dictionaries."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "petrarch-unit-tests.jsonl"
        inputs.write_text("".join(json.dumps({"id": str(i), "text": r["text"], "date": _iso(r.get("date"))}) + "\n"
                                  for i, r in enumerate(records)), encoding="utf-8")
        cmd = [sys.executable, "-m", "dyadscope", "extract", str(inputs), "-q", "-o", "-",
               "--actors", str(folder / "PETR.Validate.actors.txt"), "--actors", str(folder / "PETR.Validate.agents.txt"),
               "--verbs", str(folder / "PETR.Validate.verbs.txt")]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dyadscope extract failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    events: dict[str, list] = {}
    for line in done.stdout.splitlines():
        rec = json.loads(line)
        if rec["kind"] == "event":
            events.setdefault(rec["doc_id"], []).append(rec)
    return _pass_rates(records, {int(doc): _triples(evs) for doc, evs in events.items()})


def run_extract(path: Path | None = None) -> dict:
    """Strict and lenient pass rates through ``dyadscope extract`` with the suite's dictionaries."""
    t0 = time.perf_counter()
    folder, records, scored = _suite(path)
    got = _through_extract(folder, scored)
    return {"records_scored": len(scored), "strict": got["strict"], "lenient": got["lenient"],
            "lenient_failures": got["lenient_failures"], "seconds": round(time.perf_counter() - t0, 1)}


def run(path: Path | None = None, *, nlp=None) -> dict:
    """Strict and lenient pass rates with the suite's verb dictionary and with ours only, and
    with the suite's dictionaries through ``dyadscope extract``."""
    from dyadscope.knowledge import load_knowledge
    from dyadscope.knowledge.petrarch_verbs import read_petrarch_verbs, with_verb_patterns
    from dyadscope.nlp import load_nlp

    folder, records, scored = _suite(path)
    kb = load_knowledge(actor_files=[folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"])
    nlp = nlp or load_nlp()
    t0 = time.perf_counter()
    patterns, skipped = read_petrarch_verbs(folder / "PETR.Validate.verbs.txt", kb.events.cameo)
    suite_kb = replace(kb, events=with_verb_patterns(kb.events, patterns))
    with_suite = _score(scored, nlp, suite_kb)
    own = _score(scored, nlp, kb)
    cli = _through_extract(folder, scored)
    return {
        "records_total": len(records),
        "records_scored": len(scored),
        "strict": with_suite["strict"],
        "lenient": with_suite["lenient"],
        "own_dictionaries": {"strict": own["strict"], "lenient": own["lenient"]},
        "suite_verb_patterns": len(patterns),
        "suite_patterns_skipped": skipped,
        "through_extract": {"strict": cli["strict"], "lenient": cli["lenient"],
                            "lenient_failures": cli["lenient_failures"]},
        "lenient_failures": with_suite["lenient_failures"],
        "seconds": round(time.perf_counter() - t0, 1),
    }
