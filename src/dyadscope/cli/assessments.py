"""``dyadscope assessments``: who judges a pair's relationship close, hostile or mixed, over time."""

from __future__ import annotations

import json
import math

import click

from .options import db_option, library_errors, verbosity_options

_SERIES_COLUMNS = [("period", "period"), ("holder_country", "holder"), ("n", "n"), ("positive", "positive"),
                   ("negative", "negative"), ("mixed", "mixed"), ("balance", "balance")]


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:+.2f}" if isinstance(value, float) else str(value)


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _holder(row: dict) -> str:
    name = row.get("holder_name") or row.get("holder_text")
    if not name:
        return "author"
    return f"{name} ({row['holder_country']})" if row.get("holder_country") else name


def _plain(row: dict) -> dict:
    """Missing values (pandas NaN/NA) as None."""
    return {k: (None if not isinstance(v, (list, tuple)) and v is not None and v != v else v) for k, v in row.items()}


def _evidence(row: dict) -> dict:
    row = _plain(row)
    return {
        "doc_id": row["doc_id"], "date": row["date"], "polarity": row["polarity"], "holder": _holder(row),
        "holder_country": row["holder_country"], "aspects": list(row["aspects"]), "judgement": row["judgement"],
        "sentence": row["sentence"], "start": int(row["start"]), "end": int(row["end"]),
        "quote_type": row["quote_type"], "confidence": float(row["confidence"]), "rule": row["rule"],
    }


def format_assessments(a: str, b: str, by: str, series, balance, evidence: list[dict]) -> list[str]:
    """The table format: counts per period and holder country, per document, then the evidence."""
    lines = [f"{a} and {b}: {len(evidence)} assessments in {len(balance)} documents, by {by}",
             "balance = (positive - negative) / n; holder 'author' = the document's own judgement", ""]
    rows = [[_cell(rec[c]) for c, _ in _SERIES_COLUMNS] for rec in series.to_dict("records")]
    lines += _aligned([h for _, h in _SERIES_COLUMNS], rows)
    lines += ["", "Documents:"]
    for rec in map(_plain, balance.to_dict("records")):
        lines.append(f"  {rec['date'] or 'undated'}  {rec['doc_id']}  {rec['n']} assessments, balance "
                     f"{_cell(rec['balance'])}  {rec['title'] or ''}".rstrip())
    lines += ["", "Evidence:"]
    for e in evidence:
        lines.append(f"  {e['date'] or 'undated'}  {e['polarity']:8s}  {e['holder']}  [{', '.join(e['aspects'])}]  "
                     f"\"{e['judgement']}\"  ({e['doc_id']}:{e['start']})")
    return lines


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True, help="Period length.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
@verbosity_options
def assessments(a, b, by, fmt, db_path):
    """Per period, who judges the relationship of A and B positive, negative or mixed.

    A and B are ISO alpha-3 codes (or IGO codes such as EUR, NAT). Counts by polarity and by the
    holder's country ('author' for the documents' own judgements), the balance
    (positive - negative) / n, each document's balance, and the evidence: every judgement with
    its holder, aspects and text. --format csv gives the counts table; json gives everything.

    Example:

        dyadscope assessments IRN RUS --by year --db iran.duckdb
    """
    from ..analysis import Dataset
    from ..analysis.series import check_country, store_countries
    from ..export import dumps

    with library_errors():
        with Dataset(db_path) as ds:
            known = store_countries(ds.event_table(dedup=False))
            a, b = check_country(a, known), check_country(b, known)
            series = ds.assessment_series(a, b, by=by)
            balance = ds.assessment_balance(a, b)
            evidence = [_evidence(r) for r in ds.dyad_assessments(a, b).to_dict("records")]
    if fmt == "csv":
        click.echo(series.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        click.echo(dumps({
            "a": a, "b": b, "by": by, "series": json.loads(series.to_json(orient="records")),
            "documents": json.loads(balance.to_json(orient="records")), "assessments": evidence,
        }, indent=2))
        return
    if not evidence:
        click.echo(f"No assessments of the relationship between {a} and {b} in {db_path}.")
        return
    for line in format_assessments(a, b, by, series, balance, evidence):
        click.echo(line)
