"""Find: the units of a document (knowledge-base matches and NER names) and the chunks they form.

1. *Units*: longest knowledge-base matches over the tokens (named actors and role nouns), plus
   spaCy PERSON entities that no known person covers and ORG entities the knowledge base does
   not name exactly.
2. *Chunks*: units that stand in one noun phrase ("Chilean President Gabriel Boric",
   "Navy spokeswoman Ana Pereira", "Danish-Dutch") are merged; a chunk that only modifies
   another noun ("Chile's copper exports") keeps its named part only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.entries import STATE_KINDS, Alias
from ..rules import rule_table
from .candidates import Match, add_title_surnames, scan
from .context import ActorContext
from .resolution import Resolution
from .tokens import TokenView

#: The most gazetteer places of one name a span is matched against (most populous first).
MAX_PLACE_CANDIDATES = 5
#: Kinds of a unit that can stand next to another state without joining its phrase.
STATE_OR_REGION_KINDS = STATE_KINDS | {"region"}


@dataclass
class Unit:
    """A unit of a chunk: a knowledge-base match, or a PERSON/ORG entity span (token indices)."""

    start: int
    end: int
    match: Match | None = None
    ent: str | None = None  # "PERSON" / "ORG" / "PLACE" (a place the text names that no entry knows)
    inner: list[Match] = field(default_factory=list)


@dataclass
class Chunk:
    """Merged units in one noun phrase, and what they resolve to."""

    units: list[Unit]
    res: Resolution | None = None

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end


def entry_kind(u: Unit) -> str | None:
    """The kind of the first entry a unit's match names, or None (a role noun, an NER name)."""
    if u.match is None or not u.match.aliases:
        return None
    return u.match.aliases[0].entry.kind


def is_role(u: Unit) -> bool:
    """A bare role noun ("officials", "army"), no named actor."""
    return u.match is not None and u.match.role is not None and not u.match.aliases


def is_state(u: Unit) -> bool:
    return entry_kind(u) in STATE_OR_REGION_KINDS


# --- units -------------------------------------------------------------------------------------


def find_units(ctx: ActorContext, tv: TokenView, doc) -> list[Unit]:
    """Knowledge-base matches and the PERSON/ORG names that add to them, in document order."""
    matches = scan(ctx.kb.index, tv.texts, strict=True, norms=tv.norms, wrappers=ctx.words.name_wrapping_marks)
    matches = add_title_surnames(ctx, tv.texts, tv.norms, matches)
    units = [Unit(m.start, m.end, match=m) for m in matches]
    ents = [(label, r) for label, s, e in tv.entities() if (r := _trimmed(tv, s, e)) is not None]
    places = {tuple(tv.norms[r[0]:r[1]]) for label, r in ents if label in ("GPE", "LOC")}
    at: dict[int, list[Unit]] = {}  # token -> the units over it
    for u in units:
        for k in range(u.start, u.end):
            at.setdefault(k, []).append(u)
    for label, (s, e) in ents:
        if label not in ("PERSON", "ORG"):
            continue
        near = list({id(u): u for k in range(s, e) for u in at.get(k, ())}.values())
        inside = [u for u in near if u.match is not None and u.start >= s and u.end <= e]
        if any(u.match is not None and (u.start < s or u.end > e) for u in near):
            continue  # a knowledge-base match crosses the entity's edge: trust the match
        if label == "PERSON":
            if _known_place_name(tv, inside, s, e, places):
                continue
            new = _add_person(units, inside, s, e)
        else:
            new = _add_organization(ctx, tv, units, inside, s, e)
        if new is not units:  # the inside units gave way to the entity's unit (appended last)
            for u in inside:
                for k in range(u.start, u.end):
                    at[k] = [x for x in at.get(k, ()) if x is not u]
            for k in range(new[-1].start, new[-1].end):
                at.setdefault(k, []).append(new[-1])
            units = new
    for rule in UNIT_RULES:
        units = rule.func(ctx, tv, doc, units)
    units.sort(key=lambda u: u.start)
    return units


# --- gazetteer places --------------------------------------------------------------------------


