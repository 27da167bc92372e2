"""A folder of Parquet datasets (``spark-ingest`` output) opened read-only as a store.

The folder holds one dataset per record kind in the export format (README, "Export format"),
nested values as JSON strings, partitioned by publication month::

    OUTPUT/_dyadscope.json                          written when the first run commits
    OUTPUT/documents/year_month=2016-05/*.parquet   + content_hash, warnings, sentences
    OUTPUT/mentions/...   + mention_index           OUTPUT/quotes/...  + quote_index
    OUTPUT/events/...     + event_index             OUTPUT/failures/... source, reason, doc_id, content_hash

:func:`attach_parquet` gives an in-memory DuckDB connection the store's schema
(:mod:`.schema`) and replaces each table by a view over those files with the same columns and
types, so every query in :mod:`.queries` and every reader of the store works unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import StoreError
from .schema import apply_migrations

#: The datasets of an output folder, one per record kind, and the column they are partitioned by.
DATASETS = ("documents", "mentions", "quotes", "events", "failures")
PARTITION_COLUMN = "year_month"
#: Partition value of documents without a publication date.
UNDATED = "undated"
#: Marker file of an output folder: what wrote it and in which layout.
MARKER = "_dyadscope.json"
LAYOUT_VERSION = 1

_ACTOR = '{"text":"VARCHAR","name":"VARCHAR","code":"VARCHAR","country":"VARCHAR","sector":"VARCHAR","start":"INTEGER","end":"INTEGER","former":"BOOLEAN"}'
_ACTOR_FIELDS = ("text", "name", "code", "country", "sector", "start", "end", "former")


def _speaker_columns(column: str) -> str:
    parts = []
    for f in _ACTOR_FIELDS:
        value = f"json_extract_string({column}, '$.{f}')"
        if f in ("start", "end"):
            value = f"CAST({value} AS INTEGER)"
        elif f == "former":
            value = f"CAST({value} AS BOOLEAN)"
        parts.append(f'{value} AS "speaker_{f}"')
    return ", ".join(parts)


def _actor_rows(role: str) -> str:
    fields = ", ".join(f'a."{f}" AS "{f}"' for f in _ACTOR_FIELDS)
    return f"""
        SELECT doc_id, event_index, '{role}' AS role, CAST(i - 1 AS INTEGER) AS actor_index, {fields}
        FROM (SELECT doc_id, event_index, unnest(from_json({role}, '[{_ACTOR}]')) AS a,
                     generate_subscripts(from_json({role}, '[{_ACTOR}]'), 1) AS i
              FROM _parquet_events)"""


# One view per store table, over the raw ``_parquet_<dataset>`` views; columns as in schema.py.
_VIEWS = {
    "documents": """
        SELECT doc_id, content_hash, source_path, title, date, author, publisher, url, text,
               from_json(coalesce(warnings, '[]'), '["VARCHAR"]') AS warnings,
               CAST(NULL AS TIMESTAMP) AS ingested_at
        FROM _parquet_documents""",
    "sentences": """
        SELECT doc_id, CAST(i - 1 AS INTEGER) AS sent_index, s[1] AS start, s[2] AS "end"
        FROM (SELECT doc_id, unnest(from_json(sentences, '[["INTEGER"]]')) AS s,
                     generate_subscripts(from_json(sentences, '[["INTEGER"]]'), 1) AS i
              FROM _parquet_documents)""",
    "mentions": """
        SELECT doc_id, CAST(mention_index AS INTEGER) AS mention_index, CAST(start AS INTEGER) AS start,
               CAST("end" AS INTEGER) AS "end", text, name, code, country, sector, mention_kind AS kind,
               CAST(antecedent AS INTEGER) AS antecedent, CAST(members AS JSON) AS members, rule, former, state_owned
        FROM _parquet_mentions""",
    "quotes": f"""
        SELECT doc_id, CAST(quote_index AS INTEGER) AS quote_index, quote_type, content,
               from_json(content_spans, '[["INTEGER"]]') AS content_spans, cue,
               CAST(cue_start AS INTEGER) AS cue_start, CAST(cue_end AS INTEGER) AS cue_end,
               {_speaker_columns("speaker")},
               CAST(start AS INTEGER) AS start, CAST("end" AS INTEGER) AS "end", rule
        FROM _parquet_quotes""",
    "events": f"""
        SELECT doc_id, CAST(event_index AS INTEGER) AS event_index, event_type, mode,
               from_json(contexts, '["VARCHAR"]') AS contexts, cameo, CAST(goldstein AS DOUBLE) AS goldstein,
               CAST(quad_class AS INTEGER) AS quad_class, date, date_basis, modality,
               {_speaker_columns("speaker")},
               sentence, CAST(start AS INTEGER) AS start, CAST("end" AS INTEGER) AS "end",
               CAST(confidence AS DOUBLE) AS confidence, rule
        FROM _parquet_events""",
    "event_actors": f"{_actor_rows('source')} UNION ALL {_actor_rows('target')}",
    # The store writes the evidence span itself for an event without listed mentions.
    "event_mentions": """
        SELECT doc_id, event_index, CAST(i - 1 AS INTEGER) AS mention_index, s[1] AS start, s[2] AS "end"
        FROM (SELECT doc_id, CAST(event_index AS INTEGER) AS event_index, unnest(spans) AS s, generate_subscripts(spans, 1) AS i
              FROM (SELECT doc_id, event_index,
                           CASE WHEN len(from_json(mentions, '[["INTEGER"]]')) > 0
                                THEN from_json(mentions, '[["INTEGER"]]')
                                ELSE [[CAST(start AS INTEGER), CAST("end" AS INTEGER)]] END AS spans
                    FROM _parquet_events))""",
    "failures": "SELECT source, reason, CAST(NULL AS TIMESTAMP) AS failed_at FROM _parquet_failures",
}
# Which dataset each view reads; a table whose dataset has no files stays the empty store table.
_NEEDS = {"documents": "documents", "sentences": "documents", "mentions": "mentions", "quotes": "quotes",
          "events": "events", "event_actors": "events", "event_mentions": "events", "failures": "failures"}


def is_output_folder(path: str | Path) -> bool:
    """True when ``path`` is a folder written by ``spark-ingest`` (it has the marker file)."""
    return (Path(path) / MARKER).is_file()


def marker_text() -> str:
    """Contents of the marker file an output folder gets when its first run commits."""
    return json.dumps({"format": "dyadscope-parquet", "layout": LAYOUT_VERSION, "datasets": list(DATASETS),
                       "partitioned_by": PARTITION_COLUMN}, indent=2) + "\n"


def attach_parquet(con, folder: str | Path) -> None:
    """Give ``con`` (a fresh in-memory connection) the store's tables as views over ``folder``.

    Raises:
        StoreError: when ``folder`` is not a ``spark-ingest`` output folder.
    """
    folder = Path(folder)
    if not is_output_folder(folder):
        raise StoreError(str(folder), f"not a spark-ingest output folder (no {MARKER}); give a DuckDB file or a spark-ingest OUTPUT folder")
    apply_migrations(con)
    present = set()
    for dataset in DATASETS:
        pattern = str(folder / dataset / "**" / "*.parquet")
        if con.execute("SELECT count(*) FROM glob(?)", [pattern]).fetchone()[0]:
            quoted = pattern.replace("'", "''")
            con.execute(
                f"CREATE VIEW _parquet_{dataset} AS SELECT * FROM read_parquet('{quoted}', union_by_name = true, hive_partitioning = false)"
            )
            present.add(dataset)
    for table, sql in _VIEWS.items():
        if _NEEDS[table] in present:
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS {sql}")
