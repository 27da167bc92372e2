"""Rules that resolve a chunk from the rest of its sentence or document.

Each rule takes ``(ctx, tv, chunks)`` and returns the chunk list (possibly merging chunks);
:data:`dyadscope.actors.mentions.DOCUMENT_RULES` applies them in order.
"""

from __future__ import annotations

from ..knowledge.entries import BODY_KINDS, DOMESTIC_SECTORS, STATE_KINDS, actor_code
from .candidates import Match
from .chunks import resolve_chunk
from .context import ActorContext
from .resolution import Resolution
from .resolve import compose
from .tokens import TokenView
from .units import Chunk, is_role, lead

#: Kinds of a name that may be a country shared by two states ("Congo", "Congolese").
SHARED_NAME_KINDS = frozenset({"state", "demonym", "capital", "place"})
#: Kinds whose country a role without one may take from its complement ("soldiers from Chile").
COMPLEMENT_KINDS = STATE_KINDS | {"place", "organization", "igo"}
#: Kinds whose country counts as "the country of the sentence".
SENTENCE_COUNTRY_KINDS = STATE_KINDS | {"place", "person", "organization", "media"}
#: Kinds of the state a minority lives in, named after "in"/"of" ("Danes of northern Germany").
RESIDENCE_KINDS = frozenset({"state", "place", "capital", "dictionary"})
#: Kinds of the other actors of a sentence that may name where an ethnic minority lives.
ETHNIC_CONTEXT_KINDS = (STATE_KINDS - {"dictionary"}) | {"place", "person", "organization"}


def _has_two_countries(m: Match | None) -> bool:
    return m is not None and len({a.entry.country for a in m.aliases}) > 1


