"""Cut the records about one pair of countries out of a large output folder, with Spark.

Cross-document deduplication only ever merges events with the same sets of source and target
countries (docs/analysis.md), so the events that can bear on the dyad A-B are exactly those of
the documents in which some event has both A and B among its actors. Spark selects those
documents from an output of any size; the subset, in the same layout, is small enough for one
machine, where the local commands give the same series as over the whole output
(``dyadscope dyad A B --db SUBSET``).
"""

from __future__ import annotations

import uuid

from ..store.parquet import DATASETS, MARKER, PARTITION_COLUMN, PARTITIONED, marker_text
from .job import _FileSystem, _write
from .rows import TABLE_FIELDS


def pair_subset(spark, output: str, a: str, b: str, target: str) -> str:
    """Write the documents of ``output`` with an event between ``a`` and ``b`` (and all their
    records) to ``target``, a new output folder; return ``target``.

    Documents that mention both countries without an event between them come along too, so the
    quotations and assessments about the pair are there for ``dyadscope report``; the runs come
    along whole. The subset is written beside ``target`` under a temporary name and renamed into
    place once complete.
    """
    from pyspark.sql import functions as F

    files = _FileSystem(spark, output)
    if files.exists(target):
        raise FileExistsError(target)
    final = files.path(target)
    tmp = files.path(final.getParent(), f".{final.getName()}.{uuid.uuid4().hex[:8]}.tmp")

    def read(table):
        path = files.path(output, table)
        return spark.read.parquet(path.toString()) if files.has_parquet(path) else None

    def countries(column):
        return F.transform(F.col(column), lambda actor: actor["country"])

    events = read("events")
    docs = None
    if events is not None:
        found = F.array_union(countries("source"), countries("target"))
        docs = events.where(F.array_contains(found, a) & F.array_contains(found, b)).select("doc_id")
    mentions = read("mentions")
    if mentions is not None:
        found = F.array_union(F.array(F.col("country")), countries("members"))
        per_doc = mentions.select("doc_id", F.explode(found).alias("country")).where(F.col("country").isin(a, b))
        both = per_doc.groupBy("doc_id").agg(F.countDistinct("country").alias("n")).where("n = 2").select("doc_id")
        docs = both if docs is None else docs.unionByName(both)
    for table in DATASETS:
        df = read(table)
        if df is None or table == "failures":
            continue
        if table not in PARTITIONED:  # runs: a few rows, kept whole
            df.write.mode("errorifexists").parquet(files.path(tmp, table).toString())
            continue
        df = df.join(docs.distinct(), "doc_id", "left_semi") if docs is not None else df.limit(0)
        _write(df.select(PARTITION_COLUMN, *TABLE_FIELDS[table]), files.path(tmp, table).toString(), table)
    files.touch(files.path(tmp, MARKER), marker_text())
    if not files.fs.rename(tmp, final):
        files.delete(tmp)
        raise OSError(f"cannot move the subset into place at {target}")
    return target
