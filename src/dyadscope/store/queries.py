"""Named read queries over the store: every SQL statement the analysis, report and CLI need.

The store owns the SQL; callers get plain Python values or pandas DataFrames and never see a
connection. Each function takes an open :class:`~dyadscope.store.Database`.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

import pandas as pd
import pyarrow.types as pa_types

_EVENTS_SQL = """
SELECT e.doc_id, e.event_index, e.event_type, e.mode, e.contexts, e.cameo, e.goldstein, e.quad_class,
       e.date, e.date_basis, e.modality, e.sentence, e.start, e."end", e.confidence, e.rule, e.resolved,
       e.speaker_name, e.speaker_country,
       coalesce(m.n_spans, 1) AS n_spans,
       d.date AS doc_date, d.publisher, d.url, d.title, d.source_path, d.doc_number, d.ingested_at,
       length(d.text) AS doc_len, coalesce(r.started_at, d.ingested_at) AS coded_at
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN runs r ON r.run_id = d.run_id
LEFT JOIN (SELECT doc_id, event_index, count(*) AS n_spans FROM event_mentions GROUP BY ALL) m
  ON m.doc_id = e.doc_id AND m.event_index = e.event_index
ORDER BY e.doc_id, e.event_index
"""

_EVENT_ACTORS_SQL = """
SELECT doc_id, event_index, role, country, code, name, sector, text, start
FROM event_actors ORDER BY doc_id, event_index, role, actor_index
"""

_DOCUMENTS_SQL = """
SELECT d.doc_id, d.title, d.date, d.author, d.publisher, d.url, d.source_path, d.content_hash,
       length(d.text) AS n_chars, d.warnings, d.ingested_at,
       (SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS n_mentions,
       (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id) AS n_quotes,
       (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events
FROM documents d ORDER BY d.date NULLS LAST, d.doc_id
"""

_QUOTES_SQL = """
SELECT q.doc_id, q.quote_index, q.quote_type, q.content, q.content_spans, q.cue,
       q.speaker_text, q.speaker_name, q.speaker_code, q.speaker_country, q.speaker_sector,
       q.start, q."end", q.rule, d.date AS doc_date, d.title AS doc_title
FROM quotes q JOIN documents d USING (doc_id) ORDER BY q.doc_id, q.quote_index
"""

_DIRECTED_DYADS_SQL = """
SELECT s.country AS a, t.country AS b, count(DISTINCT (s.doc_id, s.event_index)) AS n
FROM event_actors s JOIN event_actors t
  ON s.doc_id = t.doc_id AND s.event_index = t.event_index AND s.role = 'source' AND t.role = 'target'
WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country
GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?
"""

# Each event counted once per pair it contains: source-target pairs and, for joint events, pairs
# of sources; only three-letter (state) codes.
_BUSIEST_PAIR_SQL = """
SELECT least(x.country, y.country) AS a, greatest(x.country, y.country) AS b,
       count(DISTINCT (x.doc_id, x.event_index)) AS n
FROM event_actors x JOIN event_actors y
  ON x.doc_id = y.doc_id AND x.event_index = y.event_index
 AND (x.role = 'source' AND y.role IN ('target', 'source'))
WHERE x.country IS NOT NULL AND y.country IS NOT NULL AND x.country <> y.country
  AND length(x.country) = 3 AND length(y.country) = 3
GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 1
"""


ASSESSMENT_COLUMNS = (
    "doc_id", "assessment_index", "dyad_a", "dyad_b", "polarity", "holder_text", "holder_name", "holder_code",
    "holder_country", "holder_sector", "holder_start", "holder_end", "start", "end", "sentence", "aspects",
    "quote_index", "quote_type", "confidence", "rule", "doc_date", "doc_title", "doc_author", "publisher", "judgement",
)
_ASSESSMENTS_SQL = """
SELECT a.doc_id, a.assessment_index, a.dyad_a, a.dyad_b, a.polarity,
       a.holder_text, a.holder_name, a.holder_code, a.holder_country, a.holder_sector, a.holder_start, a.holder_end,
       a.start, a."end", a.sentence, a.aspects, a.quote_index, q.quote_type, a.confidence, a.rule,
       d.date AS doc_date, d.title AS doc_title, d.author AS doc_author, d.publisher,
       substr(d.text, a.start + 1, a."end" - a.start) AS judgement
FROM assessments a JOIN documents d USING (doc_id)
LEFT JOIN quotes q ON q.doc_id = a.doc_id AND q.quote_index = a.quote_index
ORDER BY d.date NULLS LAST, a.doc_id, a.assessment_index
"""


def assessment_rows(db) -> pd.DataFrame:
    """One row per stored assessment with its holder's columns, its quotation's type, its
    document's date, title, author and publisher, and ``judgement`` (the text of its span), oldest
    documents first. A store written before assessments existed gives no rows."""
    if not db.has_table("assessments"):
        return pd.DataFrame(columns=list(ASSESSMENT_COLUMNS))
    return db.con.execute(_ASSESSMENTS_SQL).df()


def event_rows(db) -> pd.DataFrame:
    """One row per stored event with its document's date, publisher, url, title, path, number
    and ingest time, and ``n_spans`` (how many places in its document report it).

    Text columns are plain Python objects (None where missing, never NaN), read through Arrow."""
    relation = db.con.sql(_EVENTS_SQL)
    table = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
    columns = {}
    for name in table.column_names:
        column = table.column(name)
        if pa_types.is_string(column.type) or pa_types.is_large_string(column.type) or pa_types.is_list(column.type):
            columns[name] = pd.Series(column.to_pylist(), dtype=object)
        else:
            columns[name] = column.to_pandas()
    return pd.DataFrame(columns)


def event_actors_by_role(db) -> dict[tuple[str, int, str], list[tuple]]:
    """``(doc_id, event_index, role)`` -> the actors of that side in order, each as
    ``(country, code, name, sector, text, start)``."""
    actors: dict[tuple[str, int, str], list[tuple]] = defaultdict(list)
    for doc_id, index, role, *values in db.con.execute(_EVENT_ACTORS_SQL).fetchall():
        actors[(doc_id, index, role)].append(tuple(values))
    return actors


def document_overview(db) -> pd.DataFrame:
    """One row per document: metadata and counts of mentions, quotes and events."""
    return db.con.execute(_DOCUMENTS_SQL).df()


def quote_rows(db) -> pd.DataFrame:
    """One row per quotation with its speaker's columns and its document's date and title."""
    return db.con.execute(_QUOTES_SQL).df()


def mention_countries(db) -> list[tuple[str, int, int, str | None, str | None]]:
    """Every mention as ``(doc_id, start, end, country, members_json)`` in document order."""
    return db.con.execute('SELECT doc_id, start, "end", country, members FROM mentions ORDER BY doc_id, start').fetchall()


def lead_ends(db, n_sentences: int) -> dict[str, int]:
    """Document id -> end offset of its first ``n_sentences`` sentences."""
    rows = db.con.execute(
        'SELECT doc_id, max("end") FROM sentences WHERE sent_index < ? GROUP BY doc_id', [n_sentences]
    ).fetchall()
    return dict(rows)


def document_texts(db) -> dict[str, str]:
    """Document id -> cleaned text."""
    return dict(db.con.execute("SELECT doc_id, text FROM documents").fetchall())


def documents_in_date_order(db) -> list[dict]:
    """Every document's metadata and text, oldest first (undated last)."""
    return db.query(
        "SELECT doc_id, title, date, author, publisher, url, source_path, text FROM documents "
        "ORDER BY date NULLS LAST, doc_id"
    )


def sentence_spans(db) -> dict[str, list[tuple[int, int]]]:
    """Document id -> its sentences' ``(start, end)`` in order."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in db.con.execute('SELECT doc_id, start, "end" FROM sentences ORDER BY doc_id, sent_index').fetchall():
        spans[doc_id].append((start, end))
    return spans


def event_spans(db) -> dict[tuple[str, int], tuple[int, int]]:
    """``(doc_id, event_index)`` -> the offsets of the event's evidence."""
    rows = db.con.execute('SELECT doc_id, event_index, start, "end" FROM events').fetchall()
    return {(d, i): (s, e) for d, i, s, e in rows}


def store_summary(db, *, top: int = 8) -> dict:
    """What a store holds, for a one-screen summary: documents (id, date, title), the most
    mentioned countries, quotations by type, events by type and modality, and the busiest
    directed dyads."""
    q = db.query
    return {
        "documents": q("SELECT doc_id, date, title FROM documents ORDER BY date NULLS LAST, doc_id"),
        "countries": q(
            "SELECT country, count(*) AS n FROM mentions WHERE country IS NOT NULL GROUP BY country ORDER BY n DESC, country LIMIT ?",
            [top],
        ),
        "quote_types": q("SELECT quote_type, count(*) AS n FROM quotes GROUP BY quote_type ORDER BY quote_type"),
        "event_types": q(
            "SELECT event_type, modality, count(*) AS n FROM events GROUP BY event_type, modality "
            "ORDER BY n DESC, event_type LIMIT 12"
        ),
        "directed_dyads": q(_DIRECTED_DYADS_SQL, [top]),
    }


def busiest_pair(db) -> tuple[str, str] | None:
    """The pair of states with the most events between them, as two sorted codes."""
    rows = db.query(_BUSIEST_PAIR_SQL)
    return (rows[0]["a"], rows[0]["b"]) if rows else None


# -- reads of the web app (dyadscope serve): single records and pages, never whole tables --------


def disable_extension_downloads(db) -> None:
    """Never install or autoload a DuckDB extension on this connection (the app runs offline)."""
    db.con.execute("SET autoinstall_known_extensions = false")
    db.con.execute("SET autoload_known_extensions = false")


def corpus_overview(db) -> dict:
    """Counts of every table, the range of publication dates and the number of undated documents."""
    row = db.query(
        "SELECT count(*) AS n_documents, min(date) AS first_date, max(date) AS last_date, "
        "count(*) FILTER (WHERE date IS NULL) AS n_undated, max(ingested_at) AS last_ingested FROM documents"
    )[0]
    return {**row, "counts": db.counts()}


_DOCUMENT_PAGE_SQL = """
SELECT d.doc_id, d.title, d.date, d.author, d.publisher, length(d.text) AS n_chars,
       (SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id) AS n_mentions,
       (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id) AS n_quotes,
       (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events
FROM (SELECT * FROM documents ORDER BY date DESC NULLS LAST, doc_id LIMIT ? OFFSET ?) d
ORDER BY d.date DESC NULLS LAST, d.doc_id
"""


def documents_page(db, *, offset: int, limit: int) -> list[dict]:
    """One page of documents, newest first (undated last), with their counts of records."""
    return db.query(_DOCUMENT_PAGE_SQL, [limit, offset])


def document(db, doc_id: str) -> dict | None:
    """One document's metadata and text, or None."""
    rows = db.query(
        "SELECT doc_id, title, date, author, publisher, url, source_path, content_hash, text, warnings, ingested_at "
        "FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    return rows[0] if rows else None


def document_mentions(db, doc_id: str) -> list[dict]:
    """A document's actor mentions in order."""
    return db.query(
        'SELECT mention_index, start, "end", text, name, code, country, sector, kind, antecedent, members, former '
        "FROM mentions WHERE doc_id = ? ORDER BY mention_index",
        [doc_id],
    )


def document_quotes(db, doc_id: str) -> list[dict]:
    """A document's quotations in order, speaker flattened."""
    return db.query(
        'SELECT quote_index, quote_type, content, content_spans, cue, cue_start, cue_end, start, "end", rule, '
        "speaker_text, speaker_name, speaker_code, speaker_country, speaker_sector "
        "FROM quotes WHERE doc_id = ? ORDER BY quote_index",
        [doc_id],
    )


def document_events(db, doc_id: str) -> list[dict]:
    """A document's events in order (actors come from :func:`event_actor_lists`)."""
    return db.query(
        'SELECT doc_id, event_index, event_type, mode, contexts, cameo, goldstein, quad_class, date, date_basis, '
        'modality, speaker_name, speaker_country, sentence, start, "end", confidence, rule '
        "FROM events WHERE doc_id = ? ORDER BY event_index",
        [doc_id],
    )


_KEYS_CTE = "WITH k AS (SELECT unnest(?) AS doc_id, unnest(?) AS event_index)"


def event_actor_lists(db, keys: list[tuple[str, int]]) -> dict[tuple[str, int, str], list[dict]]:
    """``(doc_id, event_index, role)`` -> that side's actors in order, for the events ``keys``."""
    out: dict[tuple[str, int, str], list[dict]] = defaultdict(list)
    if not keys:
        return out
    rows = db.query(
        f"{_KEYS_CTE} SELECT a.doc_id, a.event_index, a.role, a.text, a.name, a.code, a.country, a.sector, a.former "
        "FROM event_actors a JOIN k USING (doc_id, event_index) ORDER BY a.doc_id, a.event_index, a.role, a.actor_index",
        [[d for d, _ in keys], [int(i) for _, i in keys]],
    )
    for r in rows:
        out[(r.pop("doc_id"), r.pop("event_index"), r.pop("role"))].append(r)
    return out


_EVIDENCE_SQL = f"""
{_KEYS_CTE}
SELECT e.doc_id, e.event_index, e.event_type, e.mode, e.cameo, e.goldstein, e.quad_class, e.contexts, e.date,
       e.date_basis, e.modality, e.speaker_name, e.speaker_country, e.sentence, e.start, e."end", e.confidence, e.rule,
       d.title, d.date AS doc_date, d.author, d.publisher, d.url,
       substring(d.text, e.start + 1, e."end" - e.start) AS span_text,
       s.start AS sent_start, substring(d.text, s.start + 1, s."end" - s.start) AS sent_text
FROM k JOIN events e USING (doc_id, event_index) JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.start <= e.start AND e."end" <= s."end"
"""


def event_evidence(db, keys: list[tuple[str, int]]) -> dict[tuple[str, int], dict]:
    """``(doc_id, event_index)`` -> the stored event, its document's metadata, the evidence span's
    text (``span_text``) and the sentence holding it (``sent_text`` starting at ``sent_start``;
    None when no stored sentence contains the span)."""
    if not keys:
        return {}
    rows = db.query(_EVIDENCE_SQL, [[d for d, _ in keys], [int(i) for _, i in keys]])
    return {(r["doc_id"], r["event_index"]): r for r in rows}


_ASSESSMENT_DETAIL_SQL = """
SELECT a.doc_id, a.assessment_index, a.dyad_a, a.dyad_b, a.polarity,
       a.holder_text, a.holder_name, a.holder_code, a.holder_country, a.holder_sector,
       a.start, a."end", a.sentence, a.aspects, a.quote_index, q.quote_type, a.confidence, a.rule,
       substring(d.text, a.start + 1, a."end" - a.start) AS span_text,
       s.start AS sent_start, substring(d.text, s.start + 1, s."end" - s.start) AS sent_text
FROM {source} JOIN documents d ON d.doc_id = a.doc_id
LEFT JOIN quotes q ON q.doc_id = a.doc_id AND q.quote_index = a.quote_index
LEFT JOIN sentences s ON s.doc_id = a.doc_id AND s.start <= a.start AND a."end" <= s."end"
"""


def document_assessments(db, doc_id: str) -> list[dict]:
    """A document's relationship assessments in order, holder flattened, each with the evidence
    columns of :func:`assessment_evidence`. A store older than assessments gives none."""
    if not db.has_table("assessments"):
        return []
    sql = _ASSESSMENT_DETAIL_SQL.format(source="assessments a") + " WHERE a.doc_id = ? ORDER BY a.assessment_index"
    return db.query(sql, [doc_id])


def assessment_evidence(db, keys: list[tuple[str, int]]) -> dict[tuple[str, int], dict]:
    """``(doc_id, assessment_index)`` -> the stored assessment, the text of its span
    (``span_text``) and the sentence holding it (``sent_text`` starting at ``sent_start``; None
    when no stored sentence contains the span)."""
    if not keys or not db.has_table("assessments"):
        return {}
    source = ("(SELECT unnest(?) AS doc_id, unnest(?) AS assessment_index) k "
              "JOIN assessments a ON a.doc_id = k.doc_id AND a.assessment_index = k.assessment_index")
    rows = db.query(_ASSESSMENT_DETAIL_SQL.format(source=source), [[d for d, _ in keys], [int(i) for _, i in keys]])
    return {(r["doc_id"], r["assessment_index"]): r for r in rows}


def actor_profile(db, key: str, *, by: str = "code") -> dict:
    """How the store names an actor: its names, countries and sectors with counts, and how many
    mentions and documents refer to it. ``by`` is ``code`` (one CAMEO-style code) or ``country``."""
    column = {"code": "code", "country": "country"}[by]
    q = db.query
    return {
        "names": q(f"SELECT name, count(*) AS n FROM mentions WHERE {column} = ? AND name IS NOT NULL "
                   "GROUP BY name ORDER BY n DESC, name LIMIT 12", [key]),
        "codes": q(f"SELECT code, count(*) AS n FROM mentions WHERE {column} = ? AND code IS NOT NULL "
                   "GROUP BY code ORDER BY n DESC, code LIMIT 20", [key]),
        "countries": q(f"SELECT country, count(*) AS n FROM mentions WHERE {column} = ? AND country IS NOT NULL "
                       "GROUP BY country ORDER BY n DESC, country LIMIT 5", [key]),
        "sectors": q(f"SELECT sector, count(*) AS n FROM mentions WHERE {column} = ? AND sector IS NOT NULL "
                     "GROUP BY sector ORDER BY n DESC, sector LIMIT 8", [key]),
        **q(f"SELECT count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents FROM mentions WHERE {column} = ?", [key])[0],
    }


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _all_terms(expression: str, terms: list[str]) -> tuple[str, list[str]]:
    """SQL requiring every term (case-insensitive substring) in ``expression``."""
    if not terms:
        return "false", []
    return " AND ".join(f"{expression} ILIKE ? ESCAPE '\\'" for _ in terms), [_like_pattern(t) for t in terms]


_DOC_SEARCH_TEXT = "(coalesce(title, '') || ' ' || coalesce(author, '') || ' ' || text)"
_QUOTE_SEARCH_TEXT = "(coalesce(q.content, '') || ' ' || coalesce(q.speaker_name, '') || ' ' || coalesce(q.speaker_text, ''))"


def search_documents(db, terms: list[str], *, offset: int, limit: int, window: int = 240) -> tuple[int, list[dict]]:
    """Documents containing every term (case-insensitive), as ``(total, page)``.

    Title matches come first, then the newest. Each row has ``snippet``: about ``window``
    characters of text around the first term's first occurrence (the start of the text when the
    term is only in the title or author).
    """
    where, params = _all_terms(_DOC_SEARCH_TEXT, terms)
    total = db.con.execute(f"SELECT count(*) FROM documents WHERE {where}", params).fetchone()[0]
    if not total:
        return 0, []
    first = terms[0]
    rows = db.query(
        f"""SELECT doc_id, title, date, author, publisher,
                   coalesce(title, '') ILIKE ? ESCAPE '\\' AS in_title,
                   substring(text, greatest(strpos(lower(text), lower(?)) - ?, 1), ?) AS snippet,
                   strpos(lower(text), lower(?)) > ? + 1 AS cut_before, length(text) AS n_chars
            FROM documents WHERE {where}
            ORDER BY in_title DESC, date DESC NULLS LAST, doc_id LIMIT ? OFFSET ?""",
        [_like_pattern(first), first, window // 3, window, first, window // 3, *params, limit, offset],
    )
    return total, rows


def search_quotes(db, terms: list[str], *, offset: int, limit: int) -> tuple[int, list[dict]]:
    """Quotations whose content or speaker contains every term, as ``(total, page)``, newest first."""
    where, params = _all_terms(_QUOTE_SEARCH_TEXT, terms)
    total = db.con.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]
    if not total:
        return 0, []
    rows = db.query(
        f"""SELECT q.doc_id, q.quote_index, q.quote_type, q.content, q.cue, q.speaker_text, q.speaker_name,
                   q.speaker_code, q.speaker_country, d.title AS doc_title, d.date AS doc_date
            FROM quotes q JOIN documents d USING (doc_id) WHERE {where}
            ORDER BY d.date DESC NULLS LAST, q.doc_id, q.quote_index LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return total, rows


def documents_with_source_prefix(db, prefix: str) -> list[dict]:
    """Documents whose ``source_path`` starts with ``prefix`` (those of one upload), by id."""
    return db.query(
        "SELECT doc_id, title, date FROM documents WHERE starts_with(source_path, ?) ORDER BY doc_id", [prefix]
    )


@contextmanager
def consistent_reads(db):
    """Every read inside the block sees one committed state of the store (a read transaction),
    however many commits another connection makes meanwhile."""
    db.con.execute("BEGIN TRANSACTION")
    try:
        yield db
    finally:
        db.con.execute("ROLLBACK")
def document_ids(db) -> list[str]:
    """Every stored document's id, in the order they were stored."""
    return [r[0] for r in db.con.execute("SELECT doc_id FROM documents ORDER BY doc_number, doc_id").fetchall()]


def outdated_documents(db, coder: str) -> list[str]:
    """Documents not coded by a run with this ``coder`` fingerprint (or by no recorded run), in
    the order they were stored."""
    return [r[0] for r in db.con.execute(
        "SELECT d.doc_id FROM documents d LEFT JOIN runs r USING (run_id) "
        "WHERE r.coder IS DISTINCT FROM ? ORDER BY d.doc_number, d.doc_id", [coder]
    ).fetchall()]


def run_rows(db) -> pd.DataFrame:
    """One row per recorded run (``runs``), with how many stored documents it coded now."""
    return db.con.execute(
        "SELECT r.*, (SELECT count(*) FROM documents d WHERE d.run_id = r.run_id) AS n_documents_now "
        "FROM runs r ORDER BY r.run_id"
    ).df()


def event_mention_spans(db) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """``(doc_id, event_index)`` -> every place its document mentions the event, in order."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for doc_id, index, start, end in db.con.execute(
        'SELECT doc_id, event_index, start, "end" FROM event_mentions ORDER BY doc_id, event_index, mention_index'
    ).fetchall():
        spans[(doc_id, index)].append((start, end))
    return spans


def document_facts(db) -> dict[str, dict]:
    """Document id -> its number, date, publisher, url, path, ingest time and text length."""
    rows = db.query(
        "SELECT doc_id, doc_number, date, publisher, url, source_path, ingested_at, length(text) AS doc_len FROM documents"
    )
    return {r["doc_id"]: r for r in rows}


def stored_clusters(db, settings: str, fingerprint: str) -> pd.DataFrame | None:
    """``doc_id``, ``event_index``, ``cluster`` of the deduplication stored for ``settings`` at
    this ``fingerprint``, or None when there is none (or the store predates the table)."""
    import duckdb

    try:
        df = db.con.execute(
            "SELECT doc_id, event_index, cluster FROM dedup_clusters WHERE settings = ? AND fingerprint = ?",
            [settings, fingerprint],
        ).df()
    except duckdb.CatalogException:
        return None
    return df if len(df) else None
