"""The public export format: one JSON object per record, each with ``kind`` (see README)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from ..records import ArticleResult, Assessment, Event, Failure, Mention, Quote, actor_dict

KINDS = ("document", "mention", "quote", "event", "assessment")


def document_record(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {
        "kind": "document",
        "doc_id": a.doc_id,
        "source_path": a.source_path,
        "title": a.title,
        "date": a.date,
        "author": a.author,
        "publisher": a.publisher,
        "url": a.url,
        "text": a.text,
    }


def mention_record(doc_id: str, m: Mention) -> dict[str, Any]:
    return {
        "kind": "mention",
        "doc_id": doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "name": m.name,
        "code": m.code,
        "country": m.country,
        "sector": m.sector,
        "mention_kind": m.kind,
        "antecedent": m.antecedent,
        "members": [asdict(x) for x in m.members],
        "former": m.former,
        "state_owned": m.state_owned,
        "rule": m.rule,
    }


def quote_record(doc_id: str, q: Quote) -> dict[str, Any]:
    return {
        "kind": "quote",
        "doc_id": doc_id,
        "quote_type": q.quote_type,
        "content": q.content,
        "content_spans": [list(s) for s in q.content_spans],
        "cue": q.cue,
        "speaker": actor_dict(q.speaker),
        "start": q.start,
        "end": q.end,
        "cue_start": q.cue_start,
        "cue_end": q.cue_end,
        "rule": q.rule,
    }


def event_record(doc_id: str, e: Event) -> dict[str, Any]:
    return {
        "kind": "event",
        "doc_id": doc_id,
        "event_type": e.event_type,
        "mode": e.mode,
        "contexts": list(e.contexts),
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "source": [actor_dict(a) for a in e.source],
        "target": [actor_dict(a) for a in e.target],
        "date": e.date,
        "date_basis": e.date_basis,
        "modality": e.modality,
        "speaker": actor_dict(e.speaker),
        "sentence": e.sentence,
        "start": e.start,
        "end": e.end,
        "confidence": e.confidence,
        "rule": e.rule,
        "mentions": [list(s) for s in e.mentions],
        "resolved": e.resolved,
    }


def assessment_record(doc_id: str, a: Assessment) -> dict[str, Any]:
    """An assessment; its ``quote`` is the quotation it sits in, as in a quote record (no kind/doc_id)."""
    quote = None
    if a.quote is not None:
        quote = {k: v for k, v in quote_record(doc_id, a.quote).items() if k not in ("kind", "doc_id")}
    return {
        "kind": "assessment",
        "doc_id": doc_id,
        "dyad": list(a.dyad),
        "polarity": a.polarity,
        "holder": actor_dict(a.holder),
        "start": a.start,
        "end": a.end,
        "sentence": a.sentence,
        "aspects": list(a.aspects),
        "quote": quote,
        "confidence": a.confidence,
        "rule": a.rule,
    }


def export_records(result: ArticleResult) -> Iterator[dict[str, Any]]:
    """The export records of one article: its document, then mentions, quotes, events and assessments.

    Raises:
        TypeError: for a :class:`~dyadscope.records.Failure` (an input that could not be read),
            which has no records; check ``isinstance(result, Failure)`` first.
    """
    if isinstance(result, Failure):
        raise TypeError(f"export_records takes an ArticleResult, not a Failure ({result.source}: {result.reason}); "
                        "skip failures with `if isinstance(result, Failure): continue`")
    doc_id = result.article.doc_id
    yield document_record(result)
    for m in result.mentions:
        yield mention_record(doc_id, m)
    for q in result.quotes:
        yield quote_record(doc_id, q)
    for e in result.events:
        yield event_record(doc_id, e)
    for a in result.assessments:
        yield assessment_record(doc_id, a)
