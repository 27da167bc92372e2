"""Would a small learned polarity step beat the rules? TF-IDF + logistic regression, cross-validated.

    python -m evals.assessments.polarity_model_cv        # needs the `train` extra (scikit-learn)

The examples are the judgements the stage already finds in the parts we may tune on (``dev``,
``dev2-tune``, ``dev3``), each labelled with its gold polarity: the model would only re-read the
polarity of a sentence the rules found to be a judgement. Grouped 5-fold cross-validation (an item's
judgements stay in one fold) compares, on the same judgements:

- ``rules``: the stage's own polarity (in-sample: the rules were tuned on these items);
- ``text``: TF-IDF of the judgement's span and sentence (word 1-2 grams) -> logistic regression;
- ``text+rules``: the same with the rules' polarity as three more features.

Then each model is trained on all the tune judgements and scored on ``dev2-check`` (figures only:
one accuracy per model, never its items). The result on 2026-12-01 (docs/assessments.md) was that
no model beat the rules, so none is shipped; this script reproduces that figure.
"""

from __future__ import annotations

import numpy as np

from .score import _pairs, read_items, system_assessments

TUNE_PARTS = ("dev", "dev2-tune", "dev3")
LABELS = ("positive", "negative", "mixed")


def judgements(part: str) -> list[dict]:
    items = read_items(part)
    system = system_assessments(items)
    rows = []
    for item in items:
        pairs, _, _ = _pairs(item, item["assessments"], system[item["id"]])
        for gold, found in pairs:
            rows.append({"id": item["id"], "text": item["text"][found["start"]:found["end"]] + " || " + found["sentence"],
                         "rule": found["polarity"], "gold": gold["polarity"]})
    return rows


def _features(vec, rows, *, fit: bool, with_rules: bool):
    from scipy.sparse import csr_matrix, hstack

    texts = [r["text"] for r in rows]
    x = vec.fit_transform(texts) if fit else vec.transform(texts)
    if with_rules:
        x = hstack([x, csr_matrix(np.array([[r["rule"] == label for label in LABELS] for r in rows], dtype=float) * 3)])
    return x


def _predict(train, test, *, with_rules: bool, c: float = 10.0):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(_features(vec, train, fit=True, with_rules=with_rules), [r["gold"] for r in train])
    return model.predict(_features(vec, test, fit=False, with_rules=with_rules))


def main() -> None:
    from sklearn.model_selection import GroupKFold

    rows = [r for part in TUNE_PARTS for r in judgements(part)]
    gold = np.array([r["gold"] for r in rows])
    print(f"tune judgements (found by the rules, with gold polarity): {len(rows)} from {', '.join(TUNE_PARTS)}")
    print(f"  rules (in-sample)        : {np.mean([r['rule'] == r['gold'] for r in rows]):.3f}")
    for name, with_rules in (("text", False), ("text+rules", True)):
        pred = np.empty(len(rows), dtype=object)
        for train, test in GroupKFold(5).split(rows, gold, [r["id"] for r in rows]):
            pred[test] = _predict([rows[i] for i in train], [rows[i] for i in test], with_rules=with_rules)
        print(f"  {name:<11} 5-fold CV  : {np.mean(pred == gold):.3f}")
    check = judgements("dev2-check")
    print(f"dev2-check judgements (figures only): {len(check)}")
    print(f"  rules                    : {np.mean([r['rule'] == r['gold'] for r in check]):.3f}")
    for name, with_rules in (("text", False), ("text+rules", True)):
        pred = _predict(rows, check, with_rules=with_rules)
        print(f"  {name:<11} trained on tune: {np.mean(pred == np.array([r['gold'] for r in check])):.3f}")


if __name__ == "__main__":
    main()
