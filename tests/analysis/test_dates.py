import pytest

from dyadscope.analysis.dates import effective_date, parse_partial_date, period_label, period_sort_key


@pytest.mark.parametrize(
    "value, by, expected",
    [
        ("2016-05-13", "month", "2016-05"),
        ("2016-05-13", "quarter", "2016-Q2"),
        ("2016-11", "quarter", "2016-Q4"),
        ("2016-05-13", "year", "2016"),
        ("2015-09", "month", "2015-09"),
        ("2009", "month", "2009"),  # coarser than the period: keeps its own label
        ("2009", "quarter", "2009"),
        ("1990s", "year", "199X"),
        ("199X", "month", "199X"),
        ("18XX", "year", "18XX"),
        (None, "year", "undated"),
        ("sometime", "year", "undated"),
    ],
)
def test_dates_period_label(value, by, expected):
    assert period_label(parse_partial_date(value), by) == expected


def test_dates_interval_of_partial_dates():
    lo, hi = parse_partial_date("2016-02").interval()
    assert hi - lo == 28  # leap year February
    lo, hi = parse_partial_date("2015").interval()
    assert hi - lo == 364
    assert parse_partial_date("2015-13") is None


def test_dates_event_date_else_document_date():
    assert effective_date("2015-09", "2016-05-13")[0].iso == "2015-09"
    assert effective_date(None, "2016-05-13") == (parse_partial_date("2016-05-13"), "document")
    assert effective_date(None, None) == (None, "none")


def test_dates_coarse_row_sorts_before_its_months():
    labels = ["2016-02", "undated", "2016", "2015-12", "199X", "18XX"]
    assert sorted(labels, key=period_sort_key) == ["18XX", "199X", "2015-12", "2016", "2016-02", "undated"]


def test_dates_historical_forms_are_not_replaced_by_the_publication_date():
    d, source = effective_date("18XX", "2016-05-13")
    assert (d.iso, d.precision, source) == ("18XX", "century", "event")
    lo, hi = d.interval()
    assert hi - lo > 36000
