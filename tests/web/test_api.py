"""The JSON twins, the pages' filters and errors, OpenAPI, limits and escaping (in-process)."""

from __future__ import annotations

import json

import pytest

from dyadscope.web import create_app
from dyadscope.web.urls import tilde_decode, tilde_encode

from .helpers import EVIL_ACTOR, EVIL_HOLDER, EVIL_ID, GatedEngine, Markup, client, make_store


@pytest.fixture(scope="module")
def store():
    db = make_store()
    yield db
    db.close()


@pytest.fixture(scope="module")
def web(store):
    app = create_app(store, engine=GatedEngine(), db_label="test store")
    with client(app) as c:
        yield c


def _json(web, url, status=200):
    r = web.get(url)
    assert r.status_code == status, (url, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return json.loads(r.text, parse_constant=lambda c: pytest.fail(f"{url}: {c} in JSON"))


def _dyad(web, query=""):
    return _json(web, f"/dyads/IRN/RUS.json{query}")


def test_api_overview(web):
    d = _json(web, "/.json")
    assert d["counts"]["documents"] == 6 and d["counts"]["events"] == 9
    assert d["events_after_dedup"] == 8  # the two reports of the sale are one event
    assert d["date_range"] == {"first": "2016-05-13", "last": "2020-09-12", "undated_documents": 1}
    assert d["busiest_dyads"][0] == {"a": "IRN", "b": "RUS", "n_events": 7, "url": "/dyads/IRN/RUS"}
    assert {p["a"] + p["b"] for p in d["busiest_dyads"]} == {"IRNRUS", "CHNIRN", "CHNRUS", "IRNUSA"}
    assert [x["doc_id"] for x in d["documents"]][:2] == ["d2020", "d2019"] and d["documents"][-1]["doc_id"] == "undated"
    assert d["pagination"] == {"page": 1, "per_page": 50, "total": 6, "pages": 1, "next": None, "prev": None}
    assert d["stale"] is False
    assert _json(web, "/?format=json") == d


def test_api_overview_paginates(web):
    d = _json(web, "/.json?per_page=4&page=2")
    assert len(d["documents"]) == 2 and d["pagination"]["prev"] == "/?per_page=4&page=1" and d["pagination"]["next"] is None
    assert _json(web, "/.json?per_page=4")["pagination"]["next"] == "/?per_page=4&page=2"


def test_api_dyad_timeline_and_table(web):
    d = _dyad(web)
    assert d["n_events"] == 7 and d["filters"]["modality"] == ["asserted"]
    (chart,) = d["timeline"]
    periods = [(p["period"], p["n_events"], p["coarse"]) for p in chart["periods"]]
    # coarse dates first, then every year from 2016 to 2020, the empty ones as zero
    assert periods == [("18XX", 1, True), ("2016", 3, False), ("2017", 0, False), ("2018", 0, False),
                       ("2019", 1, False), ("2020", 1, False)]
    y2016 = chart["periods"][1]
    assert y2016["material_coop"] == 1 and y2016["verbal_conflict"] == 1 and y2016["verbal_coop"] == 1
    assert y2016["url"] == "/dyads/IRN/RUS?period=2016#events"
    row = next(e for e in d["events"] if e["event_type"] == "ACCUSE")
    assert row["evidence"] == {"before": "Iran ", "span": "sued", "after": " Russia over the contract."}
    assert row["source"][0]["name"] == "Iran" and row["source"][0]["url"] == "/actors/IRN" and row["target"][0]["code"] == "RUS"
    assert row["direction"] == "IRN->RUS" and row["modality"] == "asserted" and row["date"] == "2016-05-13"
    assert d["options"]["modality_counts"] == {"asserted": 6, "reported": 1, "hypothetical": 0, "future": 0, "negated": 0}
    assert [(s["speaker"], s["country"], s["n_quotes"]) for s in d["quotes"]["speakers"]] == [
        ("Spokesman", "RUS", 2), ("Spokesman", "IRN", 1), ("unknown speaker", None, 1)]
    assert [q["speaker_anchor"] for q in d["quotes"]["items"]] == ["speaker-0", "speaker-0", "speaker-1", "speaker-2"]


def test_api_dyad_filters(web):
    assert [e["modality"] for e in _dyad(web, "?modality=reported")["events"]] == ["reported"]
    assert len(_dyad(web, "?modality=all")["timeline"]) == 2
    assert {e["event_type"] for e in _dyad(web, "?event_type=COOPERATE")["events"]} == {"COOPERATE"}
    assert [e["event_type"] for e in _dyad(web, "?context=legal")["events"]] == ["ACCUSE"]
    assert [e["direction"] for e in _dyad(web, "?direction=a-b")["events"]] == ["IRN->RUS"]
    assert [e["event_type"] for e in _dyad(web, "?direction=joint")["events"]] == ["COOPERATE"]
    assert [(e["date"], e["date_basis"]) for e in _dyad(web, "?date_basis=text")["events"]] == [("18XX", "text")]
    assert {e["date_source"] for e in _dyad(web, "?date_basis=publication")["events"]} == {"document"}
    sale = _dyad(web, "?period=2016&quad=2")
    assert [(e["event_type"], e["num_articles"]) for e in sale["events"]] == [("COOPERATE", 2)]
    assert len(sale["timeline"][0]["periods"]) == 6  # the chart keeps every period; only the table narrows
    assert [e["event_type"] for e in _dyad(web, "?q=VETOED")["events"]] == ["SUPPORT"]
    assert _dyad(web, "?q=no such words")["events"] == []
    by_month = _dyad(web, "?by=month")["timeline"][0]["periods"]
    assert by_month[0]["period"] == "18XX" and by_month[1]["period"] == "2016-05" and len(by_month) == 1 + 53


def test_api_dyad_sorts_and_paginates(web):
    dates = [e["date"] for e in _dyad(web, "?sort=date&order=desc")["events"]]
    assert dates[0] == "2020-09-12" and dates[-1] == "18XX"
    types = [e["event_type"] for e in _dyad(web, "?sort=type")["events"]]
    assert types == sorted(types)
    page = _dyad(web, "?per_page=2&page=2")
    assert len(page["events"]) == 2 and page["pagination"]["total"] == 6 and page["pagination"]["pages"] == 3
    assert page["pagination"]["next"] == "/dyads/IRN/RUS?per_page=2&page=3"


def test_api_dyad_without_dedup_counts_each_report(web):
    d = _dyad(web, "?dedup=0&period=2016&quad=2")
    assert [e["num_articles"] for e in d["events"]] == [1, 1]


@pytest.mark.parametrize("url, status, message", [
    ("/dyads/IRN/IRN.json", 400, "must differ"),
    ("/dyads/IR1/RUS.json", 400, "alpha-3"),
    ("/dyads/IRN/RUS.json?modality=maybe", 400, "modality='maybe': must be one of asserted"),
    ("/dyads/IRN/RUS.json?per_page=100000", 400, "per_page=100000: must be between 1 and 500"),
    ("/dyads/IRN/RUS.json?page=x", 400, "expected a whole number"),
    ("/dyads/IRN/RUS.json?q=" + "x" * 201, 400, "at most 200 characters"),
    ("/documents/nope.json", 404, "no document with id 'nope'"),
    ("/events/ev-000000000000.json", 404, "no event"),
    ("/actors/XXXGOV.json", 404, "no actor"),
    ("/uploads/none.json", 404, "no upload"),
    ("/no/such/page.json", 404, "no such page"),
])
def test_api_errors_are_json_with_a_message(web, url, status, message):
    d = _json(web, url, status)
    assert d["error"]["status"] == status and message in d["error"]["message"]


def test_api_errors_are_pages_in_html(web):
    r = web.get("/dyads/IRN/RUS?modality=maybe")
    assert r.status_code == 400 and "must be one of" in r.text and "<html" in r.text


def test_api_document(web):
    d = _json(web, "/documents/d2016.json")
    assert d["document"]["title"] == "Russia sells missiles to Iran" and d["document"]["link"] == "https://example.org/a"
    assert d["text"].startswith("Russia sold missiles to Iran.")
    assert [e["event_type"] for e in d["events"]] == ["COOPERATE", "ACCUSE", "SUPPORT"]
    sale = d["events"][0]
    assert sale["url"] == f"/events/{sale['event_id']}" and sale["evidence"]["span"] == "sold"
    assert d["text"][sale["start"]:sale["end"]] == "sold"
    assert {m["text"] for m in d["mentions"]} == {"Russia", "Iran"}
    assert d["sections"] == ["text", "events", "quotes", "assessments"] and "_segments" not in d
    quotes = _json(web, "/documents/d2020.json")["quotes"]
    assert [q["speaker"]["country"] for q in quotes if q["speaker"]] == ["IRN", "RUS", "CHN"]


def test_api_document_assessments(web):
    d = _json(web, "/documents/d2020.json")
    assert [(j["dyad"], j["polarity"], j["holder_label"]) for j in d["assessments"]] == [
        (["IRN", "RUS"], "mixed", "the author"), (["IRN", "USA"], "negative", "the author"), (["IRN", "RUS"], "positive", "Spokesman")]
    mixed, foes, held = d["assessments"]
    assert d["text"][mixed["start"]:mixed["end"]] == mixed["evidence"]["span"] == "Ties between Russia and Iran look close but wary"
    assert foes["evidence"]["before"] == mixed["evidence"]["before"] + mixed["evidence"]["span"] + ", while "
    assert held["holder"]["url"] == "/actors/IRNGOV" and held["quote_url"] == "/documents/d2020#q-0-entry"
    assert held["aspects"] == ["alliance"] and held["url"] == "/documents/d2020#as-2" and foes["dyad_url"] == "/dyads/IRN/USA#assessments"
    page = Markup(web.get("/documents/d2020").text)
    assert {"as-0", "as-0-entry", "as-2", "as-2-entry"} <= set(page.ids) and "#as-2-entry" in page.links()


def test_api_dyad_assessments(store, web):
    from dyadscope.analysis import Dataset

    s = _dyad(web)["assessments"]
    assert s["n"] == 4 and s["n_documents"] == 3
    assert s["overall"] == {"n": 4, "positive": 2, "negative": 1, "mixed": 1, "balance": 0.25}
    expected = Dataset(store).assessment_series("IRN", "RUS", by="year").to_dict("records")
    assert s["series"] == expected and [(r["period"], r["holder_country"]) for r in s["series"]] == [
        ("2016", "all"), ("2016", "RUS"), ("2016", "author"), ("2020", "all"), ("2020", "IRN"), ("2020", "author")]
    assert [(h["holder"], h["n"]) for h in s["holders"]] == [("IRN", 1), ("RUS", 1), ("author", 2)]  # the pair's own first
    assert [(j["holder_group"], j["date"], j["polarity"]) for j in s["items"]] == [
        ("IRN", "2020-09-12", "positive"), ("RUS", "2016-05-20", "positive"),
        ("author", "2016-05-13", "negative"), ("author", "2020-09-12", "mixed")]
    own = s["items"][2]
    assert own["evidence"] == {"before": "", "span": "Relations between Iran and Russia remain uneasy", "after": "."}
    assert own["url"] == "/documents/d2016#as-0" and own["holder"] is None and own["doc_title"] == "Russia sells missiles to Iran"
    assert s["pagination"] == {"page": 1, "per_page": 50, "total": 4, "pages": 1, "next": None, "prev": None}
    assert _dyad(web, "?by=quarter")["assessments"]["series"][0]["period"] == "2016-Q2"


def test_api_dyad_assessment_filters(web):
    def shown(query):
        s = _dyad(web, query)["assessments"]
        assert s["n"] == 4 and len(s["series"]) == 6  # the counts keep every judgement
        return [(j["doc_id"], j["polarity"]) for j in s["items"]]

    assert shown("?polarity=negative,mixed") == [("d2016", "negative"), ("d2020", "mixed")]
    assert shown("?holder=author&polarity=mixed") == [("d2020", "mixed")]
    assert shown("?holder=IRN") == [("d2020", "positive")]
    assert shown("?assessment_period=2016") == [(EVIL_ID, "positive"), ("d2016", "negative")]
    assert shown("?assessment_period=2020-Q3&by=year") == shown("?assessment_period=2020-09") == [("d2020", "positive"), ("d2020", "mixed")]
    assert shown("?holder=CHN") == []
    series = _dyad(web)["assessments"]["series"]
    cell = web.get("/dyads/IRN/RUS").text
    assert 'href="/dyads/IRN/RUS?holder=author&amp;assessment_period=2016&amp;polarity=negative#judgements"' in cell
    assert series[2]["negative"] == 1  # that cell's count
    page = _dyad(web, "?polarity=positive&assessments_page=2")["assessments"]
    assert page["items"] == [] and page["pagination"]["prev"] == "/dyads/IRN/RUS?polarity=positive&assessments_page=1"
    assert "polarity='hostile': must be one of positive" in _json(web, "/dyads/IRN/RUS.json?polarity=hostile", 400)["error"]["message"]


def test_api_event_shows_every_report(web):
    sale = _json(web, "/documents/d2016.json")["events"][0]
    d = _json(web, sale["url"] + ".json")
    assert d["event"]["num_articles"] == 2 and d["event"]["members"] == ["d2016#0", "d2016b#0"]
    assert [(r["doc_id"], r["evidence"]["before"] + r["evidence"]["span"] + r["evidence"]["after"]) for r in d["reports"]] == [
        ("d2016", "Russia sold missiles to Iran."), ("d2016b", "Russia sold missiles to Iran last week.")]
    assert d["reports"][0]["doc_url"] == "/documents/d2016#ev-0"


def test_api_event_of_a_merged_report_redirects_to_its_event(web):
    from dyadscope.analysis.dedup import event_id

    sale = _json(web, "/documents/d2016.json")["events"][0]["event_id"]
    other = next(i for i in (event_id("d2016", 0), event_id("d2016b", 0)) if i != sale)
    r = web.get(f"/events/{other}", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == f"/events/{sale}"
    assert web.get(f"/events/{other}.json", follow_redirects=False).headers["location"] == f"/events/{sale}.json"
    assert _json(web, f"/events/{other}.json?dedup=0")["event"]["num_articles"] == 1


def test_api_actor(web):
    d = _json(web, "/actors/IRN.json")
    assert d["name"] == "Iran" and d["n_as_source"] == 2 and d["n_as_target"] == 6
    assert sorted(e["role"] for e in d["events"]) == ["source"] * 2 + ["target"] * 6
    assert [e["role"] for e in _json(web, "/actors/IRN.json?role=source")["events"]] == ["source", "source"]
    spoken = _json(web, "/actors/IRNGOV.json")
    assert [q["content"] for q in spoken["quotes"]["items"]] == ["Russia and Iran are strategic partners"]
    (held,) = spoken["assessments"]["items"]
    assert (held["polarity"], held["dyad"], held["url"]) == ("positive", ["IRN", "RUS"], "/documents/d2020#as-2")
    assert spoken["assessments"]["pagination"]["total"] == 1 and _json(web, "/actors/USA.json")["assessments"]["items"] == []
    country = _json(web, "/actors/RUS.json?by=country")
    assert country["by"] == "country" and len(country["quotes"]["items"]) == 2


def test_api_search(web):
    d = _json(web, "/search.json?q=missiles")
    assert d["documents"]["total"] == 2 and {r["doc_id"] for r in d["documents"]["items"]} == {"d2016", "d2016b"}
    assert d["documents"]["items"][0]["doc_id"] == "d2016"  # the title match first
    assert "missiles" in d["documents"]["items"][0]["snippet"]
    assert _json(web, '/search.json?q="strategic partners"&kind=quotes')["quotes"]["total"] == 1
    assert _json(web, "/search.json?q=missiles week")["documents"]["total"] == 1
    assert _json(web, "/search.json?q=MISSILES")["documents"]["total"] == 2
    # LIKE wildcards are literal characters
    assert _json(web, "/search.json?q=%25")["documents"]["total"] == 0
    assert _json(web, "/search.json?q=_")["documents"]["total"] == 0
    assert _json(web, "/search.json")["documents"] is None


def test_api_search_paginates(web):
    d = _json(web, "/search.json?q=russia&kind=documents&per_page=2")
    assert d["documents"]["total"] == 6 and len(d["documents"]["items"]) == 2
    assert d["documents"]["pagination"]["next"] == "/search?q=russia&kind=documents&per_page=2&page=2"


def test_api_upload_form_and_openapi(web):
    d = _json(web, "/upload.json")
    assert d["read_only"] is False and ".txt" in d["limits"]["suffixes"]
    spec = _json(web, "/openapi.json")
    assert spec["openapi"].startswith("3.1")
    paths = set(spec["paths"])
    assert {"/.json", "/documents/{doc_id}.json", "/dyads/{a}/{b}.json", "/actors/{code}.json", "/events/{event_id}.json",
            "/search.json", "/upload.json", "/uploads/{job_id}.json"} <= paths
    assert "post" in spec["paths"]["/upload"]
    names = {p["name"] for p in spec["paths"]["/dyads/{a}/{b}.json"]["get"]["parameters"]}
    assert {"a", "b", "by", "modality", "event_type", "context", "date_basis", "period", "sort", "page", "per_page",
            "polarity", "holder", "assessment_period", "assessments_page"} <= names
    for path in ("/dyads/{a}/{b}.json", "/documents/{doc_id}.json", "/actors/{code}.json"):
        assert "assessments" in spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]
    assert web.get("/api").status_code == 200


def test_api_every_route_is_described(web):
    """Every page route the app serves has an OpenAPI path, and the reverse."""
    from starlette.routing import Route

    spec = _json(web, "/openapi.json")
    served = {r.path for r in web.app.routes if isinstance(r, Route)} - {"/openapi.json", "/api", "/favicon.ico"}
    assert served == set(spec["paths"])


def test_api_security_headers(web):
    r = web.get("/")
    assert "default-src 'none'" in r.headers["content-security-policy"] and "script-src" not in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"
    assert web.get("/.json").headers["x-frame-options"] == "DENY"


def _all_pages(web) -> list[str]:
    sale = _json(web, "/documents/d2016.json")["events"][0]["url"]
    evil = "/documents/" + tilde_encode(EVIL_ID)
    evil_event = _json(web, evil + ".json")["events"][0]["url"]
    return ["/", "/dyads/IRN/RUS", "/dyads/IRN/RUS?modality=all&by=month&holder=RUS", evil, evil_event, sale, "/actors/IRN",
            "/actors/" + tilde_encode('RUS"><script>'), "/actors/RUS?by=country", "/search?q=russia", "/search?q=script",
            "/upload", "/api", "/documents/nope", "/search?q=" + tilde_encode("<script>")]


def test_api_hostile_text_is_inert_everywhere(web):
    for url in _all_pages(web):
        r = web.get(url)
        markup = Markup(r.text)
        assert "script" not in markup.tags and "img" not in markup.tags and "svg" not in markup.tags[:0], url
        assert not [a for a in markup.attrs if a[1].startswith("on")], url
        assert not [v for v in markup.links() if v.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], url
        assert not [v for v in markup.links() if "tracker.example" in v], url
        assert markup.tags.count("svg") == r.text.count('<svg viewBox="0 0 '), url  # only our own charts
        assert len(markup.ids) == len(set(markup.ids)), (url, [i for i in markup.ids if markup.ids.count(i) > 1])
    page = web.get("/documents/" + tilde_encode(EVIL_ID)).text
    assert "&lt;script&gt;" in page and "javascript:alert(document.cookie)" in page  # shown, as text
    assert EVIL_ACTOR not in page and "&lt;svg onload=alert(1)&gt;Ruritania" in web.get("/dyads/IRN/RUS").text
    # the judgement in the hostile document: its sentence and its holder's name, code and text are shown as text
    held = "&lt;b onmouseover=alert(5)&gt;Analyst&lt;/b&gt;"
    for url in ("/dyads/IRN/RUS?holder=RUS", "/actors/" + tilde_encode('RUS"><script>'), "/documents/" + tilde_encode(EVIL_ID)):
        text = web.get(url).text
        assert held in text and "<mark>Iran and Russia &lt;script&gt;document.title=" in text, url
        assert EVIL_HOLDER.name not in text and "onmouseover=alert(5)>" not in text, url


def test_api_in_page_links_resolve(web):
    for url in _all_pages(web):
        markup = Markup(web.get(url).text)
        missing = [v for v in markup.links() if v.startswith("#") and v[1:] not in markup.ids]
        assert not missing, (url, missing)


@pytest.mark.parametrize("url", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/..%2f..%2fpyproject.toml",
    "/documents/..%2F..%2Fetc%2Fpasswd", "/documents/~2E~2E~2F~2E~2E~2Fetc~2Fpasswd", "/actors/..%2F..", "/events/..%2F..%2Fsettings.py",
])
def test_api_no_path_traversal(web, url):
    r = web.get(url)
    assert r.status_code in (400, 404), url
    assert "[build-system]" not in r.text and "root:" not in r.text


