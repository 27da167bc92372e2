"""Shared fixtures: one spaCy pipeline and knowledge objects per test session, a fresh store.

``kb`` is the shipped knowledge (tests of the shipped data and of stages that need it); ``small_kb``
is the same with the tiny actor knowledge base of ``tests/knowledge/fixture/`` in place of the
shipped actor files, for the actor rule tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FIXTURE_KNOWLEDGE = Path(__file__).resolve().parent / "knowledge" / "fixture"


@pytest.fixture(scope="session")
def nlp():
    from dyadscope.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def kb():
    from dyadscope.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def small_kb(kb):
    from dataclasses import replace

    from dyadscope.knowledge.actors import load_actor_kb

    return replace(kb, actors=load_actor_kb(FIXTURE_KNOWLEDGE, lexicon=kb.lexicon, pronouns=kb.actors.pronouns))


@pytest.fixture
def db():
    from dyadscope.store import Database

    database = Database(memory=True)
    yield database
    database.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS
