"""The same pipeline as a PySpark job, and ``load`` to bring its Parquet into the store.

``run_job`` reads JSON Lines, WARC and any other file the reader knows (through
``dateline.read.read_bytes``), and Parquet tables of articles, from any path Spark can read
(local, ``hdfs://``, ``s3a://``...). Documents are spread over ``partitions`` tasks and each
task codes its share with one ``Pipeline`` (the model is loaded once per task, so choose
about one partition per executor core). It writes three Parquet tables partitioned by date
(``documents/``, ``events/``, ``actors/``) and a small ``failures/`` table:

- every row carries the full record as JSON (``json`` column) beside flat columns for
  querying, so ``load`` rebuilds the exact ``Document`` and ``Event`` objects;
- ``date`` (the partition column) is the document's or the event's ISO date, or
  ``unknown``.

Each input file is read whole by one task (Spark's ``binaryFile`` source, up to 2 GB a file:
Common Crawl's news WARCs, about 1 GB each, fit); the documents it holds are then spread over
the coding tasks.

``load(dir, store)`` reads those tables with pyarrow (no Spark needed) and adds each coded
document through ``Store.add``, in the order the local ingest would have read them, so the
stories and merged events are built exactly as ``dateline ingest`` builds them.

Parquet input: a table with a ``json`` column (our own ``documents/`` table) or with
``paragraphs`` is taken as ready documents; otherwise the first of ``html``, ``content``,
``text`` or ``body`` is read as an article (``url`` or ``source`` names it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from dateline.errors import DatelineError
from dateline.models import AnnotatedDocument, CodedDocument, Document, Event, ReadFailure
from dateline.options import Options
from dateline.store.types import KBRecord

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from dateline.store import Store

PARQUET_SUFFIXES = (".parquet", ".pq")
TEXT_COLUMNS = ("html", "content", "text", "body")
TABLES = ("documents", "events", "actors", "failures")
UNKNOWN_DATE = "unknown"

DOCUMENT_SCHEMA = (
    "id string, source string, input string, position long, format string, title string, "
    "url string, outlet string, published string, date_precision string, events int, "
    "json string, learned string, date string"
)
EVENT_SCHEMA = (
    "id string, doc_id string, ordinal int, type string, quad_class string, cameo string, "
    "status string, mode string, context string, date_precision string, place string, "
    "place_country string, lat double, lon double, source_codes string, target_codes string, "
    "sentence string, trigger string, rule string, json string, date string"
)
ACTOR_SCHEMA = (
    "event_id string, doc_id string, role string, text string, code string, name string, "
    "country string, sector string, org string, rule string, date string"
)
FAILURE_SCHEMA = "source string, record string, reason string, message string"


@dataclass
class JobSummary:
    """What a Spark job or a load did, counted."""

    documents: int = 0
    events: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": self.events, "failures": self.failures}


# -- rows ---------------------------------------------------------------------------------
def _day(value: str | None) -> str:
    """The partition value: an ISO day (or month, year), else ``unknown``."""
    if value and value[:4].isdigit():
        return value[:10]
    return UNKNOWN_DATE


def learned_records(coded: CodedDocument) -> list[dict[str, Any]]:
    """The office-holders the document taught, as ``KBRecord`` fields (the ``learned``
    column), so ``load`` saves them as the local ingest does."""
    learned = coded.annotated.learned if coded.annotated is not None else []
    names = [f.name for f in dataclasses.fields(KBRecord)]
    return [{name: getattr(entry, name) for name in names} for entry in learned]


def coded_rows(
    coded: CodedDocument, input_path: str | None = None, position: int = 0
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rows of the output tables for one coded document, as (table, row) pairs.

    ``input_path`` and ``position`` say where it was read (the file, and its rank among the
    file's documents): ``load`` adds documents in that order, as the local ingest does.
    """
    document = coded.document
    doc_date = _day(document.date)
    yield "documents", {
        "id": document.id, "source": document.source,
        "input": input_path if input_path is not None else document.source,
        "position": position,
        "format": document.format, "title": document.title, "url": document.url,
        "outlet": document.outlet, "published": document.published,
        "date_precision": document.date_precision, "events": len(coded.events),
        "json": json.dumps(document.to_dict(), ensure_ascii=False),
        "learned": json.dumps(learned_records(coded), ensure_ascii=False), "date": doc_date,
    }  # fmt: skip
    for ordinal, event in enumerate(coded.events):
        date = _day(event.date) if event.date else doc_date
        place = event.place
        yield "events", {
            "id": event.id, "doc_id": document.id, "ordinal": ordinal, "type": event.type,
            "quad_class": event.quad_class, "cameo": event.cameo, "status": event.status,
            "mode": event.mode, "context": event.context,
            "date_precision": event.date_precision,
            "place": place.name if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "source_codes": ";".join(a.code or "" for a in event.source),
            "target_codes": ";".join(a.code or "" for a in event.target),
            "sentence": event.evidence.sentence, "trigger": event.evidence.trigger,
            "rule": event.evidence.rule,
            "json": json.dumps(event.to_dict(), ensure_ascii=False), "date": date,
        }  # fmt: skip
        roles = [("source", a) for a in event.source] + [("target", a) for a in event.target]
        if event.attributed_to is not None:
            roles.append(("attributed_to", event.attributed_to))
        for role, actor in roles:
            yield "actors", {
                "event_id": event.id, "doc_id": document.id, "role": role, "text": actor.text,
                "code": actor.code, "name": actor.name, "country": actor.country,
                "sector": actor.sector, "org": actor.org, "rule": actor.rule, "date": date,
            }  # fmt: skip


