"""spark-ingest throughput at local[1] and local[2] against ``ingest -j 2`` on the same corpus.

    python benchmarks/spark.py [--docs 2000] [--rounds 2] [--sentences N] [--partitions 8] [--json results.json]

Generates a synthetic corpus (our own templates; nothing is read from outside): short documents
of 4-6 sentences (~51 words) by default, news-length ones with ``--sentences N`` (30: ~420 words,
45: ~620). Then, each in a fresh process:

- ``ingest -j 2`` over a 20-document corpus (start-up) and over the whole corpus;
- for local[1] and local[2], alternating, every round reported: SparkSession start-up, a warm-up
  run over 20 documents (every Python worker loads the pipeline there), a run over half the
  corpus, then the whole corpus, each into a fresh output folder with warm workers, in the same
  session, while the resident memory of the JVM and of every Python worker is sampled.

"Past start-up" figures, each per round:

- ``marginal_docs_per_s``: the extra documents of the whole run over the half run / the extra
  seconds (the fixed cost of a run's Spark jobs cancels out; a difference of two wall times, so
  load on either moves it most);
- ``core_docs_per_s``: documents / wall seconds of the one Spark job that runs the core, and from
  Spark's task stats ``core_parallelism`` (task seconds / job seconds: how many tasks ran at once)
  and ``core_cores_obtained`` (the tasks' CPU seconds / job seconds);
- ``marginal_cpu_ms_per_doc_jvm`` / ``_python``: CPU per extra document, JVM (from /proc) and
  Python workers (their tasks' own CPU time): what the cores have to share past start-up.

Whole runs: documents / seconds of the whole-corpus run, CPU milliseconds per document, and
``cores_obtained`` (CPU seconds / wall seconds): on a shared machine the wall-clock figures
depend on what else runs, so read them with the load average and the CPU figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

COUNTRIES = [
    ("Iran", "Tehran", "Iranian"), ("Russia", "Moscow", "Russian"), ("Turkey", "Ankara", "Turkish"),
    ("China", "Beijing", "Chinese"), ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
    ("India", "New Delhi", "Indian"), ("Japan", "Tokyo", "Japanese"), ("Egypt", "Cairo", "Egyptian"),
    ("Brazil", "Brasilia", "Brazilian"), ("Pakistan", "Islamabad", "Pakistani"), ("Israel", "Jerusalem", "Israeli"),
]
ACTS = [
    "{a} signed an agreement on energy cooperation with {b} {when}.",
    "{a} accused {b} of violating the ceasefire {when}.",
    "The {adj_a} foreign minister met his {adj_b} counterpart in {cap_b} {when}.",
    "{a} imposed new sanctions on {b} {when}, officials in {cap_a} said.",
    "{a} delivered air defence systems to {b} {when}.",
    "{a} condemned the missile test carried out by {b} {when}.",
    "{a} and {b} held talks on trade and security {when}.",
    "{a} threatened to expel {adj_b} diplomats {when}.",
    "{a} praised {b} for its help in the negotiations.",
    "{a} rejected a proposal from {b} to reopen the border.",
]
FILLER = [
    "The talks had been planned for several months.",
    "Analysts said the move could change the balance in the region.",
    "Markets reacted calmly to the news.",
    "\u201cWe are ready to work with all our partners,\u201d the spokesman said.",
    "Details of the arrangement were not made public.",
    "The statement was published on the ministry's website.",
]
# Longer sentences of background, for news-length documents (``--sentences``): our own templates.
BACKGROUND = [
    "Officials in {cap_a} said the two governments had exchanged several letters on the matter over the past {k} months.",
    "The {adj_a} parliament is expected to debate the question next week, although no vote has yet been scheduled.",
    "Trade between {a} and {b} grew by {k} per cent last year, according to figures published by the central bank.",
    "A senior diplomat who asked not to be named said the negotiations had been slow but were still moving forward.",
    "Opposition politicians in {cap_b} criticised the government for failing to consult them before the announcement.",
    "The agreement covers customs procedures, port fees and the inspection of goods crossing the shared border.",
    "Several hundred people gathered outside the {adj_b} embassy in {cap_a} on Saturday, waving flags and chanting slogans.",
    "Economists warned that dearer fuel could slow growth across the region before the end of the {k}th quarter.",
    "The foreign ministry in {cap_b} declined to comment on the reports when contacted by journalists on {day}.",
    "Both sides have said they want to avoid an escalation, but neither has offered concessions on the central issues.",
    "The defence ministry said {k} aircraft and two naval vessels had taken part in the exercise near the coast.",
    "A spokesman for the {adj_a} president said the visit would go ahead as planned despite the weather.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WHEN = ["on Monday", "on Friday", "last week", "on {d} {m} {y}", "in {m} {y}", "last month", ""]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def make_corpus(path: Path, n: int, seed: int = 15, sentences: int = 0) -> int:
    """Write ``n`` documents as JSON Lines; return the number of words.

    ``sentences`` 0: short documents of 4-6 sentences (about 50 words). Otherwise news-length
    documents of that many sentences (30: about 420 words, 45: about 620): one in four an event
    between two states, the rest background sentences of 10-20 words.
    """
    rng = random.Random(seed)
    words = 0

    def fill(templates: list[str], y: int) -> str:
        # The short corpus draws in the order it always has, so its documents stay the same.
        (a, cap_a, adj_a), (b, cap_b, adj_b) = rng.sample(COUNTRIES, 2)
        when = rng.choice(WHEN).format(d=rng.randint(1, 28), m=rng.choice(MONTHS), y=y)
        template = rng.choice(templates)
        extra = {"k": rng.randint(2, 40), "day": rng.choice(DAYS)} if sentences else {}
        return template.format(a=a, b=b, cap_a=cap_a, cap_b=cap_b, adj_a=adj_a, adj_b=adj_b, when=when,
                               **extra).replace(" .", ".").replace(" ,", ",")

    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            y, m, d = rng.randint(2015, 2020), rng.randint(1, 12), rng.randint(1, 28)
            if sentences:
                n_acts = max(1, sentences // 4)
                sentences_ = [fill(ACTS, y) for _ in range(n_acts)]
                sentences_ += [fill(BACKGROUND + FILLER, y) for _ in range(sentences - n_acts)]
            else:
                sentences_ = [fill(ACTS, y) for _ in range(rng.randint(2, 4))]
                sentences_ += rng.sample(FILLER, 2)
            rng.shuffle(sentences_)
            text = " ".join(sentences_) + f" (Report {i}.)"
            words += len(text.split())
            record = {"id": f"bench-{i}", "date": f"{y}-{m:02d}-{d:02d}", "publisher": f"Wire {i % 7}", "text": text}
            fh.write(json.dumps(record) + "\n")
    return words


def _spark_processes() -> dict[int, str]:
    """Pid -> ``jvm`` or ``python`` for the Spark JVM and the PySpark daemon and workers."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "org.apache.spark.deploy.SparkSubmit" in cmd:
            found[int(pid)] = "jvm"
        elif "pyspark.daemon" in cmd or "pyspark/daemon" in cmd:
            found[int(pid)] = "python"
    return found


