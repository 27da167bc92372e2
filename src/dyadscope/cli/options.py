"""Options and helpers shared by the commands: one definition each (database, dictionaries, jobs,
limits), library errors as ``Error: ...``, progress bars and per-file error lines."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import DyadscopeError
from ..settings import DEFAULT_DB, MAX_CHARS

def database_option(default: str = DEFAULT_DB):
    """``--db FILE``, the one database option; commands differ only in the default."""
    return click.option(
        "--db", "db_path", default=default, show_default=True, type=click.Path(),
        help="DuckDB database file (reading commands also take a spark-ingest output folder)."
    )


db_option = database_option()
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
dedup_option = click.option(
    "--dedup/--no-dedup", default=True, show_default=True, help="Merge the same event reported by several documents."
)
