"""``spark-ingest``: JSON Lines or Parquet in, the core in every Python worker, Parquet datasets out.

The plan of one run (docs/spark.md):

1. List the input files (any Hadoop file system) in the order ``ingest`` reads them.
2. Read every line (or Parquet row) with its file and line number and turn it into an article
   exactly as ``ingest`` does (:class:`.worker.ReadLines`); bad lines become failures.
3. Keep one article per content hash (the first in input order) and drop hashes the output
   already holds; give a ``doc_id`` taken by another text the store's ``-<hash prefix>`` suffix.
4. Number the documents in input order after those the output holds (``doc_number``, as
   ``ingest`` numbers them), then run the core over them (:class:`.worker.ProcessArticles`, one
   engine per worker, every worker with the reference date the driver fixed).
5. Write every table and the run's record into ``OUTPUT/_staging/<run>/``, mark the run
   complete, then move its files into ``OUTPUT/<table>/year_month=.../`` (documents last).

Spark's commit protocol discards the output of a failed or speculative task attempt, and every
row is a function of the input, so a retried task duplicates nothing. A run killed before its
mark leaves only a staging folder, which the next run deletes; one killed while moving files is
finished by the next run. Re-running over the same input finds every hash present and writes
nothing, so the result is that of one clean run.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import math
import time
import uuid
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path, PurePosixPath

from ..batch import Engine, today
from ..errors import InputError
from ..ingest import NOT_ARTICLES
from ..records import Failure
from ..settings import MAX_CHARS
from ..store.db import RUN_FIELDS
from ..store.parquet import LAYOUT_VERSION, MARKER, PARTITION_COLUMN, marker_text
from .rows import ARTICLE_SCHEMA, LINE_SCHEMA, RECORD_SCHEMA, TABLE_FIELDS
from .worker import ProcessArticles, ReadLines

log = logging.getLogger(__name__)

#: Tables in the order a run's files are moved into place: documents last, so a document in
#: ``documents/`` means all its rows (and its run's record) are in place.
COMMIT_ORDER = ("runs", "failures", "mentions", "quotes", "events", "assessments", "documents")
STAGING = "_staging"
COMPLETE = "_COMPLETE"
#: Default documents per processing task (short tasks make retries and stragglers cheap).
DOCS_PER_TASK = 500
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.bz2")
_SORT = {"documents": ("doc_id",), "mentions": ("doc_id", "mention_index"), "quotes": ("doc_id", "quote_index"),
         "events": ("doc_id", "event_index"), "assessments": ("doc_id", "assessment_index"), "failures": ("source", "reason")}
#: Lines per numbering bucket: documents are numbered by a window over (file, bucket), so no
#: single task ever sees more than this many keys.
NUMBER_BUCKET = 1 << 16
#: Columns of the ``runs`` dataset: the store's run record, one row per commit of a run.
RUNS_SCHEMA = (
    "run_id long, part int, command string, started_at timestamp_ntz, finished_at timestamp_ntz, "
    + ", ".join(f"{f} array<string>" if f == "actor_files" else f"{f} string" for f in RUN_FIELDS)
    + ", n_documents long, n_failures long, master string"
)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: its Hadoop URI, the name ``source_path`` starts with, its id stem and format."""

    uri: str
    source: str
    stem: str
    fmt: str


@dataclass(slots=True)
class SparkSummary:
    """Counts of one ``spark-ingest`` run.

    Attributes:
        processed: Documents processed and written.
        skipped_duplicates: Documents whose text was already in the output or earlier in the input.
        failed: Inputs (lines, rows, documents) that became ``failures/`` rows in this run.
        failures: The first of those, for display.
        mentions, quotes, events, assessments: Records written.
        run_id: The run's number in the output's ``runs``.
        reference_date: The date undated documents were read as of (one for every worker).
        coders: The ``coder`` fingerprints the workers reported (one, the driver's, when every
            node runs the same code, knowledge and model).
        partitions: Processing tasks.
        engine_loads: Per Python worker process (pid), how many engines it had built when its
            last task ended: 1 everywhere when the pipeline was loaded once per worker.
        seconds: Wall time of the run.
        core_seconds: Wall time of the Spark job that runs the core (the processing tasks), the
            part of a run that the number of workers divides; the rest is reading, numbering
            and writing in the JVM.
        task_cpu_seconds: CPU time of the processing tasks in the Python workers, summed.
        task_seconds: Wall time of the processing tasks in the Python workers, summed (over
            :attr:`core_seconds`: how many ran at once).
    """

    processed: int = 0
    skipped_duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    assessments: int = 0
    run_id: int | None = None
    reference_date: str | None = None
    coders: set[str] = field(default_factory=set)
    partitions: int = 0
    engine_loads: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    core_seconds: float = 0.0
    task_cpu_seconds: float = 0.0
    task_seconds: float = 0.0


