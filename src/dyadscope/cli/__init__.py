"""The ``dyadscope`` command line: a thin layer over the library API.

The group is defined here; each command lives in a module of its own and takes shared options
from :mod:`.options`, so no command module imports this one.
"""

from __future__ import annotations

import logging

import click

from ..settings import VERSION
from .analysis import dyad, report
from .demo import demo
from .knowledge import knowledge_group
from .records_io import export, extract, ingest
from .serve import serve


@click.group()
@click.version_option(VERSION, prog_name="dyadscope")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """dyadscope: who did what to whom, who said what, and what it adds up to for a pair of states."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


for command in (ingest, extract, export, dyad, report, demo, knowledge_group, serve):
    cli.add_command(command)

__all__ = ["cli"]
