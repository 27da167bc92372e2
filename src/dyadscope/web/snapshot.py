"""The analysis the pages share, computed once per state of the store and reused.

Cross-document deduplication over a large store costs seconds (docs/analysis.md), far too much
for every page view. A :class:`Snapshot` holds the events (deduplicated and not), quotations and
relationship assessments of the store as :class:`~dyadscope.analysis.Dataset` computed them, plus
indexes the pages need, under the store's fingerprint
(:meth:`~dyadscope.store.Database.fingerprint`: its write counter, which every write of documents
and their records moves, and its number of events). :class:`SnapshotCache` hands out the
current snapshot, recomputing it when the fingerprint moved: after an upload the ingest job
refreshes it before it reports done, so the first page view afterwards is fast again. While an
ingest is running, pages keep the snapshot from before it (and say so) rather than recompute
after every batch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from itertools import combinations

import pandas as pd

from ..analysis import Dataset
from ..analysis.assessments import AUTHOR, UNKNOWN, assessment_series, dyad_assessments, polarity_counts
from ..analysis.assessments import with_periods as assessment_periods
from ..analysis.frames import quotes_about
from ..analysis.series import add_periods, dyad_events
from ..store import queries

log = logging.getLogger(__name__)

#: How many (a, b, dedup) event frames a snapshot keeps, and how many views (timelines, row
#: orders, quotation pages) each of them.
DYAD_CACHE_SIZE = 32
#: How many events' evidence sentences a snapshot keeps.
EVIDENCE_CACHE_SIZE = 20_000
#: How many of the pairs viewed last a rebuilt snapshot computes before it is served.
WARM_PAIRS = 8


def event_pairs(sources: tuple, targets: tuple) -> set[tuple[str, str]]:
    """The unordered pairs of states an event is an interaction between (docs/analysis.md):
    each source with each target, and pairs of sources of a joint event with no recipient
    outside its sources. Only three-letter (state) codes."""
    src = {c for c in sources if c and len(c) == 3}
    tgt = {c for c in targets if c and len(c) == 3}
    pairs = {tuple(sorted((s, t))) for s in src for t in tgt if s != t}
    if set(targets) <= set(sources):
        pairs |= {tuple(sorted(p)) for p in combinations(sorted(src), 2)}
    return pairs


def date_basis(date_source: str | None, basis: str | None) -> str:
    """Where an event's counted date comes from: ``text`` (an absolute date in the text),
    ``relative`` (resolved against publication), ``publication`` (no date in the text: the
    document's date stands in) or ``undated``."""
    if date_source == "none":
        return "undated"
    if date_source == "document" or basis not in ("text", "relative"):
        return "publication"
    return basis


def date_key(value: str | None) -> str | None:
    """Sort key of a partial ISO date: ``18XX`` -> ``1800``, so coarse dates sort before the
    finer dates they span; None stays None (sorted last)."""
    return value.upper().replace("X", "0") if isinstance(value, str) else None


class _Views:
    """Views of one pair's records (a timeline under some filters, a page of a list), each
    computed once per key; the last :data:`DYAD_CACHE_SIZE` kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._memo: OrderedDict[tuple, object] = OrderedDict()

    def memo(self, key: tuple, compute: Callable[[], object]):
        """``compute()`` once per ``key``."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > DYAD_CACHE_SIZE:
                self._memo.popitem(last=False)
        return value


class DyadEvents(_Views):
    """The events of one pair (every modality, with ``direction``), with the columns the dyad
    page filters and sorts on computed once: ``_basis``, ``_date_key``, ``_source_key``,
    ``_target_key``, and ``period_<by>`` on first use of each granularity."""

    def __init__(self, events: pd.DataFrame):
        super().__init__()
        self.events = events.assign(
            _basis=[date_basis(s, b) for s, b in zip(events["date_source"].tolist(), events["date_basis"].tolist())],
            _date_key=[date_key(v) for v in events["effective_date"].tolist()],
            _source_key=[(n[0] if n else "") or "" for n in events["source_names"].tolist()],
            _target_key=[(n[0] if n else "") or "" for n in events["target_names"].tolist()],
        )
        self.event_types = sorted(set(self.events["event_type"].dropna()))
        self.contexts = sorted({c for cs in self.events["contexts"] for c in cs})
        self.modality_counts = {k: int(v) for k, v in self.events["modality"].value_counts().items()}

    def with_periods(self, by: str) -> pd.DataFrame:
        """The events with a ``period_<by>`` column (labels of :func:`~dyadscope.analysis.series.add_periods`)."""
        column = f"period_{by}"
        with self._lock:
            if column not in self.events:
                periods = add_periods(self.events[["effective_date"]], by)["period"]
                self.events = self.events.assign(**{column: periods.tolist()})
            return self.events


def holder_rank(group: str, pair: set[str]) -> tuple:
    """Order of holder groups: the pair's own countries, other countries, then the authors' own
    judgements and holders with no country (see :mod:`dyadscope.analysis.assessments`)."""
    return (group not in pair, group in (AUTHOR, UNKNOWN), group == UNKNOWN, group)


class DyadAssessments(_Views):
    """The relationship assessments of one pair, oldest document first within each holder group
    (:func:`holder_rank`), with ``period_<by>`` columns on first use of each granularity and
    the per-period counts (:func:`~dyadscope.analysis.assessments.assessment_series`) memoised."""

    def __init__(self, frame: pd.DataFrame, a: str, b: str):
        super().__init__()
        self.a, self.b = a, b
        groups = frame["holder_group"].tolist()
        rank = {g: holder_rank(g, {a, b}) for g in set(groups)}
        self.frame = frame.assign(_rank=[rank[g] for g in groups]).sort_values("_rank", kind="stable").reset_index(drop=True)
        counts = self.frame["holder_group"].value_counts()
        self.holders = [{"holder": g, "n": int(counts[g])} for g in sorted(rank, key=rank.get)]
        #: ``n``, the count of each polarity and the balance of all of them.
        self.overall = polarity_counts(self.frame)
        self.n_documents = self.frame["doc_id"].nunique()

    def with_periods(self, by: str) -> pd.DataFrame:
        """The assessments with a ``period_<by>`` column (their documents' dates)."""
        column = f"period_{by}"
        with self._lock:
            if column not in self.frame:
                periods = assessment_periods(self.frame[["date"]], by)["period"]
                self.frame = self.frame.assign(**{column: periods.tolist()})
            return self.frame

    def series(self, by: str) -> pd.DataFrame:
        """Per period and holder group: counts by polarity and balance."""
        return self.memo(("series", by), lambda: assessment_series(self.frame, self.a, self.b, by=by))


def _by_speaker(q: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    if not len(q):
        return q, []
    def text(v):  # pandas gives NaN for a missing string
        return v if isinstance(v, str) and v else None

    speaker = [text(n) or text(t) or "unknown speaker" for n, t in zip(q["speaker_name"].tolist(), q["speaker_text"].tolist())]
    country = [text(c) for c in q["speaker_country"].tolist()]
    counts: dict[tuple, int] = {}
    for key in zip(speaker, country):
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k[0], k[1] or ""))
    order = {k: i for i, k in enumerate(ranked)}
    q = q.assign(_speaker=speaker, _order=[order[k] for k in zip(speaker, country)])
    q = q.sort_values(["_order", "doc_date", "doc_id", "quote_index"], na_position="last", kind="stable").reset_index(drop=True)
    speakers = [{"speaker": s, "country": c, "n_quotes": counts[(s, c)], "anchor": f"speaker-{i}"} for i, (s, c) in enumerate(ranked)]
    return q, speakers


