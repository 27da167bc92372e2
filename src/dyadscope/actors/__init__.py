"""Actor stage: find actor mentions in a parsed document and resolve them to country and sector.

``actor_mentions`` runs, in order: knowledge-base matching and NER units (:mod:`.candidates`,
:mod:`.mentions`), resolution of each noun phrase (:mod:`.resolve`), appositions, then
within-document coreference (:mod:`.coref`). Unresolvable mentions keep None codes.
"""

from __future__ import annotations

from ..knowledge.entries import actor_code
from ..records import Actor, Article, Mention
from .coref import person_pairs, resolve_groups_and_pronouns, resolve_surnames
from .mentions import find_chunks, keep_chunk
from .resolution import Dating, reference_day
from ..knowledge.entries import parse_date


#: Possessive pronouns that can own a role noun ("its army").
POSSESSIVES = frozenset(["its", "their", "his", "her", "our"])

#: Words before a media outlet or company saying the state owns or runs it.
STATE_OWNED_CUES = ("state-owned", "state-run", "state owned", "state run", "government-owned", "government-run",
                    "state-controlled", "state media", "state-backed")


def _to_actor(res, text: str, start: int, end: int) -> Actor:
    return Actor(text=text, name=res.name, code=res.code, country=res.country, sector=res.sector,
                 start=start, end=end, former=res.former)


def actor_mentions(doc, *, article: Article, kb, reference_date: str | None = None) -> list[Mention]:
    """Actor mentions of ``doc`` (parsed from ``article.text``) in document order.

    Args:
        doc: The spaCy ``Doc`` of ``article.text`` (tagger, parser and NER are used; nothing is
            added to the pipeline).
        article: The article; its ``date`` decides which offices and dated codes apply.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (its ``actors`` part is used).
        reference_date: ISO ``YYYY-MM-DD``: the day known people's offices are read on when the
            article has no date. None: an undated article's known people get their country and
            no sector (unless the text names their office).

    Raises:
        ValueError: when ``reference_date`` is not an ISO date.

    Returns:
        One :class:`Mention` per actor mention, sorted by start offset. Group mentions ("the two
        countries", "Iranian-Russian-Chinese") list their members; pronouns and surnames carry the
        start offset of their antecedent.
    """
    akb = getattr(kb, "actors", kb)
    dating = Dating(parse_date(article.date), reference_day(reference_date))
    tv, chunks = find_chunks(doc, akb, dating)
    mentions: list[Mention] = []
    roles: dict[int, tuple[int, object]] = {}  # char start -> (char end, resolution) of country-less role phrases
    role_offsets = set()
    for c in chunks:
        if c.res is not None and not c.res.country and not c.res.members and c.res.sector and all(
                u.match is not None and u.match.role is not None and not u.match.aliases for u in c.units):
            s0, e0 = tv.char_span(c.start, c.end)
            roles[s0] = (e0, c.res)
            role_offsets.update(tv.toks[k].idx for k in range(c.start, c.end))
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
                                           text=text, tokens=tv.toks, norms=tv.norms, sent_starts=tv.sent_starts,
                                           role_offsets=frozenset(role_offsets))
    pair_ids = {id(p) for p in pairs}
    resolved = [m for m in resolved if id(m) not in pair_ids]
    return _possessed_roles(resolved, roles, text)


def _possessed_roles(mentions: list[Mention], roles: dict, text: str) -> list[Mention]:
    """'its army', 'their troops', 'his government': a role owned by a resolved pronoun takes the
    pronoun's country (a group pronoun gives a group of the role in each member's country)."""
    out = list(mentions)
    replace: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        if m.kind != "pronoun" or m.text.lower() not in POSSESSIVES or not (m.country or m.members):
            continue
        k = m.end
        while k < len(text) and text[k] == " ":
            k += 1
        hit = roles.get(k)
        if hit is None:
            continue
        end, r = hit
        rule = f"{r.rule}+coref:possessive"
        if m.members:
            members = tuple(Actor(text=text[k:end], name=None, code=actor_code(a.country, r.sector), country=a.country,
                                  sector=r.sector, start=k, end=end) for a in m.members if a.country)
            new = Mention(start=k, end=end, text=text[k:end], name=None, code=None, country=None, sector=None,
                          kind="group", antecedent=m.antecedent, members=members, rule=rule)
        else:
            new = Mention(start=k, end=end, text=text[k:end], name=None, code=actor_code(m.country, r.sector),
                          country=m.country, sector=r.sector, kind=r.kind, antecedent=m.antecedent, rule=rule)
        replace[(k, end)] = new
    if not replace:
        return mentions
    out = [m for m in out if (m.start, m.end) not in replace] + list(replace.values())
    return sorted(out, key=lambda m: (m.start, m.end))


from .resolution import Resolution, resolve_entry  # noqa: E402
from .resolve import resolve_phrase  # noqa: E402

__all__ = ["actor_mentions", "resolve_phrase", "resolve_entry", "Resolution"]
