"""Options and helpers shared by the commands: one definition each (database, dictionaries, jobs,
limits, verbosity, dates), library errors as ``Error: ...``, progress bars and per-file error lines."""

from __future__ import annotations

import datetime as _dt
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import DyadscopeError
from ..settings import DEFAULT_DB, MAX_CHARS

#: ``-h`` as well as ``--help`` on the group and every command under it.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

#: Environment variable naming the default database of every command but ``demo``.
DB_ENVVAR = "DYADSCOPE_DB"

_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


class OursUnlessVerbose(logging.Filter):
    """Lets through dyadscope's own records, and other libraries' (pypdf, trafilatura, Python
    warnings...) only with -v (their warnings) or -vv (everything), so by default each bad file
    is one line, not a page of a parser's complaints."""

    def __init__(self, verbose: int = 0):
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "dyadscope" or record.name.startswith("dyadscope."):
            return True
        return self.verbose > 1 or (self.verbose == 1 and record.levelno >= logging.WARNING)


def configure_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Library logging to stderr: warnings by default, info with -v, debug with -vv, errors only
    with -q; other libraries' logs and Python warnings only with -v (:class:`OursUnlessVerbose`)."""
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(format=_LOG_FORMAT, force=True, level=level)
    for handler in logging.getLogger().handlers:
        handler.addFilter(OursUnlessVerbose(0 if quiet else verbose))
    logging.captureWarnings(True)


def _set_verbosity(ctx: click.Context, param: click.Parameter, value) -> None:
    meta = ctx.meta.setdefault("dyadscope.verbosity", {"verbose": 0, "quiet": False})
    if param.name == "verbose" and value:
        meta["verbose"] = max(meta["verbose"], value)
    elif param.name == "quiet" and value:
        meta["quiet"] = True
    if value:
        configure_logging(meta["verbose"], meta["quiet"])


def verbosity_options(command):
    """``-v/--verbose`` (repeatable) and ``-q/--quiet`` on a command."""
    command = click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=_set_verbosity,
        help="Only errors: no progress bar, no summary line.",
    )(command)
    return click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=_set_verbosity,
        help="Log progress details to stderr (-vv for debugging).",
    )(command)


def is_quiet() -> bool:
    """True when -q was given to the running command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get("dyadscope.verbosity", {}).get("quiet"))


def info(message: str, *, err: bool = False) -> None:
    """A summary line, left out under -q."""
    if not is_quiet():
        click.echo(message, err=err)


def database_option(default: str = DEFAULT_DB, *, envvar: str | None = DB_ENVVAR, folders: bool = False):
    """``--db FILE``, the one database option; commands differ only in the default and in whether
    they also read a ``spark-ingest`` output folder (``folders``: reading commands do)."""
    return click.option(
        "--db", "db_path", default=default, show_default=True, envvar=envvar, show_envvar=envvar is not None,
        type=click.Path(dir_okay=folders),
        help="DuckDB database file, or a spark-ingest output folder." if folders else "DuckDB database file.",
    )


db_option = database_option()
#: ``--db`` of the commands that only read the store: a DuckDB file or a spark-ingest output folder.
read_db_option = database_option(folders=True)
actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="User actor dictionary (YAML/CSV/JSONL, or PETRARCH .txt); repeatable.",
)
verbs_option = click.option(
    "--verbs",
    "verb_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="User verb dictionary (PETRARCH/TABARI .txt, or JSONL verb patterns); repeatable.",
)

jobs_option = click.option(
    "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="Local worker processes."
)
max_seconds_option = click.option(
    "--max-seconds", type=click.FloatRange(0), default=None,
    help="Refuse a document that takes longer than this to read or to process (0: no limit).  "
         "[default: 20 s plus 40 ms per 1,000 characters]",
)


def budget_for(max_seconds: float | None):
    """The time budget of --max-seconds (see :mod:`dyadscope.budget`)."""
    from ..budget import FixedBudget, default_budget

    return default_budget if max_seconds is None else FixedBudget(max_seconds)


max_chars_option = click.option(
    "--max-chars", default=MAX_CHARS, show_default=True, type=click.IntRange(1), help="Refuse documents longer than this."
)


class DateType(click.ParamType):
    """A calendar date written as ISO ``YYYY-MM-DD`` or as people write it ("13 May 2016")."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value.isoformat()
        from ..dates import read_date

        got = read_date(str(value))
        if got is None:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2016-05-13", param, ctx)
        return got


reference_date_option = click.option(
    "--reference-date", "reference_date", type=DateType(), default=None,
    help="Date that undated documents are read as of (who holds which office); recorded with the run.  [default: today]",
)


@contextmanager
def library_errors(db: str | None = None):
    """Library errors become ``Error: ...`` and exit code 1; so does a database error while reading
    ``db`` (a damaged file found only when a query reaches its broken part)."""
    import duckdb

    try:
        yield
    except DyadscopeError as e:
        raise click.ClickException(str(e)) from None
    except duckdb.Error as e:
        if db is None:
            raise
        from ..errors import first_line

        raise click.ClickException(f"{db}: cannot read the database ({first_line(e)}); is the file damaged? "
                                   "restore it from a copy, or re-ingest into a new file") from None


def progress_bar(total: int | None, desc: str):
    from tqdm import tqdm

    # disable=None: a bar on a terminal, nothing when stderr is a file or pipe (or under -q).
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=True if is_quiet() else None, leave=False)


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
