"""``dyadscope.open(db).assessments()`` and the series per period and holder country."""

from __future__ import annotations

from dyadscope.analysis import Dataset
from tests.store.test_assessments_store import make_assessed


def test_api_assessments_and_series(db):
    db.write_results([make_assessed("a1", "2016-05-13", "negative"), make_assessed("a2", "2020-09-12", "negative")])
    ds = Dataset(db)
    df = ds.assessments()
    assert list(df.columns[:6]) == ["doc_id", "assessment_index", "date", "dyad_a", "dyad_b", "polarity"]
    assert len(df) == 4 and set(df["aspects"]) == {"general", "military"}
    series = ds.assessment_series("RUS", "IRN", by="year")
    rows = {(r["period"], r["holder_country"]): r for r in series.to_dict("records")}
    assert rows[("2016", "all")]["n"] == 2 and rows[("2016", "all")]["balance"] == 0.0
    assert rows[("2016", "RUS")]["negative"] == 1 and rows[("2016", "author")]["positive"] == 1
    assert list(ds.assessment_balance("IRN", "RUS")["doc_id"]) == ["a1", "a2"]
    assert ds.dyad_assessments("IRN", "USA").empty
