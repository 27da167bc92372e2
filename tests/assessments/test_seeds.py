"""Issue 13's acceptance check on the two seed articles (skips where ../shared is absent)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dyadscope.cli import cli

pytestmark = pytest.mark.slow

# The judgements a careful analyst underlines: (holder's name, year, polarity) of an IRN-RUS assessment.
UNDERLINED = [
    ("Behrooz", "2016", "positive"),    # the academic: an aspect of the alliance good for both
    ("Behrooz", "2016", "mixed"),       # ... but tactical and short-term, not strategic
    ("Ramezanzadeh", "2016", "negative"),  # the former spokesman: used as a tool
    ("Heistein", "2016", "negative"),   # the two researchers: convergences with limitations
    ("Zarif", "2020", "positive"),      # the foreign minister: never better
    ("Shargh", "2020", "negative"),     # the newspapers: Russia wants Iran weak
]


@pytest.fixture(scope="module")
def seed_assessments(seeds, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seeds), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["assessments", "IRN", "RUS", "--by", "year", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name, year, polarity", UNDERLINED)
def test_seed_assessments_underlined_judgements(seed_assessments, name, year, polarity):
    found = [(a["holder"], a["polarity"]) for a in seed_assessments["assessments"] if a["date"].startswith(year)]
    assert any(name in (holder or "") and p == polarity for holder, p in found), found


def test_seed_assessments_2016_balance_more_negative_than_2020(seed_assessments):
    balance = {r["period"]: r["balance"] for r in seed_assessments["series"] if r["holder_country"] == "all"}
    assert balance["2016"] < 0 < balance["2020"]
    documents = seed_assessments["documents"]
    assert [d["date"][:4] for d in documents] == ["2016", "2020"] and documents[0]["balance"] < documents[1]["balance"]
