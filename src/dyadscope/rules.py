"""Named, versioned rules: how a stage lists the small functions it applies, in order.

A stage keeps its rules in one visible table (a tuple of :class:`Rule`), the way a spaCy
pipeline lists its components, and applies them in that order. The name is what a record's
``rule`` field and the rule-name snapshot test cite, so renaming or re-versioning a rule is a
visible change: ``"actors.coref.dyad_phrase.v1"`` = stage, step, rule, version.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_NAME = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+\.v[0-9]+$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its versioned ``name`` and the ``func`` that applies it."""

    name: str
    func: Callable

    def __post_init__(self):
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not of the form 'stage.step.rule.vN'")


def rule_table(*rules: tuple[str, Callable]) -> tuple[Rule, ...]:
    """A stage's ordered rule table from ``(name, func)`` pairs; names must be unique."""
    table = tuple(Rule(name, func) for name, func in rules)
    names = [r.name for r in table]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ValueError(f"rule names used twice: {', '.join(duplicated)}")
    return table


def rule_names(tables: Iterable[tuple[Rule, ...]]) -> list[str]:
    """Every rule name of the given tables, in table order."""
    return [rule.name for table in tables for rule in table]
