"""Crash tests (issue 16, items 3 and 6): kill -9 of `ingest -j 2`'s parent or of one of its
workers, Ctrl-C, and exports killed at random moments.

What must hold: no process outlives its parent; a re-run converges to the database of one clean
run; an export is either the previous one, intact, or the new one, complete, never a mix.
``DYADSCOPE_KILL_TRIALS`` (default 2) sets how many random kills each export format gets.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadscope.export import export_records, files
from dyadscope.store import Database

from .analysis.synthetic import Doc, Ev, build

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

KILL_TRIALS = int(os.environ.get("DYADSCOPE_KILL_TRIALS", "2"))
PAIRS = [("Chile", "Peru"), ("Kenya", "Ghana"), ("Norway", "Brazil"), ("Egypt", "Sudan"), ("Chad", "Libya")]
VERBS = ["signed a trade accord with", "accused", "met officials from", "criticized", "agreed to hold talks with"]


# -- processes ---------------------------------------------------------------------------------

def _parents() -> dict[int, int]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            found[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def descendants(pid: int) -> list[int]:
    parents = _parents()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, parent in parents.items() if parent == p]
        out += kids
        todo += kids
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_workers(proc: subprocess.Popen, n: int = 2, timeout: float = 120) -> list[int]:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        kids = descendants(proc.pid)
        if len(kids) >= n:
            return kids
        assert proc.poll() is None, "the run ended before its workers started"
        time.sleep(0.05)
    raise AssertionError("no workers appeared")


def survivors(pids: list[int], within: float = 10) -> list[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        left = [p for p in pids if alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    left = [p for p in pids if alive(p)]
    for p in left:  # do not leave them running after a failed test
        os.kill(p, signal.SIGKILL)
    return left


def dyadscope(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dyadscope", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kw)


# -- ingest ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    i = 0
    for _ in range(8):
        for a, b in PAIRS:
            for verb in VERBS:
                (folder / f"d{i:03d}.txt").write_text(
                    f"{a} {verb} {b} on Monday in the capital, officials said. "
                    f"The ministers of {a} and {b} spoke again on day {i}.\n")
                i += 1
    return folder


def records(db_path: Path) -> list[dict]:
    with Database(db_path, read_only=True) as db:
        return [r for result in db.results() for r in export_records(result)]


@pytest.fixture(scope="module")
def clean_records(corpus, tmp_path_factory) -> list[dict]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    run = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2", "-q")
    assert run.wait(timeout=600) == 0, run.stderr.read()
    return records(db)


def test_crash_kill_parent_leaves_no_worker_and_the_rerun_converges(corpus, clean_records, tmp_path):
    db = tmp_path / "killed.duckdb"
    run = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2", "-q")
    workers = wait_for_workers(run)
    time.sleep(random.uniform(1.0, 4.0))
    workers = sorted(set(workers + descendants(run.pid)))
    run.kill()
    run.wait()
    assert survivors(workers) == [], "workers outlived their killed parent"
    again = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2", "-q")
    assert again.wait(timeout=600) == 0, again.stderr.read()
    assert records(db) == clean_records


def test_crash_kill_one_worker_the_run_recovers_and_matches_a_clean_run(corpus, clean_records, tmp_path):
    db = tmp_path / "worker.duckdb"
    run = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2")
    workers = wait_for_workers(run)
    time.sleep(random.uniform(0.2, 3.0))
    os.kill(workers[0], signal.SIGKILL)
    out, err = run.communicate(timeout=600)
    assert "Traceback" not in err, err
    if run.returncode != 0:  # the kill landed in the last moments: a re-run finishes the job
        again = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2", "-q")
        assert again.wait(timeout=600) == 0, again.stderr.read()
    else:
        assert "a worker process died: killed by SIGKILL" in err or "already present" in out
    assert survivors(workers) == []
    assert records(db) == clean_records


def test_crash_ctrl_c_stops_every_process_without_a_traceback(corpus, tmp_path):
    db = tmp_path / "interrupted.duckdb"
    # Background jobs start with SIGINT ignored; a terminal's foreground job does not.
    run = dyadscope("ingest", str(corpus), "--db", str(db), "-j", "2", start_new_session=True,
                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    workers = wait_for_workers(run)
    time.sleep(random.uniform(0.5, 3.0))
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=120)
    if run.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert run.returncode == 130 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("Interrupted: what was stored or written before stays whole")
    assert survivors(workers) == []
    with Database(db, read_only=True) as store:  # whole documents only: every stored one has its sentences
        assert store.query("SELECT count(*) AS n FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM sentences)")[0]["n"] == 0


# -- exports -----------------------------------------------------------------------------------

def _docs(first: int, n: int) -> list[Doc]:
    return [Doc(f"d{i}", "2016-05-13", [
        (f"Russia sold {i} missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")]),
        (f"=Iran thanked Russia for shipment {i}.", [Ev("AGREE", ("IRN",), ("RUS",), "thanked")]),
    ], title=f"Deal {i}") for i in range(first, first + n)]


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("stores")
    old, new = folder / "old.duckdb", folder / "new.duckdb"
    with Database(old) as db:
        db.write_results([build(d) for d in _docs(0, 1200)])
    shutil.copy(old, new)
    with Database(new) as db:
        db.write_results([build(d) for d in _docs(1200, 600)])
    return old, new


EXPORTS = {  # format -> (output name, the files it writes)
    "jsonl": ("out.jsonl", ["out.jsonl"]),
    "csv": ("tables", [f"tables/{k}s.csv" for k in ("document", "mention", "quote", "event")]),
    "parquet": ("tables", [f"tables/{k}s.parquet" for k in ("document", "mention", "quote", "event")]),
    "gdelt": ("out.export.CSV", ["out.export.CSV", "out.mentions.CSV"]),
    "icews": ("out.tab", ["out.tab"]),
    "plover": ("out.plover.jsonl", ["out.plover.jsonl"]),
    "sqlite": ("out.db", ["out.db"]),
    "report": ("report.html", ["report.html"]),
}


def _export(fmt: str, db: Path, where: Path) -> subprocess.Popen:
    name = EXPORTS[fmt][0]
    if fmt == "report":
        return dyadscope("report", "IRN", "RUS", "--db", str(db), "-o", str(where / name), "-q", "--no-dedup")
    return dyadscope("export", "--db", str(db), "--format", fmt, "-o", str(where / name), "-q", "--no-dedup")


# The report stamps the minute it was generated; two complete reports made in different minutes
# are the same report, so the stamp is masked before comparing (a slow machine crosses minutes).
_GENERATED_STAMP = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _state(where: Path, fmt: str) -> list[bytes | None]:
    def read(path: Path) -> bytes | None:
        if not path.exists():
            return None
        data = path.read_bytes()
        return _GENERATED_STAMP.sub(b"<generated>", data) if fmt == "report" else data
    return [read(where / f) for f in EXPORTS[fmt][1]]


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_crash_killed_export_leaves_the_previous_one_or_the_new_one_never_a_mix(stores, tmp_path, fmt):
    from dyadscope.export.files import finish_pending

    old_db, new_db = stores
    reference = {}
    for label, db in (("old", old_db), ("new", new_db)):
        folder = tmp_path / label
        folder.mkdir()
        started = time.monotonic()
        run = _export(fmt, db, folder)
        assert run.wait(timeout=600) == 0, run.stderr.read()
        reference[label] = (_state(folder, fmt), time.monotonic() - started)
    assert reference["old"][0] != reference["new"][0]
    full = reference["new"][1]
    for trial in range(KILL_TRIALS):
        where = tmp_path / f"trial{trial}"
        shutil.copytree(tmp_path / "old", where)
        run = _export(fmt, new_db, where)
        time.sleep(random.uniform(0.3, full * 1.1))
        run.kill()
        run.wait()
        state = _state(where, fmt)
        if state not in (reference["old"][0], reference["new"][0]):
            # Killed between the renames of a multi-file commit: the journal completes it.
            for folder in {(where / f).parent for f in EXPORTS[fmt][1]}:
                finish_pending(folder)
            assert _state(where, fmt) == reference["new"][0], f"{fmt}: a mix of old and new files"
        leftovers = [p.name for p in where.rglob(".*") if p.is_file()]
        for folder in {(where / f).parent for f in EXPORTS[fmt][1]}:
            finish_pending(folder)  # what the next export there does first: temporary files of the dead go
        assert [p.name for p in where.rglob(".*") if p.is_file()] == [], leftovers


def test_crash_kill_between_the_renames_of_a_multi_file_commit_is_completed_by_the_next_export(stores, tmp_path):
    """The one moment a mix could exist: the journal is written, one table renamed, the process dies."""
    old_db, new_db = stores
    out = tmp_path / "tables"
    assert _export("csv", old_db, tmp_path).wait(timeout=600) == 0
    old = _state(tmp_path, "csv")
    script = f"""
import os, sys
from dyadscope.export import files
real, n = os.replace, []
def dying(src, dst):
    real(src, dst)
    n.append(dst)
    if len(n) == 2 and not str(dst).endswith("{files._JOURNAL_SUFFIX}"):
        os._exit(9)
files.os.replace = dying
from dyadscope.cli import cli
sys.argv = ["dyadscope", "export", "--db", {str(new_db)!r}, "--format", "csv", "-o", {str(out)!r}]
cli()
"""
    died = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert died.returncode == 9, died.stderr
    mixed = _state(tmp_path, "csv")
    assert mixed != old and list(out.glob(".*.dyadscope-commit"))
    again = _export("jsonl", new_db, out)  # any later export into that folder finishes the commit first
    assert again.wait(timeout=600) == 0
    new_folder = tmp_path / "new"
    new_folder.mkdir()
    assert _export("csv", new_db, new_folder).wait(timeout=600) == 0
    assert _state(tmp_path, "csv") == _state(new_folder, "csv")
    assert not list(out.glob(".*"))
    assert json.loads((out / "out.jsonl").read_text().splitlines()[0])["kind"] == "document"
