"""One SparkSession for the whole test session (starting one costs seconds), in local[2].

Tests that need it skip cleanly without PySpark or Java.
"""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Java is not installed")
    from dyadscope.spark import spark_session

    # local[2,2]: two cores, and a failed task is tried once more (the retry test needs that).
    session = spark_session("local[2,2]", conf={"spark.sql.shuffle.partitions": "4"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
