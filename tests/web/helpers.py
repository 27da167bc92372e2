"""Stores and clients for the web tests: hand-made records (no pipeline), hostile metadata."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from html.parser import HTMLParser

from dyadscope.batch import Engine
from dyadscope.records import Actor, ArticleResult, Assessment
from dyadscope.store import Database

from ..analysis.synthetic import Doc, Ev, build

SCRIPT = '<script>document.title="pwned"</script>'
IMG = '<img src="https://tracker.example/x.png" onerror="alert(1)">'
EVIL_ID = 'x"><script>alert(1)</script>'
EVIL_ACTOR = '<svg onload=alert(1)>Ruritania'
#: Who holds the hostile document's judgement: markup in its text, name and code.
EVIL_HOLDER = Actor('<img src=x onerror=alert(4)>', '<b onmouseover=alert(5)>Analyst</b>', 'RUS"><script>', "RUS", None, 0, 6)


def _evil(result: ArticleResult) -> ArticleResult:
    """The document with hostile metadata and an actor whose name is markup."""
    article = replace(result.article, doc_id=EVIL_ID, title=f"Deal {SCRIPT}", author=f"A. Writer {IMG}",
                      publisher="Wire <b onmouseover=alert(1)>", url="javascript:alert(document.cookie)")
    bad = Actor('"><img src=x onerror=alert(2)>', EVIL_ACTOR, 'RUS"><script>', "RUS", None, 0, 6)
    events = tuple(replace(e, source=(bad,)) for e in result.events)
    return replace(result, article=article, events=events)


def _assessed(result: ArticleResult, *judgements: tuple) -> ArticleResult:
    """``result`` with relationship assessments, each ``(phrase, dyad, polarity, holder, aspects,
    quote index)``: the judgement is the first occurrence of ``phrase`` in the text; a quotation's
    speaker holds it unless ``holder`` is given."""
    text, out = result.article.text, []
    for phrase, dyad, polarity, holder, aspects, quote in judgements:
        start = text.index(phrase)
        sentence = next(text[s:e] for s, e in result.sentences if s <= start < e)
        q = result.quotes[quote] if quote is not None else None
        out.append(Assessment(tuple(sorted(dyad)), polarity, holder or (q.speaker if q else None), start, start + len(phrase),
                              sentence, aspects, q, 0.7, "assessments.anchor.relation_noun.v1"))
    return replace(result, assessments=tuple(out))


def docs() -> list[ArticleResult]:
    """Events 2016 (two reports of one sale, merged), 2019 (none in 2017-18), 2020, an undated
    document with an 18XX event, quotations, relationship assessments (IRN-RUS: negative and
    positive in 2016, mixed and positive in 2020; IRN-USA: negative), and a hostile document."""
    results = [
        _assessed(build(Doc("d2016", "2016-05-13", [
            ("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))]),
            ("Iran sued Russia over the contract.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued", contexts=("legal",))]),
            ("Iran said Russia backed it.", [Ev("SUPPORT", ("RUS",), ("IRN",), "backed", modality="reported")]),
            ("Relations between Iran and Russia remain uneasy.", []),
        ], title="Russia sells missiles to Iran", publisher="Wire A", url="https://example.org/a")),
            ("Relations between Iran and Russia remain uneasy", ("IRN", "RUS"), "negative", None, ("general",), None)),
        build(Doc("d2016b", "2016-05-14", [
            ("Russia sold missiles to Iran last week.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))]),
        ], title="Missile sale confirmed", publisher="Wire B")),
        build(Doc("d2019", "2019-12-27", [
            ("Iran, Russia and China held a naval drill.", [Ev("COOPERATE", ("IRN", "RUS", "CHN"), (), "naval drill")]),
        ], title="Naval drill")),
        _assessed(build(Doc("d2020", "2020-09-12", [
            ("Russia vetoed resolutions against Iran.", [Ev("SUPPORT", ("RUS",), ("IRN",), "vetoed", contexts=("diplomatic",))]),
            ("The United States sanctioned Iran.", [Ev("SANCTION", ("USA",), ("IRN",), "sanctioned")]),
            ("Ties between Russia and Iran look close but wary, while Iran and the United States stay bitter foes.", []),
        ], title="Veto", quotes=[("Russia and Iran are strategic partners", "IRN"), ("Russia will stand by Iran", "RUS"),
                                 ("China welcomes trade", "CHN"), ("Iran and Russia will meet again", None)])),
            ("Ties between Russia and Iran look close but wary", ("RUS", "IRN"), "mixed", None, ("trust",), None),
            ("Iran and the United States stay bitter foes", ("USA", "IRN"), "negative", None, ("general",), None),
            ("Russia and Iran are strategic partners", ("IRN", "RUS"), "positive", None, ("alliance",), 0)),
        build(Doc("undated", None, [("Russia once seized Iranian lands.", [Ev("ASSAULT", ("RUS",), ("IRN",), "seized", date="18XX")])])),
    ]
    hostile = build(Doc("evil", "2016-05-20", [
        (f"Russia praised Iran {SCRIPT} {IMG} javascript:alert(3) for the deal.",
         [Ev("SUPPORT", ("RUS",), ("IRN",), "praised", contexts=("diplomatic",))]),
    ], quotes=[(f"Iran and Russia {SCRIPT} agree", "RUS")]))
    hostile = _assessed(hostile, (f"Iran and Russia {SCRIPT} agree", ("IRN", "RUS"), "positive", EVIL_HOLDER, ("general",), 0))
    results.append(_evil(hostile))
    return results


def make_store() -> Database:
    db = Database(memory=True)
    db.write_results(docs())
    return db


def client(app):
    from starlette.testclient import TestClient

    return TestClient(app, base_url="http://127.0.0.1")


def simple_result(doc_id: str, text: str, date: str = "2021-03-01") -> ArticleResult:
    from dyadscope.records import Article

    return ArticleResult(Article(doc_id, text, date=date, content_hash=hashlib.sha256(text.encode()).hexdigest()))


class GatedEngine(Engine):
    """An :class:`dyadscope.batch.Engine` without the pipeline: each article becomes a
    record-less result, but only once :attr:`gate` is set, so a test can look at the app while
    an ingest is running."""

    def __init__(self):
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Event()

    def process(self, articles, batch_size=32):
        self.entered.set()
        if not self.gate.wait(30):
            raise TimeoutError("the test never opened the gate")
        for a in articles:
            yield ArticleResult(a)


class Markup(HTMLParser):
    """Tags, attributes and ids of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.attrs, self.ids = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
            if k == "id":
                self.ids.append(v)

    def links(self) -> list[str]:
        return [v for t, k, v in self.attrs if k in ("href", "src", "action", "xlink:href")]
