"""The ``dyadscope`` command line: a thin layer over the library API.

The group is defined here; each command lives in a module of its own and takes shared options
from :mod:`.options`, so no command module imports this one.
"""

from __future__ import annotations

import click

from ..settings import VERSION
from .analysis import dyad, report
from .assessments import assessments
from .demo import demo, samples
from .knowledge import knowledge_group
from .options import CONTEXT_SETTINGS, configure_logging, verbosity_options
from .records_io import export, extract, ingest
from .serve import serve


@click.group(context_settings=CONTEXT_SETTINGS)
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


for command in (ingest, extract, export, dyad, report, demo, samples, knowledge_group, assessments, serve):
    cli.add_command(command)

__all__ = ["cli"]
