"""The report's assessments section: by period and holder country, by document, the judgements marked."""

from __future__ import annotations

from dyadscope.report import build_report, render_html
from tests.store.test_assessments_store import make_assessed


def test_report_assessments_section(db):
    db.write_results([make_assessed("a1", "2016-05-13", "negative"), make_assessed("a2", "2020-09-12", "positive")])
    report = build_report(db, "IRN", "RUS", by="year")
    section = report["assessments"]
    assert section["n"] == 4 and report["summary"]["n_assessments"] == 4
    assert [g["country"] for g in section["groups"]] == ["RUS", "author"]
    held = section["groups"][0]["judgements"][0]
    assert held["holder"] == "Sergei Lavrov" and held["evidence"]["span"] == "Relations between Russia and Iran are tense"
    assert [d["balance"] for d in section["documents"]] == [0.0, 1.0]
    assert {d["doc_id"] for d in report["documents"]} == {"a1", "a2"}
    html = render_html(report)
    assert 'id="assessments"' in html and f'id="{held["anchor"]}"' in html and 'href="#' + held["anchor"] in html
    assert "How the relationship is judged (4)" in html


def test_report_without_assessments_says_so(db):
    db.write_results([make_assessed()])
    html = render_html(build_report(db, "IRN", "USA"))
    assert "No judgement of the relationship between IRN and USA was found." in html