def input_format(name: str) -> str | None:
    """``jsonl`` or ``parquet`` for a file name this command reads, else None."""
    lower = name.lower()
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    return "parquet" if lower.endswith(".parquet") else None


def _stem(name: str) -> str:
    lower = name.lower()
    for suffix in (".gz", ".bz2"):
        if lower.endswith(suffix):
            name, lower = name[: -len(suffix)], lower[: -len(suffix)]
    return PurePosixPath(name).stem


class _FileSystem:
    """The Hadoop file system of a path, through the JVM (local, HDFS, S3, ... alike)."""

    def __init__(self, spark, path: str):
        self._jvm = spark._jvm
        self.fs = self.path(path).getFileSystem(spark._jsc.hadoopConfiguration())

    def path(self, base, *children):
        Path_ = self._jvm.org.apache.hadoop.fs.Path
        out = base if not isinstance(base, str) else Path_(base)
        for child in children:
            out = Path_(out, child)
        return out

    def qualified(self, path) -> str:
        return self.fs.makeQualified(self.path(path)).toString()

    def exists(self, path) -> bool:
        return self.fs.exists(self.path(path))

    def files(self, path) -> Iterable:
        """Every file under ``path``, recursively, as Hadoop paths."""
        it = self.fs.listFiles(self.path(path), True)
        while it.hasNext():
            yield it.next().getPath()

    def children(self, path) -> list:
        return [s.getPath() for s in self.fs.listStatus(self.path(path))] if self.exists(path) else []

    def has_parquet(self, path) -> bool:
        return self.exists(path) and any(p.getName().endswith(".parquet") for p in self.files(path))

    def touch(self, path, text: str = "") -> None:
        """Write a small file atomically: under a temporary name beside it, then renamed."""
        final = self.path(path)
        tmp = self.path(final.getParent(), f".{final.getName()}.{uuid.uuid4().hex[:8]}.tmp")
        out = self.fs.create(tmp, True)
        try:
            out.write(bytearray(text.encode("utf-8")))
        finally:
            out.close()
        if self.fs.exists(final):
            self.fs.delete(final, False)
        if not self.fs.rename(tmp, final):
            self.fs.delete(tmp, False)
            raise OSError(f"cannot write {final.toString()}")

    def move(self, src, dst) -> None:
        if not self.fs.exists(dst):
            self.fs.mkdirs(dst.getParent())
            if not self.fs.rename(src, dst):
                raise OSError(f"cannot move {src.toString()} to {dst.toString()}")

    def read_text(self, path) -> str | None:
        """A small file's text, or None when it does not exist."""
        if not self.exists(path):
            return None
        stream = self.fs.open(self.path(path))
        try:
            reader = self._jvm.java.io.BufferedReader(self._jvm.java.io.InputStreamReader(stream, "UTF-8"))
            lines = []
            while (line := reader.readLine()) is not None:
                lines.append(line)
            return "\n".join(lines)
        finally:
            stream.close()

    def delete(self, path) -> None:
        self.fs.delete(self.path(path), True)

    def from_uri(self, uri: str) -> str:
        """A file URI as Spark's ``_metadata.file_path`` gives it (escaped) -> as listings give it."""
        return self._jvm.org.apache.hadoop.fs.Path(self._jvm.java.net.URI(uri)).toString()


