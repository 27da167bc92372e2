"""No delimited export carries a cell a spreadsheet would run (issue 16, item 9): every CSV and TSV
writer, every text field that comes from a document (doc id, title, publisher, url, sentences)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from dyadscope.analysis import Dataset
from dyadscope.cli import cli
from dyadscope.store import Database

from ..analysis.synthetic import Doc, Ev, build

HOSTILE = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


@pytest.fixture
def db_path(tmp_path):
    docs = [
        Doc(f"{start}id{i}", "2016-05-13", [(f"{start}Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")]),
                                            (f"{start}Iran sued Russia.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued")])],
            title=start + "title", publisher=start + "wire", url=start + "http://example.org/a")
        for i, start in enumerate(HOSTILE)
    ]
    path = tmp_path / "s.duckdb"
    with Database(path) as db:
        db.write_results([build(d) for d in docs])
    return path


def dangerous(cells) -> list[str]:
    return [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.match(c)]


def cells_of(text: str, delimiter: str) -> list[str]:
    if delimiter == ",":
        return [c for row in csv.reader(io.StringIO(text)) for c in row]
    return [c for line in text.splitlines() for c in line.split("\t")]


@pytest.mark.parametrize("fmt, table, delimiter", [
    ("csv", "documents", ","), ("csv", "mentions", ","), ("csv", "quotes", ","), ("csv", "events", ","),
    ("gdelt", None, "\t"), ("icews", None, "\t"),
])
def test_formula_cells_neutralised_in_every_cli_export(db_path, fmt, table, delimiter):
    args = ["export", "--db", str(db_path), "--format", fmt, "-o", "-", "--no-dedup"] + (["--table", table] if table else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    cells = cells_of(result.stdout, delimiter)
    assert cells and dangerous(cells) == []
    if table == "documents":
        assert "'=HYPERLINK(\"http://x\")title" in cells and "'@SUM(A1)id3" in cells


def test_formula_cells_neutralised_in_gdelt_mentions_and_the_api_csv(db_path, tmp_path):
    out = tmp_path / "x.export.CSV"
    assert CliRunner().invoke(cli, ["export", "--db", str(db_path), "--format", "gdelt", "-o", str(out)]).exit_code == 0
    assert dangerous(cells_of((tmp_path / "x.mentions.CSV").read_text(), "\t")) == []
    with Dataset(str(db_path)) as ds:
        ds.to_gdelt_csv(tmp_path / "g.csv", dedup=False)
    cells = cells_of((tmp_path / "g.csv").read_text(), ",")
    assert any(c.startswith("'") for c in cells) and dangerous(cells) == []
