"""Score the relationship-assessment stage on our hand-written sentences (evals/assessments/README.md).

    python -m evals.assessments.score --part dev                 # figures
    python -m evals.assessments.score --part dev,dev2-tune --errors   # figures and the errors
    python -m evals.assessments.score --part dev2-check          # figures only: the held-back half
    python -m evals.assessments.score --part blind               # figures only: never tune on blind
    python -m evals.assessments.score --part blind2              # figures only: never tune on blind2

Parts: ``dev``, ``dev3``, ``dev2`` (all 120 items of dev2.jsonl), its two halves ``dev2-tune`` and
``dev2-check``, ``dev4`` (106 items) and its halves ``dev4-tune`` and ``dev4-check`` (drawn the same way,
``random.Random(4).sample`` of 53 sorted ids, fixed when dev4 was committed), ``dev5`` (80 items) and its
halves ``dev5-tune`` and ``dev5-check`` (``random.Random(5).sample`` of 40 sorted ids, fixed when dev5 was
committed), ``dev6`` (67 items) and its halves ``dev6-tune`` and ``dev6-check`` (``random.Random(6).sample``
of 33 sorted ids, fixed when dev6 was committed), ``blind`` and ``blind2`` (a second blind set, written after the stage existed and
before anyone tuned on it); several, comma-separated, are scored together. ``dev2-check`` is
a fixed random half of dev2 (``random.Random(13).sample`` of its sorted ids, 60 of 120, drawn
before anyone tuned on dev2): it is looked at only as figures, so ``--errors`` is refused for it,
for ``dev2`` (which holds it), for ``dev4-check`` and ``dev4``, for ``dev5-check`` and ``dev5``, for ``dev6-check`` and ``dev6``, for ``blind`` and for ``blind2``. For those parts an input the
pipeline fails on is counted in the figures (``failed``), not named.

Each item is one document (its ``text`` and ``date``) run through the public API
(``dyadscope.batch.extract``); the ``assessment`` export records are compared with the gold:

- **Detection**: in each item, a system assessment matches a gold one with the same dyad (sorted
  codes); when an item has several with one dyad they pair by the nearest cue. Unmatched system
  assessments are false positives (every one on a distractor item is); unmatched gold ones are
  misses. Precision, recall and F1 over all items.
- **Polarity**: share of matched pairs with the gold polarity.
- **Holder**: share of matched pairs whose holder is right: both null (the author's own), or the
  system holder's span overlaps the gold holder's text in the item, or their countries agree when
  the gold holder has one and the system holder names no span of the item.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
PARTS = ("dev", "dev2", "dev2-tune", "dev2-check", "dev3", "dev4", "dev4-tune", "dev4-check", "dev5", "dev5-tune",
         "dev5-check", "dev6", "dev6-tune", "dev6-check", "blind", "blind2")
#: Parts whose errors (or any item of them) may be listed: the rest are looked at only as figures.
ERROR_PARTS = frozenset({"dev", "dev2-tune", "dev3", "dev4-tune", "dev5-tune", "dev6-tune"})
#: The seed and size of the held-back half of dev2 (fixed before tuning on dev2; never change them).
CHECK_SEED, CHECK_SIZE = 13, 60
#: The same for dev4 (53 of its 106 ids, fixed when dev4 was committed, before the stage ran on it).
DEV4_CHECK_SEED, DEV4_CHECK_SIZE = 4, 53
#: The same for dev5 (40 of its 80 ids, drawn when dev5 was committed, before the stage ran on it).
DEV5_CHECK_SEED, DEV5_CHECK_SIZE = 5, 40
#: The same for dev6 (33 of its 67 ids, drawn when dev6 was committed, before the stage ran on it).
DEV6_CHECK_SEED, DEV6_CHECK_SIZE = 6, 33


def _read(name: str) -> list[dict]:
    with open(HERE / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dev2_check_ids(items: list[dict]) -> set[str]:
    """The ids of dev2's held-back half: a seeded random sample of its sorted ids."""
    return set(random.Random(CHECK_SEED).sample(sorted(i["id"] for i in items), CHECK_SIZE))


def dev4_check_ids(items: list[dict]) -> set[str]:
    """The ids of dev4's held-back half, drawn like dev2's."""
    return set(random.Random(DEV4_CHECK_SEED).sample(sorted(i["id"] for i in items), DEV4_CHECK_SIZE))


def dev5_check_ids(items: list[dict]) -> set[str]:
    """The ids of dev5's held-back half, drawn like dev2's."""
    return set(random.Random(DEV5_CHECK_SEED).sample(sorted(i["id"] for i in items), DEV5_CHECK_SIZE))


def dev6_check_ids(items: list[dict]) -> set[str]:
    """The ids of dev6's held-back half, drawn like dev2's."""
    return set(random.Random(DEV6_CHECK_SEED).sample(sorted(i["id"] for i in items), DEV6_CHECK_SIZE))


_CHECK_IDS = {"dev2": dev2_check_ids, "dev4": dev4_check_ids, "dev5": dev5_check_ids, "dev6": dev6_check_ids}


def read_items(part: str) -> list[dict]:
    """The items of one part or of several, comma-separated ("dev,dev2-tune")."""
    out: list[dict] = []
    for name in part.split(","):
        if name not in PARTS:
            raise ValueError(f"unknown part {name!r}; the parts are {', '.join(PARTS)}")
        if name.startswith(tuple(_CHECK_IDS)):
            base = name.split("-")[0]
            items = _read(base)
            check = _CHECK_IDS[base](items)
            if name.endswith("-check"):
                items = [i for i in items if i["id"] in check]
            elif name.endswith("-tune"):
                items = [i for i in items if i["id"] not in check]
        else:
            items = _read(name)
        out += items
    return out