def failure_row(failure: ReadFailure) -> tuple[str, dict[str, Any]]:
    return "failures", {
        "source": failure.source, "record": failure.record,
        "reason": failure.reason, "message": failure.message,
    }  # fmt: skip


# -- what runs on the executors ---------------------------------------------------------------
def _local_source(path: str) -> str:
    """``file:/x/y`` as Spark names a local file becomes ``/x/y``, as the local ingest names
    it; other schemes (``hdfs://``, ``s3a://``) are kept."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def _items(found: Iterable[Document | ReadFailure], input_path: str) -> Iterator[tuple[str, str]]:
    for position, item in enumerate(found):
        if isinstance(item, ReadFailure):
            yield "fail", json.dumps(failure_row(item)[1])
        else:
            payload = {"document": item.to_dict(), "input": input_path, "position": position}
            yield "doc", json.dumps(payload, ensure_ascii=False)


def input_root(path: str) -> str:
    """An input path as the executors will see the files under it: a local path made
    absolute (Spark names local files ``file:/abs/...``), any other scheme kept; no
    trailing slash."""
    if "://" in path or path.startswith("file:"):
        return _local_source(path).rstrip("/") or "/"
    return str(Path(path).resolve())


def selected(path: str, roots: Iterable[str]) -> bool:
    """Whether the local ingest would read ``path``: a file named as an input always, a
    file under an input folder when ``dateline.read.wanted_under_folder`` says so (not
    hidden, named like an article: a README or Spark's ``_SUCCESS`` beside the articles is
    skipped)."""
    from dateline.read import wanted_under_folder

    for root in roots:
        if path == root:
            return True
        if path.startswith(root.rstrip("/") + "/"):
            below = PurePosixPath(path[len(root.rstrip("/")) + 1 :]).parts
            if wanted_under_folder(below):
                return True
    return False


def read_files(
    rows: Iterable[Any], options: Options, roots: tuple[str, ...] | None = None
) -> Iterator[tuple[str, str]]:
    """Read a partition of input files (rows with ``path`` and ``content``) into
    ``("doc", json)`` or ``("fail", json)`` items, with one Reader for the partition.

    ``roots`` are the job's inputs (``input_root``): only the files the local ingest would
    read from them are read (``selected``); None reads every row.
    """
    from dateline.read import Reader, read_bytes

    reader = Reader(options)
    for row in rows:
        path = _local_source(row["path"])
        if roots is not None and not selected(path, roots):
            continue
        found = read_bytes(bytes(row["content"]), path, options, reader=reader)
        yield from _items(found, path)


def read_table_rows(
    rows: Iterable[tuple[Any, int]], table: str, options: Options
) -> Iterator[tuple[str, str]]:
    """Read a partition of an input Parquet table, as (row, index in the table) pairs (see
    the module docstring)."""
    from dateline.read import Reader, read_bytes

    reader = Reader(options)
    for spark_row, index in rows:
        row = spark_row.asDict()
        if row.get("json") or row.get("paragraphs"):
            data = json.loads(row["json"]) if row.get("json") else row
            document = Document.from_dict(data)
            yield from _items([document], f"{table}#{index:012d}")
            continue
        column = next((c for c in TEXT_COLUMNS if row.get(c)), None)
        source = str(row.get("url") or row.get("source") or f"parquet row {index}")
        if column is None:
            failure = ReadFailure(source, "empty", f"no {'/'.join(TEXT_COLUMNS)} column", None)
            yield "fail", json.dumps(failure_row(failure)[1])
            continue
        data = row[column]
        data = data if isinstance(data, bytes) else str(data).encode("utf-8")
        fmt = "html" if column == "html" or data.lstrip()[:1] == b"<" else "text"
        found = read_bytes(data, source, options, fmt=fmt, reader=reader)
        yield from _items(found, f"{table}#{index:012d}")


def code_partition(
    items: Iterable[tuple[str, str]], options: Options
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Code one partition with one Pipeline; yield (table, row) pairs.

    An article the pipeline raises on becomes a ``failures`` row (reason ``error``) through
    ``engines.coding.code_or_failure``, as in the local engine; a setup error (the model
    cannot load) fails the job.
    """
    from dateline.engines.coding import code_or_failure
    from dateline.pipeline import Pipeline

    pipeline = None
    for kind, payload in items:
        if kind == "fail":
            yield "failures", json.loads(payload)
            continue
        if pipeline is None:  # only partitions with documents pay for the model
            pipeline = Pipeline(options)
        where = json.loads(payload)
        document = Document.from_dict(where["document"])
        coded = code_or_failure(pipeline, document)
        if isinstance(coded, ReadFailure):
            yield failure_row(coded)
            continue
        yield from coded_rows(coded, where["input"], where["position"])


