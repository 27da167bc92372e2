"""Shared fixtures: one spaCy pipeline and one knowledge object per test session, a fresh store."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from dyadscope.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def kb():
    from dyadscope.knowledge import load_knowledge

    return load_knowledge()


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
