"""Fit the learned typing step of the events stage (:mod:`dyadscope.events.typer`) and measure it.

    python -m evals train event-typer      # regenerate knowledge/data/events/typer.jsonl

Training data (all from ``../shared/data`` or ours), one item a sentence:

- ``plover/gsr.jsonl``: PLOVER type (v0.5 labels mapped as :mod:`evals.plover` does);
- ``plover/gpt_synthetic_events_*.csv.zip``: the first sentence of each synthetic story, its type;
- the CAMEO manual's example sentences (``cameo/icews_cameo-codes.csv``,
  ``cameo/cameo_codes_merged.tsv``): their CAMEO code;
- PETRARCH unit tests: the expected CAMEO code, where all expected events share one class;
- ``conflibert/cameo_class.tsv`` except its fixed held-out fifth (:func:`evals.conflibert.held_out`):
  the penta class;
- our Guardian ``dev`` annotations (never ``blind``): the type of the annotated event whose trigger
  is the rules' candidate, else the sentence's only class.

A label is a set of classes (a PLOVER type leaves the penta class of REQUEST open, a penta class
leaves the type open); the fit is a multinomial logistic regression maximising, for each item,
the probability of any class of its set.

Near-duplicates (a PLOVER record rewriting a CAMEO manual sentence, PETRARCH variants of one test
sentence, synthetic stories from one headline template) are grouped: items whose word sets overlap
by Jaccard >= 0.5, or synthetic stories with one template, are one group, transitively. A group
that holds a sentence of the ConfliBERT fifth is left out of every fit, and cross-validation folds
keep each group on one side.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import CHECKOUT, gold_path
from .conflibert import held_out
from .plover import V05

FOLDS = 5
JACCARD = 0.5
SYNTHETIC_WEIGHT = 0.3
PETRARCH_WEIGHT = 0.5
C = 4.0
# Re-type only at this probability or more: of 0.4-0.9, the value with the best mean out-of-fold
# accuracy over ConfliBERT's training part and our Guardian dev sentences (5 group folds; never
# measured on the PLOVER records or the fifth): 0.5 (ConfliBERT 0.835 -> 0.862, Guardian 0.440 ->
# 0.440 against the rules' own class).
THRESHOLD = 0.5
MIN_DF = 2
MIN_WEIGHT = 0.05
_WORD = re.compile(r"[a-z]+")
# spaCy entity types whose words the features replace by the type: names are not event words.
NAME_ENTITIES = ("FAC", "GPE", "LOC", "NORP", "ORG", "PERSON")


@dataclass
class Item:
    """One training sentence: its text, where it came from, its label set and its group."""

    text: str
    source: str
    labels: frozenset[str]
    weight: float = 1.0
    key: str = ""  # gsr record id / template: items with one key are one group
    triggers: list = field(default_factory=list)  # guardian: [(start, end, labels)] in the text
    group: int = -1
    features: tuple = ((), ())


# --- labels ---------------------------------------------------------------------------------

def classes_of(cameo) -> list[str]:
    """Every typing class of the CAMEO table, sorted."""
    from dyadscope.events.typer import class_of_code

    return sorted({class_of_code(c, cameo) for c in cameo})


def _type_labels(plover_type: str, classes) -> frozenset[str]:
    t = V05.get(plover_type, plover_type)
    return frozenset(c for c in classes if c.split("/")[0] == t)


def _penta_labels(penta: int, classes) -> frozenset[str]:
    return frozenset(c for c in classes if c.endswith(f"/{penta}"))


def _code_labels(code: str, cameo) -> frozenset[str]:
    from dyadscope.events.typer import class_of_code

    for cut in (len(code), 3, 2):
        if code[:cut] in cameo:
            return frozenset({class_of_code(code[:cut], cameo)})
    return frozenset()


# --- sources --------------------------------------------------------------------------------

def _gsr(data: Path, classes) -> list[Item]:
    rows = [json.loads(x) for x in (data / "plover" / "gsr.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [Item(r["text"], "plover", _type_labels(r["event"], classes), key=r["id"]) for r in rows]


def _synthetic(data: Path, classes) -> list[Item]:
    out = []
    for path in sorted((data / "plover").glob("gpt_synthetic_events_*.csv.zip")):
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                reader = csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8"))
                for row in reader:
                    first = re.split(r"(?<=[.!?])\s+", (row.get("text") or "").strip(), maxsplit=1)[0]
                    labels = _type_labels(row.get("label") or "", classes)
                    if first and labels:
                        out.append(Item(first, "synthetic", labels, SYNTHETIC_WEIGHT, key="t:" + (row.get("title") or "")))
    return out


def _cameo_examples(data: Path, cameo) -> list[Item]:
    seen, out = set(), []
    with open(data / "cameo" / "icews_cameo-codes.csv", encoding="utf-8") as fh:
        pairs = [(r["code"], r["example"]) for r in csv.DictReader(fh)]
    with open(data / "cameo" / "cameo_codes_merged.tsv", encoding="utf-8") as fh:
        pairs += [(r["cameo_code"], r["cameo_manual_example"]) for r in csv.DictReader(fh, delimiter="\t")]
    for code, text in pairs:
        text = (text or "").strip()
        labels = _code_labels(code.strip(), cameo)
        if text and text != "NA" and labels and text not in seen:
            seen.add(text)
            out.append(Item(text, "cameo", labels))
    return out


def _petrarch(data: Path, cameo) -> list[Item]:
    out = []
    for line in (data / "petrarch" / "unit_tests.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        labels = [_code_labels(e.get("cameo") or "", cameo) for e in r.get("expected_events") or []]
        if labels and all(x and x == labels[0] for x in labels):
            out.append(Item(r["text"], "petrarch", labels[0], PETRARCH_WEIGHT))
    return out


def _conflibert(data: Path, classes, *, fifth: bool) -> list[Item]:
    out = []
    for line in (data / "conflibert" / "cameo_class.tsv").read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        if label.strip().isdigit():
            out.append(Item(text, "conflibert-fifth" if held_out(text) else "conflibert", _penta_labels(int(label), classes)))
    return [i for i in out if fifth or i.source == "conflibert"]


def _guardian_dev(cameo, classes) -> list[Item]:
    from .guardian.annotations import load_articles, read_annotations

    articles = load_articles()
    out = []
    for doc, lines in sorted(read_annotations("dev").items()):
        by_sent: dict[tuple[int, int], list] = {}
        for e in lines:
            if e.get("kind") == "event" and e.get("type"):
                labels = _code_labels(e["cameo"], cameo) if e.get("cameo") else frozenset()
                labels = labels if labels and next(iter(labels)).split("/")[0] == e["type"] else _type_labels(e["type"], classes)
                trig = e["trigger"]
                by_sent.setdefault((e["sent_start"], e["sent_end"]), []).append((trig["start"], trig["end"], labels))
        text = articles[doc]["text"]
        for (s, t), trigs in sorted(by_sent.items()):
            shifted = [(a - s, b - s, lab) for a, b, lab in trigs]
            out.append(Item(text[s:t], "guardian", frozenset(), key=f"{doc}:{s}", triggers=shifted))
    return out


def training_items(data: Path | None = None, *, fifth: bool = False) -> list[Item]:
    """Every training item (and, with ``fifth``, the ConfliBERT fifth too, for grouping)."""
    from dyadscope.knowledge import load_knowledge

    data = data or gold_path("plover").parent
    cameo = load_knowledge().events.cameo
    classes = classes_of(cameo)
    items = _gsr(data, classes) + _cameo_examples(data, cameo) + _petrarch(data, cameo)
    items += _conflibert(data, classes, fifth=fifth) + _synthetic(data, classes)
    try:
        items += _guardian_dev(cameo, classes)
    except FileNotFoundError:
        pass
    return items


# --- near-duplicate groups ------------------------------------------------------------------

def assign_groups(items: list[Item]) -> None:
    """Set ``item.group``: one group per connected set of near-duplicates (word-set Jaccard >=
    :data:`JACCARD`, or one ``key``), found through an inverted index of rare words."""
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    sets = [set(_WORD.findall(it.text.lower())) for it in items]
    by_key: dict[str, int] = {}
    index: dict[str, list[int]] = {}
    for i, (it, words) in enumerate(zip(items, sets)):
        if it.key and it.key.startswith("t:"):
            union(i, by_key.setdefault(it.key, i))
        for w in words:
            index.setdefault(w, []).append(i)
    for i, words in enumerate(sets):
        near = {j for w in words if len(index[w]) <= 400 for j in index[w] if j < i}
        for j in near:
            if len(words & sets[j]) >= JACCARD * len(words | sets[j]):
                union(i, j)
    for i, it in enumerate(items):
        it.group = find(i)


def fold_of(group_text: str) -> int:
    """The cross-validation fold of a group, from the md5 of its first item's text."""
    return int(hashlib.md5(group_text.encode("utf-8")).hexdigest(), 16) % FOLDS


