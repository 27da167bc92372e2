"""Time budgets (issue 16, item 2): a document past its budget is refused with a clear reason and
the batch goes on; the deadline interrupts Python code, regular expressions and the tokenizer."""

from __future__ import annotations

import re
import threading
import time

import pytest

from dyadscope import budget
from dyadscope.budget import BudgetExceeded, FixedBudget, deadline, default_budget
from dyadscope.ingest import read_inputs
from dyadscope.records import Article, ArticleResult, Failure


def test_budget_deadline_interrupts_a_busy_loop_and_a_backtracking_regex():
    for work in (lambda: [i for i in iter(int, 1)], lambda: re.match(r"(a+)+$", "a" * 40 + "b")):
        started = time.monotonic()
        with pytest.raises(BudgetExceeded):
            with deadline(0.3):
                work()
        assert time.monotonic() - started < 3


def test_budget_is_not_swallowed_by_except_exception():
    def stubborn():
        while True:
            try:
                time.sleep(0.05)
            except Exception:  # noqa: BLE001 - what third-party code does
                pass

    with pytest.raises(BudgetExceeded):
        with deadline(0.2):
            stubborn()


def test_budget_sizes_and_no_budget():
    assert default_budget(0) == 20 and 23 < default_budget(100_000) < 25
    assert FixedBudget(0)(10**6) is None and FixedBudget(5)(1) == 5
    with deadline(None):
        time.sleep(0.01)


def test_budget_is_a_no_op_outside_the_main_thread():
    out = []

    def run():
        with deadline(0.05):
            time.sleep(0.2)
        out.append("finished")

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert out == ["finished"]


def test_budget_a_slow_file_is_refused_and_the_next_is_read(tmp_path, monkeypatch):
    from dyadscope.ingest import formats

    real = formats.split_header

    def slow(paras):
        if any("SLOW" in p for p in paras):
            time.sleep(30)
        return real(paras)

    monkeypatch.setattr(formats, "split_header", slow)
    (tmp_path / "a.txt").write_text("SLOW text that takes ages to clean, or so we pretend here.")
    (tmp_path / "b.txt").write_text("Chile and Peru signed a fisheries accord in Lima on Monday.")
    started = time.monotonic()
    first, second = read_inputs([tmp_path / "a.txt", tmp_path / "b.txt"], budget=FixedBudget(0.5))
    assert time.monotonic() - started < 10
    assert isinstance(first, Failure) and first.reason.startswith("refused: processing took over its time budget of 0 s")
    assert isinstance(second, Article)


@pytest.mark.slow
def test_budget_tokenizer_trap_is_refused_the_rest_coded(nlp, kb):
    from dyadscope.pipeline import process_articles

    texts = {"a": "Chile and Peru signed a fisheries accord in Lima on Monday.", "trap": "](" * 20_000,
             "c": "Argentina recalled its ambassador from Uruguay."}
    articles = [Article(doc_id=k, text=v, source_path=f"{k}.txt") for k, v in texts.items()]
    started = time.monotonic()
    results = list(process_articles(articles, nlp=nlp, kb=kb, budget=FixedBudget(2)))
    assert time.monotonic() - started < 60
    assert [type(r) for r in results] == [ArticleResult, Failure, ArticleResult]
    assert results[1].source == "trap.txt" and "refused: processing took over its time budget of 2 s" in results[1].reason


def test_budget_module_has_no_deadline_left_running():
    with pytest.raises(BudgetExceeded):
        with deadline(0.1):
            time.sleep(1)
    assert budget._active == []
    time.sleep(1.3)  # a stray SIGALRM would raise here
