"""Read and check our Guardian annotation files (format: evals/guardian/README.md).

    python evals/guardian/annotations.py            # check every annotation file, print problems

Each problem is reported as ``file:line: problem``; the exit code is 1 when there are any.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
ARTICLES = (
    Path(os.environ.get("DYADSCOPE_SHARED_DATA") or HERE.parents[1].parent / "shared" / "data")
    / "guardian" / "guardian_dev.jsonl"
)
PLOVER_TYPES = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
SECTORS = set(
    "GOV MIL COP JUD LEG OPP PTY MED EDU BUS NGO HRI REB PRM SPY CRM CVL REL LAB AGR HLH REF ELI "
    "IGO INS".split()
)
MODALITIES = {"asserted", "reported", "future", "hypothetical", "negated"}
MAX_ANCHOR_WORDS = 5
# Words as the leak guard counts them (tests/leak_guard.py): "People's" is two words.
_WORD = re.compile(r"[^\W_]+")


def load_articles(path: Path = ARTICLES) -> dict[str, dict]:
    """The Guardian articles by id (raises FileNotFoundError where ../shared is absent)."""
    with open(path, encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


def read_annotations(part: str) -> dict[str, list[dict]]:
    """Annotation lines of one part (``dev``, ``dev2``, ``blind``, ``blind2`` or ``blind3``) by article id, in file order."""
    out: dict[str, list[dict]] = {}
    for path in sorted((HERE / "annotations" / part).glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            out[path.stem] = [json.loads(line) for line in fh if line.strip()]
    return out


def _check_span(obj: dict, text: str, where: str, problems: list[str], *, label: str) -> None:
    start, end, anchor = obj.get("start"), obj.get("end"), obj.get("anchor")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems.append(f"{where}: {label}: bad offsets {start!r}..{end!r}")
        return
    if text[start:end] != anchor:
        problems.append(f"{where}: {label}: text[{start}:{end}] is {text[start:end]!r}, anchor is {anchor!r}")
    if anchor and len(_WORD.findall(anchor)) > MAX_ANCHOR_WORDS:
        problems.append(f"{where}: {label}: anchor has more than {MAX_ANCHOR_WORDS} words (\"People's\" counts as two)")


def _check_actor(actor, text: str, where: str, problems: list[str], *, label: str) -> None:
    if not isinstance(actor, dict):
        problems.append(f"{where}: {label}: expected an actor object")
        return
    _check_span(actor, text, where, problems, label=label)
    country = actor.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
        problems.append(f"{where}: {label}: country {country!r} is not a three-letter code")
    sector = actor.get("sector")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: {label}: unknown sector {sector!r}")
    for i, member in enumerate(actor.get("members") or []):
        _check_actor(member, text, where, problems, label=f"{label}.members[{i}]")


def check_line(entry: dict, text: str, where: str, problems: list[str]) -> None:
    """Append every problem of one annotation line to ``problems``."""
    kind = entry.get("kind")
    if kind == "mention":
        _check_actor(entry, text, where, problems, label="mention")
    elif kind == "quote":
        _check_span(entry, text, where, problems, label="quote")
        if entry.get("speaker") is not None:
            _check_actor(entry["speaker"], text, where, problems, label="speaker")
    elif kind == "event":
        if entry.get("type") not in PLOVER_TYPES:
            problems.append(f"{where}: unknown PLOVER type {entry.get('type')!r}")
        if entry.get("modality") not in MODALITIES:
            problems.append(f"{where}: unknown modality {entry.get('modality')!r}")
        _check_span(entry.get("trigger") or {}, text, where, problems, label="trigger")
        s, e = entry.get("sent_start"), entry.get("sent_end")
        trig = entry.get("trigger") or {}
        if not (isinstance(s, int) and isinstance(e, int) and s <= trig.get("start", -1) < e):
            problems.append(f"{where}: sentence {s!r}..{e!r} does not hold the trigger")
        for side in ("source", "target"):
            if not isinstance(entry.get(side), list):
                problems.append(f"{where}: {side} must be a list")
                continue
            for i, actor in enumerate(entry[side]):
                _check_actor(actor, text, where, problems, label=f"{side}[{i}]")
    else:
        problems.append(f"{where}: unknown kind {kind!r}")


def check_split(split: dict, folders: dict[str, set[str]]) -> list[str]:
    """Problems between ``split.json`` and the annotation folders (part name -> article ids):
    every folder is a part of the split, every file is an article of its part, the parts share
    no article, and every article whose events are said complete has a file."""
    problems = []
    parts = {name: set(p["ids"]) for name, p in split.items() if isinstance(p, dict) and "ids" in p}
    for name, ids in sorted(folders.items()):
        if name not in parts:
            problems.append(f"{name}/: no part {name!r} in split.json (parts: {', '.join(sorted(parts))})")
            continue
        problems += [f"{name}/{doc}.jsonl: {doc} is not an article of part {name!r}" for doc in sorted(ids - parts[name])]
    names = sorted(parts)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            problems += [f"split.json: {doc} is in both {a!r} and {b!r}" for doc in sorted(parts[a] & parts[b])]
    for name, p in sorted(split.items()):
        if isinstance(p, dict):
            for doc in p.get("events_complete_for", []):
                if doc not in parts[name]:
                    problems.append(f"split.json: {name}.events_complete_for: {doc} is not an article of the part")
                elif doc not in folders.get(name, set()):
                    problems.append(f"split.json: {name}.events_complete_for: {doc} has no file {name}/{doc}.jsonl")
    return problems


def check_all() -> list[str]:
    """Problems in every annotation file (every part: dev, dev2, blind, blind2, blind3), as ``file:line: problem``."""
    articles = load_articles()
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    paths = sorted((HERE / "annotations").glob("*/*.jsonl"))
    folders: dict[str, set[str]] = {}
    for path in paths:
        folders.setdefault(path.parent.name, set()).add(path.stem)
    problems = check_split(split, folders)
    for path in paths:
        text = articles.get(path.stem, {}).get("text")
        if text is None:
            problems.append(f"{path.name}: no article with id {path.stem!r}")
            continue
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path.parent.name}/{path.name}:{lineno}"
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"{where}: not valid JSON ({e.msg})")
                    continue
                if entry.get("doc") != path.stem:
                    problems.append(f"{where}: doc {entry.get('doc')!r} is not the file's article")
                check_line(entry, text, where, problems)
    return problems


if __name__ == "__main__":
    found = check_all()
    print("\n".join(found) or "OK")
    sys.exit(1 if found else 0)