def cpu_seconds() -> dict[int, float]:
    """Pid -> user + system CPU seconds so far, for the Spark processes."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in _spark_processes():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


class MemorySampler(threading.Thread):
    """Peak resident memory of the Spark JVM and of each PySpark worker process, sampled twice a second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak: dict[str, float] = {"jvm_mb": 0.0, "python_worker_mb": 0.0, "python_workers_total_mb": 0.0}
        self._done = threading.Event()

    def run(self):
        while not self._done.wait(0.5):
            jvm, workers = 0.0, []
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    rss = next(int(x.split()[1]) for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS")) / 1024
                except (OSError, StopIteration):
                    continue
                if "org.apache.spark.deploy.SparkSubmit" in cmd:
                    jvm = max(jvm, rss)
                elif "pyspark.daemon" in cmd or "pyspark/daemon" in cmd or "dyadscope.spark.daemon" in cmd:
                    # the workers are forks of dyadscope's daemon (python -m dyadscope.spark.daemon)
                    workers.append(rss)
            self.peak["jvm_mb"] = max(self.peak["jvm_mb"], jvm)
            if workers:
                self.peak["python_worker_mb"] = max(self.peak["python_worker_mb"], max(workers))
                self.peak["python_workers_total_mb"] = max(self.peak["python_workers_total_mb"], sum(workers))

    def stop(self):
        self._done.set()
        self.join()


def child(master: str, small: str, big: str, out: str, partitions: int) -> dict:
    big_half = big.replace(".jsonl", "-half.jsonl")
    """One Spark configuration in this process: start-up, warm-up, the timed run."""
    from dyadscope.spark import spark_ingest, spark_session

    t = time.perf_counter()
    spark = spark_session(master)
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - t
    warm = spark_ingest(spark, small, out + "-warm", partitions=partitions)
    kinds, before = _spark_processes(), cpu_seconds()
    load_half = os.getloadavg()[0]
    half = spark_ingest(spark, big_half, out + "-half", partitions=partitions)
    sampler = MemorySampler()
    sampler.start()
    kinds, middle = _spark_processes(), cpu_seconds()
    run = spark_ingest(spark, big, out, partitions=partitions)
    after = cpu_seconds()
    sampler.stop()

    def jvm(a, b):  # the JVM from /proc; the Python workers report their tasks' CPU time themselves
        return sum(t - b.get(pid, 0.0) for pid, t in a.items() if kinds.get(pid) == "jvm")

    cpu = {"jvm": jvm(after, middle), "python": run.task_cpu_seconds}
    half_cpu = {"jvm": jvm(middle, before), "python": half.task_cpu_seconds}
    extra_docs = run.processed - half.processed
    spark.stop()
    cores = int(master.strip("local[]").split(",")[0])
    return {
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "master": master, "session_start_s": round(session_s, 2), "warmup_run_s": round(warm.seconds, 2),
        "warmup_workers": sorted(warm.engine_loads), "run_workers": sorted(run.engine_loads),
        "new_workers_in_run": sorted(set(run.engine_loads) - set(warm.engine_loads)),
        "docs": run.processed, "events": run.events, "run_s": round(run.seconds, 2),
        "docs_per_s": round(run.processed / run.seconds, 2),
        "half_docs": half.processed, "half_run_s": round(half.seconds, 2),
        "marginal_docs_per_s": round(extra_docs / (run.seconds - half.seconds), 2),
        # CPU per document past start-up: what the whole run cost beyond the half run, per extra document
        "marginal_cpu_ms_per_doc_jvm": round(1000 * (cpu["jvm"] - half_cpu["jvm"]) / extra_docs, 1),
        "marginal_cpu_ms_per_doc_python": round(1000 * (cpu["python"] - half_cpu["python"]) / extra_docs, 1),
        "half_cpu_s_jvm": round(half_cpu["jvm"], 1), "half_cpu_s_python": round(half_cpu["python"], 1),
        "core_s": round(run.core_seconds, 2), "core_docs_per_s": round(run.processed / run.core_seconds, 2),
        # Spark's own view of the pipeline job: task seconds the workers ran / the job's wall time
        "core_task_s": round(run.task_seconds, 2), "core_parallelism": round(run.task_seconds / run.core_seconds, 2),
        "core_cores_obtained": round(run.task_cpu_seconds / run.core_seconds, 2),
        "load_average_1min_at_half": round(load_half, 2),
        "half_core_s": round(half.core_seconds, 2), "task_cpu_ms_per_doc": round(1000 * run.task_cpu_seconds / run.processed, 1),
        "core_ms_per_doc": round(1000 * run.seconds * cores / run.processed, 1), "partitions": run.partitions,
        "cpu_s_python": round(cpu["python"], 1), "cpu_s_jvm": round(cpu["jvm"], 1),
        "cpu_ms_per_doc": round(1000 * (cpu["python"] + cpu["jvm"]) / run.processed, 1),
        "cores_obtained": round((cpu["python"] + cpu["jvm"]) / run.seconds, 2),
        **{k: round(v) for k, v in sampler.peak.items()},
    }


# This checkout's package first, for the driver and (inherited) for Spark's Python workers.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
       "SPARK_LOCAL_IP": "127.0.0.1"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and the worker processes it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--sentences", type=int, default=0,
                        help="news-length documents of this many sentences (30: ~420 words, 45: ~620); default short ones (4-6)")
    parser.add_argument("--rounds", type=int, default=2, help="local[1]/local[2] pairs to run")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", nargs=4, metavar=("MASTER", "SMALL", "BIG", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, partitions=args.partitions)))
        return
    work = Path(tempfile.mkdtemp(prefix="dyadscope-spark-bench-"))
    try:
        big, small = work / "corpus.jsonl", work / "small.jsonl"
        words = make_corpus(big, args.docs, sentences=args.sentences)
        lines = big.read_text(encoding="utf-8").splitlines(keepends=True)
        (work / "corpus-half.jsonl").write_text("".join(lines[: args.docs // 2]), encoding="utf-8")
        make_corpus(small, 20, seed=99, sentences=args.sentences)
        kind = (f"news-length ({args.sentences} sentences, {words / args.docs:.0f} words a document)" if args.sentences
                else f"short (4-6 sentences, {words / args.docs:.0f} words a document)")
        results: dict = {"documents": kind, "docs": args.docs, "words": words, "partitions": args.partitions,
                         "load_average_before": [round(x, 2) for x in os.getloadavg()]}
        py = [sys.executable, "-m", "dyadscope"]
        (t_small, c_small) = timed(py + ["ingest", str(small), "--db", str(work / "s.duckdb"), "-j", "2"])
        (t_big, c_big) = timed(py + ["ingest", str(big), "--db", str(work / "b.duckdb"), "-j", "2"])
        results["ingest_j2"] = {
            "startup_s": round(t_small, 2), "run_s": round(t_big, 2),
            "docs_per_s_past_startup": round((args.docs - 20) / (t_big - t_small), 2),
            "core_ms_per_doc_past_startup": round(1000 * 2 * (t_big - t_small) / (args.docs - 20), 1),
            "cpu_ms_per_doc_past_startup": round(1000 * (c_big - c_small) / (args.docs - 20), 1),
            "cores_obtained": round((c_big - c_small) / (t_big - t_small), 2),
        }
        for r in range(args.rounds):  # alternate, so load from elsewhere on the machine hits both alike
            for master in ("local[1]", "local[2]"):
                out = subprocess.run(
                    [sys.executable, __file__, "--partitions", str(args.partitions), "--child", master, str(small), str(big),
                     str(work / f"out-{master[6]}-{r}")],
                    capture_output=True, text=True, env=ENV,
                )
                if out.returncode:
                    raise SystemExit(f"{master} run failed:\n{out.stderr[-3000:]}")
                out = out.stdout
                results.setdefault(master, []).append(json.loads(out.strip().splitlines()[-1]))
        for key in ("docs_per_s", "marginal_docs_per_s", "core_docs_per_s"):  # every round, then the best of rounds
            best = {m: max(x[key] for x in results[m]) for m in ("local[1]", "local[2]")}
            results[f"speedup_{key}"] = [round(b[key] / a[key], 2) for a, b in zip(results["local[1]"], results["local[2]"])]
            results[f"speedup_{key}_best_of_rounds"] = round(best["local[2]"] / best["local[1]"], 2)
        # The marginal rate is a difference of two wall times, each moved by load: the fastest half
        # and the fastest whole run of each configuration over the rounds, then their difference.
        marginal = {m: (args.docs - results[m][0]["half_docs"]) / (min(x["run_s"] for x in results[m])
                                                                  - min(x["half_run_s"] for x in results[m]))
                    for m in ("local[1]", "local[2]")}
        results["speedup_marginal_of_fastest_runs"] = round(marginal["local[2]"] / marginal["local[1]"], 2)
        results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        text = json.dumps(results, indent=2)
        print(text)
        if args.json:
            args.json.write_text(text + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
