"""What one knowledge-base entry stands for on a date: the office a person holds, the code in force.

An entry is fixed data; its resolution can depend on the date: a person is coded with the sector
of the office held that day (``ELI`` and ``former`` once every office has ended), a dictionary
entry with the code valid that day.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..knowledge.actors import ActorKB
from ..knowledge.entries import ActorEntry, DatedCode, actor_code, split_code


@dataclass(frozen=True)
class Resolution:
    """What a phrase or mention resolves to (fields as in :class:`dyadscope.records.Mention`)."""

    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    rule: str
    former: bool = False
    state_owned: bool = False
    members: tuple["Resolution", ...] = ()


def resolve_entry(kb: ActorKB, entry: ActorEntry, date: _dt.date | None = None) -> Resolution:
    """The resolution of ``entry`` on ``date`` (today when None)."""
    when = date or kb.today
    rule = entry.id
    if entry.kind == "person" and (entry.roles or entry.base_sector):
        active = [r for r in entry.roles if (r.start is None or r.start <= when) and (r.end is None or when <= r.end)]
        if active:
            role = max(active, key=lambda r: r.start or _dt.date.min)
            country = role.country or entry.country
            code = f"IGO{country}" if role.sector == "IGO" and role.country else actor_code(country, role.sector)
            return Resolution(entry.name, code, country, role.sector, "person", rule)
        past = [r for r in entry.roles if r.end is not None and r.end < when]
        if past:
            return Resolution(entry.name, actor_code(entry.country, "ELI"), entry.country, "ELI", "person", rule,
                              former=True)
        sector = entry.base_sector
        return Resolution(entry.name, actor_code(entry.country, sector), entry.country, sector, "person", rule)
    if entry.codes:
        code = pick_code(entry.codes, date)
        if code and "/" in code:
            members = tuple(
                Resolution(entry.name, c, c[:3], c[3:6] or None, "dictionary", rule) for c in code.split("/") if c
            )
            return Resolution(entry.name, None, None, None, "group", rule, members=members)
        country, sector = split_code(code, kb.petrarch_codes)
        return Resolution(entry.name, code, country, sector, entry.kind, rule, state_owned=entry.state_owned)
    code = entry.code if entry.code is not None else actor_code(entry.country, entry.sector)
    if entry.kind == "place":
        code = None
    return Resolution(entry.name, code, entry.country, entry.sector, entry.kind, rule, state_owned=entry.state_owned)


def pick_code(codes: tuple[DatedCode, ...], date: _dt.date | None) -> str | None:
    """The dictionary code in force on ``date``: the first dated code covering it, else the undated default."""
    default = None
    for dc in codes:
        if dc.start is None and dc.end is None:
            if default is None:
                default = dc.code
            continue
        if date is None:
            continue
        if (dc.start is None or dc.start <= date) and (dc.end is None or date <= dc.end):
            return dc.code
    if default is None and date is None:
        # No date: the open-ended code (the current one) is the best default.
        open_ended = [dc for dc in codes if dc.end is None]
        if open_ended:
            return open_ended[-1].code
    return default
