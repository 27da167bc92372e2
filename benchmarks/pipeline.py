"""Throughput of bare spaCy parsing vs the full dyadscope pipeline, measured in one run.

Usage: python benchmarks/pipeline.py [--docs N] [--corpus DIR]

Corpus: PolNeAR train texts from ../shared/data/polnear/train/text when present, else the
bundled sample corpus. Prints words/s and docs/s for both, their ratio, the share of each of
our stages, and the peak resident memory of the process. The ratio is given in wall-clock time
and in CPU time of this process: on a machine shared with other jobs the CPU figures are the ones
the load does not inflate.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from dyadscope.actors import actor_mentions
from dyadscope.assessments import relationship_assessments
from dyadscope.events import coded_events
from dyadscope.ingest import read_inputs
from dyadscope.knowledge import load_knowledge
from dyadscope.nlp import load_nlp
from dyadscope.pipeline import process_articles
from dyadscope.quotes import quotations
from dyadscope.records import Article

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
SAMPLES = ROOT / "src" / "dyadscope" / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="number of documents (default 300)")
    parser.add_argument("--corpus", type=Path, help="folder of documents")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    corpus = args.corpus or (POLNEAR if POLNEAR.is_dir() else SAMPLES)
    paths = sorted(p for p in corpus.iterdir() if p.name != "README.md")
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)][: args.docs]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {corpus} ({len(articles)} documents, {words:,} words)")

    nlp = load_nlp()
    kb = load_knowledge()
    list(nlp.pipe(texts[:5]))  # warm-up: first call allocates

    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    parse_s, parse_cpu = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    results = list(process_articles(articles, nlp=nlp, kb=kb, batch_size=args.batch_size))
    pipeline_s, pipeline_cpu = time.perf_counter() - t0, time.process_time() - c0

    # Stage shares, on the parsed docs kept from the bare run.
    stage = {"actors": 0.0, "quotes": 0.0, "events": 0.0, "assessments": 0.0}
    for doc, article in zip(docs, articles):
        t = time.process_time()
        mentions = actor_mentions(doc, article=article, kb=kb)
        t1 = time.process_time()
        quotes = quotations(doc, article=article, mentions=mentions, kb=kb)
        t2 = time.process_time()
        coded_events(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
        t3 = time.process_time()
        relationship_assessments(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
        t4 = time.process_time()
        stage["actors"] += t1 - t
        stage["quotes"] += t2 - t1
        stage["events"] += t3 - t2
        stage["assessments"] += t4 - t3

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(f"spaCy parse only : {words / parse_s:9,.0f} words/s {n / parse_s:7.1f} docs/s ({parse_s:.2f} s)")
    print(f"full pipeline    : {words / pipeline_s:9,.0f} words/s {n / pipeline_s:7.1f} docs/s ({pipeline_s:.2f} s)")
    print(f"pipeline/parse throughput ratio: {parse_s / pipeline_s:.2f} (wall clock); "
          f"{parse_cpu / pipeline_cpu:.2f} in CPU time (parse {parse_cpu:.2f} s, pipeline {pipeline_cpu:.2f} s)")
    for name, seconds in stage.items():
        print(f"  {name:11s} stage: {seconds:6.2f} s CPU = {100 * seconds / pipeline_cpu:4.1f}% of pipeline CPU time")
    print(f"records: {sum(len(r.mentions) for r in results)} mentions, {sum(len(r.quotes) for r in results)} quotes, "
          f"{sum(len(r.events) for r in results)} events, {sum(len(r.assessments) for r in results)} assessments")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