def test_api_tilde_encoding_round_trips():
    for value in ["d2016", "report.v2", "a/b/../c", "x.json", 'x"><script>', "Ελλάδα 2", "~2E", ""]:
        assert tilde_decode(tilde_encode(value)) == value
        assert set(tilde_encode(value)) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-~")


def test_api_document_with_dots_and_slashes_in_its_id(store, web):
    from dataclasses import replace

    from .helpers import simple_result

    store.write_results([replace(simple_result("x", "Chile thanked Peru."), article=replace(
        simple_result("x", "Chile thanked Peru.").article, doc_id="reports/2021/x.json"))])
    d = _json(web, "/documents/" + tilde_encode("reports/2021/x.json") + ".json")
    assert d["document"]["doc_id"] == "reports/2021/x.json"
    assert web.get("/documents/" + tilde_encode("reports/2021/x.json")).headers["content-type"].startswith("text/html")


def test_api_request_limits():
    db = make_store()
    app = create_app(db, engine=GatedEngine(), max_upload_bytes=1000)
    with client(app) as web:
        r = web.post("/upload", files={"files": ("big.txt", b"x" * 5000)})
        assert r.status_code == 413
        assert web.post("/upload", files={"files": ("big.txt", b"x" * 1500)}).status_code == 413  # counted while reading
        assert app.state.web.uploads.jobs == {}  # nothing queued, nothing left behind
        assert web.post("/dyads/IRN/RUS", content=b"x" * 100).status_code == 405
        assert web.request("GET", "/", content=b"x" * 100_000).status_code == 413
        assert web.post("/upload", data={"other": "field"}).status_code == 400
    db.close()


