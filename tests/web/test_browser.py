"""The app in a real browser: Debian's chromium driven by Playwright (never a downloaded browser).

Every page is loaded and every link followed; a filter, a search and an upload are done as a
person would; no console error, no dialog, and no request to anything but 127.0.0.1; two clicks
lead from a timeline bar to the evidence sentences behind it; a judgement of the relationship leads
to its place in its document. Skips without /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from dyadscope.store import Database
from dyadscope.web import create_app
from dyadscope.web.server import BackgroundServer
from dyadscope.web.urls import tilde_encode

from .helpers import EVIL_ID, make_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


class Watch:
    """What a page did that it should not: console errors, uncaught errors, dialogs, and
    requests to any host but 127.0.0.1 (aborted before they leave)."""

    def __init__(self, context):
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        return page

    def assert_clean(self):
        assert self.errors == [] and self.outside == [] and self.dialogs == [], (self.errors, self.outside, self.dialogs)


@pytest.fixture(scope="module")
def browser_context():
    profile = tempfile.mkdtemp(prefix="dyadscope-chromium-")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True, args=ARGS,
                                                       viewport={"width": 1280, "height": 1000})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def server(nlp, kb):
    from dyadscope.batch import Engine

    db = make_store()
    app = create_app(db, engine=Engine(nlp=nlp, kb=kb))
    with BackgroundServer(app) as s:
        yield s
    db.close()


@pytest.fixture
def page(browser_context):
    watch = Watch(browser_context)
    pg = watch.attach(browser_context.new_page())
    pg.watch = watch
    yield pg
    pg.close()
    browser_context.unroute("**/*")


def _shape(url: str) -> tuple:
    """The page type of a link (first path segment) and its parameter names: links that differ
    only in ids or values (sort=date / sort=type, /documents/a / /documents/b) are one shape."""
    parts = urlsplit(url)
    return parts.path.split("/")[1], tuple(sorted({kv.split("=")[0] for kv in parts.query.split("&") if kv}))


def _status(url: str) -> int:
    """The HTTP status of a GET (urllib: the standard library, no client package needed)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def test_browser_every_page_and_link(server, page):
    """One page of every shape is loaded in the browser; of the other links found, one per path
    and set of parameter names is fetched (sort=date and sort=type are one)."""
    start = server.url
    queue, seen, links = [start, urljoin(start, f"documents/{tilde_encode(EVIL_ID)}")], set(), set()
    while queue:
        url = queue.pop(0)
        if _shape(url) in seen:
            continue
        seen.add(_shape(url))
        response = page.goto(url)
        assert response.status < 400, url
        assert page.title() != "pwned", url  # the escaped title shows the markup as text
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urljoin(page.url, href).split("#")[0]
            parts = urlsplit(target)
            if parts.hostname != "127.0.0.1":
                assert parts.scheme in ("http", "https"), href  # a document's own link, never javascript:
                continue
            links.add((parts.path, _shape(target)[1], target))
            if _shape(target) not in seen:
                queue.append(target)
    assert len(seen) >= 15, seen
    one_each = {(path, keys): url for path, keys, url in sorted(links)}
    broken = [(u, status) for u in one_each.values() if (status := _status(u)) >= 400]
    assert broken == [] and len(one_each) > 60, (broken, len(one_each))
    page.watch.assert_clean()


def test_browser_two_clicks_from_a_bar_to_its_evidence(server, page):
    page.goto(urljoin(server.url, "dyads/IRN/RUS"))
    page.click('a.bar-link[data-period="2016"][data-quad="2"]')  # click 1: the 2016 material-cooperation bar
    page.wait_for_url("**/dyads/IRN/RUS?period=2016&quad=2#events")
    rows = page.locator("#event-table tbody tr")
    assert rows.count() == 1
    assert "Russia sold missiles to Iran." in rows.first.inner_text()  # the evidence sentence, already on screen
    rows.first.locator("a.evidence-link").click()  # click 2: every document reporting it
    page.wait_for_url("**/events/ev-*")
    evidence = page.locator("blockquote.evidence-sentence").all_inner_texts()
    assert evidence == ["Russia sold missiles to Iran.", "Russia sold missiles to Iran last week."]
    page.watch.assert_clean()


