"""``build_report(db, a, b, **filters) -> dict``: everything the dyad report shows, as plain data."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from datetime import datetime, timezone

from ..settings import VERSION
from ..store import queries
from ..analysis import Dataset
from ..analysis.countries import country_name
from ..analysis.frames import quotes_about
from ..analysis.series import check_country, directions, filter_date_basis, parse_date_bases, store_countries
from ..records import MODALITIES
from .assessments import assessment_doc_ids, build_assessments

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _clean(value):
    """JSON-safe scalars: NaN -> None, numpy numbers -> Python numbers."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    return value


def _records(df) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in df.to_dict("records")]


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """``text`` cut at every mark boundary; ``spans`` are ``(start, end, anchor)`` and may overlap.

    Each piece is ``{"text", "mark", "ids"}``: ``mark`` when some span covers it, ``ids`` the
    anchors of the spans that start there (so every anchor exists exactly once, overlapping or
    empty spans included).
    """
    n = len(text)
    clean = sorted({(max(0, min(s, n)), max(0, min(max(e, s), n)), a) for s, e, a in spans}, key=lambda x: (x[0], x[1], x[2]))
    seen: set[str] = set()
    unique = []
    for s, e, a in clean:
        if a not in seen:
            seen.add(a)
            unique.append((s, e, a))
    cuts = sorted({0, n, *(s for s, _, _ in unique), *(e for _, e, _ in unique)})
    starts: dict[int, list[str]] = defaultdict(list)
    for s, _, a in unique:
        starts[s].append(a)
    out = []
    for lo, hi in zip(cuts, cuts[1:] + [None]):
        ids = starts.pop(lo, [])
        if hi is None:
            if ids:
                out.append({"text": "", "mark": False, "ids": ids})
            break
        covered = any(s <= lo and hi <= e and s < e for s, e, _ in unique)
        if text[lo:hi] or ids:
            out.append({"text": text[lo:hi], "mark": covered, "ids": ids})
    return out


def _actor_labels(names, codes, countries) -> list[dict]:
    return [{"name": n or c or k or "?", "code": c or k} for n, c, k in zip(names, codes, countries)]


