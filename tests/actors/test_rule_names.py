"""Snapshot of the actor stage's rule names: renaming, re-versioning or reordering a rule is a visible change.

After a deliberate change, regenerate ``rule_names.json`` from ``dyadscope.actors.RULE_TABLES``
(``python -m tests.actors.test_rule_names``) and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

from dyadscope.actors import RULE_TABLES

SNAPSHOT = Path(__file__).with_name("rule_names.json")


def current() -> dict[str, list[str]]:
    return {step: [rule.name for rule in table] for step, table in RULE_TABLES.items()}


def test_rule_names_actors_match_the_snapshot():
    assert current() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_rule_names_actors_are_unique_across_tables():
    names = [name for names in current().values() for name in names]
    assert len(names) == len(set(names))
    assert all(name.startswith("actors.") for name in names)


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(current(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
