"""The ``dyadscope`` command line: a thin layer over the library API.

The group is defined here; each command lives in a module of its own and takes shared options
from :mod:`.options`, so no command module imports this one.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from ..errors import internal_error
from ..settings import VERSION
from .analysis import dyad, report
from .assessments import assessments
from .demo import demo, samples
from .knowledge import knowledge_group
from .options import CONTEXT_SETTINGS, configure_logging, verbosity_options
from .records_io import export, extract, ingest
from .serve import serve
from .spark import spark_ingest


log = logging.getLogger("dyadscope.cli")


class Commands(click.Group):
    """The command group, with the last word on anything a command did not handle itself: Ctrl-C
    is one line and exit code 130 (what was stored or written stays whole); a closed pipe
    (``| head``) ends quietly; a crash of our own is one ``Error: internal error: ...`` line, with
    the traceback under -vv."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted: what was stored or written before stays whole; "
                       "run the same command again to resume", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(1)
        except Exception as e:  # noqa: BLE001 - never a traceback on the terminal by default
            log.debug("internal error", exc_info=True)
            raise click.ClickException(internal_error(e)) from None


def _silence_stdout() -> None:
    """After the reader of our standard output went away, let nothing more be written to it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to silence
        pass


@click.group(cls=Commands, context_settings=CONTEXT_SETTINGS)
@click.version_option(VERSION, prog_name="dyadscope")
@verbosity_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """dyadscope: who did what to whom, who said what, and what it adds up to for a pair of states.

    Every command takes -h/--help, -v/--verbose and -q/--quiet; --db defaults to $DYADSCOPE_DB,
    else ./dyadscope.duckdb.
    """
    level = ctx.meta.get("dyadscope.verbosity", {})
    configure_logging(level.get("verbose", 0), level.get("quiet", False))


for command in (ingest, extract, export, dyad, report, demo, samples, knowledge_group, assessments, serve, spark_ingest):
    cli.add_command(command)

__all__ = ["cli"]
