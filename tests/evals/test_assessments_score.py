"""The assessment evaluation's parts: dev2's, dev4's and dev5's two halves, dev3, and where errors may be listed."""

from __future__ import annotations

import pytest

from evals.assessments import score


def test_score_dev2_halves_split_dev2_once_and_for_all():
    ids = [f"e{n:03d}" for n in range(1, 121)]
    items = [{"id": i} for i in reversed(ids)]  # the file's order does not change the draw
    check = score.dev2_check_ids(items)
    assert len(check) == 60 and check <= set(ids)
    assert check == score.dev2_check_ids([{"id": i} for i in ids])


def test_score_dev4_halves_split_dev4_once_and_for_all():
    ids = [f"g{n:03d}" for n in range(1, 107)]
    check = score.dev4_check_ids([{"id": i} for i in reversed(ids)])
    assert len(check) == 53 and check <= set(ids)
    assert check == score.dev4_check_ids([{"id": i} for i in ids])
    assert {i["id"] for i in score.read_items("dev4-check")} == check
    assert {i["id"] for i in score.read_items("dev4-tune")} == set(ids) - check


def test_score_dev5_halves_split_dev5_once_and_for_all():
    ids = [f"h{n:03d}" for n in range(1, 81)]
    check = score.dev5_check_ids([{"id": i} for i in reversed(ids)])
    assert len(check) == 40 and check <= set(ids)
    assert check == score.dev5_check_ids([{"id": i} for i in ids])
    assert {i["id"] for i in score.read_items("dev5-check")} == check
    assert {i["id"] for i in score.read_items("dev5-tune")} == set(ids) - check


def test_score_dev6_halves_split_dev6_once_and_for_all():
    ids = [f"i{n:03d}" for n in range(1, 68)]
    check = score.dev6_check_ids([{"id": i} for i in reversed(ids)])
    assert len(check) == 33 and check <= set(ids)
    assert check == score.dev6_check_ids([{"id": i} for i in ids])
    assert {i["id"] for i in score.read_items("dev6-check")} == check
    assert {i["id"] for i in score.read_items("dev6-tune")} == set(ids) - check


def test_score_errors_refused_where_only_figures_may_be_seen():
    assert score.errors_allowed("dev") and score.errors_allowed("dev,dev2-tune") and score.errors_allowed("dev3")
    assert score.errors_allowed("dev4-tune") and score.errors_allowed("dev5-tune") and score.errors_allowed("dev6-tune")
    for part in ("blind", "blind2", "dev2", "dev2-check", "dev,blind", "dev,blind2", "dev2-tune,dev2-check",
                 "dev4", "dev4-check", "dev4-tune,dev4-check", "dev5", "dev5-check", "dev5-tune,dev5-check",
                 "dev6", "dev6-check", "dev6-tune,dev6-check"):
        assert not score.errors_allowed(part)


@pytest.mark.parametrize("part", ["blind2", "dev,blind2"])
def test_score_errors_option_refused_for_blind2(part, capsys):
    with pytest.raises(SystemExit) as exit_:
        score.main(["--part", part, "--errors"])
    assert exit_.value.code == 2
    assert "is looked at only as figures" in capsys.readouterr().err


def test_score_unknown_part_names_the_parts():
    with pytest.raises(ValueError, match="the parts are dev, dev2, dev2-tune, dev2-check, dev3, dev4, dev4-tune, "
                                         "dev4-check, dev5, dev5-tune, dev5-check, dev6, dev6-tune, dev6-check, "
                                         "blind, blind2"):
        score.read_items("dev7")
