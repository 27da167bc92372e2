"""Scale-out on Spark: the core over a cluster, from JSON Lines or Parquet to Parquet datasets.

``dyadscope spark-ingest INPUT OUTPUT`` (docs/spark.md). The output folder is read by the local
commands like a database (``dyadscope dyad A B --db OUTPUT``, :mod:`dyadscope.store.parquet`).
Needs the ``spark`` extra (``pip install 'dyadscope[spark]'``) and Java 17 or later.
"""

from __future__ import annotations

from .job import SparkSummary, list_inputs, recover, spark_ingest
from .pairs import pair_subset
from .session import spark_session

__all__ = ["spark_ingest", "spark_session", "pair_subset", "SparkSummary", "list_inputs", "recover"]
