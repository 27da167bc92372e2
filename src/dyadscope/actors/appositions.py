"""Appositions and relative clauses give unknown people a role and a country.

"Ana Pereira, a lecturer at the Blorvak Institute, said ..." / "Ana Pereira, who served as
envoy to Chile, ..." / "A former Chilean envoy, Ana Pereira, ..." / "Ana Pereira and Tomas Berg,
who both work at the Blorvak Institute, ...".
"""

from __future__ import annotations

from ..knowledge.entries import BODY_KINDS, actor_code
from .context import ActorContext
from .resolution import Resolution
from .tokens import TokenView
from .units import Chunk, is_role

#: Kinds of a mention that name a country as such (a state, its demonym, its seat, a place in it).
STATE_OR_SEAT_KINDS = frozenset({"state", "demonym", "capital", "place"})

#: The most chunks after a name an apposition may span.
MAX_APPOSITION_CHUNKS = 4
#: Penn tags of finite verbs ("X, warned that ...": no apposition).
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _needs_role(c: Chunk) -> bool:
    """An unknown person (or a short ORG name that may be one) without a country."""
    r = c.res
    if r is None or c.units[-1].ent not in ("PERSON", "ORG") or r.country:
        return False
    return r.kind == "person" or _org_person(c)


def _org_person(c: Chunk) -> bool:
    """A two- or three-token ORG name the NER may have taken a person's name for."""
    return c.res.rule == "ner:org" and c.units[-1].ent == "ORG" and 2 <= c.end - c.start <= 3


def _apposition_chunks(ctx: ActorContext, tv: TokenView, chunks: list[Chunk], i: int) -> tuple[list[Chunk], int]:
    """The chunks of the apposition after chunk ``i``, and the token after its opener's determiners."""
    c = chunks[i]
    j, sid = c.end, tv.sent[c.start]
    k = j + 1
    while k < tv.n and tv.pos[k] in ("DET", "ADJ") and tv.norms[k] != ",":
        k += 1
    relative = k < tv.n and tv.norms[k] in ctx.words.relative_pronouns
    cands: list[Chunk] = []
    for d in chunks[i + 1:]:
        if tv.sent[d.start] != sid or any(tv.norms[x] in ctx.words.apposition_breakers
                                          or (tv.norms[x] == "," and x > j + 1 and not cands)
                                          or (not relative and tv.toks[x].tag_ in FINITE_TAGS)
                                          for x in range(j + 1, d.start)):
            break  # a finite verb outside a relative clause: the comma closed the name's own apposition
        cands.append(d)
        if len(cands) >= MAX_APPOSITION_CHUNKS:
            break
    return cands, k


def _possessed(tv: TokenView, d: Chunk) -> bool:
    """Whether a possessive pronoun right before chunk ``d`` (or its numerals and adjectives) owns it:
    "X, who came with her seven children" names someone else's role, not X's."""
    k = d.start - 1
    while k >= 0 and tv.pos[k] in ("NUM", "ADJ"):
        k -= 1
    return k >= 0 and tv.toks[k].tag_ == "PRP$"


def _role_after(ctx: ActorContext, tv: TokenView, chunks: list[Chunk], i: int):
    """``(role chunk, place chunk, former)`` of an apposition after chunk ``i``, or None without one.

    The role is the first role-noun chunk; the place the first chunk with a country after it;
    after "who", a body alone is the role ("X, who heads the Blorvak Institute").
    """
    j = chunks[i].end
    if not (j < tv.n and tv.norms[j] in ctx.words.apposition_openers and i + 1 < len(chunks)):
        return None
    cands, k = _apposition_chunks(ctx, tv, chunks, i)
    who = k < tv.n and tv.norms[k] == "who"
    former = who and any(w in ctx.words.former_clause_verbs for w in tv.norms[k:k + 4])
    role = next((d for d in cands if d.res is not None and d.res.sector and d.units and is_role(d.units[-1])
                 and not (who and _possessed(tv, d))), None)
    place = next((d for d in cands if d.res is not None and d.res.country and d.res.kind != "region"
                  and d is not role and (role is None or d.start > role.start)), None)
    if role is None and place is not None and place.res.kind in BODY_KINDS and who:
        role = place
    return role, place, former