def list_inputs(spark, path: str) -> list[InputFile]:
    """The input files under ``path`` in ``ingest``'s order (sorted, recursively for folders).

    Inside a folder, as for ``ingest``, hidden files and folders and a folder's README, LICENSE
    and similar files (:data:`dyadscope.ingest.NOT_ARTICLES`) are skipped, and so are names
    starting with ``_``, as Spark does (``_SUCCESS``, ``_staging``). A file named is always read.

    Raises:
        InputError: when ``path`` does not exist, or names a file of another format.
    """
    files = _FileSystem(spark, path)
    if not files.exists(path):
        raise InputError(path, "no such file or directory")
    status = files.fs.getFileStatus(files.path(path))
    local = "://" not in path and not path.startswith("file:")
    if status.isFile():
        name = status.getPath().getName()
        fmt = input_format(name)
        if fmt is None:
            raise InputError(path, "unsupported file type; spark-ingest reads .jsonl (also .jsonl.gz, .jsonl.bz2) and .parquet")
        return [InputFile(status.getPath().toString(), path, _stem(name), fmt)]
    root = files.qualified(path).rstrip("/")
    found = []
    for p in files.files(path):
        uri = p.toString()
        rel = uri[len(root) + 1 :]
        parts = tuple(rel.split("/"))
        fmt = input_format(parts[-1])
        if fmt is None or any(part.startswith((".", "_")) for part in parts):
            continue
        if _stem(parts[-1]).lower() in NOT_ARTICLES:
            log.info("skipped %s: a folder's %s file, not an article", uri, _stem(parts[-1]).upper())
            continue
        source = str(Path(path, *parts)) if local else uri
        found.append((parts, InputFile(uri, source, _stem(parts[-1]), fmt)))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def _jsonl_lines(spark, files: _FileSystem, indexed: list[tuple[int, InputFile]]):
    """Every line of the JSON Lines files with its file index and 1-based line number.

    Spark reads a file in splits; the number of a line is the lines of the splits before its own
    plus its place in its split (rows of a split are contiguous within one task).
    """
    from pyspark.sql import functions as F

    index = {f.uri: i for i, f in indexed}
    scan = spark.read.text([f.uri for _, f in indexed]).select(
        F.col("_metadata.file_path").alias("_file"),
        F.col("_metadata.file_block_start").alias("_block"),
        F.monotonically_increasing_id().alias("_rid"),
        F.col("value").alias("line"),
    )
    splits = scan.groupBy("_file", "_block").agg(F.count(F.lit(1)).alias("_n"), F.min("_rid").alias("_first")).collect()
    by_file = defaultdict(list)
    for row in splits:
        by_file[row["_file"]].append(row)
    bases = []
    for file_path, rows in by_file.items():
        base = 0
        for row in sorted(rows, key=lambda r: r["_block"]):
            bases.append((file_path, row["_block"], row["_first"], base, index[files.from_uri(file_path)]))
            base += row["_n"]
    if not bases:
        return None
    table = spark.createDataFrame(bases, "_file string, _block long, _first long, _base long, file_index int")
    return scan.join(F.broadcast(table), ["_file", "_block"], "left").select(
        F.col("file_index").cast("int"), (F.col("_rid") - F.col("_first") + F.col("_base") + 1).alias("lineno"), "line"
    )


def _parquet_rows(spark, files: _FileSystem, indexed: list[tuple[int, InputFile]]):
    """Every row of the Parquet files as a JSON object, with its file index and 1-based row number."""
    from pyspark.sql import functions as F

    index = {f.uri: i for i, f in indexed}
    df = spark.read.option("mergeSchema", "true").parquet(*[f.uri for _, f in indexed])
    data = [F.col(f"`{c}`") for c in df.columns]
    rows = df.select(
        F.col("_metadata.file_path").alias("_file"),
        (F.col("_metadata.row_index") + 1).alias("lineno"),
        F.to_json(F.struct(*data)).alias("line"),
    )
    paths = [r["_file"] for r in rows.select("_file").distinct().collect()]
    table = spark.createDataFrame([(p, index[files.from_uri(p)]) for p in paths], "_file string, file_index int")
    return rows.join(F.broadcast(table), "_file", "left").select("file_index", "lineno", "line")


def _map(df, function, arrow_schema):
    """``df.mapInArrow`` with the output schema given in Arrow terms."""
    from pyspark.sql.pandas.types import from_arrow_schema

    with warnings.catch_warnings():
        # PySpark 4 warns that pandas 3 is untested; these functions see Arrow batches, not pandas.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        return df.mapInArrow(function, from_arrow_schema(arrow_schema))


