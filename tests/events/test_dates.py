"""Event date expressions resolved against the publication date (no parser needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from dyadscope.events.dates import DATE_EXPRESSIONS, parse_pub, resolve_date

PUB = "2021-03-10"  # a Wednesday


@pytest.mark.parametrize(
    "text, pub, expected",
    [
        ("in October 2017", PUB, ("2017-10", "text")),
        ("back in 2011", PUB, ("2011", "text")),
        ("on 4 June 2014", PUB, ("2014-06-04", "text")),
        ("on March 3, 2018", None, ("2018-03-03", "text")),
        ("signed 2018-03-03", None, ("2018-03-03", "text")),
        ("last October", PUB, ("2020-10", "relative")),
        ("last October", "2021-11-20", ("2021-10", "relative")),
        ("past October", PUB, ("2020-10", "relative")),
        ("in February", PUB, ("2021-02", "relative")),
        ("in July", PUB, ("2020-07", "relative")),
        ("in mid-January", PUB, ("2021-01", "relative")),
        pytest.param("mid-January", PUB, ("2021-01", "relative"),
                     marks=pytest.mark.xfail(reason="the month expression wants a space after 'mid-' unless a "
                                                    "preposition comes first")),
        ("next May", PUB, ("2021-05", "relative")),
        ("on Sept. 3", PUB, ("2020-09-03", "relative")),
        ("on 3 June", PUB, ("2020-06-03", "relative")),
        ("on Friday", PUB, ("2021-03-05", "relative")),
        ("last Friday", PUB, ("2021-03-05", "relative")),
        ("next Friday", PUB, ("2021-03-12", "relative")),
        ("this Friday", PUB, ("2021-03-12", "relative")),
        ("yesterday", PUB, ("2021-03-09", "relative")),
        ("next year", PUB, ("2022", "relative")),
        ("last month", PUB, ("2021-02", "relative")),
        ("three weeks ago", PUB, ("2021-02", "relative")),
        ("a month ago", PUB, ("2021-02", "relative")),
        ("four years ago", PUB, ("2017", "relative")),
        ("ten days ago", PUB, ("2021-02-28", "relative")),
        ("in the 17th century", PUB, ("16XX", "text")),
        ("in the nineteenth century", None, ("18XX", "text")),
        ("in the twenty-first century", None, ("20XX", "text")),
        ("in the 1980s", None, ("198X", "text")),
        ("in the 1850s", None, ("185X", "text")),
        pytest.param("in the 1800s", None, ("18XX", "text"),
                     marks=pytest.mark.xfail(reason="the decade expression is tried before the hundreds one and "
                                                    "both match at the same place, so 'the 1800s' reads as 180X")),
        ("in February", None, None),  # relative expressions need a publication date
        ("this week", PUB, None),  # weeks have no partial ISO form we keep
        ("on March 45", PUB, None),
        ("in the evening", PUB, None),
    ],
)
def test_dates_resolve(text, pub, expected):
    assert resolve_date(text, parse_pub(pub)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the earliest expression in the text wins ...
        ("yesterday, as in 2019", ("2021-03-09", "relative")),
        # ... but a complete date ends the search: no later kind can be more precise
        ("in October 2017, two years after 2015", ("2017-10", "text")),
    ],
)
def test_dates_first_expression_wins(text, expected):
    assert resolve_date(text, parse_pub(PUB)) == expected


def test_dates_expressions_are_a_named_ordered_table():
    names = [rule.name for rule in DATE_EXPRESSIONS]
    assert names[0] == "events.dates.iso.v1" and names[-1] == "events.dates.weekday.v1"
    assert all(rule.func.complete for rule in DATE_EXPRESSIONS[:4])
    assert not any(rule.func.complete for rule in DATE_EXPRESSIONS[4:])


def test_dates_publication_date_is_read_as_an_iso_day():
    assert parse_pub(PUB) == dt.date(2021, 3, 10)
    assert parse_pub("2021-03-10T08:00:00") == dt.date(2021, 3, 10)
    assert parse_pub("2021-03") == dt.date(2021, 3, 1)  # a partial date reads as its first day
    assert parse_pub("not a date") is None and parse_pub(None) is None and parse_pub("") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Friday", ("2021-03-12", "relative")),  # an event still to happen: the coming Friday
        ("in April", ("2021-04", "relative")),
        ("on 2 April", ("2021-04-02", "relative")),
        ("in February", ("2022-02", "relative")),
        ("in October 2017", ("2017-10", "text")),  # an absolute date does not move
    ],
)
def test_dates_resolve_ahead_for_events_still_to_happen(text, expected):
    assert resolve_date(text, parse_pub(PUB), ahead=True) == expected


@pytest.mark.parametrize(
    "text, plain",
    [("in ſeptember 2019", "in September 2019"), ("last ſunday", "last Sunday"), ("two weeKs ago", "two weeks ago")],
)
def test_dates_letters_that_only_upper_case_to_ascii_read_like_their_ascii_forms(text, plain):
    # The patterns are case-insensitive, so they match the long s and the Kelvin sign; the word
    # lookups behind them must too (they raised KeyError on "ſep").
    assert resolve_date(text, parse_pub(PUB)) == resolve_date(plain, parse_pub(PUB)) is not None
