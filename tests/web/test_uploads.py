"""Uploads go through the ingest, one writer at a time, while pages keep answering."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import pytest

from dyadscope.web import create_app
from dyadscope.web.access import StoreAccess
from dyadscope.store import queries

from .helpers import GatedEngine, Markup, client, make_store, simple_result

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "dyadscope" / "samples"


def _wait(web, job_url: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = web.get(job_url + ".json").json()["job"]
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"{job_url} still {job['state']} after {timeout} s")


def _post(web, files) -> str:
    r = web.post("/upload", files=[("files", f) for f in files], follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return r.headers["location"]


def test_uploads_pages_answer_while_an_ingest_runs():
    db = make_store()
    engine = GatedEngine()
    app = create_app(db, engine=engine)
    with client(app) as web:
        before = web.get("/.json").json()["counts"]["documents"]
        job_url = _post(web, [("good.txt", b"Chile thanked Peru for the aid.\n"), ("empty.txt", b""),
                              ("../../escape.txt", b"Peru thanked Chile.\n"), ("tool.exe", b"MZ")])
        assert engine.entered.wait(10)  # the ingest is under way, holding the write lock
        for url in ("/", "/dyads/IRN/RUS", "/dyads/IRN/RUS.json", "/search?q=russia", "/documents/d2016"):
            t0 = time.perf_counter()
            assert web.get(url).status_code == 200
            assert time.perf_counter() - t0 < 5
        assert web.get(job_url + ".json").json()["job"]["state"] == "running"
        page = web.get(job_url).text
        assert 'http-equiv="refresh"' in page and "running" in page
        engine.gate.set()
        job = _wait(web, job_url)
        assert job["state"] == "done" and job["processed"] == 2
        errors = {e["file"]: e["reason"] for e in job["errors"]}
        assert errors["empty.txt"] == "empty file"
        assert errors["tool.exe"].startswith("unsupported file type")
        assert sorted(d["doc_id"] for d in job["documents"]) == ["escape", "good"]  # the name lost its directories
        assert web.get("/.json").json()["counts"]["documents"] == before + 2
        page = web.get(job_url).text
        assert "error: empty.txt:" in page and "error: tool.exe: unsupported file type" in page and "refresh" not in page
        assert "/documents/good" in page
        assert not Path("/escape.txt").exists() and not (Path.cwd().parent / "escape.txt").exists()
        job_id = Path(job_url).name
        assert not [p for p in Path(tempfile.gettempdir()).glob(f"dyadscope-upload-{job_id}-*")]  # its folder is gone
    db.close()


def test_uploads_queue_one_after_another():
    db = make_store()
    engine = GatedEngine()
    engine.gate.set()
    app = create_app(db, engine=engine)
    with client(app) as web:
        urls = [_post(web, [(f"doc{i}.txt", f"Chile and Peru signed accord number {i}.\n".encode())]) for i in range(3)]
        jobs = [_wait(web, u) for u in urls]
        assert [j["processed"] for j in jobs] == [1, 1, 1]
        assert web.get("/.json").json()["counts"]["documents"] == 9
        json_post = web.post("/upload?format=json", files={"files": ("doc0.txt", b"Chile and Peru signed accord number 0.\n")})
        assert json_post.status_code == 202 and json_post.headers["location"].endswith(".json")
        again = _wait(web, json_post.headers["location"].removesuffix(".json"))
        assert again["processed"] == 0 and again["skipped_duplicates"] == 1  # idempotent, as the CLI
        assert [j["id"] for j in web.get("/upload.json").json()["jobs"]][0] == again["id"]  # newest first
    db.close()


def test_uploads_reads_do_not_wait_for_a_write_transaction(monkeypatch):
    """A reader sees the committed store while the writer is inside its transaction, then the new rows."""
    db = make_store()
    access = StoreAccess(db)
    inside, release = threading.Event(), threading.Event()
    insert = db._insert

    def slow_insert(table, rows):
        insert(table, rows)
        if table == "documents":
            inside.set()
            assert release.wait(10)

    monkeypatch.setattr(db, "_insert", slow_insert)
    writer = threading.Thread(target=lambda: db.write_results([simple_result("new", "Chile thanked Peru.")]))
    with access.write_lock:
        writer.start()
        assert inside.wait(10)
        t0 = time.perf_counter()
        assert access.reader().counts()["documents"] == 6  # the uncommitted document is not seen
        assert queries.document(access.reader(), "new") is None
        assert time.perf_counter() - t0 < 2
        release.set()
        writer.join(10)
    assert access.reader().counts()["documents"] == 7
    access.close()
    db.close()


def test_uploads_cache_refreshed_after_upload():
    db = make_store()
    engine = GatedEngine()
    engine.gate.set()
    app = create_app(db, engine=engine)
    with client(app) as web:
        web.get("/")
        first = app.state.web.cache._snapshot
        _wait(web, _post(web, [("late.txt", b"Chile thanked Peru again.\n")]))
        second = app.state.web.cache._snapshot
        assert second is not first and second.fingerprint != first.fingerprint
        web.get("/dyads/IRN/RUS")
        assert app.state.web.cache._snapshot is second  # no rebuild on the next page view
    db.close()


@pytest.mark.slow
def test_uploads_real_ingest_shows_per_file_errors():
    """The real pipeline behind the upload, in a worker process as `serve` runs it: a sample
    article is stored with its events, bad files get the CLI's error lines."""
    from dyadscope.web.worker import WorkerEngine

    db = make_store()
    engine = WorkerEngine()
    app = create_app(db, engine=engine)
    with client(app) as web:
        sample = SAMPLES / "01_s300-delivery-2016.txt"
        job = _wait(web, _post(web, [(sample.name, sample.read_bytes()), ("blank.txt", b"   \n"), ("bin.txt", b"\x00\x01\x02" * 100)]))
        assert job["state"] == "done" and job["processed"] == 1 and job["events"] > 0
        assert [e["file"] for e in job["errors"]] == ["blank.txt", "bin.txt"]
        doc = web.get("/documents/01_s300-delivery-2016.json").json()
        assert doc["document"]["title"].startswith("Iran says first S-300") and doc["events"]
        assert web.get("/dyads/IRN/RUS.json").json()["n_events"] > 7
        # every link on pages of real pipeline output resolves (overlapping marks, nested quotes, ...)
        for page in ("/documents/01_s300-delivery-2016", "/dyads/IRN/RUS?modality=all", "/"):
            html = web.get(page).text
            markup = Markup(html)
            assert len(markup.ids) == len(set(markup.ids)), page
            for href in {v.split("#")[0] for v in markup.links() if v.startswith("/")}:
                assert web.get(href).status_code < 400, (page, href)
            assert not [v for v in markup.links() if v.startswith("#") and v[1:] not in markup.ids], page
    engine.close()
    db.close()


def test_uploads_store_clusters_for_later_readers(tmp_path):
    """What serve does at startup on a writable store: the clusters are stored, so a reader of
    the unchanged store (another snapshot, `dyadscope dyad`) does not compare events again."""
    from dyadscope.analysis import Dataset
    from dyadscope.store import Database

    from .helpers import docs

    path = tmp_path / "s.duckdb"
    with Database(path) as db:
        db.write_results(docs())
        app = create_app(db, engine=GatedEngine())
        app.state.web.uploads.store_clusters()
        ds = Dataset(db)
        assert queries.stored_clusters(db, ds.dedup_settings, db.fingerprint()) is not None
        app.state.web.uploads.close()
