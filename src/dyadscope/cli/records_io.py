"""``dyadscope ingest``, ``extract`` and ``export``: documents in, records out."""

from __future__ import annotations

import sys

import click

from .options import (
    actors_option,
    dedup_option,
    count_inputs,
    db_option,
    info,
    jobs_option,
    budget_for,
    library_errors,
    max_chars_option,
    max_seconds_option,
    progress_bar,
    read_db_option,
    reference_date_option,
    report_failure,
    verbosity_options,
    verbs_option,
)

@click.command()
@click.argument("paths", nargs=-1)
@db_option
@actors_option
@verbs_option
@max_chars_option
@max_seconds_option
@jobs_option
@reference_date_option
@click.option("--recode", is_flag=True, help="Re-code stored documents coded by another version (code, knowledge or model) first.")
@click.option("--recode-all", is_flag=True, help="With --recode: re-code every stored document.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@verbosity_options
def ingest(paths, db_path, actor_files, verb_files, max_chars, max_seconds, jobs, reference_date, recode, recode_all, as_json):
    """Process files and folders into the database (idempotent, resumable).

    Accepts .txt, .md, .html, .pdf and .jsonl files and folders of them. Documents already in the
    database are skipped. Each run is recorded (dyadscope version, knowledge and code hashes,
    spaCy model, reference date) and linked to the documents it stored. With --recode, stored
    documents coded by another version are coded again first, one transaction per batch. Exits
    with status 1 if any input failed; the others are stored.

    Example:

    \b
        dyadscope ingest articles/ more.jsonl --db iran.duckdb
        dyadscope ingest articles/ --verbs my.verbs.txt --db iran.duckdb
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
    with library_errors(db=db_path), Database(db_path) as db, \
            Engine(actor_files=actor_files, verb_files=verb_files, jobs=jobs, reference_date=reference_date,
                   budget=budget_for(max_seconds)) as engine:
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
        from ..export import dumps

        click.echo(dumps({
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
    """Work the readers would otherwise repeat, done once after the store changed: the
    cross-document deduplication, stored with the store's fingerprint."""
    from ..analysis import store_clusters

    store_clusters(db)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="Output JSON Lines file; - is standard output.  [default: -]")
@actors_option
@verbs_option
@max_chars_option
@max_seconds_option
@jobs_option
@reference_date_option
@verbosity_options
def extract(paths, output, actor_files, verb_files, max_chars, max_seconds, jobs, reference_date):
    """Process inputs and write export records as JSON Lines, without a database.

    Use - as an input to read JSON Lines documents from standard input.

    Example:

    \b
        dyadscope extract articles/*.txt -o records.jsonl
        dyadscope extract news.jsonl --actors my.actors.txt --verbs my.verbs.txt -o records.jsonl
    """
    from ..batch import Engine
    from ..batch import extract as run_extract
    from ..export.files import check_output, text_output
    from ..records import Failure

    failed = 0
    with library_errors():
        check_output(output, keep=tuple(p for p in paths if p != "-"))
    with library_errors(), Engine(actor_files=actor_files, verb_files=verb_files, jobs=jobs, reference_date=reference_date,
                                  budget=budget_for(max_seconds)) as engine, \
            progress_bar(count_inputs(paths), "extract") as bar, text_output(output) as fh:
        for item in run_extract(paths, engine=engine, max_chars=max_chars, progress=bar.update):
            if isinstance(item, Failure):
                failed += 1
                report_failure(item)
                continue
            lines = _record_lines(item)
            if isinstance(lines, Failure):
                failed += 1
                report_failure(lines)
                continue
            fh.write(lines)
    if failed:
        sys.exit(1)


def _record_lines(result):
    """The JSON Lines of one result's export records, or its Failure if they cannot be made."""
    from ..errors import internal_error
    from ..export import dumps, export_records
    from ..records import Failure

    try:
        return "".join(dumps(record) + "\n" for record in export_records(result))
    except Exception as e:  # noqa: BLE001 - one document must not stop the export of the others
        return Failure(result.article.source_path or result.article.doc_id, internal_error(e, "export failed"))


