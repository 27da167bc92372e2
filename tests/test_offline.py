"""Offline means offline (issue 16, item 5): a whole session of the command line (ingest of every
input format, with header dates dateparser reads, extract, export, report, dyad, knowledge check,
opening a SQLite file named .duckdb) makes no network connection, resolves no host name and
starts no pip. An audit hook records and blocks every attempt, so a library that tried would also
fail the run."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.pdf_util import text_pdf

pytestmark = pytest.mark.slow  # one process loading the model

SESSION = textwrap.dedent("""
    import sys

    attempts = []
    NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
               "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect"}

    def hook(event, args):
        if event in NETWORK or (event in ("subprocess.Popen", "os.exec", "os.posix_spawn") and "pip" in repr(args)):
            attempts.append(f"{event} {args!r}"[:200])
            raise PermissionError(f"offline test: {event} blocked")

    sys.addaudithook(hook)
    from dyadscope.cli import cli

    folder, db, out, sqlite_file = sys.argv[1:5]
    codes = []
    for args in (["ingest", folder, "--db", db], ["extract", folder, "-o", out + "/x.jsonl"],
                 ["export", "--db", db, "-o", out + "/e.jsonl"], ["report", "PER", "CHL", "--db", db, "-o", out + "/r.html"],
                 ["dyad", "PER", "CHL", "--db", db], ["knowledge", "check"], ["report", "PER", "CHL", "--db", sqlite_file,
                 "-o", out + "/s.html"]):
        try:
            cli.main(args, standalone_mode=False)
            codes.append(0)
        except SystemExit as e:
            codes.append(e.code)
        except Exception as e:
            codes.append(type(e).__name__)
    print("CODES", codes)
    print("ATTEMPTS", len(attempts))
    for a in attempts:
        print("ATTEMPT", a)
    import socket  # the hook itself works: a lookup is seen and blocked
    try:
        socket.getaddrinfo("example.org", 443)
    except PermissionError:
        print("CONTROL blocked")
""")


def test_offline_a_whole_session_opens_no_connection(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title: Rail talks\nDate: 13 mai 2016\n\nPeru and Chile signed a rail accord in Lima "
                                  "on Monday. \"We agree,\" the Peruvian minister said.\n", encoding="utf-8")
    (folder / "b.md").write_text("# Border\n\nChile accused Peru of moving troops to the border on 13.05.2016.\n")
    (folder / "c.html").write_text("<html><head><title>Port</title></head><body><p>Bolivia and Peru opened a port "
                                   "<a href='https://example.org/x'>link</a> on Tuesday.</p></body></html>")
    (folder / "d.jsonl").write_text(json.dumps({"id": "j1", "text": "Chile praised Peru for the accord.",
                                                "date": "2016/05/13", "url": "https://example.org/j1"}) + "\n")
    (folder / "e.pdf").write_bytes(text_pdf(["Peru and Chile held talks in Santiago on Friday."]))
    sqlite_file = tmp_path / "old.duckdb"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.commit()
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run([sys.executable, "-c", SESSION, str(folder), str(tmp_path / "s.duckdb"), str(out), str(sqlite_file)],
                         capture_output=True, text=True, timeout=600)
    assert "ATTEMPTS 0" in run.stdout, run.stdout + run.stderr[-3000:]
    assert "CODES [0, 0, 0, 0, 0, 0, 'ClickException']" in run.stdout, run.stdout + run.stderr[-3000:]  # SQLite: refused
    assert "CONTROL blocked" in run.stdout
