"""Throughput of bare spaCy parsing vs the full dyadscope pipeline, measured in one run.

Usage: python benchmarks/pipeline.py [--docs N] [--corpus DIR]

Corpus: PolNeAR train texts from ../shared/data/polnear/train/text when present, else the
bundled sample corpus. Prints words/s and docs/s for both, their ratio, the share of each of
our stages, and the peak resident memory of the process. Times are CPU seconds of this process
(``time.process_time``; the parse and our stages run in it), which other load on a shared machine
moves less than wall-clock seconds (printed beside them), but still by 20-40 % on two cores under
heavy load: compare stages between revisions with ``stage_ab.py``.

Parse and pipeline alternate batch by batch (``--batch-size`` documents, the pipeline's own batch),
in alternating order, so load that comes and goes on a shared machine falls on both sides of the
ratio alike; ``--repeat N`` runs every batch N times each way and the ratio is the sum of each
batch's fastest parse over the sum of its fastest pipeline run. (Timing the whole corpus one way,
then the other, let a burst of load from elsewhere fall on one side only: the same code read
0.69 and 0.77 in two runs.) Stages are measured N times on the parsed documents, the fastest
run of each counting.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from dyadscope.actors import actor_mentions
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
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest counts")
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

    # Parse and pipeline alternate batch by batch, in alternating order, so that load that comes and
    # goes on a shared machine falls on both; each batch's fastest run of each counts.
    batches = [list(range(i, min(i + args.batch_size, len(articles)))) for i in range(0, len(articles), args.batch_size)]
    parse_best = [(float("inf"), float("inf"))] * len(batches)
    pipeline_best = [(float("inf"), float("inf"))] * len(batches)
    docs, results, stage_runs = [None] * len(articles), [None] * len(articles), []
    for round_ in range(max(args.repeat, 1)):
        for k, batch in enumerate(batches):
            chunk = [articles[i] for i in batch]
            runs = [("parse", lambda: list(nlp.pipe([a.text for a in chunk], batch_size=args.batch_size))),
                    ("pipeline", lambda: list(process_articles(chunk, nlp=nlp, kb=kb, batch_size=args.batch_size)))]
            for name, run in runs if (round_ + k) % 2 == 0 else runs[::-1]:
                out, seconds = _timed(run)
                best = parse_best if name == "parse" else pipeline_best
                best[k] = (min(best[k][0], seconds[0]), min(best[k][1], seconds[1]))
                for i, item in zip(batch, out):
                    (docs if name == "parse" else results)[i] = item
        stage_runs.append(_stage_seconds(docs, articles, kb))
    parse_s, parse_wall = (sum(b[j] for b in parse_best) for j in (0, 1))
    pipeline_s, pipeline_wall = (sum(b[j] for b in pipeline_best) for j in (0, 1))
    stage = {name: min(run[name] for run in stage_runs) for name in stage_runs[0]}

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(f"spaCy parse only : {words / parse_s:9,.0f} words/s {n / parse_s:7.1f} docs/s "
          f"({parse_s:.2f} s CPU, {parse_wall:.2f} s wall)")
    print(f"full pipeline    : {words / pipeline_s:9,.0f} words/s {n / pipeline_s:7.1f} docs/s "
          f"({pipeline_s:.2f} s CPU, {pipeline_wall:.2f} s wall)")
    print(f"pipeline/parse throughput ratio: {parse_s / pipeline_s:.2f} (CPU), {parse_wall / pipeline_wall:.2f} (wall)")
    for name, seconds in stage.items():
        print(f"  {name:11s} stage: {seconds:6.2f} s CPU = {100 * seconds / pipeline_s:4.1f}% of pipeline time")
    print(f"records: {sum(len(r.mentions) for r in results)} mentions, {sum(len(r.quotes) for r in results)} quotes, "
          f"{sum(len(r.events) for r in results)} events, "
          f"{sum(len(getattr(r, 'assessments', ())) for r in results)} assessments")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")


def _timed(run):
    """The result of ``run()`` and its (CPU, wall) seconds."""
    c0, w0 = time.process_time(), time.perf_counter()
    out = run()
    return out, (time.process_time() - c0, time.perf_counter() - w0)


def _stage_seconds(docs, articles, kb) -> dict[str, float]:
    """CPU seconds of each of our stages, on the parsed docs kept from the bare run."""
    try:  # a checkout from before the assessment stage can be measured with this script too
        from dyadscope.assessments import relationship_assessments
    except ImportError:
        relationship_assessments = None
    try:  # as the pipeline does, free each doc's kept spans when its stages are done
        from dyadscope.nlp import release_spans
    except ImportError:  # a checkout from before the span cache
        def release_spans(doc):
            return None
    stage = {"actors": 0.0, "quotes": 0.0, "events": 0.0}
    if relationship_assessments is not None:
        stage["assessments"] = 0.0
    for doc, article in zip(docs, articles):
        doc.user_data.clear()  # each round from the bare parse, as in the pipeline (token columns are kept there)
        t = time.process_time()
        mentions = actor_mentions(doc, article=article, kb=kb)
        t1 = time.process_time()
        quotes = quotations(doc, article=article, mentions=mentions, kb=kb)
        t2 = time.process_time()
        coded_events(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
        t3 = time.process_time()
        stage["actors"] += t1 - t
        stage["quotes"] += t2 - t1
        stage["events"] += t3 - t2
        if relationship_assessments is not None:
            relationship_assessments(doc, article=article, mentions=mentions, quotes=quotes, kb=kb)
            stage["assessments"] += time.process_time() - t3
        release_spans(doc)
    return stage


if __name__ == "__main__":
    sys.exit(main())
