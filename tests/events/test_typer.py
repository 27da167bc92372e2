"""The learned typing step: loading the model file, its probabilities, and that it only re-types
what the rules found (sentences of our own; a tiny hand-made model)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from dyadscope.events.typer import class_of_code, class_probabilities, learned_type, word_features
from dyadscope.knowledge.load import DATA_DIR
from dyadscope.knowledge.typer import TypingModel, load_typing_model


def _write(tmp_path, lines):
    path = tmp_path / "typer.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


META = {"classes": ["ASSAULT/4", "CONSULT/1", "/0"], "codes": ["18", "04", "01"], "intercepts": [0.0, 0.0, 0.0],
        "threshold": 0.6, "version": "v1", "name_entities": ["GPE"]}


def test_typer_model_loads_weights_by_class(tmp_path, kb):
    problems: list[str] = []
    path = _write(tmp_path, [{"meta": META}, {"feature": "w:shell", "weights": {"ASSAULT/4": 3.0}, "idf": 2.0}])
    model = load_typing_model(path, kb.events.cameo, problems)
    assert problems == []
    assert model.weights == {"w:shell": {0: 3.0}} and model.idf == {"w:shell": 2.0}
    assert model.name_entities == frozenset({"GPE"}) and model.threshold == 0.6


@pytest.mark.parametrize(
    "lines, problem",
    [
        ([{"feature": "w:x", "weights": {}}], "the first line must be"),
        ([{"meta": dict(META, codes=["18", "04"])}], "one entry per class"),
        ([{"meta": dict(META, codes=["18", "04", "999"])}], "not in cameo.csv"),
        ([{"meta": META}, {"feature": "w:x", "weights": {"NOPE/1": 1.0}}], "typer.jsonl:2"),
    ],
)
def test_typer_model_problems_cite_the_line(tmp_path, kb, lines, problem):
    problems: list[str] = []
    load_typing_model(_write(tmp_path, lines), kb.events.cameo, problems)
    assert any(problem in p for p in problems), problems


def test_typer_probabilities_follow_the_weights():
    model = TypingModel(classes=("ASSAULT/4", "CONSULT/1"), codes=("18", "04"), intercepts=(0.0, 0.0),
                        weights={"w:shell": {0: 4.0}, "r:root:04": {1: 1.0}}, idf={"w:shell": 1.0})
    p = class_probabilities(model, ["w:shell", "w:unknown"], ["r:root:04"])
    assert p[0] > 0.9 and abs(sum(p) - 1) < 1e-9
    assert class_probabilities(model, [], []) == [0.5, 0.5]


def test_typer_class_of_code(kb):
    assert class_of_code("190", kb.events.cameo) == "ASSAULT/4"
    assert class_of_code("020", kb.events.cameo) == "REQUEST/0"
    assert class_of_code("100", kb.events.cameo) == "REQUEST/3"
    assert class_of_code("010", kb.events.cameo) == "/0"


@pytest.mark.slow
def test_typer_word_features_replace_names(nlp):
    feats = word_features(next(nlp("Norway shelled the border posts.").sents), frozenset({"GPE", "ORG", "PERSON", "NORP"}))
    assert "w:shell" in feats and "w:e:gpe" in feats and "w:norway" not in feats


_SHELL = TypingModel(classes=("ASSAULT/4", "CONSULT/1", "/0"), codes=("18", "04", "01"), intercepts=(0.0, 0.0, 0.0),
                     weights={"w:shell": {0: 6.0}, "w:border": {0: 2.0}}, idf={"w:shell": 1.0, "w:border": 1.0},
                     threshold=0.6)


def _candidates(nlp, kb, text):
    from dyadscope.events import sentence_candidates
    from dyadscope.events.attach import DocActors

    sent = next(nlp(text).sents)
    return sent, sentence_candidates(sent, kb, DocActors(sent.doc, [], kb))


@pytest.mark.slow
def test_typer_retypes_the_main_candidate_and_marks_it(nlp, kb):
    tkb = replace(kb, events=replace(kb.events, typer=_SHELL))
    sent, cands = _candidates(nlp, tkb, "Gondor met the border guards of Rohan and shelled them.")
    assert cands and cands[0].code.startswith("04")
    learned_type(sent, cands, tkb)
    assert cands[0].code == "18" and cands[0].rule.endswith("+typed.v1") and 0.6 <= cands[0].confidence <= 1


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The shelling of the border went on.", "Gondor said the border was quiet."])
def test_typer_never_makes_an_event_the_rules_did_not(nlp, kb, text):
    tkb = replace(kb, events=replace(kb.events, typer=_SHELL))
    sent, cands = _candidates(nlp, tkb, text)
    before = [(c.code, c.rule) for c in cands]
    learned_type(sent, cands, tkb)
    assert [(c.code, c.rule) for c in cands] == before  # no candidate, or only a statement: left alone


def test_typer_shipped_model_has_its_sidecar(kb):
    path = DATA_DIR / "events" / "typer.jsonl"
    if not path.exists():
        pytest.skip("no shipped typing model")
    about = json.loads(path.with_name("typer.about.json").read_text(encoding="utf-8"))
    assert about["file"] == "typer.jsonl" and "python -m evals train event-typer" in about["about"]
    assert kb.events.typer is not None and len(kb.events.typer.classes) == about["classes"]
