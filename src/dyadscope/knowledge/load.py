"""Shared helpers for reading knowledge files so every error cites file:line.

Every reader takes a ``problems`` list and never raises for what a file holds: a file that is not
UTF-8 (UTF-16 with a byte-order mark, Latin-1 bytes), JSON nested too deeply, a CSV field over
the csv module's limit, a quote left open, a repeated CSV header, a YAML value that cannot be
built (``2020-13-01``) each become one ``file:line: problem`` entry.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
#: Characters no name or line of a knowledge file holds: C0 controls but tab and line ends, DEL.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_char_problem(value: str) -> str | None:
    """What is wrong with ``value`` if it holds a control character (a NUL, a bell...), else None."""
    m = CONTROL_CHARS.search(value)
    if m is None:
        return None
    return "a NUL byte" if m.group() == "\x00" else f"a control character (U+{ord(m.group()):04X})"


def read_text(path: Path, problems: list[str]) -> str | None:
    """The whole file as text (UTF-8, a UTF-8 byte-order mark dropped), or None with a problem
    recorded when it cannot be read or is not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror or e})")
        return None
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            problems.append(f"{path.name}:1: the file is {name}; save it as UTF-8")
            return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        what = "NUL bytes (UTF-16 without a byte-order mark?)" if b"\x00" in data else f"byte 0x{data[e.start]:02x}"
        problems.append(f"{path.name}:{line}: not UTF-8 ({what}); save the file as UTF-8")
        return None
    m = CONTROL_CHARS.search(text)
    if m is not None:
        if text.count("\x00") > len(text) // 4:  # every other byte: UTF-16 without its mark
            problems.append(f"{path.name}:1: not UTF-8 (NUL bytes: UTF-16 without a byte-order mark?); save the file as UTF-8")
        else:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{path.name}:{line}: {control_char_problem(m.group())} in the text; remove it")
        return None
    return text


def read_jsonl(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, entry)`` for each JSON object line; record bad lines in ``problems``.

    Blank lines are skipped. Files are plain JSON Lines (no comment lines), so jq, pandas and
    DuckDB read them as they are; notes about a file go in a README beside it.
    """
    text = read_text(path, problems)
    for lineno, line in enumerate((text or "").split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            continue
        try:
            entry = json.loads(stripped)
        except json.JSONDecodeError as e:
            problems.append(f"{path.name}:{lineno}: not valid JSON ({e.msg})")
            continue
        except RecursionError:
            problems.append(f"{path.name}:{lineno}: JSON nested too deeply to read")
            continue
        except ValueError as e:  # an integer of more digits than Python converts
            problems.append(f"{path.name}:{lineno}: not valid JSON ({e})")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{path.name}:{lineno}: expected a JSON object, got {type(entry).__name__}")
            continue
        yield lineno, entry


class _NumberedLines:
    """The non-comment lines of a text for csv.reader, remembering which line each came from."""

    def __init__(self, text: str):
        self._lines = [(i, line) for i, line in enumerate(io.StringIO(text, newline=""), 1)
                       if line.strip() and not line.lstrip().startswith("#")]
        self._next = 0
        self.first = self.last = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._next >= len(self._lines):
            raise StopIteration
        self.last, line = self._lines[self._next]
        self._next += 1
        return line

    def mark(self) -> None:
        """The next row starts at the next line."""
        self.first = self._lines[self._next][0] if self._next < len(self._lines) else self.last + 1


def read_csv(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each CSV row with a header line; '#' lines are comments.

    A quoted field running over a line break (a quote left open) and a field over the csv
    module's size limit are reported at the line where their row starts."""
    text = read_text(path, problems)
    if text is None:
        return
    lines = _NumberedLines(text)
    reader = csv.reader(lines)
    header = None
    while True:
        lines.mark()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            problems.append(f"{path.name}:{lines.first}: not valid CSV ({e})")
            return
        if lines.last != lines.first or any("\n" in field or "\r" in field for field in row):
            problems.append(f"{path.name}:{lines.first}: a quoted field runs on to line {lines.last} "
                            "(a quote left open?); close the quote")
            continue
        if header is None:
            header = [h.strip() for h in row]
            repeated = sorted({h for h in header if header.count(h) > 1})
            if repeated:
                problems.append(f"{path.name}:{lines.first}: the header names {', '.join(map(repr, repeated))} "
                                "more than once; give each column one name")
                return
            continue
        if len(row) > len(header):
            problems.append(f"{path.name}:{lines.first}: {len(row)} fields, header has {len(header)}")
            continue
        yield lines.first, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}


#: libyaml's parser when PyYAML has it (the pure-Python scanner is quadratic in nesting depth).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Deeper than this, a YAML entry is no dictionary entry (ours are flat mappings of short lists).
MAX_YAML_DEPTH = 20


def _yaml_reason(e: Exception) -> str:
    """A YAML error on one line: its problem (``found character '\\t'...``), or its first line."""
    reason = getattr(e, "problem", None) or str(e)
    return " ".join(str(reason).split())


def _yaml_depth(node: yaml.Node, limit: int, seen: dict[int, int] | None = None) -> int:
    """How deep ``node`` nests, counted up to ``limit`` + 1 (aliases share nodes: each is walked once)."""
    seen = {} if seen is None else seen
    if id(node) in seen:
        return seen[id(node)]
    depth = 1
    if limit > 0 and isinstance(node, yaml.CollectionNode):
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        for child in children:
            depth = max(depth, 1 + _yaml_depth(child, limit - 1, seen))
            if depth > limit:
                break
    elif isinstance(node, yaml.CollectionNode) and node.value:
        depth = 2
    seen[id(node)] = depth
    return depth


def read_yaml_list(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, entry)`` for a YAML file holding a list of mappings.

    Safe YAML only (no tags that build objects); an entry nested deeper than ``MAX_YAML_DEPTH`` or
    holding a value the loader cannot build (a date ``2020-13-01``) is reported at its line."""
    text = read_text(path, problems)
    if text is None:
        return
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        if "nesting depth" in str(e):
            problems.append(f"{where}: YAML nested too deeply to read")
        else:
            problems.append(f"{where}: not valid YAML ({_yaml_reason(e)})")
        return
    except RecursionError:
        problems.append(f"{path.name}: YAML nested too deeply to read")
        return
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        problems.append(f"{path.name}:{node.start_mark.line + 1}: expected a list of entries")
        return
    for item in node.value:
        lineno = item.start_mark.line + 1
        if _yaml_depth(item, MAX_YAML_DEPTH) > MAX_YAML_DEPTH:
            problems.append(f"{path.name}:{lineno}: YAML nested too deeply to read (over {MAX_YAML_DEPTH} levels)")
            continue
        try:
            value = yaml.SafeLoader("").construct_document(item)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as e:
            # e.g. a date that is no date (2020-13-01), which the YAML loader builds and refuses
            problems.append(f"{path.name}:{lineno}: not valid YAML ({_yaml_reason(e)})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{path.name}:{lineno}: expected a mapping, got {type(value).__name__}")
            continue
        yield lineno, value
