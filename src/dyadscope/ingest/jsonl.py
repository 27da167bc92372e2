"""JSON Lines inputs, read as a stream: one document a line, one failure a bad line, any file size.

A line is read as bytes and decoded on its own, so invalid UTF-8 is replaced and warned about
line by line (as for a ``.txt`` file). A field of the wrong JSON type is never stringified
silently: an ``id`` that is a list, object or boolean refuses the line; ``title``, ``url``,
``author``, ``publisher`` or ``date`` of such a type are left out with a warning.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..budget import Budget, BudgetExceeded, deadline, default_budget, refusal
from ..errors import InputError, internal_error
from ..records import Article, Failure
from ..settings import MAX_LINE_BYTES
from .checks import scrub, surrogate_warning

log = logging.getLogger(__name__)

# NGEC/POLECAT field names are accepted beside ours.
FIELDS = {
    "doc_id": ("id", "story_id", "doc_id"),
    "text": ("text", "event_text", "body"),
    "date": ("date", "pub_date", "publication_date"),
    "title": ("title", "headline"),
    "url": ("url",),
    "publisher": ("publisher", "source", "outlet"),
    "author": ("author",),
}
META_FIELDS = ("title", "url", "publisher", "author")

#: A line longer than :data:`~dyadscope.settings.MAX_LINE_BYTES`, skipped to its end.
TOO_LONG = object()


class LineError(Exception):
    """One line of a JSON Lines file cannot be a document; ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def binary_lines(fh, limit: int | None = None) -> Iterator[bytes | object]:
    """The lines of a binary stream, each read whole up to ``limit`` bytes (default
    :data:`MAX_LINE_BYTES`); a longer line is read to its end without keeping it and yielded as
    :data:`TOO_LONG`."""
    limit = limit or MAX_LINE_BYTES
    while chunk := fh.readline(limit + 1):
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = fh.readline(1 << 20)
            yield TOO_LONG
        else:
            yield chunk


def decode_line(raw: bytes | str, lineno: int) -> tuple[str, list[str]]:
    """One line as text: UTF-8 (a BOM on the first line dropped), else replaced with a warning."""
    if isinstance(raw, str):
        return raw, []
    try:
        return raw.decode("utf-8-sig" if lineno == 1 else "utf-8"), []
    except UnicodeDecodeError as e:
        text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8", errors="replace")
        return text, [f"invalid UTF-8 at byte {e.start} of the line; undecodable bytes replaced with U+FFFD"]


def parse_record(line: str) -> dict[str, Any]:
    """The JSON object on one line.

    Raises:
        LineError: for a line that is not JSON, nests too deeply, or holds no object.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise LineError(f"line is not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise LineError("line nests JSON arrays or objects too deeply to read (over about 1,000 levels)") from None
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        raise LineError(f"line is not valid JSON ({e})") from None
    if not isinstance(record, dict):
        raise LineError(f"line is a JSON {_json_type(record)}, expected an object")
    return record


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", bool: "boolean", str: "string", type(None): "null"}
    return names.get(type(value), "number")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 60 else text[:57] + "..."


def _field(record: dict[str, Any], name: str) -> tuple[str | None, Any]:
    for key in FIELDS[name]:
        value = record.get(key)
        if value is not None and value != "":
            return key, value
    return None, None


def _scalar_text(value: Any) -> str | None:
    """A JSON string, or a finite number written as text; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return str(value)


def record_fields(record: dict[str, Any], warnings: list[str]) -> dict[str, str | None]:
    """The document fields of one record as strings (``text``, ``doc_id``, ``date``, metadata).

    Raises:
        LineError: for a record without a text string, or with an id that is not a string or number.
    """
    _, text = _field(record, "text")
    if not isinstance(text, str) or not text.strip():
        raise LineError("record has no 'text' (or 'event_text') string")
    fields: dict[str, str | None] = {"text": text}
    key, doc_id = _field(record, "doc_id")
    fields["doc_id"] = _scalar_text(doc_id) if doc_id is not None else None
    if doc_id is not None and fields["doc_id"] is None:
        raise LineError(f"'{key}' is a JSON {_json_type(doc_id)} ({_shown(doc_id)}); an id must be a string or a number")
    for name in ("date", *META_FIELDS):
        key, value = _field(record, name)
        fields[name] = _scalar_text(value) if value is not None else None
        if value is not None and fields[name] is None:
            warnings.append(f"'{key}' is a JSON {_json_type(value)} ({_shown(value)}), not text; left out")
    total = 0
    for name, value in fields.items():
        if value is not None:
            fields[name], n = scrub(value)
            total += n
    if total:
        warnings.append(surrogate_warning(total))
    return fields


def jsonl_items(lines: Iterable[bytes | str | object], *, source: str, stem: str, build,
                budget: Budget = default_budget) -> Iterator[Article | Failure]:
    """One article (made by ``build(fields, where, warnings, default_id)``) or failure per non-blank
    line, each line read within its own time ``budget``; a file of no such line is one failure
    (so every input file is accounted for)."""
    seen = False
    for lineno, raw in enumerate(lines, 1):
        where = f"{source}:{lineno}"
        if raw is TOO_LONG:
            seen = True
            yield Failure(where, f"line is over {MAX_LINE_BYTES:,} bytes; split the document or the file")
            continue
        if not raw.strip():
            continue
        seen = True
        yield guarded(where, len(raw), budget, lambda: _line_item(raw, lineno, where, stem, build))
    if not seen:
        yield Failure(source, "empty file (no JSON line)")


def _line_item(raw, lineno: int, where: str, stem: str, build) -> Article | Failure:
    line, warnings = decode_line(raw, lineno)
    try:
        fields = record_fields(parse_record(line), warnings)
    except LineError as e:
        return Failure(where, e.reason)
    return build(fields, where, tuple(warnings), f"{stem}-{lineno}")


def guarded(source: str, size: int, budget: Budget, make: Callable[[], Article | Failure]) -> Article | Failure:
    """``make()`` within the time ``budget`` for ``size``; whatever it raises becomes the input's
    :class:`Failure`: a refusal for bad input, ``internal error: ...`` for a crash of our own."""
    try:
        with deadline(budget(size)):
            return make()
    except InputError as e:
        return Failure(e.source, e.reason)
    except BudgetExceeded as e:
        return Failure(source, refusal(e, size, "bytes"))
    except Exception as e:  # noqa: BLE001 - one input must never stop a batch
        log.debug("reading %s failed", source, exc_info=True)
        return Failure(source, internal_error(e, "reading failed"))
