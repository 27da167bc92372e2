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


#: JVM options of a local session (``spark.driver.extraJavaOptions``; ``conf`` replaces them).
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def spark_session(master: str | None = None, *, conf: Mapping[str, str] | None = None, app_name: str = "dyadscope"):
    """Get or create the SparkSession.

    Args:
        master: Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``);
            None keeps spark-submit's, or runs ``local[*]`` outside it.
        conf: Spark settings, applied over the defaults.

    Locally the driver binds to 127.0.0.1 only, the web UI and the console progress bar are off
    (``spark.ui.enabled=true``, ``spark.ui.showConsoleProgress=true`` turn them on), the
    workers run this Python (``sys.executable``) and relative ``PYTHONPATH`` entries are made
    absolute (the workers run in another folder). Everywhere the Python workers are forked by
    :mod:`dyadscope.spark.daemon`, which loads the pipeline before it forks
    (``spark.python.daemon.module=pyspark.daemon`` restores Spark's own).
    """
    from pyspark.sql import SparkSession

    # Python workers are forked by our daemon, which loads the pipeline first (.daemon).
    settings: dict[str, str] = {"spark.python.daemon.module": "dyadscope.spark.daemon"}
    if is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by PySpark itself, not a setting
        # The workers run in a folder of Spark's own: a relative PYTHONPATH entry ("src") found
        # another dyadscope there (or none) than the driver's; the JVM passes this one on to them.
        if os.environ.get("PYTHONPATH"):
            os.environ["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) if p else p
                                                       for p in os.environ["PYTHONPATH"].split(os.pathsep))
        settings.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1", "spark.ui.enabled": "false",
                         "spark.ui.showConsoleProgress": "false",
                         # One JVM is driver and executor and shares the cores with the Python
                         # workers: with the quick JIT tier only and the serial collector it spent
                         # 45 % less CPU on the same runs (48 against 88 s, side by side at
                         # local[2]); C2 compiling and G1's threads do not pay off over the
                         # few rows of a local run.
                         "spark.driver.extraJavaOptions": LOCAL_JVM_OPTIONS})
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
