import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dyadscope.report import build_report, render_html, render_json, write_report

from ..analysis.synthetic import Doc, Ev, store

CHROMIUM = Path("/usr/bin/chromium")
EVIL = '<script>document.title="pwned"</script><img src="https://tracker.example/x.png" onerror="alert(1)">'


@pytest.fixture
def db():
    database = store(
        Doc("d2016", "2016-05-13", [
            ("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))]),
            (f"Iran sued Russia {EVIL} over the contract.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued", contexts=("legal",))]),
            ("Iran said Russia backed it.", [Ev("SUPPORT", ("RUS",), ("IRN",), "backed", modality="reported")]),
        ], title=f"Deal {EVIL}", publisher="Wire <b>", url="https://example.org/a?x=<script>"),
        Doc("d2020", "2020-09-12", [
            ("Russia vetoed resolutions against Iran.", [Ev("SUPPORT", ("RUS",), ("IRN",), "vetoed", contexts=("diplomatic",))]),
            ("Iran, Russia and China held a naval drill.", [Ev("COOPERATE", ("IRN", "RUS", "CHN"), (), "naval drill", date="2019-12")]),
        ], quotes=[("Russia and Iran are strategic partners", "IRN"), ("Russia will stand by Iran", "RUS"),
                   ("China welcomes trade", "CHN")]),
        Doc("undated", None, [("Iran thanked Russia.", [Ev("SUPPORT", ("IRN",), ("RUS",), "thanked")]),
                              ("Russia once seized Iranian lands.", [Ev("ASSAULT", ("RUS",), ("IRN",), "seized", date="18XX")])]),
    )
    yield database
    database.close()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
            if k == "id":
                self.ids.add(v)


def _parse(html):
    c = _Collector()
    c.feed(html)
    return c


def test_report_build_contents(db):
    r = build_report(db, "IRN", "RUS", by="year")
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    json.loads(render_json(r), parse_constant=refuse)  # serialisable, strict (no NaN for empty periods)
    assert r["summary"]["n_counted"] == 6 and r["summary"]["modality_counts"]["reported"] == 1
    assert [e["date"] for e in r["events"]][0] == "18XX" and r["events"][-1]["date"] is None
    assert {row["period"] for row in r["series"]} == {"18XX", "2016", "2017", "2018", "2019", "2020", "undated"}
    assert [e["modality"] for e in r["events"]].count("reported") == 1
    accuse = next(e for e in r["events"] if e["event_type"] == "ACCUSE")
    assert accuse["evidence"]["span"] == "sued" and accuse["evidence"]["before"] == "Iran "
    assert accuse["direction"] == "IRN->RUS" and accuse["links"][0]["anchor"].startswith("doc-")
    # quotations about the pair, by speaker (with the speaker's country); the China-only quote is left out
    assert [(g["speaker"], g["country"], g["country_name"], len(g["quotes"])) for g in r["quotes"]] == [
        ("Spokesman", "IRN", "Iran", 1), ("Spokesman", "RUS", "Russia", 1)]
    assert accuse["source"] == [{"name": "Iran", "code": "IRN"}] and accuse["target"] == [{"name": "Russia", "code": "RUS"}]
    assert {d["doc_id"] for d in r["documents"]} == {"d2016", "d2020", "undated"}
    periods = {row["period"]: row for row in r["series"] if row["direction"] == "combined"}
    assert periods["2020"]["net_cooperation"] > periods["2016"]["net_cooperation"]


def test_report_escapes_document_text(db):
    html = render_html(build_report(db, "IRN", "RUS"))
    parsed = _parse(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a[1].startswith("on")]
    assert html.count("&lt;script&gt;") >= 3  # evidence, title, document text
    assert "Wire &lt;b&gt;" in html


def test_report_is_self_contained(db):
    html = render_html(build_report(db, "IRN", "RUS"))
    parsed = _parse(html)
    external = [(t, k, v) for t, k, v in parsed.attrs if k in ("src", "href", "xlink:href", "action", "data") and not v.startswith("#")]
    # the only links out are the documents' own http(s) URLs, followed only when clicked, without a referrer
    assert external == [("a", "href", "https://example.org/a?x=<script>")]
    assert 'rel="noreferrer noopener"' in html
    assert "link" not in parsed.tags and "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!#)", html)  # SVG clip paths refer to ids in the page only
    assert html.count("<svg") == 2
    # every in-page link (and SVG reference) has a target, and every id is used once
    targets = re.findall(r'href="#([^"]+)"', html) + re.findall(r"url\(#([^)]+)\)", html)
    assert targets and not [t for t in targets if t not in parsed.ids]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_report_without_events_still_renders(db):
    html = render_html(build_report(db, "USA", "TUR"))
    assert "No asserted events between USA and TUR" in html and "<svg" not in html


