"""Fuzz suite (issue 16): generated documents of every input format and generated user
dictionaries through the public entry points. No exception escapes, every input is accounted for
(stored, already present, or reported on one line), a crash of our own never hides among bad
inputs, and the command line's exit code says whether anything failed.

The quick profile (fixed examples: 60 documents read, 100 byte strings, 200 dictionaries, 5
folders through the pipeline, one command line run) runs with the suite; ``pytest -m fuzz``
runs the long one (fresh random examples, 20 times as many). ``benchmarks/fuzz.py`` gives the
figures over thousands of inputs. The families are in ``tests/fuzz_inputs.py``.
"""

from __future__ import annotations

import random
import re
import time

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadscope.batch import Engine, ingest
from dyadscope.budget import FixedBudget
from dyadscope.cli import cli
from dyadscope.errors import KnowledgeError
from dyadscope.ingest import SUFFIXES, read_inputs
from dyadscope.knowledge.actors import load_actor_kb
from dyadscope.knowledge.lexicon import load_lexicon
from dyadscope.knowledge.load import DATA_DIR
from dyadscope.knowledge.pronouns import load_pronouns
from dyadscope.records import Article, Failure
from dyadscope.store import Database
from tests.fuzz_inputs import DICTIONARY_FAMILIES, DOCUMENT_FAMILIES

pytestmark = pytest.mark.fuzz

N = settings.default.max_examples  # 100 quick, 2,000 long (tests/conftest.py)
SEEDS = st.integers(0, 2**32 - 1)
# Through the whole pipeline: the families but the long runs, which the reading tests and the
# budget tests cover (parsing 100 KB of punctuation is refused after its budget, seconds later).
PIPELINE_FAMILIES = sorted(f for f in DOCUMENT_FAMILIES if f != "long_runs")


def _check_items(items: list, started: float) -> None:
    assert items, "an input yielded neither a document nor a failure"
    for item in items:
        assert isinstance(item, Article | Failure), item
        if isinstance(item, Failure):
            assert item.reason and "\n" not in item.reason, item
            assert not item.reason.startswith("internal error"), item.reason
        else:
            for value in (item.doc_id, item.text, item.title or "", item.author or "", item.url or ""):
                value.encode("utf-8")  # no lone surrogate reaches the store
    assert time.perf_counter() - started < 30, "a small input took half a minute"


@settings(max_examples=N * 3 // 5)
@given(family=st.sampled_from(sorted(DOCUMENT_FAMILIES)), seed=SEEDS)
def test_fuzz_any_generated_document_is_read_or_refused_on_one_line(tmp_path_factory, family, seed):
    name, data = DOCUMENT_FAMILIES[family](random.Random(seed))
    path = tmp_path_factory.mktemp(family) / name
    path.write_bytes(data)
    started = time.perf_counter()
    _check_items(list(read_inputs([path])), started)


@settings(max_examples=N)
@given(data=st.binary(max_size=4_000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_any_bytes_under_any_suffix_are_read_or_refused_on_one_line(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    started = time.perf_counter()
    _check_items(list(read_inputs([path])), started)


@pytest.fixture(scope="module")
def load_user_file(tmp_path_factory):
    lexicon, pronouns = load_lexicon(DATA_DIR), load_pronouns(DATA_DIR)
    empty = tmp_path_factory.mktemp("no-shipped-actors")

    def load(path):
        return load_actor_kb(empty, [path], lexicon=lexicon, pronouns=pronouns)

    return load


@settings(max_examples=2 * N)
@given(family=st.sampled_from(sorted(DICTIONARY_FAMILIES)), seed=SEEDS)
def test_fuzz_any_generated_dictionary_loads_or_is_refused_file_line_problem(load_user_file, tmp_path_factory,
                                                                             family, seed):
    name, data = DICTIONARY_FAMILIES[family](random.Random(seed))
    path = tmp_path_factory.mktemp(family) / name
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        kb = load_user_file(path)
    except KnowledgeError as e:
        assert e.problems and all(p.startswith(name) and "\n" not in p for p in e.problems), e.problems
    else:
        for entry in kb.entries:
            assert isinstance(entry.name, str) and all(isinstance(c.code, str) for c in entry.codes)
    assert time.perf_counter() - started < 5


@pytest.mark.slow
@settings(max_examples=max(5, N // 20))
@given(inputs=st.lists(st.tuples(st.sampled_from(PIPELINE_FAMILIES), SEEDS), min_size=1, max_size=3))
def test_fuzz_a_folder_of_generated_documents_is_accounted_for(nlp, kb, tmp_path_factory, inputs):
    folder = tmp_path_factory.mktemp("batch")
    for i, (family, seed) in enumerate(inputs):
        name, data = DOCUMENT_FAMILIES[family](random.Random(seed))
        (folder / f"{i}-{name}").write_bytes(data)
    read = list(read_inputs([folder]))
    with Database(memory=True) as db:
        summary = ingest([folder], db=db, engine=Engine(nlp=nlp, kb=kb, budget=FixedBudget(5)))
        counts = db.counts()
    assert summary.processed + summary.skipped_duplicates + len(summary.failures) == len(read)
    assert not [f for f in summary.failures if f.reason.startswith("internal error")]
    assert counts["documents"] == summary.processed and counts["failures"] == len(summary.failures)


@pytest.mark.slow
def test_fuzz_command_line_over_generated_files_exit_code_and_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(16)
    for i in range(16):
        family = PIPELINE_FAMILIES[i % len(PIPELINE_FAMILIES)]
        name, data = DOCUMENT_FAMILIES[family](random.Random(rng.randrange(2**32)))
        (folder / f"{i:02d}-{name}").write_bytes(data)
    read = list(read_inputs([folder]))
    bad = sum(isinstance(x, Failure) for x in read)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "s.duckdb"), "--max-seconds", "5"])
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code == (1 if bad else 0), result.output
    stored, present, failed = (int(w) for w in re.search(
        r"(\d+) documents stored, (\d+) already present, (\d+) failed", result.stdout).groups())
    assert stored + present + failed == len(read) and failed >= bad
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == failed
