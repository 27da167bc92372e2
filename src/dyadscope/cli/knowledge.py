"""``dyadscope knowledge``: inspect and validate knowledge files."""

from __future__ import annotations

import click

from ..errors import KnowledgeError
from .options import actors_option, info, verbosity_options


@click.group("knowledge")
def knowledge_group():
    """Inspect and validate knowledge files."""


@knowledge_group.command("check")
@actors_option
@verbosity_options
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
    info("knowledge files OK")