def _existing(spark, files: _FileSystem, output: str, table: str, columns: Sequence[str]):
    target = files.path(output, table)
    return spark.read.parquet(target.toString()).select(*columns) if files.has_parquet(target) else None


def _write(df, path: str, table: str) -> None:
    (
        df.hint("rebalance", PARTITION_COLUMN)
        .sortWithinPartitions(PARTITION_COLUMN, *_SORT[table])
        .write.partitionBy(PARTITION_COLUMN)
        .mode("errorifexists")
        .parquet(path)
    )


def _write_all(spark, writes: dict) -> None:
    """Write the staged tables (``{table: (dataframe, path)}``) as concurrent Spark jobs.

    Each table's write ends in one task per output file, and Spark sizes the files by data
    (one task for a few MB); one table after another, those tasks ran alone while the other
    cores idled. Submitted together, the writes of the tables share the cores. The order does
    not matter here: :func:`_commit` moves the files into place in :data:`COMMIT_ORDER`.
    """
    if len(writes) <= 1 or spark.sparkContext.defaultParallelism <= 1:
        for table, (df, path) in writes.items():
            _write(df, path, table)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(writes), thread_name_prefix="dyadscope-write") as pool:
        futures = [pool.submit(_write, df, path, table) for table, (df, path) in writes.items()]
        for future in futures:
            future.result()  # the first failure is raised here, after every write has ended


def _commit(files: _FileSystem, run_dir, output: str) -> None:
    """Move a completed run's files into the output folder; safe to repeat after a crash."""
    for table in COMMIT_ORDER:
        src_root = files.path(run_dir, table)
        if not files.exists(src_root):
            continue
        prefix = files.qualified(src_root).rstrip("/") + "/"
        for p in list(files.files(src_root)):
            if p.getName().endswith(".parquet"):
                rel = files.fs.makeQualified(p).toString()[len(prefix) :]
                files.move(p, files.path(output, table, rel))
    if not files.exists(files.path(output, MARKER)):
        files.touch(files.path(output, MARKER), marker_text())
    files.delete(run_dir)
    staging = run_dir.getParent()
    if not files.children(staging):
        files.delete(staging)


def recover(spark, output: str) -> list[str]:
    """Finish the staged runs of ``output`` that were complete, delete the others; return what was done.

    Only one ``spark-ingest`` may write to an output folder at a time.
    """
    files = _FileSystem(spark, output)
    done = []
    for run_dir in files.children(files.path(output, STAGING)):
        if files.exists(files.path(run_dir, COMPLETE)):
            _commit(files, run_dir, output)
            done.append(f"committed {run_dir.getName()}")
        else:
            files.delete(run_dir)
            done.append(f"discarded {run_dir.getName()}")
    return done


class _SessionSetting:
    """Pin a Spark SQL setting for the length of a run, then put the old value back."""

    def __init__(self, spark, key: str, value: str, *, force: bool = False):
        self.spark, self.key, self.value, self.force = spark, key, value, force

    def __enter__(self):
        self.old = self.spark.conf.get(self.key, None)
        if self.old is None or self.force:
            self.spark.conf.set(self.key, self.value)

    def __exit__(self, *exc):
        if self.old is None:
            self.spark.conf.unset(self.key)
        elif self.force:
            self.spark.conf.set(self.key, self.old)


