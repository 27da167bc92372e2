import math

import pytest

from dyadscope.analysis import AnalysisError, Dataset
from dyadscope.analysis.series import parse_modalities

from .synthetic import Doc, Ev, store


@pytest.fixture
def ds():
    db = store(
        Doc("y2016", "2016-05-13", [
            ("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", contexts=("military",))]),
            ("Iran sued Russia over the contract.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued", contexts=("legal",))]),
            ("Russia refused to hand over the system.", [Ev("REJECT", ("RUS",), ("IRN",), "refused")]),
            ("Russia may attack Iran, an analyst said.", [Ev("THREATEN", ("RUS",), ("IRN",), "attack", modality="hypothetical")]),
            ("Iran said Russia backed it.", [Ev("SUPPORT", ("RUS",), ("IRN",), "backed", modality="reported")]),
        ]),
        Doc("y2020", "2020-09-12", [
            ("Iran, Russia and China held a naval drill.", [Ev("COOPERATE", ("IRN", "RUS", "CHN"), (), "held", date="2019-12", contexts=("military",))]),
            ("Russia vetoed resolutions against Iran.", [Ev("SUPPORT", ("RUS",), ("IRN",), "vetoed", contexts=("diplomatic",))]),
            ("Russia helped Iran weather the embargo.", [Ev("AID", ("RUS",), ("IRN",), "helped", contexts=("economic",))]),
            ("The United States sanctioned Iran and Russia.", [Ev("SANCTION", ("USA",), ("IRN", "RUS"), "sanctioned")]),
            ("Russia did not break ties with Iran.", [Ev("SANCTION", ("RUS",), ("IRN",), "break", modality="negated")]),
        ]),
    )
    yield Dataset(db)
    db.close()


def _row(series, period, direction="combined", modality="asserted"):
    rows = series[(series.period == period) & (series.direction == direction) & (series.modality == modality)]
    assert len(rows) == 1, (period, direction, modality)
    return rows.iloc[0]


def test_series_asserted_only_by_default(ds):
    s = ds.dyad_series("IRN", "RUS", by="year")
    assert set(s.modality) == {"asserted"}
    r2016 = _row(s, "2016")
    assert (r2016.n_events, r2016.cooperation, r2016.conflict) == (3, 1, 2)
    assert r2016.net_cooperation == pytest.approx(-1 / 3)
    r2020 = _row(s, "2020")
    assert (r2020.n_events, r2020.cooperation, r2020.conflict) == (2, 2, 0)
    assert r2020.net_cooperation == 1.0
    assert r2020.net_cooperation > r2016.net_cooperation


def test_series_other_modalities_only_on_request_and_kept_apart(ds):
    assert ds.modality_counts("IRN", "RUS") == {"asserted": 6, "reported": 1, "hypothetical": 1, "future": 0, "negated": 1}
    s = ds.dyad_series("IRN", "RUS", by="year", modality="asserted,reported,negated")
    assert _row(s, "2016").n_events == 3  # asserted figures unchanged
    assert _row(s, "2016", modality="reported").type_SUPPORT == 1
    assert _row(s, "2020", modality="negated").material_conflict == 1
    assert "hypothetical" not in set(s.modality)
    assert set(ds.dyad_series("IRN", "RUS", by="year", modality="all", fill=False).modality) == {"asserted", "reported", "hypothetical", "negated"}
    # a continuous panel gives every requested modality its (zero) rows
    assert (ds.dyad_series("IRN", "RUS", by="year", modality="all").query("modality == 'future'").n_events == 0).all()


def test_series_directions_and_multilateral_events(ds):
    s = ds.dyad_series("IRN", "RUS", by="year")
    assert _row(s, "2016", "RUS->IRN").n_events == 2
    assert _row(s, "2016", "IRN->RUS").type_ACCUSE == 1
    joint = _row(s, "2019", "IRN<->RUS")  # the three-country drill, dated 2019-12 by the text
    assert joint.type_COOPERATE == 1 and joint.context_military == 1
    # the same drill counts for the China-Russia dyad too
    assert _row(ds.dyad_series("CHN", "RUS", by="year"), "2019", "CHN<->RUS").n_events == 1
    # a third party acting on both is not an Iran-Russia interaction
    assert "type_SANCTION" not in s.columns or s.type_SANCTION.sum() == 0
    assert _row(ds.dyad_series("USA", "IRN", by="year"), "2020", "USA->IRN").type_SANCTION == 1


def test_series_goldstein_and_contexts(ds):
    s = ds.dyad_series("IRN", "RUS", by="year")
    r = _row(s, "2020")
    assert r.goldstein_sum == pytest.approx(3.4 + 8.3)
    assert r.goldstein_mean == pytest.approx((3.4 + 8.3) / 2)
    assert (r.context_diplomatic, r.context_economic) == (1, 1)