def test_browser_from_a_judgement_to_its_document(server, page):
    page.goto(urljoin(server.url, "dyads/IRN/RUS"))
    assert page.locator("#assessments").is_visible() and page.locator("#assessment-counts tbody tr").count() == 6
    page.check('#assessment-filters input[name=polarity][value=negative]')  # the section's own filter
    page.click("#apply-assessment-filters")
    page.wait_for_url("**polarity=negative*#judgements")
    (judgement,) = page.locator("blockquote.judgement").all()
    assert "Relations between Iran and Russia remain uneasy" in judgement.inner_text()
    judgement.locator("a.judgement-link").click()  # to the document, the judgement marked in its text
    page.wait_for_url("**/documents/d2016#as-0")
    marked = "".join(page.locator(".doctext .assessment").all_text_contents())  # cut at the mentions inside it
    assert marked == "Relations between Iran and Russia remain uneasy"
    assert "negative" in page.locator("#as-0-entry").inner_text()
    page.watch.assert_clean()


def test_browser_apply_a_filter(server, page):
    page.goto(urljoin(server.url, "dyads/IRN/RUS"))
    page.uncheck('input[name=modality][value=asserted]')
    page.check('input[name=modality][value=reported]')
    page.click("#apply-filters")
    page.wait_for_url("**modality=reported**")
    modalities = page.locator("#event-table tbody .modality").all_inner_texts()
    assert modalities == ["reported"]
    assert "Iran said Russia backed it." in page.locator("#event-table").inner_text()
    page.click('#event-table th a:has-text("type")')  # sort by a column
    assert "sort=type" in page.url
    page.watch.assert_clean()


def test_browser_run_a_search(server, page):
    page.goto(server.url)
    page.fill('header input[name=q]', "missiles")
    page.press('header input[name=q]', "Enter")
    page.wait_for_url("**/search?q=missiles")
    assert page.locator(".result").count() == 2 and page.locator(".hit").count() >= 2
    page.locator("a.result-link").first.click()
    page.wait_for_url("**/documents/d2016")
    page.watch.assert_clean()


def test_browser_upload_a_file(server, page, tmp_path):
    good = tmp_path / "chile-peru.txt"
    good.write_text("Chile and Peru signed a fisheries agreement on Monday, the foreign ministry said.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    page.goto(urljoin(server.url, "upload"))
    page.set_input_files("#u-files", [str(good), str(empty)])
    page.click("#upload-submit")
    page.wait_for_url("**/uploads/*")
    playwright_api.expect(page.locator("#job-state")).to_have_text("done", timeout=120_000)
    assert "error: empty.txt: empty file" in page.locator("ul.errors").inner_text()
    page.click("a.new-doc")
    page.wait_for_url("**/documents/chile-peru")
    assert "fisheries agreement" in page.locator(".doctext").inner_text()
    page.watch.assert_clean()


def test_browser_screenshot(server, page, tmp_path):
    """A screenshot of a dyad page; DYADSCOPE_SCREENSHOT=FILE (and DYADSCOPE_SCREENSHOT_DB=a
    store, e.g. the demo's) writes the README's picture."""
    target = Path(os.environ.get("DYADSCOPE_SCREENSHOT") or tmp_path / "dyad.png")
    page.set_viewport_size({"width": 1280, "height": 1500})
    url = urljoin(server.url, "dyads/IRN/RUS")
    other = os.environ.get("DYADSCOPE_SCREENSHOT_DB")
    if other:
        db = Database(other, read_only=True)
        with BackgroundServer(create_app(db, read_only=True, db_label=Path(other).name)) as demo:
            page.goto(urljoin(demo.url, "dyads/IRN/RUS?by=year"))
            page.screenshot(path=str(target), full_page=False)
        db.close()
    else:
        page.goto(url)
        page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 20_000
    page.watch.assert_clean()
