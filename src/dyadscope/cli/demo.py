"""``dyadscope demo``: the bundled sample corpus into a fresh database, and what was found in it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def summarize(db) -> list[str]:
    """Lines describing what a store holds: documents, actors, quotes and events."""
    lines = []
    docs = db.query("SELECT doc_id, date, title FROM documents ORDER BY date NULLS LAST, doc_id")
    lines.append(f"{len(docs)} documents:")
    lines += [f"  {d['date'] or '????-??-??'}  {d['doc_id']}  {d['title'] or ''}" for d in docs]
    countries = Counter(
        {r["country"]: r["n"] for r in db.query("SELECT country, count(*) AS n FROM mentions WHERE country IS NOT NULL GROUP BY country")}
    )
    if countries:
        lines.append("Most mentioned actors' countries: " + ", ".join(f"{c} {n}" for c, n in countries.most_common(8)))
    q = db.query("SELECT quote_type, count(*) AS n FROM quotes GROUP BY quote_type ORDER BY quote_type")
    if q:
        lines.append("Quotes: " + ", ".join(f"{r['n']} {r['quote_type']}" for r in q))
    ev = db.query(
        "SELECT event_type, modality, count(*) AS n FROM events GROUP BY event_type, modality ORDER BY n DESC, event_type LIMIT 12"
    )
    if ev:
        lines.append("Events by PLOVER type and modality: " + ", ".join(f"{r['event_type']}/{r['modality']} {r['n']}" for r in ev))
    dyads = db.query(
        """
        SELECT s.country AS a, t.country AS b, count(DISTINCT (s.doc_id, s.event_index)) AS n
        FROM event_actors s JOIN event_actors t
          ON s.doc_id = t.doc_id AND s.event_index = t.event_index AND s.role = 'source' AND t.role = 'target'
        WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country
        GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 8"""
    )
    if dyads:
        lines.append("Most active directed dyads: " + ", ".join(f"{r['a']}->{r['b']} {r['n']}" for r in dyads))
    return lines


def main_dyad(db) -> tuple[str, str] | None:
    """The most active pair of countries by events (each event counted once per pair it contains:
    source-target pairs and, for joint events, pairs of sources), as two sorted codes."""
    rows = db.query(
        """
        SELECT least(x.country, y.country) AS a, greatest(x.country, y.country) AS b,
               count(DISTINCT (x.doc_id, x.event_index)) AS n
        FROM event_actors x JOIN event_actors y
          ON x.doc_id = y.doc_id AND x.event_index = y.event_index
         AND (x.role = 'source' AND y.role IN ('target', 'source'))
        WHERE x.country IS NOT NULL AND y.country IS NOT NULL AND x.country <> y.country
          AND length(x.country) = 3 AND length(y.country) = 3
        GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT 1"""
    )
    return (rows[0]["a"], rows[0]["b"]) if rows else None


@click.command()
@click.option("--db", "db_path", default="dyadscope-demo.duckdb", show_default=True, type=click.Path(dir_okay=False))
def demo(db_path):
    """Ingest the bundled sample corpus into a fresh database, print what was found, and write the
    HTML report of its most active pair of countries next to the database.

    The sample articles are illustrative texts written for this demo (see samples/README.md).

    Example:

        dyadscope demo --db demo.duckdb
    """
    from ..batch import ingest
    from ..store import Database
    from . import library_errors, progress_bar, report_failure

    for suffix in ("", ".wal"):
        Path(db_path + suffix).unlink(missing_ok=True)
    inputs = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".md" or p.name != "README.md")
    with library_errors(), Database(db_path) as db, progress_bar(len(inputs), "demo") as bar:
        summary = ingest(inputs, db=db, progress=bar.update, on_failure=report_failure)
        click.echo(f"Ingested the sample corpus into {db_path}: {summary.processed} documents, "
                   f"{summary.mentions} actor mentions, {summary.quotes} quotes, {summary.events} events.")
        for line in summarize(db):
            click.echo(line)
        pair = main_dyad(db)
        if pair is not None:
            from ..report import write_report

            a, b = pair
            report_path = Path(db_path).with_name(f"{Path(db_path).stem}-report-{a}-{b}.html")
            data = write_report(db, a, b, report_path, by="year")
            click.echo(f"Report on the main dyad {a}-{b} ({data['summary']['n_events']} events, "
                       f"{data['summary']['n_quotes']} quotations): {report_path.resolve()}")
            click.echo(f"Series: dyadscope dyad {a} {b} --by year --db {db_path}")
        else:
            click.echo("No events between two countries were found, so no dyad report was written.")
    if summary.failures:
        sys.exit(1)