def _place_match(ctx: ActorContext, tv: TokenView, s: int, e: int) -> Match | None:
    """The gazetteer place tokens ``s``..``e`` name, whole or without leading modifiers ("eastern X")."""
    places = ctx.kb.index.places
    for lo in range(s, e):
        if not tv.texts[lo][:1].isupper():
            continue
        key = tuple(tv.norms[lo:e])
        if len(key) <= ctx.kb.index.place_max_len and key in places:
            # the most populous places of that name; one in a state the document names wins
            # (actors.document.shared_name_by_document), else a name of several states stays unresolved
            text = tv.span_text(lo, e)
            return Match(lo, e, tuple(Alias(entry, text) for entry in places[key][:MAX_PLACE_CANDIDATES]), None)
    return None


def _place_spans(ctx: ActorContext, tv: TokenView, doc) -> list[tuple[int, int, bool, bool]]:
    """Spans the document reads as places: (start, end, whether the reading outranks the NER's
    person, whether a name no gazetteer knows still counts as a place). GPE/LOC/FAC names (no;
    GPE only); capitalised names after a locative preposition ("fighting in X", "in eastern X":
    yes after a place-only preposition, else no; yes); names before a place-type noun ("X
    province", "the X camp": yes, yes). LOC and FAC names (seas, rivers, buildings) count only
    when the gazetteer knows them."""
    words = ctx.words
    spans = []
    for label, s, e in tv.entities():
        if label in ("GPE", "LOC", "FAC"):
            rng = _trimmed(tv, s, e)
            if rng is not None:
                spans.append((*rng, False, label == "GPE"))
    preps = words.locative_preps | words.location_preps
    k = 0
    while k < tv.n - 1:
        listed = spans and spans[-1][1] == k and tv.norms[k] in words.list_glue
        typed = k > 0 and tv.norms[k] == "of" and tv.norms[k - 1] in words.place_type_nouns
        if tv.norms[k] in preps or listed or typed:
            s = k + 1
            while s < tv.n and tv.norms[s] in words.place_direction_words and tv.sent[s] == tv.sent[k]:
                s += 1
            strong = tv.norms[k] in words.place_only_preps or typed or bool(listed and spans[-1][2])
            # a place-only preposition overrules a person (or language) tag; with a direction word, a body's
            e = _name_run(ctx, tv, s, over=(("PERSON", "LANGUAGE", "ORG") if s > k + 1 and strong
                                       else ("PERSON", "LANGUAGE") if strong else ()))
            if e > s and (tv.texts[s][:1].isupper() or tv.norms[s] in NAME_ARTICLES) and not (e < tv.n and tv.norms[e] in ("'s", "’s")):
                spans.append((s, e, strong, True))  # "in X", "the town of X", and what is listed with it ("in X, Y and Z")
                k = e
                continue
        k += 1
    for k in range(1, tv.n):
        if tv.norms[k] in words.place_type_nouns and tv.pos[k - 1] == "PROPN" and tv.texts[k - 1][:1].isupper():
            s = k - 1
            while s > 0 and (tv.pos[s - 1] == "PROPN" or tv.norms[s - 1] in NAME_ARTICLES) and tv.sent[s - 1] == tv.sent[k]:
                s -= 1
            while s < k - 1 and tv.norms[s] == "-":
                s += 1
            spans.append((s, k, True, True))  # "X province", "the al-X camp"
    return spans


def _name_run(ctx: ActorContext, tv: TokenView, s: int, *, over: tuple[str, ...] = ()) -> int:
    """End of the run of proper-noun tokens at ``s`` that the NER did not take for a person or body
    (unless ``over`` overrules that label) nor for a date, number or title."""
    skip = (ctx.words.not_place_entity_labels | {"person", "org"}) - {label.lower() for label in over}
    e = s
    while e < tv.n and (tv.pos[e] == "PROPN" or (tv.norms[e] in NAME_ARTICLES and e + 1 < tv.n and tv.pos[e + 1] == "PROPN")) \
            and tv.sent[e] == tv.sent[s] and tv.toks[e].ent_type_.lower() not in skip:
        e += 1
    return e


#: Lower-case parts of Arabic place names ("al-X", "Deir el-X").
NAME_ARTICLES = frozenset({"al", "el", "-"})


def _name_units(at: dict[int, Unit], s: int, e: int) -> list[Unit] | None:
    """The NER-only units (no knowledge-base match) inside ``s``..``e``, or None when a match or a
    longer name crosses the span (``at``: token -> the unit over it)."""
    near = list({id(u): u for k in range(s, e) if (u := at.get(k)) is not None}.values())
    if any(u.match is not None or u.start < s or u.end > e for u in near):
        return None
    return near


