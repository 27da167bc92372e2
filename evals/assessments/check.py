#!/usr/bin/env python3
"""Validate the relationship-assessment evaluation sets and print counts.

Usage: python evals/assessments/check.py [file.jsonl ...]
(default: blind.jsonl, blind2.jsonl, dev.jsonl, dev2.jsonl, dev3.jsonl, dev4.jsonl, dev5.jsonl and dev6.jsonl next to this script).
Exit status 1 on any error.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLARITIES = {"positive", "negative", "mixed"}
ASPECTS = {"military", "economic", "nuclear", "diplomatic", "energy",
           "security", "trust", "alliance", "general"}
DISTRACTORS = {"event", "judgement_of_meeting", "judgement_of_person",
               "judgement_of_policy", "judgement_of_economy", "stated_position",
               "wish_or_goal", "conditional_future", "name", "relational_fact", "bloc"}
ITEM_KEYS = {"id", "text", "date", "assessments", "distractor"}
ASSESSMENT_KEYS = {"dyad", "polarity", "holder", "aspects", "cue"}
CODE = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PREFIX = {"blind.jsonl": "b", "blind2.jsonl": "b2-", "dev.jsonl": "d", "dev2.jsonl": "e", "dev3.jsonl": "f", "dev4.jsonl": "g", "dev5.jsonl": "h", "dev6.jsonl": "i"}
#: Item ids: b001, d001, e001, f001, g001 in the first sets, b2-001 in blind2.jsonl.
ITEM_ID = re.compile(r"(?:b2-|[bdefghi])\d{3}")


def check_file(path, seen_ids, errors):
    stats = {"items": 0, "assessment_items": 0, "polarity": Counter(),
             "distractor": Counter(), "dyads": Counter(), "holders": Counter()}
    prefix = PREFIX.get(path.name)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{lineno}"
        def err(msg):
            errors.append(f"{where}: {msg}")
        if not line.strip():
            err("blank line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"bad JSON: {e}")
            continue
        if not isinstance(item, dict) or set(item) != ITEM_KEYS:
            err(f"keys must be exactly {sorted(ITEM_KEYS)}")
            continue
        stats["items"] += 1
        iid, text = item["id"], item["text"]
        where = f"{path.name}:{lineno} ({iid})"
        if not isinstance(iid, str) or not ITEM_ID.fullmatch(iid):
            err("id must look like b001 / b2-001 / d001 / e001 / f001 / g001 / h001 / i001")
        elif prefix and not (iid.startswith(prefix) and iid[len(prefix):].isdigit()):
            err(f"id should be {prefix!r} and three digits in {path.name}")
        if iid in seen_ids:
            err(f"duplicate id (also in {seen_ids[iid]})")
        seen_ids[iid] = path.name
        if not isinstance(text, str) or not text.strip():
            err("text must be a non-empty string")
            continue
        if not isinstance(item["date"], str) or not DATE.match(item["date"]):
            err("date must be YYYY-MM-DD")
        anns, dist = item["assessments"], item["distractor"]
        if not isinstance(anns, list):
            err("assessments must be a list")
            continue
        if anns and dist is not None:
            err("item with assessments must have distractor null")
        if not anns:
            if dist not in DISTRACTORS:
                err(f"distractor item needs a kind from {sorted(DISTRACTORS)}, got {dist!r}")
            else:
                stats["distractor"][dist] += 1
            continue
        stats["assessment_items"] += 1
        for k, a in enumerate(anns):
            def aerr(msg):
                err(f"assessment {k}: {msg}")
            if not isinstance(a, dict) or set(a) != ASSESSMENT_KEYS:
                aerr(f"keys must be exactly {sorted(ASSESSMENT_KEYS)}")
                continue
            dy = a["dyad"]
            if (not isinstance(dy, list) or len(dy) != 2
                    or not all(isinstance(c, str) and CODE.match(c) for c in dy)):
                aerr(f"dyad must be two 3-letter upper-case codes, got {dy!r}")
            elif dy != sorted(dy) or dy[0] == dy[1]:
                aerr(f"dyad must be sorted and distinct, got {dy!r}")
            else:
                stats["dyads"]["-".join(dy)] += 1
            if a["polarity"] not in POLARITIES:
                aerr(f"polarity {a['polarity']!r} not in {sorted(POLARITIES)}")
            else:
                stats["polarity"][a["polarity"]] += 1
            asp = a["aspects"]
            if (not isinstance(asp, list) or not asp or len(set(asp)) != len(asp)
                    or not set(asp) <= ASPECTS):
                aerr(f"aspects must be a non-empty subset of {sorted(ASPECTS)}, got {asp!r}")
            h = a["holder"]
            if h is None:
                stats["holders"]["author (null)"] += 1
            elif not isinstance(h, dict) or set(h) != {"text", "country"}:
                aerr("holder must be null or {text, country}")
            else:
                if not isinstance(h["text"], str) or not h["text"] or h["text"] not in text:
                    aerr(f"holder.text {h['text']!r} not found verbatim in text")
                if h["country"] is not None and not (isinstance(h["country"], str) and CODE.match(h["country"])):
                    aerr(f"holder.country must be null or a 3-letter code, got {h['country']!r}")
                stats["holders"]["with country" if h["country"] else "no country"] += 1
            cue = a["cue"]
            if not isinstance(cue, str) or not cue or cue not in text:
                aerr(f"cue {cue!r} not found verbatim in text")
    return stats


def report(name, s):
    n_ass = sum(s["polarity"].values())
    print(f"== {name}")
    print(f"  items: {s['items']}  (assessment items {s['assessment_items']}, "
          f"distractors {sum(s['distractor'].values())})")
    print(f"  assessments: {n_ass}  " + ", ".join(f"{p} {s['polarity'][p]}" for p in sorted(POLARITIES)))
    print("  holders: " + ", ".join(f"{k} {v}" for k, v in sorted(s["holders"].items())))
    print("  distractors: " + ", ".join(f"{k} {s['distractor'][k]}" for k in sorted(DISTRACTORS)))
    print(f"  dyads ({len(s['dyads'])}): " + ", ".join(f"{k} {v}" for k, v in sorted(s["dyads"].items())))


def main(argv):
    paths = [Path(p) for p in argv] or [HERE / name for name in ("blind.jsonl", "blind2.jsonl", "dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl", "dev6.jsonl")]
    errors, seen, total = [], {}, None
    all_dyads = Counter()
    for p in paths:
        if not p.exists():
            errors.append(f"{p}: missing")
            continue
        s = check_file(p, seen, errors)
        report(p.name, s)
        all_dyads.update(s["dyads"])
    print(f"== all: {len(seen)} items, {len(all_dyads)} distinct dyads")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
