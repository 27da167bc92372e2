"""What one knowledge-base entry stands for on a date: the office a person holds, the code in force.

An entry is fixed data; its resolution can depend on the date: a person is coded with the sector
of the office held that day (``ELI`` and ``former`` once every office has ended), a dictionary
entry with the code valid that day. There is no hidden clock: the day is the article's date,
else a reference date the caller gives; with neither, a person's office is unknown.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..knowledge.actors import ActorKB
from ..knowledge.entries import ActorEntry, DatedCode, actor_code, split_code
from ..records import Actor


@dataclass(frozen=True, slots=True)
class Dating:
    """The dates a resolution depends on.

    Attributes:
        article: The document's (or phrase's) own date, or None. Rules that read an office from
            the text itself ("Secretary-General Guterres" undated) apply only when it is None, and
            dictionary codes are chosen on it (undated: the default code).
        reference: The day a known person's office is read on when ``article`` is None. None
            too: the office is unknown, so the person gets their country and no sector.
    """

    article: _dt.date | None = None
    reference: _dt.date | None = None

    @property
    def offices(self) -> _dt.date | None:
        """The day offices are read on: the article's date, else the reference date."""
        return self.article or self.reference


#: No date at all: offices unknown, undated dictionary codes.
UNDATED = Dating()


def reference_day(value: str | _dt.date | None) -> _dt.date | None:
    """A reference date given as ISO ``YYYY-MM-DD`` (or a date); None stays None.

    Raises:
        ValueError: naming the value when it is not an ISO date.
    """
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"reference date {value!r} is not an ISO date (expected YYYY-MM-DD)") from None


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

    def as_actor(self, text: str, start: int, end: int) -> Actor:
        """This resolution as the :class:`~dyadscope.records.Actor` of the mention ``text`` at ``start``..``end``."""
        return Actor(text=text, name=self.name, code=self.code, country=self.country, sector=self.sector,
                     start=start, end=end, former=self.former)


def resolve_entry(kb: ActorKB, entry: ActorEntry, dating: Dating = UNDATED) -> Resolution:
    """The resolution of ``entry`` on ``dating.offices`` (a person's office) or ``dating.article`` (codes)."""
    rule = entry.id
    if entry.kind == "person" and (entry.roles or entry.base_sector):
        return _person_on(entry, dating.offices)
    if entry.codes:
        code = pick_code(entry.codes, dating.article)
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


def _person_on(entry: ActorEntry, when: _dt.date | None) -> Resolution:
    """A known person on ``when``: the office held then, else ``ELI`` after the last one, else the base sector.

    With no date the office is unknown: the person keeps their country and gets no sector,
    unless they hold no dated office at all (a rebel leader's base sector always applies).
    """
    rule = entry.id
    if when is None:
        sector = None if entry.roles else entry.base_sector
        return Resolution(entry.name, actor_code(entry.country, sector), entry.country, sector, "person", rule)
    active = [r for r in entry.roles if (r.start is None or r.start <= when) and (r.end is None or when <= r.end)]
    if active:
        role = max(active, key=lambda r: r.start or _dt.date.min)
        country = role.country or entry.country
        code = f"IGO{country}" if role.sector == "IGO" and role.country else actor_code(country, role.sector)
        return Resolution(entry.name, code, country, role.sector, "person", rule)
    if any(r.end is not None and r.end < when for r in entry.roles):
        return Resolution(entry.name, actor_code(entry.country, "ELI"), entry.country, "ELI", "person", rule,
                          former=True)
    sector = entry.base_sector
    return Resolution(entry.name, actor_code(entry.country, sector), entry.country, sector, "person", rule)


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