# --- features -------------------------------------------------------------------------------

def _main_candidate(doc, kb):
    """The first sentence holding a rule candidate and that candidate (else the first sentence)."""
    from dyadscope.events import sentence_quad
    from dyadscope.events.attach import DocActors

    dactors = DocActors(doc, [], kb)
    sents = list(doc.sents)
    for sent in sents:
        _, cand = sentence_quad(sent, kb, dactors)
        if cand is not None:
            return sent, cand
    return (sents[0] if sents else doc[:]), None


def _guardian_labels(item: Item, cand) -> frozenset[str]:
    """The label of the annotated event whose trigger is the candidate's predicate, else the
    sentence's one class (if all its events share it)."""
    if cand is not None:
        own = [cand.trigger, *cand.chain]
        for start, end, labels in item.triggers:
            if any(start <= t.idx < end for t in own):
                return labels
    sets = {labels for _, _, labels in item.triggers}
    return next(iter(sets)) if len(sets) == 1 else frozenset()


def featurize(items: list[Item], *, nlp=None, kb=None) -> None:
    """Set each item's ``features`` to ``(word features, rule features)`` of its main candidate
    (guardian items also get their label from it; those left without one are dropped later)."""
    from dyadscope.events.typer import rule_features, word_features
    from dyadscope.knowledge import load_knowledge
    from dyadscope.nlp import load_nlp

    nlp = nlp or load_nlp()
    kb = kb or load_knowledge()
    for doc, item in zip(nlp.pipe((i.text for i in items), batch_size=64), items):
        sent, cand = _main_candidate(doc, kb)
        item.features = (tuple(word_features(sent, NAME_ENTITIES)), tuple(rule_features(cand, kb.events.cameo)))
        if item.triggers:
            item.labels = _guardian_labels(item, cand)


