"""Actor stage: find actor mentions in a parsed document and resolve them to country and sector.

``actor_mentions`` runs, in order: knowledge-base matching and NER units (:mod:`.candidates`,
:mod:`.mentions`), resolution of each noun phrase (:mod:`.resolve`), appositions, then
within-document coreference (:mod:`.coref`). Unresolvable mentions keep None codes.
"""

from __future__ import annotations

from ..records import Actor, Article, Mention
from .coref import person_pairs, resolve_groups_and_pronouns, resolve_surnames
from .mentions import date_of, find_chunks, keep_chunk


#: Words before a media outlet or company saying the state owns or runs it.
STATE_OWNED_CUES = ("state-owned", "state-run", "state owned", "state run", "government-owned", "government-run",
                    "state-controlled", "state media", "state-backed")


def _to_actor(res, text: str, start: int, end: int) -> Actor:
    return Actor(text=text, name=res.name, code=res.code, country=res.country, sector=res.sector,
                 start=start, end=end, former=res.former)


def actor_mentions(doc, *, article: Article, kb) -> list[Mention]:
    """Actor mentions of ``doc`` (parsed from ``article.text``) in document order.

    Args:
        doc: The spaCy ``Doc`` of ``article.text`` (tagger, parser and NER are used; nothing is
            added to the pipeline).
        article: The article; its ``date`` decides which offices and dated codes apply.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (its ``actors`` part is used).

    Returns:
        One :class:`Mention` per actor mention, sorted by start offset. Group mentions ("the two
        countries", "Iranian-Russian-Chinese") list their members; pronouns and surnames carry the
        start offset of their antecedent.
    """
    akb = getattr(kb, "actors", kb)
    date = date_of(article)
    tv, chunks = find_chunks(doc, akb, date)
    mentions: list[Mention] = []
    for c in chunks:
        if not keep_chunk(tv, c):
            continue
        start, end = tv.char_span(c.start, c.end)
        text = tv.text[start:end]
        res = c.res
        if res is None:
            continue
        members = tuple(_to_actor(m, text, start, end) for m in res.members)
        state_owned = res.state_owned
        if not state_owned and res.kind in ("media", "organization"):
            before = tv.text[max(0, start - 30):start].lower()
            state_owned = any(w in before for w in STATE_OWNED_CUES)
        mentions.append(Mention(
            start=start, end=end, text=text, name=res.name, code=res.code, country=res.country,
            sector=res.sector, kind=res.kind, antecedent=None, members=members, rule=res.rule,
            former=res.former, state_owned=state_owned,
        ))
    text = tv.text
    propn = [t for t, pos in zip(tv.toks, tv.pos) if pos == "PROPN"]
    mentions = resolve_surnames(mentions, propn, text=text)
    pairs = person_pairs(doc, mentions, text=text)
    resolved = resolve_groups_and_pronouns(doc, sorted(mentions + pairs, key=lambda m: (m.start, m.end)),
                                           text=text, tokens=tv.toks, norms=tv.norms, sent_starts=tv.sent_starts)
    pair_ids = {id(p) for p in pairs}
    return [m for m in resolved if id(m) not in pair_ids]


__all__ = ["actor_mentions"]
