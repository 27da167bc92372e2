"""``dyadscope ingest``, ``extract`` and ``export``: documents in, records out."""

from __future__ import annotations

import json
import sys

import click

from .options import (
    actors_option,
    count_inputs,
    db_option,
    info,
    jobs_option,
    library_errors,
    max_chars_option,
    progress_bar,
    reference_date_option,
    report_failure,
    verbosity_options,
)


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@actors_option
@max_chars_option
@jobs_option
@reference_date_option
@click.option("--recode", is_flag=True, help="Re-code stored documents coded by another version (code, knowledge or model) first.")
@click.option("--recode-all", is_flag=True, help="With --recode: re-code every stored document.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@verbosity_options
def ingest(paths, db_path, actor_files, max_chars, jobs, reference_date, recode, recode_all, as_json):
    """Process files and folders into the database (idempotent, resumable).

    Accepts .txt, .md, .html, .pdf and .jsonl files and folders of them. Documents already in the
    database are skipped. Each run is recorded (dyadscope version, knowledge and code hashes,
    spaCy model, reference date) and linked to the documents it stored. With --recode, stored
    documents coded by another version are coded again first, one transaction per batch. Exits
    with status 1 if any input failed; the others are stored.

    Example:

    \b
        dyadscope ingest articles/ more.jsonl --db iran.duckdb
        dyadscope ingest --recode --db iran.duckdb
    """
    from ..batch import Engine, recode as run_recode
    from ..batch import ingest as run_ingest
    from ..store import Database

    if not paths and not recode:
        raise click.UsageError("give files or folders to ingest, or --recode")
    if recode_all and not recode:
        raise click.UsageError("--recode-all needs --recode")
    summaries = {}
    with library_errors(), Database(db_path) as db, \
            Engine(actor_files=actor_files, jobs=jobs, reference_date=reference_date) as engine:
        if recode:
            with progress_bar(None, "recode") as bar:
                summaries["recode"] = run_recode(db=db, engine=engine, everything=recode_all, progress=bar.update,
                                                 on_failure=report_failure)
        if paths:
            with progress_bar(count_inputs(paths), "ingest") as bar:
                summaries["ingest"] = run_ingest(paths, db=db, engine=engine, max_chars=max_chars, progress=bar.update,
                                                 on_failure=report_failure)
        _after_write(db)
        counts = db.counts()
    failed = sum(len(s.failures) for s in summaries.values())
    if as_json:
        click.echo(json.dumps({
            "db": db_path, "reference_date": engine.reference_date,
            **{name: _summary_dict(s) for name, s in summaries.items()},
            "database": {k: counts[k] for k in ("documents", "mentions", "quotes", "events")},
        }, indent=2))
    else:
        if "recode" in summaries:
            r = summaries["recode"]
            info(f"{r.processed} documents re-coded (run {r.run_id}), {len(r.failures)} failed")
        if "ingest" in summaries:
            i = summaries["ingest"]
            info(f"{i.processed} documents stored, {i.skipped_duplicates} already present, {len(i.failures)} failed; "
                 f"database now holds {counts['documents']} documents, {counts['mentions']} mentions, "
                 f"{counts['quotes']} quotes, {counts['events']} events ({db_path})")
    if failed:
        sys.exit(1)


def _summary_dict(summary) -> dict:
    return {
        "run_id": summary.run_id, "documents": summary.processed, "already_present": summary.skipped_duplicates,
        "mentions": summary.mentions, "quotes": summary.quotes, "events": summary.events,
        "failed": [{"source": f.source, "reason": f.reason} for f in summary.failures],
    }


def _after_write(db) -> None:
    """Work the readers would otherwise repeat, done once after the store changed."""


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output JSON Lines file [stdout].")
@actors_option
@max_chars_option
@jobs_option
@reference_date_option
@verbosity_options
def extract(paths, output, actor_files, max_chars, jobs, reference_date):
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
    with library_errors(), Engine(actor_files=actor_files, jobs=jobs, reference_date=reference_date) as engine, \
            progress_bar(count_inputs(paths), "extract") as bar:
        for item in run_extract(paths, engine=engine, max_chars=max_chars, progress=bar.update):
            if isinstance(item, Failure):
                failed += 1
                report_failure(item)
                continue
            for record in export_records(item):
                output.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        sys.exit(1)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="JSON Lines file, or folder for csv/parquet.")
@verbosity_options
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
            info(f"{n} records written to {output}")
        else:
            paths = write_tables(flat_tables(db.results()), output, fmt)
            info("wrote " + ", ".join(str(p) for p in paths))
