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
    json.loads(render_json(r))  # serialisable
    assert r["summary"]["n_counted"] == 6 and r["summary"]["modality_counts"]["reported"] == 1
    assert [e["date"] for e in r["events"]][0] == "18XX" and r["events"][-1]["date"] is None
    assert {row["period"] for row in r["series"]} == {"18XX", "2016", "2019", "2020", "undated"}
    assert [e["modality"] for e in r["events"]].count("reported") == 1
    accuse = next(e for e in r["events"] if e["event_type"] == "ACCUSE")
    assert accuse["evidence"]["span"] == "sued" and accuse["evidence"]["before"] == "Iran "
    assert accuse["direction"] == "IRN->RUS" and accuse["links"][0]["anchor"].startswith("doc-")
    # quotations about the pair, grouped by speaker's country; the China-only quote is left out
    assert [(g["country"], len(g["quotes"])) for g in r["quotes"]] == [("IRN", 1), ("RUS", 1)]
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
    assert external == []
    assert "link" not in parsed.tags and "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!#)", html)  # SVG clip paths refer to ids in the page only
    assert html.count("<svg") == 2
    # every in-page link has a target
    for t, k, v in parsed.attrs:
        if k == "href":
            assert v[1:] in parsed.ids, v


def test_report_without_events_still_renders(db):
    html = render_html(build_report(db, "USA", "TUR"))
    assert "No asserted events between USA and TUR" in html and "<svg" not in html


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
    assert [(t, k, v) for t, k, v in parsed.attrs if k in ("src", "href", "xlink:href") and not v.startswith("#")] == []
    logs = run.stderr + dom.stderr
    assert "CONSOLE" not in logs and "Uncaught" not in logs, logs[-2000:]
    assert not re.search(r"Refused to (?:load|execute)", logs), logs[-2000:]
