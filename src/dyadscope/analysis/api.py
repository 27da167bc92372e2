"""The notebook-facing object: a store's documents, events, quotes, assessments and dyad series as DataFrames."""

from __future__ import annotations

import hashlib
import logging
import warnings
from pathlib import Path

import pandas as pd

from ..knowledge.ontology import Ontology, load_ontology
from ..store import Database, queries
from .assessments import assessment_series, assessments_frame, document_balance, dyad_assessments
from .dedup import DATE_TOLERANCE_DAYS, MIN_SIMILARITY, cluster_events, deduplicate, load_stop_words
from ..export.delimited import write_csv, write_tsv
from ..export.files import atomic_outputs, binary_output, is_stdout, text_output
from ..export.jsonio import dumps
from .gdelt import (
    ROOT_SENTENCES,
    gdelt_event_rows,
    gdelt_frame,
    gdelt_mention_rows,
    mentions_path,
)
from .icews import ICEWS_COLUMNS, icews_rows
from .plover import plover_records
from .frames import documents_frame, event_mentions_frame, quotes_frame
from .series import dyad_events, dyad_series, modality_counts

log = logging.getLogger(__name__)
#: Version of the deduplication rule; stored clusters of another version are not reused.
DEDUP_VERSION = "dedup.v1"

_JOINED = (
    "contexts", "source_countries", "source_codes", "source_names", "source_sectors", "source_texts",
    "target_countries", "target_codes", "target_names", "target_sectors", "target_texts", "doc_ids",
)