def _link(url) -> str | None:
    """A document URL the page may link to: http(s) only, never ``javascript:`` or ``data:``."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def build_report(db, a: str, b: str, *, by: str = "year", dedup: bool = True, date_basis=None) -> dict:
    """The dyad report of ``a`` and ``b`` as a JSON-serialisable dict.

    Args:
        db: An open :class:`~dyadscope.store.Database`.
        a, b: ISO alpha-3 country codes.
        by: Timeline period (``month``, ``quarter``, ``year``).
        dedup: Merge the same event reported by several documents (docs/analysis.md).
        date_basis: Count only events dated by ``text``, ``relative`` and/or ``publication``.

    Returns:
        ``summary``, ``series`` (asserted events, per period and direction), ``other_modalities``
        (the same for each other modality present), ``by_type``/``by_context`` counts,
        ``events`` (every modality, each with its evidence cut into ``before``/``span``/``after``
        and links to the documents reporting it), ``quotes`` grouped by speaker country,
        ``assessments`` (judgements of the relationship per period and by holder country, see
        :mod:`.assessments`), and ``documents`` with their metadata and text cut into segments
        with the events, quotations and judgements marked.
    """
    ds = Dataset(db)
    bases = parse_date_bases(date_basis)
    known = store_countries(ds.event_table(dedup))
    a, b = check_country(a, known), check_country(b, known)
    dyad = filter_date_basis(ds.dyad_events(a, b, dedup=dedup), bases)
    series = ds.dyad_series(a, b, by=by, modality="asserted", dedup=dedup, date_basis=bases)
    counts = dyad["modality"].value_counts().to_dict() if len(dyad) else {}
    counts = {m: int(counts.get(m, 0)) for m in MODALITIES}
    others = {m: n for m, n in counts.items() if n and m != "asserted"}
    other_series = ds.dyad_series(a, b, by=by, modality=list(others), dedup=dedup, date_basis=bases, fill=False) if others else None

    docs = {r["doc_id"]: r for r in queries.documents_in_date_order(db)}
    sentences = queries.sentence_spans(db)
    mention_rows = queries.event_spans(db)

    pair = {a, b}
    about = _records(quotes_about(ds.quotes(), a, b))
    relevant_docs = set(dyad["doc_ids"].explode().dropna()) if len(dyad) else set()
    relevant_docs |= {q["doc_id"] for q in about}
    relevant_docs |= assessment_doc_ids(ds, a, b)
    doc_order = [d for d in docs if d in relevant_docs]
    doc_anchor = {d: f"doc-{i + 1}" for i, d in enumerate(doc_order)}

    events, marks = [], defaultdict(list)
    for ev in dyad.to_dict("records"):
        ev = {k: _clean(v) for k, v in ev.items()}
        links = []
        for doc_id, index in ev["members"]:
            anchor = f"{doc_anchor[doc_id]}-ev-{index}"
            span = mention_rows.get((doc_id, index))
            if span:
                marks[doc_id].append((span[0], span[1], anchor))
            links.append({"doc_id": doc_id, "anchor": anchor, "title": docs[doc_id]["title"] or doc_id})
        text = docs[ev["doc_id"]]["text"]
        start, end = int(ev["start"]), int(ev["end"])
        bounds = sentences.get(ev["doc_id"], [])
        k = bisect.bisect_right(bounds, (start, math.inf)) - 1
        if 0 <= k < len(bounds) and bounds[k][0] <= start and end <= bounds[k][1]:
            s0, s1 = bounds[k]
            evidence = {"before": text[s0:start], "span": text[start:end], "after": text[end:s1]}
        else:
            sentence = ev["sentence"] or ""
            span = text[start:end]
            i = sentence.find(span) if span else -1
            evidence = ({"before": sentence[:i], "span": span, "after": sentence[i + len(span):]} if i >= 0
                        else {"before": sentence, "span": "", "after": ""})
        quad = ev["quad_class"]
        quad = int(quad) if quad is not None else None
        events.append({
            "event_id": ev["event_id"], "date": ev["effective_date"],
            "date_source": ev["dated_by"],
            "direction": ev["direction"], "event_type": ev["event_type"], "mode": ev["mode"],
            "modality": ev["modality"], "quad_class": quad, "quad_name": QUAD_NAMES.get(quad, ""),
            "goldstein": ev["goldstein"], "cameo": ev["cameo"], "contexts": list(ev["contexts"]),
            "source": _actor_labels(ev["source_names"], ev["source_codes"], ev["source_countries"]),
            "target": _actor_labels(ev["target_names"], ev["target_codes"], ev["target_countries"]),
            "evidence": evidence, "links": links, "num_mentions": int(ev["num_mentions"]),
            "num_articles": int(ev["num_articles"]),
        })
    events.sort(key=lambda e: ((e["date"] or "9999").upper().replace("X", "0"),
                               MODALITIES.index(e["modality"]) if e["modality"] in MODALITIES else 9))

    by_speaker: dict[tuple, list[dict]] = defaultdict(list)
    for q in about:
        if q["doc_id"] not in doc_anchor:
            continue
        anchor = f"{doc_anchor[q['doc_id']]}-q-{q['quote_index']}"
        spans = list(q["content_spans"]) or [(q["start"], q["end"])]
        marks[q["doc_id"]].append((spans[0][0], spans[0][1], anchor))  # the anchor once, on the first piece
        for k, (s0, e0) in enumerate(spans[1:], 1):
            marks[q["doc_id"]].append((s0, e0, f"{anchor}-{k}"))
        speaker = q["speaker_name"] or q["speaker_text"] or "unknown speaker"
        by_speaker[(speaker, q["speaker_country"])].append({
            "content": q["content"], "quote_type": q["quote_type"], "cue": q["cue"], "doc_id": q["doc_id"],
            "anchor": anchor, "doc_date": q["doc_date"], "doc_title": q["doc_title"] or q["doc_id"],
        })
    order = sorted(by_speaker, key=lambda k: (k[1] not in pair, k[1] is None, k[1] or "", k[0] == "unknown speaker", k[0]))
    quote_groups = [
        {"speaker": name, "country": country, "country_name": country_name(country) if country else None,
         "anchor": f"speaker-{i + 1}", "quotes": by_speaker[(name, country)]}
        for i, (name, country) in enumerate(order)
    ]

    assessments = build_assessments(ds, a, b, by=by, docs=docs, sentences=sentences, doc_anchor=doc_anchor, marks=marks)

    documents = []
    for doc_id in doc_order:
        d = docs[doc_id]
        documents.append({
            "doc_id": doc_id, "anchor": doc_anchor[doc_id], "title": d["title"], "date": d["date"], "author": d["author"],
            "publisher": d["publisher"], "url": d["url"], "link": _link(d["url"]), "source_path": d["source_path"],
            "n_events": sum(1 for e in events for link in e["links"] if link["doc_id"] == doc_id),
            "segments": _segments(d["text"], marks.get(doc_id, [])),
        })

    asserted = dyad[dyad["modality"] == "asserted"] if len(dyad) else dyad
    type_counts = {k: int(v) for k, v in asserted["event_type"].value_counts().items()} if len(asserted) else {}
    ctx_counts: dict[str, int] = defaultdict(int)
    for ctxs in (asserted["contexts"] if len(asserted) else []):
        for c in ctxs:
            ctx_counts[c] += 1
    combined = series[series["direction"] == "combined"] if len(series) else series
    coop = int(combined["cooperation"].sum()) if len(combined) else 0
    conf = int(combined["conflict"].sum()) if len(combined) else 0
    return {
        "a": a, "b": b, "by": by, "dedup": dedup, "directions": list(directions(a, b)),
        "date_basis": list(bases) or ["text", "relative", "publication", "undated"],
        "names": {a: country_name(a) or a, b: country_name(b) or b},
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "version": VERSION, "type_quads": ds.ontology.type_quads(),
        "summary": {
            "n_events": len(events), "n_counted": counts.get("asserted", 0), "modality_counts": counts,
            "n_quotes": sum(len(g["quotes"]) for g in quote_groups), "n_documents": len(documents),
            "n_assessments": assessments["n"],
            "cooperation": coop, "conflict": conf,
            "net_cooperation": (coop - conf) / (coop + conf) if coop + conf else None,
            "n_publication_dated": sum(1 for e in events if e["date_source"] == "publication" and e["modality"] == "asserted"),
            "first": next((e["date"] for e in events if e["date"]), None),
            "last": next((e["date"] for e in reversed(events) if e["date"]), None),
        },
        "series": _records(series),
        "other_modalities": _records(other_series) if other_series is not None else [],
        "by_type": sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        "by_context": sorted(ctx_counts.items(), key=lambda kv: (-kv[1], kv[0])),
        "events": events,
        "quotes": quote_groups,
        "assessments": assessments,
        "documents": documents,
    }
