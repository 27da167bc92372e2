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

from ..knowledge.entries import STATE_KINDS
from .candidates import Match, add_title_surnames, scan
from .context import ActorContext
from .resolution import Resolution
from .tokens import TokenView

#: Kinds of a unit that can stand next to another state without joining its phrase.
STATE_OR_REGION_KINDS = STATE_KINDS | {"region"}


@dataclass
class Unit:
    """A unit of a chunk: a knowledge-base match, or a PERSON/ORG entity span (token indices)."""

    start: int
    end: int
    match: Match | None = None
    ent: str | None = None  # "PERSON" / "ORG"
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
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        span = _entity_tokens(tv, ent)
        if span is None:
            continue
        s, e = span
        near = [u for u in units if u.start < e and u.end > s]
        inside = [u for u in near if u.match is not None and u.start >= s and u.end <= e]
        if any(u.match is not None and u not in inside for u in near):
            continue  # a knowledge-base match crosses the entity's edge: trust the match
        if ent.label_ == "PERSON":
            units = _add_person(units, inside, s, e)
        else:
            units = _add_organization(ctx, tv, units, inside, s, e)
    units.sort(key=lambda u: u.start)
    return units


def _entity_tokens(tv: TokenView, ent) -> tuple[int, int] | None:
    """An entity's token range without a leading "the" or a trailing possessive."""
    rng = tv.token_range(ent)
    if rng is None:
        return None
    s, e = rng
    if tv.norms[s] == "the":
        s += 1
    if e - s > 1 and tv.norms[e - 1] in ("'s", "'"):
        e -= 1
    return (s, e) if s < e else None


def _add_person(units: list[Unit], inside: list[Unit], s: int, e: int) -> list[Unit]:
    """A PERSON name no known person covers; titles in front of it stay units of their own."""
    if any(entry_kind(u) in ("person", "dictionary") for u in inside):
        return units
    lead = [u for u in inside if is_role(u) and u.start == s]
    while lead:  # "President X": the title stays a unit of its own
        s = lead[0].end
        inside = [u for u in inside if u is not lead[0]]
        lead = [u for u in inside if is_role(u) and u.start == s]
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


def _joins(ctx: ActorContext, tv: TokenView, prev: Unit, u: Unit) -> bool:
    """Whether unit ``u`` continues the phrase that ends with ``prev``."""
    if _stance_prefixed(ctx, tv, prev) and is_state(prev):
        return False
    both_states = (is_state(prev) and is_state(u)
                   and not all(tv.norms[k] in ("-", "/") for k in range(prev.end, u.start))
                   and not _settled_people(tv, prev, u))
    return (u.ent != "ORG" and prev.ent not in ("ORG", "PERSON") and not both_states
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
