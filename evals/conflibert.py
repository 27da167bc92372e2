"""ConfliBERT CAMEO annotations: penta-class sentence typing and source/target span F1.

``cameo_class.tsv`` (sentence, label 0-4): labels follow the Phoenix "penta" convention:
0 statement (CAMEO roots 01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08),
3 verbal conflict (09-13 and 16), 4 material conflict (14-15, 17-20). Note this differs from
the GDELT 2.0 quad class stored on events (appeals 02 are verbal cooperation there, 16 material
conflict).

A sentence is typed by the events stage's own patterns without needing actors
(:func:`dyadscope.events.sentence_quad`): the candidate nearest the root decides; no candidate
means 0. Following the CAMEO coding rules, a negated cooperative act ("will not lift the
embargo") counts as a rejection (3). Nothing is trained on this file, so every sentence is
scored; the figures are also given on a fixed held-out fifth (md5 of the sentence) kept for
comparison with trained alternatives.

With ``extract`` (``python -m evals run conflibert --extract``), only the fifth is scored, and
through the public path: its sentences, one JSON Lines document each, go through
``python -m dyadscope extract`` in a subprocess; a sentence's type is that of its main exported
event (governing predicate nearest the root, as :mod:`evals.plover` picks it), 0 without one, a
negated cooperative act 3. Nothing of the typing model is fitted on the fifth
(``evals/event_typer.py`` leaves it and its near-duplicates out).

``cameo_ner.txt`` (CoNLL BIO with S/T/R tags): the full pipeline (actors, quotes, events) runs
on each sentence; predicted source spans are the local mentions of event sources, target spans
those of targets (reciprocal parties count for both). A predicted span matches a gold span of the
same role when they share at least half of the longer one's tokens (one-to-one).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from . import gold_path


def penta_of_code(code: str) -> int:
    """Phoenix penta class of a CAMEO code."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def held_out(sentence: str) -> bool:
    """The fixed held-out fifth."""
    return int(hashlib.md5(sentence.encode("utf-8")).hexdigest(), 16) % 5 == 0


def sentence_penta(doc, kb) -> int:
    """Penta class of a parsed sentence (or short text): first sentence with a candidate decides."""
    from dyadscope.events import sentence_quad
    from dyadscope.events.attach import DocActors

    dactors = DocActors(doc, [], kb)
    for sent in doc.sents:
        _, cand = sentence_quad(sent, kb, dactors)
        if cand is None:
            continue
        penta = penta_of_code(cand.code)
        own = [cand.trigger, *cand.chain]
        negated = any(c.dep_ == "neg" for t in own for c in t.children)
        if negated and penta in (1, 2):
            return 3
        return penta
    return 0


def _read_ner(path: Path) -> list[tuple[list[str], list[str]]]:
    out, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        parts = line.rsplit(" ", 1)
        if len(parts) != 2:
            continue
        words.append(parts[0])
        tags.append(parts[1])
    if words:
        out.append((words, tags))
    return out


def _gold_spans(words, tags):
    """``(role, start_char, end_char)`` from BIO tags over ``" ".join(words)``."""
    spans, offs, pos = [], [], 0
    for w in words:
        offs.append((pos, pos + len(w)))
        pos += len(w) + 1
    cur = None
    for (s, e), t in zip(offs, tags):
        if t.startswith("B-"):
            if cur:
                spans.append(cur)
            cur = [t[2:], s, e]
        elif t.startswith("I-") and cur and cur[0] == t[2:]:
            cur[2] = e
        else:
            if cur:
                spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    out = []
    for role, s, e in spans:
        if role == "R":
            out += [("S", s, e), ("T", s, e)]
        else:
            out.append((role, s, e))
    return out


def _tok(text, s, e):
    return set(range(len(text[:s].split()), len(text[:e].split())))


def _match(pred, gold, text) -> int:
    used, tp = set(), 0
    for role, s, e in pred:
        ps = _tok(text, s, e)
        for j, (grole, gs, ge) in enumerate(gold):
            if j in used or grole != role:
                continue
            g = _tok(text, gs, ge)
            if ps and g and len(ps & g) >= 0.5 * max(len(ps), len(g)):
                used.add(j)
                tp += 1
                break
    return tp


