"""Two worker processes against one, side by side, on the same documents.

    .venv/bin/python benchmarks/workers_speed.py [--documents 66]

Codes the example corpus repeated to ``--documents`` articles with
``dateline.engines.local.WorkerPool`` (what ``code_stream`` runs) in 1 and then 2 workers (what
``dateline ingest --workers N`` runs), and prints the speed-up 2 workers / 1: the aim is
1.7 or more on 2 cores. Wall times include starting the workers (loading spaCy in each);
the "once ready" figures count from the moment every worker is ready. The workers' CPU
seconds (from /proc) say how many cores the run actually got: on a shared machine, fewer
than 2; the speed-up can only be as large as the ratio of cores obtained.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from _corpus import example_documents, machine, repeated

from dateline.engines.local import WorkerPool
from dateline.models import CodedDocument, Document
from dateline.options import Options


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds used so far by the processes ``pids`` (from /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def run(
    options: Options, documents: list[Document], workers: int
) -> tuple[float, float, float, int]:
    """Wall time with the workers' start, wall time once they are ready, the workers' CPU
    seconds once they are ready, and the events coded."""
    start = time.perf_counter()
    pool = WorkerPool(options, workers)
    try:
        pool.wait_ready()
        pids = [w.process.pid for w in pool.workers if w.process.pid is not None]
        cpu = cpu_seconds(pids)
        ready = time.perf_counter()
        events = sum(
            len(item.events)
            for item in pool.run(documents, 8 * workers)
            if isinstance(item, CodedDocument)
        )
        cpu = cpu_seconds(pids) - cpu
        end = time.perf_counter()
    finally:
        pool.close()
    return time.perf_counter() - start, end - ready, cpu, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=66)
    args = parser.parse_args()

    options = Options()
    documents = list(repeated(example_documents(options), args.documents))
    n = len(documents)
    wall1, steady1, cpu1, events1 = run(options, documents, 1)
    wall2, steady2, cpu2, events2 = run(options, documents, 2)
    assert events1 == events2, "1 and 2 workers coded different events"
    print(f"machine: {machine()}")
    print(f"documents: {n}, events: {events1}")
    runs = (("1 worker: ", wall1, steady1, cpu1), ("2 workers:", wall2, steady2, cpu2))
    for label, wall, steady, cpu in runs:
        print(
            f"{label} {wall:.2f}s wall ({n / wall:.2f} docs/s); once ready {steady:.2f}s "
            f"({n / steady:.2f} docs/s), workers' CPU {cpu:.1f}s = {cpu / steady:.2f} cores"
        )
    speed = f"{wall1 / wall2:.2f} wall, {steady1 / steady2:.2f} once ready"
    print(f"speed-up 2/1: {speed} (aim >= 1.7)")
    print(
        f"CPU per document once ready, 2/1: {cpu2 / cpu1:.2f} (1.0: the pool adds no work); "
        f"cores obtained 2/1: {(cpu2 / steady2) / (cpu1 / steady1):.2f}"
    )


if __name__ == "__main__":
    main()
