"""Rows that cross the Spark boundary: input lines -> articles, results -> export records, their schemas.

Plain Python and pyarrow only, so it runs (and is tested) without Spark. The output tables are
the export format's tables (:mod:`dyadscope.export.tables`: the same fields, in the same order,
with the same native list and struct columns that ``export --format parquet`` writes), plus a few
columns the store needs to read them back (:data:`EXTRA_FIELDS`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pyarrow as pa

from ..export.tables import FIELDS, record_tables, schema
from ..ingest.formats import articles_from_jsonl
from ..records import Article, ArticleResult, Failure
from ..store.parquet import PARTITION_COLUMN, UNDATED

#: Output table of each export kind.
TABLE_OF_KIND = {"document": "documents", "mention": "mentions", "quote": "quotes", "event": "events", "assessment": "assessments"}
#: The per-document index column of each kind but documents: the record's place in its document.
INDEX_COLUMN = {"mention": "mention_index", "quote": "quote_index", "event": "event_index", "assessment": "assessment_index"}

_MONTH = re.compile(r"^\d{4}-\d{2}")
# The stem handed to the JSON Lines reader, so an id it made up can be told from a given one.
_NO_ID = "\x00dyadscope-no-id"

#: Export field names per kind, in export order (``dyadscope.export.tables.FIELDS``).
EXPORT_FIELDS = {kind: list(names) for kind, names in FIELDS.items()}
#: Columns each table carries beyond the export format, and their types. ``doc_number`` (the
#: document's number in the output, in input order) and ``run_id`` are filled in by the driver;
#: an assessment's ``quote_index`` points at the quotation it sits in, as in the store.
EXTRA_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "documents": [("content_hash", pa.string()), ("warnings", pa.list_(pa.string())), ("sentences", pa.list_(pa.list_(pa.int32()))),
                  ("doc_number", pa.int64()), ("run_id", pa.int64()), ("ingested_at", pa.timestamp("us"))],
    "mentions": [("mention_index", pa.int32())],
    "quotes": [("quote_index", pa.int32())],
    "events": [("event_index", pa.int32())],
    "assessments": [("assessment_index", pa.int32()), ("quote_index", pa.int32())],
}
#: Fields the documents table carries beyond the export format (for the store adapter and resumes).
DOCUMENT_EXTRAS = tuple(name for name, _ in EXTRA_FIELDS["documents"])
#: Columns of the ``failures`` table.
FAILURE_SCHEMA = pa.schema([("source", pa.string()), ("reason", pa.string()), ("doc_id", pa.string()), ("content_hash", pa.string())])


def _table_schemas() -> dict[str, pa.Schema]:
    out = {}
    for kind, table in TABLE_OF_KIND.items():
        base = schema(kind)
        out[table] = pa.schema(list(base) + [pa.field(n, t) for n, t in EXTRA_FIELDS[table] if n not in base.names])
    out["failures"] = FAILURE_SCHEMA
    return out


#: Arrow schema of each output table (the partition column is added by the writer).
TABLE_SCHEMAS = _table_schemas()
#: Columns of each output table.
TABLE_FIELDS = {t: s.names for t, s in TABLE_SCHEMAS.items()}
#: Columns the driver adds when it writes a run's tables (the same for every row of a run).
DRIVER_FIELDS = {"documents": ("run_id", "ingested_at")}
#: Columns of each table as a processing task hands them over.
TASK_FIELDS = {t: [n for n in names if n not in DRIVER_FIELDS.get(t, ())] for t, names in TABLE_FIELDS.items()}
_STATS = pa.struct([("pid", pa.int64()), ("partition", pa.int64()), ("engine_loads", pa.int64()), ("documents", pa.int64()),
                    ("failures", pa.int64()), ("mentions", pa.int64()), ("quotes", pa.int64()), ("events", pa.int64()),
                    ("assessments", pa.int64()), ("seconds", pa.float64()), ("cpu_seconds", pa.float64()),
                    ("coder", pa.string()), ("reference_date", pa.string())])
#: What a processing task yields: one row per output record, in the struct column named by
#: ``table``, plus one ``stats`` row per partition (which worker, how many engines it built).
RECORD_SCHEMA = pa.schema(
    [("table", pa.string()), (PARTITION_COLUMN, pa.string())]
    + [(t, pa.struct([s.field(n) for n in TASK_FIELDS[t]])) for t, s in TABLE_SCHEMAS.items()]
    + [("stats", _STATS)]
)
_ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
#: An article between reading and processing: its place in the input, its fields, or why it
#: failed, and (once the driver has numbered the run's documents) its ``doc_number``.
ARTICLE_SCHEMA = pa.schema(
    [("file_index", pa.int32()), ("lineno", pa.int64())]
    + [(n, pa.list_(pa.string()) if n == "warnings" else pa.string()) for n in _ARTICLE_FIELDS]
    + [("failure", pa.string()), (PARTITION_COLUMN, pa.string()), ("doc_number", pa.int64())]
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
    if not line.strip():  # read alone, a blank line is no "empty file" (the whole file is not)
        return None
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
    row.update(file_index=file_index, lineno=lineno, warnings=list(item.warnings), failure=None, doc_number=None)
    row[PARTITION_COLUMN] = year_month(item.date)
    return row


def article_from_row(row: dict[str, Any]) -> Article:
    """Inverse of :func:`article_row` for an article."""
    values = {n: row[n] for n in _ARTICLE_FIELDS}
    values["warnings"] = tuple(row["warnings"] or ())
    return Article(**values)


def _quote_index(result: ArticleResult, quote) -> int | None:
    """The index of ``quote`` among the document's quotations, as the store keeps it."""
    return next((k for k, q in enumerate(result.quotes) if q == quote), None) if quote is not None else None


def result_rows(result: ArticleResult, *, doc_number: int | None = None) -> list[dict[str, Any]]:
    """The :data:`RECORD_SCHEMA` rows of one article: its document (numbered ``doc_number``),
    mentions, quotes, events and assessments, each with exactly its table's task columns."""
    month = year_month(result.article.date)
    rows = []
    for kind, records in record_tables([result]).items():
        table = TABLE_OF_KIND[kind]
        for i, record in enumerate(records):
            if kind == "document":
                a = result.article
                record.update(content_hash=a.content_hash, warnings=list(a.warnings),
                              sentences=[list(s) for s in result.sentences], doc_number=doc_number)
            else:
                record[INDEX_COLUMN[kind]] = i
                if kind == "assessment":
                    record["quote_index"] = _quote_index(result, result.assessments[i].quote)
            rows.append({"table": table, PARTITION_COLUMN: month, table: {n: record.get(n) for n in TASK_FIELDS[table]}})
    return rows


def failure_row(failure: Failure, article: Article | None = None, *, month: str | None = None) -> dict[str, Any]:
    """A :data:`RECORD_SCHEMA` row for a failure, with the article's id and hash where known."""
    record = {"source": failure.source, "reason": failure.reason,
              "doc_id": article.doc_id if article else None, "content_hash": article.content_hash if article else None}
    month = month or (year_month(article.date) if article else UNDATED)
    return {"table": "failures", PARTITION_COLUMN: month, "failures": record}
