"""No project file reproduces six consecutive words of the shared gold data or seed articles."""

from __future__ import annotations

import numpy as np
import pytest

from tests import leak_guard


def test_leak_guard_finds_a_copied_run_and_ignores_names():
    keys = leak_guard._Keys()
    gold = np.unique(keys.of(leak_guard.words("the envoy quietly promised to reopen the northern border crossing")))
    copied = "Notes: the envoy quietly promised to reopen the bridge.\nOther text."
    named = "The Council for Trade and Co-operation in the Arctic met."
    found = list(leak_guard._leaks_in(copied, gold, keys, "x.md"))
    assert found == ["x.md:1: the envoy quietly promised to reopen"]
    gold_name = np.unique(keys.of(leak_guard.words("a Council for Trade and Co-operation in the Arctic")))
    assert list(leak_guard._leaks_in(named, gold_name, keys, "y.md")) == []


def test_leak_guard_project_reproduces_no_gold_or_seed_text():
    if not leak_guard.SHARED.is_dir():
        pytest.skip("../shared is absent")
    found = leak_guard.leaks()
    assert not found, "six-word runs of shared gold data or seeds:\n" + "\n".join(found[:40])
