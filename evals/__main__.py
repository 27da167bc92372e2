"""``python -m evals NAME``: score a stage against gold data and print the figures; ``python -m evals
train NAME`` regenerates a model or table learned from gold data."""

from __future__ import annotations

import importlib
import json

import click

EVALS = {
    "actors": "actor resolution on NGEC's cases (country and sector accuracy)",
    "petrarch": "PETRARCH-2 unit tests (strict and lenient pass rates)",
    "plover": "PLOVER gold records (event-type accuracy, actor/recipient country F1)",
    "conflibert": "ConfliBERT CAMEO annotations (penta-class accuracy, source/target span F1)",
    "polnear": "PolNeAR attributions (content/source/cue precision, recall, F1)",
}


def format_figures(figures: dict, indent: int = 0) -> str:
    lines = []
    for key, value in figures.items():
        pad = "  " * indent
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.append(format_figures(value, indent + 1))
        elif isinstance(value, list):
            # Long lists (e.g. failures) are summarised; --json prints them whole.
            lines.append(f"{pad}{key}: {len(value)} item(s)" + (", first 5:" if len(value) > 5 else ":"))
            lines += [f"{pad}  - {json.dumps(item, ensure_ascii=False, default=str)}" for item in value[:5]]
        elif isinstance(value, float):
            lines.append(f"{pad}{key}: {value:.3f}")
        else:
            lines.append(f"{pad}{key}: {value}")
    return "\n".join(lines)


@click.group()
def main() -> None:
    """Development evaluations and trainers (not part of the installed dyadscope command)."""


@main.command("run")
@click.argument("name", type=click.Choice(sorted(EVALS)))
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--cv", is_flag=True, help="plover: type accuracy with the typing model cross-validated "
              "(each fold's model fitted without its records and their near-duplicates).")
@click.option("--extract", "through_extract", is_flag=True,
              help="conflibert: penta accuracy on the fixed fifth through `dyadscope extract`.")
def evaluate(name, path, as_json, cv, through_extract):
    """Score a stage against gold data from ../shared/data (or PATH) and print the figures.

    \b
    actors      actor resolution on NGEC's cases (country and sector accuracy)
    petrarch    PETRARCH-2 unit tests (strict and lenient pass rates)
    plover      PLOVER gold records (event-type accuracy, actor/recipient country F1)
    conflibert  ConfliBERT CAMEO annotations (penta-class accuracy, span F1)
    polnear     PolNeAR attributions (content/source/cue P/R/F1)

    Example:

        python -m evals run actors
        python -m evals run plover --cv
        python -m evals run conflibert --extract
    """
    try:
        module = importlib.import_module(f"evals.{name}")
    except ModuleNotFoundError as e:
        raise click.ClickException(f"evaluation {name!r} is not available yet ({e})") from None
    from pathlib import Path

    runner = module.run
    if cv or through_extract:
        wanted = "run_cv" if cv else "run_extract"
        if not hasattr(module, wanted):
            raise click.ClickException(f"--{'cv' if cv else 'extract'} is not available for {name!r}")
        runner = getattr(module, wanted)
    try:
        figures = runner(Path(path) if path else None)
    except FileNotFoundError as e:
        raise click.ClickException(f"gold data not found: {e}") from None
    click.echo(json.dumps(figures, indent=2) if as_json else format_figures(figures))


TRAINERS = {
    "cue-model": ("evals.polnear", "write_cue_model"),
    "cue-frames": ("evals.polnear", "write_frames"),
    "event-typer": ("evals.event_typer", "write_event_typer"),
}


@main.command("train")
@click.argument("name", type=click.Choice(sorted(TRAINERS)))
def train(name):
    """Regenerate a shipped file learned from gold data (byte for byte from the same data).

    Example:

        python -m evals train cue-model
    """
    module, function = TRAINERS[name]
    written = getattr(importlib.import_module(module), function)()
    click.echo(f"wrote {written}")


if __name__ == "__main__":
    main()
