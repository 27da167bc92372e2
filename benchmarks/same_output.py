"""Check that a code change leaves the pipeline's output unchanged: ingest + export + diff.

Usage:
    python benchmarks/same_output.py --write REF.jsonl   # before a change: the reference export
    python benchmarks/same_output.py --check REF.jsonl   # after it: exit 1 and show the first
                                                         # differences if any record changed

Ingests the bundled sample corpus, ../shared/seeds and ../shared/data/guardian/guardian_dev.jsonl
(those that exist; ``--input`` replaces them) into a fresh temporary DuckDB with this checkout's
code (``PYTHONPATH`` is set to its ``src``), with a fixed ``--reference-date``, and exports the
records as JSON Lines. Keys that legitimately differ between runs (run ids, timestamps, code
hashes) are dropped before comparing; records are compared in a stable order.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_INPUTS = (
    ROOT / "src" / "dyadscope" / "samples",
    SHARED / "seeds",
    SHARED / "data" / "guardian" / "guardian_dev.jsonl",
)
REFERENCE_DATE = "2026-12-01"
# Keys whose values change from run to run without the coding changing.
VOLATILE = {"run_id", "run_ids", "ingested_at", "created_at", "coded_at", "started_at", "finished_at",
            "code_hash", "knowledge_hash", "version"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="REF", help="write the normalised export here")
    mode.add_argument("--check", type=Path, metavar="REF", help="compare the export with this file")
    parser.add_argument("--input", type=Path, action="append", help="input file or folder (repeatable)")
    parser.add_argument("--show", type=int, default=20, help="differing lines to show (default 20)")
    args = parser.parse_args()

    inputs = args.input or [p for p in DEFAULT_INPUTS if p.exists()]
    lines = _export_lines(inputs)
    if args.write:
        args.write.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"wrote {len(lines)} records to {args.write}")
        return 0
    reference = args.check.read_text(encoding="utf-8").splitlines()
    if reference == lines:
        print(f"same output: {len(lines)} records identical to {args.check}")
        return 0
    diff = list(difflib.unified_diff(reference, lines, "reference", "now", lineterm="", n=0))
    changed = sum(1 for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---")))
    print(f"DIFFERENT: {len(reference)} reference records, {len(lines)} now, {changed} lines differ")
    for d in diff[: args.show + 2]:
        print(d[:400])
    return 1


def _export_lines(inputs: list[Path]) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("DYADSCOPE_DB", None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "same.duckdb"
        out = Path(tmp) / "records.jsonl"
        run = [sys.executable, "-m", "dyadscope"]
        subprocess.run([*run, "ingest", *map(str, inputs), "--db", str(db), "-q",
                        "--reference-date", REFERENCE_DATE], check=False, env=env)
        subprocess.run([*run, "export", "--db", str(db), "--format", "jsonl", "-o", str(out), "-q"],
                       check=True, env=env)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    return sorted(json.dumps(_stable(r), sort_keys=True, ensure_ascii=False) for r in records)


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


if __name__ == "__main__":
    sys.exit(main())
