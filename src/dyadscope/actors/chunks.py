"""Resolve one chunk: a name the NER found (with what stands before it) or a phrase of matches.

:data:`CHUNK_RULES` are tried in order (the first that applies decides); then each of
:data:`CHUNK_REFINEMENTS` may change the result.
"""

from __future__ import annotations

from ..knowledge.entries import BODY_KINDS, STATE_KINDS, actor_code
from ..rules import rule_table
from .context import ActorContext, first_result
from .resolution import Resolution, resolve_entry
from .resolve import compose
from .tokens import TokenView
from .units import Chunk, is_role, lead

#: Kinds of what stands before a person's name that can give the person a country.
PERSON_MODIFIER_KINDS = STATE_KINDS | BODY_KINDS | {"person"}
#: Kinds that name a place only: a body named after one is not of its country by that alone.
PLACE_NAME_KINDS = frozenset({"place", "region"}) | (STATE_KINDS - {"dictionary"})


def person_name(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A PERSON name, resolved through what stands before it ("Chilean Senator X", "former envoy X")."""
    head = c.units[-1]
    if head.ent != "PERSON":
        return None
    mods = [u.match for u in c.units[:-1] if u.match is not None]
    res = compose(ctx, tv.norms, mods, lo=c.start, hi=head.start) if mods else None
    name = tv.span_text(head.start, head.end)
    former = any(n in ctx.words.former_words for n in tv.norms[lead(ctx, tv, c.start):head.start])
    if res is None or res.kind not in PERSON_MODIFIER_KINDS:
        return Resolution(name, None, None, None, "person", "ner:person")
    sector = res.sector if res.kind not in ("state", "demonym") else None
    if res.kind in BODY_KINDS and not any(is_role(u) for u in c.units[:-1]):
        sector = None  # "Reuters' Jane Doe": the outlet gives the country only
    country = res.country
    code = res.code if res.kind == "dictionary" else actor_code(country, sector) if country else None
    if former and country:
        sector, code = "ELI", actor_code(country, "ELI")
    return Resolution(name, code, country, sector, "person", "person+" + res.rule, former=former or res.former)


def organization_name(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """An ORG name, resolved through the known actors inside it."""
    head = c.units[-1]
    if head.ent != "ORG":
        return None
    name = tv.span_text(head.start, head.end)
    res = compose(ctx, tv.norms, head.inner, lo=head.start, hi=head.end) if head.inner else None
    if res is None:
        return Resolution(name, None, None, None, "organization", "ner:org")
    if res.kind in ("state", "demonym") and res.country and head.inner[0].start == head.start and res.name != name:
        # "Liberian Farmers Union", "Chile Air": a body whose name opens with a state is of that state
        return Resolution(name, res.country, res.country, None, "organization", "org+" + res.rule)
    if res.kind in PLACE_NAME_KINDS and res.name != name:
        return Resolution(name, None, None, None, "organization", "ner:org")  # named after a place only
    kind = res.kind if res.kind in ("media", "igo") else "organization"
    return Resolution(name, res.code, res.country, res.sector, kind, "org+" + res.rule,
                      former=res.former, state_owned=res.state_owned)


def place_name(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A place the text names that no entry knows ("fighting in X", "X province"): a place whose
    country is not known yet (``actors.document.unknown_place_by_document`` may give it)."""
    head = c.units[-1]
    if head.ent != "PLACE":
        return None
    return Resolution(tv.span_text(head.start, head.end), None, None, None, "place", "place:text")


def phrase(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A phrase of knowledge-base matches, with the modifiers in front of it."""
    return compose(ctx, tv.norms, [u.match for u in c.units], lo=lead(ctx, tv, c.start), hi=c.end)


def capital_as_place(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A capital after a locative preposition, after a direction word or as what is visited is a
    place, not the government.

    "talks in Lima", "she toured Lima", "they grew up in west Lima" -> a place (country, no
    code); "according to Lima" and "Lima's offer" stay the government.
    """
    r, lo, hi = c.res, c.start, c.end
    if r is None or r.kind != "capital" or lo == 0:
        return None
    words = ctx.words
    k, prev = lo - 1, tv.norms[lo - 1]
    if prev == "the" and lo > 1:
        k, prev = lo - 2, tv.norms[lo - 2]
    before = tv.norms[k - 1] if k > 0 else ""
    after = tv.norms[hi] if hi < tv.n else ""
    tok = tv.toks[lo]
    if tok.dep_ == "dobj" and tok.head.lemma_ in words.destination_verbs:
        prev = "in"  # "visited Lima": a destination
    if (prev == "of" and tok.head.dep_ == "prep" and tok.head.head.lower_ in words.place_nouns) or \
            (tok.dep_ == "poss" and tok.head.lower_ in words.place_nouns):
        return Resolution(r.name, None, r.country, None, "place", r.rule + "+place-noun")  # "the outskirts of Lima"
    if prev in words.locative_preps and not (prev == "to" and before in words.not_locative_before_to) and after != "'s":
        return Resolution(r.name, None, r.country, None, "place", r.rule + "+locative")
    if prev in words.place_direction_words and after != "'s":
        return Resolution(r.name, None, r.country, None, "place", r.rule + "+direction")  # "west Lima": a part of the city
    return None


def seat_of_two(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A name that is both a state's capital and an international body's seat ("Brussels": Belgium's
    capital, the EU): a place in the capital's state where the capital reads as a place ("talks in
    Brussels", "the Brussels conference"), else the body ("Brussels said"), which news means by
    the seat's name."""
    if c.res is not None or len(c.units) != 1 or c.units[0].match is None:
        return None
    aliases = c.units[0].match.aliases
    capitals = [a for a in aliases if a.entry.kind == "capital"]
    bodies = [a for a in aliases if a.entry.kind == "igo"]
    if len(capitals) != 1 or len(bodies) != 1 or len(aliases) != 2:
        return None
    c.res = resolve_entry(ctx.kb, capitals[0].entry, ctx.dating)
    place = capital_as_place(ctx, tv, c)
    if place is None and c.end < tv.n and tv.pos[c.end] == "NOUN":  # "the Brussels conference": where it was
        r = c.res
        place = Resolution(r.name, None, r.country, None, "place", r.rule + "+modifier")
    c.res = None
    return place if place is not None else resolve_entry(ctx.kb, bodies[0].entry, ctx.dating)


def direction_not_region(ctx: ActorContext, tv: TokenView, c: Chunk) -> Resolution | None:
    """A region written in lower case that is a compass direction: "the west of the country",
    "fighting in the west" -> a place with no country, not the West."""
    r, lo, hi = c.res, c.start, c.end
    if r is None or r.kind != "region" or tv.texts[lo][:1].isupper():
        return None
    k = lo - 1 if lo > 0 and tv.norms[lo - 1] == "the" else lo
    after_of = hi < tv.n and tv.norms[hi] == "of"
    located = k > 0 and tv.norms[k - 1] in ctx.words.locative_preps
    if not (after_of or located):
        return None
    return Resolution(r.name, None, None, None, "place", r.rule + "+direction")


#: How a chunk resolves, by its head: the first rule that applies decides.
CHUNK_RULES = rule_table(
    ("actors.chunk.person_name.v1", person_name),
    ("actors.chunk.organization_name.v1", organization_name),
    ("actors.chunk.place_name.v1", place_name),
    ("actors.chunk.phrase.v1", phrase),
)

#: Applied in order after :data:`CHUNK_RULES`; each may replace the resolution.
CHUNK_REFINEMENTS = rule_table(
    ("actors.chunk.capital_as_place.v1", capital_as_place),
    ("actors.chunk.seat_of_two.v1", seat_of_two),
    ("actors.chunk.direction_not_region.v1", direction_not_region),
)


def resolve_chunk(ctx: ActorContext, tv: TokenView, c: Chunk) -> None:
    """Set ``c.res`` from :data:`CHUNK_RULES` and :data:`CHUNK_REFINEMENTS`."""
    c.res = first_result(CHUNK_RULES, ctx, tv, c)
    for rule in CHUNK_REFINEMENTS:
        refined = rule.func(ctx, tv, c)
        if refined is not None:
            c.res = refined
