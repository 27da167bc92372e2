"""The actor-knowledge build's pitfalls on invented inputs (scripts/build_actor_knowledge.py; skipped
without the pinned build packages, which CI does not install)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("wordfreq")

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_actor_knowledge.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_actor_knowledge", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _curated(build, names, places=()):
    return {build._key(n) for n in names}, {build._key(n) for n in places}


def test_build_place_keeps_its_other_forms_when_one_spells_a_curated_name(build):
    # "Zolvany" is also a curated parliament's name: the town keeps its other spelling
    keep = build._place(["Zolvány", "Zolvanyi"], set(), _curated(build, ["Zolvany"]), set())
    assert keep == ["Zolvanyi"]


def test_build_place_a_curated_place_covers_is_left_out(build):
    assert build._place(["Qartuvel", "Kartuvel"], set(), _curated(build, ["Qartuvel"], ["Qartuvel"]), set()) is None


def test_build_org_generic_translation_is_no_variant(build):
    listings = [("PER", "Partido Zolvano", ["Workers' Party", "PZV"], "PTY")]
    generic = {"workers", "party"}
    (entry,) = build._org_entries("partidozolvano", listings, False, generic, {"PER": "Peruvian"}, set(), set())
    assert entry["variants"] == ["PZV"]
