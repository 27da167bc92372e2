"""PySpark's Python worker daemon, with the spaCy pipeline and the shipped knowledge loaded before it forks.

Spark starts one daemon per executor (``spark.python.daemon.module``, which :func:`~.session.spark_session`
sets to this module) and the daemon forks a worker process for each Python task slot, again
whenever Spark has stopped a worker (after a minute idle: a fixed timeout in Spark's worker
factory, which the JVM-only jobs between two Python stages exceed on a busy machine). A worker
forked from this daemon starts with the pipeline in memory (shared copy-on-write with its
siblings) instead of loading it for 3-5 s of CPU, so a replaced worker no longer adds a load to
whichever run it falls in. Only the pipeline and the knowledge are loaded here, not pyarrow or
pandas, which start threads (PySpark imports its worker module after the fork for that reason).
"""

from __future__ import annotations

import importlib

#: (nlp, kb): the pipeline and the shipped knowledge, loaded by :func:`main` in the daemon before
#: it forks any worker; None in a process the stock daemon forked.
preloaded: tuple | None = None


def main() -> None:
    from pyspark import daemon

    from ..knowledge import load_knowledge
    from ..nlp import load_nlp

    # Run as ``python -m``, this module is ``__main__``; the workers read the state by the module's name.
    importlib.import_module("dyadscope.spark.daemon").preloaded = (load_nlp(), load_knowledge())
    daemon.manager()


if __name__ == "__main__":
    main()