def spark_ingest(
    spark,
    input_path: str,
    output: str,
    *,
    partitions: int | None = None,
    actor_files: Sequence[str | Path] = (),
    verb_files: Sequence[str | Path] = (),
    reference_date: str | None = None,
    max_chars: int = MAX_CHARS,
    files_per_commit: int = 0,
    show_failures: int = 20,
) -> SparkSummary:
    """Process ``input_path`` (a JSON Lines or Parquet file or a folder of them) into ``output``.

    Args:
        spark: An active SparkSession (:func:`.session.spark_session`).
        input_path, output: Paths or URIs on any file system Spark can reach.
        partitions: Processing tasks; default one per :data:`DOCS_PER_TASK` documents and at
            least two per core.
        actor_files: User actor dictionaries; shipped to the executors with ``addFile``.
        verb_files: User verb dictionaries (PETRARCH/TABARI or our JSONL patterns), shipped alike.
        reference_date: ISO date undated documents are read as of (who holds which office);
            default today on the driver. Fixed once here and handed to every worker, so a run
            that spans midnight, or a task retried the next day, codes alike; recorded in
            ``OUTPUT/runs``.
        max_chars: Longer documents become failures.
        files_per_commit: Commit after every N input files (0: once, at the end), so a killed
            run keeps what was committed.
        show_failures: How many failures to bring back in :attr:`SparkSummary.failures`.

    Raises:
        InputError: when the input does not exist or is of another format.
        KnowledgeError: when a dictionary is malformed (checked on the driver first).
    """
    started = time.perf_counter()
    started_at = _now()
    inputs = list_inputs(spark, input_path)
    _check_layout(_FileSystem(spark, output), output)
    actor_files, verb_files = [str(p) for p in actor_files], [str(p) for p in verb_files]
    reference_date = reference_date or today()
    process = _processor(spark, actor_files, verb_files, reference_date)
    recover(spark, output)
    summary = SparkSummary(reference_date=reference_date)
    files = _FileSystem(spark, output)
    summary.run_id = _next_run_id(spark, files, output)
    run = {"run_id": summary.run_id, "command": "spark-ingest", "started_at": started_at, "master": spark.sparkContext.master,
           **Engine(actor_files=actor_files, verb_files=verb_files, reference_date=reference_date).provenance()}
    step = files_per_commit or max(1, len(inputs))
    units = [inputs[i : i + step] for i in range(0, len(inputs), step)] or [[]]
    # The line numbering plans the same file splits twice; pin what their size depends on.
    with _SessionSetting(spark, "spark.sql.files.minPartitionNum", str(spark.sparkContext.defaultParallelism)):
        for part, unit in enumerate(units):
            _run(spark, unit, output, process, summary, run={**run, "part": part}, partitions=partitions,
                 max_chars=max_chars, show_failures=show_failures)
    if summary.coders - {run["coder"]}:
        log.warning("the workers coded with %s, the driver with %s: the nodes differ in code, knowledge or model; "
                    "OUTPUT/runs records the driver's", sorted(summary.coders), run["coder"])
    summary.seconds = time.perf_counter() - started
    return summary


def _check_layout(files: _FileSystem, output: str) -> None:
    """Refuse to add to an output folder written in another layout (it could not be read back)."""
    text = files.read_text(files.path(output, MARKER))
    if text is None:
        return
    try:
        layout = json.loads(text).get("layout")
    except (ValueError, AttributeError):
        layout = None
    if layout != LAYOUT_VERSION:
        raise InputError(output, f"is a spark-ingest output in layout {layout}; this dyadscope writes layout {LAYOUT_VERSION}: "
                                 "give a new OUTPUT folder")


def _now() -> _dt.datetime:
    """Local wall-clock time to the microsecond, as the store's timestamps are kept."""
    return _dt.datetime.now().replace(tzinfo=None)


def _next_run_id(spark, files: _FileSystem, output: str) -> int:
    runs = _existing(spark, files, output, "runs", ["run_id"])
    last = runs.agg({"run_id": "max"}).first()[0] if runs is not None else None
    return int(last or 0) + 1


def _processor(spark, actor_files: list[str], verb_files: list[str], reference_date: str) -> ProcessArticles:
    if not actor_files and not verb_files:
        return ProcessArticles(reference_date=reference_date)
    from ..knowledge import load_knowledge

    load_knowledge(actor_files, verb_files)  # dictionary errors surface here, once, before any task starts
    if spark.sparkContext.master.startswith("local"):
        return ProcessArticles([str(Path(p).resolve()) for p in actor_files], reference_date=reference_date,
                               verb_files=[str(Path(p).resolve()) for p in verb_files])
    names = [Path(p).name for p in (*actor_files, *verb_files)]
    if len(set(names)) < len(names):
        raise InputError(", ".join((*actor_files, *verb_files)),
                         "two --actors/--verbs files share a name; rename one (they are shipped by name)")
    for p in (*actor_files, *verb_files):
        spark.sparkContext.addFile(str(Path(p).resolve()))
    return ProcessArticles([Path(p).name for p in actor_files], reference_date=reference_date, shipped=True,
                           verb_files=[Path(p).name for p in verb_files])


