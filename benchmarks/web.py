"""Benchmark: the dyad page over a store of 100,000 events, idle and during a 300-document upload.

Run: python benchmarks/web.py [--events 100000] [--docs 300] [--jobs 1] [--db FILE] [--repeat 20]

Builds (or reuses, with --db) a synthetic store (benchmarks/web_store.py), serves it on
127.0.0.1 in this process as `dyadscope serve` does, and times over HTTP with a kept-alive
client:

1. the first page view, which builds the analysis snapshot (cross-document deduplication of
   every event) once;
2. the dyad page IRN-RUS as HTML and as JSON, warm, and the first view of another pair;
3. the same page, requested every 0.25 s while 300 documents uploaded through the app go
   through the real ingest (spaCy), in --jobs worker processes as `serve` runs it (or, with
   --in-process, in the app's own process);
4. the first view after the upload, when the ingest job has refreshed the snapshot.

Goals (issue 14): warm dyad page < 300 ms; during the ingest < 1 s. Prints medians, 90th
percentiles and maxima, the process CPU time per warm page (what the wall time would be on an
otherwise idle machine), and the load average, since other work on the machine moves them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_store import build_store  # noqa: E402

from dyadscope.batch import Engine  # noqa: E402
from dyadscope.web.worker import WorkerEngine  # noqa: E402
from dyadscope.store import Database  # noqa: E402
from dyadscope.web import create_app  # noqa: E402
from dyadscope.web.server import BackgroundServer  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyadscope" / "samples"


def upload_files(n: int) -> list[tuple[str, bytes]]:
    """``n`` distinct articles made from the sample corpus (paragraphs shuffled, numbered)."""
    rng = random.Random(3)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    files = []
    for i in range(n):
        head, *paragraphs = texts[i % len(texts)].strip().split("\n\n")
        rng.shuffle(paragraphs)
        files.append((f"bench-{i:03d}.txt", (head + f"\n\nDispatch {i}.\n\n" + "\n\n".join(paragraphs) + "\n").encode()))
    return files


def timed(http: httpx.Client, url: str) -> float:
    t0 = time.perf_counter()
    r = http.get(url)
    r.raise_for_status()
    return time.perf_counter() - t0


def summary(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{name:<44} n={len(ms):<4} median {statistics.median(ms):7.0f} ms   p90 {p90:7.0f} ms   max {ms[-1]:7.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--in-process", dest="workers", action="store_false",
                    help="run the pipeline in the app's process (batch.Engine) instead of worker processes, as serve does")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--db", help="store file to build once and reuse (the upload adds to it: use a copy)")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="dyadscope-web-bench-"))
    path = Path(args.db) if args.db else folder / "store.duckdb"
    t0 = time.perf_counter()
    fresh = not path.exists()
    db = Database(path)
    if fresh:
        build_store(db, args.events)
    counts = db.counts()
    print(f"store {path}: {counts['events']:,} events in {counts['documents']:,} documents"
          + (f" (built in {time.perf_counter() - t0:.1f} s)" if fresh else " (reused)"))

    engine = WorkerEngine(jobs=args.jobs) if args.workers else Engine(jobs=args.jobs)
    app = create_app(db, engine=engine, max_files=args.docs, max_upload_bytes=200 * 1024 * 1024)
    dyad = "dyads/IRN/RUS"
    with BackgroundServer(app) as server, httpx.Client(base_url=server.url, timeout=120) as http:
        first = timed(http, "")
        snap = app.state.web.cache.get()[0]
        print(f"first page view (analysis snapshot of {len(snap.events[True]):,} events after dedup): {first:.2f} s "
              f"(snapshot {snap.seconds:.2f} s)")
        cold = timed(http, dyad)
        cpu = time.process_time()
        html = [timed(http, dyad) for _ in range(args.repeat)]
        cpu = (time.process_time() - cpu) / args.repeat
        json_ = [timed(http, dyad + ".json") for _ in range(args.repeat)]
        other = timed(http, "dyads/USA/CHN")
        print(summary("dyad page IRN-RUS, HTML (warm)", html) + f"   CPU {cpu * 1000:.0f} ms/page (server and client)")
        print(summary("dyad page IRN-RUS, JSON (warm)", json_))
        print(f"first view of a pair: IRN-RUS {cold * 1000:.0f} ms, USA-CHN {other * 1000:.0f} ms; "
              f"IRN-RUS has {http.get(dyad + '.json').json()['n_events']:,} events")

        files = upload_files(args.docs)
        t_up = time.perf_counter()
        r = http.post("upload?format=json", files=[("files", f) for f in files])
        r.raise_for_status()
        job_url = r.headers["location"]
        during, rebuild = [], []
        while True:
            job = http.get(job_url).json()["job"]
            if job["state"] in ("done", "failed"):
                break
            if job["state"] == "running":  # counts are set once the ingest is over and the snapshot rebuild starts
                (rebuild if job["processed"] else during).append(timed(http, dyad))
            time.sleep(0.25)
        ingest = time.perf_counter() - t_up
        after = timed(http, dyad)
        where = f"{args.jobs} worker process(es)" if args.workers else "the app's process"
        print(f"upload of {args.docs} documents, pipeline in {where}: {job['state']}, {job['processed']} stored, "
              f"{len(job['errors'])} errors, {ingest:.1f} s")
        print(summary("dyad page IRN-RUS during the ingest", during))
        if rebuild:
            print(summary("... while the job rebuilds the snapshot", rebuild))
        print(f"first dyad page after the upload (snapshot refreshed by the job): {after * 1000:.0f} ms")
    engine.close()
    db.close()
    print("load average during the run: {:.1f} {:.1f} {:.1f} on {} cores".format(*os.getloadavg(), os.cpu_count()))


if __name__ == "__main__":
    main()
