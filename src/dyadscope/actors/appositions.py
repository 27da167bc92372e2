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

#: The most chunks after a name an apposition may span.
MAX_APPOSITION_CHUNKS = 4


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
    cands: list[Chunk] = []
    for d in chunks[i + 1:]:
        if tv.sent[d.start] != sid or any(tv.norms[x] in ctx.words.apposition_breakers
                                          or (tv.norms[x] == "," and x > j + 1 and not cands)
                                          for x in range(j + 1, d.start)):
            break
        cands.append(d)
        if len(cands) >= MAX_APPOSITION_CHUNKS:
            break
    return cands, k


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
    role = next((d for d in cands if d.res is not None and d.res.sector and d.units and is_role(d.units[-1])), None)
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
    return Resolution(r.name, code, country, sector, "person", "apposition+" + rr.rule, former=former)


def _role_before(tv: TokenView, chunks: list[Chunk], i: int) -> Chunk | None:
    """'A former Chilean envoy, X,': a role chunk with a country right before the name."""
    if i == 0:
        return None
    c, p = chunks[i], chunks[i - 1]
    if tv.norms[p.end:c.start] not in ([","], ["—"], ["–"]) or tv.sent[p.start] != tv.sent[c.start]:
        return None
    if p.res is not None and p.res.kind == "person" and p.units[-1].ent is None and is_role(p.units[-1]) \
            and p.res.country:
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
            if _org_person(c) and (role is None or role.res.kind != "person"):
                continue
            if role is not None:
                c.res = _apposed(r, role, place, former)
                continue
        p = _role_before(tv, chunks, i)
        if p is not None:
            c.res = Resolution(r.name, p.res.code, p.res.country, p.res.sector, "person", "apposition+" + p.res.rule,
                               former=p.res.former)
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
