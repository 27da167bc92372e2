"""Rows that cross the Spark boundary: input lines -> articles, results -> export records, their schemas.

Plain Python and pyarrow only, so it runs (and is tested) without Spark. Field names come from
the export format itself (:func:`dyadscope.export.export_records`); only the types of the
numeric and boolean fields are written down here, every other field is a string (nested values
as JSON strings, as ``export --format parquet`` writes them).
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pyarrow as pa

from ..export import export_records, flat_tables
from ..ingest.formats import articles_from_jsonl
from ..records import Article, ArticleResult, Event, Failure, Mention, Quote
from ..store.parquet import PARTITION_COLUMN, UNDATED

#: Output table of each export kind, and the per-document index column it gets.
TABLE_OF_KIND = {"document": "documents", "mention": "mentions", "quote": "quotes", "event": "events"}
INDEX_COLUMN = {"mention": "mention_index", "quote": "quote_index", "event": "event_index"}

_INT_FIELDS = {"start", "end", "antecedent", "cue_start", "cue_end", "quad_class", *INDEX_COLUMN.values()}
_FLOAT_FIELDS = {"goldstein", "confidence"}
_BOOL_FIELDS = {"former", "state_owned"}
_MONTH = re.compile(r"^\d{4}-\d{2}")
# The stem handed to the JSON Lines reader, so an id it made up can be told from a given one.
_NO_ID = "\x00dyadscope-no-id"


def _blank(cls):
    """An instance of a record dataclass with empty values, to read the export's field names off."""
    values = {}
    for f in dataclasses.fields(cls):
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            t = str(f.type)
            values[f.name] = None if "None" in t else () if t.startswith("tuple") else {"int": 0, "float": 0.0, "bool": False}.get(t, "")
    return cls(**values)


def _export_fields() -> dict[str, list[str]]:
    probe = ArticleResult(article=_blank(Article), mentions=(_blank(Mention),), quotes=(_blank(Quote),), events=(_blank(Event),))
    return {record["kind"]: list(record) for record in export_records(probe)}


#: Export field names per kind, in export order.
EXPORT_FIELDS = _export_fields()
#: Fields the documents table carries beyond the export format (for the store adapter and resumes).
DOCUMENT_EXTRAS = ("content_hash", "warnings", "sentences")


def _type(name: str) -> pa.DataType:
    if name in _INT_FIELDS:
        return pa.int64()
    if name in _FLOAT_FIELDS:
        return pa.float64()
    if name in _BOOL_FIELDS:
        return pa.bool_()
    return pa.string()


def _table_fields() -> dict[str, list[str]]:
    fields = {}
    for kind, names in EXPORT_FIELDS.items():
        extra = list(DOCUMENT_EXTRAS) if kind == "document" else [INDEX_COLUMN[kind]]
        fields[TABLE_OF_KIND[kind]] = names + [n for n in extra if n not in names]
    fields["failures"] = ["source", "reason", "doc_id", "content_hash"]
    return fields


#: Columns of each output table (the partition column is added by the writer).
TABLE_FIELDS = _table_fields()
#: Arrow schema of each output table.
TABLE_SCHEMAS = {t: pa.schema([(n, _type(n)) for n in names]) for t, names in TABLE_FIELDS.items()}
_STATS = pa.struct([("pid", pa.int64()), ("partition", pa.int64()), ("engine_loads", pa.int64()), ("documents", pa.int64()),
                    ("failures", pa.int64()), ("mentions", pa.int64()), ("quotes", pa.int64()), ("events", pa.int64()),
                    ("seconds", pa.float64()), ("cpu_seconds", pa.float64())])
