"""Event date resolution against the publication date."""

from __future__ import annotations

import pytest

from dyadscope.events.dates import parse_pub, resolve_date


@pytest.mark.parametrize(
    "text, pub, expected",
    [
        ("in December 2019", "2016-05-13", ("2019-12", "text")),
        ("back in 2009", "2016-05-13", ("2009", "text")),
        ("on 5 May 2015", "2016-05-13", ("2015-05-05", "text")),
        ("on December 5, 2019", None, ("2019-12-05", "text")),
        ("last September", "2016-05-13", ("2015-09", "relative")),
        ("last September", "2016-10-02", ("2016-09", "relative")),
        ("in March", "2016-05-13", ("2016-03", "relative")),
        ("in June", "2016-05-13", ("2015-06", "relative")),
        ("next March", "2016-05-13", ("2017-03", "relative")),
        ("on Saturday", "2016-05-13", ("2016-05-07", "relative")),
        ("yesterday", "2016-05-13", ("2016-05-12", "relative")),
        ("last year", "2016-05-13", ("2015", "relative")),
        ("two years ago", "2016-05-13", ("2014", "relative")),
        ("in the 19th Century", "2016-05-13", ("18XX", "text")),
        ("in the twentieth century", None, ("19XX", "text")),
        ("in the 1990s", None, ("199X", "text")),
        ("in March", None, None),
        ("in the morning", "2016-05-13", None),
    ],
)
def test_dates_resolve(text, pub, expected):
    assert resolve_date(text, parse_pub(pub)) == expected


def test_dates_bad_publication_date_is_none():
    assert parse_pub("not a date") is None and parse_pub(None) is None
