"""``dyadscope.knowledge.importers``: Wikidata query exports and PETRARCH actor dictionaries become
lines of our user dictionary format, with every skipped row reported and counted by reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadscope.knowledge.actors import load_actor_kb
from dyadscope.knowledge.importers import (
    from_petrarch,
    from_wikidata,
    import_files,
    load_role_nouns,
    sector_of,
    wikidata_rows,
)
from dyadscope.knowledge.load import DATA_DIR

FIXTURES = Path(__file__).parent / "fixture" / "import"


@pytest.fixture(scope="module")
def roles():
    return load_role_nouns()


def _by_name(lines):
    out = {}
    for line in lines:
        out.setdefault(line["name"], []).append(line)
    return out


def test_importers_wikidata_people_grouped_with_dated_roles(roles):
    lines, report = from_wikidata(wikidata_rows(FIXTURES / "people.csv"), roles=roles)
    people = _by_name(lines)
    quilcaya = people["Tomasa Quilcaya"]
    assert [(r.get("sector"), r.get("valid_from"), r.get("valid_to")) for r in quilcaya] == [
        ("GOV", "2015-03-01", "2018-06-30"), ("GOV", "2019-01-15", None), (None, None, None)]
    assert quilcaya[0]["variants"] == ["Tomasa Quilcaya Huamán", "T. Quilcaya"]
    assert {r["country"] for r in quilcaya} == {"PER"}
    # every position ended: a former official from the day after the last one
    assert [(r.get("sector"), r.get("valid_from")) for r in people["Rodrigo Achacollo"]] == [
        ("MIL", "2010-02-01"), ("ELI", "2014-12-01"), (None, None)]
    assert report.taken == {"person": 3}


def test_importers_wikidata_report_counts_every_skipped_row(roles):
    _, report = from_wikidata(wikidata_rows(FIXTURES / "people.csv"), roles=roles)
    assert report.counts == {"date unreadable": 1, "duplicate": 1, "no country": 1, "no label": 1,
                             "position undated": 1, "unknown country": 1}
    reasons = {detail.split(" (")[0].split(",")[0]: reason for _, reason, detail in report.skipped}
    assert reasons["Elvira Mamani"] == "no country"
    assert reasons["Jorge Tintaya"] == "unknown country"
    assert reasons["Q90000005"] == "no label"


def test_importers_wikidata_sparql_json_organisations(roles):
    lines, report = from_wikidata(wikidata_rows(FIXTURES / "orgs.json"), roles=roles)
    assert lines == [{"name": "Frente Andino Renovador", "variants": ["FAR"], "kind": "organization",
                      "country": "BOL", "sector": "PTY", "note": "political party",
                      "id": "wikidata:Q90000201", "source": "wikidata"}]
    assert report.counts == {"no country": 1}


def test_importers_wikidata_plain_json_and_second_item_with_same_label(roles, tmp_path):
    rows = [{"person": f"http://www.wikidata.org/entity/Q{n}", "personLabel": "Ana Poma",
             "positionLabel": "Minister of Finance", "start": "2001-01-01T00:00:00Z", "countryIso": "BOL"}
            for n in (1, 2)]
    path = tmp_path / "query.json"
    path.write_text(json.dumps(rows))
    lines, report = from_wikidata(wikidata_rows(path), roles=roles)
    assert {line["id"] for line in lines} == {"wikidata:Q1"}
    assert report.counts == {"duplicate": 1}


@pytest.mark.parametrize("label, kind, sector", [
    ("Minister of Foreign Affairs of Peru", "person", "GOV"),
    ("Commander of the Bolivian Army", "person", "MIL"),
    ("Minister of the Army", "person", "GOV"),
    ("judge of the Supreme Court", "person", "JUD"),
    ("political party", "organization", "PTY"),
    ("newspaper", "organization", "MED"),
    ("Minister of Health", "organization", None),
    ("lighthouse keeper", "person", None),
])
def test_importers_sector_of_reads_the_stage_role_nouns(roles, label, kind, sector):
    assert sector_of(label, roles, kind=kind) == sector


def test_importers_petrarch_dated_codes_and_report(tmp_path):
    lines, report = from_petrarch(FIXTURES / "kambalia.txt")
    actors = _by_name(lines)
    assert [(r["code"], r.get("valid_from"), r.get("valid_to")) for r in actors["Odaro Vensk"]] == [
        ("KMBREB", "1995-06-01", "1999-08-15"), ("KMBGOV", "1999-08-16", None)]
    assert actors["Kambalia"][0]["variants"] == ["Kambalias", "Kambalian Republic", "Kambalian Republics"]
    assert report.counts == {"malformed line": 2, "duplicate": 1, "group code": 1}
    assert report.taken == {"dictionary": 2}


def test_importers_petrarch_agents_file_is_reported_not_converted(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text("PRESIDENT [~GOV]\n")
    lines, report = from_petrarch(path)
    assert lines == [] and report.counts == {"agent file": 1}


def test_importers_output_loads_as_a_user_dictionary(roles, tmp_path):
    lines = from_wikidata(wikidata_rows(FIXTURES / "people.csv"), roles=roles)[0]
    lines += from_petrarch(FIXTURES / "kambalia.txt")[0]
    out = tmp_path / "imported.jsonl"
    out.write_text("".join(json.dumps(line) + "\n" for line in lines))
    kb = load_actor_kb(DATA_DIR, [out])
    names = {e.name for e in kb.entries if e.id.startswith("user:")}
    assert names == {"Tomasa Quilcaya", "Rodrigo Achacollo", "Inés Choque", "Kambalia", "Odaro Vensk"}


def test_importers_import_files_skips_a_name_an_earlier_input_gave():
    lines, report = import_files("petrarch", [FIXTURES / "kambalia.txt", FIXTURES / "kambalia.txt"])
    assert [line["name"] for line in lines] == ["Kambalia", "Odaro Vensk", "Odaro Vensk"]
    assert report.taken == {"dictionary": 2} and report.lines == 3
    assert report.counts["duplicate"] == 1 + 2 + 1  # one in each file, then both names again
