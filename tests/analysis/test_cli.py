import json
import os

from click.testing import CliRunner

from dyadscope.cli import cli
from dyadscope.store import Database

from .synthetic import Doc, Ev, build

DOCS = [
    Doc("p1", "2016-05-13", [
        ("Russia sold missiles to Iran.", [Ev("COOPERATE", ("RUS",), ("IRN",), "sold")]),
        ("Iran sued Russia over the contract.", [Ev("ACCUSE", ("IRN",), ("RUS",), "sued")]),
        ("Iran said Russia backed it.", [Ev("SUPPORT", ("RUS",), ("IRN",), "backed", modality="reported")]),
    ]),
    Doc("p2", "2020-09-12", [("Russia vetoed resolutions against Iran.", [Ev("SUPPORT", ("RUS",), ("IRN",), "vetoed")])]),
]


def _db(path):
    with Database(path) as db:
        db.write_results([build(d) for d in DOCS])


def test_cli_dyad_table_names_what_is_not_counted(tmp_path):
    db = str(tmp_path / "t.duckdb")
    _db(db)
    result = CliRunner().invoke(cli, ["dyad", "irn", "rus", "--by", "year", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["period", "direction", "n", "vcoop"]
    combined = {line.split()[0]: line.split() for line in lines if " combined " in line}
    assert combined["2016"][2] == "2*" and combined["2016"][9] == "+0.00"  # n (small: marked), net_coop
    assert combined["2020"][2] == "1*" and combined["2020"][9] == "+1.00"
    assert [line.split()[0] for line in lines if " combined " in line] == ["2016", "2017", "2018", "2019", "2020"]
    assert combined["2018"][2:7] == ["0"] * 5  # a gap year: zero events, no index
    assert "fewer than 5 events" in result.output
    assert "SUPPORT:1" in " ".join(combined["2020"])
    assert combined["2020"][7:9] == ["3.4", "3.4"]  # Goldstein sum and mean, one decimal, unsigned
    assert "Not counted above: 1 reported events" in result.output
    assert "--modality asserted,reported" in result.output


def test_cli_dyad_json_and_csv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    _db("t.duckdb")
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--by", "year", "--format", "json", "--modality", "asserted,reported", "--db", "t.duckdb"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["modality_counts"]["reported"] == 1
    combined = {(r["period"], r["modality"]): r for r in data["series"] if r["direction"] == "combined"}
    assert combined[("2016", "asserted")]["net_cooperation"] == 0.0
    assert combined[("2020", "asserted")]["net_cooperation"] == 1.0
    assert combined[("2016", "reported")]["n_events"] == 1
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--format", "csv", "--db", "t.duckdb"])
    assert result.output.splitlines()[0].startswith("period,axis,modality,direction,n_events")


def test_cli_dyad_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    _db("t.duckdb")
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--modality", "rumour", "--db", "t.duckdb"])
    assert result.exit_code == 1
    assert "Error: modality rumour: must be among asserted, reported, hypothetical, future, negated or 'all'" in result.output
    result = runner.invoke(cli, ["dyad", "IRN", "RUS", "--db", "missing.duckdb"])
    assert result.exit_code == 1 and "no such database" in result.output


def test_cli_report_writes_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    _db("t.duckdb")
    result = runner.invoke(cli, ["report", "IRN", "RUS", "--db", "t.duckdb", "-o", "out.html"])
    assert result.exit_code == 0, result.output
    assert "Wrote out.html: 4 events (3 asserted, 3 of them dated only by publication), 0 quotations, 2 documents" in result.output
    page = open("out.html", encoding="utf-8").read()
    assert page.startswith("<!DOCTYPE html>")
    piped = runner.invoke(cli, ["report", "IRN", "RUS", "--db", "t.duckdb", "-o", "-", "--json"])
    assert piped.exit_code == 0 and piped.stdout.startswith("<!DOCTYPE html>") and not os.path.exists("-")
    summary = json.loads(piped.stderr)
    assert (summary["output"], summary["n_events"], summary["n_publication_dated"]) == ("-", 4, 3)
    typo = runner.invoke(cli, ["report", "IRA", "RUS", "--db", "t.duckdb"])
    assert typo.exit_code == 1 and "did you mean IRN (Iran)" in typo.output


def test_cli_demo_main_dyad_is_the_most_active_pair():
    from dyadscope.store.queries import busiest_pair as main_dyad

    from .synthetic import store

    db = store(
        Doc("m1", "2019-12-27", [
            ("Iran, Russia and China held a naval drill.", [Ev("COOPERATE", ("IRN", "RUS", "CHN"), (), "held")]),
            ("Turkey criticised Russia.", [Ev("ACCUSE", ("TUR",), ("RUS",), "criticised")]),
            ("Turkey criticised Russia again.", [Ev("ACCUSE", ("TUR",), ("RUS",), "criticised")]),
            ("Russia praised Iran.", [Ev("SUPPORT", ("RUS",), ("IRN",), "praised")]),
            ("Iran thanked Russia.", [Ev("SUPPORT", ("IRN",), ("RUS",), "thanked")]),
        ]),
    )
    assert main_dyad(db) == ("IRN", "RUS")  # 3 events (joint drill counts once) against RUS-TUR's 2
    assert main_dyad(store(Doc("e", None, [("Nothing happened.", [])]))) is None
