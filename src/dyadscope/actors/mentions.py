"""The actor stage: find actor mentions in a parsed document and resolve them to country and sector.

:func:`actor_mentions` runs, in order:

1. *Units and chunks* (:mod:`.units`): knowledge-base matches and NER names, merged into noun
   phrases.
2. *Resolution* of each chunk (:mod:`.chunks`, :mod:`.resolve`).
3. :data:`DOCUMENT_RULES`: what the rest of the sentence or document says about a chunk (a
   shared state name, a complement, a minority's residence, appositions, acronyms, the
   sentence's country).
4. Mentions of the chunks worth one, then coreference (:mod:`.coref`).

Unresolvable mentions keep None codes.
"""

from __future__ import annotations

from ..knowledge.entries import parse_date
from ..nlp import doc_text
from ..records import Article, Mention
from ..rules import rule_table
from .appositions import (appositions, named_after_role, party_member_role, plural_apposition, role_shared_by_names,
                          who_work)
from .chunks import CHUNK_REFINEMENTS, CHUNK_RULES, resolve_chunk
from .context import ActorContext
from .coref import COREF_RULES, RolePhrase, coreference
from .pronouns import PRONOUN_RULES
from .resolve import PHRASE_RULES
from .document import (backed_proxies, bracketed_acronym, complement, ethnic_minority, gazetteer_by_document,
                       people_demonyms, placed_domestic_actors, placed_people, sentence_country, shared_head,
                       nearest_armed_group, shared_name_by_document, state_military, transnational_fighters,
                       unknown_place_by_document)
from .resolution import Dating, Resolution, reference_day
from .tokens import TokenView
from .units import UNIT_RULES, Chunk, find_units, group_chunks, is_role

#: Rules over the resolved chunks of a document, applied in this order.
DOCUMENT_RULES = rule_table(
    ("actors.document.gazetteer_by_document.v1", gazetteer_by_document),
    ("actors.document.unknown_place_by_document.v1", unknown_place_by_document),
    ("actors.document.shared_name_by_document.v1", shared_name_by_document),
    ("actors.document.transnational_fighters.v1", transnational_fighters),
    ("actors.document.nearest_armed_group.v1", nearest_armed_group),
    ("actors.document.complement.v1", complement),
    ("actors.document.shared_head.v1", shared_head),
    ("actors.document.backed_proxies.v1", backed_proxies),
    ("actors.document.state_military.v1", state_military),
    ("actors.document.ethnic_minority.v1", ethnic_minority),
    ("actors.document.people_demonyms.v1", people_demonyms),
    ("actors.document.apposition.v1", appositions),
    ("actors.document.named_after_role.v1", named_after_role),
    ("actors.document.role_shared_by_names.v1", role_shared_by_names),
    ("actors.document.plural_apposition.v1", plural_apposition),
    ("actors.document.party_member_role.v1", party_member_role),
    ("actors.document.who_work.v1", who_work),
    ("actors.document.bracketed_acronym.v2", bracketed_acronym),
    ("actors.document.sentence_country.v1", sentence_country),
    ("actors.document.placed_people.v1", placed_people),
    ("actors.document.placed_domestic_actors.v1", placed_domestic_actors),
)

#: Every rule table of the stage by step, in the order the stage reaches them (pinned by
#: tests/actors/rule_names.json, as the other stages pin theirs).
RULE_TABLES = {
    "units": UNIT_RULES,
    "chunk": CHUNK_RULES,
    "chunk_refinements": CHUNK_REFINEMENTS,
    "phrase": PHRASE_RULES,
    "document": DOCUMENT_RULES,
    "coref": COREF_RULES,
    "pronouns": PRONOUN_RULES,
}

#: Sectors of bodies that are actors with no country ("aid agencies", "rights groups"): a bare
#: body noun of these is a mention; of others ("the army") only with a country.
STATELESS_SECTORS = frozenset({"NGO", "HRI"})
#: Characters before a media outlet or company searched for words saying the state owns it.
STATE_OWNED_WINDOW = 30


def find_chunks(doc, ctx: ActorContext, text: str | None = None) -> tuple[TokenView, list[Chunk]]:
    """The resolved chunks of ``doc`` in document order (before coreference); ``text``: the
    document's text, when the caller has it."""
    tv = TokenView(doc, text)
    chunks = group_chunks(ctx, tv, find_units(ctx, tv, doc))
    for c in chunks:
        resolve_chunk(ctx, tv, c)
    for rule in DOCUMENT_RULES:
        chunks = rule.func(ctx, tv, chunks)
    return tv, chunks


