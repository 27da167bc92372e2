"""``dyadscope demo`` (the bundled sample corpus into a fresh database, and what was found in it)
and ``dyadscope samples`` (where that corpus is)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store import queries
from .options import database_option, info, library_errors, progress_bar, report_failure, verbosity_options

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

#: ``store_info.made_by`` of a database the demo made, which a later demo may replace.
DEMO_MARK = "dyadscope demo"


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


def sample_files() -> list[Path]:
    """The articles of the sample corpus (its README is about the corpus, not an article)."""
    from ..ingest import is_article_file

    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and is_article_file(p))


def _refuse_unless_ours(db_path: str, force: bool) -> None:
    """Stop before touching a file the demo did not make (unless --force)."""
    from ..store import made_by

    path = Path(db_path)
    if path.exists() and not force and made_by(path) != DEMO_MARK:
        raise click.ClickException(
            f"{db_path} exists and was not made by `dyadscope demo`, so it is left untouched; "
            "choose another --db, or pass --force to replace it"
        )


@click.command()
@database_option("dyadscope-demo.duckdb", envvar=None)
@click.option("--force", is_flag=True, help="Replace --db (and the report beside it) even if the demo did not make them.")
@verbosity_options
def demo(db_path, force):
    """Ingest the bundled sample corpus into a fresh database, print what was found, and write the
    HTML report of its most active pair of countries next to the database.

    A database an earlier demo made is replaced; any other existing file is left alone unless
    --force is given. The sample articles are illustrative texts written for this demo (see
    `dyadscope samples`).

    Example:

        dyadscope demo --db demo.duckdb
    """
    from ..batch import ingest
    from ..report import is_dyadscope_report
    from ..store import Database

    _refuse_unless_ours(db_path, force)
    for suffix in ("", ".wal"):
        Path(db_path + suffix).unlink(missing_ok=True)
    inputs = sample_files()
    refused_report = None
    with library_errors(), Database(db_path) as db, progress_bar(len(inputs), "demo") as bar:
        db.set_info("made_by", DEMO_MARK)
        summary = ingest(inputs, db=db, progress=bar.update, on_failure=report_failure)
        from ..analysis import store_clusters

        store_clusters(db)
        info(f"Ingested the sample corpus into {db_path}: {summary.processed} documents, "
             f"{summary.mentions} actor mentions, {summary.quotes} quotes, {summary.events} events.")
        for line in summarize(db):
            info(line)
        pair = queries.busiest_pair(db)
        if pair is not None:
            from ..report import write_report

            a, b = pair
            report_path = Path(db_path).with_name(f"{Path(db_path).stem}-report-{a}-{b}.html")
            if report_path.exists() and not force and not is_dyadscope_report(report_path):
                refused_report = report_path
            else:
                data = write_report(db, a, b, report_path, by="year")
                info(f"Report on the main dyad {a}-{b} ({data['summary']['n_events']} events, "
                     f"{data['summary']['n_quotes']} quotations): {report_path.resolve()}")
            info(f"Series: dyadscope dyad {a} {b} --by year --db {db_path}")
        else:
            info("No events between two countries were found, so no dyad report was written.")
    if refused_report is not None:
        click.echo(f"Error: {refused_report} exists and is not a dyadscope report, so it is left untouched "
                   "and no report was written; pass --force to replace it", err=True)
    if summary.failures or refused_report is not None:
        sys.exit(1)


@click.command()
@click.option("--list", "list_files", is_flag=True, help="List the sample articles too.")
@verbosity_options
def samples(list_files):
    """Print where the bundled sample corpus is (a folder you can ingest or copy).

    Example:

        dyadscope ingest "$(dyadscope samples)" --db samples.duckdb
    """
    click.echo(str(SAMPLES))
    if list_files:
        for path in sample_files():
            click.echo(f"  {path.name}")
