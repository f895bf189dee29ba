"""The Spark engine (dateline.engines.spark): the job in local[2], its Parquet, and load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dateline.engines.spark import (
    JobSummary,
    coded_rows,
    failure_row,
    load,
    read_output,
)
from dateline.models import (
    Actor,
    CodedDocument,
    Document,
    Event,
    EventPlace,
    Evidence,
    ReadFailure,
)
from dateline.options import Options
from dateline.pipeline import Pipeline

# A handful of articles in three input formats: JSON Lines, WARC and plain text.
CORPUS_FILES = (
    "2026-02-wire-digest.jsonl",
    "2026-02-02-northern-ledger-crawl.warc.gz",
    "2026-01-13-washington-envoy.txt",
)


def make_coded(i: int, date: str | None, events: int = 2) -> CodedDocument:
    paragraphs = [f"Officials met in Paris on day {i}.", "Talks went on."]
    doc = Document(Document.make_id(None, paragraphs), f"in/{i:02d}.jsonl", "jsonl", None,
                   paragraphs, date=date, record=f"line {i}")  # fmt: skip
    found = []
    for n in range(events):
        evidence = Evidence(paragraphs[0], 0, 30, "met", f"consult.met.{n}", 10, 13)
        found.append(Event(
            Event.make_id(doc.id, n, 30, "r", "CONSULT"), "CONSULT", None, None, "occurred",
            [Actor("Officials", "FRA GOV", start=0, end=9)], [Actor("Kyiv", "UKR")], evidence,
            place=EventPlace("Paris", "FRA", 48.85, 2.35), date=date, doc_id=doc.id,
            attributed_to=Actor("a spokesman", None) if n else None,
        ))  # fmt: skip
    return CodedDocument(doc, found)


def write_like_spark(rows: list[tuple[str, dict[str, Any]]], out: Path) -> None:
    """Write (table, row) pairs as the job does: hive-partitioned by date."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    for table in ("documents", "events", "actors", "failures"):
        data = [row for name, row in rows if name == table]
        if not data:
            continue
        partitioning = (
            None
            if table == "failures"
            else ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
        )
        ds.write_dataset(pa.Table.from_pylist(data), out / table, format="parquet",
                         partitioning=partitioning)  # fmt: skip


class ListStore:
    """Stands in for Store: keeps what it is given, answers like Store.add."""

    def __init__(self) -> None:
        self.added: list[CodedDocument] = []

    def add(self, coded: list[CodedDocument]) -> Any:
        self.added.extend(coded)
        return SimpleNamespace(documents=len(coded), events=sum(len(c.events) for c in coded))


def test_rows_round_trip_through_parquet(tmp_path: Path) -> None:
    coded = [make_coded(3, "2026-01-06"), make_coded(1, None, 1), make_coded(2, "--01-06", 0)]
    rows = [row for c in coded for row in coded_rows(c)]
    rows.append(failure_row(ReadFailure("in/bad.warc", "binary", "not an archive", "record 2")))
    write_like_spark(rows, tmp_path)
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == [
        "date=2026-01-06", "date=unknown",
    ]  # fmt: skip
    actors = [r for t, r in rows if t == "actors"]
    assert {r["role"] for r in actors} == {"source", "target", "attributed_to"}
    store = ListStore()
    summary = load(tmp_path, store)
    assert summary == JobSummary(documents=3, events=3, failures={"binary": 1})
    # In reading order (source, then position), each with its events in coding order.
    assert [c.document.source for c in store.added] == ["in/01.jsonl", "in/02.jsonl", "in/03.jsonl"]
    by_id = {c.document.id: c for c in coded}
    for got in store.added:
        want = by_id[got.document.id]
        assert got.document.to_dict() == want.document.to_dict()
        assert [e.to_dict() for e in got.events] == [e.to_dict() for e in want.events]


def test_a_copy_read_twice_keeps_one_set_of_events(tmp_path: Path) -> None:
    first = make_coded(1, "2026-01-06")
    copy = make_coded(1, "2026-01-06")
    copy.document.source = "in/copy.txt"
    write_like_spark([*coded_rows(first), *coded_rows(copy)], tmp_path)
    items = list(read_output(tmp_path))
    assert [len(c.events) for c in items if isinstance(c, CodedDocument)] == [2, 2]


def test_load_refuses_a_folder_that_is_not_a_job_output(tmp_path: Path) -> None:
    from dateline.errors import DatelineError

    with pytest.raises(DatelineError, match="spark-ingest output"):
        load(tmp_path, ListStore())


