"""spark-ingest in local[2]: the same records, events, assessments and dyad series as ingest;
idempotent, resumable, retried tasks duplicate nothing, one pipeline per Python worker, one
reference date for every worker.

Skipped without PySpark or Java. One SparkSession for the test session (conftest.py), a handful
of short documents of our own, as few Spark runs as the checks allow.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

pytest.importorskip("pyspark")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is not installed", allow_module_level=True)

from dyadscope.analysis import Dataset  # noqa: E402
from dyadscope.cli import cli  # noqa: E402
from dyadscope.report.build import build_report  # noqa: E402
from dyadscope.spark import job, pair_subset, spark_ingest, worker  # noqa: E402
from dyadscope.store import Database  # noqa: E402
from dyadscope.store.db import RUN_FIELDS, TABLES  # noqa: E402

pytestmark = pytest.mark.slow

#: Undated documents are read as of this day by both paths (who holds which office).
REFERENCE_DATE = "2020-01-01"

# Our own short texts: one event reported by two wires, a duplicate text, an id used twice, an
# undated document, one without an id, two bad lines, and judgements of two relationships.
FIRST = [
    {"id": "w1", "date": "2016-05-13", "publisher": "Wire A", "title": "Delivery",
     "text": "Russia delivered S-300 missiles to Iran on Friday, the Russian foreign ministry said."},
    {"id": "w2", "date": "2016-05-14", "publisher": "Wire B",
     "text": "Russia delivered the S-300 missiles to Iran on Friday, officials in Moscow said. Relations between Iran and "
             "Russia have never been closer, the Iranian foreign minister said."},
    None,
    "not json",
    {"text": "Turkey and Russia signed an agreement on trade in Ankara on 9 August 2016. Turkey regards Russia as an unreliable partner."},
    {"id": "w1", "date": "2018-05-09", "text": "Iran accused the United States of violating the nuclear deal."},
]
SECOND = [
    {"id": "copy", "date": "2016-05-13", "text": FIRST[0]["text"]},
    {"id": "empty", "text": ""},
    {"id": "w3", "date": "2019-12-27", "publisher": "Wire A",
     "text": "Iran, Russia and China began a joint naval drill in the Gulf of Oman on Friday. Russia praised Iran for hosting it. "
             "Analysts say the partnership between Russia and Iran is a marriage of convenience."},
]
# What a folder holds about itself: ingest skips it, and so must spark-ingest.
NOT_ARTICLES = {"README.jsonl": [{"id": "readme", "text": "Russia and Iran signed a deal in this folder's README."}],
                ".drafts/x.jsonl": [{"id": "draft", "text": "Russia threatened Iran in a hidden draft."}]}


def _write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(("" if r is None else r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    _write_jsonl(root / "a.jsonl", FIRST)
    _write_jsonl(root / "b" / "c.jsonl", SECOND)
    for name, records in NOT_ARTICLES.items():
        _write_jsonl(root / name, records)
    return root


@pytest.fixture(scope="module")
def clean(spark, corpus, tmp_path_factory):
    """One clean run through the command over the corpus: (output folder, its --json summary)."""
    out = tmp_path_factory.mktemp("clean") / "out"
    result = CliRunner().invoke(cli, ["spark-ingest", str(corpus), str(out), "--master", "local[2,2]", "--partitions", "4",
                                      "--reference-date", REFERENCE_DATE, "--json"])
    assert result.exit_code == 1, result.output  # the two bad lines
    return out, json.loads(result.stdout)


def _table(db, table):
    """A store table's rows, sorted, times left out, JSON text parsed (its spacing may differ)."""
    skip = {"documents": "EXCLUDE (ingested_at)", "failures": "EXCLUDE (failed_at)"}.get(table, "")
    rows = db.query(f"SELECT * {skip} FROM {table} ORDER BY ALL")
    return [{**r, "members": json.loads(r["members"])} if "members" in r else r for r in rows]


def _tables(folder):
    with Database(folder, read_only=True) as db:
        return {t: _table(db, t) for t in TABLES + ("failures",)}


def test_spark_ingest_same_records_events_assessments_and_series_as_ingest(clean, corpus, tmp_path):
    out, summary = clean
    local = tmp_path / "local.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(local), "--reference-date", REFERENCE_DATE])
    assert result.exit_code == 1, result.output  # the two bad lines
    with Database(local, read_only=True) as duck, Database(out, read_only=True) as folder:
        for table in TABLES + ("failures",):  # documents with their doc_number and run_id, assessments too
            assert _table(folder, table) == _table(duck, table), table
        assert {d["doc_id"] for d in _table(folder, "documents")}.isdisjoint({"readme", "draft"})
        (run,) = folder.query("SELECT * FROM runs")
        (local_run,) = duck.query("SELECT * FROM runs")
        assert {k: run[k] for k in RUN_FIELDS if k != "actor_files"} == {k: local_run[k] for k in RUN_FIELDS if k != "actor_files"}
        assert (run["command"], run["reference_date"], run["n_documents"], run["n_failures"]) == ("spark-ingest", REFERENCE_DATE, 5, 2)
        a, b = Dataset(duck), Dataset(folder)
        assert len(b.event_table(dedup=False)) > len(b.event_table()) > 0  # two wires, one delivery
        times = ["ingested_at", "coded_at"]  # when each path stored and coded them
        assert b.event_table().drop(columns=times).equals(a.event_table().drop(columns=times))
        assert b.event_table()["coded_at"].notna().all()
        for x, y in (("IRN", "RUS"), ("RUS", "TUR"), ("IRN", "USA"), ("CHN", "IRN")):
            for by in ("month", "year"):
                assert b.dyad_series(x, y, by=by, modality="all").equals(a.dyad_series(x, y, by=by, modality="all")), (x, y, by)
            assert b.assessment_series(x, y, by="year").equals(a.assessment_series(x, y, by="year")), (x, y)
        assert len(b.assessments()) >= 3 and b.assessments().equals(a.assessments())
        report = [json.dumps({k: v for k, v in build_report(db, "IRN", "RUS").items() if k != "generated"}, sort_keys=True, default=str)
                  for db in (duck, folder)]
        assert report[0] == report[1]
    runner = CliRunner()
    for command in (["dyad", "IRN", "RUS", "--modality", "all"], ["assessments", "IRN", "RUS", "--by", "year"]):
        local_table = runner.invoke(cli, [*command, "--db", str(local)]).output
        spark_table = runner.invoke(cli, [*command, "--db", str(out)]).output
        assert spark_table == local_table and "IRN" in spark_table, command
    assert (summary["documents"], summary["already_present"], summary["n_failed"]) == (5, 1, 2)
    assert summary["reference_date"] == REFERENCE_DATE and summary["assessments"] >= 3


