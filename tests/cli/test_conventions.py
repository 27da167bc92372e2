"""CLI conventions: -h, -v/-q on every command, the DYADSCOPE_DB default, the Click pin."""

from __future__ import annotations

import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database

from ..analysis.synthetic import Doc, Ev, build

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = [path for path, _ in _commands(cli)]


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "dyadscope")
def test_conventions_dash_h_is_help(path):
    short = CliRunner().invoke(cli, [*path, "-h"])
    long = CliRunner().invoke(cli, [*path, "--help"])
    assert short.exit_code == 0 and short.output == long.output and "Usage:" in short.output


@pytest.mark.parametrize("path", [p for p, c in _commands(cli) if not isinstance(c, click.Group)], ids=" ".join)
def test_conventions_subcommands_take_verbose_and_quiet(path):
    text = CliRunner().invoke(cli, [*path, "-h"]).output
    assert "-v, --verbose" in text and "-q, --quiet" in text


def _store(path):
    with Database(path) as db:
        db.write_results([build(Doc("e1", "2016-05-13", [("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")])]))])


def test_conventions_dyadscope_db_environment_default(tmp_path, monkeypatch):
    path = tmp_path / "env.duckdb"
    _store(path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--by", "year", "--format", "csv"], env={"DYADSCOPE_DB": str(path)})
    assert result.exit_code == 0, result.output
    assert "2016" in result.output
    assert "DYADSCOPE_DB" in runner.invoke(cli, ["dyad", "-h"]).output
    # --db still wins over the environment
    missing = runner.invoke(cli, ["dyad", "IRN", "RUS", "--db", "none.duckdb"], env={"DYADSCOPE_DB": str(path)})
    assert missing.exit_code == 1 and "none.duckdb" in missing.output


def test_conventions_quiet_drops_the_summary_line(tmp_path):
    path = tmp_path / "q.duckdb"
    _store(path)
    out = tmp_path / "r.html"
    loud = CliRunner().invoke(cli, ["report", "IRN", "RUS", "--db", str(path), "-o", str(out)])
    quiet = CliRunner().invoke(cli, ["report", "IRN", "RUS", "--db", str(path), "-o", str(out), "-q"])
    assert loud.exit_code == quiet.exit_code == 0
    assert loud.output.startswith("Wrote") and quiet.output == ""


def test_conventions_click_pinned_below_9_beside_spacy():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = [d.split("=")[0].split(">")[0].split("<")[0] for d in deps]
    assert "click>=8.1,<9" in deps
    assert abs(names.index("click") - names.index("spacy")) <= 4  # kept with the spaCy pins