def test_load_command_fills_the_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    write_like_spark([*coded_rows(make_coded(1, "2026-01-06")), *coded_rows(make_coded(2, None))],
                     tmp_path / "out")  # fmt: skip
    db = tmp_path / "loaded.db"
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "out"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"documents": 2, "events": 4, "failures": {}}
    stored = stored_events(db)
    assert len(stored) == 4
    again = CliRunner().invoke(cli, ["load", str(tmp_path / "out"), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert stored_events(db) == stored  # loading twice adds nothing
    assert "0 documents, 0 events" in again.output


def test_load_command_says_what_is_wrong(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    result = CliRunner().invoke(cli, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "spark-ingest output" in result.output


# -- the job itself, in local[2] -------------------------------------------------------------
@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    from dateline.engines.spark import spark_session

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        session = spark_session("local[2]", "dateline-tests")
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.mark.slow
@pytest.mark.spark
def test_spark_job_codes_like_the_pipeline(
    spark: Any, pipeline: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.engines.spark import run_job

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in CORPUS_FILES[:2]:
        (inputs / name).write_bytes((corpus_dir / name).read_bytes())
    # A Parquet table of articles, as a crawl export would give them.
    text = (corpus_dir / CORPUS_FILES[2]).read_text(encoding="utf-8")
    table = tmp_path / "articles.parquet"
    pq.write_table(pa.table({"url": ["https://example.org/envoy"], "text": [text]}), table)
    out = tmp_path / "out"

    summary = run_job(spark, [str(inputs), str(table)], str(out), pipeline.options,
                      partitions=2)  # fmt: skip

    # A fresh Pipeline (sharing the loaded model): the session one has learned office-holders
    # from every article other tests coded, which the job's tasks have not.
    fresh = Pipeline(pipeline.options)
    fresh.__dict__["nlp"] = pipeline.nlp
    expected: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(inputs.iterdir()):
        for doc in fresh.read(path):
            if isinstance(doc, Document):
                expected[doc.id] = [e.to_dict() for e in fresh.code(doc).events]
    got = {c.document.id: [e.to_dict() for e in c.events]
           for c in read_output(out) if isinstance(c, CodedDocument)}  # fmt: skip
    assert set(expected) <= set(got)
    assert len(got) == len(expected) + 1  # the Parquet article
    assert {k: got[k] for k in expected} == expected
    assert summary.documents == len(got)
    assert summary.events == sum(len(v) for v in got.values())
    assert sum(len(v) for v in expected.values()) > 0
    # Partitioned by date, with the actors table beside the events.
    assert any(p.name.startswith("date=2026-") for p in (out / "events").iterdir())
    actors = pq.read_table(out / "actors").to_pylist()
    assert {a["event_id"] for a in actors} <= {e["id"] for v in got.values() for e in v}
    json.dumps(summary.to_dict())


@pytest.mark.slow
@pytest.mark.spark
def test_ingest_workers_and_spark_give_the_same_events(
    spark: Any, corpus_dir: Path, tmp_path: Path
) -> None:
    """The acceptance test of issue 7: three engines, one set of events."""
    from click.testing import CliRunner

    import dateline.store as store_mod
    from conftest import READING_DATE
    from dateline.cli import cli
    from dateline.engines.spark import run_job

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in CORPUS_FILES:
        (inputs / name).write_bytes((corpus_dir / name).read_bytes())
    runner = CliRunner()
    env = {"DATELINE_TODAY": READING_DATE.isoformat()}
    dbs = {}
    for label, extra in (("serial", []), ("workers", ["--workers", "2"])):
        dbs[label] = tmp_path / f"{label}.db"
        result = runner.invoke(cli, ["ingest", str(inputs), "--db", str(dbs[label]), *extra],
                               env=env)  # fmt: skip
        assert result.exit_code == 0, result.output
    options = Options(db_path=tmp_path / "spark.db", today=READING_DATE)
    run_job(spark, [str(inputs)], str(tmp_path / "out"), options, partitions=2)
    dbs["spark"] = options.db_path
    store = store_mod.Store(options)
    try:
        load(tmp_path / "out", store)
    finally:
        store.close()

    events = {label: stored_events(db) for label, db in dbs.items()}
    assert events["serial"], "the corpus gave no events"
    assert events["workers"] == events["serial"]
    assert events["spark"] == events["serial"]


def stored_events(db: Path) -> list[tuple[Any, ...]]:
    """Every event row of a database, without run-specific columns, sorted."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute("SELECT * FROM events")]
    skip = {"rowid", "created_at", "added_at", "ingested_at", "run_id"}
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items() if k not in skip)) for r in rows)


@pytest.mark.slow
@pytest.mark.spark
def test_spark_sql_reads_the_partitioned_parquet_export(spark: Any, tmp_path: Path) -> None:
    """`dateline export --format parquet` is a dataset Spark reads directly: year is a column,
    and a query by year and type counts what the store holds."""
    from collections import Counter

    from dateline.export import export
    from dateline.store import Store
    from fixtures.store.factory import corpus

    with Store.open(tmp_path / "x.db") as store:
        store.add(corpus())
        export(store, "parquet", tmp_path / "out", merged=False)
    expected = Counter(
        (int(e.date[:4]) if e.date else None, e.type) for c in corpus() for e in c.events
    )
    spark.read.parquet(str(tmp_path / "out" / "events")).createOrReplaceTempView("events")
    rows = spark.sql("SELECT year, type, count(*) AS n FROM events GROUP BY year, type").collect()
    assert {(r["year"], r["type"]): r["n"] for r in rows} == dict(expected)
