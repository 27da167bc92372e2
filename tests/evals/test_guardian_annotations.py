"""The Guardian evaluation's annotation checker and parts: split checks, and where errors may be listed."""

from __future__ import annotations

import pytest

from evals.guardian import annotations, score


def test_annotations_check_split_finds_stray_files_shared_articles_and_missing_complete_files():
    split = {
        "source": "x.jsonl",
        "blind": {"ids": ["g1", "g2"], "events_complete_for": ["g1"]},
        "dev": {"ids": ["g3"]},
        "blind2": {"ids": ["g4", "g3"], "events_complete_for": ["g4"]},
    }
    found = annotations.check_split(split, {"blind": {"g1", "g3"}, "dev": {"g3"}, "extra": {"g9"}})
    assert sorted(found) == [
        "blind/g3.jsonl: g3 is not an article of part 'blind'",
        "extra/: no part 'extra' in split.json (parts: blind, blind2, dev)",
        "split.json: blind2.events_complete_for: g4 has no file blind2/g4.jsonl",
        "split.json: g3 is in both 'blind2' and 'dev'",
    ]
    assert annotations.check_split(split | {"blind2": {"ids": ["g4"]}}, {"blind": {"g1"}, "dev": {"g3"}}) == []


def test_annotations_check_line_reports_an_anchor_that_is_not_the_text():
    text = "Officials in Quito said the envoy from Lima would visit."
    problems: list[str] = []
    annotations.check_line({"kind": "mention", "start": 13, "end": 18, "anchor": "Quito", "country": "ECU", "sector": None}, text, "a:1", problems)
    annotations.check_line({"kind": "mention", "start": 39, "end": 43, "anchor": "Peru", "country": "PER", "sector": None}, text, "a:2", problems)
    assert problems == ["a:2: mention: text[39:43] is 'Lima', anchor is 'Peru'"]


@pytest.mark.parametrize("part", ["blind", "blind2", "blind3"])
def test_score_refuses_the_errors_of_held_out_parts(part, capsys):
    with pytest.raises(SystemExit):
        score.main(["--part", part, "--errors", "recall"])
    assert f"the {part} part's errors are never shown" in capsys.readouterr().err


def test_score_lists_the_errors_of_the_dev2_part_from_an_export_file(tmp_path, capsys):
    # An empty export: this checks the dev2 code path (part choice, gold files, --errors)
    # without running the pipeline on the part's articles.
    if not annotations.ARTICLES.exists():
        pytest.skip("../shared is absent")
    empty = tmp_path / "records.jsonl"
    empty.write_text("", encoding="utf-8")
    assert score.main(["--part", "dev2", "--records", str(empty), "--errors", "recall"]) == 0
    out = capsys.readouterr().out
    assert '"part": "dev2"' in out
    assert '"articles_with_events": %d' % len(score.SPLIT["dev2"]["events_complete_for"]) in out


def test_annotation_files_pass_the_checker():
    if not annotations.ARTICLES.exists():
        pytest.skip("../shared is absent")
    problems = annotations.check_all()
    assert not problems, "\n".join(problems[:40])
