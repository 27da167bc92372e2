"""Shared helpers for reading knowledge files so every error cites file:line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def read_jsonl(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, entry)`` for each JSON object line; record bad lines in ``problems``.

    Blank lines are skipped. Files are plain JSON Lines (no comment lines), so jq, pandas and
    DuckDB read them as they are; notes about a file go in a README beside it.
    """
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            stripped = line.strip()
            if not stripped:
                continue
            try:
                entry = json.loads(stripped)
            except json.JSONDecodeError as e:
                problems.append(f"{path.name}:{lineno}: not valid JSON ({e.msg})")
                continue
            if not isinstance(entry, dict):
                problems.append(f"{path.name}:{lineno}: expected a JSON object, got {type(entry).__name__}")
                continue
            yield lineno, entry


def read_csv(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each CSV row with a header line; '#' lines are comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [(i, line) for i, line in enumerate(fh, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    reader = csv.reader(line for _, line in lines)
    header = [h.strip() for h in next(reader)]
    for (lineno, _), row in zip(lines[1:], reader):
        if len(row) > len(header):
            problems.append(f"{path.name}:{lineno}: {len(row)} fields, header has {len(header)}")
            continue
        yield lineno, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}


def read_yaml_list(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, entry)`` for a YAML file holding a list of mappings."""
    with open(path, encoding="utf-8") as fh:
        try:
            node = yaml.compose(fh)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f"{path.name}:{mark.line + 1}" if mark else path.name
            problems.append(f"{where}: not valid YAML ({getattr(e, 'problem', e)})")
            return
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{path.name}:{node.start_mark.line + 1}: expected a list of entries")
        return
    for item in node.value:
        lineno = item.start_mark.line + 1
        value = yaml.safe_load(yaml.serialize(item))
        if not isinstance(value, dict):
            problems.append(f"{path.name}:{lineno}: expected a mapping, got {type(value).__name__}")
            continue
        yield lineno, value