def _apposed(r: Resolution, role: Chunk, place: Chunk | None, former_clause: bool) -> Resolution:
    """The person ``r`` with the role (and the place's country) of an apposition."""
    rr = role.res
    country = rr.country or (place.res.country if place else None)
    sector = rr.sector
    head = role.units[-1]
    if is_role(head) and head.match.role.generic and place is not None and place.res.kind in ("organization", "igo") \
            and place.res.sector:
        sector = place.res.sector  # "X, president of the Blorvak Institute": EDU
    former = rr.former or former_clause
    if former and country:
        sector = "ELI"
    code = actor_code(country, sector) if country else None
    if rr.code and rr.country == country and rr.sector == sector and not former:
        code = rr.code  # the role's own code ("the EU commissioner": IGOEUREEC)
    return Resolution(r.name, code, country, sector, "person", "apposition+" + rr.rule, former=former)


#: The most tokens of a complement between a role and the name it introduces ("the envoy for
#: humanitarian affairs, X").
MAX_ROLE_COMPLEMENT = 6


def _apposition_gap(tv: TokenView, a: int, b: int) -> bool:
    """Whether tokens ``a``..``b`` between a role and a name are a comma or dash, maybe after a
    short complement of the role ("for humanitarian affairs,")."""
    gap = tv.norms[a:b]
    if gap in ([","], ["—"], ["–"]):
        return True
    return (2 <= len(gap) <= MAX_ROLE_COMPLEMENT + 1 and gap[-1] == "," and tv.pos[a] == "ADP"
            and not any(tv.pos[k] in ("VERB", "AUX", "PUNCT") for k in range(a, b - 1)))


def _plural_role(tv: TokenView, p: Chunk) -> bool:
    """Whether the role noun of chunk ``p`` is plural ("Peruvian troops, X said": no apposition)."""
    role = next(u for u in p.units if is_role(u))
    return tv.toks[role.end - 1].tag_ in ("NNS", "NNPS")


def _role_before(tv: TokenView, chunks: list[Chunk], i: int) -> Chunk | None:
    """'A former Chilean envoy, X,', 'the mayor of Arica, X,', 'the UN envoy for refugees, X,': a
    role chunk with a country right before the name, or before a short complement of it."""
    c = chunks[i]
    for p in chunks[max(0, i - 2):i][::-1]:
        if not _apposition_gap(tv, p.end, c.start) or tv.sent[p.start] != tv.sent[c.start]:
            continue
        if p.res is not None and p.res.kind == "person" and p.units[-1].ent != "PERSON" \
                and any(is_role(u) for u in p.units) and p.res.country and not _plural_role(tv, p):
            return p
    return None


