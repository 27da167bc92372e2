"""Worker processes (issue 16, item 3): they die with their parent, and a worker's death costs at
most the one item it was working on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dyadscope.workers import WorkerPool, describe_exit

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _orphan_after_parent_kill(use_prctl: bool) -> bool:
    """Start a parent whose child calls die_with_parent, kill -9 the parent: is the child still alive?"""
    code = textwrap.dedent(f"""
        import os, sys, time
        import dyadscope.workers as w
        if not {use_prctl}:
            w.sys = type("S", (), {{"platform": "other"}})  # the watch thread alone
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            w.die_with_parent(parent)
            time.sleep(60)
            os._exit(0)
        print(pid, flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    orphan = _alive(child)
    if orphan:
        os.kill(child, signal.SIGKILL)
    return orphan


@linux
def test_workers_die_with_their_parent_through_prctl():
    assert not _orphan_after_parent_kill(use_prctl=True)


@linux
def test_workers_die_with_their_parent_through_the_watch_thread():
    assert not _orphan_after_parent_kill(use_prctl=False)


def _setup():
    pass


def _task(items):
    if "poison" in items:
        os.kill(os.getpid(), signal.SIGKILL)
    return [item.upper() for item in items]


def test_workers_an_item_that_kills_its_worker_fails_alone():
    pool = WorkerPool(2, _setup, (), _task, lambda item, how: f"{item} failed: {how}")
    try:
        items = ["a", "b", "poison", "c", "d"]
        assert list(pool.map(items)) == ["A", "B", "poison failed: killed by SIGKILL (out of memory, or killed by hand?)",
                                         "C", "D"]
        assert list(pool.map(["e", "f"])) == ["E", "F"]  # a fresh pool carries on
    finally:
        pool.close(kill=True)


def test_workers_describe_exit():
    assert describe_exit(-9).startswith("killed by SIGKILL")
    assert describe_exit(-15) == "killed by SIGTERM"
    assert describe_exit(3) == "exit code 3"
