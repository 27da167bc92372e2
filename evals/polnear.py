"""PolNeAR attribution evaluation: content, source and cue matching of the quote stage.

Reads the Citron-style JSON copy of PolNeAR (``polnear/citron_json/<split>/*.json``, one
annotator file per article), runs the whole core pipeline on each text (parse, actors, quotes,
events) and scores the quotations.

Matching (lenient, token level; tokens are ``\\w+`` runs, so punctuation and quotation marks do
not count):

- a predicted quotation matches a gold attribution when their content tokens overlap by at least
  half of the *longer* of the two (one-to-one, greedy by overlap);
- source match, for matched pairs whose gold attribution has a source: the predicted speaker's
  local span (``Actor.start``/``end``) overlaps the gold source by at least half of the longer
  (PolNeAR sources are local mentions, pronouns included; no coreference);
- cue match, for matched pairs: the predicted cue span shares a token with the gold cue.

Figures are given overall and separately for content with quotation marks (gold: the content
text has a double quotation mark; predicted: ``direct`` or ``mixed``) and without (indirect).
"""

from __future__ import annotations

import json
import re
import time
from bisect import bisect_left, bisect_right
from pathlib import Path

from . import gold_path

_WORD = re.compile(r"\w+")
_MARKS = set('"“”„«»')


