"""The DuckDB store: one connection, bulk writes of whole documents, reads back into records."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Actor, Article, ArticleResult, Assessment, Event, Failure, Mention, Quote, actor_from_dict
from .files import check_file, connect
from .schema import apply_migrations, schema_problem

ACTOR_FIELDS = ("text", "name", "code", "country", "sector", "start", "end", "former")
ARTICLE_FIELDS = ("doc_id", "text", "source_path", "title", "date", "author", "publisher", "url", "content_hash")
#: What a run record holds about the code, knowledge and model that coded its documents.
RUN_FIELDS = ("dyadscope_version", "code_hash", "knowledge_hash", "spacy_version", "spacy_model", "spacy_model_version",
              "reference_date", "actor_files", "coder")
log = logging.getLogger(__name__)

TABLES = ("documents", "sentences", "mentions", "quotes", "events", "event_actors", "event_mentions", "assessments")
ASSESSMENT_FIELDS = ("polarity", "start", "end", "sentence", "confidence", "rule")


def _actor_columns(actor: Actor | None, prefix: str) -> dict[str, Any]:
    return {f"{prefix}{f}": (getattr(actor, f) if actor else None) for f in ACTOR_FIELDS}


def _actor_from_row(row: dict[str, Any], prefix: str) -> Actor | None:
    if row.get(f"{prefix}start") is None and row.get(f"{prefix}text") is None:
        return None
    return Actor(**{f: row[f"{prefix}{f}"] for f in ACTOR_FIELDS})


class Database:
    """A dyadscope store in a DuckDB file (or in memory for tests).

    Args:
        path: Database file; created with the schema if it does not exist. With ``read_only``,
            also a ``spark-ingest`` output folder of Parquet datasets (:mod:`.parquet`).
        memory: Use an in-memory database instead of a file.
        read_only: Open for reading only (several readers may share a file).

    Raises:
        StoreError: when the file is not a DuckDB database, is locked by another process, or
            cannot be created.
    """

    def __init__(self, path: str | Path | None = None, *, memory: bool = False, read_only: bool = False):
        self.path = ":memory:" if memory or path is None else str(path)
        self.read_only = read_only
        if self.path != ":memory:" and Path(self.path).is_dir():
            self._open_parquet(read_only)
            return
        if self.path != ":memory:":
            self._check_path()
        try:
            self.con = connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            raise StoreError(self.path, _explain_open_error(str(e))) from None
        except duckdb.Error as e:
            raise StoreError(self.path, f"cannot open database ({e})") from None
        try:
            self._check_schema()
            if not read_only:
                apply_migrations(self.con)
        except duckdb.Error as e:
            self.close()
            raise StoreError(self.path, f"cannot prepare the store's tables ({_first_line(e)})") from None
        except BaseException:
            self.close()
            raise

    def _check_path(self) -> None:
        """Refuse a missing store for reading, a missing folder, and a file that is not a whole
        DuckDB database, before DuckDB opens (or creates) anything."""
        path = Path(self.path)
        if path.exists():
            check_file(path)
        elif self.read_only:
            raise StoreError(self.path, "no such database; run `dyadscope ingest` first")
        elif not path.parent.is_dir():
            raise StoreError(self.path, f"folder {str(path.parent)!r} does not exist; create it first, or give another --db")

    def _check_schema(self) -> None:
        try:
            problem = schema_problem(self.con)
        except duckdb.Error as e:
            raise StoreError(self.path, f"cannot read the database ({_first_line(e)}); is the file damaged?") from None
        if problem:
            raise StoreError(self.path, problem)

    def _open_parquet(self, read_only: bool) -> None:
        from .parquet import attach_parquet

        if not read_only:
            raise StoreError(self.path, "is a folder (spark-ingest output?), which can only be read; ingest into a .duckdb file")
        self.read_only = True
        self.con = connect(":memory:")
        try:
            attach_parquet(self.con, self.path)
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error as e:  # a connection a fatal write error invalidated has nothing left to lose
            log.debug("closing %s: %s", self.path, e)

    def cursor(self, *, read_only: bool = True) -> Database:
        """Another handle on this open database for another thread: its own DuckDB connection to
        the same database (``con.cursor()``), which sees only committed data and never waits for a
        write in progress on this one. Close it before this one.

        Args:
            read_only: Mark the handle as one that does not write (what :attr:`read_only` tells
                callers such as :class:`~dyadscope.analysis.Dataset`, which then never stores
                clusters through it); DuckDB itself allows a cursor of a writable database to write.
        """
        other = object.__new__(Database)
        other.path = self.path
        other.con = self.con.cursor()
        other.read_only = read_only or self.read_only
        return other

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` already stored (so re-ingesting skips them before parsing)."""
        hashes = list(hashes)
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]
        ).fetchall()
        return {r[0] for r in rows}

    def write_results(self, results: Sequence[ArticleResult], *, run_id: int | None = None) -> list[ArticleResult]:
        """Store whole documents in one transaction; return those written (duplicates skipped).

        A document whose text is already stored is skipped. A document whose ``doc_id`` is taken
        by a different text is stored under ``doc_id-<hash prefix>``. Either every row of the
        batch is written or none is, so a crash never leaves half a document. ``run_id`` (see
        :meth:`start_run`) links the documents to the run that coded them.
        """
        with self._damaged_file():
            seen = self.known_hashes(r.article.content_hash for r in results)
            taken = self._taken_ids([r.article.doc_id for r in results])
        batch: list[ArticleResult] = []
        for result in results:
            article = result.article
            if article.content_hash in seen:
                continue
            seen.add(article.content_hash)
            if article.doc_id in taken:
                result = replace(result, article=replace(article, doc_id=f"{article.doc_id}-{article.content_hash[:8]}"))
            taken.add(result.article.doc_id)
            batch.append(result)
        if not batch:
            return []
        rows = _rows(batch)
        with self._transaction():
            first = self._scalar("SELECT coalesce(max(doc_number), 0) FROM documents") + 1
            for k, row in enumerate(rows["documents"]):
                row.update(run_id=run_id, doc_number=first + k)
            for table in TABLES:
                if rows[table]:
                    self._insert(table, rows[table])
            self._bump_generation()
        return batch

    def replace_results(self, results: Sequence[ArticleResult], *, run_id: int | None = None) -> None:
        """Re-coded documents in one transaction: each document keeps its id, number and text, its
        sentences, mentions, quotes and events are replaced, and it is linked to ``run_id``."""
        if not results:
            return
        doc_ids = [r.article.doc_id for r in results]
        rows = _rows(results)
        with self._transaction():
            for table in TABLES[1:]:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
                if rows[table]:
                    self._insert(table, rows[table])
            self.con.execute("UPDATE documents SET run_id = ? WHERE doc_id IN (SELECT unnest(?))", [run_id, doc_ids])
            self._bump_generation()

    @contextmanager
    def _transaction(self):
        """One transaction: committed whole, or rolled back and nothing of it stored.

        A write the file system refuses (a full disk, a file size limit, a vanished file) or that
        meets a damaged block is a :class:`StoreError` naming the database and the reason; other
        errors pass unchanged.
        """
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except (duckdb.IOException, duckdb.FatalException, OSError) as e:
            raise StoreError(self.path, _write_error(e)) from None
        except duckdb.TransactionException as e:
            if "commit" not in str(e).lower():
                raise
            raise StoreError(self.path, _write_error(e)) from None
        except duckdb.Error as e:
            if "corrupt database file" not in str(e).lower():
                raise
            raise StoreError(self.path, _damage_error(e)) from None

    @contextmanager
    def _damaged_file(self):
        """A damaged block met on the way (a checksum that does not match) is the file's fault, not
        the document's: a :class:`StoreError` that stops the run."""
        try:
            yield
        except duckdb.Error as e:
            if "corrupt database file" not in str(e).lower():
                raise
            raise StoreError(self.path, _damage_error(e)) from None

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error as e:  # a failed COMMIT has already ended the transaction
            log.debug("rollback on %s: %s", self.path, e)

    def _bump_generation(self) -> None:
        self.con.execute("UPDATE store_info SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'generation'")

    def generation(self) -> int:
        """How many writes the store has had (0 for a store older than the counter)."""
        value = self.get_info("generation")
        return int(value) if value is not None else 0

    def write_clusters(self, settings: str, fingerprint: str, rows: list[tuple[str, int, int]]) -> None:
        """Replace the stored deduplication clusters of ``settings`` with ``rows`` of
        ``(doc_id, event_index, cluster)``, computed for the store at ``fingerprint``."""
        with self._transaction():
            self.con.execute("DELETE FROM dedup_clusters WHERE settings = ?", [settings])
            if rows:
                table = pa.table({
                    "settings": [settings] * len(rows), "fingerprint": [fingerprint] * len(rows),
                    "doc_id": [r[0] for r in rows], "event_index": [int(r[1]) for r in rows],
                    "cluster": [int(r[2]) for r in rows],
                })
                self.con.register("_clusters", table)
                try:
                    self.con.execute("INSERT INTO dedup_clusters BY NAME SELECT * FROM _clusters")
                finally:
                    self.con.unregister("_clusters")

    # -- runs ------------------------------------------------------------------------------

    def start_run(self, command: str, provenance: dict[str, Any]) -> int:
        """Record the start of an ingest or recode run with what codes it (see ``runs`` in
        :mod:`.schema`); return its ``run_id``."""
        run_id = self._scalar("SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        row = {"run_id": run_id, "command": command, **{k: provenance.get(k) for k in RUN_FIELDS}}
        with self._transaction():
            self.con.execute(
                f"INSERT INTO runs (started_at, {', '.join(row)}) VALUES (current_timestamp, {', '.join('?' * len(row))})",
                list(row.values()),
            )
        return run_id

    def finish_run(self, run_id: int, *, n_documents: int, n_failures: int) -> None:
        with self._transaction():
            self.con.execute(
                "UPDATE runs SET finished_at = current_timestamp, n_documents = ?, n_failures = ? WHERE run_id = ?",
                [n_documents, n_failures, run_id],
            )

    def articles(self, doc_ids: Sequence[str]) -> list[Article]:
        """Stored documents as :class:`Article` records (to re-code them), in ``doc_ids`` order."""
        rows = {r["doc_id"]: r for r in self.query(
            f"SELECT {', '.join(ARTICLE_FIELDS)}, warnings FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        )}
        return [
            Article(**{k: rows[d][k] for k in ARTICLE_FIELDS}, warnings=tuple(rows[d]["warnings"] or ()))
            for d in doc_ids if d in rows
        ]

    def set_info(self, key: str, value: str) -> None:
        """Record a fact about the store itself (``store_info``)."""
        with self._transaction():
            self.con.execute("INSERT OR REPLACE INTO store_info VALUES (?, ?)", [key, str(value)])

    def get_info(self, key: str) -> str | None:
        """A fact recorded with :meth:`set_info`, or None (also for stores older than the table)."""
        try:
            return self._scalar("SELECT value FROM store_info WHERE key = ?", [key])
        except duckdb.CatalogException:
            return None

    def write_failures(self, failures: Sequence[Failure]) -> None:
        if failures:
            with self._transaction():
                self._insert("failures", [{"source": f.source, "reason": f.reason} for f in failures])

    def _scalar(self, sql: str, params: Sequence[Any] = ()):
        """The first value of a query's first row, or None (the result is read to its end)."""
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0][0] if rows else None

    def _taken_ids(self, doc_ids: list[str]) -> set[str]:
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()
        return {r[0] for r in rows}

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        arrow = pa.Table.from_pylist(rows)
        self.con.register("_incoming", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    # -- reading ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row count of each table."""
        return {t: self._scalar(f"SELECT count(*) FROM {t}") if self.has_table(t) else 0 for t in TABLES + ("failures",)}

    def has_table(self, name: str) -> bool:
        """True when the store has table ``name`` (a store opened read-only keeps its old schema)."""
        return bool(self._scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))

    def fingerprint(self) -> str:
        """Changes whenever stored records change: the write counter and the number of events."""
        n_events = self._scalar("SELECT count(*) FROM events")
        return f"g{self.generation()}-e{n_events}"

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def results(self, doc_ids: Sequence[str] | None = None) -> Iterator[ArticleResult]:
        """Stored documents back as :class:`ArticleResult` records, ordered by ``doc_id``."""
        where, params = ("WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]) if doc_ids is not None else ("", [])

        def grouped(table: str, order: str) -> dict[str, list[dict[str, Any]]]:
            out: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for row in self.query(f"SELECT * FROM {table} {where} ORDER BY doc_id, {order}", params):
                out[row["doc_id"]].append(row)
            return out

        sentences = grouped("sentences", "sent_index")
        mentions = grouped("mentions", "mention_index")
        quotes = grouped("quotes", "quote_index")
        events = grouped("events", "event_index")
        actors = grouped("event_actors", "event_index, role, actor_index")
        event_mentions = grouped("event_mentions", "event_index, mention_index")
        assessments = grouped("assessments", "assessment_index") if self.has_table("assessments") else {}
        for doc in self.query(f"SELECT * FROM documents {where} ORDER BY doc_id", params):
            doc_id = doc["doc_id"]
            article = Article(
                **{k: doc[k] for k in ARTICLE_FIELDS},
                warnings=tuple(doc["warnings"] or ()),
            )
            roles: dict[tuple[int, str], list[Actor]] = defaultdict(list)
            for row in actors.get(doc_id, ()):
                roles[(row["event_index"], row["role"])].append(_actor_from_row(row, ""))
            spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for row in event_mentions.get(doc_id, ()):
                spans[row["event_index"]].append((row["start"], row["end"]))
            doc_quotes = tuple(_quote_from_row(r) for r in quotes.get(doc_id, ()))
            yield ArticleResult(
                article=article,
                sentences=tuple((r["start"], r["end"]) for r in sentences.get(doc_id, ())),
                mentions=tuple(_mention_from_row(r) for r in mentions.get(doc_id, ())),
                quotes=doc_quotes,
                events=tuple(
                    _event_from_row(r, roles[(r["event_index"], "source")], roles[(r["event_index"], "target")], spans[r["event_index"]])
                    for r in events.get(doc_id, ())
                ),
                assessments=tuple(_assessment_from_row(r, doc_quotes) for r in assessments.get(doc_id, ())),
            )


def made_by(path: str | Path) -> str | None:
    """Who made the store at ``path`` (``store_info.made_by``), or None when the file is missing,
    is not a DuckDB database, cannot be opened, or carries no such record. Never changes the file."""
    if not Path(path).is_file():
        return None
    try:
        with Database(path, read_only=True) as db:
            return db.get_info("made_by")
    except (StoreError, duckdb.Error):
        return None


def _write_error(error: BaseException) -> str:
    reason = _first_line(error)
    lower = reason.lower()
    if "no space" in lower or "file too large" in lower or "disk" in lower or "quota" in lower:
        cause = "the disk is full or the file may grow no more"
    else:
        cause = "the file system refused the write"
    return (f"cannot write to the database: {cause} ({reason}); nothing of the current batch was stored and what was "
            "stored before is intact; free space and re-run the same command to resume")


def _damage_error(error: BaseException) -> str:
    return (f"the database file is damaged ({_first_line(error)}); nothing of the current batch was stored; "
            "restore the file from a copy or use a new --db")


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _explain_open_error(message: str) -> str:
    lower = message.lower()
    if "lock" in lower:
        return "database is locked by another process (another dyadscope or DuckDB session has it open); close it and retry"
    if "sqlite" in lower:
        return "a SQLite database, not DuckDB (dyadscope stores are DuckDB files); choose another --db path"
    if "not a valid duckdb" in lower or "invalid" in lower or "magic" in lower:
        return "not a DuckDB database file (choose another --db path)"
    return f"cannot open database ({message})"


def _rows(results: Sequence[ArticleResult]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for result in results:
        a = result.article
        doc_id = a.doc_id
        rows["documents"].append(
            {
                "doc_id": doc_id,
                "content_hash": a.content_hash,
                "source_path": a.source_path,
                "title": a.title,
                "date": a.date,
                "author": a.author,
                "publisher": a.publisher,
                "url": a.url,
                "text": a.text,
                "warnings": list(a.warnings),
            }
        )
        rows["sentences"] += [{"doc_id": doc_id, "sent_index": i, "start": s, "end": e} for i, (s, e) in enumerate(result.sentences)]
        for i, m in enumerate(result.mentions):
            row = {f: getattr(m, f) for f in ("start", "end", "text", "name", "code", "country", "sector", "kind", "antecedent", "rule", "former", "state_owned")}
            row.update(doc_id=doc_id, mention_index=i, members=json.dumps([asdict(x) for x in m.members]))
            rows["mentions"].append(row)
        for i, q in enumerate(result.quotes):
            row = {f: getattr(q, f) for f in ("quote_type", "content", "cue", "cue_start", "cue_end", "start", "end", "rule")}
            row.update(doc_id=doc_id, quote_index=i, content_spans=[list(s) for s in q.content_spans])
            row.update(_actor_columns(q.speaker, "speaker_"))
            rows["quotes"].append(row)
        for i, ev in enumerate(result.events):
            row = {
                f: getattr(ev, f)
                for f in ("event_type", "mode", "cameo", "goldstein", "quad_class", "date", "date_basis", "modality", "sentence", "start", "end", "confidence", "rule", "resolved")
            }
            row.update(doc_id=doc_id, event_index=i, contexts=list(ev.contexts))
            row.update(_actor_columns(ev.speaker, "speaker_"))
            rows["events"].append(row)
            for role, group in (("source", ev.source), ("target", ev.target)):
                for j, actor in enumerate(group):
                    rows["event_actors"].append({"doc_id": doc_id, "event_index": i, "role": role, "actor_index": j, **_actor_columns(actor, "")})
            for j, (s, e) in enumerate(ev.mentions or ((ev.start, ev.end),)):
                rows["event_mentions"].append({"doc_id": doc_id, "event_index": i, "mention_index": j, "start": s, "end": e})
        rows["assessments"] += _assessment_rows(doc_id, result)
    return rows


def _assessment_rows(doc_id: str, result: ArticleResult) -> list[dict[str, Any]]:
    """One row per assessment; its quotation is stored as the index of that quotation in the document."""
    out = []
    for i, a in enumerate(result.assessments):
        row = {f: getattr(a, f) for f in ASSESSMENT_FIELDS}
        quote_index = next((k for k, q in enumerate(result.quotes) if q == a.quote), None) if a.quote is not None else None
        row.update(doc_id=doc_id, assessment_index=i, dyad_a=a.dyad[0], dyad_b=a.dyad[1], aspects=list(a.aspects),
                   quote_index=quote_index)
        row.update(_actor_columns(a.holder, "holder_"))
        out.append(row)
    return out


def _assessment_from_row(r: dict[str, Any], quotes: tuple[Quote, ...]) -> Assessment:
    k = r["quote_index"]
    return Assessment(
        **{f: r[f] for f in ASSESSMENT_FIELDS},
        dyad=(r["dyad_a"], r["dyad_b"]),
        holder=_actor_from_row(r, "holder_"),
        aspects=tuple(r["aspects"] or ()),
        quote=quotes[k] if k is not None and 0 <= k < len(quotes) else None,
    )


def _mention_from_row(r: dict[str, Any]) -> Mention:
    return Mention(
        **{f: r[f] for f in ("start", "end", "text", "name", "code", "country", "sector", "kind", "antecedent", "rule", "former", "state_owned")},
        members=tuple(actor_from_dict(x) for x in json.loads(r["members"] or "[]")),
    )


def _quote_from_row(r: dict[str, Any]) -> Quote:
    return Quote(
        **{f: r[f] for f in ("quote_type", "content", "cue", "cue_start", "cue_end", "start", "end", "rule")},
        content_spans=tuple(tuple(s) for s in (r["content_spans"] or ())),
        speaker=_actor_from_row(r, "speaker_"),
    )


def _event_from_row(r: dict[str, Any], source: list[Actor], target: list[Actor], spans: list[tuple[int, int]]) -> Event:
    return Event(
        **{
            f: r[f]
            for f in ("event_type", "mode", "cameo", "goldstein", "quad_class", "date", "date_basis", "modality", "sentence", "start", "end", "confidence", "rule")
        },
        resolved=bool(r["resolved"]) if r.get("resolved") is not None else True,
        contexts=tuple(r["contexts"] or ()),
        source=tuple(source),
        target=tuple(target),
        speaker=_actor_from_row(r, "speaker_"),
        mentions=tuple(spans),
    )