# --- fitting --------------------------------------------------------------------------------

def _vocabulary(items: list[Item]) -> tuple[dict[str, int], dict[str, float]]:
    """Feature -> column for features in at least :data:`MIN_DF` items; word feature -> idf."""
    import math

    df: dict[str, int] = {}
    for it in items:
        for f in set(it.features[0]) | set(it.features[1]):
            df[f] = df.get(f, 0) + 1
    kept = sorted(f for f, n in df.items() if n >= MIN_DF)
    n = len(items)
    idf = {f: math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept if not f.startswith("r:")}
    return {f: i for i, f in enumerate(kept)}, idf


def _matrix(items, columns, idf):
    import math

    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, it in enumerate(items):
        counts: dict[str, int] = {}
        for f in it.features[0]:
            if f in idf:
                counts[f] = counts.get(f, 0) + 1
        values = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        values = {f: v / norm for f, v in values.items()}
        values.update({f: 1.0 for f in it.features[1] if f in columns})
        for f, v in sorted(values.items()):
            rows.append(r)
            cols.append(columns[f])
            vals.append(v)
    return csr_matrix((vals, (rows, cols)), shape=(len(items), len(columns)))


def _loss(params, x, member, weight, l2):
    """Negative log-likelihood of the label sets (each item: the probability of any of its
    classes) plus an L2 penalty, and its gradient."""
    import numpy as np

    n_feat, n_cls = x.shape[1], member.shape[1]
    w = params[: n_feat * n_cls].reshape(n_feat, n_cls)
    b = params[n_feat * n_cls:]
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    in_set = p * member
    mass = np.maximum(in_set.sum(axis=1), 1e-300)
    loss = -(weight * np.log(mass)).sum() + 0.5 * l2 * (w * w).sum()
    dz = weight[:, None] * (p - in_set / mass[:, None])
    grad_w = x.T @ dz + l2 * w
    return loss, np.concatenate([np.asarray(grad_w).ravel(), dz.sum(axis=0)])