def test_series_by_month_puts_coarse_dates_in_their_own_row(ds):
    s = ds.dyad_series("IRN", "RUS", by="month", fill=False)
    assert list(dict.fromkeys(s.period)) == ["2016-05", "2019-12", "2020-09"]
    s = ds.dyad_series("IRN", "RUS", by="month")
    months = list(dict.fromkeys(s.period))
    assert months[0] == "2016-05" and months[-1] == "2020-09" and len(months) == 53  # every month, empty ones as 0
    s = ds.dyad_series("IRN", "RUS", by="quarter")
    assert "2016-Q2" in set(s.period)


def test_series_empty_and_bad_requests(ds):
    assert ds.dyad_series("IRN", "TUR").empty
    with pytest.raises(AnalysisError, match="must be among"):
        parse_modalities("asserted,rumoured")
    with pytest.raises(AnalysisError, match="alpha-3 code such as IRN or RUS; did you mean IRN \\(Iran\\)"):
        ds.dyad_series("Iran", "RUS")
    with pytest.raises(AnalysisError, match="not an ISO 3166 alpha-3 code.*did you mean IRN \\(Iran\\) or IRQ \\(Iraq\\) or IRL"):
        ds.dyad_series("IRA", "RUS")
    with pytest.raises(AnalysisError, match="date basis guessed: must be among text, relative, publication"):
        ds.dyad_series("IRN", "RUS", date_basis="guessed")
    with pytest.raises(AnalysisError, match="must differ"):
        ds.dyad_series("IRN", "irn")


def test_series_net_cooperation_empty_without_quads():
    db = store(Doc("x", "2018-01-01", [("Iran met Russia.", [Ev("CONSULT", ("IRN",), ("RUS",), "met", quad_class=None)])]))
    s = Dataset(db).dyad_series("IRN", "RUS", by="year")
    assert _row(s, "2018").verbal_coop == 1  # quad taken from the PLOVER type when the event has none
    db = store(Doc("x", "2018-01-01", [("Iran met Russia.", [Ev("CONSULT", ("IRN",), ("RUS",), "met", quad_class=None)])]))
    assert not math.isnan(_row(Dataset(db).dyad_series("IRN", "RUS", by="year"), "2018").net_cooperation)


def test_series_timeline_has_gap_years_as_zero_and_coarse_dates_apart():
    db = store(
        Doc("a", "2017-03-01", [("Russia sold arms to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold", date="2017-02-10")])]),
        Doc("b", "2019-06-01", [("Iran thanked Russia.", [Ev("SUPPORT", ("IRN",), ("RUS",), "thanked")]),
                                ("Russia once seized Iranian lands.", [Ev("ASSAULT", ("RUS",), ("IRN",), "seized", date="18XX")]),
                                ("Iran and Russia fought in 2015.", [Ev("ASSAULT", ("IRN", "RUS"), (), "fought", date="2015")])]),
    )
    s = Dataset(db).dyad_series("IRN", "RUS", by="year")
    combined = s[s.direction == "combined"]
    assert list(combined.period) == ["2015", "2016", "2017", "2018", "2019", "18XX"]
    assert list(combined.axis) == ["timeline"] * 5 + ["coarse"]
    assert list(combined.n_events) == [1, 0, 1, 0, 1, 1]
    assert math.isnan(_row(s, "2018").net_cooperation) and not _row(s, "2018").small and _row(s, "2017").small
    # the thanks has no date of its own: dated only by its publication, counted as such
    assert _row(s, "2019").publication_dated == 1 and _row(s, "2017").publication_dated == 0
    text_only = Dataset(db).dyad_series("IRN", "RUS", by="year", date_basis="text")
    assert "2019" not in set(text_only.period) and set(text_only.period) >= {"2015", "2017", "18XX"}
    by_month = Dataset(db).dyad_series("IRN", "RUS", by="month")
    assert _row(by_month, "2015").axis == "coarse" and _row(by_month, "2018-01").n_events == 0


def test_series_unresolved_sides_make_no_dyad_but_are_exported_and_typed():
    from dyadscope.export import export_records

    db = store(Doc("u", "2021-04-02", [
        ("Russia shelled Iran's border posts.", [Ev("ASSAULT", ("RUS",), ("IRN",), "shelled")]),
        ("Gunmen attacked Iran.", [Ev("ASSAULT", ("~gunmen",), ("IRN",), "attacked")]),
        ("Russia and Iran attacked the militants.", [Ev("ASSAULT", ("RUS", "IRN"), ("~militants",), "attacked")]),
        ("Iran was shelled overnight.", [Ev("ASSAULT", (), ("IRN",), "shelled")]),
    ]))
    ds = Dataset(db)
    assert _row(ds.dyad_series("IRN", "RUS", by="year"), "2021").n_events == 1
    events = [r for res in db.results() for r in export_records(res) if r["kind"] == "event"]
    assert [e["resolved"] for e in events] == [True, False, False, False]
    assert list(ds.events()["event_type"]) == ["ASSAULT"] * 4
    db.close()
