"""``dyadscope demo``: the bundled sample corpus into a fresh database, and what was found in it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store import queries
from .options import database_option, library_errors, progress_bar, report_failure, verbosity_options

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def summarize(db) -> list[str]:
    """Lines describing what a store holds: documents, actors, quotes and events."""
    found = queries.store_summary(db)
    docs = found["documents"]
    lines = [f"{len(docs)} documents:"]
    lines += [f"  {d['date'] or '????-??-??'}  {d['doc_id']}  {d['title'] or ''}" for d in docs]
    if found["countries"]:
        lines.append("Most mentioned actors' countries: " + ", ".join(f"{r['country']} {r['n']}" for r in found["countries"]))
    if found["quote_types"]:
        lines.append("Quotes: " + ", ".join(f"{r['n']} {r['quote_type']}" for r in found["quote_types"]))
    if found["event_types"]:
        lines.append("Events by PLOVER type and modality: "
                     + ", ".join(f"{r['event_type']}/{r['modality']} {r['n']}" for r in found["event_types"]))
    if found["directed_dyads"]:
        lines.append("Most active directed dyads: " + ", ".join(f"{r['a']}->{r['b']} {r['n']}" for r in found["directed_dyads"]))
    return lines


@click.command()
@database_option("dyadscope-demo.duckdb", envvar=None)
@verbosity_options
def demo(db_path):
    """Ingest the bundled sample corpus into a fresh database, print what was found, and write the
    HTML report of its most active pair of countries next to the database.

    The sample articles are illustrative texts written for this demo (see samples/README.md).

    Example:

        dyadscope demo --db demo.duckdb
    """
    from ..batch import ingest
    from ..store import Database

    for suffix in ("", ".wal"):
        Path(db_path + suffix).unlink(missing_ok=True)
    inputs = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".md" or p.name != "README.md")
    with library_errors(), Database(db_path) as db, progress_bar(len(inputs), "demo") as bar:
        summary = ingest(inputs, db=db, progress=bar.update, on_failure=report_failure)
        click.echo(f"Ingested the sample corpus into {db_path}: {summary.processed} documents, "
                   f"{summary.mentions} actor mentions, {summary.quotes} quotes, {summary.events} events.")
        for line in summarize(db):
            click.echo(line)
        pair = queries.busiest_pair(db)
        if pair is not None:
            from ..report import write_report

            a, b = pair
            report_path = Path(db_path).with_name(f"{Path(db_path).stem}-report-{a}-{b}.html")
            data = write_report(db, a, b, report_path, by="year")
            click.echo(f"Report on the main dyad {a}-{b} ({data['summary']['n_events']} events, "
                       f"{data['summary']['n_quotes']} quotations): {report_path.resolve()}")
            click.echo(f"Series: dyadscope dyad {a} {b} --by year --db {db_path}")
        else:
            click.echo("No events between two countries were found, so no dyad report was written.")
    if summary.failures:
        sys.exit(1)
