"""Quotation-mark pairing on plain text (no parser needed), with the shipped quotation marks."""

from __future__ import annotations

import pytest

from dyadscope.quotes.marks import marked_quotes


@pytest.fixture(scope="module")
def marks(kb):
    return kb.quotes.marks


def pieces(text, quotes):
    return [[text[s:e] for s, e in q.pieces] for q in quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "yes" and "no".', [['"yes"'], ['"no"']]),
        ("“One,” she said. “Two.”", [["“One,”"], ["“Two.”"]]),
        ("«Un» et «deux»", [["«Un»"], ["«deux»"]]),
        ("''Old style,'' he said.", [["''Old style,''"]]),
        ("“Outer ‘inner’ outer.”", [["“Outer ‘inner’ outer.”"]]),
        ("It’s John’s “thing”.", [["“thing”"]]),
        ("No quotations at all.", []),
    ],
)
def test_marks_pairs(marks, text, expected):
    assert pieces(text, marked_quotes(text, marks)) == expected


def test_marks_paragraph_convention_joins_paragraphs(marks):
    text = "“First paragraph goes on.\n\n“Second paragraph ends,” he said."
    (q,) = marked_quotes(text, marks)
    assert pieces(text, [q]) == [["“First paragraph goes on.", "“Second paragraph ends,”"]]
    assert q.closed


def test_marks_unclosed_quote_closes_at_paragraph_end(marks):
    text = "He said “this never ends\nNext paragraph without marks."
    (q,) = marked_quotes(text, marks)
    assert not q.closed
    assert text[q.start : q.end] == "“this never ends"


def test_marks_stray_closing_mark_ignored(marks):
    text = "Odd” text “with one pair” here."
    assert pieces(text, marked_quotes(text, marks)) == [["“with one pair”"]]


def test_marks_second_opening_mark_restarts_the_quotation(marks):
    text = "She wrote “never finished and then “a whole new thought” later."
    assert pieces(text, marked_quotes(text, marks)) == [["“a whole new thought”"]]


def test_marks_unclosed_mark_far_from_its_paragraph_end_is_dropped(marks):
    text = "“" + "word " * 200 + "\nNext paragraph."
    assert marked_quotes(text, marks) == []


def test_marks_new_sentence_opening_a_mark_continues_the_quotation(marks):
    # a paragraph break the text lost: the quotation goes on, as across a real paragraph break
    text = "Rojas told reporters: “We will not sign this. We never have. “Lima knows why,” he added."
    (q,) = marked_quotes(text, marks)
    assert pieces(text, [q]) == [["“We will not sign this. We never have.", "“Lima knows why,”"]]
