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
from .resolve import TRANSNATIONAL, compose
from .tokens import TokenView
from .units import Chunk, entry_kind, is_role, is_state, lead

#: Entry-id prefix of the gazetteer's places (``generated/geonames_places.jsonl``).
GAZETTEER_PREFIX = "kb:gazetteer:"
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


def _is_gazetteer(u) -> bool:
    return u.match is not None and bool(u.match.aliases) and all(
        a.entry.kind == "place" and a.entry.id.startswith(GAZETTEER_PREFIX) for a in u.match.aliases)


#: A gazetteer place this populous is known by name: it counts even in a document that does not
#: name its state ("talks in X"), when no other place of its name is a tenth as populous.
KNOWN_PLACE_POPULATION = 150_000


def _known_place(aliases) -> object | None:
    """The alias of a place known by name (:data:`KNOWN_PLACE_POPULATION`), or None."""
    first = aliases[0] if aliases else None
    if first is None or (first.entry.population or 0) < KNOWN_PLACE_POPULATION:
        return None
    if any(10 * (a.entry.population or 0) >= first.entry.population for a in aliases[1:]
           if a.entry.country != first.entry.country):
        return None
    return first


def gazetteer_by_document(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """A gazetteer place counts in a state the document names otherwise ("fighting in X" in an
    article about Syria: the Syrian X), the most populous such place; or, in no named state, a
    city known by name (:data:`KNOWN_PLACE_POPULATION`: "talks in X"). Otherwise it stays
    unresolved: a name is never read as a faraway village."""
    gaz = [(c, u) for c in chunks for u in c.units if _is_gazetteer(u)]
    if not gaz:
        return chunks
    named = {c.res.country for c in chunks if c.res is not None and c.res.country
             and not any(_is_gazetteer(u) for u in c.units)}
    for c, u in gaz:
        keep = next((a for a in u.match.aliases if a.entry.country in named), None) or _known_place(u.match.aliases)
        u.match = Match(u.match.start, u.match.end, (keep,) if keep else (), u.match.role)
        if keep is None:
            c.units = [x for x in c.units if x is not u]
        if c.units:
            resolve_chunk(ctx, tv, c)
    return [c for c in chunks if c.units]


def unknown_place_by_document(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """A place the text names that no entry places ("fighting in X", "X province") is in the state
    the text puts it in: right after it ("X, eastern Chile", "X in Peru", "X province of Peru"),
    else the only state its sentence names, else the one the document is about when it clearly is
    about one (named at least three times, twice as often as any other); a name that recurs keeps
    the first country found. Else its country stays unknown. Notes: the villages and districts of
    a war's news are mostly too small for any gazetteer."""
    places = [i for i, c in enumerate(chunks) if c.res is not None and c.res.rule == "place:text"]
    if not places:
        return chunks
    by_name: dict[tuple[str, ...], tuple[str, str]] = {}
    by_sent: dict[int, dict[str, int]] = {}
    for d in chunks:  # the unknown places have no country yet: they count for no sentence
        r = d.res
        if r is not None and r.country and not r.members and r.kind in PLACE_COUNTRY_KINDS and len(r.country) == 3:
            counts = by_sent.setdefault(tv.sent[d.start], {})
            counts[r.country] = counts.get(r.country, 0) + 1
    for i in places:
        c = chunks[i]
        found = _placed_after(ctx, tv, chunks, i)
        if found is None:
            found = clear_country(by_sent.get(tv.sent[c.start], {})), "sentence"
        if found[0] is not None:
            by_name.setdefault(tuple(tv.norms[c.start:c.end]), found)
    document = None
    for i in places:
        c = chunks[i]
        country, how = by_name.get(tuple(tv.norms[c.start:c.end]), (None, None))
        if country is None:
            if document is None:
                document = clear_country(_country_counts(tv, chunks), minimum=MIN_DOCUMENT_COUNTRY_MENTIONS) or ""
            country, how = document or None, "document"
        if country:
            r = c.res
            c.res = Resolution(r.name, None, country, None, "place", f"{r.rule}+context:{how}")
    return chunks


def _placed_after(ctx: ActorContext, tv: TokenView, chunks: list[Chunk], i: int) -> tuple[str, str] | None:
    """The state right after a place ("X, eastern Chile", "X in Peru", "X provinces of Peru")."""
    if i + 1 >= len(chunks):
        return None
    c, d = chunks[i], chunks[i + 1]
    gap = tv.norms[c.end:d.start]
    words = ctx.words
    if tv.sent[d.start] != tv.sent[c.start] or d.res is None or not d.res.country or d.res.members \
            or d.res.kind not in PLACE_COUNTRY_KINDS - {"demonym"} or len(gap) > 4:
        return None
    if gap and gap[0] in words.place_type_nouns:
        gap = gap[1:]
    if gap and gap[0] in (",", "in", "of", "near") and all(g in words.place_direction_words or g in ("the", ",")
                                                            for g in gap[1:]):
        return d.res.country, "phrase"
    return None




def _jihadist_words(ctx: ActorContext, tv: TokenView, c: Chunk) -> bool:
    norms = tv.norms[lead(ctx, tv, c.start):c.end]
    pairs = {f"{a} {b}" for a, b in zip(norms, norms[1:])}
    return any(n in ctx.words.jihadist_roles for n in norms) or bool(pairs & ctx.words.jihadist_roles)


def _someone_elses(ctx: ActorContext, tv: TokenView, lo: int, end: int) -> bool:
    """A role phrase (lead ``lo`` to ``end``) that names a force as another's: backed by someone
    ("US-backed", "Peru-trained": a backing word of the lexicon used as a verb or after a hyphen,
    not the adjective of "armed militants") or set against someone ("anti-government")."""
    words = ctx.words
    for k in range(max(0, lo - 2), end):
        if tv.norms[k] in words.backing_words and (tv.pos[k] == "VERB" or (k > 0 and tv.norms[k - 1] == "-")):
            return True
    return any(tv.norms[k] in words.stance_prefixes for k in range(lo, end))


def transnational_fighters(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'the jihadists', 'foreign fighters', 'its fighters' in a document about a transnational
    armed group (IS, al-Qaeda): that group's fighters (``IMG``), not the state of their sentence.

    A bare armed role (sector REB, no country in its phrase) takes the transnational group the
    document names most when its words are a jihadist's ("extremists", "foreign fighters"), or,
    owned by a pronoun ("its fighters"), when its own or the previous sentence names that group
    and no other armed actor. Someone's proxies ("US-backed fighters", "anti-X fighters") never.
    Notes: CAMEO codes IS and al-Qaeda fighters as ``IMGREB`` wherever they fight.
    """
    groups = [c for c in chunks if c.res is not None and c.res.country == TRANSNATIONAL and not c.res.members
              and c.res.kind in ("organization", "person")]
    if not groups:
        return chunks
    named: dict[str, int] = {}
    for g in groups:
        if g.res.name:
            named[g.res.name] = named.get(g.res.name, 0) + 1
    for c in chunks:
        r = c.res
        if r is None or r.country or r.members or r.sector != "REB" or not all(is_role(u) for u in c.units):
            continue
        sid = tv.sent[c.start]
        near = [g for g in groups if tv.sent[g.start] in (sid, sid - 1)]
        others = [d for d in chunks if d is not c and tv.sent[d.start] == sid and d.res is not None
                  and d.res.sector in ARMED_SECTORS and d.res.country and d.res.country != TRANSNATIONAL]
        lo = lead(ctx, tv, c.start)
        if _someone_elses(ctx, tv, lo, c.end):
            continue  # "US-backed fighters", "anti-Isis fighters": someone else's
        owned = lo > 0 and tv.norms[lo - 1] in ctx.words.possessive_pronouns
        right_after = next((g for g in groups if g.end == c.start and tv.sent[g.start] == sid), None)
        if right_after is not None:
            pick = right_after  # "British Isis fighters" with the name tagged apart: the group's fighters
        elif _jihadist_words(ctx, tv, c):
            pick = max(groups, key=lambda g: named.get(g.res.name, 0))
        elif owned and near and not others:
            pick = near[-1]  # "its fighters" right after the group
        else:
            continue
        c.res = Resolution(r.name, actor_code(TRANSNATIONAL, r.sector), TRANSNATIONAL, r.sector, r.kind,
                           f"{r.rule}+{pick.res.rule}+context:transnational", former=r.former)
    return chunks


#: Sentences back (besides its own) a bare armed role looks for the armed group it stands for.
ARMED_GROUP_WINDOW = 2


def _named_armed_group(c: Chunk | None) -> bool:
    """Whether ``c`` names an armed non-state group with a country ("the Blue Front", "IS")."""
    return c is not None and c.res is not None and bool(c.res.country) and not c.res.members \
        and c.res.sector == "REB" and c.res.kind == "organization" and not all(is_role(u) for u in c.units)


def nearest_armed_group(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'the fighters', 'the militants', 'the terrorist group' with no country of their own take the
    country of the armed group named last before them, in their sentence or the two before it.

    Only a bare rebel role (sector REB, every unit a role word, no country in its phrase) that no
    one owns ("its fighters", handled by coreference) and no one backs ("US-backed fighters",
    "anti-X militants": someone else's). A state or a state's force named between the group and
    the role ("Peruvian troops", "Chile") ends the search: the role may then be fighting either.
    Notes: CAMEO codes a group's fighters with the group's code (``SYRREB``, ``IMGREB``).
    """
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.country or r.members or r.sector != "REB" or not all(is_role(u) for u in c.units):
            continue
        lo = lead(ctx, tv, c.start)
        if lo > 0 and tv.norms[lo - 1] in ctx.words.possessive_pronouns:
            continue
        if _someone_elses(ctx, tv, lo, c.end):
            continue
        sid = tv.sent[c.start]
        pick = None
        for d in reversed(chunks[:i]):
            if tv.sent[d.start] < sid - ARMED_GROUP_WINDOW:
                break
            if _named_armed_group(d):
                pick = d
                break
            if d.res is not None and d.res.country and not d.res.members and d.res.kind in STATE_KINDS \
                    | {"organization", "person"} and d.res.sector in ARMED_SECTORS | {None} \
                    and not all(is_role(u) for u in d.units):
                break  # a state or another armed actor in between: no clear owner
        if pick is None:
            continue
        country = pick.res.country
        c.res = Resolution(r.name, actor_code(country, r.sector), country, r.sector, r.kind,
                           f"{r.rule}+{pick.res.rule}+context:armed-group", former=r.former)
    return chunks


#: Words a state's military noun may stand behind ("Chilean-led ground troops").
MILITARY_GAP = 3


def _military_after(ctx: ActorContext, tv: TokenView, k: int) -> bool:
    """Whether a military noun follows at token ``k`` ("-led" and adjectives may come first)."""
    if tv.norms[k:k + 2] == ["-", "led"]:
        k += 2
    for j in range(k, min(k + MILITARY_GAP, tv.n)):
        if tv.norms[j] in ctx.words.military_nouns and tv.pos[j] in ("NOUN", "ADJ", "PROPN"):
            return True
        if tv.pos[j] != "ADJ":
            return False
    return False


def state_military(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """A state or demonym before a military noun is the state's military: 'Chilean airstrikes', 'a
    Peruvian-led offensive', 'the Chilean invasion'; states listed before one share it ('joint
    Chilean, Peruvian and Bolivian raids'). The chunk itself stays the state's name; only its sector
    becomes MIL."""
    for i in range(len(chunks) - 1, -1, -1):
        c = chunks[i]
        r = c.res
        if r is None or r.kind not in ("state", "demonym") or r.sector or not r.country or r.members or c.end >= tv.n:
            continue
        military = _military_after(ctx, tv, c.end)
        if not military and i + 1 < len(chunks):
            d = chunks[i + 1]
            military = (tv.norms[c.end:d.start] in ([","], ["and"], [",", "and"], ["or"]) and d.res is not None
                        and d.res.sector == "MIL" and d.res.country and d.res.country != r.country
                        and (d.res.kind in ("state", "demonym") or is_state(d.units[0])))
        if military:
            c.res = Resolution(r.name, actor_code(r.country, "MIL"), r.country, "MIL", r.kind, r.rule + "+military",
                               former=r.former)
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


#: Kinds of actor that back someone else's fighters ("US-backed", "Western-backed", "UN-backed").
BACKER_KINDS = frozenset({"state", "demonym", "capital", "region", "igo"})


def backed_proxies(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Chile-backed fighters', 'Bolivian-backed forces': the fighters are a non-state armed group
    (``REB`` for forces, troops or armed men with no state of their own), placed later by their
    sentence or document, never by their backer; the backer stays a mention of its own (it is
    the source of the backing).

    Notes: a state's proxies are coded with the state they fight in (CAMEO, PLOVER), never with
    their backer; "Kenyan-led forces" (the leader's) is another phrase, kept as one chunk.
    """
    for i in range(len(chunks) - 1):
        c, h = chunks[i], chunks[i + 1]
        gap = tv.norms[c.end:h.start]
        if c.res is None or c.res.kind not in BACKER_KINDS or c.res.members or len(c.units) != 1 \
                or h.res is None or len(gap) != 2 or gap[0] != "-" or gap[1] not in ctx.words.backing_words:
            continue
        r = h.res
        if r.country is None and all(is_role(u) for u in h.units) and r.sector in ("MIL", "UAF"):
            h.res = Resolution(r.name, None, None, "REB", r.kind, r.rule + "+backed")
    return chunks


#: What stands between coordinated modifiers ("Chilean, Peruvian and Bolivian ...").
COORDINATION_GAPS = (["and"], [","], [",", "and"], ["or"], [",", "or"])


def shared_head(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Chilean, Peruvian and Bolivian fishermen': every coordinated demonym before a role shares
    that role, so each is its country's fishermen, not the bare state or people.

    Only a chain of lone demonyms joined by "and", "or" or commas, ending in a chunk that is a
    demonym and role nouns (whose sector they take); "Chilean and Peruvian rhetoric" (no role)
    and a state in the chain ("Chile, Peru and Bolivian fishermen") are left alone.
    """
    for i, head in enumerate(chunks):
        r = head.res
        if r is None or not r.sector or r.kind not in ("person", "organization") or r.members or not r.country \
                or len(head.units) < 2 or entry_kind(head.units[0]) != "demonym" or not all(is_role(u) for u in head.units[1:]):
            continue
        j, nxt = i - 1, head
        while j >= 0:
            c = chunks[j]
            if (len(c.units) != 1 or c.res is None or c.res.kind != "demonym" or c.res.sector or not c.res.country
                    or tv.norms[c.end:nxt.start] not in COORDINATION_GAPS or tv.sent[c.start] != tv.sent[head.start]):
                break
            c.res = Resolution(c.res.name, actor_code(c.res.country, r.sector), c.res.country, r.sector, r.kind,
                               f"{c.res.rule}+shared-head:{r.rule.split('+')[0]}")
            j, nxt = j - 1, c
    return chunks


def people_demonyms(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Syrians', 'young Syrians', 'tens of thousands of Iraqis': a bare plural demonym standing
    for people (not modifying a noun, no "the") is that state's civilians (CVL).

    "The Americans" (with the article) is left as it is: news often means a state's forces or
    envoys by it. A minority placed elsewhere (:func:`ethnic_minority`) keeps its residence.
    Notes: the annotation guide (evals/guardian/README.md) codes people by nationality as CVL.
    """
    for c in chunks:
        r = c.res
        if r is None or r.sector or not r.country or r.members or len(c.units) != 1 or c.units[0].match is None:
            continue
        if r.kind != "demonym" and not r.rule.startswith("ethnic-minority:"):
            continue
        last = tv.norms[c.end - 1]
        if not last.endswith("s") or tv.pos[c.end - 1] not in ("NOUN", "PROPN", "ADJ") \
                or (c.end < tv.n and tv.pos[c.end] in ("NOUN", "PROPN")):
            continue  # "Syrian", "Danish tax records": a modifier, not people
        lo = lead(ctx, tv, c.start)
        if "the" in tv.norms[max(0, lo - 1):c.start]:
            continue
        c.res = Resolution(r.name, actor_code(r.country, "CVL"), r.country, "CVL", r.kind, r.rule + "+people",
                           former=r.former)
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


def _unknown_organization(c: Chunk) -> bool:
    """Whether ``c`` names an organisation (an NER name, or a name around a role noun: "X Units")
    that nothing has given a country or code."""
    r = c.res
    return r is not None and r.kind == "organization" and not (r.country or r.code or r.members) \
        and (r.rule.startswith("org+") or any(u.ent == "ORG" for u in c.units))


def bracketed_acronym(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Front for Workers' Democracy (FWD)': the bracketed acronym is the name before it.

    Whichever of the two is resolved gives its resolution to the other, so an acronym that
    elsewhere names something else follows the text. The acronym must be the name's initials,
    except that a known acronym after an unknown organisation's name gives it its resolution
    even when it abbreviates the name in another language ("the People's Protection Units (YPG)").
    """
    for c, d in zip(chunks, chunks[1:]):
        if not (d.start == c.end + 1 and tv.norms[c.end] == "(" and d.end - d.start == 1
                and d.end < tv.n and tv.norms[d.end] == ")" and tv.texts[d.start].isupper()):
            continue
        acro = tv.texts[d.start].replace(".", "")
        init = _initials(ctx, tv, c.start, c.end)
        if len(acro) < 2:
            continue
        if not (init == acro or init.endswith(acro) or acro in init):
            if not (_unknown_organization(c) and d.res is not None and d.res.kind == "organization"
                    and (d.res.country or d.res.code)):
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


# --- peoples and unnamed armed actors ------------------------------------------------------------

#: Sectors of armed actors; a people's armed force is non-state (REB) unless a militia (PRM).
ARMED_SECTORS = frozenset({"MIL", "REB", "PRM"})
#: Kinds whose country says where a document is: states, their seats and places in them.
PLACE_COUNTRY_KINDS = frozenset({"state", "capital", "place", "demonym"})
#: The document's country must be named this many times, and at least twice as often as the next.
MIN_DOCUMENT_COUNTRY_MENTIONS = 3


def _people_unit(c: Chunk):
    """The people entry a chunk names ("Kurdish" in "Kurdish fighters"), or None."""
    for u in c.units:
        if u.match is not None and u.match.aliases and u.match.aliases[0].entry.kind == "people":
            return u.match.aliases[0].entry
    return None


def _country_counts(tv: TokenView, chunks: list[Chunk], sid: int | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in chunks:
        r = d.res
        if r is None or not r.country or r.members or r.kind not in PLACE_COUNTRY_KINDS or len(r.country) != 3:
            continue
        if sid is not None and tv.sent[d.start] != sid:
            continue
        counts[r.country] = counts.get(r.country, 0) + 1
    return counts


def clear_country(counts: dict[str, int], allowed=None, minimum: int = 1) -> str | None:
    """The country named most, clearly (twice as often as the next) and at least ``minimum``
    times, among ``allowed``; None when none is (also used for speakers, quotes/speakers.py)."""
    ranked = sorted(((n, c) for c, n in counts.items() if allowed is None or c in allowed), reverse=True)
    if not ranked or ranked[0][0] < minimum or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return ranked[0][1]


def _people_sector(ctx: ActorContext, c: Chunk, people, armed_peoples: set[str]) -> str | None:
    r = c.res
    if r.kind == "people":  # the bare people: its fighters where the document speaks of them, else civilians
        return "REB" if people.id in armed_peoples else "CVL"
    if r.sector in ("MIL",):
        return "REB"
    if r.sector == "GOV" and people.id in armed_peoples:
        return "REB"  # "Kurdish leaders" where Kurdish fighters are spoken of: the armed movement's, not a state's
    return r.sector


def _state_in_chunk(c: Chunk) -> str | None:
    """The country a state word of the chunk names ("Syrian" in "the Syrian Kurds")."""
    for u in c.units:
        if u.match is not None and u.match.aliases and u.match.aliases[0].entry.kind in ("state", "demonym"):
            return u.match.aliases[0].entry.country
    return None


def placed_people(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'Kurdish fighters', 'Shia militias', 'the Kurds': a people spread over several states is in
    the state the document places it in, with the sector of its role.

    The state is one of the people's homelands: the one a state word in the phrase names
    ("Syrian Kurds"), else the only one its sentence names, else the only one such phrases
    elsewhere in the document name, else the one the document names most (clearly). Otherwise the country stays unresolved and the rule says so (``+unplaced``). A
    people's armed force is a non-state one (REB, a militia PRM), and so are its leaders and
    officials where the document speaks of its fighters; the bare people stands for its
    fighters there, else for civilians (CVL).
    """
    peopled = [(c, p) for c in chunks if c.res is not None and (p := _people_unit(c)) is not None]
    if not peopled:
        return chunks
    armed = {p.id for c, p in peopled if c.res.kind != "people" and c.res.sector in ARMED_SECTORS}
    document = _country_counts(tv, chunks)
    qualified: dict[str, set[str]] = {}
    for c, people in peopled:
        state = c.res.country or _state_in_chunk(c)
        if state in people.homelands:
            qualified.setdefault(people.id, set()).add(state)
    for c, people in peopled:
        r = c.res
        sector = _people_sector(ctx, c, people, armed)
        how = "phrase"
        country = r.country or _state_in_chunk(c)
        if not country:
            country, how = clear_country(_country_counts(tv, chunks, tv.sent[c.start]), people.homelands), "sentence"
        if not country and len(qualified.get(people.id, ())) == 1:
            country, how = next(iter(qualified[people.id])), "document-phrase"  # "the Syrian Kurds" said elsewhere
        if not country:
            country, how = clear_country(document, people.homelands), "document"
        rule = f"{people.id}+placed:{how}" if country else f"{people.id}+unplaced"
        kind = "people" if r.kind == "people" else r.kind
        c.res = Resolution(r.name, actor_code(country, sector) if country else None, country, sector, kind,
                           rule if r.kind == "people" else f"{r.rule}+{rule}", former=r.former)
    return chunks


def _domestic(r: Resolution, c: Chunk) -> bool:
    """A bare domestic role ("refugees"), or a named person whose role the text gives but not
    the country ("X, director of urban planning")."""
    if r.sector in DOMESTIC_SECTORS and all(is_role(u) for u in c.units):
        return True
    return r.kind == "person" and bool(r.name) and r.sector is not None and r.sector != "IGO"


def placed_domestic_actors(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'gunmen', 'militants', 'refugees' with no country in their sentence, and people whose role
    the text gives without a country: the country the document is about, when it clearly is
    about one (named at least three times, twice as often as any other); else they stay
    unresolved, the rule saying so (``+unplaced``)."""
    document = None
    for c in chunks:
        r = c.res
        if r is None or r.country or r.members or not _domestic(r, c):
            continue
        if document is None:
            document = clear_country(_country_counts(tv, chunks), minimum=MIN_DOCUMENT_COUNTRY_MENTIONS) or ""
        if document:
            c.res = Resolution(r.name, actor_code(document, r.sector), document, r.sector, r.kind,
                               r.rule + "+context:document", former=r.former)
        else:
            c.res = Resolution(r.name, r.code, r.country, r.sector, r.kind, r.rule + "+unplaced", former=r.former)
    return chunks
