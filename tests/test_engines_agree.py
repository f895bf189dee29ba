"""Serial ingest, ``--workers 2`` and Spark read the same files of the example corpus and
store the same documents and events, row for row (issue 12: the Spark job read the corpus's
README.md as an article, 22 documents and 234 events against 21 and 198)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import READING_DATE
from dateline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
# Columns that depend on the run, not on what was coded.
RUN_COLUMNS = {"seq", "created_at"}


def rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table``, sources made absolute (Spark names files by absolute path),
    run-specific columns left out, sorted."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        found = [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]
    conn.close()
    out = []
    for row in found:
        for column in ("source", "source_name"):  # a name falls back on the file's path
            value = row.get(column)
            if value and value.startswith("examples/"):
                row[column] = str((ROOT / value).resolve())
        out.append(tuple(sorted((k, str(v)) for k, v in row.items() if k not in RUN_COLUMNS)))
    return sorted(out)


@pytest.mark.slow
@pytest.mark.spark
def test_serial_workers_and_spark_store_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.chdir(ROOT)  # paths as a user types them in the project folder
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    env = {"DATELINE_TODAY": READING_DATE.isoformat(), "DATELINE_DB": ""}
    runner = CliRunner()

    def run(*args: str) -> None:
        result = runner.invoke(cli, list(args), env=env)
        assert result.exit_code in (0, 1), result.output  # 1: some inputs failed to read
        assert result.exception is None or isinstance(result.exception, SystemExit)

    dbs = {name: tmp_path / f"{name}.db" for name in ("serial", "workers", "spark")}
    run("ingest", "examples/corpus", "--db", str(dbs["serial"]))
    run("ingest", "examples/corpus", "--workers", "2", "--db", str(dbs["workers"]))
    out = tmp_path / "out"
    run("spark-ingest", "examples/corpus", "--out", str(out), "--master", "local[2]")
    run("load", str(out), "--db", str(dbs["spark"]))

    serial = {t: rows(dbs["serial"], t) for t in ("documents", "events")}
    assert len(serial["documents"]) >= 20 and len(serial["events"]) >= 100
    assert not [d for d in serial["documents"] if "README" in str(d)]
    for name in ("workers", "spark"):
        for table in ("documents", "events"):
            assert rows(dbs[name], table) == serial[table], f"{name}: {table} differ"
    # What the articles taught (office-holders) is kept by every engine, Spark's load too.
    learned = rows(dbs["serial"], "actor_kb")
    assert learned
    for name in ("workers", "spark"):
        assert rows(dbs[name], "actor_kb") == learned, f"{name}: actor_kb differs"
