"""Benchmark: what a `dyadscope dyad` call pays for the series over N synthetic events.

Run: .venv/bin/python benchmarks/dyad_series.py [N_EVENTS]     (default 10,000; the issue's figure: 100,000)

Writes the events into a database file, then opens it read-only as `dyad` does and times reading
the events, deduplicating them across documents and computing the series (by month, every
modality): first with no stored clusters (every call compared the events before the clusters were
stored), then after `store_clusters` (what `dyadscope ingest` now does when it finishes).
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from datetime import date, timedelta

import tempfile
from pathlib import Path

from dyadscope.analysis import Dataset, store_clusters
from dyadscope.analysis.series import dyad_series
from dyadscope.records import MODALITIES, Actor, Article, ArticleResult, Event
from dyadscope.store import Database

TYPES = [("AGREE", "030", 4.0, 1), ("CONSULT", "040", 1.0, 1), ("SUPPORT", "051", 3.4, 1), ("COOPERATE", "061", 6.4, 2),
         ("AID", "072", 8.3, 2), ("ACCUSE", "112", -2.0, 3), ("REJECT", "120", -4.0, 3), ("THREATEN", "138", -7.0, 3),
         ("SANCTION", "163", -8.0, 4), ("ASSAULT", "190", -10.0, 4)]
COUNTRIES = ["IRN", "RUS", "USA", "CHN", "SYR", "TUR"]
CONTEXTS = ["military", "economic", "diplomatic", "cbrn", "natural_resource"]
WORDS = "missiles oil talks sanctions deal troops airspace nuclear trade visit summit drill treaty gas bank".split()


def synthetic_results(n_events: int, per_doc: int = 5, seed: int = 7) -> list[ArticleResult]:
    rng = random.Random(seed)
    results = []
    start = date(2010, 1, 1)
    for d in range(n_events // per_doc):
        doc_date = start + timedelta(days=rng.randrange(3650))
        sentences, events, text = [], [], ""
        for _ in range(per_doc):
            a, b = rng.sample(COUNTRIES[:3], 2) if rng.random() < 0.7 else rng.sample(COUNTRIES, 2)
            etype, cameo, gold, quad = rng.choice(TYPES)
            sentence = f"{a} and {b} " + " ".join(rng.sample(WORDS, 6)) + "."
            s = len(text)
            text += sentence + " "
            sentences.append((s, s + len(sentence)))
            ev_date = (doc_date - timedelta(days=rng.randrange(30))).isoformat()
            ev_date = ev_date[: rng.choice([10, 10, 10, 7, 4])]
            actor = lambda c: Actor(c, c, c, c, None, s, s + 3)  # noqa: E731
            mutual = rng.random() < 0.1
            events.append(
                Event(etype, None, tuple(rng.sample(CONTEXTS, rng.randrange(3))), cameo, gold, quad,
                      (actor(a), actor(b)) if mutual else (actor(a),), () if mutual else (actor(b),),
                      ev_date, "text", rng.choice(MODALITIES), None, sentence, s, s + 10, 0.7, "bench.v1")
            )
        text = text.rstrip()
        results.append(ArticleResult(
            Article(f"d{d}", text, date=doc_date.isoformat(), publisher=f"P{rng.randrange(20)}",
                    content_hash=hashlib.sha256(text.encode()).hexdigest()),
            sentences=tuple(sentences), events=tuple(events)))
    return results


def _timed(path, label: str) -> None:
    ds = Dataset(str(path))
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = ds._mentions()
    t1, c1 = time.perf_counter(), time.process_time()
    events = ds.event_table()
    t2, c2 = time.perf_counter(), time.process_time()
    series = dyad_series(events, "IRN", "RUS", by="month", modality="all")
    t3, c3 = time.perf_counter(), time.process_time()
    ds.close()
    print(f"{label}: {len(mentions)} stored events -> {len(events)} after dedup; IRN-RUS series: {len(series)} rows")
    print(f"  wall: read {t1 - t0:.3f} s, dedup {t2 - t1:.3f} s, series {t3 - t2:.3f} s, total {t3 - t0:.3f} s")
    print(f"  cpu:  read {c1 - c0:.3f} s, dedup {c2 - c1:.3f} s, series {c3 - c2:.3f} s, total {c3 - c0:.3f} s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Database(path) as db:
            db.write_results(synthetic_results(n))
        _timed(path, "no stored clusters")
        with Database(path) as db:
            t0 = time.perf_counter()
            store_clusters(db)
            print(f"store_clusters (once, at the end of an ingest): {time.perf_counter() - t0:.3f} s")
        _timed(path, "stored clusters")


if __name__ == "__main__":
    main()