#: What a processing task yields: one row per output record, in the struct column named by
#: ``table``, plus one ``stats`` row per partition (which worker, how many engines it built).
RECORD_SCHEMA = pa.schema(
    [("table", pa.string()), (PARTITION_COLUMN, pa.string())]
    + [(t, pa.struct(list(s))) for t, s in TABLE_SCHEMAS.items()]
    + [("stats", _STATS)]
)
_ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
#: An article between reading and processing: its place in the input, its fields, or why it failed.
ARTICLE_SCHEMA = pa.schema(
    [("file_index", pa.int32()), ("lineno", pa.int64())]
    + [(n, pa.list_(pa.string()) if n == "warnings" else pa.string()) for n in _ARTICLE_FIELDS]
    + [("failure", pa.string()), (PARTITION_COLUMN, pa.string())]
)
#: What the reading stage is given: which input file, which line (1-based) or row, its JSON text.
LINE_SCHEMA = pa.schema([("file_index", pa.int32()), ("lineno", pa.int64()), ("line", pa.string())])


def year_month(date: str | None) -> str:
    """The partition of a publication date: ``2016-05``, or ``undated``."""
    return date[:7] if date and _MONTH.match(date) else UNDATED


def article_from_line(line: str, *, source: str, stem: str, lineno: int, max_chars: int) -> Article | Failure | None:
    """The article of one JSON Lines line (or Parquet row as JSON), exactly as ``ingest`` reads it.

    ``source`` is the file as the user named it; the article's ``source_path`` becomes
    ``source:lineno`` and a record without an id gets ``stem-lineno``. Blank lines give None.
    """
    item = next(articles_from_jsonl(iter([line]), source=source, stem=_NO_ID), None)
    if item is None:
        return None
    where = f"{source}:{lineno}"
    if isinstance(item, Failure):
        return Failure(where, item.reason)
    doc_id = f"{stem}-{lineno}" if item.doc_id == f"{_NO_ID}-1" else item.doc_id
    if len(item.text) > max_chars:
        return Failure(where, f"document has {len(item.text):,} characters, over --max-chars {max_chars:,}; split it or raise the limit")
    return dataclasses.replace(item, doc_id=doc_id, source_path=where)


def article_row(item: Article | Failure, *, file_index: int, lineno: int) -> dict[str, Any]:
    """An :data:`ARTICLE_SCHEMA` row for an article or a reading failure."""
    if isinstance(item, Failure):
        return {"file_index": file_index, "lineno": lineno, "source_path": item.source, "failure": item.reason,
                PARTITION_COLUMN: UNDATED, "warnings": []}
    row = {n: getattr(item, n) for n in _ARTICLE_FIELDS}
    row.update(file_index=file_index, lineno=lineno, warnings=list(item.warnings), failure=None)
    row[PARTITION_COLUMN] = year_month(item.date)
    return row


def article_from_row(row: dict[str, Any]) -> Article:
    """Inverse of :func:`article_row` for an article."""
    values = {n: row[n] for n in _ARTICLE_FIELDS}
    values["warnings"] = tuple(row["warnings"] or ())
    return Article(**values)


def _fit(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record with exactly the table's columns; a string column never receives a non-string."""
    out = {}
    for name, typ in zip(TABLE_SCHEMAS[table].names, TABLE_SCHEMAS[table].types):
        value = record.get(name)
        if typ == pa.string() and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        out[name] = value
    return out


def result_rows(result: ArticleResult) -> list[dict[str, Any]]:
    """The :data:`RECORD_SCHEMA` rows of one article: its document, mentions, quotes, events."""
    month = year_month(result.article.date)
    tables = flat_tables(iter([result]))
    rows = []
    for kind, records in tables.items():
        table = TABLE_OF_KIND[kind]
        for i, record in enumerate(records):
            if kind == "document":
                a = result.article
                record = {**record, "content_hash": a.content_hash, "warnings": list(a.warnings),
                          "sentences": [list(s) for s in result.sentences]}
            else:
                record = {**record, INDEX_COLUMN[kind]: i}
            rows.append({"table": table, PARTITION_COLUMN: month, table: _fit(table, record)})
    return rows


def failure_row(failure: Failure, article: Article | None = None, *, month: str | None = None) -> dict[str, Any]:
    """A :data:`RECORD_SCHEMA` row for a failure, with the article's id and hash where known."""
    record = {"source": failure.source, "reason": failure.reason,
              "doc_id": article.doc_id if article else None, "content_hash": article.content_hash if article else None}
    month = month or (year_month(article.date) if article else UNDATED)
    return {"table": "failures", PARTITION_COLUMN: month, "failures": record}
