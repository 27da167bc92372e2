"""The ``dyadscope`` command line: a thin layer over the library API."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .. import __version__
from ..errors import DyadscopeError, KnowledgeError
from ..settings import DEFAULT_DB, MAX_CHARS

db_option = click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="DuckDB database file."
)
actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="User actor dictionary (YAML/CSV/JSONL, or PETRARCH .txt); repeatable.",
)
jobs_option = click.option(
    "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="Local worker processes."
)
max_chars_option = click.option(
    "--max-chars", default=MAX_CHARS, show_default=True, type=click.IntRange(1), help="Refuse documents longer than this."
)


@contextmanager
def library_errors():
    """Library errors become ``Error: ...`` and exit code 1."""
    try:
        yield
    except DyadscopeError as e:
        raise click.ClickException(str(e)) from None


def progress_bar(total: int | None, desc: str):
    from tqdm import tqdm

    # disable=None: a bar on a terminal, nothing when stderr is a file or pipe.
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=None, leave=False)


def count_inputs(paths) -> int | None:
    from ..ingest import expand_paths

    files = [p for p in expand_paths(paths) if isinstance(p, Path) and str(p) != "-"]
    if any(p.suffix.lower() == ".jsonl" for p in files):
        return None
    return len(files)


def report_failure(f) -> None:
    click.echo(f"error: {f.source}: {f.reason}", err=True)


@click.group()
@click.version_option(__version__, prog_name="dyadscope")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """dyadscope: who did what to whom, who said what, and what it adds up to for a pair of states."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@actors_option
@max_chars_option
@jobs_option
def ingest(paths, db_path, actor_files, max_chars, jobs):
    """Process files and folders into the database (idempotent, resumable).

    Accepts .txt, .md, .html, .pdf and .jsonl files and folders of them. Documents already in the
    database are skipped. Exits with status 1 if any input failed; the others are stored.

    Example:

        dyadscope ingest articles/ more.jsonl --db iran.duckdb
    """
    from ..batch import Engine
    from ..batch import ingest as run_ingest
    from ..store import Database

    with library_errors(), Database(db_path) as db, Engine(actor_files=actor_files, jobs=jobs) as engine:
        with progress_bar(count_inputs(paths), "ingest") as bar:
            summary = run_ingest(paths, db=db, engine=engine, max_chars=max_chars, progress=bar.update, on_failure=report_failure)
        counts = db.counts()
    click.echo(
        f"{summary.processed} documents stored, {summary.skipped_duplicates} already present, {len(summary.failures)} failed; "
        f"database now holds {counts['documents']} documents, {counts['mentions']} mentions, "
        f"{counts['quotes']} quotes, {counts['events']} events ({db_path})"
    )
    if summary.failures:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output JSON Lines file [stdout].")
@actors_option
@max_chars_option
@jobs_option
def extract(paths, output, actor_files, max_chars, jobs):
    """Process inputs and write export records as JSON Lines, without a database.

    Use - to read JSON Lines documents from standard input.

    Example:

        dyadscope extract articles/*.txt -o records.jsonl
    """
    from ..batch import Engine
    from ..batch import extract as run_extract
    from ..export import export_records
    from ..records import Failure

    failed = 0
    with library_errors(), Engine(actor_files=actor_files, jobs=jobs) as engine, progress_bar(count_inputs(paths), "extract") as bar:
        for item in run_extract(paths, engine=engine, max_chars=max_chars, progress=bar.update):
            if isinstance(item, Failure):
                failed += 1
                report_failure(item)
                continue
            for record in export_records(item):
                output.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="JSON Lines file, or folder for csv/parquet.")
def export(db_path, fmt, output):
    """Export the database in the public format.

    jsonl writes one file of records (documents, mentions, quotes, events); csv and parquet write
    one file per kind (documents.csv, mentions.csv, quotes.csv, events.csv) into a folder.

    Example:

        dyadscope export --db iran.duckdb --format parquet -o out/
    """
    from ..export import export_records, flat_tables, write_tables
    from ..store import Database

    with library_errors(), Database(db_path, read_only=True) as db:
        if fmt == "jsonl":
            n = 0
            with open(output, "w", encoding="utf-8") as fh:
                for result in db.results():
                    for record in export_records(result):
                        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                        n += 1
            click.echo(f"{n} records written to {output}")
        else:
            paths = write_tables(flat_tables(db.results()), output, fmt)
            click.echo("wrote " + ", ".join(str(p) for p in paths))


@cli.group("knowledge")
def knowledge_group():
    """Inspect and validate knowledge files."""


@knowledge_group.command("check")
@actors_option
def knowledge_check(actor_files):
    """Load every shipped knowledge file (and any --actors files) and report every problem.

    Example:

        dyadscope knowledge check --actors my_actors.yaml
    """
    from ..knowledge import load_knowledge

    try:
        load_knowledge(actor_files)
    except KnowledgeError as e:
        raise click.ClickException(str(e)) from None
    click.echo("knowledge files OK")


from .demo import demo  # noqa: E402
from .evaluate import evaluate  # noqa: E402

cli.add_command(demo)
cli.add_command(evaluate)

__all__ = ["cli"]
from .analysis import dyad, report  # noqa: E402

cli.add_command(dyad)
cli.add_command(report)
