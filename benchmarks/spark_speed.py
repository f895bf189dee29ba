"""Spark ``local[2]`` against ``dateline ingest --workers 2`` on the same corpus.

    .venv/bin/python benchmarks/spark_speed.py [--documents 66]

Writes the example corpus repeated to ``--documents`` articles as JSON Lines files in a
temporary folder, then times, end to end as a user runs them (process start, model
loading, JVM start for Spark included):

- ``dateline ingest DIR --workers 2 --db X`` (into SQLite);
- ``dateline spark-ingest DIR --out Y --master local[2]`` (to Parquet), and
  ``dateline load Y --db Z`` after it.

Prints the ratio ingest time / Spark time (above 1: Spark is faster).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from _corpus import BIN, example_documents, machine, repeated, timed_run, write_jsonl

from dateline.options import Options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=66)
    args = parser.parse_args()

    env = dict(os.environ, SPARK_LOCAL_IP=os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"))
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        root = Path(tmp)
        n = write_jsonl(repeated(example_documents(Options()), args.documents), root / "in")
        dateline = str(BIN / "dateline")
        ingest = timed_run(
            [dateline, "ingest", str(root / "in"), "--workers", "2", "--db", str(root / "a.db")],
            env,
        )
        spark = timed_run(
            [dateline, "spark-ingest", str(root / "in"), "--out", str(root / "out"),
             "--master", "local[2]"], env,
        )  # fmt: skip
        load = timed_run([dateline, "load", str(root / "out"), "--db", str(root / "b.db")], env)
    print(f"machine: {machine()}")
    print(f"documents: {n} (JSON Lines)")
    print(f"ingest --workers 2:          {ingest:.1f}s ({n / ingest:.2f} docs/s)")
    print(f"spark-ingest local[2]:       {spark:.1f}s ({n / spark:.2f} docs/s)")
    print(f"  + load into SQLite:        {load:.1f}s")
    print(f"ratio ingest/spark:          {ingest / spark:.2f} (spark alone), "
          f"{ingest / (spark + load):.2f} (spark + load)")  # fmt: skip


if __name__ == "__main__":
    main()
