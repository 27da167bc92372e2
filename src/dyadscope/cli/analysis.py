"""``dyadscope dyad`` and ``dyadscope report``: a pair of countries over time, as a table or a page."""

from __future__ import annotations

import math

import click

from .options import dedup_option, info, library_errors, read_db_option, verbosity_options

_TABLE_COLUMNS = [
    ("period", "period"), ("direction", "direction"), ("n_events", "n"), ("verbal_coop", "vcoop"),
    ("material_coop", "mcoop"), ("verbal_conflict", "vconf"), ("material_conflict", "mconf"),
    ("goldstein_sum", "gold_sum"), ("goldstein_mean", "gold_mean"), ("net_cooperation", "net_coop"),
    ("publication_dated", "pub"),
]


def _cell(value, column: str) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:+.2f}" if column == "net_cooperation" else f"{value:.1f}"
    return str(value)


def format_series_table(series, modalities) -> list[str]:
    """The series as aligned text lines, PLOVER types and contexts folded into two columns."""
    columns = list(_TABLE_COLUMNS)
    if len(modalities) > 1:
        columns.insert(1, ("modality", "modality"))
    header = [h for _, h in columns] + ["types", "contexts"]
    rows = []
    type_cols = [c for c in series.columns if c.startswith("type_")]
    ctx_cols = [c for c in series.columns if c.startswith("context_")]
    for rec in series.to_dict("records"):
        cells = [_cell(rec[c], c) for c, _ in columns]
        if rec.get("small"):
            cells[columns.index(("n_events", "n"))] += "*"
        if rec.get("axis") == "coarse":
            cells[0] += " (coarse)"
        cells.append(" ".join(f"{c[5:]}:{rec[c]}" for c in type_cols if rec[c]))
        cells.append(" ".join(f"{c[8:]}:{rec[c]}" for c in ctx_cols if rec[c]))
        rows.append(cells)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


date_basis_option = click.option(
    "--date-basis", default="all", show_default=True,
    help="Count only events whose date rests on these, comma-separated: text (written in the sentence), "
         "relative (resolved against the publication date), publication (only the publication date); or all.",
)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True, help="Period length.")
@click.option(
    "--modality", default="asserted", show_default=True,
    help="Comma-separated modalities to count, each in rows of its own (asserted, reported, hypothetical, future, negated, or all).",
)
@date_basis_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--gaps/--no-gaps", default=True, show_default=True, help="Give every period from first to last a row (zeros where nothing happened).")
@dedup_option
@read_db_option
@verbosity_options
def dyad(a, b, by, modality, date_basis, fmt, gaps, dedup, db_path):
    """Per period, how country A and country B treated each other (A->B, B->A, joint, combined).

    A and B are ISO alpha-3 codes (or our IGO and regional codes; a mistyped code is refused with
    the nearest ones). Counts by quad class, PLOVER type and context, Goldstein sum and mean, the
    net cooperation index (cooperation - conflict) / (cooperation + conflict), and how many events
    are dated only by their publication date (pub). Every period from the first to the last has a
    row; dates coarser than the period (a year when counting by month, 18XX) come after the
    timeline, marked coarse. n* marks fewer than 5 events. Only asserted events are counted unless
    --modality says otherwise; the others are reported below the table, never mixed in.

    Example:

        dyadscope dyad IRN RUS --by year --db iran.duckdb
    """
    from ..analysis import Dataset
    from ..analysis.series import SMALL_COUNT, check_country, parse_date_bases, parse_modalities, store_countries
    from ..export import dumps

    with library_errors(db=db_path):
        mods = parse_modalities(modality)
        bases = parse_date_bases(date_basis)
        with Dataset(db_path) as ds:
            known = store_countries(ds.event_table(dedup=dedup))
            a, b = check_country(a, known), check_country(b, known)
            series = ds.dyad_series(a, b, by=by, modality=mods, dedup=dedup, date_basis=bases, fill=gaps)
            counts = ds.modality_counts(a, b, dedup=dedup)
            n_stored = len(ds.event_table(dedup=False))
            n_events = len(ds.event_table(dedup=dedup))
    if fmt == "csv":
        click.echo(series.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        click.echo(dumps({"a": a, "b": b, "by": by, "modalities": list(mods), "date_basis": list(bases) or "all",
                          "dedup": dedup, "modality_counts": counts, "series": series.to_dict("records")}, indent=2))
        return
    if series.empty:
        click.echo(f"No {'/'.join(mods)} events between {a} and {b} in {db_path}.")
    else:
        for line in format_series_table(series, mods):
            click.echo(line)
        if series["small"].any():
            click.echo(f"* fewer than {SMALL_COUNT} events: the period's index rests on a handful.")
    left = {m: n for m, n in counts.items() if n and m not in mods}
    if left:
        click.echo("Not counted above: " + ", ".join(f"{n} {m}" for m, n in left.items())
                   + f" events (show them with --modality {','.join((*mods, *left))}).")
    click.echo(f"Events: {n_events} ({'after merging ' + str(n_stored) + ' stored events across documents' if dedup else 'no deduplication'}); "
               "net_coop = (cooperation - conflict) / (cooperation + conflict), quads 1+2 vs 3+4; "
               "pub = dated only by the publication date.")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="HTML file; - is standard output.  [default: report-A-B.html]")
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="year", show_default=True, help="Timeline period.")
@date_basis_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary (to stderr when the page goes to stdout).")
@dedup_option
@read_db_option
@verbosity_options
def report(a, b, output, by, date_basis, as_json, dedup, db_path):
    """Write one self-contained HTML page about countries A and B (works offline).

    Timeline of cooperation and conflict on a continuous axis (coarse dates apart, small counts
    marked, publication-dated events counted), events by PLOVER type and context, the events with
    their actors and evidence, quotations about the pair by speaker, and the documents.

    Example:

        dyadscope report IRN RUS -o iran-russia.html --db iran.duckdb
    """
    from ..export import dumps
    from ..export.files import is_stdout
    from ..report import write_report
    from ..store import Database

    from ..export.files import check_output

    with library_errors(db=db_path):
        with Database(db_path, read_only=True) as db:
            output = output or f"report-{a.strip().upper()}-{b.strip().upper()}.html"
            check_output(output, keep=(db_path,))
            data = write_report(db, a, b, output, by=by, dedup=dedup, date_basis=date_basis)
    s = data["summary"]
    to_stderr = is_stdout(output)
    if as_json:
        click.echo(dumps({"output": output, "a": data["a"], "b": data["b"], "by": by, "dedup": dedup,
                          "date_basis": data["date_basis"], **s}, indent=2), err=to_stderr)
    else:
        info(f"Wrote {output}: {s['n_events']} events ({s['n_counted']} asserted, {s['n_publication_dated']} of them "
             f"dated only by publication), {s['n_quotes']} quotations, {s['n_documents']} documents about "
             f"{data['a']} and {data['b']}.", err=to_stderr)
