"""Snapshot of the event stage's rule names: renaming, re-versioning or reordering a rule is a visible change.

After a deliberate change, regenerate ``rule_names.json`` from ``dyadscope.events.RULE_TABLES``
and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

from dyadscope.events import RULE_TABLES

SNAPSHOT = Path(__file__).with_name("rule_names.json")


def test_rule_names_events_match_the_snapshot():
    got = {step: [rule.name for rule in table] for step, table in RULE_TABLES.items()}
    assert got == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_rule_names_events_are_unique_across_tables():
    names = [rule.name for table in RULE_TABLES.values() for rule in table]
    assert len(names) == len(set(names))
    assert all(name.startswith("events.") for name in names)
