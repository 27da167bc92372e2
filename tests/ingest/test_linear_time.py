"""Cleaning runs in linear time (issue 16, item 2): markup patterns that once scanned to the end of
the line from every mark ("**a " or "[" repeated: minutes for 16 KB) now take well under a second."""

from __future__ import annotations

import json
import time

import pytest

from dyadscope.ingest import read_inputs
from dyadscope.ingest.markup import strip_inline

PATHOLOGICAL = ["**a ", "__a ", "[", "![", "[^", "[a][", "](", "- [", "<a ", "[a](b \""]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".jsonl"])
@pytest.mark.parametrize("atom", PATHOLOGICAL)
def test_linear_cleaning_of_32k_of_repeated_marks_is_quick(tmp_path, suffix, atom):
    body = (atom * (32_000 // len(atom) + 1))[:32_000]
    src = tmp_path / f"marks{suffix}"
    src.write_text(json.dumps({"id": "m", "text": body}) + "\n" if suffix == ".jsonl" else body, encoding="utf-8")
    started = time.perf_counter()
    items = list(read_inputs([src]))
    assert len(items) == 1
    assert time.perf_counter() - started < 10, "cleaning must stay linear (this took minutes before)"


def test_linear_emphasis_and_links_are_still_removed():
    assert strip_inline("a **bold** and __strong__ word, *one* _two_") == "a bold and strong word, one two"
    assert strip_inline('see [the talks](https://example.org/t_(x) "Talks") and ![map](m.png) [ref][1]') == "see the talks and ref"
    assert strip_inline("**a **a **a") == "**a **a **a"
    assert strip_inline("**bold *and* more**") == "bold and more"
