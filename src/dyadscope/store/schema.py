"""The store's schema, as named migrations applied in order and recorded in ``_migrations``.

Tables (one row per record; ``doc_id`` links everything to ``documents``):

- ``documents``: one per distinct cleaned text (``content_hash`` is unique).
- ``sentences``: sentence boundaries of each document.
- ``mentions``: actor mentions, resolved or not.
- ``quotes``: quotations; the speaker's fields are flattened into ``speaker_*`` columns.
- ``events``: coded events; the speaker's fields are flattened into ``speaker_*`` columns.
- ``event_actors``: one row per source or target actor of an event (``role``), the table dyad
  queries join on.
- ``event_mentions``: every place in the document where an event is mentioned.
- ``failures``: inputs that could not be processed, with the reason.
- ``runs``: one row per ingest or recode run, with what coded its documents: the dyadscope
  version, hashes of the coding code and of the knowledge files, the spaCy version and model, the
  reference date; ``coder`` is a fingerprint of all but the date. Each document's ``run_id`` names
  the run that coded it, and ``doc_number`` is its number in this store (1, 2, ...: the integer
  part of the event ids that exports write, see README).
- ``dedup_clusters``: the cross-document deduplication of the events, stored when an ingest
  finishes: for each stored event its cluster number, under the deduplication ``settings`` and
  the store ``fingerprint`` (see :meth:`~.db.Database.fingerprint`) it was computed for; a
  reader whose settings or fingerprint differ computes them afresh.
- ``store_info``: facts about the store itself as key/value pairs: ``made_by`` (``dyadscope demo``
  for a demo database, which the demo may replace), ``generation`` (bumped by every write, so
  derived data such as deduplication clusters knows when it is stale).
- ``assessments``: judgements of a relationship (docs/assessments.md); ``dyad_a``/``dyad_b`` are
  the sorted pair, the holder's fields are flattened into ``holder_*`` columns, ``quote_index``
  points at the quotation it sits in (a row of ``quotes`` of the same document) or is NULL.
"""

from __future__ import annotations

from collections.abc import Callable

ACTOR_COLUMNS = """
    {p}text VARCHAR, {p}name VARCHAR, {p}code VARCHAR, {p}country VARCHAR, {p}sector VARCHAR,
    {p}start INTEGER, "{p}end" INTEGER, {p}former BOOLEAN
"""


