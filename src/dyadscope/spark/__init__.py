"""Scale-out on Spark: the core over a cluster, from JSON Lines or Parquet to Parquet datasets.

``dyadscope spark-ingest INPUT OUTPUT`` (docs/spark.md). The output folder is read by the local
commands like a database (``dyadscope dyad A B --db OUTPUT``, :mod:`dyadscope.store.parquet`).
Needs the ``spark`` extra (``pip install 'dyadscope[spark]'``) and Java 17 or later.
"""

from __future__ import annotations

import importlib

# Where each public name lives. They are imported on first use, so that the worker daemon
# (``python -m dyadscope.spark.daemon``) does not import pyarrow and pandas, which start threads,
# before it forks.
_EXPORTS = {"spark_ingest": "job", "SparkSummary": "job", "list_inputs": "job", "recover": "job",
            "pair_subset": "pairs", "spark_session": "session"}

__all__ = ["spark_ingest", "spark_session", "pair_subset", "SparkSummary", "list_inputs", "recover"]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
