"""`dyadscope samples` and `dyadscope demo`: where the corpus is; the demo never destroys a file it did not make."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database, made_by

from ..analysis.synthetic import Doc, Ev, build

demo_module = importlib.import_module("dyadscope.cli.demo")


def _store(path):
    with Database(path) as db:
        db.write_results([build(Doc("e1", "2016-05-13", [("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")])]))])


def test_demo_samples_prints_the_corpus_folder():
    result = CliRunner().invoke(cli, ["samples"])
    folder = Path(result.output.strip())
    assert result.exit_code == 0 and folder.is_dir() and (folder / "README.md").exists()
    listed = CliRunner().invoke(cli, ["samples", "--list"]).output
    assert "01_s300-delivery-2016.txt" in listed and "README.md" not in listed


@pytest.mark.parametrize("content", ["user database", "text"])
def test_demo_demo_refuses_a_file_it_did_not_make(tmp_path, content):
    path = tmp_path / "mine.duckdb"
    if content == "text":
        path.write_text("my notes\n")
    else:
        _store(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["demo", "--db", str(path)])
    assert result.exit_code == 1
    assert f"Error: {path} exists and was not made by `dyadscope demo`, so it is left untouched" in result.output
    assert "--force" in result.output and path.read_bytes() == before


def test_demo_demo_replaces_its_own_database_and_forced_files(tmp_path, monkeypatch):
    monkeypatch.setattr(demo_module, "sample_files", lambda: [])  # no parsing: the file handling is tested
    path = tmp_path / "demo.duckdb"
    with Database(path) as db:
        db.set_info("made_by", demo_module.DEMO_MARK)
        db.write_results([build(Doc("old", None, [("Old text.", [])]))])
    result = CliRunner().invoke(cli, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.output
    with Database(path, read_only=True) as db:
        assert db.counts()["documents"] == 0  # a fresh database
    assert made_by(path) == demo_module.DEMO_MARK
    other = tmp_path / "other.duckdb"
    other.write_text("not mine to keep\n")
    forced = CliRunner().invoke(cli, ["demo", "--db", str(other), "--force"])
    assert forced.exit_code == 0 and made_by(other) == demo_module.DEMO_MARK