def fit(items: list[Item], classes: list[str], *, c: float = C):
    """A multinomial logistic regression fitted to the items' label sets (the likelihood of an
    item is the probability of any class of its set), L2 penalty ``1/c``, L-BFGS from zero."""
    import numpy as np
    from scipy.optimize import minimize

    items = [it for it in items if it.labels]
    columns, idf = _vocabulary(items)
    x = _matrix(items, columns, idf)
    index = {k: i for i, k in enumerate(classes)}
    member = np.zeros((len(items), len(classes)))
    for r, it in enumerate(items):
        for k in it.labels:
            member[r, index[k]] = 1.0
    weight = np.array([it.weight for it in items])
    start = np.zeros(x.shape[1] * len(classes) + len(classes))
    res = minimize(_loss, start, args=(x, member, weight, 1.0 / c), jac=True, method="L-BFGS-B",
                   options={"maxiter": 400, "gtol": 1e-4})
    w = res.x[: x.shape[1] * len(classes)].reshape(x.shape[1], len(classes))
    return classes, w, res.x[x.shape[1] * len(classes):], columns, idf


def class_codes(classes: list[str], kb) -> list[str]:
    """The CAMEO code an event re-typed to each class takes: the class's shortest code, ties
    broken by how many of the rules' patterns emit a code under it (then the lowest code): 11
    (disapprove), not 09 (investigate), for ACCUSE."""
    from dyadscope.events.typer import class_of_code

    emitted = [p.cameo for table in (kb.events.verbs, kb.events.nouns) for ps in table.values() for p in ps if p.cameo]
    uses = {c: sum(1 for e in emitted if e.startswith(c)) for c in kb.events.cameo}
    out = []
    for k in classes:
        codes = [c for c in kb.events.cameo if class_of_code(c, kb.events.cameo) == k]
        out.append(min(codes, key=lambda c: (len(c), -uses.get(c, 0), c)))
    return out


def typing_model(fitted, kb, *, threshold: float):
    """The fitted regression as a :class:`~dyadscope.knowledge.typer.TypingModel` (weights rounded
    to 3 decimals, those under :data:`MIN_WEIGHT` in magnitude dropped)."""
    from dyadscope.knowledge.typer import TypingModel

    classes, coef, intercepts, columns, idf = fitted
    weights: dict[str, dict[int, float]] = {}
    for f, col in columns.items():
        row = {k: round(float(coef[col, k]), 3) for k in range(len(classes)) if abs(coef[col, k]) >= MIN_WEIGHT}
        if row:
            weights[f] = row
    return TypingModel(
        classes=tuple(classes), codes=tuple(class_codes(classes, kb)),
        intercepts=tuple(round(float(b), 3) for b in intercepts),
        weights=weights, idf={f: round(v, 3) for f, v in idf.items() if f in weights}, threshold=threshold,
        name_entities=frozenset(NAME_ENTITIES),
    )


# --- the shipped model and cross-validation -------------------------------------------------

