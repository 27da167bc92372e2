"""Issue 6's acceptance check on the two seed articles (skips where ../shared is absent)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyadscope.cli import cli

pytestmark = pytest.mark.slow


def test_seed_dyad_2020_more_cooperative_than_2016_with_friction(seeds, tmp_path):
    db = str(tmp_path / "seeds.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seeds), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--by", "year", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = {r["period"]: r for r in json.loads(result.output)["series"] if r["direction"] == "combined"}
    assert rows["2016"]["cooperation"] > 0 and rows["2016"]["conflict"] > 0
    assert rows["2020"]["net_cooperation"] > rows["2016"]["net_cooperation"]
