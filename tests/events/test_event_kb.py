"""Event knowledge files: they load, agree with GDELT's Goldstein scale, and bad entries are reported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dyadscope.errors import KnowledgeError
from dyadscope.events.ontology import compose
from dyadscope.knowledge import DATA_DIR
from dyadscope.knowledge.events import load_event_kb

GOLDSTEIN = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cameo" / "CAMEO.goldsteinscale.txt"


def test_event_kb_loads_shipped_files():
    ekb = load_event_kb(DATA_DIR)
    assert len(ekb.cameo) > 300 and len(ekb.verbs) > 100 and len(ekb.nouns) > 50
    assert set(ekb.plover_types) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
    # GDELT 2.0 quad classes by root
    for code, row in ekb.cameo.items():
        root = int(code[:2])
        assert row.quad_class == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4), code


def test_event_kb_goldstein_matches_gdelt_scale():
    if not GOLDSTEIN.is_file():
        pytest.skip("../shared/data/cameo/CAMEO.goldsteinscale.txt is not present")
    ekb = load_event_kb(DATA_DIR)
    rows = [line.rstrip("\n").split("\t") for line in GOLDSTEIN.read_text().splitlines()[1:] if line.strip()]
    gdelt = {code: float(v) for code, v in rows}
    assert set(gdelt) == set(ekb.cameo)
    assert {c: r.goldstein for c, r in ekb.cameo.items()} == gdelt


def test_event_kb_reports_every_bad_entry_with_file_and_line(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    verbs = tmp_path / "events" / "verbs.jsonl"
    verbs.write_text(
        verbs.read_text()
        + '{"id": "x.bad", "lemma": "zap", "cameo": "999"}\n'
        + "not json\n"
        + '{"id": "x.bad2", "lemma": "zip", "embed": "maybe"}\n'
        + '{"id": "x.pos", "lemma": "zop", "cameo": "040", "pos": "ADV"}\n'
    )
    n = len(verbs.read_text().splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_event_kb(tmp_path)
    problems = err.value.problems
    assert any(p.startswith(f"verbs.jsonl:{n - 3}: cameo") for p in problems)
    assert any(p.startswith(f"verbs.jsonl:{n - 2}: not valid JSON") for p in problems)
    assert any(p.startswith(f"verbs.jsonl:{n - 1}: embed") for p in problems)
    assert any(p.startswith(f"verbs.jsonl:{n}: pos -> 'ADV'") for p in problems)


def test_event_kb_missing_file_says_what_is_expected(tmp_path):
    (tmp_path / "events").mkdir()
    with pytest.raises(KnowledgeError, match="cameo.csv"):
        load_event_kb(tmp_path)


@pytest.mark.parametrize(
    "embed, inner, expected",
    [
        ("intend", "040", "036"), ("intend", "062", "0312"), ("refuse", "0841", "1243"),
        ("appeal", "071", "0231"), ("demand", "042", "106"), ("threaten", "192", "1382"),
        ("light", "163", "163"), ("refuse", "190", None), ("permit", "190", "062"),
    ],
)
def test_ontology_compose(embed, inner, expected):
    assert compose(load_event_kb(DATA_DIR), embed, inner) == expected


def test_event_kb_compose_table_is_validated(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    table = tmp_path / "events" / "compose.csv"
    table.write_text(table.read_text() + "wish,04,036\nintend,4x,036\nrefuse,06,999\n")
    n = len(table.read_text().splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_event_kb(tmp_path)
    problems = err.value.problems
    assert any(p.startswith(f"compose.csv:{n - 2}: embed -> 'wish'") for p in problems)
    assert any(p.startswith(f"compose.csv:{n - 1}: inner") for p in problems)
    assert any(p.startswith(f"compose.csv:{n}: code -> '999'") for p in problems)


def test_event_kb_recipient_prepositions_keep_file_order():
    ekb = load_event_kb(DATA_DIR)
    assert ekb.recipient_preps[:2] == ("against", "with")  # tried in this order
    assert len(set(ekb.recipient_preps)) == len(ekb.recipient_preps)


def test_event_kb_recipient_prepositions_are_validated(tmp_path):
    shutil.copytree(DATA_DIR / "events", tmp_path / "events")
    table = tmp_path / "events" / "recipient_prepositions.jsonl"
    table.write_text(table.read_text() + '{"id": "x", "prep": "with"}\n{"id": "y", "prep": "Over"}\n')
    n = len(table.read_text().splitlines())
    with pytest.raises(KnowledgeError) as err:
        load_event_kb(tmp_path)
    assert any(p.startswith(f"recipient_prepositions.jsonl:{n - 1}: prep -> 'with' already listed") for p in err.value.problems)
    assert f"recipient_prepositions.jsonl:{n}: prep -> must be a trimmed lower-case word" in err.value.problems


def test_event_kb_reads_plover_facts_from_the_one_ontology():
    ekb = load_event_kb(DATA_DIR)
    assert ekb.cameo is ekb.ontology.cameo
    assert ekb.needs_recipient == {t.id for t in ekb.ontology.types.values() if t.requires_recipient}
    assert {"AID", "COOPERATE", "SANCTION"} <= ekb.needs_recipient


@pytest.mark.parametrize("name", ["verbs.jsonl", "nouns.jsonl", "plover.jsonl", "recipient_prepositions.jsonl"])
def test_event_kb_files_are_plain_json_lines(name):
    lines = (DATA_DIR / "events" / name).read_text(encoding="utf-8").splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)


@pytest.mark.parametrize("name", ["cameo.csv", "compose.csv"])
def test_event_kb_tables_have_no_comment_lines(name):
    lines = (DATA_DIR / "events" / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(("code,", "embed,")) and not any(line.lstrip().startswith("#") for line in lines)


def test_event_kb_every_lexicon_list_the_stages_read_exists(kb):
    # a typo in a list id would only fail when its rule first runs on some sentence
    package = Path(__file__).resolve().parents[2] / "src" / "dyadscope"
    ids = set()
    for stage in ("events", "quotes"):
        for path in (package / stage).glob("*.py"):
            ids.update(re.findall(r'(?:words|lexicon)\["([a-z_]+)"\]', path.read_text(encoding="utf-8")))
    assert len(ids) > 30
    assert sorted(ids - set(kb.lexicon)) == []
