"""Marking text, evidence, links and search terms."""

from __future__ import annotations

import pytest

from dyadscope.web.text import Mark, evidence_parts, highlight, safe_link, search_terms, segments


def test_text_segments_nest_and_overlap():
    text = "Russia said Iran agreed."
    marks = [Mark(0, 6, "mention", url="/actors/RUS", title="Russia"), Mark(12, 16, "mention", url="/actors/IRN"),
             Mark(12, 23, "event", "ev-0"), Mark(12, 23, "quote", "q-0"), Mark(0, 23, "quote", None)]
    pieces = segments(text, marks)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["kinds"]) for p in pieces] == [
        ("Russia", ["mention", "quote"]), (" said ", ["quote"]), ("Iran", ["event", "mention", "quote"]),
        (" agreed", ["event", "quote"]), (".", [])]
    assert pieces[0]["url"] == "/actors/RUS" and pieces[2]["url"] == "/actors/IRN" and pieces[3]["url"] is None
    anchors = [a for p in pieces for a in p["anchors"]]
    assert sorted(anchors) == ["ev-0", "q-0"]  # each id once
    assert pieces[3]["ends"] == ["ev-0", "q-0"]


def test_text_segments_ignore_marks_outside_the_text():
    assert segments("abc", [Mark(5, 9, "event", "ev-1"), Mark(2, 9, "event", "ev-2")])[-1] == {
        "text": "c", "kinds": ["event"], "url": None, "title": None, "anchors": ["ev-2"], "ends": ["ev-2"]}


def test_text_evidence_parts():
    row = {"start": 11, "end": 15, "span_text": "sold", "sent_start": 4, "sent_text": "Russia sold arms."}
    assert evidence_parts(row) == {"before": "Russia ", "span": "sold", "after": " arms."}
    assert evidence_parts({"start": 0, "end": 4, "span_text": "sold", "sent_text": None, "sent_start": None,
                           "sentence": "They sold it."}) == {"before": "They ", "span": "sold", "after": " it."}


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), (" javascript:alert(1)", False), ("data:text/html,<script>", False),
    ("//evil.example/x", False), ("https://exa mple.org", False), ("java\tscript:alert(1)", False), (None, False), ("", False),
])
def test_text_only_web_addresses_become_links(url, ok):
    assert safe_link(url) == (url if ok else None)


def test_text_search_terms_and_highlight():
    assert search_terms('iran "naval drill"  russia') == ["iran", "naval drill", "russia"]
    assert search_terms("") == [] and len(search_terms(" ".join("abcdefghij"))) == 8
    assert highlight("Iran and IRAN", ["iran"]) == [{"text": "Iran", "hit": True}, {"text": " and ", "hit": False},
                                                   {"text": "IRAN", "hit": True}]
