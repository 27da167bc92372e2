"""Cross-document event deduplication: one real-world event reported by several articles.

Rule (documented in docs/analysis.md): two stored events are mentions of the same real-world
event when they come from different documents and

1. they have the same PLOVER ``event_type`` and the same ``modality``;
2. they have the same set of source countries and the same set of target countries;
3. their effective dates are compatible: the day intervals they cover (a partial date such as
   ``2015-09`` covers the whole month) overlap once widened by ``date_tolerance_days``;
4. their evidence sentences are similar: the Jaccard overlap of their content-word stems is at
   least ``min_similarity``.

Pairs are merged greedily from the most similar down, and a merge is refused when it would put
two events of one document into the same cluster (one article's two events stay two events).
Each cluster becomes one event, described by its best-dated, most confident member, with
GDELT-style counts: ``num_mentions`` (every mention span in every member), ``num_articles``
(distinct documents) and ``num_sources`` (distinct publishers; a document without one counts as
its own source). The members stay listed in ``members`` so no evidence is lost.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from pathlib import Path

import pandas as pd

from ..knowledge.load import DATA_DIR
from .dates import parse_partial_date

DATE_TOLERANCE_DAYS = 3
MIN_SIMILARITY = 0.2
STOP_WORDS_FILE = DATA_DIR / "analysis" / "stop_words.txt"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PRECISION = {"day": 4, "month": 3, "year": 2, "decade": 1, "century": 0}


def load_stop_words(path: Path = STOP_WORDS_FILE) -> frozenset[str]:
    """Words left out when comparing evidence (one a line; ``#`` comments)."""
    with open(path, encoding="utf-8") as fh:
        return frozenset(w for line in fh if (w := line.split("#", 1)[0].strip().lower()))


def evidence_terms(sentence: str | None, stop_words: frozenset[str]) -> frozenset[str]:
    """Content-word stems of an evidence sentence (lower-cased, stop words dropped, cut to 5 letters)."""
    words = _WORD.findall((sentence or "").lower())
    return frozenset(w[:5] for w in words if w not in stop_words)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def event_id(doc_id: str, event_index: int) -> str:
    """A stable identifier for an event, from the document and index of its representative."""
    return "ev-" + hashlib.sha1(f"{doc_id}#{event_index}".encode()).hexdigest()[:12]


def deduplicate(
    mentions: pd.DataFrame,
    *,
    enabled: bool = True,
    date_tolerance_days: int = DATE_TOLERANCE_DAYS,
    min_similarity: float = MIN_SIMILARITY,
    stop_words: frozenset[str] = frozenset(),
    clusters: list[list[int]] | None = None,
) -> pd.DataFrame:
    """Collapse the per-document events of ``mentions`` (see :func:`frames.event_mentions_frame`).

    Args:
        mentions: One row per stored event.
        enabled: False keeps every stored event as its own event (counts still filled).
        date_tolerance_days: Slack when comparing the day intervals of two dates.
        min_similarity: Least Jaccard overlap of evidence terms for two mentions to merge.
        stop_words: Words left out of that comparison (:func:`load_stop_words`).
        clusters: Row positions of each cluster, as :func:`cluster_events` found them earlier
            (stored with the store's fingerprint): given, nothing is compared again.

    Returns:
        One row per event: the representative's columns plus ``event_id``, ``members`` (tuple of
        ``(doc_id, event_index)``), ``doc_ids``, ``num_mentions``, ``num_articles``,
        ``num_sources`` and ``contexts`` (union over members, first-seen order).
    """
    precision = _precisions(mentions)
    if clusters is None:
        clusters = cluster_events(mentions, enabled=enabled, date_tolerance_days=date_tolerance_days,
                                  min_similarity=min_similarity, stop_words=stop_words)
    return _collapse(mentions, clusters, precision)


def _precisions(mentions: pd.DataFrame) -> list[int]:
    cache: dict[object, int] = {}
    out = []
    for value in mentions["effective_date"].tolist():
        got = cache.get(value)
        if got is None:
            p = parse_partial_date(value)
            got = cache[value] = _PRECISION[p.precision] if p else -1
        out.append(got)
    return out


def cluster_events(
    mentions: pd.DataFrame,
    *,
    enabled: bool = True,
    date_tolerance_days: int = DATE_TOLERANCE_DAYS,
    min_similarity: float = MIN_SIMILARITY,
    stop_words: frozenset[str] = frozenset(),
) -> list[list[int]]:
    """Which stored events report the same real-world event: row positions of ``mentions`` per
    cluster (the rule in the module docstring); every row its own cluster when not ``enabled``."""
    n = len(mentions)
    doc_ids = mentions["doc_id"].tolist()
    parent = list(range(n))
    docs_of = [{d} for d in doc_ids]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    parsed: dict[object, tuple] = {}
    intervals, precision = [], []
    for value in mentions["effective_date"].tolist():
        got = parsed.get(value)
        if got is None:
            p = parse_partial_date(value)
            got = parsed[value] = (p.interval(), _PRECISION[p.precision]) if p else (None, -1)
        intervals.append(got[0])
        precision.append(got[1])
    if enabled and n > 1:
        stop = stop_words
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, key in enumerate(
            zip(
                mentions["event_type"].tolist(),
                mentions["modality"].tolist(),
                mentions["source_countries"].tolist(),
                mentions["target_countries"].tolist(),
            )
        ):
            etype, modality, src, tgt = key
            blocks[(etype, modality, frozenset(src), frozenset(tgt))].append(i)
        terms: dict[int, frozenset[str]] = {}
        sentences = mentions["sentence"].tolist()
        pairs: list[tuple[float, int, int]] = []
        for members in blocks.values():
            if len(members) < 2 or len({doc_ids[i] for i in members}) < 2:
                continue
            dated = sorted((i for i in members if intervals[i] is not None), key=lambda i: intervals[i][0])
            undated = [i for i in members if intervals[i] is None]
            candidates: list[tuple[int, int]] = []
            for k, i in enumerate(dated):  # sweep: only neighbours whose interval can still overlap
                hi = intervals[i][1] + date_tolerance_days
                for j in dated[k + 1 :]:
                    if intervals[j][0] > hi:
                        break
                    candidates.append((i, j))
            for k, i in enumerate(undated):
                candidates += [(i, j) for j in undated[k + 1 :]]
            for i, j in candidates:
                if doc_ids[i] == doc_ids[j]:
                    continue
                ti = terms.get(i) or terms.setdefault(i, evidence_terms(sentences[i], stop))
                tj = terms.get(j) or terms.setdefault(j, evidence_terms(sentences[j], stop))
                sim = _jaccard(ti, tj)
                if sim >= min_similarity:
                    pairs.append((sim, i, j))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        for _, i, j in pairs:
            ri, rj = find(i), find(j)
            if ri == rj or docs_of[ri] & docs_of[rj]:
                continue
            parent[rj] = ri
            docs_of[ri] |= docs_of[rj]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def _collapse(mentions: pd.DataFrame, clusters: list[list[int]], precision: list[int]) -> pd.DataFrame:
    if not len(mentions):
        out = mentions.copy()
        for col in ("event_id", "members", "doc_ids", "num_mentions", "num_articles", "num_sources"):
            out[col] = pd.Series([], dtype=object)
        return out
    conf = mentions["confidence"].fillna(0).tolist()
    doc_ids = mentions["doc_id"].tolist()
    indexes = mentions["event_index"].tolist()
    spans = mentions["n_spans"].tolist()
    publishers = mentions["publisher"].tolist()
    contexts = mentions["contexts"].tolist()
    reps, extra = [], []
    for members in clusters:
        members.sort(key=lambda i: (doc_ids[i], indexes[i]))
        rep = min(members, key=lambda i: (-precision[i], -conf[i]))
        merged_ctx: list[str] = []
        for i in members:
            merged_ctx += [c for c in contexts[i] if c not in merged_ctx]
        reps.append(rep)
        extra.append(
            {
                "event_id": event_id(doc_ids[rep], int(indexes[rep])),
                "members": tuple((doc_ids[i], int(indexes[i])) for i in members),
                "doc_ids": tuple(dict.fromkeys(doc_ids[i] for i in members)),
                "num_mentions": int(sum(spans[i] for i in members)),
                "num_articles": len({doc_ids[i] for i in members}),
                "num_sources": len({publishers[i] or f"doc:{doc_ids[i]}" for i in members}),
                "contexts": tuple(merged_ctx),
            }
        )
    out = mentions.iloc[reps].reset_index(drop=True)
    extra_df = pd.DataFrame(extra)
    for col in extra_df.columns:
        out[col] = extra_df[col].tolist()
    return out.sort_values(["effective_date", "doc_id", "event_index"], na_position="last", kind="stable").reset_index(drop=True)
