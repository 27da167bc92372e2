"""Propose candidates: longest alias and role-noun matches over a token sequence.

Works on plain token texts, so the same code serves a parsed document (spaCy tokens) and a
short phrase (:func:`.resolve.resolve_phrase`). Each position is gated by a set lookup of its first
token; only then are the candidate spans (longest first) looked up in the alias index. Known
surnames after a title ("Chancellor Scholz") are proposed as the person who held that title.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..knowledge.entries import ActorEntry, Alias, AliasIndex, RoleNoun, norm_token
from .context import ActorContext


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``start``..``end`` (exclusive) matched ``aliases`` (named actors) and/or ``role``."""

    start: int
    end: int
    aliases: tuple[Alias, ...] = ()
    role: RoleNoun | None = None

    @property
    def alias(self) -> Alias | None:
        return self.aliases[0] if self.aliases else None


def _case_ok(alias: Alias, texts: list[str], prev_norm: str | None, strict: bool) -> bool:
    if alias.needs_the and prev_norm != "the":
        return False
    entry = alias.entry
    case = alias.case or ("exact" if entry.case_sensitive else None)
    if case == "exact":
        if "".join(texts).replace("’", "'") != alias.text.replace(" ", "").replace("’", "'"):
            return False
    elif alias.acronym and case is None:
        joined = "".join(texts)
        if joined.islower():
            return False
    if strict and entry.kind != "dictionary" and case != "free":
        first = texts[0]
        if not (first[:1].isupper() or first[:1].isdigit()) and not alias.text[:1].islower():
            return False
    return True


def scan(index: AliasIndex, texts: list[str], *, wrappers: frozenset[str], strict: bool = False,
         norms: list[str] | None = None) -> list[Match]:
    """Longest non-overlapping matches, left to right.

    Args:
        index: The alias/role index of the knowledge base.
        texts: Token texts.
        wrappers: Marks skipped when looking for the "the" a ``needs_the`` alias needs
            (``the "Tribune"``).
        strict: Document mode: named actors must start with a capital letter (so "turkey" or
            "chad" in running text are not states); phrase mode accepts any case.
        norms: Pre-computed :func:`norm_token` of ``texts``.
    """
    if norms is None:
        norms = [norm_token(t) for t in texts]
    n = len(norms)
    first = index.first
    out: list[Match] = []
    i = 0
    while i < n:
        if norms[i] not in first:
            i += 1
            continue
        found = _longest_at(index, texts, norms, i, wrappers, strict)
        if found is not None and not found.aliases and found.end - found.start >= 2:
            found = _yield_to_longer_name(index, texts, norms, found, strict)
        if found is None:
            i += 1
        else:
            out.append(found)
            i = found.end
    return out


def _longest_at(index: AliasIndex, texts: list[str], norms: list[str], i: int, wrappers: frozenset[str],
                strict: bool) -> Match | None:
    """The longest alias or role match starting at token ``i``."""
    for length in range(min(index.first[norms[i]], len(norms) - i), 0, -1):
        key = tuple(norms[i:i + length])
        aliases = index.aliases.get(key)
        role = index.roles.get(key)
        if aliases is None and role is None:
            continue
        valid: tuple[Alias, ...] = ()
        if aliases:
            k = i - 1
            while k >= 0 and norms[k] in wrappers:
                k -= 1
            prev = norms[k] if k >= 0 else None
            valid = tuple(a for a in aliases if _case_ok(a, texts[i:i + length], prev, strict))
        if valid or role is not None:
            return Match(i, i + length, valid, role)
    return None


def _yield_to_longer_name(index: AliasIndex, texts: list[str], norms: list[str], found: Match,
                          strict: bool) -> Match | None:
    """A name that starts inside a role phrase and runs past it wins over the role's last words.

    "rebel Forces for Democracy": the role shrinks to "rebel" (or disappears when the words
    before the name are no role) so that the name can be matched next.
    """
    for j in range(found.start + 1, found.end):
        if norms[j] not in index.first:
            continue
        longer = _longest_alias(index, texts, norms, j, strict)
        if longer is not None and longer.end > found.end:
            role = index.roles.get(tuple(norms[found.start:j]))
            return Match(found.start, j, (), role) if role is not None else None
    return found


