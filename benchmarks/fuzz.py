"""Robustness figures: generated hostile documents and dictionaries through the public entry points.

Usage: python benchmarks/fuzz.py [--per-family N] [--count FAMILY=N] [--seed S] [--families a,b]
                                 [--cli-folder N] [--stores N]

Every family of ``tests/fuzz_inputs.py`` makes N inputs (seeds S, S+1, ...). A document goes
through ``dyadscope.batch.ingest`` (read, parse, code, store in a fresh in-memory store); a user
dictionary through ``load_actor_kb`` as ``--actors`` reads it. For each input it records whether
an exception escaped (a traceback), whether a document failed as our own crash (``internal
error``), whether every item read is accounted for (stored, already present or a failure), and
its wall time (a hang is over 60 s). ``--cli-folder N`` also ingests one folder of N generated
documents through the real command line and checks its exit code and summary; ``--stores N``
opens N damaged copies of a real store with ``export``, ``dyad`` or ``ingest``. Prints a table per
family and the slowest inputs.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fuzz_inputs

from dyadscope.batch import Engine, ingest  # noqa: E402
from dyadscope.errors import KnowledgeError  # noqa: E402
from dyadscope.ingest import read_inputs  # noqa: E402
from dyadscope.knowledge import load_knowledge  # noqa: E402
from dyadscope.knowledge.actors import load_actor_kb  # noqa: E402
from dyadscope.nlp import load_nlp  # noqa: E402
from dyadscope.records import Failure  # noqa: E402
from dyadscope.store import Database  # noqa: E402
from tests.fuzz_inputs import DICTIONARY_FAMILIES, DOCUMENT_FAMILIES  # noqa: E402

HANG_SECONDS = 60


class _Stuck(BaseException):
    pass


def _alarm(signum, frame):
    raise _Stuck


def run_document(engine: Engine, db: Database, path: Path) -> dict:
    expected = sum(1 for _ in read_inputs([path]))
    summary = ingest([path], db=db, engine=engine)
    accounted = summary.processed + summary.skipped_duplicates + len(summary.failures)
    internal = [f for f in summary.failures if f.reason.startswith("internal error")]
    return {"items": expected, "stored": summary.processed, "failed": len(summary.failures),
            "internal": len(internal), "unaccounted": expected - accounted,
            "note": internal[0].reason[:160] if internal else ""}


def run_dictionary(kb, empty: Path, path: Path) -> dict:
    try:
        load_actor_kb(empty, [path], lexicon=kb.lexicon, pronouns=kb.actors.pronouns)
    except KnowledgeError as e:
        cited = all(p.startswith(path.name) and "\n" not in p for p in e.problems)
        return {"items": 1, "refused": 1, "uncited": 0 if cited else 1,
                "note": "" if cited else next(p for p in e.problems if not p.startswith(path.name))[:160]}
    return {"items": 1, "accepted": 1}


def cli_folder(n: int, seed: int, folder: Path) -> str:
    """One ``dyadscope ingest`` of ``n`` generated documents: exit code, summary and failure lines."""
    docs = folder / "cli"
    docs.mkdir()
    families = sorted(DOCUMENT_FAMILIES)
    for i in range(n):
        family = families[i % len(families)]
        name, data = DOCUMENT_FAMILIES[family](random.Random(seed + i))
        (docs / f"{i:05d}-{family}-{name}").write_bytes(data)
    expected = sum(1 for _ in read_inputs([docs]))
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "dyadscope", "ingest", str(docs), "--db", str(folder / "cli.duckdb")],
                         capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    summary = re.search(r"(\d+) documents stored, (\d+) already present, (\d+) failed", out.stdout)
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    counted = sum(map(int, summary.groups())) if summary else None
    tb = "Traceback" in out.stdout + out.stderr
    internal = sum("internal error" in line for line in out.stderr.splitlines())
    good_exit = out.returncode == (1 if summary and int(summary.group(3)) else 0)
    return (f"CLI ingest of {n} generated files ({expected} items read): exit {out.returncode} "
            f"({'right' if good_exit else 'WRONG'}), summary {summary.group(0) if summary else 'MISSING'}, "
            f"{len(errors)} error lines, {internal} internal errors, tracebacks: {'YES' if tb else 'none'}, "
            f"accounted: {'all' if counted == expected else f'{counted} of {expected}'}, {seconds:.0f} s")


def damaged_stores(n: int, seed: int, folder: Path) -> list[str]:
    """``n`` copies of a real store, each damaged once (bytes flipped, a block zeroed or overwritten,
    the file cut short), opened by ``export``, ``dyad`` or ``ingest``: how each run ended."""
    base_db, one = folder / "base.duckdb", folder / "one.txt"
    one.write_text("Peru and Chile signed a rail accord in Lima on Monday.\n")
    subprocess.run([sys.executable, "-m", "dyadscope", "ingest", str(ROOT / "src/dyadscope/samples"), "--db", str(base_db)],
                   capture_output=True, check=True, cwd=ROOT)
    base = base_db.read_bytes()
    ends: Counter = Counter()
    lines = []
    for k in range(seed, seed + n):
        rng = random.Random(k)
        data, op = bytearray(base), rng.choice(["flip", "zero", "garbage", "truncate"])
        i = rng.randrange(len(data))
        if op == "flip":
            for _ in range(rng.randint(1, 50)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op in ("zero", "garbage"):
            i -= i % 4096
            size = min(4096 * rng.randint(1, 8), len(data) - i)
            data[i : i + size] = bytes(size) if op == "zero" else bytes(rng.randrange(256) for _ in range(size))
        else:
            del data[i:]
        path = folder / f"damaged{k}.duckdb"
        path.write_bytes(data)
        command = rng.choice([["export", "--db", str(path), "-o", str(folder / f"out{k}.jsonl")],
                              ["dyad", "PER", "CHL", "--db", str(path)], ["ingest", str(one), "--db", str(path)]])
        try:
            run = subprocess.run([sys.executable, "-m", "dyadscope", *command], capture_output=True, text=True,
                                 timeout=HANG_SECONDS * 2, cwd=ROOT)
            text = run.stdout + run.stderr
            end = ("killed by a signal" if run.returncode < 0 else "traceback" if "Traceback" in text
                   else "internal error" if "internal error" in text else f"exit {run.returncode}")
            errors = [line for line in run.stderr.splitlines() if line.startswith("Error: ")]
            if end == "exit 1" and len(errors) != 1:
                end = "exit 1 without one Error line"
        except subprocess.TimeoutExpired:
            end = "hang"
        ends[(op, command[0], end)] += 1
        path.unlink()
    for (op, command, end), count in sorted(ends.items()):
        lines.append(f"  {op:<9} {command:<7} {end:<32} {count:>4}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-family", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--families", help="comma-separated families (default: all)")
    parser.add_argument("--count", action="append", default=[], metavar="FAMILY=N",
                        help="another number of inputs for one family (e.g. long_runs=60)")
    parser.add_argument("--cli-folder", type=int, default=0, help="also ingest one folder of N files by the CLI")
    parser.add_argument("--stores", type=int, default=0, help="also open N damaged copies of a store by the CLI")
    parser.add_argument("--slowest", type=int, default=8)
    args = parser.parse_args()

    logging.basicConfig(level=logging.CRITICAL)  # the per-document warnings are not what is counted
    warnings.simplefilter("ignore")
    families = {**DOCUMENT_FAMILIES, **DICTIONARY_FAMILIES}
    chosen = args.families.split(",") if args.families else list(families)
    counts = {f: args.per_family for f in chosen} | {k: int(v) for k, v in (c.split("=") for c in args.count)}
    kb = load_knowledge()
    engine = Engine(nlp=load_nlp(), kb=kb)
    signal.signal(signal.SIGALRM, _alarm)
    totals: dict[str, Counter] = defaultdict(Counter)
    times: dict[str, list[float]] = defaultdict(list)
    slow: list[tuple[float, str, int, int]] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "no-shipped-actors"
        empty.mkdir()
        for family in chosen:
            db = Database(memory=True)  # one store per family: a repeated text is "already present"
            for seed in range(args.seed, args.seed + counts[family]):
                name, data = families[family](random.Random(seed))
                path = tmp / name
                path.write_bytes(data)
                started = time.perf_counter()
                signal.alarm(HANG_SECONDS * 3)
                try:
                    if family in DOCUMENT_FAMILIES:
                        row = run_document(engine, db, path)
                    else:
                        row = run_dictionary(kb, empty, path)
                except _Stuck:
                    row = {"hang": 1}
                except BaseException as e:  # noqa: BLE001 - what the benchmark counts
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    row = {"traceback": 1, "note": "".join(traceback.format_exception_only(e)).strip()[:200]}
                finally:
                    signal.alarm(0)
                seconds = time.perf_counter() - started
                if seconds > HANG_SECONDS:
                    row["hang"] = 1
                row["inputs"] = 1
                totals[family].update({k: v for k, v in row.items() if isinstance(v, int)})
                times[family].append(seconds)
                slow.append((seconds, family, seed, len(data)))
                if row.get("note") or row.get("unaccounted") or row.get("hang"):
                    problems.append(f"{family} seed {seed} ({len(data):,} bytes): "
                                    f"{ {k: v for k, v in row.items() if k != 'note' and v} } {row.get('note', '')}")
            db.close()
        cli_line = cli_folder(args.cli_folder, args.seed, tmp) if args.cli_folder else ""
        store_lines = damaged_stores(args.stores, args.seed, tmp) if args.stores else []

    cols = ["inputs", "items", "stored", "failed", "refused", "accepted", "internal", "uncited", "unaccounted",
            "traceback", "hang"]
    print(f"{'family':<13}" + "".join(f"{c:>11}" for c in cols) + f"{'median s':>10}{'max s':>8}")
    grand = Counter()
    for family in chosen:
        grand.update(totals[family])
        print(f"{family:<13}" + "".join(f"{totals[family][c]:>11,}" for c in cols)
              + f"{statistics.median(times[family]):>10.3f}{max(times[family]):>8.2f}")
    print(f"{'all':<13}" + "".join(f"{grand[c]:>11,}" for c in cols))
    print(f"\nslowest {args.slowest} inputs:")
    for seconds, family, seed, size in sorted(slow, reverse=True)[: args.slowest]:
        print(f"  {seconds:7.2f} s  {family} seed {seed} ({size:,} bytes)")
    if problems:
        print(f"\n{len(problems)} inputs with a traceback, internal error, uncited problem, unaccounted item or hang:")
        for p in problems[:40]:
            print("  " + p)
    if cli_line:
        print("\n" + cli_line)
    if store_lines:
        print(f"\n{args.stores} damaged stores (damage, command, how the run ended, runs):")
        print("\n".join(store_lines))


if __name__ == "__main__":
    main()
