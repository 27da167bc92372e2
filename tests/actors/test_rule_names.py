"""Snapshot of each stage's rule names and versions: renaming or re-versioning a rule is a visible change.

``tests/rule_names.json`` maps a stage to its rule names in the order the stage applies them.
A stage takes part by exposing ``RULE_TABLES`` (a tuple of :func:`dyadscope.rules.rule_table`
tables) and an entry in :data:`STAGES`. After a deliberate change, run
``python -m tests.actors.test_rule_names --update`` and commit the new snapshot.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from dyadscope.rules import rule_names

SNAPSHOT = Path(__file__).resolve().parents[1] / "rule_names.json"

#: Stage -> the module whose RULE_TABLES it is pinned by.
STAGES = {"actors": "dyadscope.actors"}


def current(stage: str) -> list[str]:
    return rule_names(importlib.import_module(STAGES[stage]).RULE_TABLES)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_rule_names_match_the_snapshot(stage):
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert current(stage) == snapshot.get(stage), (
        f"the {stage} rules changed; if on purpose, run python -m tests.actors.test_rule_names --update")


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_rule_names_are_unique_across_tables(stage):
    names = current(stage)
    assert len(names) == len(set(names))


if __name__ == "__main__" and "--update" in sys.argv:
    data = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
    data.update({stage: current(stage) for stage in STAGES})
    SNAPSHOT.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
