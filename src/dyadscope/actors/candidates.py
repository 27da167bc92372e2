"""Propose candidates: longest alias and role-noun matches over a token sequence.

Works on plain token texts, so the same code serves a parsed document (spaCy tokens) and a
short phrase (:func:`.resolve.resolve_phrase`). Each position is gated by a set lookup of its first
token; only then are the candidate spans (longest first) looked up in the alias index.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.entries import Alias, AliasIndex, RoleNoun, norm_token


QUOTES = frozenset(['"', "'", "“", "”", "‘", "’", "*", "_", "«", "»"])


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
    if entry.case_sensitive:
        if "".join(texts).replace("’", "'") != alias.text.replace(" ", "").replace("’", "'"):
            return False
    elif alias.acronym:
        joined = "".join(texts)
        if joined.islower():
            return False
    if strict and entry.kind != "dictionary":
        first = texts[0]
        if not (first[:1].isupper() or first[:1].isdigit()) and not alias.text[:1].islower():
            return False
    return True


def scan(index: AliasIndex, texts: list[str], *, strict: bool = False, norms: list[str] | None = None) -> list[Match]:
    """Longest non-overlapping matches, left to right.

    Args:
        index: The alias/role index of the knowledge base.
        texts: Token texts.
        strict: Document mode: named actors must start with a capital letter (so "turkey" or
            "chad" in running text are not states); phrase mode accepts any case.
        norms: Pre-computed :func:`norm_token` of ``texts``.
    """
    if norms is None:
        norms = [norm_token(t) for t in texts]
    n = len(norms)
    first, aliases_idx, roles_idx, max_len = index.first, index.aliases, index.roles, index.max_len
    out: list[Match] = []
    i = 0
    while i < n:
        if norms[i] not in first:
            i += 1
            continue
        found = None
        for length in range(min(max_len, n - i), 0, -1):
            key = tuple(norms[i:i + length])
            aliases = aliases_idx.get(key)
            role = roles_idx.get(key)
            if aliases is None and role is None:
                continue
            valid: tuple[Alias, ...] = ()
            if aliases:
                k = i - 1
                while k >= 0 and norms[k] in QUOTES:
                    k -= 1
                prev = norms[k] if k >= 0 else None
                valid = tuple(a for a in aliases if _case_ok(a, texts[i:i + length], prev, strict))
            if valid or role is not None:
                found = Match(i, i + length, valid, role)
                break
        if found is not None and not found.aliases and found.end - found.start >= 2:
            # "rebel Forces for Defence of Democracy": a name starting inside a role phrase and
            # running past it wins over the role's last words
            for j in range(found.start + 1, found.end):
                if norms[j] not in first:
                    continue
                longer = _longest_alias(index, texts, norms, j, strict)
                if longer is not None and longer.end > found.end:
                    role = roles_idx.get(tuple(norms[found.start:j]))
                    found = Match(found.start, j, (), role) if role is not None else None
                    break
            if found is None:
                i += 1
                continue
        if found is None:
            i += 1
        else:
            out.append(found)
            i = found.end
    return out


def _longest_alias(index: AliasIndex, texts: list[str], norms: list[str], i: int, strict: bool) -> Match | None:
    n = len(norms)
    for length in range(min(index.max_len, n - i), 1, -1):
        aliases = index.aliases.get(tuple(norms[i:i + length]))
        if aliases:
            prev = norms[i - 1] if i > 0 else None
            valid = tuple(a for a in aliases if _case_ok(a, texts[i:i + length], prev, strict))
            if valid:
                return Match(i, i + length, valid, None)
    return None
