"""Hand-made stores for analysis and report tests: our own short sentences, no pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from dyadscope.records import Actor, Article, ArticleResult, Event, Mention, Quote

QUADS = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
         "SANCTION": 4, "ASSAULT": 4, "MOBILIZE": 4}
CAMEO = {"AGREE": ("030", 4.0), "CONSULT": ("040", 1.0), "SUPPORT": ("051", 3.4), "COOPERATE": ("061", 6.4),
         "AID": ("072", 8.3), "ACCUSE": ("112", -2.0), "REJECT": ("120", -4.0), "THREATEN": ("138", -7.0),
         "SANCTION": ("163", -8.0), "ASSAULT": ("190", -10.0), "MOBILIZE": ("150", -7.2)}
NAMES = {"IRN": "Iran", "RUS": "Russia", "USA": "United States", "CHN": "China", "SYR": "Syria", "TUR": "Turkey"}


@dataclass
class Ev:
    """One event to place in a sentence: ``trigger`` is the word the event span covers."""

    event_type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: str
    date: str | None = None
    modality: str = "asserted"
    contexts: tuple[str, ...] = ()
    quad_class: int | None = -1  # -1: take it from QUADS


@dataclass
class Doc:
    doc_id: str
    date: str | None
    sentences: list[tuple[str, list[Ev]]]
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    quotes: list[tuple[str, str | None]] = field(default_factory=list)  # (quoted sentence, speaker country)


def _actor(country: str, text: str, start: int) -> Actor:
    if country.startswith("~"):  # "~gunmen": an actor the text names but nothing resolves
        return Actor(text=country[1:], name=None, code=None, country=None, sector=None, start=start, end=start + 1)
    return Actor(text=text, name=NAMES.get(country, country), code=country, country=country, sector=None, start=start, end=start + len(text))


def build(doc: Doc) -> ArticleResult:
    """An ArticleResult whose events and quotes point at real offsets of the built text."""
    text = ""
    sentences, events, quotes, mentions = [], [], [], []
    for sentence, evs in doc.sentences:
        start = len(text)
        text += sentence + " "
        sentences.append((start, start + len(sentence)))
        for name_country, name in NAMES.items():
            i = sentence.find(name)
            if i >= 0:
                mentions.append(Mention(start + i, start + i + len(name), name, name, name_country, name_country, None, "state"))
        for ev in evs:
            t = sentence.index(ev.trigger) + start
            cameo, gold = CAMEO[ev.event_type]
            quad = QUADS[ev.event_type] if ev.quad_class == -1 else ev.quad_class
            events.append(
                Event(
                    event_type=ev.event_type, mode=None, contexts=ev.contexts, cameo=cameo, goldstein=gold, quad_class=quad,
                    source=tuple(_actor(c, NAMES.get(c, c), start) for c in ev.source),
                    target=tuple(_actor(c, NAMES.get(c, c), start) for c in ev.target),
                    date=ev.date, date_basis="text" if ev.date else "publication", modality=ev.modality, speaker=None,
                    sentence=sentence, start=t, end=t + len(ev.trigger), confidence=0.8, rule="test.v1",
                    resolved=bool(ev.source) and not any(c.startswith("~") for c in ev.source + ev.target),
                )
            )
    for content, country in doc.quotes:
        start = len(text)
        quoted = f"\u201c{content}\u201d a spokesman said."
        text += quoted + " "
        sentences.append((start, start + len(quoted)))
        cs = start + 1
        for name_country, name in NAMES.items():
            i = content.find(name)
            if i >= 0:
                mentions.append(Mention(cs + i, cs + i + len(name), name, name, name_country, name_country, None, "state"))
        speaker = None if country is None else Actor("a spokesman", "Spokesman", country + "GOV", country, "GOV", start, start + 5)
        quotes.append(Quote("direct", content, ((cs, cs + len(content)),), "said", speaker, start, start + len(quoted), rule="test.v1"))
    mentions.sort(key=lambda m: m.start)
    text = text.rstrip()
    article = Article(doc_id=doc.doc_id, text=text, date=doc.date, title=doc.title, publisher=doc.publisher, url=doc.url,
                      source_path=f"{doc.doc_id}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest())
    return ArticleResult(article=article, sentences=tuple(sentences), mentions=tuple(mentions), quotes=tuple(quotes), events=tuple(events))


def store(*docs: Doc):
    from dyadscope.store import Database

    db = Database(memory=True)
    db.write_results([build(d) for d in docs])
    return db
