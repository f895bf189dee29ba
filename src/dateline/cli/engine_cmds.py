"""``dateline spark-ingest`` and ``dateline load``: the Spark engine's two commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dateline.cli.common import (
    db_option,
    echo_json,
    json_option,
    library_errors,
    make_options,
    model_option,
)


def _print_summary(summary: dict[str, Any], as_json: bool, what: str) -> None:
    if as_json:
        echo_json(summary)
        return
    failures = summary["failures"]
    failed = ", ".join(f"{n} {reason}" for reason, n in sorted(failures.items())) or "none"
    click.echo(f"{what}: {summary['documents']} documents, {summary['events']} events")
    click.echo(f"failures: {failed}")


def _open_store(options: Any) -> Any:
    from dateline.store import Store

    return Store(options)


@click.command("spark-ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, help="Output folder for the Parquet tables.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option(
    "--partitions", type=click.IntRange(min=1), default=None,
    help="Coding tasks (default: Spark's default parallelism, one per core).",
)  # fmt: skip
@model_option
@json_option
@library_errors
def spark_ingest_cmd(
    inputs: tuple[str, ...],
    out: str,
    master: str,
    partitions: int | None,
    model: str | None,
    as_json: bool,
) -> None:
    """Code INPUT... (files or folders on any path Spark can read: JSON Lines, WARC, HTML,
    text, feeds; .parquet tables of articles) as a Spark job, and write partitioned Parquet
    (documents, events, actors by date; failures) to --out. Needs the 'spark' extra.

    Example: dateline spark-ingest examples/corpus --out out/ --master local[2]
    """
    from dateline.engines.spark import run_job, spark_session

    options = make_options(model=model)
    spark = spark_session(master)
    try:
        summary = run_job(spark, list(inputs), out, options, partitions=partitions)
    finally:
        spark.stop()
    _print_summary(summary.to_dict(), as_json, f"wrote {out}")


@click.command("load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@json_option
@library_errors
def load_cmd(directory: Path, db_path: Path | None, as_json: bool) -> None:
    """Load the Parquet written by 'dateline spark-ingest' into the database (with its
    stories and merged events), for the other commands and the web page.

    Example: dateline load out/ --db dateline.db
    """
    from dateline.engines.spark import load

    options = make_options(db_path=db_path)
    store = _open_store(options)
    try:
        summary = load(directory, store)
    finally:
        store.close()
    _print_summary(summary.to_dict(), as_json, f"loaded {directory}")


def register(group: click.Group) -> None:
    """Add ``spark-ingest`` and ``load`` to the ``dateline`` command."""
    group.add_command(spark_ingest_cmd)
    group.add_command(load_cmd)