def run(path: Path | None = None, *, limit: int | None = None, nlp=None, kb=None) -> dict:
    """Penta accuracy (all sentences and the held-out fifth) and source/target span F1."""
    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp
    from dyadscope.pipeline import process_doc
    from dyadscope.records import Article

    folder = gold_path("conflibert", path)
    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    rows = []
    for line in (folder / "cameo_class.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit():
                rows.append((text, int(label)))
    rows = rows[:limit] if limit else rows
    t0 = time.perf_counter()
    confusion = [[0] * 5 for _ in range(5)]
    ok = ok_held = n_held = 0
    for doc, (text, label) in zip(nlp.pipe((r[0] for r in rows), batch_size=64), rows):
        pred = sentence_penta(doc, kb)
        confusion[label][pred] += 1
        ok += pred == label
        if held_out(text):
            n_held += 1
            ok_held += pred == label
    figures = {
        "penta_accuracy": ok / len(rows) if rows else 0.0,
        "penta_accuracy_heldout": ok_held / n_held if n_held else 0.0,
        "sentences": len(rows),
        "heldout_sentences": n_held,
        "confusion_gold_by_pred": {str(i): confusion[i] for i in range(5)},
    }
    ner = _read_ner(folder / "cameo_ner.txt")
    ner = ner[:limit] if limit else ner
    texts = [" ".join(w) for w, _ in ner]
    tp = n_pred = n_gold = 0
    role_counts = {"S": [0, 0, 0], "T": [0, 0, 0]}
    for doc, (words, tags), text in zip(nlp.pipe(texts, batch_size=64), ner, texts):
        gold = _gold_spans(words, tags)
        res = process_doc(doc, Article(doc_id="ner", text=text), kb=kb)
        pred = set()
        for e in res.events:
            for a in e.source:
                pred.add(("S", a.start, a.end))
            for a in e.target:
                pred.add(("T", a.start, a.end))
        pred = sorted(pred)
        for role in ("S", "T"):
            p = [x for x in pred if x[0] == role]
            g = [x for x in gold if x[0] == role]
            m = _match(p, g, text)
            role_counts[role][0] += m
            role_counts[role][1] += len(p)
            role_counts[role][2] += len(g)
        tp += _match(pred, gold, text)
        n_pred += len(pred)
        n_gold += len(gold)

    def prf(t, np_, ng):
        p = t / np_ if np_ else 0.0
        r = t / ng if ng else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    figures["span_f1"] = prf(tp, n_pred, n_gold)
    figures["source_span"] = prf(*role_counts["S"])
    figures["target_span"] = prf(*role_counts["T"])
    figures["ner_sentences"] = len(ner)
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    return figures


def _extract_records(texts: list[str]) -> dict[str, list[dict]]:
    """Event records of ``dyadscope extract`` run on ``texts`` (document ids ``s0``, ``s1``, ...)."""
    from . import CHECKOUT

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "fifth.jsonl", Path(tmp) / "records.jsonl"
        src.write_text("".join(json.dumps({"id": f"s{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(CHECKOUT / "src"), os.environ.get("PYTHONPATH", "")]))
        subprocess.run([sys.executable, "-m", "dyadscope", "extract", str(src), "-o", str(out)], check=False, env=env,
                       stdout=subprocess.DEVNULL)
        events: dict[str, list[dict]] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("kind") == "event":
                events.setdefault(rec["doc_id"], []).append(rec)
    return events


def _record_penta(doc, records: list[dict], kb) -> int:
    """Penta class of a sentence from its exported events: the main event's code (a negated
    cooperative act counts as a rejection, 3), 0 without events."""
    from .plover import _main_event

    events = [SimpleNamespace(rule=r["rule"], start=r["start"], end=r["end"], confidence=r["confidence"],
                              source=(), target=(), record=r) for r in records]
    main = _main_event(events, doc, kb)
    if main is None:
        return 0
    penta = penta_of_code(main.record["cameo"])
    return 3 if main.record["modality"] == "negated" and penta in (1, 2) else penta


def run_extract(path: Path | None = None, *, nlp=None, kb=None) -> dict:
    """Penta accuracy on the fixed fifth through ``dyadscope extract`` (the public path)."""
    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp

    folder = gold_path("conflibert", path)
    rows = []
    for line in (folder / "cameo_class.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit() and held_out(text):
                rows.append((text, int(label)))
    t0 = time.perf_counter()
    records = _extract_records([t for t, _ in rows])
    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    ok = typed = 0
    for i, (doc, (_, label)) in enumerate(zip(nlp.pipe((t for t, _ in rows), batch_size=64), rows)):
        got = records.get(f"s{i}", [])
        typed += any("+typed." in r["rule"] for r in got)
        ok += _record_penta(doc, got, kb) == label
    return {
        "penta_accuracy_heldout_extract": ok / len(rows) if rows else 0.0,
        "heldout_sentences": len(rows),
        "sentences_with_a_typed_event": typed,
        "seconds": round(time.perf_counter() - t0, 1),
    }
