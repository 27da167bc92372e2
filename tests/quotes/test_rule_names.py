"""Snapshot of the quote stage's rule names, and of the rule names its records carry.

After a deliberate change, regenerate ``rule_names.json`` from ``dyadscope.quotes.RULE_TABLES``
(the ``records`` entry lists the ``Quote.rule`` values, ``<frame>`` standing for a cue frame) and
say why in the commit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dyadscope.quotes import RULE_TABLES, quotations
from dyadscope.records import Article

SNAPSHOT = json.loads(Path(__file__).with_name("rule_names.json").read_text(encoding="utf-8"))


def test_rule_names_quotes_match_the_snapshot():
    got = {step: [rule.name for rule in table] for step, table in RULE_TABLES.items()}
    assert got == {step: names for step, names in SNAPSHOT.items() if step != "records"}


def test_rule_names_quotes_are_unique_across_tables():
    names = [rule.name for table in RULE_TABLES.values() for rule in table]
    assert len(names) == len(set(names)) and all(name.startswith("quotes.") for name in names)


@pytest.mark.slow
def test_rule_names_quote_records_carry_only_listed_names(nlp, kb):
    text = ("“The harbour stays shut until Friday,” the port authority said. The union says pay must rise. "
            "According to the census office, rents doubled. The envoy urged the council to act.\n"
            "CHAIR: We will now hear the next speaker on the budget.")
    doc = nlp(text)
    listed = [re.escape(n).replace(re.escape("<frame>"), "[a-z+-]+") for n in SNAPSHOT["records"]]
    rules = {q.rule for q in quotations(doc, article=Article("t", text), mentions=[], kb=kb)}
    assert len(rules) >= 4
    assert all(any(re.fullmatch(p, r) for p in listed) for r in rules), rules