#: Formats of ``dyadscope export``: what each writes to -o.
EXPORT_FORMATS = {
    "jsonl": "one JSON Lines file of records (documents, mentions, quotes, events)",
    "csv": "a folder of documents.csv, mentions.csv, quotes.csv, events.csv (nested values as JSON)",
    "parquet": "a folder of the same four tables as Parquet, with native list and struct columns",
    "gdelt": "a GDELT 2.0 Events file (61 columns, tab-separated, no header) and its Mentions file beside it",
    "icews": "an ICEWS event file (tab-separated, with a header)",
    "plover": "PLOVER JSON Lines, one event a line",
    "sqlite": "one SQLite database of the store's tables (for Datasette, sqlite-utils, RSQLite)",
}


@click.command()
@read_db_option
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
              help="File, or folder for csv/parquet; - is standard output.")
@click.option("--table", type=click.Choice(["documents", "mentions", "quotes", "events"]), default=None,
              help="csv/parquet: write only this table, to a file or - (standard output).")
@dedup_option
@verbosity_options
def export(db_path, fmt, output, table, dedup):
    """Export the database as records or as an event dataset.

    \b
    jsonl    one JSON Lines file of records (documents, mentions, quotes, events)
    csv      a folder of documents.csv, mentions.csv, quotes.csv, events.csv
    parquet  a folder of the same tables as Parquet (native list/struct columns)
    gdelt    GDELT 2.0 Events (61 columns, TSV, no header) + Mentions beside it
    icews    ICEWS event TSV with a header
    plover   PLOVER JSON Lines, one event a line
    sqlite   one SQLite file for Datasette / sqlite-utils / RSQLite

    gdelt, icews and plover write events merged across documents unless --no-dedup. Every file
    appears only when complete (written under a temporary name first). JSON is strict (no NaN);
    CSV/TSV cells that a spreadsheet would run as a formula start with an apostrophe.

    Example:

    \b
        dyadscope export --db iran.duckdb --format parquet -o out/
        dyadscope export --db iran.duckdb --format gdelt -o iran.export.CSV
        dyadscope export --db iran.duckdb --format csv --table events -o - | head
    """
    from ..export.files import is_stdout
    from ..store import Database

    if table and fmt not in ("csv", "parquet"):
        raise click.UsageError("--table goes with --format csv or parquet")
    if fmt in ("csv", "parquet") and is_stdout(output) and not table:
        raise click.UsageError(f"--format {fmt} writes four files into a folder; to write one table to standard "
                               "output add --table events (or documents, mentions, quotes)")
    with library_errors(db=db_path), Database(db_path, read_only=True) as db:
        _check_export_output(output, fmt, table, db_path)
        written = _EXPORTERS[fmt](db, output, table=table, dedup=dedup)
    if not is_stdout(output):
        info("wrote " + ", ".join(str(p) for p in written))


def _check_export_output(output, fmt: str, table, db_path: str) -> None:
    from ..analysis.gdelt import mentions_path
    from ..export.files import check_output, is_stdout

    check_output(output, folder=fmt in ("csv", "parquet") and not table, keep=(db_path,))
    if fmt == "gdelt" and not is_stdout(output):
        check_output(mentions_path(output), keep=(db_path,))


def _export_jsonl(db, output, **_):
    from ..export import dumps, export_records
    from ..export.files import text_output

    with text_output(output) as fh:
        for result in db.results():
            for record in export_records(result):
                fh.write(dumps(record) + "\n")
    return [output]


def _export_tables(fmt):
    def write(db, output, *, table, **_):
        from ..export.tables import record_tables, write_table, write_tables

        tables = record_tables(db.results())
        if table:
            write_table(tables[table[:-1]], table[:-1], output, fmt)
            return [output]
        return write_tables(tables, output, fmt)

    return write


def _export_events(fmt):
    def write(db, output, *, dedup, **_):
        from ..analysis import Dataset

        ds = Dataset(db)
        if fmt == "gdelt":
            return ds.write_gdelt(output, dedup=dedup) or [output]
        if fmt == "icews":
            return [ds.write_icews(output, dedup=dedup)]
        return [ds.to_plover_jsonl(output, dedup=dedup)]

    return write


def _export_sqlite(db, output, **_):
    from ..export.files import binary_output
    from ..store.sqlite import write_sqlite

    with binary_output(output) as tmp:
        write_sqlite(db, tmp)
    return [output]


_EXPORTERS = {
    "jsonl": _export_jsonl, "csv": _export_tables("csv"), "parquet": _export_tables("parquet"),
    "gdelt": _export_events("gdelt"), "icews": _export_events("icews"), "plover": _export_events("plover"),
    "sqlite": _export_sqlite,
}