def shared_name_by_document(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Congo', 'Congolese' (two states): the one the document names unambiguously elsewhere.

    A name shared by several states stays unresolved unless exactly one of them is named
    elsewhere in the document ("Kinshasa", "the DRC").
    """
    ambiguous = [(c, u) for c in chunks for u in c.units
                 if u.match is not None and len(u.match.aliases) > 1 and _has_two_countries(u.match)
                 and all(a.entry.kind in SHARED_NAME_KINDS for a in u.match.aliases)]
    if not ambiguous:
        return chunks
    known = {c.res.country for c in chunks if c.res is not None and c.res.country
             and not any(_has_two_countries(u.match) for u in c.units)}
    for c, u in ambiguous:
        picks = {a.entry.country for a in u.match.aliases} & known
        if len(picks) != 1:
            continue
        country = picks.pop()
        u.match = Match(u.match.start, u.match.end, tuple(a for a in u.match.aliases if a.entry.country == country),
                        u.match.role)
        resolve_chunk(ctx, tv, c)
    return chunks


def _complement_of(ctx: ActorContext, tv: TokenView, c: Chunk, d: Chunk) -> bool:
    """Whether chunk ``d`` is the complement of role chunk ``c`` ("soldiers from Chile")."""
    gap = list(range(c.end, d.start))
    preps = ctx.words.complement_preps
    return (bool(gap) and tv.norms[gap[0]] in preps and len(gap) <= 3
            and all(tv.norms[k] in preps or tv.pos[k] in ("DET", "ADJ") for k in gap)
            and tv.sent[c.start] == tv.sent[d.start]
            and d.res is not None and bool(d.res.country) and d.res.kind in COMPLEMENT_KINDS)


def _coordinated_complements(tv: TokenView, chunks: list[Chunk], i: int) -> list[Chunk]:
    """The complement at ``i`` and those coordinated with it ("of Chile, Peru and Bolivia")."""
    d = chunks[i]
    conj = [d]
    for e in chunks[i + 1:]:
        between = tv.norms[conj[-1].end:e.start]
        if between in (["and"], [","], [",", "and"], ["or"]) and e.res is not None and e.res.country \
                and e.res.kind == d.res.kind and tv.sent[e.start] == tv.sent[d.start]:
            conj.append(e)
        else:
            break
    return conj


def complement(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'the government of Narnia', 'soldiers from Narnia': a role without country takes its complement's.

    Coordinated complements make a group ("the envoys of Chile and Peru"); a complement that
    is a body gives the role its country and both stay mentions ("analysts at the Blorvak
    Institute").
    """
    out: list[Chunk] = []
    i = 0
    while i < len(chunks):
        c = chunks[i]
        r = c.res
        if not (r is not None and r.country is None and r.sector and is_role(c.units[-1]) and i + 1 < len(chunks)
                and _complement_of(ctx, tv, c, chunks[i + 1])):
            out.append(c)
            i += 1
            continue
        conj = _coordinated_complements(tv, chunks, i + 1)
        members = []
        for dd in conj:
            units = c.units + dd.units
            if all(u.match is not None for u in units):
                r2 = compose(ctx, tv.norms, [u.match for u in units], lo=lead(ctx, tv, c.start), hi=dd.end)
                if r2 is not None and r2.country:
                    members.append(r2)
        merged, used = _merge_complement(c, conj, members)
        out.append(merged)
        i += used
    return out


def _merge_complement(c: Chunk, conj: list[Chunk], members: list[Resolution]) -> tuple[Chunk, int]:
    """The chunk that role ``c`` and its complements ``conj`` become, and how many chunks it uses."""
    d = conj[0]
    if len(members) == len(conj) and len(members) >= 2:
        merged = Chunk(c.units + [u for dd in conj for u in dd.units])
        merged.res = Resolution(None, None, None, None, "group", "group:coordinated-complement", members=tuple(members))
        return merged, 1 + len(conj)
    if members and d.res.kind in BODY_KINDS:
        c.res = members[0]
        return c, 1
    merged = Chunk(c.units + d.units)
    if members:
        merged.res = members[0]
    if merged.res is not None and merged.res.country:
        return merged, 2
    return c, 1


def ethnic_minority(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'ethnic Danes in northern Germany', 'the Danes of southern Schleswig': a people living in
    another state is coded with the state it lives in (CAMEO codes minorities by residence).

    The state is the one right after "in"/"of"; or, after "ethnic", the only (or most often named)
    other state of the sentence. A plain demonym ("Danes said ...") keeps its own country.
    """
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.kind != "demonym" or len(c.units) != 1 or not tv.norms[c.end - 1].endswith("s") or not r.country:
            continue
        country = _residence_after(ctx, tv, chunks, i)
        if country is None and c.start > 0 and tv.norms[c.start - 1] == "ethnic":
            country = _residence_in_sentence(tv, chunks, c)
        if country is not None:
            c.res = Resolution(None, country, country, None, "person", f"ethnic-minority:{r.rule}+{country.lower()}")
    return chunks


def _residence_after(ctx: ActorContext, tv: TokenView, chunks: list[Chunk], i: int) -> str | None:
    """The other state named right after "in"/"of" a people ("Danes in northern Germany")."""
    c, k = chunks[i], chunks[i].end
    if not (k < tv.n and tv.norms[k] in ("in", "of") and i + 1 < len(chunks)):
        return None
    d = chunks[i + 1]
    if all(tv.norms[x] in ctx.words.minority_place_glue for x in range(k + 1, d.start)) and d.res is not None \
            and d.res.kind in RESIDENCE_KINDS and d.res.country and d.res.country != c.res.country:
        return d.res.country
    return None


def _residence_in_sentence(tv: TokenView, chunks: list[Chunk], c: Chunk) -> str | None:
    """The only, or the most often named, other state of the sentence of an "ethnic ..." people."""
    sid, own = tv.sent[c.start], c.res.country
    named = [d.res.country for d in chunks if d is not c and tv.sent[d.start] == sid and d.res is not None
             and d.res.country and d.res.kind in ETHNIC_CONTEXT_KINDS and not d.res.members and d.res.country != own]
    counts = {x: named.count(x) for x in named}
    ranked = sorted(counts, key=lambda x: -counts[x])
    if len(ranked) == 1 or (len(ranked) > 1 and counts[ranked[0]] > counts[ranked[1]]):
        return ranked[0]
    return None


def _initials(ctx: ActorContext, tv: TokenView, s: int, e: int) -> str:
    out = []
    for k in range(s, e):
        if tv.norms[k] in ctx.words.acronym_skip_words:
            continue
        for part in tv.texts[k].split("-"):
            if part[:1].isalpha():
                out.append(part[0].upper())
    return "".join(out)


def bracketed_acronym(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Front for Workers' Democracy (FWD)': the bracketed acronym is the name before it.

    Whichever of the two is resolved gives its resolution to the other, so an acronym that
    elsewhere names something else follows the text.
    """
    for c, d in zip(chunks, chunks[1:]):
        if not (d.start == c.end + 1 and tv.norms[c.end] == "(" and d.end - d.start == 1
                and d.end < tv.n and tv.norms[d.end] == ")" and tv.texts[d.start].isupper()):
            continue
        acro = tv.texts[d.start].replace(".", "")
        init = _initials(ctx, tv, c.start, c.end)
        if len(acro) < 2 or not (init == acro or init.endswith(acro) or acro in init):
            continue
        if c.res is not None and (c.res.country or c.res.code):
            r = c.res
            d.res = Resolution(r.name, r.code, r.country, r.sector, r.kind, r.rule + "+acronym", former=r.former,
                               state_owned=r.state_owned)
        elif d.res is not None and (d.res.country or d.res.code) and c.res is not None:
            r = d.res
            c.res = Resolution(c.res.name or r.name, r.code, r.country, r.sector, r.kind, r.rule + "+acronym",
                               former=r.former, state_owned=r.state_owned)
    return chunks


def sentence_country(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """A bare domestic role ("insurgents", "strikers") takes its sentence's country.

    The country must be unambiguous: the only country named in the sentence, or else the only
    one named as a location ("in Peru", a city). IGOs and regions do not count. Notes: PLOVER and
    CAMEO code domestic groups with the state they act in.
    """
    by_sent: dict[int, list[Chunk]] = {}
    for c in chunks:
        by_sent.setdefault(tv.sent[c.start], []).append(c)
    for c in chunks:
        r = c.res
        if r is None or r.country or r.sector not in DOMESTIC_SECTORS or r.kind not in ("person", "organization") \
                or not all(is_role(u) for u in c.units) or r.members:
            continue
        country = _country_of_sentence(ctx, tv, [d for d in by_sent[tv.sent[c.start]] if d is not c])
        if country is not None:
            c.res = Resolution(r.name, actor_code(country, r.sector), country, r.sector, r.kind,
                               r.rule + "+context:sentence", former=r.former)
    return chunks


def _country_of_sentence(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> str | None:
    """The one country the other chunks of a sentence name, else the one they name as a location."""
    others = [d for d in chunks if d.res is not None and d.res.country
              and d.res.kind in SENTENCE_COUNTRY_KINDS and not d.res.members and len(d.res.country) == 3
              and (d.res.country in ctx.kb.by_country or d.res.kind == "dictionary")]
    countries = {d.res.country for d in others}
    # a demonym on a thing ("Danish tax records") makes a country ambiguous but never decides it
    # ... nor does a capital as a place ("talks in Geneva": a venue, often abroad)
    strong = {d.res.country for d in others if not (d.res.kind == "demonym" and d.end < tv.n
                                                    and tv.pos[d.end] in ("NOUN", "PROPN"))
              and not (d.res.kind == "place" and ":capital:" in d.res.rule)}
    if len(countries) == 1 and not strong:
        return None
    if len(countries) != 1:
        preps = ctx.words.location_preps
        countries = {d.res.country for d in others
                     if (d.res.kind == "place" and ":capital:" not in d.res.rule)
                     or (d.res.kind != "place" and d.start > 0 and tv.norms[d.start - 1] in preps)
                     or any(tv.norms[k] in preps for k in range(d.start, d.end))}  # "prisoners in Peru"
    return next(iter(countries)) if len(countries) == 1 else None