def errors_allowed(part: str) -> bool:
    return all(name in ERROR_PARTS for name in part.split(","))


def system_assessments(items: list[dict], *, name_items: bool = True) -> tuple[dict[str, list[dict]], int]:
    """The system's assessment records by item id, and how many items the pipeline failed on.

    With ``name_items`` false (a part looked at only as figures) a failure is counted, not
    printed, and the library's log messages and warnings, which may quote an item, are silenced.
    """
    from dyadscope.batch import Engine, extract
    from dyadscope.export import export_records
    from dyadscope.records import Failure

    out: dict[str, list[dict]] = {item["id"]: [] for item in items}
    failed = 0
    library_log = logging.getLogger("dyadscope")
    level = library_log.level
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        if not name_items:
            warnings.simplefilter("ignore")
            library_log.setLevel(logging.CRITICAL + 1)
        try:
            path = Path(tmp) / "items.jsonl"
            path.write_text("".join(json.dumps({"id": i["id"], "text": i["text"], "date": i["date"]}) + "\n"
                                    for i in items), encoding="utf-8")
            with Engine() as engine:
                for result in extract([path], engine=engine):
                    if isinstance(result, Failure):
                        failed += 1
                        if name_items:
                            print(f"failed: {result.source}: {result.reason}", file=sys.stderr)
                        continue
                    for record in export_records(result):
                        if record["kind"] == "assessment":
                            out[record["doc_id"]].append(record)
        finally:
            library_log.setLevel(level)
    return out, failed


def _cue_start(item: dict, gold: dict) -> int:
    found = item["text"].find(gold.get("cue") or "")
    return max(found, 0)


def _pairs(item: dict, gold: list[dict], system: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    left = list(system)
    pairs, missed = [], []
    for g in gold:
        same = [s for s in left if list(s["dyad"]) == list(g["dyad"])]
        if not same:
            missed.append(g)
            continue
        best = min(same, key=lambda s: abs(s["start"] - _cue_start(item, g)))
        left.remove(best)
        pairs.append((g, best))
    return pairs, missed, left


def holder_right(item: dict, gold: dict, system: dict) -> bool:
    g, s = gold.get("holder"), system.get("holder")
    if g is None or s is None:
        return g is None and s is None
    at = item["text"].find(g["text"])
    if at >= 0 and s.get("start") is not None and min(at + len(g["text"]), s["end"]) > max(at, s["start"]):
        return True
    return bool(g.get("country")) and g.get("country") == s.get("country") and s.get("start") is None


def score(part: str) -> dict:
    items = read_items(part)
    system, failed = system_assessments(items, name_items=errors_allowed(part))
    tp = fp = fn = 0
    polarity, holder = Counter(), Counter()
    errors = []
    for item in items:
        pairs, missed, extra = _pairs(item, item["assessments"], system[item["id"]])
        tp += len(pairs)
        fn += len(missed)
        fp += len(extra)
        for g, s in pairs:
            polarity[g["polarity"] == s["polarity"]] += 1
            holder[holder_right(item, g, s)] += 1
            if g["polarity"] != s["polarity"]:
                errors.append({"id": item["id"], "kind": "wrong-polarity", "cue": g["cue"], "gold": g["polarity"],
                               "system": s["polarity"], "span": item["text"][s["start"]:s["end"]], "rule": s["rule"]})
            if not holder_right(item, g, s):
                errors.append({"id": item["id"], "kind": "wrong-holder", "cue": g["cue"],
                               "gold": (g["holder"] or {}).get("text"), "system": (s["holder"] or {}).get("text"),
                               "rule": s["rule"]})
        errors += [{"id": item["id"], "kind": "missed", "dyad": g["dyad"], "cue": g["cue"], "polarity": g["polarity"]}
                   for g in missed]
        errors += [{"id": item["id"], "kind": "spurious", "distractor": item["distractor"], "dyad": s["dyad"],
                    "polarity": s["polarity"], "span": item["text"][s["start"]:s["end"]], "rule": s["rule"]}
                   for s in extra]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "part": part, "items": len(items), "failed": failed, "gold": tp + fn, "found": tp + fp,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "polarity_accuracy": round(polarity[True] / sum(polarity.values()), 3) if polarity else None,
        "holder_accuracy": round(holder[True] / sum(holder.values()), 3) if holder else None,
        "distractor_items_with_output": sum(1 for i in items if i["distractor"] and system[i["id"]]),
    }
    # Items of a part looked at only as figures are never handed out, not even to a caller.
    return {"figures": figures, "errors": errors if errors_allowed(part) else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", required=True, help=f"one of {', '.join(PARTS)}, or several comma-separated")
    parser.add_argument("--errors", action="store_true",
                        help="also list missed, spurious, wrong-polarity and wrong-holder items (dev, dev2-tune, dev3, dev4-tune, dev5-tune, dev6-tune only)")
    args = parser.parse_args(argv)
    try:
        read_items(args.part)
    except ValueError as e:
        parser.error(str(e))
    if args.errors and not errors_allowed(args.part):
        parser.error(f"--errors lists items only for {', '.join(sorted(ERROR_PARTS))}; "
                     f"{args.part!r} is looked at only as figures")
    result = score(args.part)
    print(json.dumps(result["figures"], indent=1))
    if args.errors:
        order = {"missed": 0, "spurious": 1, "wrong-polarity": 2, "wrong-holder": 3}
        for e in sorted(result["errors"], key=lambda e: order[e["kind"]]):
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