def _tokens(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _token_set(spans, starts, ends) -> frozenset[int]:
    out = set()
    for s, e in spans:
        lo = bisect_right(ends, s)  # first token ending after s
        hi = bisect_left(starts, e)  # tokens starting before e
        out.update(range(lo, hi))
    return frozenset(out)


def _overlap(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "predicted": n_pred, "gold": n_gold}


def _gold_attributions(record: dict) -> list[dict]:
    out = []
    for q in record["quotes"]:
        contents = [(c["start"], c["end"]) for c in q["contents"]]
        if not contents:
            continue
        text = " ".join(c["text"] for c in q["contents"])
        cue = [(c["start"], c["end"]) for c in (q.get("cue_fragments") or [q["cue"]])]
        out.append({
            "content": contents,
            "quoted": any(ch in _MARKS for ch in text) or "''" in text or "``" in text,
            "sources": [(s["start"], s["end"]) for s in q["sources"]],
            "cue": cue,
        })
    return out


def score_document(text: str, gold: list[dict], quotes) -> dict:
    """Counts for one document: matched pairs and their source and cue agreement."""
    starts, ends = _tokens(text)
    g_sets = [_token_set(g["content"], starts, ends) for g in gold]
    p_sets = [_token_set(q.content_spans, starts, ends) for q in quotes]
    pairs = []
    for pi, ps in enumerate(p_sets):
        for gi, gs in enumerate(g_sets):
            o = _overlap(ps, gs)
            if o >= 0.5:
                pairs.append((o, pi, gi))
    pairs.sort(reverse=True)
    used_p, used_g, matched = set(), set(), []
    for o, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        matched.append((pi, gi))
    counts = {k: 0 for k in ("pred", "pred_q", "pred_i", "gold", "gold_q", "gold_i", "tp_p", "tp_p_q", "tp_p_i",
                             "tp_g", "tp_g_q", "tp_g_i", "src_n", "src_ok", "src_n_q", "src_ok_q", "src_n_i",
                             "src_ok_i", "cue_ok", "nosrc_n", "nosrc_ok")}
    for pi, q in enumerate(quotes):
        k = "q" if q.quote_type != "indirect" else "i"
        counts["pred"] += 1
        counts[f"pred_{k}"] += 1
        if pi in used_p:
            counts["tp_p"] += 1
            counts[f"tp_p_{k}"] += 1
    for gi, g in enumerate(gold):
        k = "q" if g["quoted"] else "i"
        counts["gold"] += 1
        counts[f"gold_{k}"] += 1
        if gi in used_g:
            counts["tp_g"] += 1
            counts[f"tp_g_{k}"] += 1
    for pi, gi in matched:
        q, g = quotes[pi], gold[gi]
        k = "q" if g["quoted"] else "i"
        if g["sources"]:
            counts["src_n"] += 1
            counts[f"src_n_{k}"] += 1
            if q.speaker is not None:
                ps = _token_set([(q.speaker.start, q.speaker.end)], starts, ends)
                gs = _token_set(g["sources"], starts, ends)
                if _overlap(ps, gs) >= 0.5:
                    counts["src_ok"] += 1
                    counts[f"src_ok_{k}"] += 1
        else:
            counts["nosrc_n"] += 1
            counts["nosrc_ok"] += q.speaker is None
        if q.cue_start is not None:
            pc = _token_set([(q.cue_start, q.cue_end)], starts, ends)
            if pc & _token_set(g["cue"], starts, ends):
                counts["cue_ok"] += 1
    return counts


def run(path: Path | None = None, split: str = "dev", *, nlp=None, kb=None, limit: int | None = None) -> dict:
    """Score the quote stage on PolNeAR ``split`` and time it against the whole pipeline.

    Args:
        path: The ``polnear`` folder; default ``../shared/data/polnear``.
        split: ``dev`` (report here) or ``train``.
        nlp, kb: A loaded pipeline and knowledge object, to reuse (loaded when None).
        limit: Score only the first ``limit`` articles (sorted by name).

    Returns:
        Figures: ``content`` (overall, quoted, unquoted P/R/F1), ``source`` and ``cue`` accuracy
        on matched content, and ``speed`` (seconds per stage and the quote stage's share).

    Raises:
        FileNotFoundError: when the gold data is absent.
    """
    from dyadscope.actors import actor_mentions
    from dyadscope.events import coded_events
    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp
    from dyadscope.quotes import quotations
    from dyadscope.records import Article

    root = gold_path("polnear", path) / "citron_json" / split
    files = sorted(root.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no Citron JSON files in {root}")
    if limit:
        files = files[:limit]
    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    texts = [r["text"] for r in records]

    timing = {"parse": 0.0, "actors": 0.0, "quotes": 0.0, "events": 0.0}
    total = {}
    t0 = time.perf_counter()
    docs = []
    for doc in nlp.pipe(texts, batch_size=16):
        docs.append(doc)
    timing["parse"] = time.perf_counter() - t0
    for f, record, doc in zip(files, records, docs):
        article = Article(doc_id=f.stem, text=record["text"])
        t = time.perf_counter()
        mentions = actor_mentions(doc, article=article, kb=kb)
        timing["actors"] += time.perf_counter() - t
        t = time.perf_counter()
        quotes = quotations(doc, article=article, mentions=mentions, kb=kb)
        timing["quotes"] += time.perf_counter() - t
        t = time.perf_counter()
        coded_events(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
        timing["events"] += time.perf_counter() - t
        counts = score_document(record["text"], _gold_attributions(record), quotes)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    return figures(total, timing, len(files), split)


def figures(total: dict, timing: dict, n_docs: int, split: str) -> dict:
    """The report dict from summed counts and stage timings."""
    pipeline = sum(timing.values())
    ratio = lambda a, b: round(a / b, 3) if b else 0.0  # noqa: E731
    return {
        "split": split,
        "documents": n_docs,
        "content": {
            "all": _prf(total["tp_p"], total["pred"], total["tp_g"], total["gold"]),
            "quoted": _prf(total["tp_p_q"], total["pred_q"], total["tp_g_q"], total["gold_q"]),
            "unquoted": _prf(total["tp_p_i"], total["pred_i"], total["tp_g_i"], total["gold_i"]),
        },
        "source": {
            "accuracy": ratio(total["src_ok"], total["src_n"]),
            "accuracy_quoted": ratio(total["src_ok_q"], total["src_n_q"]),
            "accuracy_unquoted": ratio(total["src_ok_i"], total["src_n_i"]),
            "matched_with_gold_source": total["src_n"],
            "none_when_gold_has_none": ratio(total["nosrc_ok"], total["nosrc_n"]),
        },
        "cue": {"accuracy": ratio(total["cue_ok"], total["tp_p"])},
        "speed": {
            **{f"{k}_seconds": round(v, 2) for k, v in timing.items()},
            "quotes_share_of_pipeline": ratio(timing["quotes"], pipeline),
        },
    }


def learn_frames(path: Path | None = None, split: str = "train", *, nlp=None, docs=None,
                 min_support: int = 3, min_precision: float = 0.4) -> list[dict]:
    """Measure every (verb lemma, frame) pair on PolNeAR ``split`` and keep the reliable ones.

    For each verb in the parsed texts and each frame present under it
    (:func:`dyadscope.quotes.frames.complements`), a hit is a gold attribution whose cue contains
    the verb and whose content overlaps the frame's content by at least half (the evaluation's
    criterion). Pairs with at least ``min_support`` hits and hit rate ``min_precision`` become
    entries of ``knowledge/data/quotes/cue_frames.jsonl``. Never run on ``dev``.

    Args:
        docs: Parsed texts in the sorted file order (parsed here when None).

    Returns:
        Entries ``{"id", "lemma", "pos", "frame", "hits", "seen", "precision", "source"}`` sorted by
        lemma. The thresholds sit near half the F1 reached, where adding a frame still raises F1.
    """
    from dyadscope.knowledge.lexicon import load_lexicon
    from dyadscope.knowledge.load import DATA_DIR
    from dyadscope.nlp import load_nlp
    from dyadscope.quotes.frames import complements, pos_group

    preps = load_lexicon(DATA_DIR)["frame_prepositions"]
    root = gold_path("polnear", path) / "citron_json" / split
    files = sorted(root.glob("*.json"))
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    if docs is None:
        nlp = nlp or load_nlp()
        docs = nlp.pipe((r["text"] for r in records), batch_size=16)
    seen: dict[tuple[str, str, str], int] = {}
    hits: dict[tuple[str, str, str], int] = {}
    for record, doc in zip(records, docs):
        text = record["text"]
        starts, ends = _tokens(text)
        gold = _gold_attributions(record)
        cue_sets = [_token_set(g["cue"], starts, ends) for g in gold]
        content_sets = [_token_set(g["content"], starts, ends) for g in gold]
        for tok in doc:
            pos = pos_group(tok)
            if pos is None:
                continue
            frames = complements(tok, preps)
            if not frames:
                continue
            tok_set = _token_set([(tok.idx, tok.idx + len(tok))], starts, ends)
            mine = [k for k, c in enumerate(cue_sets) if c & tok_set]
            for frame, (s, e) in frames.items():
                key = (tok.lemma_.lower(), pos, frame)
                seen[key] = seen.get(key, 0) + 1
                span = _token_set([(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))], starts, ends)
                if any(_overlap(span, content_sets[k]) >= 0.5 for k in mine):
                    hits[key] = hits.get(key, 0) + 1
    out = []
    for (lemma, pos, frame), n in sorted(seen.items()):
        h = hits.get((lemma, pos, frame), 0)
        if h >= min_support and h / n >= min_precision:
            out.append({"id": f"frame:{lemma}:{pos.lower()}:{frame}", "lemma": lemma, "pos": pos, "frame": frame,
                        "hits": h, "seen": n, "precision": round(h / n, 2), "source": f"polnear-{split}"})
    return out


def _write_knowledge_jsonl(out_path: Path, about: str, entries: list[dict]) -> Path:
    """Write entries as a JSONL knowledge file and, beside it, ``<name>.about.json`` saying how it
    was made (the JSONL itself stays plain, so jq, pandas and DuckDB read it)."""
    with open(out_path, "w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    sidecar = out_path.with_name(out_path.stem + ".about.json")
    sidecar.write_text(json.dumps({"file": out_path.name, "about": about}, indent=1) + "\n", encoding="utf-8")
    return out_path


def write_frames(out_path: Path | None = None, entries: list[dict] | None = None) -> Path:
    """Write learned frames (default: learn them from PolNeAR train) as the shipped JSONL file."""
    from dyadscope.knowledge.load import DATA_DIR

    return _write_knowledge_jsonl(
        out_path or DATA_DIR / "quotes" / "cue_frames.jsonl",
        "Cue frames measured on PolNeAR train by evals.polnear.learn_frames (regenerate with "
        "`python -m evals train cue-frames`): lemma + pos + frame -> the frame's content is an "
        "attribution's content at least `precision` of the `seen` times (hits = times it was).",
        learn_frames() if entries is None else entries,
    )


def learn_cue_model(path: Path | None = None, split: str = "train", *, nlp=None, docs=None, c: float = 0.3,
                    threshold: float = 0.35, min_weight: float = 0.05) -> list[dict]:
    """Fit the cue-candidate model (``dyadscope.quotes.scorer``) on PolNeAR ``split``.

    Each candidate (a token and one frame under it) is labelled as :func:`learn_frames` does: a
    gold attribution's cue contains the token and its content overlaps the frame's content by at
    least half. A logistic regression (L2, ``C=c``) gives one weight per feature string.

    Returns:
        JSONL entries: a ``meta`` line (bias, threshold, counts) then ``{"feature", "weight"}`` lines
        for weights of magnitude ``min_weight`` or more. Never run on ``dev``.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from dyadscope.knowledge import load_knowledge
    from dyadscope.knowledge.load import DATA_DIR
    from dyadscope.nlp import load_nlp
    from dyadscope.quotes.marks import marked_quotes
    from dyadscope.quotes.scorer import candidates

    kb = load_knowledge(data_dir=DATA_DIR)
    root = gold_path("polnear", path) / "citron_json" / split
    files = sorted(root.glob("*.json"))
    records = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    if docs is None:
        nlp = nlp or load_nlp()
        docs = nlp.pipe((r["text"] for r in records), batch_size=16)
    rows, labels = [], []
    for record, doc in zip(records, docs):
        text = record["text"]
        starts, ends = _tokens(text)
        gold = _gold_attributions(record)
        cue_sets = [_token_set(g["cue"], starts, ends) for g in gold]
        content_sets = [_token_set(g["content"], starts, ends) for g in gold]
        quoted = set()
        for mq in marked_quotes(text, kb.quotes.marks):
            span = doc.char_span(mq.start, mq.end, alignment_mode="expand")
            if span is not None:
                quoted.update(range(span.start + 1, span.end - 1))
        for tok, _frame, (s, e), _subj, feats in candidates(doc, kb, quoted):
            tok_set = _token_set([(tok.idx, tok.idx + len(tok))], starts, ends)
            span_set = _token_set([(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))], starts, ends)
            hit = any(_overlap(span_set, content_sets[k]) >= 0.5 for k, cs in enumerate(cue_sets) if cs & tok_set)
            rows.append(dict.fromkeys(feats, 1))
            labels.append(int(hit))
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    entries = [{"meta": {"bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
                         "candidates": len(labels), "positives": int(sum(labels)), "C": c,
                         "source": f"polnear-{split}"}}]
    for name, w in sorted(zip(names, model.coef_[0]), key=lambda nw: -abs(nw[1])):
        if abs(w) >= min_weight:
            entries.append({"feature": str(name), "weight": round(float(w), 4)})
    return entries


def write_cue_model(out_path: Path | None = None, entries: list[dict] | None = None) -> Path:
    """Write the cue model (default: fit it on PolNeAR train) as the shipped JSONL file."""
    from dyadscope.knowledge.load import DATA_DIR

    return _write_knowledge_jsonl(
        out_path or DATA_DIR / "quotes" / "cue_model.jsonl",
        "Cue-candidate model: logistic-regression weights of dyadscope.quotes.scorer features, fitted "
        "on PolNeAR train by evals.polnear.learn_cue_model (regenerate with `python -m evals train "
        "cue-model`). First entry: bias and acceptance threshold.",
        learn_cue_model() if entries is None else entries,
    )