def keep_chunk(ctx: ActorContext, tv: TokenView, c: Chunk) -> bool:
    """Whether a chunk is worth a mention: named actors always; bare role nouns only when specific."""
    if c.res is None:
        return any(u.ent for u in c.units)
    if c.res.rule in ("ner:person", "ner:org") and c.end - c.start == 1:
        return False  # a lone unknown capitalised word: too weak (kept only if coreference links it)
    if len(c.units) == 1 and is_role(c.units[0]):
        role = c.units[0].match.role
        text = " ".join(tv.norms[c.start:c.end])
        if role.source == "kb" and text in ctx.words.weak_roles and text not in ctx.words.strong_role_plurals \
                and not c.res.country:
            return False  # kept when its complement, sentence or document gives it a country ("children" in a Peru story)
        if role.source == "kb" and c.res.country is None and role.kind != "person" and c.res.sector not in STATELESS_SECTORS \
                and c.res.code is None:
            return False  # "the army" alone; "Western governments" (a region's code) stays
    return True


def _role_phrase(tv: TokenView, c: Chunk) -> RolePhrase | None:
    """A country-less role phrase ("forces", "their government") a possessive pronoun may own."""
    r = c.res
    if r is None or r.country or r.members or not r.sector or not all(
            u.match is not None and u.match.role is not None and not u.match.aliases for u in c.units):
        return None
    start, end = tv.char_span(c.start, c.end)
    return RolePhrase(start, end, r, frozenset(tv.toks[k].idx for k in range(c.start, c.end)))


def _state_owned(ctx: ActorContext, tv: TokenView, res: Resolution, start: int) -> bool:
    """State ownership from the knowledge base, or from words right before an outlet or company."""
    if res.state_owned or res.kind not in ("media", "organization"):
        return res.state_owned
    before = tv.text[max(0, start - STATE_OWNED_WINDOW):start].lower()
    return any(w in before for w in ctx.words.state_owned_cues)


def _mention(ctx: ActorContext, tv: TokenView, c: Chunk) -> Mention:
    res = c.res
    start, end = tv.char_span(c.start, c.end)
    text = tv.text[start:end]
    members = tuple(m.as_actor(text, start, end) for m in res.members) if res.members else ()
    # a region ("Europe", "the West") is no state: its CAMEO region code stays, its country is none
    country = None if res.kind == "region" else res.country
    return Mention(start=start, end=end, text=text, name=res.name, code=res.code, country=country,
                   sector=res.sector, kind=res.kind, antecedent=None, members=members, rule=res.rule,
                   former=res.former, state_owned=_state_owned(ctx, tv, res, start))


def actor_mentions(doc, *, article: Article, kb, reference_date: str | None = None) -> list[Mention]:
    """Actor mentions of ``doc`` (parsed from ``article.text``) in document order.

    Args:
        doc: The spaCy ``Doc`` of ``article.text`` (tagger, parser and NER are used; nothing is
            added to the pipeline).
        article: The article; its ``date`` decides which offices and dated codes apply.
        kb: The :class:`~dyadscope.knowledge.Knowledge` object (its ``actors`` part is used).
        reference_date: The day (ISO ``YYYY-MM-DD`` or a written date such as "1 May 2024"): the day known people's offices are read on when the
            article has no date. None: an undated article's known people get their country and
            no sector (unless the text names their office).

    Returns:
        One :class:`Mention` per actor mention, sorted by start offset. Group mentions ("the two
        countries", "Danish-Dutch") list their members; pronouns and surnames carry the start
        offset of their antecedent.

    Raises:
        ValueError: when ``reference_date`` is not a date.
    """
    akb = getattr(kb, "actors", kb)
    ctx = ActorContext.of(akb, Dating(parse_date(article.date), reference_day(reference_date)))
    tv, chunks = find_chunks(doc, ctx, doc_text(doc, article))
    mentions: list[Mention] = []
    roles: list[RolePhrase] = []
    for c in chunks:
        role = _role_phrase(tv, c)
        if role is not None:
            roles.append(role)
        if c.res is not None and keep_chunk(ctx, tv, c):
            mentions.append(_mention(ctx, tv, c))
    return coreference(ctx, doc, tv, mentions, roles)


__all__ = ["actor_mentions", "find_chunks", "keep_chunk", "DOCUMENT_RULES", "RULE_TABLES"]
