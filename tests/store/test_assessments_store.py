"""Assessments in the store and the export format: round trip, flat tables, older stores."""

from __future__ import annotations

import json

from dyadscope.export import assessment_record, export_records
from dyadscope.export.tables import record_tables, write_tables
from dyadscope.ingest.formats import content_hash
from dyadscope.records import Actor, Article, ArticleResult, Assessment, Quote
from dyadscope.store import Database, queries

FIELDS = ["kind", "doc_id", "dyad", "polarity", "holder", "start", "end", "sentence", "aspects", "quote", "confidence", "rule"]


def make_assessed(doc_id="a1", date="2016-05-13", polarity="negative"):
    """A document with two assessments: one held by a quoted speaker, one the author's own."""
    text = "Relations between Russia and Iran are tense, Lavrov said. The two powers proved complementary."
    lavrov = Actor("Lavrov", "Sergei Lavrov", "RUSGOV", "RUS", "GOV", 45, 51)
    quote = Quote("indirect", "Relations between Russia and Iran are tense", ((0, 43),), "said", lavrov, 0, 56, 52, 56,
                  "quotes.parenthetical.v1")
    held = Assessment(("IRN", "RUS"), polarity, lavrov, 0, 43, text[:57], ("general",), quote, 0.65,
                      "assessments.anchor.relation_noun.v1")
    own = Assessment(("IRN", "RUS"), "positive", None, 58, 93, text[58:], ("military",), None, 0.4,
                     "assessments.anchor.dyad_subject.v1")
    return ArticleResult(
        article=Article(doc_id=doc_id, text=text, date=date, title=f"T {doc_id}", content_hash=content_hash(text + doc_id)),
        sentences=((0, 57), (58, len(text))),
        quotes=(quote,),
        assessments=(held, own),
    )


def test_store_assessments_round_trip(db):
    result = make_assessed()
    db.write_results([result])
    (back,) = list(db.results())
    assert back.assessments == result.assessments
    assert back.assessments[0].quote is back.quotes[0]
    assert list(export_records(back)) == list(export_records(result))
    assert db.counts()["assessments"] == 2


def test_export_assessment_record_fields():
    result = make_assessed()
    records = [r for r in export_records(result) if r["kind"] == "assessment"]
    assert [list(r) for r in records] == [FIELDS, FIELDS]
    held, own = records
    assert held["dyad"] == ["IRN", "RUS"] and held["holder"]["name"] == "Sergei Lavrov"
    assert held["quote"]["quote_type"] == "indirect" and held["quote"]["speaker"]["name"] == "Sergei Lavrov"
    assert own["holder"] is None and own["quote"] is None and own["aspects"] == ["military"]
    assert assessment_record("a1", result.assessments[1]) == own


def test_export_tables_have_assessments(tmp_path):
    import pandas as pd

    tables = record_tables([make_assessed()])
    write_tables(tables, tmp_path / "csv", "csv")
    write_tables(tables, tmp_path / "pq", "parquet")
    rows = pd.read_csv(tmp_path / "csv" / "assessments.csv")
    assert len(rows) == 2 and json.loads(rows["dyad"][0]) == ["IRN", "RUS"]
    assert json.loads(rows["holder"][0])["country"] == "RUS" and pd.isna(rows["holder"][1])
    native = pd.read_parquet(tmp_path / "pq" / "assessments.parquet")
    assert list(native["dyad"][0]) == ["IRN", "RUS"] and native["holder"][0]["country"] == "RUS"


def test_store_read_only_store_written_before_assessments(tmp_path):
    path = tmp_path / "old.duckdb"
    with Database(path) as db:
        db.write_results([make_assessed()])
        db.con.execute("DROP TABLE assessments")
        db.con.execute("DELETE FROM _migrations WHERE name = '0005_assessments'")
    with Database(path, read_only=True) as db:
        (back,) = list(db.results())
        assert back.assessments == () and db.counts()["assessments"] == 0
        assert queries.assessment_rows(db).empty
