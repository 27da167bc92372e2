"""A folder of Parquet datasets (``spark-ingest`` output) opened read-only as a store.

The folder holds one dataset per record kind in the export format (README, "Export format":
the fields and native list and struct columns of ``export --format parquet``), partitioned by
publication month, and one row per committed part of each run::

    OUTPUT/_dyadscope.json                          written when the first run commits
    OUTPUT/documents/year_month=2016-05/*.parquet   + content_hash, warnings, sentences, doc_number, run_id, ingested_at
    OUTPUT/mentions/...   + mention_index           OUTPUT/quotes/...  + quote_index
    OUTPUT/events/...     + event_index             OUTPUT/assessments/... + assessment_index, quote_index
    OUTPUT/failures/...   source, reason, doc_id, content_hash
    OUTPUT/runs/*.parquet the store's runs columns, one row per commit of a run

:func:`attach_parquet` gives an in-memory DuckDB connection the store's schema
(:mod:`.schema`) and replaces each table by a view over those files with the same columns and
types, so every query in :mod:`.queries` and every reader of the store works unchanged
(``dedup_clusters`` stays an empty table: readers deduplicate afresh).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import StoreError
from .schema import apply_migrations

#: The datasets of an output folder: one per record kind, the failures, the runs.
DATASETS = ("documents", "mentions", "quotes", "events", "assessments", "failures", "runs")
#: The datasets partitioned by the documents' publication month (all but ``runs``).
PARTITIONED = DATASETS[:-1]
PARTITION_COLUMN = "year_month"
#: Partition value of documents without a publication date.
UNDATED = "undated"
#: Marker file of an output folder: what wrote it and in which layout.
MARKER = "_dyadscope.json"
#: 2: native list and struct columns (the export's Parquet types), assessments, runs, doc_number.
LAYOUT_VERSION = 2

_ACTOR_FIELDS = ("text", "name", "code", "country", "sector", "start", "end", "former")


def _actor_columns(column: str, prefix: str) -> str:
    """The struct ``column``'s fields as the store's flattened ``<prefix><field>`` columns."""
    return ", ".join(f'{column}."{f}" AS "{prefix}{f}"' for f in _ACTOR_FIELDS)


def _actor_rows(role: str) -> str:
    fields = ", ".join(f'a."{f}" AS "{f}"' for f in _ACTOR_FIELDS)
    return f"""
        SELECT doc_id, event_index, '{role}' AS role, CAST(i - 1 AS INTEGER) AS actor_index, {fields}
        FROM (SELECT doc_id, event_index, unnest({role}) AS a, generate_subscripts({role}, 1) AS i
              FROM _parquet_events)"""


# One view per store table, over the raw ``_parquet_<dataset>`` views; columns as in schema.py.
_VIEWS = {
    "documents": """
        SELECT doc_id, content_hash, source_path, title, date, author, publisher, url, text,
               CAST(coalesce(warnings, []) AS VARCHAR[]) AS warnings, CAST(ingested_at AS TIMESTAMP) AS ingested_at,
               CAST(run_id AS INTEGER) AS run_id, CAST(doc_number AS BIGINT) AS doc_number
        FROM _parquet_documents""",
    "sentences": """
        SELECT doc_id, CAST(i - 1 AS INTEGER) AS sent_index, s[1] AS start, s[2] AS "end"
        FROM (SELECT doc_id, unnest(sentences) AS s, generate_subscripts(sentences, 1) AS i FROM _parquet_documents)""",
    "mentions": """
        SELECT doc_id, mention_index, start, "end", text, name, code, country, sector, mention_kind AS kind,
               antecedent, CAST(coalesce(members, []) AS JSON) AS members, rule, former, state_owned
        FROM _parquet_mentions""",
    "quotes": f"""
        SELECT doc_id, quote_index, quote_type, content, content_spans, cue, cue_start, cue_end,
               {_actor_columns("speaker", "speaker_")}, start, "end", rule
        FROM _parquet_quotes""",
    "events": f"""
        SELECT doc_id, event_index, event_type, mode, contexts, cameo, goldstein, CAST(quad_class AS INTEGER) AS quad_class,
               date, date_basis, modality, {_actor_columns("speaker", "speaker_")},
               sentence, start, "end", confidence, rule, coalesce(resolved, TRUE) AS resolved
        FROM _parquet_events""",
    "event_actors": f"{_actor_rows('source')} UNION ALL {_actor_rows('target')}",
    # The store writes the evidence span itself for an event without listed mentions.
    "event_mentions": """
        SELECT doc_id, event_index, CAST(i - 1 AS INTEGER) AS mention_index, s[1] AS start, s[2] AS "end"
        FROM (SELECT doc_id, event_index, unnest(spans) AS s, generate_subscripts(spans, 1) AS i
              FROM (SELECT doc_id, event_index,
                           CASE WHEN len(coalesce(mentions, [])) > 0 THEN mentions ELSE [[start, "end"]] END AS spans
                    FROM _parquet_events))""",
    "assessments": f"""
        SELECT doc_id, assessment_index, dyad[1] AS dyad_a, dyad[2] AS dyad_b, polarity,
               {_actor_columns("holder", "holder_")}, start, "end", sentence, aspects, quote_index, confidence, rule
        FROM _parquet_assessments""",
    "failures": "SELECT source, reason, CAST(NULL AS TIMESTAMP) AS failed_at FROM _parquet_failures",
    # One row per commit of a run: a run is its first start, its last finish, its commits' counts.
    "runs": """
        SELECT CAST(run_id AS INTEGER) AS run_id, any_value(command) AS command, min(started_at) AS started_at,
               max(finished_at) AS finished_at, any_value(dyadscope_version) AS dyadscope_version,
               any_value(code_hash) AS code_hash, any_value(knowledge_hash) AS knowledge_hash,
               any_value(spacy_version) AS spacy_version, any_value(spacy_model) AS spacy_model,
               any_value(spacy_model_version) AS spacy_model_version, any_value(reference_date) AS reference_date,
               any_value(actor_files) AS actor_files, any_value(coder) AS coder,
               CAST(sum(n_documents) AS INTEGER) AS n_documents, CAST(sum(n_failures) AS INTEGER) AS n_failures
        FROM _parquet_runs GROUP BY run_id""",
    # Each commit is a write: the store's write counter.
    "store_info": "SELECT 'generation' AS key, CAST(count(*) AS VARCHAR) AS value FROM _parquet_runs",
}
# Which dataset each view reads; a table whose dataset has no files stays the empty store table.
_NEEDS = {"documents": "documents", "sentences": "documents", "mentions": "mentions", "quotes": "quotes",
          "events": "events", "event_actors": "events", "event_mentions": "events", "assessments": "assessments",
          "failures": "failures", "runs": "runs", "store_info": "runs"}


def is_output_folder(path: str | Path) -> bool:
    """True when ``path`` is a folder written by ``spark-ingest`` (it has the marker file)."""
    return (Path(path) / MARKER).is_file()


def marker_text() -> str:
    """Contents of the marker file an output folder gets when its first run commits."""
    return json.dumps({"format": "dyadscope-parquet", "layout": LAYOUT_VERSION, "datasets": list(DATASETS),
                       "partitioned_by": PARTITION_COLUMN, "partitioned": list(PARTITIONED)}, indent=2) + "\n"


def layout_of(folder: str | Path) -> int | None:
    """The layout version an output folder's marker names (None when unreadable)."""
    try:
        return int(json.loads((Path(folder) / MARKER).read_text(encoding="utf-8")).get("layout"))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def attach_parquet(con, folder: str | Path) -> None:
    """Give ``con`` (a fresh in-memory connection) the store's tables as views over ``folder``.

    Raises:
        StoreError: when ``folder`` is not a ``spark-ingest`` output folder.
    """
    folder = Path(folder)
    if not is_output_folder(folder):
        raise StoreError(str(folder), f"not a spark-ingest output folder (no {MARKER}); give a DuckDB file or a spark-ingest OUTPUT folder")
    layout = layout_of(folder)
    if layout != LAYOUT_VERSION:
        raise StoreError(str(folder), f"written in spark-ingest layout {layout}, this dyadscope reads layout {LAYOUT_VERSION}; "
                                      "run spark-ingest again into a new folder")
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
