"""The PolNeAR evaluation: matching rules on a tiny hand-made case, and a smoke run on real dev data."""

from __future__ import annotations

import pytest

from evals import polnear
from dyadscope.records import Actor, Quote


def _quote(text, content, speaker=None, cue=None, qtype="indirect"):
    s = text.index(content)
    spans = ((s, s + len(content)),)
    actor = None
    if speaker:
        a = text.index(speaker)
        actor = Actor(speaker, None, None, None, None, a, a + len(speaker))
    c = text.index(cue) if cue else None
    return Quote(qtype, content, spans, cue, actor, s, s + len(content), c, None if c is None else c + len(cue))


def test_polnear_score_document_matching_rules():
    text = "Officials said the plan would fail badly. He added that nothing was agreed. Rain fell."
    gold = [
        {"content": [(text.index("the plan"), text.index(" badly") + 6)], "quoted": False,
         "sources": [(0, 9)], "cue": [(10, 14)]},
        {"content": [(text.index("that nothing"), text.index(" agreed") + 7)], "quoted": False,
         "sources": [(text.index("He"), text.index("He") + 2)], "cue": [(text.index("added"), text.index("added") + 5)]},
    ]
    quotes = [
        _quote(text, "the plan would fail", "Officials", "said"),  # 4 of 5 tokens: matches
        _quote(text, "nothing", "Rain", "added"),  # 1 of 4 tokens: no match
        _quote(text, "Rain fell", None, None),  # no gold at all
    ]
    counts = polnear.score_document(text, gold, quotes)
    assert counts["pred"] == 3 and counts["gold"] == 2
    assert counts["tp_p"] == 1 and counts["tp_g"] == 1
    assert counts["src_n"] == 1 and counts["src_ok"] == 1
    assert counts["cue_ok"] == 1
    figures = polnear.figures(counts, {"parse": 9.0, "actors": 0.0, "quotes": 1.0, "events": 0.0}, 1, "dev")
    assert figures["content"]["all"]["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["content"]["all"]["recall"] == 0.5
    assert figures["speed"]["quotes_share_of_pipeline"] == 0.1


def test_polnear_missing_data_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        polnear.run(tmp_path / "nowhere")