def gazetteer_places(ctx: ActorContext, tv: TokenView, doc, units: list[Unit]) -> list[Unit]:
    """A span the document reads as a place that no entry names: the gazetteer's place of that
    name, else a place the text names (``ent="PLACE"``: its country is the document's, see
    ``actors.document.unknown_place_by_document``).

    Only spans already read as places (never a known person's name, never an organisation's; a
    curated name of a state or city always wins, being matched first), the most populous place
    of a shared name. A place-only preposition or a place-type noun ("in X", "X province")
    overrules the NER's person reading. Notes: GeoNames (CC BY 4.0) through
    ``generated/geonames_places.jsonl``.
    """
    found: dict[tuple[str, ...], Match | None] = {}
    spans = _place_spans(ctx, tv, doc)
    people = None
    at = {k: u for u in units for k in range(u.start, u.end)}
    for s, e, strong, any_name in spans:
        inside = _name_units(at, s, e)
        if inside is None or (inside and not strong):
            continue
        m = _place_match(ctx, tv, s, e) if ctx.kb.index.places else None
        if m is None:
            if not any_name or not all(tv.texts[k][:1].isupper() or tv.norms[k] in NAME_ARTICLES for k in range(s, e)):
                continue
            if people is None:
                people = _person_votes(tv, doc, spans)
            if people.get(tuple(tv.norms[s:e]), 0) > 0:
                continue  # the NER reads the name as a person's more often than the text as a place
        if inside:
            gone = {id(u) for u in inside}
            units = [u for u in units if id(u) not in gone]
        if m is not None:
            units.append(Unit(m.start, m.end, match=m))
            found.setdefault(tuple(tv.norms[m.start:m.end]), m)
        else:
            units.append(Unit(s, e, ent="PLACE"))
            found.setdefault(tuple(tv.norms[s:e]), None)
        for k in range(units[-1].start, units[-1].end):
            at[k] = units[-1]
    if found:
        units = _recurring_places(ctx, tv, found, units)
    return units


#: A name that is part of a person's full name ("X" of "Jane X") counts this many times as a person.
FULL_NAME_VOTES = 100


def _person_votes(tv: TokenView, doc, spans) -> dict[tuple[str, ...], int]:
    """Name -> how much more often the NER reads it as a person than the text reads it as a place
    (a name in a person's full name always a person)."""
    votes: dict[tuple[str, ...], int] = {}
    for label, s, e in tv.entities():
        if label == "PERSON":
            if e - s == 1:
                votes[(tv.norms[s],)] = votes.get((tv.norms[s],), 0) + 1
            else:
                for k in range(s, e):
                    votes[(tv.norms[k],)] = votes.get((tv.norms[k],), 0) + FULL_NAME_VOTES
    for s, e, strong, _any in spans:
        key = tuple(tv.norms[s:e])
        votes[key] = votes.get(key, 0) - (2 if strong else 1)
    return votes


def _recurring_places(ctx: ActorContext, tv: TokenView, found: dict, units: list[Unit]) -> list[Unit]:
    """A name the document reads as a place once is that place where it recurs as a proper noun
    ("X was shelled again" after "fighting in X"), also where the NER took that name alone (or
    with a direction word: "Eastern X") for a person or body."""
    taken = {k: u for u in units for k in range(u.start, u.end)}
    firsts = {key[0] for key in found}
    out = list(units)
    for k in range(tv.n):
        if tv.norms[k] not in firsts or tv.pos[k] != "PROPN":
            continue
        for key, m in found.items():
            e = k + len(key)
            if tuple(tv.norms[k:e]) != key or (e < tv.n and tv.pos[e] == "PROPN"):
                continue
            lo = k
            while lo > 0 and tv.norms[lo - 1] in ctx.words.place_direction_words:
                lo -= 1
            over = {id(taken[x]): taken[x] for x in range(k, e) if x in taken}
            if any(u.match is not None or u.start < lo or u.end > e for u in over.values()):
                break
            out = [u for u in out if id(u) not in over]
            out.append(Unit(k, e, match=Match(k, e, m.aliases, None)) if m is not None else Unit(k, e, ent="PLACE"))
            for x in range(k, e):
                taken[x] = out[-1]
            break
    return out


#: Prepositions after which a name the NER took for a body may be a gazetteer place
#: ("fighting spread to X", "shelling in X"): the place-only ones and "to"/"into".
BODY_AS_PLACE_PREPS = frozenset({"to", "into"})


