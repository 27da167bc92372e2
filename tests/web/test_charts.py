"""The timeline: counts equal to the analysis series, a continuous axis, coarse dates apart."""

from __future__ import annotations

import math

import pytest

from dyadscope.analysis import Dataset
from dyadscope.analysis.series import add_periods, dyad_series
from dyadscope.web.charts import period_counts, timeline_columns, timeline_svg
from dyadscope.web.snapshot import DyadEvents, date_basis

from .helpers import make_store


@pytest.mark.parametrize("by", ["month", "quarter", "year"])
def test_charts_period_counts_equal_the_dyad_series(by):
    db = make_store()
    events = Dataset(db).event_table()
    pair = DyadEvents(Dataset(db).dyad_events("IRN", "RUS"))
    f = pair.with_periods(by)
    mine = period_counts(f[f"period_{by}"], f["modality"], f["quad_class"], f["goldstein"], f["_basis"])
    series = dyad_series(events, "IRN", "RUS", by=by, modality="all")
    combined = series[(series["direction"] == "combined") & (series["n_events"] > 0)]  # the series also has the empty periods
    assert len(combined) == len(mine)
    for row in combined.to_dict("records"):
        got = mine[(row["period"], row["modality"])]
        for key in ("n_events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "cooperation", "conflict"):
            assert got[key] == row[key], (row["period"], key)
        for key in ("net_cooperation", "goldstein_mean"):
            want = row[key]
            assert (got[key] is None and (want is None or math.isnan(want))) or got[key] == pytest.approx(want)
    db.close()


def test_charts_publication_dated_counted_per_period():
    f = add_periods(Dataset(make_store()).dyad_events("IRN", "RUS"), "year")
    bases = [date_basis(s, b) for s, b in zip(f["date_source"], f["date_basis"])]
    counts = period_counts(f["period"], f["modality"], f["quad_class"], f["goldstein"], bases)
    assert counts[("2016", "asserted")]["publication_dated"] == 3 and counts[("18XX", "asserted")]["publication_dated"] == 0


def test_charts_axis_is_continuous_and_coarse_dates_stand_apart():
    rows = [{"period": p, "n_events": n, "verbal_coop": n, "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0,
             "net_cooperation": 1.0} for p, n in (("2015", 1), ("2016-05", 2), ("2016-08", 1), ("18XX", 1), ("undated", 1))]
    columns = timeline_columns(rows, "month")
    assert [c["period"] for c in columns] == ["18XX", "2015", "undated", "2016-05", "2016-06", "2016-07", "2016-08"]
    assert [c["coarse"] for c in columns] == [True, True, True, False, False, False, False]
    assert [c["n_events"] for c in columns] == [1, 1, 1, 2, 0, 0, 1]
    assert [c["period"] for c in timeline_columns([{**rows[1], "period": "2015-Q4"}, {**rows[1], "period": "2016-Q2"}], "quarter")] == [
        "2015-Q4", "2016-Q1", "2016-Q2"]


def test_charts_every_bar_links_to_its_period_and_quad():
    rows = [{"period": "2016", "n_events": 3, "verbal_coop": 1, "material_coop": 1, "verbal_conflict": 1, "material_conflict": 0,
             "net_cooperation": 1 / 3}, {"period": "2018", "n_events": 12, "verbal_coop": 0, "material_coop": 0,
                                         "verbal_conflict": 0, "material_conflict": 12, "net_cooperation": -1.0}]
    svg = timeline_svg(timeline_columns(rows, "year"), lambda p, q: f"/x?period={p}&quad={q}", selected="2018")
    y2016, y2017, y2018 = svg["columns"]
    assert [b["href"] for b in y2016["bars"]] == ["/x?period=2016&quad=2", "/x?period=2016&quad=1", "/x?period=2016&quad=3"]
    assert y2017["bars"] == [] and y2017["n"] == 0 and y2016["small"] and not y2018["small"]
    assert y2018["selected"] and svg["peak"] == 12
    assert y2018["bars"][0]["h"] == pytest.approx(110) and y2016["bars"][0]["h"] == pytest.approx(110 / 12, abs=0.05)
    assert len(svg["dots"]) == 2 and svg["lines"] == []  # 2016 and 2018 are not joined across the empty 2017
    three = timeline_svg(timeline_columns([rows[0], {**rows[0], "period": "2017"}, rows[1]], "year"), lambda p, q: "")
    assert len(three["lines"]) == 1 and three["lines"][0].count(",") == 3
