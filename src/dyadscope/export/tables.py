"""The export records as one table per kind: CSV files (nested values as strict JSON text) and
Parquet files with native list and struct columns (actors are structs, spans lists of lists)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..records import ArticleResult
from .delimited import write_csv
from .files import atomic_outputs, binary_output, text_output
from .jsonio import dumps, json_safe
from .records import KINDS, export_records

ACTOR = pa.struct([
    ("text", pa.string()), ("name", pa.string()), ("code", pa.string()), ("country", pa.string()),
    ("sector", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("former", pa.bool_()),
])
SPANS = pa.list_(pa.list_(pa.int32()))

#: Column types of each table; every other column is a string.
_TYPES: dict[str, dict[str, pa.DataType]] = {
    "document": {},
    "mention": {"start": pa.int32(), "end": pa.int32(), "antecedent": pa.int32(), "members": pa.list_(ACTOR),
                "former": pa.bool_(), "state_owned": pa.bool_()},
    "quote": {"content_spans": SPANS, "speaker": ACTOR, "start": pa.int32(), "end": pa.int32(),
              "cue_start": pa.int32(), "cue_end": pa.int32()},
    "event": {"contexts": pa.list_(pa.string()), "goldstein": pa.float64(), "quad_class": pa.int8(),
              "source": pa.list_(ACTOR), "target": pa.list_(ACTOR), "speaker": ACTOR, "start": pa.int32(),
              "end": pa.int32(), "confidence": pa.float64(), "mentions": SPANS,
              "resolved": pa.bool_()},
    "assessment": {"dyad": pa.list_(pa.string()), "holder": ACTOR, "start": pa.int32(), "end": pa.int32(),
                   "aspects": pa.list_(pa.string()), "confidence": pa.float64(),
                   "quote": pa.struct([("quote_type", pa.string()), ("content", pa.string()), ("content_spans", SPANS),
                                       ("cue", pa.string()), ("speaker", ACTOR), ("start", pa.int32()), ("end", pa.int32()),
                                       ("cue_start", pa.int32()), ("cue_end", pa.int32()), ("rule", pa.string())])},
}
#: The fields of each kind, in the export format's order.
FIELDS = {
    "document": ["kind", "doc_id", "source_path", "title", "date", "author", "publisher", "url", "text"],
    "mention": ["kind", "doc_id", "start", "end", "text", "name", "code", "country", "sector", "mention_kind",
                "antecedent", "members", "former", "state_owned", "rule"],
    "quote": ["kind", "doc_id", "quote_type", "content", "content_spans", "cue", "speaker", "start", "end",
              "cue_start", "cue_end", "rule"],
    "event": ["kind", "doc_id", "event_type", "mode", "contexts", "cameo", "goldstein", "quad_class", "source",
              "target", "date", "date_basis", "modality", "speaker", "sentence", "start", "end", "confidence", "rule",
              "mentions", "resolved"],
    "assessment": ["kind", "doc_id", "dyad", "polarity", "holder", "start", "end", "sentence", "aspects", "quote",
                   "confidence", "rule"],
}


def schema(kind: str) -> pa.Schema:
    """The Arrow/Parquet schema of one table."""
    return pa.schema([(f, _TYPES[kind].get(f, pa.string())) for f in FIELDS[kind]])


def record_tables(results: Iterable[ArticleResult]) -> dict[str, list[dict[str, Any]]]:
    """Export records grouped by kind (values as in the JSON Lines export)."""
    tables: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for result in results:
        for record in export_records(result):
            tables[record["kind"]].append(json_safe(record))
    return tables


def table_path(folder, kind: str, fmt: str) -> Path:
    return Path(folder) / f"{kind}s.{fmt}"


def _csv_rows(kind: str, rows: list[dict[str, Any]]):
    for row in rows:
        yield [dumps(row.get(f)) if isinstance(row.get(f), (list, dict)) else row.get(f) for f in FIELDS[kind]]


def write_table(rows: list[dict[str, Any]], kind: str, path, fmt: str) -> None:
    """One table as CSV or Parquet to ``path`` (``-``: standard output), written atomically."""
    if fmt == "csv":
        with text_output(path, newline="") as fh:
            write_csv(fh, FIELDS[kind], _csv_rows(kind, rows))
        return
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{f: r.get(f) for f in FIELDS[kind]} for r in rows], schema=schema(kind))
    with binary_output(path) as tmp:
        pq.write_table(table, tmp)


def write_tables(tables: dict[str, list[dict[str, Any]]], out_dir, fmt: str) -> list[Path]:
    """One ``<kind>s.<fmt>`` file per kind into ``out_dir``, all renamed into place together once
    every one is complete; return the paths written."""
    import pyarrow.parquet as pq

    with atomic_outputs() as out:
        for kind in KINDS:
            tmp = out.path(table_path(out_dir, kind, fmt))
            rows = tables.get(kind, [])
            if fmt == "csv":
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    write_csv(fh, FIELDS[kind], _csv_rows(kind, rows))
            else:
                table = pa.Table.from_pylist([{f: r.get(f) for f in FIELDS[kind]} for r in rows], schema=schema(kind))
                pq.write_table(table, tmp)
    return [table_path(out_dir, kind, fmt) for kind in KINDS]