def appositions(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """Unknown people take the role of an apposition or relative clause next to them."""
    for i, c in enumerate(chunks):
        if not _needs_role(c):
            continue
        r = c.res
        after = _role_after(ctx, tv, chunks, i)
        if after is not None:
            role, place, former = after
            if role is not None and _org_person(c) and role.res.kind != "person":
                continue
            if role is not None:
                c.res = _apposed(r, role, place, former)
                continue
        p = _role_before(tv, chunks, i)
        if p is not None:
            c.res = Resolution(r.name, p.res.code, p.res.country, p.res.sector, "person", "apposition+" + p.res.rule,
                               former=p.res.former)
    return _people_after_plural_role(tv, chunks)


def _people_after_plural_role(tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'two Peruvian fighters, Ana Soto and Luis Ortega,': the people listed right after a plural
    role with a country take that role."""
    for i, p in enumerate(chunks[:-2]):
        r = p.res
        if r is None or r.kind != "person" or not r.country or r.members or not any(is_role(u) for u in p.units) \
                or p.units[-1].ent == "PERSON" or not _plural_role(tv, p) or tv.norms[p.end:chunks[i + 1].start] != [","]:
            continue
        people = [chunks[i + 1]]
        for d in chunks[i + 2:]:
            if tv.norms[people[-1].end:d.start] not in (["and"], [","], [",", "and"]):
                break
            people.append(d)
        if len(people) < 2 or not all(_needs_role(d) and d.units[-1].ent == "PERSON" for d in people) \
                or any(tv.sent[d.start] != tv.sent[p.start] for d in people):
            continue
        for d in people:
            d.res = Resolution(d.res.name, r.code, r.country, r.sector, "person", "apposition+" + r.rule,
                               former=r.former)
    return chunks


def named_after_role(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'the president, Gabriel Boric,' / 'its envoy, Ana Pereira': a role noun without a country
    takes the country of the known person named right after it (the role's own sector stays:
    it is what the text says the person is)."""
    for i, p in enumerate(chunks[:-1]):
        r, c = p.res, chunks[i + 1]
        if r is None or r.country or r.members or not r.sector or not all(is_role(u) for u in p.units) \
                or _plural_role(tv, p) or c.res is None or c.res.kind != "person" or not c.res.country \
                or not c.res.name or tv.sent[p.start] != tv.sent[c.start] or tv.norms[p.end:c.start] != [","]:
            continue
        if c.end < tv.n and tv.norms[c.end] not in (",", "—", "–", "(") and tv.pos[c.end] != "PUNCT":
            continue  # "the minister, Ana Pereira said": no apposition but a new clause
        country = c.res.country
        sector = "ELI" if r.former else r.sector
        p.res = Resolution(r.name, actor_code(country, sector), country, sector, r.kind, f"{r.rule}+named:{c.res.rule}",
                           former=r.former)
        if c.res.sector is None:  # a known person whose office the knowledge base does not give that day
            q = c.res
            c.res = Resolution(q.name, actor_code(country, sector), country, sector, "person",
                               f"{q.rule}+role:{r.rule}", former=r.former)
    return chunks


#: Tokens that may stand between two names of a list ("A, B and C", "A, B, and C").
NAME_LIST_GAPS = (["and"], [","], [",", "and"])


def _unknown_name(c: Chunk) -> bool:
    """Whether ``c`` is a bare NER name the knowledge base and the text have given nothing."""
    return c.res is not None and not c.res.country and not c.res.sector and not c.res.members \
        and len(c.units) == 1 and c.units[0].ent in ("PERSON", "ORG")


def role_shared_by_names(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'the Chilean senators Ana Pereira and Luis Soto', 'Peruvian ministers A, B and C': a plural
    role before a list of names belongs to every name of the list, not only the first.

    The first name is read with its role as one chunk; each name that follows it in the same
    sentence, joined by "and" or a comma, with nothing known of its own, takes that chunk's
    country and sector. The list ends at the first other word.
    """
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.kind != "person" or r.members or not (r.country or r.sector) \
                or c.units[-1].ent != "PERSON" or not any(is_role(u) for u in c.units[:-1]):
            continue
        role = [u for u in c.units[:-1] if is_role(u)][-1]
        if tv.toks[role.end - 1].tag_ not in ("NNS", "NNPS"):
            continue  # "senator X and Y": the role is X's alone
        prev = c
        for d in chunks[i + 1:]:
            if tv.sent[d.start] != tv.sent[c.start] or tv.norms[prev.end:d.start] not in NAME_LIST_GAPS \
                    or not _unknown_name(d):
                break
            q = d.res
            d.res = Resolution(q.name or tv.span_text(d.start, d.end), r.code, r.country, r.sector, "person",
                               f"{q.rule}+listed:{r.rule}", former=r.former)
            prev = d
    return chunks


def _plural_role_chunk(tv: TokenView, c: Chunk) -> bool:
    """Whether ``c`` is a plural role with a country and no name in it ("two Chilean activists")."""
    r = c.res
    if r is None or not r.country or not r.sector or r.members or r.kind != "person" \
            or any(u.ent == "PERSON" for u in c.units):
        return False
    roles = [u for u in c.units if is_role(u)]
    return bool(roles) and tv.toks[roles[-1].end - 1].tag_ in ("NNS", "NNPS")


def _name_list(tv: TokenView, chunks: list[Chunk], i: int, step: int, fits) -> list[Chunk]:
    """The names joined by "and" or commas from chunk ``i`` on (``step`` 1: forwards, -1: backwards)."""
    names = [chunks[i]] if fits(chunks[i]) else []
    k = i
    while names and 0 <= k + step < len(chunks):
        a, b = (chunks[k], chunks[k + step]) if step > 0 else (chunks[k + step], chunks[k])
        nxt = chunks[k + step]
        if tv.sent[nxt.start] != tv.sent[chunks[i].start] or tv.norms[a.end:b.start] not in NAME_LIST_GAPS \
                or not fits(nxt):
            break
        names.append(nxt)
        k += step
    return names


def plural_apposition(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'two Chilean activists, Ana Pereira and Luis Soto,' / 'Ana Pereira and Luis Soto, two Chilean
    activists,': a plural role set off by a comma beside a list of two or more names describes
    every name of the list.

    Names the list with nothing known of their own (or, before the role, what the single-name
    apposition already gave the last of them). After the role, the list must be closed by a
    punctuation mark, so that 'Peruvian troops, A and B said,' stays a parenthetical.
    """
    for i, p in enumerate(chunks):
        if not _plural_role_chunk(tv, p):
            continue
        r = p.res
        same = (r.country, r.sector)
        names: list[Chunk] = []
        if i + 1 < len(chunks) and tv.norms[p.end:chunks[i + 1].start] == [","]:
            after = _name_list(tv, chunks, i + 1, 1, _unknown_name)
            end = after[-1].end if after else 0
            if len(after) >= 2 and (end >= tv.n or tv.norms[end] in ctx.words.apposition_closers):
                names = after
        gap = list(range(chunks[i - 1].end, p.start)) if i > 0 else []
        if not names and gap and tv.norms[gap[0]] == "," and all(tv.pos[k] in ("NUM", "DET") for k in gap[1:]):
            fits = lambda c: _unknown_name(c) or (c.res is not None and c.units[-1].ent == "PERSON"  # noqa: E731
                                                  and (c.res.country, c.res.sector) == same)
            before = _name_list(tv, chunks, i - 1, -1, fits)
            if len(before) >= 2:
                names = before
        for d in names:
            q = d.res
            if (q.country, q.sector) == same:
                continue
            d.res = Resolution(q.name or tv.span_text(d.start, d.end), r.code, r.country, r.sector, "person",
                               f"{q.rule}+apposition:{r.rule}", former=r.former)
    return chunks


#: Sectors of the roles a party adjective may qualify ("Republican senator", "Labour leader").
PARTY_ROLE_SECTORS = frozenset({"LEG", "PTY", "GOV"})


def _party_country(ctx: ActorContext, word: str) -> str | None:
    """The one country of the parties named "<word> Party" in the knowledge base, else None."""
    aliases = ctx.kb.index.aliases.get((word, "party"), [])
    countries = {a.entry.country for a in aliases if a.entry.sector == "PTY"}
    return next(iter(countries)) if len(countries) == 1 and None not in countries else None


def party_member_role(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'a Republican senator', 'Republican congressman X': a capitalised party adjective right before
    a politician's role gives the role the country of the party "<adjective> Party".

    Only when exactly one country has a party of that name in the knowledge base and the document
    names that country elsewhere (a party name shared by other states' parties, or a country the
    text never mentions, decides nothing). The role's own sector stays (LEG for a senator).
    """
    named = {c.res.country for c in chunks if c.res is not None and c.res.country and not c.res.members
             and c.res.kind in STATE_OR_SEAT_KINDS}
    for c in chunks:
        r = c.res
        if r is None or r.country or r.members or r.sector not in PARTY_ROLE_SECTORS \
                or r.kind not in ("person", "organization"):
            continue
        role = next((u for u in c.units if is_role(u)), None)
        k = (role.start if role is not None else c.start) - 1
        if role is None or k < 0 or not tv.texts[k][:1].isupper() or tv.pos[k] not in ("PROPN", "ADJ") \
                or tv.sent[k] != tv.sent[c.start]:
            continue
        country = _party_country(ctx, tv.norms[k])
        if country is None or country not in named:
            continue
        c.res = Resolution(r.name, actor_code(country, r.sector), country, r.sector, r.kind,
                           f"{r.rule}+party:{tv.norms[k]}", former=r.former)
    return chunks


def _coordinated_people(tv: TokenView, chunks: list[Chunk], i: int) -> list[Chunk]:
    """The unknown people coordinated with "and" or "," that end with chunk ``i``."""
    people = [chunks[i]]
    k = i
    while k > 0:
        p = chunks[k - 1]
        if tv.norms[p.end:chunks[k].start] in (["and"], [","]) and p.res is not None and p.res.kind == "person" \
                and p.units[-1].ent == "PERSON":
            people.insert(0, p)
            k -= 1
        else:
            break
    return people


def who_work(ctx: ActorContext, tv: TokenView, chunks: list[Chunk]) -> list[Chunk]:
    """'X and Y, who both work at ORG': the coordinated people get ORG's country and sector."""
    for i, c in enumerate(chunks):
        r = c.res
        if r is None or r.kind != "person" or c.units[-1].ent != "PERSON":
            continue
        people = _coordinated_people(tv, chunks, i)
        j = c.end
        if len(people) < 2 or j + 2 >= tv.n or tv.norms[j] != "," or tv.norms[j + 1] != "who":
            continue
        if not any(w.startswith(ctx.words.workplace_verbs) for w in tv.norms[j + 2:j + 6]):
            continue
        org = next((d for d in chunks[i + 1:i + 4] if d.res is not None and d.res.country and d.res.kind in BODY_KINDS
                    and tv.sent[d.start] == tv.sent[c.start]), None)
        if org is None:
            continue
        for pc in people:
            pr = pc.res
            if not pr.country:
                pc.res = Resolution(pr.name, actor_code(org.res.country, org.res.sector), org.res.country,
                                    org.res.sector, "person", "who-work+" + org.res.rule)
    return chunks
