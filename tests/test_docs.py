"""The README documents every command and every field of the export format."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from dyadscope.cli import cli
from dyadscope.export import assessment_record, document_record, event_record, mention_record, quote_record
from tests.store.test_assessments_store import make_assessed
from tests.store.test_db import make_result

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "dyadscope"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from all_commands(command, f"{prefix} {name}")


@pytest.mark.parametrize("name, command", list(all_commands(cli)))
def test_docs_every_command_has_help_and_is_in_readme(name, command):
    assert command.help and command.help.strip(), name
    assert name in README, f"{name} is not documented in README.md"


def test_docs_every_export_field_in_readme():
    result = make_result()
    doc_id = result.article.doc_id
    records = [
        document_record(result),
        mention_record(doc_id, result.mentions[0]),
        quote_record(doc_id, result.quotes[0]),
        event_record(doc_id, result.events[0]),
        assessment_record(doc_id, make_assessed().assessments[0]),
    ]
    section = README[README.index("## Export format") : README.index("## The store")]
    for record in records:
        for field in record:
            assert f"`{field}`" in section, f"{record['kind']}.{field} is not documented"


def test_docs_cli_reference_matches_help():
    """docs/cli.md is what the commands' --help says (regenerate: python tests/cli_reference.py > docs/cli.md)."""
    from tests.cli_reference import reference

    written = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference(), "docs/cli.md is stale: python tests/cli_reference.py > docs/cli.md"
