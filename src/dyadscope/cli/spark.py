"""``dyadscope spark-ingest``: the pipeline over a Spark cluster, into Parquet datasets.

This file is also the script ``spark-submit`` runs (docs/spark.md), so it imports absolutely.
"""

from __future__ import annotations

import sys

import click

from dyadscope.cli.options import (
    CONTEXT_SETTINGS,
    actors_option,
    info,
    library_errors,
    max_chars_option,
    reference_date_option,
    report_failure,
    verbosity_options,
    verbs_option,
)


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--conf")
        out[key.strip()] = value
    return out


@click.command("spark-ingest", context_settings=CONTEXT_SETTINGS)
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", default=None, help="Spark master URL: local[2], spark://HOST:7077, yarn, k8s://... [spark-submit's, else local[*]]")
@click.option("--partitions", type=click.IntRange(1), default=None, help="Processing tasks [one per 500 documents, at least 2 per core].")
@actors_option
@verbs_option
@reference_date_option
@max_chars_option
@click.option("--files-per-commit", type=click.IntRange(0), default=0, show_default=True,
              help="Commit the output after every N input files (0: once at the end); a killed run keeps what was committed.")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE", help="Spark setting, e.g. spark.executor.memory=3g; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@verbosity_options
def spark_ingest(input_path, output, master, partitions, actor_files, verb_files, reference_date, max_chars, files_per_commit, conf, as_json):
    """Process JSON Lines or Parquet documents on Spark into Parquet datasets (idempotent, resumable).

    INPUT is a .jsonl (also .jsonl.gz/.bz2) or .parquet file or a folder of them, with the fields
    ingest reads (id, text, date, title, url, publisher, author, or the NGEC names); in folders,
    hidden files and README/LICENSE files are skipped as by ingest. OUTPUT gets documents/,
    mentions/, quotes/, events/, assessments/ and failures/ in the export format, partitioned by
    publication month, and runs/ (what coded them, with the one reference date every worker
    used); documents already there are skipped. The local commands read OUTPUT like a database
    (--db OUTPUT). Exits with status 1 if any input failed; the others are written.

    Example:

    \b
        dyadscope spark-ingest articles.jsonl out/ --master local[2]
        dyadscope dyad IRN RUS --by year --db out/
    """
    try:
        from dyadscope.spark import spark_session
        from dyadscope.spark import spark_ingest as run
    except ImportError as e:
        raise click.ClickException(f"spark-ingest needs PySpark ({e}); install it with: pip install 'dyadscope[spark]'") from None
    settings = _settings(conf)
    with library_errors():
        spark = spark_session(master, conf=settings)
        spark.sparkContext.setLogLevel(settings.get("spark.log.level", "ERROR"))
        summary = run(spark, input_path, output, partitions=partitions, actor_files=actor_files, verb_files=verb_files,
                      reference_date=reference_date,
                      max_chars=max_chars, files_per_commit=files_per_commit)
    for f in summary.failures:
        report_failure(f)
    if summary.failed > len(summary.failures):
        click.echo(f"... and {summary.failed - len(summary.failures)} more failures in {output}/failures/", err=True)
    loads = sorted(set(summary.engine_loads.values()))
    if as_json:
        from dyadscope.export import dumps

        click.echo(dumps({
            "output": output, "run_id": summary.run_id, "reference_date": summary.reference_date,
            "documents": summary.processed, "already_present": summary.skipped_duplicates,
            "mentions": summary.mentions, "quotes": summary.quotes, "events": summary.events,
            "assessments": summary.assessments, "tasks": summary.partitions, "python_workers": len(summary.engine_loads),
            "pipeline_loads_per_worker": loads, "seconds": round(summary.seconds, 1),
            "failed": [{"source": f.source, "reason": f.reason} for f in summary.failures], "n_failed": summary.failed,
        }, indent=2))
    else:
        info(
            f"{summary.processed} documents written, {summary.skipped_duplicates} already present, {summary.failed} failed; "
            f"{summary.mentions} mentions, {summary.quotes} quotes, {summary.events} events, {summary.assessments} assessments "
            f"in {summary.partitions} tasks on {len(summary.engine_loads)} Python workers (pipeline loads per worker: "
            f"{', '.join(map(str, loads)) or '-'}); run {summary.run_id}, reference date {summary.reference_date}; "
            f"{summary.seconds:.1f} s ({output})"
        )
    if summary.failed:
        sys.exit(1)


if __name__ == "__main__":  # spark-submit .../dyadscope/cli/spark.py INPUT OUTPUT [OPTIONS]
    spark_ingest()
