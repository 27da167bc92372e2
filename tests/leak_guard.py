"""Find project text that reproduces six or more consecutive words of the shared gold data or seeds.

    python tests/leak_guard.py          # print every leak as file:line: words

The gold sets and the two seed articles are not ours to redistribute and must not be tuned
into code, comments, tests, knowledge entries or docs. Words are lower-cased runs of letters and
digits, so punctuation, case and line breaks do not hide a copy. Used by tests/test_leak_guard.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RUN = 6
COMMON_IN = 3
_WORD = re.compile(r"[^\W_]+")
# Our own annotation files hold offsets and anchors of at most five words by construction.
_SKIP_SUFFIXES = (".png", ".jpg", ".zip", ".duckdb", ".parquet", ".onnx", ".npy", ".bin")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _gold_texts(shared: Path) -> Iterator[str]:
    """Every record text of the gold sets and seeds (sentences, stories, inputs, articles)."""
    data = shared / "data"
    for path in sorted((shared / "seeds").glob("*")):
        yield path.read_text(encoding="utf-8", errors="replace")
    yield from _jsonl_fields(data / "petrarch" / "unit_tests.jsonl", ("text", "sentence"))
    yield from _jsonl_fields(data / "plover" / "gsr.jsonl", ("text",))
    yield from _jsonl_fields(data / "guardian" / "guardian_dev.jsonl", ("text",))
    ngec = data / "actors" / "ngec_actor_resolution.json"
    if ngec.exists():
        for case in json.loads(ngec.read_text(encoding="utf-8")):
            if isinstance(case.get("input"), str):
                yield case["input"]
    for name in ("cameo_class.tsv",):
        path = data / "conflibert" / name
        if path.exists():
            yield path.read_text(encoding="utf-8", errors="replace")
    ner = data / "conflibert" / "cameo_ner.txt"
    if ner.exists():
        yield " ".join(line.split()[0] if line.strip() else "\n" for line in ner.read_text(encoding="utf-8").splitlines())
    # The CAMEO tables' code names are the codebook every coder uses; their example sentences,
    # descriptions and usage notes are records.
    yield from _csv_fields(data / "cameo" / "cameo_codes_merged.tsv", ("cameo_manual_example",), "\t")
    yield from _csv_fields(data / "cameo" / "icews_cameo-codes.csv", ("example", "description", "usage_notes"), ",")
    yield from _synthetic(data / "plover")
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def _jsonl_fields(path: Path, fields: tuple[str, ...]) -> Iterator[str]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                for f in fields:
                    if isinstance(row.get(f), str):
                        yield row[f]


def _csv_fields(path: Path, fields: tuple[str, ...], delimiter: str) -> Iterator[str]:
    if not path.exists():
        return
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=delimiter):
            yield from (row[f] for f in fields if row.get(f))


def _synthetic(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("gpt_synthetic_events_*.csv.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".csv"):
                    text = zf.read(name).decode("utf-8", errors="replace")
                    for row in csv.DictReader(io.StringIO(text)):
                        yield " ".join(v for k, v in row.items() if k in ("text", "title") and v)
    headlines = folder / "synthetic_headlines.csv"
    if headlines.exists():
        yield headlines.read_text(encoding="utf-8", errors="replace")


class _Keys:
    """Six-word runs as 64-bit keys: each word gets an id, a run is a polynomial of its ids."""

    def __init__(self):
        self.vocab: dict[str, int] = {}

    def of(self, tokens: list[str]) -> np.ndarray:
        ids = np.fromiter((self.vocab.setdefault(t, len(self.vocab) + 1) for t in tokens), dtype=np.uint64)
        if len(ids) < RUN:
            return np.zeros(0, dtype=np.uint64)
        keys = np.zeros(len(ids) - RUN + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in range(RUN):
                keys = keys * np.uint64(1_000_003) + ids[k : len(ids) - RUN + 1 + k]
        return keys


def gold_keys(shared: Path = SHARED, keys: _Keys | None = None) -> np.ndarray:
    """Keys of the distinctive six-word runs of the gold data and seeds.

    A run found in ``COMMON_IN`` or more separate records (a stock phrase of news writing, a
    long official name) is ordinary English, not a copy of anyone's sentence.
    """
    keys = keys or _Keys()
    per_text = [np.unique(keys.of(words(text))) for text in _gold_texts(shared)]
    values, counts = np.unique(np.concatenate(per_text), return_counts=True)
    return values[counts < COMMON_IN]


def project_files(root: Path = ROOT) -> list[Path]:
    """Tracked and new (not ignored) files of the project."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    return [root / p for p in out if p and not p.endswith(_SKIP_SUFFIXES) and (root / p).is_file()]


def leaks(root: Path = ROOT, shared: Path = SHARED) -> list[str]:
    """Every project line that continues a six-word run of the gold data, as ``file:line: words``."""
    keys = _Keys()
    gold = gold_keys(shared, keys)
    found = []
    for path in project_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found.extend(_leaks_in(text, gold, keys, path.relative_to(root)))
    return found


def _leaks_in(text: str, gold: np.ndarray, keys: _Keys, name) -> Iterator[str]:
    matches = list(_WORD.finditer(text))
    hits = np.nonzero(np.isin(keys.of([m.group(0).lower() for m in matches]), gold))[0]
    last_line = 0
    for i in hits:
        if _is_name(matches[i : i + RUN], text):
            continue
        # Report by line; a run that spans lines is still found, and cited at its first word.
        line = text.count("\n", 0, matches[i].start()) + 1
        if line != last_line:
            run = " ".join(m.group(0).lower() for m in matches[i : i + RUN])
            yield f"{name}:{line}: {run}"
            last_line = line


_NAME_GLUE = frozenset("of and the for in on de du des la le al el s co".split())


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}")


def _is_name(run, text: str) -> bool:
    """An official name ("Organization for Security and Co-operation in Europe", "Islamic State
    of Iraq and ash-Sham") or an address is not a copy of anyone's sentence: every word as
    written starts with a capital (after an article prefix such as "ash-"), is a number, or is
    a short function word."""
    start = max(text.rfind(c, 0, run[0].start()) for c in " \n\t") + 1
    ends = [i for i in (text.find(c, run[-1].end()) for c in " \n\t") if i >= 0]
    span = text[start : min(ends) if ends else len(text)]
    for token in span.split():
        word = token.strip("()[],.;:'\"“”’")
        if not word or "://" in word or word.startswith("www.") or word[0].isupper() or word[0].isdigit():
            continue
        if _SLUG.fullmatch(word):  # an identifier made from a name ("fb-xkx-alliance-for-the-future")
            continue
        if word.lower() in _NAME_GLUE or (("-" in word) and word.split("-", 1)[1][:1].isupper()):
            continue
        return False
    return True


if __name__ == "__main__":
    if not SHARED.exists():
        sys.exit("../shared is absent: nothing to compare with")
    found = leaks()
    print("\n".join(found) or "no leaks")
    print(f"{len(found)} line(s)", file=sys.stderr)
    sys.exit(1 if found else 0)
