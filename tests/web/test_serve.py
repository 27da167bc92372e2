"""``dyadscope serve``: where it listens, what it refuses."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database
from dyadscope.web.server import bind, is_loopback

from .helpers import docs


def test_serve_prints_where_it_listens_and_serves(tmp_path):
    path = tmp_path / "store.duckdb"
    with Database(path) as db:
        db.write_results(docs())
    proc = subprocess.Popen([sys.executable, "-m", "dyadscope", "serve", "--db", str(path), "--port", "0", "--read-only"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"dyadscope serve: {path} (read-only) at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split()[0]
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url + ".json", timeout=10).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        assert '"documents": 6' in page
        upload = urllib.request.Request(url + "upload?format=json", data=b"--x--\r\n", method="POST",
                                        headers={"Content-Type": "multipart/form-data; boundary=x"})
        try:
            urllib.request.urlopen(upload, timeout=10)
            raise AssertionError("a read-only app accepted an upload")
        except urllib.error.HTTPError as e:
            assert e.code == 403
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_errors():
    runner = CliRunner()
    with runner.isolated_filesystem():
        result = runner.invoke(cli, ["serve", "--db", "missing.duckdb", "--read-only"])
        assert result.exit_code == 1 and "Error: missing.duckdb: no such database" in result.output
        taken = bind("127.0.0.1", 0)
        try:
            port = taken.getsockname()[1]
            result = runner.invoke(cli, ["serve", "--db", "new.duckdb", "--port", str(port)])
            assert result.exit_code == 1 and f"Error: cannot listen on 127.0.0.1:{port}" in result.output
            assert not Path("new.duckdb").exists()  # nothing created when it cannot serve
        finally:
            taken.close()


def test_serve_socket_sends_small_responses_at_once():
    sock = bind("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) and sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")