def gazetteer_over_organization(ctx: ActorContext, tv: TokenView, doc, units: list[Unit]) -> list[Unit]:
    """'fighting spread to X', 'shelling in X' where the NER read X as an organisation no entry
    knows: the gazetteer's place X when it lies in a state the document names.

    Only a name no knowledge-base entry matches, right after a place-only preposition or
    "to"/"into", and only the gazetteer's places of that name in a state the document names
    (by its name, demonym or capital), so a body the gazetteer happens to share a name with
    ("sold to Apple" in a text about Peru) stays a body. Notes: GeoNames (CC BY 4.0).
    """
    if not ctx.kb.index.places:
        return units
    preps = ctx.words.place_only_preps | BODY_AS_PLACE_PREPS
    named = {a.entry.country for u in units if u.match is not None and u.match.aliases
             for a in u.match.aliases[:1] if a.entry.kind in STATE_KINDS and a.entry.country}
    out = []
    for u in units:
        if u.match is None and u.ent == "ORG" and u.start > 0 and tv.norms[u.start - 1] in preps \
                and tv.sent[u.start - 1] == tv.sent[u.start]:
            m = _place_match(ctx, tv, u.start, u.end)
            if m is not None and m.start == u.start:
                here = tuple(a for a in m.aliases if a.entry.country in named)
                if here:
                    out.append(Unit(m.start, m.end, match=Match(m.start, m.end, here, None)))
                    continue
        out.append(u)
    return out


#: Rules that add units after the knowledge-base and entity ones, in this order.
UNIT_RULES = rule_table(
    ("actors.units.gazetteer_place.v1", gazetteer_places),
    ("actors.units.gazetteer_over_organization.v1", gazetteer_over_organization),
)


def _trimmed(tv: TokenView, s: int, e: int) -> tuple[int, int] | None:
    """An entity's token range ``s``..``e`` without a leading "the" or a trailing possessive."""
    if tv.norms[s] == "the":
        s += 1
    if e - s > 1 and tv.norms[e - 1] in ("'s", "'"):
        e -= 1
    return (s, e) if s < e else None


def _known_place_name(tv: TokenView, inside: list[Unit], s: int, e: int, places: set) -> bool:
    """A PERSON entity that is exactly a known place's name the NER reads as a place elsewhere in
    the document ("X" after "talks in X"): the place."""
    return (len(inside) == 1 and inside[0].start == s and inside[0].end == e and entry_kind(inside[0]) in ("place", "capital")
            and tuple(tv.norms[s:e]) in places)


def _add_person(units: list[Unit], inside: list[Unit], s: int, e: int) -> list[Unit]:
    """A PERSON name no known person covers; titles in front of it stay units of their own."""
    if any(entry_kind(u) in ("person", "dictionary") for u in inside):
        return units
    lead = [u for u in inside if (is_role(u) or entry_kind(u) in ("demonym", "state")) and u.start == s]
    while lead:  # "President X", "Canadian X": the title or nationality stays a unit of its own
        s = lead[0].end
        inside = [u for u in inside if u is not lead[0]]
        lead = [u for u in inside if (is_role(u) or entry_kind(u) in ("demonym", "state")) and u.start == s]
    if s >= e:
        return units
    if inside and all(u.match.aliases and entry_kind(u) not in ("place", "region") for u in inside) \
            and sum(u.end - u.start for u in inside) == e - s:
        return units  # the "person" is a known actor (NER error)
    return [u for u in units if u not in inside] + [Unit(s, e, ent="PERSON")]


def _add_organization(ctx: ActorContext, tv: TokenView, units: list[Unit], inside: list[Unit], s: int,
                      e: int) -> list[Unit]:
    """An ORG name the knowledge base does not name exactly; known actors inside it stay its inner matches."""
    named = {k for u in inside if u.match.aliases for k in range(u.start, u.end)}
    alpha = [k for k in range(s, e) if any(ch.isalpha() for ch in tv.texts[k]) and tv.norms[k] != "the"]
    if inside and all(k in named for k in alpha) and len({u.match.aliases[0].entry.id for u in inside if u.match.aliases}) == 1:
        return units  # the ORG span is a known actor plus punctuation ("OSCE)", "(NATO")
    if len(inside) >= 2 and all(is_state(u) for u in inside) and all(
            k in named or tv.norms[k] in ctx.words.list_glue for k in range(s, e)):
        return units  # a list of known actors the NER took as one name ("Chile, Peru and Bolivia")
    if not inside:
        return units + [Unit(s, e, ent="ORG")]
    if any(u.start == s and u.end == e and u.match.aliases for u in inside):
        return units  # the knowledge base names it exactly
    if len(inside) == 1 and entry_kind(inside[0]) in ("state", "demonym", "capital") and e - s <= 2:
        return units  # "Chilean" tagged ORG
    return [u for u in units if u not in inside] + [Unit(s, e, ent="ORG", inner=[u.match for u in inside])]


