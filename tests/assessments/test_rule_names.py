"""Snapshot of the assessment stage's rule names (the values ``Assessment.rule`` carries are the anchors').

After a deliberate change, regenerate ``rule_names.json`` from ``dyadscope.assessments.RULE_TABLES``
and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

from dyadscope.assessments import RULE_TABLES

SNAPSHOT = json.loads(Path(__file__).with_name("rule_names.json").read_text(encoding="utf-8"))


def test_rule_names_assessments_match_the_snapshot():
    assert {step: [rule.name for rule in table] for step, table in RULE_TABLES.items()} == SNAPSHOT


def test_rule_names_assessments_are_unique_and_name_their_step():
    names = [rule.name for table in RULE_TABLES.values() for rule in table]
    assert len(names) == len(set(names))
    assert all(name.startswith(f"assessments.{step[:-1]}.") for step, table in RULE_TABLES.items() for name in (r.name for r in table))
