"""The notebook-facing object: a store's documents, events, quotes, assessments and dyad series as DataFrames."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..knowledge.ontology import Ontology, load_ontology
from ..store import Database, queries
from .assessments import assessment_series, assessments_frame, document_balance, dyad_assessments
from .dedup import DATE_TOLERANCE_DAYS, MIN_SIMILARITY, deduplicate, load_stop_words
from .exports import ROOT_SENTENCES, gdelt_frame, plover_records
from .frames import documents_frame, event_mentions_frame, quotes_frame
from .series import dyad_events, dyad_series, modality_counts

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

    def event_table(self, dedup: bool = True) -> pd.DataFrame:
        """Events with list-valued columns as tuples (the form the analysis functions take)."""
        key = ("events", dedup)
        if key not in self._cache:
            self._cache[key] = deduplicate(
                self._mentions(), enabled=dedup, date_tolerance_days=self.date_tolerance_days,
                min_similarity=self.min_similarity, stop_words=self.stop_words,
            )
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

    def dyad_series(self, a: str, b: str, by: str = "month", modality=None, dedup: bool = True) -> pd.DataFrame:
        """Per period, modality and direction: counts by quad class, PLOVER type and context,
        Goldstein sum and mean, net cooperation index (see :func:`.series.dyad_series`)."""
        return dyad_series(self.event_table(dedup), a, b, by=by, modality=modality)

    def modality_counts(self, a: str, b: str, dedup: bool = True) -> dict[str, int]:
        """Events of the dyad per modality, counted or not in a series."""
        return modality_counts(self.event_table(dedup), a, b)

    # -- exports ---------------------------------------------------------------------------

    def gdelt(self, dedup: bool = True) -> pd.DataFrame:
        """Events in a GDELT-2.0-like column layout (docs/analysis.md lists the columns)."""
        return gdelt_frame(self.event_table(dedup), queries.lead_ends(self.db, ROOT_SENTENCES))

    def plover(self, dedup: bool = True) -> list[dict]:
        """Events as PLOVER JSON records."""
        return plover_records(self.event_table(dedup), queries.document_texts(self.db))

    def to_csv(self, path, dedup: bool = True) -> Path:
        """Write the GDELT-like event table as CSV; return the path."""
        self.gdelt(dedup).to_csv(path, index=False)
        return Path(path)

    def to_parquet(self, path, dedup: bool = True) -> Path:
        """Write the GDELT-like event table as Parquet; return the path."""
        self.gdelt(dedup).to_parquet(path, index=False)
        return Path(path)

    def to_plover_jsonl(self, path, dedup: bool = True) -> Path:
        """Write one PLOVER JSON record a line; return the path."""
        with open(path, "w", encoding="utf-8") as fh:
            for record in self.plover(dedup):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return Path(path)


def open_dataset(db, **options) -> Dataset:
    """Open a store (path or :class:`~dyadscope.store.Database`) for analysis."""
    return Dataset(db, **options)