# --- chunks ------------------------------------------------------------------------------------


def _glue(ctx: ActorContext, tv: TokenView, a: int, b: int) -> bool:
    """Whether tokens ``a``..``b`` between two units keep them in one phrase."""
    if tv.norms[a:b] == ["-", "led"]:
        return True  # "Kenyan-led forces": the leader's country is the group's
    glue = ctx.words.phrase_glue
    for k in range(a, b):
        if tv.norms[k] in glue or tv.pos[k] == "ADJ":
            continue
        if tv.norms[k] in ("and", ",") and a < k < b - 1 and tv.pos[k - 1] == "ADJ" and tv.pos[k + 1] == "ADJ":
            continue  # "awful and evil minister"
        return False
    return True


def _stance_prefixed(ctx: ActorContext, tv: TokenView, u: Unit) -> bool:
    """'anti-Chile', 'pro-Danish': the state is what the phrase is for or against, not its country."""
    return u.start >= 2 and tv.norms[u.start - 1] == "-" and tv.norms[u.start - 2] in ctx.words.stance_prefixes


def _settled_people(tv: TokenView, prev: Unit, u: Unit) -> bool:
    """'Bosnian Croats', 'Iraqi Turkmen': a people (plural demonym) named after the state it lives in."""
    return (entry_kind(prev) == "demonym" and entry_kind(u) == "demonym" and u.start == prev.end
            and u.end - u.start == 1 and tv.norms[u.start].endswith("s") and tv.pos[prev.start] in ("ADJ", "PROPN")
            and prev.match.aliases[0].entry.country != u.match.aliases[0].entry.country)


def _region_of_state(prev: Unit, u: Unit) -> bool:
    """'Iraqi Kurdistan', 'the Chilean Altiplano': a region right after the demonym of the state it is in."""
    return entry_kind(prev) == "demonym" and entry_kind(u) == "region" and u.start == prev.end


def _joins(ctx: ActorContext, tv: TokenView, prev: Unit, u: Unit) -> bool:
    """Whether unit ``u`` continues the phrase that ends with ``prev``."""
    if _stance_prefixed(ctx, tv, prev) and is_state(prev):
        return False
    both_states = (is_state(prev) and is_state(u)
                   and not all(tv.norms[k] in ("-", "/") for k in range(prev.end, u.start))
                   and not _settled_people(tv, prev, u) and not _region_of_state(prev, u))
    return (u.ent not in ("ORG", "PLACE") and prev.ent not in ("ORG", "PERSON", "PLACE") and not both_states
            and tv.sent[prev.start] == tv.sent[u.start] and _glue(ctx, tv, prev.end, u.start))


def group_chunks(ctx: ActorContext, tv: TokenView, units: list[Unit]) -> list[Chunk]:
    """Units merged into noun-phrase chunks; a chunk that modifies a following noun loses its role nouns."""
    chunks: list[Chunk] = []
    for u in units:
        if chunks and _joins(ctx, tv, chunks[-1].units[-1], u):
            chunks[-1].units.append(u)
        else:
            chunks.append(Chunk([u]))
    return _trim_modifier_chunks(tv, chunks)


def _trim_modifier_chunks(tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """Drop trailing role nouns of a chunk that modifies a following noun ("Chile's navy base")."""
    out = []
    for c in chunks:
        nxt = c.end
        if nxt < tv.n and tv.pos[nxt] in ("NOUN", "PROPN") and tv.norms[nxt] != "'s":
            while c.units and is_role(c.units[-1]):
                c.units.pop()
        if c.units:
            out.append(c)
    return out


def lead(ctx: ActorContext, tv: TokenView, lo: int) -> int:
    """Start of the modifiers in front of token ``lo`` ("a former senior ...")."""
    glue = ctx.words.phrase_glue
    k = lo
    while k > 0 and (tv.norms[k - 1] in glue or tv.pos[k - 1] in ("ADJ", "NUM")) and tv.norms[k - 1] not in ("'s", "’s"):
        k -= 1
    return k