def _longest_alias(index: AliasIndex, texts: list[str], norms: list[str], i: int, strict: bool) -> Match | None:
    n = len(norms)
    for length in range(min(index.first.get(norms[i], 0), n - i), 1, -1):
        aliases = index.aliases.get(tuple(norms[i:i + length]))
        if aliases:
            prev = norms[i - 1] if i > 0 else None
            valid = tuple(a for a in aliases if _case_ok(a, texts[i:i + length], prev, strict))
            if valid:
                return Match(i, i + length, valid, None)
    return None


# --- surnames after a title ------------------------------------------------------------------


def _holds(role, date: _dt.date) -> bool:
    return role.holds(date)


def _latest_start(entry: ActorEntry) -> _dt.date:
    return max((r.start or _dt.date.min for r in entry.roles), default=_dt.date.min)


def _title_holder(cands: list[ActorEntry], title: str | None, date: _dt.date | None) -> ActorEntry | None:
    """The one candidate a surname after ``title`` stands for, or None when it stays ambiguous.

    Candidates that held the title win; among several, the one holding it on ``date``, else
    the most recent holder when they all share one country ("President Roosevelt" undated: a
    USA president either way).
    """
    if title is not None and len(cands) > 1:
        pat = re.compile(rf"\b{re.escape(title.lower())}\b")
        held = [(c, r) for c in cands for r in c.roles if pat.search(r.title.lower())]
        if held:
            cands = list(dict.fromkeys(c for c, _ in held))
            if date is not None and len(cands) > 1:
                now = [c for c, r in held if _holds(r, date)]
                if len(set(now)) == 1:
                    return now[0]
            if len(cands) > 1 and len({c.country for c in cands}) == 1:
                return max(held, key=lambda cr: cr[1].start or _dt.date.min)[0]
    if title is None and len(cands) > 1 and date is not None:
        now = [c for c in cands if any(_holds(r, date) for r in c.roles)]
        if len(now) == 1:
            return now[0]
    if len(cands) > 1 and len({c.country for c in cands}) == 1 and title is None:
        return max(cands, key=_latest_start)
    return cands[0] if len(cands) == 1 else None


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def add_title_surnames(ctx: ActorContext, texts: list[str], norms: list[str], matches: list[Match]) -> list[Match]:
    """Add a person match for a known surname right after a title ("Deputy Minister Okafor").

    Also before a government body ("the Obama administration"). A surname followed by another
    capitalised word is part of a longer name ("President Ahmed Ben Zorgui") and is left alone.
    The holder is chosen on the article's own date (undated: the text decides, see
    :func:`_title_holder`).
    """
    surnames = ctx.kb.index.surnames
    if not surnames:
        return matches
    covered = {i for m in matches for i in range(m.start, m.end)}
    date = ctx.dating.article
    extra = []
    n = len(texts)
    for m in matches:
        if m.role is None or m.aliases:
            continue
        i = m.end
        if i < n and i not in covered and _is_capitalised(texts[i]):
            if i + 1 < n and i + 1 not in covered and _is_capitalised(texts[i + 1]) and texts[i + 1].isalpha():
                continue  # "President Ahmed Ben Zorgui": a longer name
            pick = _title_holder(surnames[norms[i]], m.role.text, date) if norms[i] in surnames else None
            if pick is not None:
                extra.append(Match(i, i + 1, (Alias(pick, texts[i]),), None))
                covered.add(i)
        i = m.start - 1
        if m.role.text in ctx.words.leader_bodies and i >= 0 and i not in covered and _is_capitalised(texts[i]) \
                and (i == 0 or not _is_capitalised(texts[i - 1]) or norms[i - 1] == "the"):
            pick = _title_holder(surnames[norms[i]], None, date) if norms[i] in surnames else None
            if pick is not None:
                extra.append(Match(i, i + 1, (Alias(pick, texts[i]),), None))
                covered.add(i)
    if not extra:
        return matches
    return sorted(matches + extra, key=lambda m: m.start)


def drop_places_in_names(texts: list[str], matches: list[Match]) -> list[Match]:
    """Drop a place match right after an unmatched capitalised word ("Maria Lima" is a name)."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    out = []
    for m in matches:
        prev = m.start - 1
        if (m.aliases and all(a.entry.kind == "place" for a in m.aliases) and prev >= 0 and prev not in covered
                and _is_capitalised(texts[prev]) and texts[prev].isalpha()):
            continue
        out.append(m)
    return out