class _Bounded(dict):
    """A dict forgetting its oldest entries past ``size`` (enough for caches read and written
    from several threads: a lost entry is only read again)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def update(self, other) -> None:
        super().update(other)
        while len(self) > self.size:
            self.pop(next(iter(self)), None)


class _Lazy(dict):
    """A dict that computes a missing value once, under a lock."""

    def __init__(self, compute: Callable[[object], object], **known):
        super().__init__(**known)
        self._compute = compute
        self._lock = threading.Lock()

    def __missing__(self, key):
        with self._lock:
            if key not in self.keys():
                dict.__setitem__(self, key, self._compute(key))
            return dict.__getitem__(self, key)


class Snapshot:
    """Events, quotations and assessments of one state of the store, with indexes (read-only once built).

    ``events[True]`` (deduplicated) is computed with the snapshot; ``events[False]`` on first
    use, from the per-document events the dataset already read (no database access).
    """

    def __init__(self, fingerprint: tuple, dataset: Dataset, quotes: pd.DataFrame, assessments: pd.DataFrame, seconds: float):
        self.fingerprint = fingerprint
        self.events = _Lazy(lambda dedup: dataset.event_table(dedup=bool(dedup)))
        dict.__setitem__(self.events, True, dataset.event_table(dedup=True))
        self.quotes = quotes
        #: Every relationship assessment (:meth:`~dyadscope.analysis.Dataset.assessment_table`).
        self.assessments = assessments
        self.seconds = seconds
        self.built_at = time.time()
        self.row_of = _Lazy(lambda dedup: {eid: i for i, eid in enumerate(self.events[dedup]["event_id"])})
        deduplicated = self.events[True]
        #: (doc_id, event_index) -> id of the deduplicated event it is a member of.
        self.cluster_of: dict[tuple[str, int], str] = {
            tuple(m): eid for eid, members in zip(deduplicated["event_id"], deduplicated["members"]) for m in members
        }
        self._dyads: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        #: (doc_id, event_index) -> evidence read from the store for a table row (bounded).
        self.evidence = _Bounded(EVIDENCE_CACHE_SIZE)
        #: (doc_id, assessment_index) -> evidence read from the store for a listed judgement (bounded).
        self.assessment_evidence = _Bounded(EVIDENCE_CACHE_SIZE)
        self._quotes_about: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._assessments_of: OrderedDict[tuple, DyadAssessments] = OrderedDict()
        self._held: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._actors: OrderedDict[tuple, tuple] = OrderedDict()
        self._pairs: dict[bool, list[dict]] = {}
        self._lock = threading.Lock()

    def _memo(self, store: OrderedDict, key: tuple, compute: Callable[[], object]):
        with self._lock:
            if key in store:
                store.move_to_end(key)
                return store[key]
        value = compute()
        with self._lock:
            store[key] = value
            while len(store) > DYAD_CACHE_SIZE:
                store.popitem(last=False)
        return value

    def dyad(self, a: str, b: str, dedup: bool = True) -> DyadEvents:
        """Events between ``a`` and ``b`` (every modality) with their ``direction``."""
        return self._memo(self._dyads, (a, b, dedup), lambda: DyadEvents(dyad_events(self.events[dedup], a, b)))

    def actor_events(self, key: str, by: str, dedup: bool = True) -> tuple[pd.DataFrame, int, int]:
        """The events with actor ``key`` (a code, or a country with ``by="country"``) among their
        sources or targets, with its ``role``; and how many it is a source and a target of."""

        def compute():
            events = self.events[dedup]
            column = "codes" if by == "code" else "countries"
            src = [key in v for v in events[f"source_{column}"].tolist()]
            tgt = [key in v for v in events[f"target_{column}"].tolist()]
            roles = ["source and target" if s and t else "source" if s else "target" if t else None for s, t in zip(src, tgt)]
            mine = events.assign(role=roles)
            return mine[mine["role"].notna()], sum(src), sum(tgt)

        return self._memo(self._actors, (key, by, dedup), compute)

    def quotes_about(self, a: str, b: str) -> tuple[pd.DataFrame, list[dict]]:
        """Quotations about the pair (:func:`~dyadscope.analysis.frames.quotes_about`, as the
        report selects them), ordered by speaker (most quoted first) then date, with ``_speaker``
        and ``_order``; and the speakers with their counts."""

        return self._memo(self._quotes_about, (a, b), lambda: _by_speaker(quotes_about(self.quotes, a, b)))

    def dyad_assessments(self, a: str, b: str) -> DyadAssessments:
        """The relationship assessments of the pair (in either order)."""
        return self._memo(self._assessments_of, (a, b), lambda: DyadAssessments(dyad_assessments(self.assessments, a, b), a, b))

    def held_assessments(self, key: str, by: str) -> pd.DataFrame:
        """The assessments whose holder is actor ``key`` (a code, or a country with
        ``by="country"``), oldest document first."""

        def compute():
            df = self.assessments
            return df[df["holder_code" if by == "code" else "holder_country"] == key].reset_index(drop=True)

        return self._memo(self._held, (key, by), compute)

    def busiest_pairs(self, dedup: bool = True) -> list[dict]:
        """Every pair of states with events between them, most events first."""
        with self._lock:
            if dedup in self._pairs:
                return self._pairs[dedup]
        counts: dict[tuple[str, str], int] = {}
        df = self.events[dedup]
        for src, tgt in zip(df["source_countries"].tolist(), df["target_countries"].tolist()):
            for pair in event_pairs(src, tgt):
                counts[pair] = counts.get(pair, 0) + 1
        pairs = [{"a": a, "b": b, "n_events": n} for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        with self._lock:
            self._pairs[dedup] = pairs
        return pairs


class SnapshotCache:
    """The current :class:`Snapshot`, rebuilt when the store's fingerprint changes.

    Args:
        reader: Returns a read connection (a :class:`~dyadscope.store.Database`) for the calling thread.
        dataset_options: Passed to :class:`~dyadscope.analysis.Dataset` (ontology, stop words,
            dedup settings), so knowledge files are read once per app, not per refresh.
    """

    def __init__(self, reader: Callable[[], object], **dataset_options):
        self._reader = reader
        self._options = dataset_options
        self._snapshot: Snapshot | None = None
        self._build_lock = threading.Lock()
        self.hold = threading.Event()  # set while an ingest runs: serve the snapshot from before it

    def get(self) -> tuple[Snapshot, bool]:
        """The snapshot to serve and whether it may be behind the store.

        When the store has changed and a snapshot exists, a page is never made to wait for a
        rebuild that is already under way or an ingest that is still running: it gets the
        snapshot it has, marked stale. Only a change made outside the app's ingest (or the very
        first page) rebuilds in the request.
        """
        current = self._snapshot
        fingerprint = self._reader().fingerprint()
        if current is not None and current.fingerprint == fingerprint:
            return current, False
        if current is not None and (self.hold.is_set() or self._build_lock.locked()):
            return current, True
        return self.refresh(), False

    def warm(self, top: int = 3) -> None:
        """Build the snapshot and the busiest pairs' dyad frames before anyone asks (at startup)."""
        snapshot = self.refresh()
        for pair in snapshot.busiest_pairs()[:top]:
            snapshot.dyad(pair["a"], pair["b"])
            snapshot.quotes_about(pair["a"], pair["b"])
            snapshot.dyad_assessments(pair["a"], pair["b"])

    def refresh(self) -> Snapshot:
        """Rebuild the snapshot now unless another thread just did (one build at a time), then
        recompute the pairs the previous snapshot had been asked for, so they stay fast."""
        with self._build_lock:
            t0 = time.perf_counter()
            previous = self._snapshot
            with queries.consistent_reads(self._reader()) as db:
                fingerprint = db.fingerprint()
                if previous is not None and previous.fingerprint == fingerprint:
                    return previous
                ds = Dataset(db, **self._options)
                ds.event_table(dedup=True)
                quotes = ds.quotes()
                assessments = ds.assessment_table()
            snapshot = Snapshot(fingerprint, ds, quotes, assessments, time.perf_counter() - t0)
            for a, b, dedup in list(previous._dyads)[-WARM_PAIRS:] if previous is not None else []:
                snapshot.dyad(a, b, dedup)
                snapshot.quotes_about(a, b)
                snapshot.dyad_assessments(a, b)
            log.info("analysis snapshot: %d events in %.2f s", len(snapshot.events[True]), snapshot.seconds)
            self._snapshot = snapshot
            return snapshot