def test_api_read_only_refuses_uploads():
    db = make_store()
    app = create_app(db, read_only=True)
    with client(app) as web:
        r = web.post("/upload?format=json", files={"files": ("a.txt", b"Chile thanked Peru.")})
        assert r.status_code == 403 and "read-only" in r.json()["error"]["message"]
        assert _json(web, "/upload.json")["read_only"] is True
        assert "uploads are refused" in web.get("/upload").text and 'type="file"' not in web.get("/upload").text
        assert _json(web, "/openapi.json")["info"]["description"].endswith("uploads are refused.")
    db.close()


def test_api_cross_site_upload_refused(web):
    r = web.post("/upload", files={"files": ("a.txt", b"Chile thanked Peru.")}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.text
    for site in ("cross-site", "same-site"):
        r = web.post("/upload", files={"files": ("a.txt", b"x")}, headers={"Sec-Fetch-Site": site, "Origin": "null"})
        assert r.status_code == 403
    assert web.post("/upload", files={"files": ("a.txt", b"x")}, headers={"Origin": "null"}).status_code == 403


def test_api_host_header_checked_on_loopback():
    from dyadscope.web.server import LOOPBACK_HOSTS

    db = make_store()
    app = create_app(db, read_only=True, allowed_hosts=LOOPBACK_HOSTS)
    with client(app) as web:
        assert web.get("/").status_code == 200
        assert web.get("/", headers={"Host": "attacker.example"}).status_code == 400  # DNS rebinding
    db.close()