class Dataset:
    """A dyadscope store opened for analysis (see :func:`dyadscope.open`).

    Args:
        db: A :class:`~dyadscope.store.Database`, or the path of a database file (opened
            read-only and closed by :meth:`close`).
        date_tolerance_days, min_similarity: Deduplication settings (docs/analysis.md).
        ontology: The PLOVER/CAMEO tables (loaded from the shipped files when not given).
        stop_words: Words dedup ignores when comparing evidence (the shipped list when not given).

    Every method returning events takes ``dedup`` (default True): with False, each event as one
    document reports it stays a row of its own.
    """

    def __init__(
        self,
        db,
        *,
        date_tolerance_days: int = DATE_TOLERANCE_DAYS,
        min_similarity: float = MIN_SIMILARITY,
        ontology: Ontology | None = None,
        stop_words: frozenset[str] | None = None,
    ):
        self.ontology = ontology or load_ontology()
        self.stop_words = load_stop_words() if stop_words is None else stop_words
        self._owned = not isinstance(db, Database)
        self.db = Database(db, read_only=True) if self._owned else db
        self.date_tolerance_days = date_tolerance_days
        self.min_similarity = min_similarity
        self._cache: dict[object, pd.DataFrame] = {}

    def close(self) -> None:
        if self._owned:
            self.db.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- frames ----------------------------------------------------------------------------

    def _mentions(self) -> pd.DataFrame:
        if "mentions" not in self._cache:
            self._cache["mentions"] = event_mentions_frame(self.db, self.ontology.type_quads())
        return self._cache["mentions"]

    @property
    def dedup_settings(self) -> str:
        """What the stored clusters depend on besides the records: the rule's version, its
        settings and the stop words."""
        words = hashlib.sha256("\n".join(sorted(self.stop_words)).encode()).hexdigest()[:12]
        return f"{DEDUP_VERSION}:days={self.date_tolerance_days}:sim={self.min_similarity}:stop={words}"

    def _clusters(self) -> list[list[int]]:
        """The deduplication clusters as row positions of :meth:`_mentions`: stored ones when the
        store has not changed since they were computed, else computed (and stored when the
        database is open for writing)."""
        mentions = self._mentions()
        fingerprint = self.db.fingerprint()
        stored = queries.stored_clusters(self.db, self.dedup_settings, fingerprint)
        if stored is not None and len(stored) == len(mentions):
            position = {key: i for i, key in enumerate(zip(mentions["doc_id"], mentions["event_index"]))}
            groups: dict[int, list[int]] = {}
            for doc_id, index, cluster in stored.itertuples(index=False):
                groups.setdefault(int(cluster), []).append(position[(doc_id, int(index))])
            return list(groups.values())
        clusters = cluster_events(mentions, date_tolerance_days=self.date_tolerance_days,
                                  min_similarity=self.min_similarity, stop_words=self.stop_words)
        if not self.db.read_only:
            self.store_clusters(clusters, fingerprint)
        else:
            log.info("deduplicated %d events; `dyadscope ingest` stores the clusters so readers need not", len(mentions))
        return clusters

    def store_clusters(self, clusters: list[list[int]] | None = None, fingerprint: str | None = None) -> int:
        """Store the deduplication clusters in the database (open for writing), so later readers
        of an unchanged store skip the comparison; return how many clusters."""
        mentions = self._mentions()
        if clusters is None:
            clusters = cluster_events(mentions, date_tolerance_days=self.date_tolerance_days,
                                      min_similarity=self.min_similarity, stop_words=self.stop_words)
        doc_ids, indexes = mentions["doc_id"].tolist(), mentions["event_index"].tolist()
        rows = [(doc_ids[i], int(indexes[i]), c) for c, members in enumerate(clusters) for i in members]
        self.db.write_clusters(self.dedup_settings, fingerprint or self.db.fingerprint(), rows)
        return len(clusters)

    def event_table(self, dedup: bool = True) -> pd.DataFrame:
        """Events with list-valued columns as tuples (the form the analysis functions take)."""
        key = ("events", dedup)
        if key not in self._cache:
            clusters = self._clusters() if dedup and len(self._mentions()) else None
            self._cache[key] = deduplicate(self._mentions(), enabled=dedup, clusters=clusters)
        return self._cache[key]

    def documents(self) -> pd.DataFrame:
        """One row per document: metadata and counts of mentions, quotes and events."""
        return documents_frame(self.db)

    def events(self, dedup: bool = True) -> pd.DataFrame:
        """One row per event; actors, contexts and documents flattened to ``;``-joined strings.

        ``date`` is the date the event is counted under (its own, else its document's) and
        ``event_date`` the date as coded; ``members`` lists every ``doc_id#event_index`` that
        reports the event.
        """
        df = self.event_table(dedup).copy()
        for col in _JOINED:
            df[col] = [";".join(str(x) for x in v if x is not None) for v in df[col]]
        df["members"] = [";".join(f"{d}#{i}" for d, i in v) for v in df["members"]]
        df = df.drop(columns=["source_starts", "target_starts"], errors="ignore")
        df = df.rename(columns={"date": "event_date", "effective_date": "date"})
        first = ["event_id", "date", "event_date", "date_source", "event_type", "mode", "contexts", "cameo", "goldstein",
                 "quad_class", "modality", "source_countries", "target_countries", "source_names", "target_names",
                 "sentence", "doc_id", "event_index", "num_mentions", "num_articles", "num_sources", "members"]
        return df[first + [c for c in df.columns if c not in first]]

    def quotes(self) -> pd.DataFrame:
        """One row per quotation with its speaker and the countries its content mentions."""
        return quotes_frame(self.db)

    def assessment_table(self) -> pd.DataFrame:
        """Assessments with ``aspects`` as tuples and ``holder_group`` (the form the analysis takes)."""
        if "assessments" not in self._cache:
            self._cache["assessments"] = assessments_frame(self.db)
        return self._cache["assessments"]

    def assessments(self) -> pd.DataFrame:
        """One row per relationship assessment (docs/assessments.md): ``dyad_a``/``dyad_b``,
        ``polarity``, the holder's columns (``holder_*``, all null for the author's own), ``aspects``
        (``;``-joined), ``sentence``, ``start``/``end``, ``quote_type`` of the quotation it sits in,
        ``confidence``, ``rule``, and its document's ``date`` and title."""
        df = self.assessment_table().copy()
        df["aspects"] = [";".join(v) for v in df["aspects"]]
        first = ["doc_id", "assessment_index", "date", "dyad_a", "dyad_b", "polarity", "holder_text", "holder_name",
                 "holder_country", "aspects", "sentence", "start", "end", "quote_type", "confidence", "rule"]
        return df[first + [c for c in df.columns if c not in first]]

    def dyad_assessments(self, a: str, b: str) -> pd.DataFrame:
        """The assessments of the pair ``a``, ``b``, oldest document first."""
        return dyad_assessments(self.assessment_table(), a, b)

    def assessment_series(self, a: str, b: str, by: str = "month") -> pd.DataFrame:
        """Per period and holder country (``all`` first; ``author`` for the author's own): counts
        by polarity and ``balance`` = (positive - negative) / n (see :mod:`.assessments`)."""
        return assessment_series(self.assessment_table(), a, b, by=by)

    def assessment_balance(self, a: str, b: str) -> pd.DataFrame:
        """Per document of the pair: counts by polarity and balance."""
        return document_balance(self.assessment_table(), a, b)

    def dyad_events(self, a: str, b: str, dedup: bool = True) -> pd.DataFrame:
        """Events between ``a`` and ``b`` (every modality) with their ``direction``."""
        return dyad_events(self.event_table(dedup), a, b)

    def dyad_series(self, a: str, b: str, by: str = "month", modality=None, dedup: bool = True,
                    date_basis=None, fill: bool = True) -> pd.DataFrame:
        """Per period, modality and direction: counts by quad class, PLOVER type and context,
        Goldstein sum and mean, net cooperation index, events dated only by publication, small
        counts marked; every period from first to last (see :func:`.series.dyad_series`).
        ``date_basis`` keeps events dated by ``text``, ``relative`` and/or ``publication``."""
        return dyad_series(self.event_table(dedup), a, b, by=by, modality=modality, date_basis=date_basis, fill=fill)

    def modality_counts(self, a: str, b: str, dedup: bool = True) -> dict[str, int]:
        """Events of the dyad per modality, counted or not in a series."""
        return modality_counts(self.event_table(dedup), a, b)

    def runs(self) -> pd.DataFrame:
        """One row per recorded ingest or recode run: what coded the documents (version, code and
        knowledge hashes, spaCy model, reference date) and how many documents it coded."""
        return queries.run_rows(self.db)

    # -- exports ---------------------------------------------------------------------------

    def gdelt(self, dedup: bool = True) -> pd.DataFrame:
        """Events in a GDELT-2.0-like column layout (docs/analysis.md lists the columns)."""
        return gdelt_frame(self.event_table(dedup), queries.lead_ends(self.db, ROOT_SENTENCES))

    def plover(self, dedup: bool = True) -> list[dict]:
        """Events as PLOVER JSON records (strict-JSON values)."""
        return plover_records(self.event_table(dedup), queries.document_texts(self.db), queries.sentence_spans(self.db))

    def to_gdelt_csv(self, path, dedup: bool = True) -> Path:
        """Write the GDELT-like event table (:meth:`gdelt`) as CSV, with a header; return the path."""
        df = self.gdelt(dedup)
        with text_output(path, newline="") as fh:
            write_csv(fh, list(df.columns), df.astype(object).where(df.notna(), None).itertuples(index=False, name=None))
        return Path(path)

    def to_gdelt_parquet(self, path, dedup: bool = True) -> Path:
        """Write the GDELT-like event table (:meth:`gdelt`) as one Parquet file; return the path."""
        df = self.gdelt(dedup)
        with binary_output(path) as tmp:
            df.to_parquet(tmp, index=False)
        return Path(path)

    def to_csv(self, path, dedup: bool = True) -> Path:
        """Deprecated name of :meth:`to_gdelt_csv`."""
        warnings.warn("Dataset.to_csv is now to_gdelt_csv (the CLI's csv export is per-table records)",
                      DeprecationWarning, stacklevel=2)
        return self.to_gdelt_csv(path, dedup)

    def to_parquet(self, path, dedup: bool = True) -> Path:
        """Deprecated name of :meth:`to_gdelt_parquet`."""
        warnings.warn("Dataset.to_parquet is now to_gdelt_parquet (the CLI's parquet export is per-table records)",
                      DeprecationWarning, stacklevel=2)
        return self.to_gdelt_parquet(path, dedup)

    def to_plover_jsonl(self, path, dedup: bool = True) -> Path:
        """Write one PLOVER JSON record a line (strict JSON; ``-`` for standard output); return the path."""
        with text_output(path) as fh:
            for record in self.plover(dedup):
                fh.write(dumps(record) + "\n")
        return Path(path)

    def write_gdelt(self, path, dedup: bool = True) -> list[Path]:
        """Write a GDELT 2.0 Events file (61 columns, tab-separated, no header) to ``path`` and its
        Mentions file beside it (:func:`.gdelt.mentions_path`); ``-`` writes the Events table to
        standard output only. Return the paths written."""
        events = self.event_table(dedup)
        rows = gdelt_event_rows(events, queries.lead_ends(self.db, ROOT_SENTENCES))
        if is_stdout(path):
            with text_output(path) as fh:
                write_tsv(fh, rows)
            return []
        actor_starts = {key: [a[5] for a in group] for key, group in queries.event_actors_by_role(self.db).items()}
        mentions = gdelt_mention_rows(
            events, spans=queries.event_mention_spans(self.db), sentences=queries.sentence_spans(self.db),
            documents=queries.document_facts(self.db), actor_starts=actor_starts,
        )
        with atomic_outputs() as out:
            for final, data in ((path, rows), (mentions_path(path), mentions)):
                with open(out.path(final), "w", encoding="utf-8", newline="") as fh:
                    write_tsv(fh, data)
        return [Path(path), mentions_path(path)]

    def write_icews(self, path, dedup: bool = True) -> Path:
        """Write the events in the ICEWS layout (tab-separated with a header, :mod:`.icews`)."""
        cameo_names = {code: c.name for code, c in self.ontology.cameo.items()}
        rows = icews_rows(self.event_table(dedup), cameo_names=cameo_names, sentences=queries.sentence_spans(self.db))
        with text_output(path, newline="") as fh:
            write_tsv(fh, rows, columns=ICEWS_COLUMNS)
        return Path(path)


def open_dataset(db, **options) -> Dataset:
    """Open a store (path or :class:`~dyadscope.store.Database`) for analysis."""
    return Dataset(db, **options)


def store_clusters(db) -> int:
    """Deduplicate a writable store's events with the default settings and store the clusters
    (what ``dyadscope ingest`` does when it finishes); return how many events that makes."""
    return Dataset(db).store_clusters()
