"""The command line's error paths (issue 16, items 1, 4 and 8): one `Error: FILE: reason` line,
exit code 1, nothing of the user's overwritten or lost; other libraries' logs only with -v."""

from __future__ import annotations

import errno
import logging
import os

import duckdb
import pytest
from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database
from tests.pdf_util import pdf_file

from ..analysis.synthetic import Doc, Ev, build

DOCS = [Doc("d1", "2016-05-13", [("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")])])]
FILE_FORMATS = ["jsonl", "gdelt", "icews", "plover", "sqlite"]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "s.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in DOCS])
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error(result, path, reason: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"Error: {path}: ") and reason in lines[0], lines[0]


def snapshot(folder):
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_error_paths_single_file_exports(db_path, tmp_path, fmt):
    before = snapshot(tmp_path)
    (tmp_path / "adir").mkdir()
    (tmp_path / "adir" / "keep.txt").write_text("mine")
    (tmp_path / "afile").write_text("mine")
    before = snapshot(tmp_path)
    cases = [
        (tmp_path / "adir", "is a folder; this output is one file"),
        (tmp_path / "missing" / "out", "folder"),
        (tmp_path / "afile" / "out", "is a file, not a folder"),
        (db_path, "which this command reads; give another output file"),
    ]
    for out, reason in cases:
        one_error(run("export", "--db", db_path, "--format", fmt, "-o", out), out, reason)
        assert snapshot(tmp_path) == before, (fmt, out)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_error_paths_folder_exports(db_path, tmp_path, fmt):
    (tmp_path / "afile").write_text("mine")
    before = snapshot(tmp_path)
    for out, reason in [(tmp_path / "afile", "is a file; this format writes a folder"),
                        (tmp_path / "missing" / "deeper" / "out", "does not exist; create it first"),
                        (db_path, "is a file")]:
        one_error(run("export", "--db", db_path, "--format", fmt, "-o", out), out, reason)
        assert snapshot(tmp_path) == before
    assert run("export", "--db", db_path, "--format", fmt, "-o", tmp_path / "new").exit_code == 0  # one level is made


def test_error_paths_report_and_extract_outputs(db_path, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Chile and Peru signed an accord."}\n')
    before = snapshot(tmp_path)
    one_error(run("report", "IRN", "RUS", "--db", db_path, "-o", tmp_path / "nowhere" / "r.html"),
              tmp_path / "nowhere" / "r.html", "does not exist")
    one_error(run("report", "IRN", "RUS", "--db", db_path, "-o", db_path), db_path, "which this command reads")
    one_error(run("extract", src, "-o", src), src, "which this command reads")
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_error_paths_unwritable_folder(db_path, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        one_error(run("export", "--db", db_path, "--format", "jsonl", "-o", locked / "x.jsonl"), locked / "x.jsonl",
                  "cannot write in folder")
    finally:
        locked.chmod(0o700)


def test_error_paths_unwritable_folder_as_seen_by_the_probe(db_path, tmp_path, monkeypatch):
    from pathlib import Path

    real = Path.touch

    def refusing(self, *a, **k):
        if self.name.startswith(".dyadscope-probe-"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "touch", refusing)
    out = tmp_path / "x.jsonl"
    one_error(run("export", "--db", db_path, "--format", "jsonl", "-o", out), out, "cannot write in folder")


@pytest.mark.parametrize("fmt, out", [("jsonl", "out.jsonl"), ("csv", "tables"), ("parquet", "tables"),
                                      ("gdelt", "x.export.CSV"), ("sqlite", "x.db")])
def test_error_paths_full_disk_during_export_keeps_the_previous_export(db_path, tmp_path, fmt, out, monkeypatch):
    out = tmp_path / out
    assert run("export", "--db", db_path, "--format", fmt, "-o", out).exit_code == 0
    before = snapshot(tmp_path)
    from dyadscope.export import files

    def full(tmp):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_fsync", full)
    result = run("export", "--db", db_path, "--format", fmt, "-o", out)
    assert result.exit_code == 1 and "No space left on device" in result.output and "unchanged" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert snapshot(tmp_path) == before


def test_error_paths_device_output_is_written_in_place(db_path):
    assert os.path.exists(os.devnull)
    result = run("export", "--db", db_path, "--format", "jsonl", "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_error_paths_damaged_store_found_at_query_time(db_path, monkeypatch):
    def damaged(self, *a, **k):
        raise duckdb.IOException('IO Error: Could not read enough bytes from file "s.duckdb"')

    monkeypatch.setattr(Database, "results", damaged)
    one_error(run("export", "--db", db_path, "--format", "jsonl", "-o", "-"), db_path, "cannot read the database")


def test_error_paths_internal_error_is_one_line_with_the_traceback_under_vv(db_path, monkeypatch):
    from dyadscope.cli import records_io

    def broken(*a, **k):
        raise KeyError("oops")

    monkeypatch.setattr(records_io, "_export_jsonl", broken)
    monkeypatch.setitem(records_io._EXPORTERS, "jsonl", broken)
    result = run("export", "--db", db_path, "-o", "-")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: internal error: KeyError: 'oops' (a bug in dyadscope")
    debug = CliRunner().invoke(cli, ["export", "--db", str(db_path), "-o", "-", "-vv"])
    assert "Traceback" in debug.stderr and "KeyError: 'oops'" in debug.stderr


def _noisy_pdf() -> bytes:
    """A blank page whose xref points at the wrong bytes: pypdf logs warnings, and finds no text."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"]
    return pdf_file(objects).replace(b"0000000009 00000 n", b"0000000001 00000 n")


def test_error_paths_third_party_logs_only_with_verbose(tmp_path):
    src = tmp_path / "noisy.pdf"
    src.write_bytes(_noisy_pdf())
    db = tmp_path / "n.duckdb"
    quiet = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db)])
    assert quiet.exit_code == 1
    assert quiet.stderr.strip().splitlines() == [f"error: {src}: PDF has no text layer (scanned image?); run OCR first"]
    verbose = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "-v"])
    assert "pypdf" in verbose.stderr


def test_error_paths_filter_lets_ours_through_and_others_by_verbosity():
    from dyadscope.cli.options import OursUnlessVerbose

    def record(name, level):
        return logging.LogRecord(name, level, __file__, 1, "m", (), None)

    for verbose, expect in ((0, (True, False, False)), (1, (True, True, False)), (2, (True, True, True))):
        f = OursUnlessVerbose(verbose)
        got = (f.filter(record("dyadscope.ingest", logging.WARNING)), f.filter(record("pypdf._reader", logging.WARNING)),
               f.filter(record("trafilatura.core", logging.DEBUG)))
        assert got == expect, verbose