def _run(spark, inputs: list[InputFile], output: str, process: ProcessArticles, summary: SparkSummary, *, run: dict,
         partitions: int | None, max_chars: int, show_failures: int) -> None:
    """One committed unit: these input files, read, deduplicated, numbered, processed, staged, moved."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    files = _FileSystem(spark, output)
    indexed = list(enumerate(inputs))
    parts = [
        reader(spark, files, group)
        for fmt, reader in (("jsonl", _jsonl_lines), ("parquet", _parquet_rows))
        if (group := [(i, f) for i, f in indexed if f.fmt == fmt])
    ]
    parts = [p for p in parts if p is not None]
    run_dir = files.path(output, STAGING, f"run-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}")
    counts = {"n_documents": 0, "n_failures": 0}
    if parts:
        lines = reduce(lambda a, b: a.unionByName(b), parts).select(*LINE_SCHEMA.names)
        reader = ReadLines([f.source for f in inputs], [f.stem for f in inputs], max_chars)
        articles = _map(lines, reader, ARTICLE_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
        n_read, n_bad = articles.agg(F.count(F.when(F.col("failure").isNull(), 1)), F.count("failure")).first()
        n_tasks = partitions or max(2 * spark.sparkContext.defaultParallelism, math.ceil(n_read / DOCS_PER_TASK))
        # Shuffles of this run carry documents: as many partitions as processing tasks.
        with _SessionSetting(spark, "spark.sql.shuffle.partitions", str(n_tasks), force=True):
            counts = _process(spark, files, output, run_dir, articles, n_read, n_bad, n_tasks, process, summary, run,
                              show_failures)
        articles.unpersist()
    _write_run(spark, files, run_dir, {**run, **counts, "finished_at": _now()})
    files.touch(files.path(run_dir, COMPLETE))
    _commit(files, run_dir, output)


def _write_run(spark, files: _FileSystem, run_dir, row: dict) -> None:
    """The run's record for this commit, one row, into the staged ``runs`` table."""
    names = [part.split()[0] for part in RUNS_SCHEMA.split(", ")]
    df = spark.createDataFrame([tuple(row.get(n) for n in names)], RUNS_SCHEMA)
    df.coalesce(1).write.mode("errorifexists").parquet(files.path(run_dir, "runs").toString())