def test_spark_ingest_loads_the_pipeline_once_per_worker(clean):
    _, summary = clean
    assert summary["tasks"] == 4 and 1 <= summary["python_workers"] <= 2
    assert summary["pipeline_loads_per_worker"] == [1]


def test_spark_ingest_rerun_writes_nothing_new(spark, clean, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(clean[0], out)
    summary = spark_ingest(spark, str(corpus), str(out))
    assert (summary.processed, summary.skipped_duplicates, summary.run_id) == (0, 6, 2)
    assert _tables(out) == _tables(clean[0])
    with Database(out, read_only=True) as db:  # the re-run is recorded, as ingest records it
        assert db.query("SELECT run_id, n_documents FROM runs ORDER BY run_id") == [{"run_id": 1, "n_documents": 5},
                                                                                     {"run_id": 2, "n_documents": 0}]
        assert db.get_info("generation") == "2"


def test_spark_ingest_retried_task_and_killed_run_leave_no_trace(spark, clean, corpus, tmp_path, monkeypatch):
    injected = tmp_path / "injected"

    class FailsFirstAttempt(worker.ProcessArticles):
        """Dies after handing over part of partition 0, the first time only."""

        def __call__(self, batches):
            from pyspark import TaskContext

            context = TaskContext.get()
            for batch in super().__call__(batches):
                yield batch
                if context.partitionId() == 0 and context.attemptNumber() == 0:
                    injected.touch()
                    raise RuntimeError("injected task failure")

    monkeypatch.setattr(job, "ProcessArticles", FailsFirstAttempt)
    out = tmp_path / "out"
    killed = out / job.STAGING / "run-killed" / "events" / "year_month=2016-05"  # a run killed before its mark
    killed.mkdir(parents=True)
    shutil.copy(next((clean[0] / "events" / "year_month=2016-05").glob("*.parquet")), killed)
    summary = spark_ingest(spark, str(corpus), str(out), partitions=4, files_per_commit=1, reference_date=REFERENCE_DATE)
    assert injected.exists() and summary.processed == 5
    assert not (out / job.STAGING).exists()
    assert _tables(out) == _tables(clean[0])  # the doc_numbers too, though numbered in two commits
    with Database(out, read_only=True) as db:  # one run of two commits
        assert db.query("SELECT run_id, n_documents, n_failures FROM runs") == [{"run_id": 1, "n_documents": 5, "n_failures": 2}]


def test_spark_ingest_reads_parquet_like_jsonl(spark, clean, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    records = [r for r in FIRST if isinstance(r, dict)]
    pq.write_table(pa.Table.from_pylist([{**r, "date": r.get("date")} for r in records]), folder / "a.parquet")
    out = tmp_path / "out"
    summary = spark_ingest(spark, str(folder / "a.parquet"), str(out), reference_date=REFERENCE_DATE)  # a file, where the others name a folder
    assert summary.failed == 0
    got, want = _tables(out), _tables(clean[0])
    ids = {d["doc_id"] for d in got["documents"]}
    assert ids == {"w1", "w2", "a-3", "w1-" + next(d["content_hash"][:8] for d in got["documents"] if d["doc_id"].startswith("w1-"))}
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("source_path", "doc_number")}  # noqa: E731
                          for r in rows if r["doc_id"] in ids - {"a-3"}]
    assert strip(got["documents"]) == strip(want["documents"])
    assert [e for e in got["events"] if e["doc_id"] != "a-3"] == [e for e in want["events"] if e["doc_id"] in ids]
    assert [d["doc_number"] for d in sorted(got["documents"], key=lambda d: d["source_path"])] == [1, 2, 3, 4]


def test_spark_pair_subset_gives_the_same_series(spark, clean, tmp_path):
    out = clean[0]
    subset = pair_subset(spark, str(out), "IRN", "RUS", str(tmp_path / "IRN-RUS"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["IRN-RUS"]  # written under a temporary name, then renamed
    with Database(out, read_only=True) as whole, Database(subset, read_only=True) as part:
        assert 0 < part.counts()["documents"] < whole.counts()["documents"]
        for by in ("month", "year"):
            got = Dataset(part).dyad_series("IRN", "RUS", by=by, modality="all")
            assert not got.empty and got.equals(Dataset(whole).dyad_series("IRN", "RUS", by=by, modality="all")), by
        got = Dataset(part).assessment_series("IRN", "RUS", by="year")
        assert not got.empty and got.equals(Dataset(whole).assessment_series("IRN", "RUS", by="year"))


def test_spark_ingest_cli_missing_input(tmp_path):
    result = CliRunner().invoke(cli, ["spark-ingest", str(tmp_path / "nope"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().endswith(f"Error: {tmp_path / 'nope'}: no such file or directory")