def _initial(con) -> None:
    con.execute(
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL UNIQUE,
            source_path VARCHAR, title VARCHAR, date VARCHAR, author VARCHAR,
            publisher VARCHAR, url VARCHAR, text VARCHAR NOT NULL,
            warnings VARCHAR[], ingested_at TIMESTAMP DEFAULT current_timestamp
        )"""
    )
    con.execute(
        """
        CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, sent_index INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (doc_id, sent_index)
        )"""
    )
    con.execute(
        """
        CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL, mention_index INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
            name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR,
            antecedent INTEGER, members JSON, rule VARCHAR, former BOOLEAN, state_owned BOOLEAN,
            PRIMARY KEY (doc_id, mention_index)
        )"""
    )
    con.execute(
        f"""
        CREATE TABLE quotes (
            doc_id VARCHAR NOT NULL, quote_index INTEGER NOT NULL,
            quote_type VARCHAR, content VARCHAR, content_spans INTEGER[][],
            cue VARCHAR, cue_start INTEGER, cue_end INTEGER,
            {ACTOR_COLUMNS.format(p="speaker_")},
            start INTEGER, "end" INTEGER, rule VARCHAR,
            PRIMARY KEY (doc_id, quote_index)
        )"""
    )
    con.execute(
        f"""
        CREATE TABLE events (
            doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL,
            event_type VARCHAR, mode VARCHAR, contexts VARCHAR[], cameo VARCHAR,
            goldstein DOUBLE, quad_class INTEGER, date VARCHAR, date_basis VARCHAR,
            modality VARCHAR,
            {ACTOR_COLUMNS.format(p="speaker_")},
            sentence VARCHAR, start INTEGER, "end" INTEGER, confidence DOUBLE, rule VARCHAR,
            PRIMARY KEY (doc_id, event_index)
        )"""
    )
    con.execute(
        f"""
        CREATE TABLE event_actors (
            doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL,
            role VARCHAR NOT NULL, actor_index INTEGER NOT NULL,
            {ACTOR_COLUMNS.format(p="")},
            PRIMARY KEY (doc_id, event_index, role, actor_index)
        )"""
    )
    con.execute(
        """
        CREATE TABLE event_mentions (
            doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL, mention_index INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (doc_id, event_index, mention_index)
        )"""
    )
    con.execute(
        """
        CREATE TABLE failures (
            source VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            failed_at TIMESTAMP DEFAULT current_timestamp
        )"""
    )


def _store_info(con) -> None:
    con.execute("CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO store_info VALUES ('generation', '0')")


def _runs(con) -> None:
    con.execute(
        """
        CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY, command VARCHAR NOT NULL,
            started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP,
            dyadscope_version VARCHAR, code_hash VARCHAR, knowledge_hash VARCHAR,
            spacy_version VARCHAR, spacy_model VARCHAR, spacy_model_version VARCHAR,
            reference_date VARCHAR, actor_files VARCHAR[], coder VARCHAR,
            n_documents INTEGER, n_failures INTEGER
        )"""
    )
    con.execute("ALTER TABLE documents ADD COLUMN run_id INTEGER")
    con.execute("ALTER TABLE documents ADD COLUMN doc_number BIGINT")
    con.execute(
        "UPDATE documents SET doc_number = n.k FROM "
        "(SELECT doc_id, row_number() OVER (ORDER BY ingested_at, doc_id) AS k FROM documents) n "
        "WHERE documents.doc_id = n.doc_id"
    )


def _dedup_clusters(con) -> None:
    con.execute(
        """
        CREATE TABLE dedup_clusters (
            settings VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL, cluster INTEGER NOT NULL,
            PRIMARY KEY (settings, doc_id, event_index)
        )"""
    )


def _assessments(con) -> None:
    con.execute(
        f"""
        CREATE TABLE assessments (
            doc_id VARCHAR NOT NULL, assessment_index INTEGER NOT NULL,
            dyad_a VARCHAR NOT NULL, dyad_b VARCHAR NOT NULL, polarity VARCHAR NOT NULL,
            {ACTOR_COLUMNS.format(p="holder_")},
            start INTEGER, "end" INTEGER, sentence VARCHAR, aspects VARCHAR[],
            quote_index INTEGER, confidence DOUBLE, rule VARCHAR,
            PRIMARY KEY (doc_id, assessment_index)
        )"""
    )


def _event_resolved(con) -> None:
    """``events.resolved`` (see :class:`~dyadscope.records.Event`); events stored before it were
    all resolved."""
    con.execute("ALTER TABLE events ADD COLUMN resolved BOOLEAN DEFAULT TRUE")


#: Migrations in the order they apply; append, never edit a released one.
MIGRATIONS: list[tuple[str, Callable]] = [
    ("0001_initial", _initial),
    ("0002_store_info", _store_info),
    ("0003_runs", _runs),
    ("0004_dedup_clusters", _dedup_clusters),
    ("0005_assessments", _assessments),
    ("0006_event_resolved", _event_resolved),
]


def apply_migrations(con) -> list[str]:
    """Apply the migrations this database has not had yet, each in its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {row[0] for row in con.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            migrate(con)
            con.execute("INSERT INTO _migrations VALUES (?, current_timestamp)", [name])
            con.execute("COMMIT")
        except Exception:
            try:
                con.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - a failed COMMIT has already ended the transaction
                pass
            raise
        applied.append(name)
    return applied


#: The schema version this code writes: how many migrations it knows.
SCHEMA_VERSION = len(MIGRATIONS)


def schema_problem(con) -> str | None:
    """Why this code must not use the database ``con`` is connected to, or None when it may.

    A database with no tables is new; one with ``_migrations`` naming only migrations this code
    knows is a dyadscope store of this or an older schema (which :func:`apply_migrations`
    upgrades). Anything else is refused before a byte is written: a store of a newer schema
    (migrations this code does not know) or another program's database (tables but no
    ``_migrations``).
    """
    tables = sorted(
        row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
        ).fetchall()
    )
    if not tables:
        return None
    if "_migrations" not in tables:
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        return (f"not a dyadscope store: it holds another program's tables ({shown}) and no dyadscope schema; "
                "choose another --db path (dyadscope adds nothing to it)")
    done = [row[0] for row in con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]
    unknown = [name for name in done if name not in dict(MIGRATIONS)]
    if unknown:
        return (f"the store's schema is newer than this dyadscope knows (it has {', '.join(unknown)}; this version "
                f"knows schema version {SCHEMA_VERSION}, up to {MIGRATIONS[-1][0]}): it was written by a newer "
                "dyadscope; upgrade dyadscope (pip install -U dyadscope) to use it")
    return None
