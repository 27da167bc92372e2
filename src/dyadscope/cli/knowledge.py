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


@knowledge_group.command("import")
@click.option("--from", "source", required=True, type=click.Choice(["wikidata", "petrarch"]),
              help="What the inputs are: a Wikidata Query Service download (CSV or JSON) or PETRARCH/TABARI actor dictionaries.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The user dictionary to write (.jsonl, our format); - for stdout.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the report to stderr as JSON.")
@verbosity_options
def knowledge_import(source, inputs, output, force, as_json):
    """Convert a Wikidata export or PETRARCH dictionaries into our user dictionary format.

    The report (entries taken, rows skipped per reason) goes to stderr. Use the result with
    --actors OUTPUT; docs/knowledge-files.md gives the Wikidata query to run.

    Example:

        dyadscope knowledge import --from wikidata ministers.csv -o ministers.jsonl
    """
    import json
    import sys
    from pathlib import Path

    from ..knowledge.importers import import_files

    if output != "-" and Path(output).exists() and not force:
        raise click.ClickException(f"{output} exists; pass --force to replace it")
    if output != "-" and not output.endswith(".jsonl"):
        raise click.ClickException(f"{output}: the output is our JSONL format; name it .jsonl")
    try:
        lines, report = import_files(source, [Path(p) for p in inputs])
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), err=True)
        return
    taken = ", ".join(f"{n} {kind}" for kind, n in report.taken.items() if n) or "nothing"
    skipped = ", ".join(f"{reason} {n}" for reason, n in report.counts.items())
    info(f"taken: {taken} ({report.lines} lines) -> {output}", err=True)
    if report.skipped:
        info(f"skipped {len(report.skipped)}: {skipped}", err=True)
        for where, reason, detail in report.skipped:
            info(f"  {where}: {reason}{': ' + detail if detail else ''}", err=True)
