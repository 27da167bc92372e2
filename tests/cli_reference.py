"""The CLI reference in docs/cli.md, generated from the commands' own --help.

    python tests/cli_reference.py > docs/cli.md     # regenerate after changing a command

tests/test_docs.py checks that docs/cli.md is what this prints, so the reference never drifts
from the options the commands really take.
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from dyadscope.cli import cli

HEADER = """# Command-line reference

Generated from each command's `--help` by `python tests/cli_reference.py > docs/cli.md`; the test
suite fails when this file and the commands disagree. The README shows typical sessions.
"""


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name in sorted(group.commands):
        command = group.commands[name]
        if getattr(command, "hidden", False):
            continue
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def reference() -> str:
    runner = CliRunner()
    parts = [HEADER]
    for path, _command in _commands(cli):
        result = runner.invoke(cli, [*path, "--help"], terminal_width=100)
        text = result.output.rstrip().replace("Usage: cli ", "Usage: dyadscope ")
        parts.append(f"## `dyadscope {' '.join(path)}`\n\n```\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