def _numbered(spark, fresh, base: int):
    """``fresh`` with ``doc_number``: ``base`` + its place in input order (file, then line), and
    how many documents that numbers.

    Deterministic, and no task sees more than :data:`NUMBER_BUCKET` keys: the documents of each
    (file, bucket of lines) are counted, the counts summed into offsets on the driver, and each
    document ranked by line within its bucket.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keys = fresh.select("content_hash", "file_index", "lineno", F.floor(F.col("lineno") / NUMBER_BUCKET).alias("_bucket"))
    offsets, total = [], base
    for row in sorted(keys.groupBy("file_index", "_bucket").count().collect(), key=lambda r: (r["file_index"], r["_bucket"])):
        offsets.append((row["file_index"], row["_bucket"], total))
        total += row["count"]
    table = spark.createDataFrame(offsets, "file_index int, _bucket long, _offset long")
    rank = F.row_number().over(Window.partitionBy("file_index", "_bucket").orderBy("lineno"))
    numbers = (
        keys.withColumn("_rank", rank)
        .join(F.broadcast(table), ["file_index", "_bucket"])
        .select("content_hash", (F.col("_offset") + F.col("_rank")).alias("doc_number"))
    )
    return fresh.drop("doc_number").join(numbers, "content_hash"), total - base


def _process(spark, files: _FileSystem, output: str, run_dir, articles, n_read: int, n_bad: int, n_tasks: int,
             process: ProcessArticles, summary: SparkSummary, run: dict, show_failures: int) -> dict[str, int]:
    """Deduplicate, number, process and stage one unit's articles; return its run counts.

    Spark jobs are few (each costs time on a busy cluster): the processing runs once, in the job
    that collects the tasks' stats rows, and its records stay cached for the writes; a table
    the stats say is empty is not written.
    """
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    fresh = articles.where(F.col("failure").isNull()).drop("failure")
    existing = _existing(spark, files, output, "documents", ["content_hash", "doc_id", "doc_number"])
    if existing is not None:
        fresh = fresh.join(existing.select("content_hash"), "content_hash", "left_anti")
    in_order = ("file_index", "lineno")
    fresh = fresh.withColumn("_k", F.row_number().over(Window.partitionBy("content_hash").orderBy(*in_order))).where("_k = 1")
    fresh = fresh.withColumn("_k", F.row_number().over(Window.partitionBy("doc_id").orderBy(*in_order)))
    taken = F.col("_k") > 1
    if existing is not None:
        fresh = fresh.join(existing.select("doc_id").distinct().withColumn("_taken", F.lit(True)), "doc_id", "left")
        taken = taken | F.col("_taken").isNotNull()
    columns = [n for n in ARTICLE_SCHEMA.names if n != "failure"]
    fresh = fresh.withColumn(
        "doc_id", F.when(taken, F.concat("doc_id", F.lit("-"), F.substring("content_hash", 1, 8))).otherwise(F.col("doc_id"))
    ).select(*columns).persist(StorageLevel.MEMORY_AND_DISK)
    base = int(existing.agg(F.max("doc_number")).first()[0] or 0) if existing is not None else 0
    numbered, n_fresh = _numbered(spark, fresh, base)
    summary.skipped_duplicates += n_read - n_fresh

    read_failures = articles.where(F.col("failure").isNotNull()).select(
        F.col("source_path").alias("source"), F.col("failure").alias("reason"),
        F.lit(None).cast("string").alias("doc_id"), F.lit(None).cast("string").alias("content_hash"), PARTITION_COLUMN,
    )
    shown = []
    if n_bad and len(summary.failures) < show_failures:
        shown += [Failure(r["source"], r["reason"]) for r in read_failures.orderBy("source", "reason").limit(show_failures).collect()]
    tables, failures, records = {}, [read_failures] if n_bad else [], None
    counts = dict.fromkeys(("documents", "mentions", "quotes", "events", "assessments", "failures"), 0)
    if n_fresh:
        records = (
            _map(numbered.select(*columns).repartition(n_tasks, "content_hash"), process, RECORD_SCHEMA)
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        started = time.perf_counter()
        stats = records.where(F.col("table") == "stats").select("stats.*").collect()  # runs the core
        summary.core_seconds += time.perf_counter() - started
        for row in stats:
            summary.partitions += 1
            for key in counts:
                counts[key] += row[key]
            summary.task_cpu_seconds += row["cpu_seconds"]
            summary.task_seconds += row["seconds"]
            if row["coder"]:
                summary.coders.add(row["coder"])
            summary.engine_loads[row["pid"]] = max(summary.engine_loads.get(row["pid"], 0), row["engine_loads"])
        for table in ("documents", "mentions", "quotes", "events", "assessments"):
            if counts[table]:
                tables[table] = records.where(F.col("table") == table).select(PARTITION_COLUMN, f"{table}.*")
        if "documents" in tables:
            tables["documents"] = tables["documents"].withColumns({
                "run_id": F.lit(run["run_id"]).cast("long"),
                "ingested_at": F.lit(run["started_at"].isoformat(sep=" ")).cast("timestamp_ntz"),
            })
        if counts["failures"]:
            failed = records.where(F.col("table") == "failures").select(PARTITION_COLUMN, "failures.*")
            failures.append(failed)
            shown += [Failure(r["source"], r["reason"]) for r in failed.orderBy("source", "reason").limit(show_failures).collect()]
    summary.processed += counts["documents"]
    summary.mentions += counts["mentions"]
    summary.quotes += counts["quotes"]
    summary.events += counts["events"]
    summary.assessments += counts["assessments"]
    n_failures = n_bad + counts["failures"]
    summary.failed += n_failures
    summary.failures += shown[: max(0, show_failures - len(summary.failures))]
    if failures:
        failed = reduce(lambda a, b: a.unionByName(b), failures).dropDuplicates(["source", "reason"])
        known = _existing(spark, files, output, "failures", ["source", "reason"])
        tables["failures"] = failed if known is None else failed.join(known, ["source", "reason"], "left_anti")

    _write_all(spark, {table: (tables[table].select(PARTITION_COLUMN, *TABLE_FIELDS[table]), files.path(run_dir, table).toString())
                       for table in COMMIT_ORDER if table in tables})
    if records is not None:
        records.unpersist()
    fresh.unpersist()
    return {"n_documents": counts["documents"], "n_failures": n_failures}
