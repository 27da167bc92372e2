"""The SparkSession for ``spark-ingest``: the master asked for, with loopback-only defaults locally."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping


def is_local(master: str | None) -> bool:
    """True for ``local``, ``local[N]``, ``local[N,F]`` and ``local[*]`` (and no master outside spark-submit)."""
    if master is None:
        return "PYSPARK_GATEWAY_PORT" not in os.environ  # spark-submit starts the JVM and sets the master
    return master.startswith("local")


def spark_session(master: str | None = None, *, conf: Mapping[str, str] | None = None, app_name: str = "dyadscope"):
    """Get or create the SparkSession.

    Args:
        master: Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``);
            None keeps spark-submit's, or runs ``local[*]`` outside it.
        conf: Spark settings, applied over the defaults.

    Locally the driver binds to 127.0.0.1 only, the web UI and the console progress bar are off
    (``spark.ui.enabled=true``, ``spark.ui.showConsoleProgress=true`` turn them on) and the
    workers run this Python (``sys.executable``).
    """
    from pyspark.sql import SparkSession

    settings: dict[str, str] = {}
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by PySpark itself, not a setting
        settings.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1", "spark.ui.enabled": "false",
                         "spark.ui.showConsoleProgress": "false"})
    settings.update(conf or {})
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in settings.items():
        builder = builder.config(key, value)
    with warnings.catch_warnings():
        # PySpark 4 warns that pandas 3 is untested; dyadscope hands Spark Arrow batches, not pandas.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        return builder.getOrCreate()