def test_report_overlapping_marks_and_split_quotes_keep_every_anchor():
    from dyadscope.report.build import _segments

    text = "Iran and Russia signed a deal in Moscow today."
    segs = _segments(text, [(0, 15, "a"), (9, 22, "b"), (9, 15, "c"), (30, 30, "empty"), (40, 99, "end"), (0, 4, "a")])
    assert "".join(s["text"] for s in segs) == text
    ids = [i for s in segs for i in s["ids"]]
    assert sorted(ids) == ["a", "b", "c", "empty", "end"]  # each once, overlaps and empty spans included
    assert [s["mark"] for s in segs if s["text"] == " signed"] == [True]


def test_report_split_quotation_and_charts_write_each_id_once():
    database = store(Doc("q", "2018-02-01", [("Russia sold arms to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")]),
                                             ("Iran thanked Russia.", [Ev("SUPPORT", ("IRN",), ("RUS",), "thanked")])],
                         quotes=[("Russia and Iran are friends", "IRN")]))
    # split the quotation into two content spans, as a quote interrupted by its cue is stored
    database.con.execute("UPDATE quotes SET content_spans = [[start + 1, start + 7], [start + 8, start + 28]]")
    html = render_html(build_report(database, "IRN", "RUS"))
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert not [t for t in re.findall(r'href="#([^"]+)"', html) if t not in set(ids)]
    assert html.count("-q-0\"") == 2  # the quotation's anchor once, and the one link to it


def test_report_timeline_axis_has_gap_years_and_a_coarse_strip(db):
    from dyadscope.report.charts import timeline_data

    data = timeline_data(build_report(db, "IRN", "RUS", by="year")["series"])
    assert [r["period"] for r in data["timeline"]] == ["2016", "2017", "2018", "2019", "2020"]
    assert [r["n_events"] for r in data["timeline"]][1:3] == [0, 0]  # the gap years drawn as zero
    assert [r["period"] for r in data["strip"]] == ["18XX", "undated"]  # not next to 2016 on the axis
    html = render_html(build_report(db, "IRN", "RUS", by="year"))
    assert "(coarser date)" in html and "pub. dated" in html


def test_report_date_basis_and_publication_counts(db):
    r = build_report(db, "IRN", "RUS", by="year")
    pub = {row["period"]: row["publication_dated"] for row in r["series"] if row["direction"] == "combined"}
    assert pub["2016"] == 2 and pub["2019"] == 0  # the 2016 events have no date of their own
    assert r["summary"]["n_publication_dated"] >= 2
    text_only = build_report(db, "IRN", "RUS", by="year", date_basis="text")
    assert {row["period"] for row in text_only["series"]} == {"18XX", "2019"}


def _chromium_follows_every_link(page_path) -> tuple[int, list[str]]:
    """Open the page in headless Chromium and follow every in-page link; return (links, broken)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(page_path.as_uri())
            hrefs = page.eval_on_selector_all(
                "[href^='#'], [*|href^='#']",
                "els => els.map(e => e.getAttribute('href') || e.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))",
            )
            broken = []
            for href in dict.fromkeys(hrefs):
                page.goto(page_path.as_uri() + href)
                if not page.evaluate("h => { const t = document.getElementById(decodeURIComponent(h.slice(1)));"
                                     " return !!t && document.querySelector(':target') === t; }", href):
                    broken.append(href)
            assert not errors, errors
            return len(hrefs), broken
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_report_every_in_page_link_resolves_in_chromium(db, tmp_path):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    page = tmp_path / "report.html"
    write_report(db, "IRN", "RUS", page, by="year")
    n, broken = _chromium_follows_every_link(page)
    assert n > 10 and broken == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_report_renders_in_headless_chromium(db, tmp_path):
    page = tmp_path / "report.html"
    write_report(db, "IRN", "RUS", page, by="year")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0"]
    profile = tempfile.mkdtemp()
    try:
        shot = tmp_path / "shot.png"
        run = subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--window-size=1280,2000",
                              f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
        assert shot.exists() and shot.stat().st_size > 10_000, run.stderr[-2000:]
        dom = subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    text = dom.stdout
    assert "IRN and RUS: what the evidence says" in text
    assert "Quotations about IRN and RUS" in text and "strategic partners" in text
    assert "<title>IRN – RUS: dyadscope report</title>" in text  # the injected script did not retitle the page
    parsed = _parse(text)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert [(t, k, v) for t, k, v in parsed.attrs if k in ("src", "xlink:href") and not v.startswith("#")] == []
    logs = run.stderr + dom.stderr
    assert "CONSOLE" not in logs and "Uncaught" not in logs, logs[-2000:]
    assert not re.search(r"Refused to (?:load|execute)", logs), logs[-2000:]