# -- the driver -------------------------------------------------------------------------
def spark_session(master: str = "local[*]", app_name: str = "dateline") -> SparkSession:
    """A SparkSession on ``master``. Raises ``DatelineError`` without the ``spark`` extra.

    In local mode the Python workers run this interpreter, so they see dateline and the
    spaCy model installed beside it.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DatelineError("pyspark is not installed: pip install 'dateline[spark]'") from exc
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder: Any = SparkSession.builder
    return (
        builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def _split_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    tables: list[str] = []
    files: list[str] = []
    for path in inputs:
        (tables if path.rstrip("/").endswith(PARQUET_SUFFIXES) else files).append(path)
    return tables, files


def run_job(
    spark: SparkSession,
    inputs: Iterable[str],
    out: str,
    options: Options,
    *,
    partitions: int | None = None,
) -> JobSummary:
    """Read, code and write ``inputs`` to partitioned Parquet under ``out``.

    Takes a Spark session, input paths (files or folders, read recursively; ``.parquet``
    paths are tables of articles), the output folder (overwritten), the options and the
    number of coding tasks (default: Spark's default parallelism). Returns the counts.
    Raises ``DatelineError`` when an input cannot be listed or the job fails.
    """
    from pyspark import StorageLevel
    from pyspark.sql.utils import AnalysisException

    tables, files = _split_inputs(inputs)
    sc = spark.sparkContext
    parts: list[Any] = []
    try:
        if files:
            raw = (
                spark.read.format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(files)
                .select("path", "content")
            )
            roots = tuple(input_root(f) for f in files)
            parts.append(raw.rdd.mapPartitions(partial(read_files, options=options, roots=roots)))
        for table in tables:
            rows = spark.read.parquet(table).rdd.zipWithIndex()
            name = _local_source(table)
            parts.append(rows.mapPartitions(partial(read_table_rows, table=name, options=options)))
    except AnalysisException as exc:
        raise DatelineError(f"cannot read the inputs: {str(exc).splitlines()[0]}") from exc
    if not parts:
        raise DatelineError("no inputs given")
    items = parts[0] if len(parts) == 1 else sc.union(parts)
    count = partitions or sc.defaultParallelism
    # Reading a big file yields many documents in one task: spread them before coding.
    # RDD.repartition moves pickled batches, not documents, and left 26 and 40 of 66 in two
    # tasks: deal the documents out one by one instead.
    dealt = items.mapPartitionsWithIndex(partial(_deal, count=count))
    spread = dealt.partitionBy(count, _identity).values()
    coded = spread.mapPartitions(lambda it: code_partition(it, options))
    # Four tables are written from the coded rows: keep them (spilling to disk on a big job)
    # rather than code every article four times.
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        frames = {
            "documents": _frame(spark, coded, "documents", DOCUMENT_SCHEMA),
            "events": _frame(spark, coded, "events", EVENT_SCHEMA),
            "actors": _frame(spark, coded, "actors", ACTOR_SCHEMA),
            "failures": _frame(spark, coded, "failures", FAILURE_SCHEMA),
        }
        for name, frame in frames.items():
            writer = frame.write.mode("overwrite")
            if name != "failures":
                writer = writer.partitionBy("date")
            writer.parquet(f"{out.rstrip('/')}/{name}")
        summary = JobSummary(documents=frames["documents"].count(), events=frames["events"].count())
        for row in frames["failures"].groupBy("reason").count().collect():
            summary.failures[row["reason"]] = row["count"]
    except Exception as exc:
        if type(exc).__module__.startswith(("py4j", "pyspark")):
            raise DatelineError(f"the Spark job failed: {str(exc).splitlines()[0]}") from exc
        raise
    finally:
        coded.unpersist()
    return summary


def _deal(index: int, items: Iterable[Any], count: int) -> Iterator[tuple[int, Any]]:
    """Key the items of input partition ``index`` round-robin over ``count`` tasks."""
    for n, item in enumerate(items):
        yield (index + n) % count, item


def _identity(key: int) -> int:
    return key


def _frame(spark: SparkSession, coded: Any, table: str, schema: str) -> DataFrame:
    names = [part.split()[0] for part in schema.split(", ")]
    rows = coded.filter(lambda pair: pair[0] == table).map(
        lambda pair: tuple(pair[1].get(n) for n in names)
    )
    return spark.createDataFrame(rows, schema)


# -- into the store ---------------------------------------------------------------------
def _read_table(path: Path, columns: list[str]) -> list[dict[str, Any]]:
    """The ``columns`` of a table (a column the job did not write, in an older output, is
    left out of the rows)."""
    import pyarrow.dataset as ds

    if not path.is_dir():
        return []
    dataset = ds.dataset(path, format="parquet", partitioning="hive")
    present = [c for c in columns if c in dataset.schema.names]
    return dataset.to_table(columns=present).to_pylist()


def read_output(directory: str | Path) -> Iterator[CodedDocument | ReadFailure]:
    """The coded documents (and failures) of a Spark job's output folder.

    Documents come in the order the local ingest reads them (by input file, then position in
    the file), each with its events in their original order. Raises ``DatelineError`` when
    ``directory`` is not a job's output.
    """
    root = Path(directory)
    if not (root / "documents").is_dir():
        raise DatelineError(f"{root} has no documents/ table: is it a spark-ingest output?")
    # The same article read twice (a syndicated copy) has one id and was coded twice: keep
    # one event per position in coding order, for every reading of it.
    rows: dict[str, dict[int, str]] = {}
    for row in _read_table(root / "events", ["doc_id", "ordinal", "json"]):
        rows.setdefault(row["doc_id"], {}).setdefault(row["ordinal"], row["json"])
    events = {
        doc_id: [Event.from_dict(json.loads(found[n])) for n in sorted(found)]
        for doc_id, found in rows.items()
    }
    docs = _read_table(root / "documents", ["input", "position", "json", "learned"])
    # The local ingest walks folders by path parts ("a/b" before "a-b"): sort the same way.
    docs.sort(key=lambda r: (PurePosixPath(r["input"]).parts, r["position"]))
    for row in docs:
        document = Document.from_dict(json.loads(row["json"]))
        learned = [KBRecord(**r) for r in json.loads(row.get("learned") or "[]")]
        # The annotations stay on the executors; what the store keeps of them is learned.
        annotated = AnnotatedDocument(document, [], learned=learned)
        yield CodedDocument(document, events.get(document.id, []), annotated)
    for row in _read_table(root / "failures", ["source", "record", "reason", "message"]):
        yield ReadFailure(row["source"], row["reason"], row["message"], row["record"])


def load(directory: str | Path, store: Store, *, batch_size: int = 64) -> JobSummary:
    """Add a Spark job's output to ``store`` (a ``dateline.store.Store``) with ``Store.add``,
    ``batch_size`` documents per transaction.

    Documents already in the store are skipped by the store, so loading twice adds nothing.
    Returns what was added (documents, events) and the job's failures by reason. Raises
    ``DatelineError`` (or the store's ``StoreError``).
    """
    summary = JobSummary()
    batch: list[CodedDocument] = []

    def flush() -> None:
        if batch:
            result = store.add(list(batch))
            summary.documents += result.documents
            summary.events += result.events
            batch.clear()

    for item in read_output(directory):
        if isinstance(item, ReadFailure):
            summary.failures[item.reason] = summary.failures.get(item.reason, 0) + 1
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    return summary