def prepared_items(data: Path | None = None, *, nlp=None, kb=None) -> list[Item]:
    """Every item with groups and features; the ConfliBERT fifth and every item grouped with a
    sentence of it are left out."""
    items = training_items(data, fifth=True)
    assign_groups(items)
    fifth = {it.group for it in items if it.source == "conflibert-fifth"}
    items = [it for it in items if it.group not in fifth]
    featurize(items, nlp=nlp, kb=kb)
    return [it for it in items if it.labels]


def group_folds(items: list[Item]) -> dict[int, int]:
    """Group -> cross-validation fold (:func:`fold_of` of the group's first text, sorted)."""
    texts: dict[int, str] = {}
    for it in items:
        if it.group not in texts or it.text < texts[it.group]:
            texts[it.group] = it.text
    return {g: fold_of(t) for g, t in texts.items()}


def fold_models(items: list[Item], kb, *, sources=("plover",)):
    """For each fold k, ``(model fitted without fold k's groups of ``sources``, the items of
    those groups)``: a test item's near-duplicates are never in its model's training data."""
    folds = group_folds(items)
    classes = classes_of(kb.events.cameo)
    out = []
    for k in range(FOLDS):
        held = {it.group for it in items if it.source in sources and folds[it.group] == k}
        train = [it for it in items if it.group not in held]
        model = typing_model(fit(train, classes), kb, threshold=THRESHOLD)
        out.append((model, [it for it in items if it.group in held and it.source in sources]))
    return out


def model_entries(model) -> list[dict]:
    """A :class:`TypingModel` as the JSONL entries of ``typer.jsonl`` (features sorted)."""
    meta = {
        "classes": list(model.classes), "codes": list(model.codes), "intercepts": list(model.intercepts),
        "threshold": model.threshold, "version": model.version, "name_entities": sorted(model.name_entities),
    }
    out: list[dict] = [{"meta": meta}]
    for f in sorted(model.weights):
        entry = {"feature": f, "weights": {model.classes[k]: w for k, w in sorted(model.weights[f].items())}}
        if f in model.idf:
            entry["idf"] = model.idf[f]
        out.append(entry)
    return out


def write_event_typer(out_path: Path | None = None) -> Path:
    """Fit the shipped typing model on every item and write ``knowledge/data/events/typer.jsonl``
    with its ``typer.about.json`` sidecar (byte for byte the same from the same data)."""
    from collections import Counter

    from dyadscope.knowledge import load_knowledge
    from dyadscope.knowledge.load import DATA_DIR

    kb = load_knowledge()
    items = prepared_items(kb=kb)
    model = typing_model(fit(items, classes_of(kb.events.cameo)), kb, threshold=THRESHOLD)
    out_path = out_path or DATA_DIR / "events" / "typer.jsonl"
    with open(out_path, "w", encoding="utf-8") as fh:
        for e in model_entries(model):
            fh.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    counts = dict(sorted(Counter(it.source for it in items).items()))
    about = {
        "file": out_path.name,
        "about": "Event-typing model applied by dyadscope.events.typer: multinomial logistic regression "
                 "(label sets, L2, L-BFGS) over TF-IDF lemma unigrams/bigrams and the rules' candidate, "
                 "fitted by evals.event_typer (regenerate with `python -m evals train event-typer`).",
        "trained_on": counts,
        "left_out": "conflibert/cameo_class.tsv's fixed fifth (md5 of the sentence % 5 == 0) and every "
                    "sentence grouped with it as a near-duplicate; Guardian blind annotations",
        "settings": {"C": C, "min_df": MIN_DF, "threshold": THRESHOLD, "synthetic_weight": SYNTHETIC_WEIGHT,
                     "petrarch_weight": PETRARCH_WEIGHT, "min_weight": MIN_WEIGHT, "jaccard_groups": JACCARD},
        "features": len(model.weights), "classes": len(model.classes),
    }
    sidecar = out_path.with_name(out_path.stem + ".about.json")
    sidecar.write_text(json.dumps(about, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out_path
