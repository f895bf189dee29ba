"""Two worker processes against one, side by side, on the same documents.

    .venv/bin/python benchmarks/workers_speed.py [--documents 66]

Codes the example corpus repeated to ``--documents`` articles with
``dateline.engines.local.WorkerPool`` (what ``code_stream`` runs) in 1 and then 2 workers (what
``dateline ingest --workers N`` runs), and prints the speed-up 2 workers / 1: the aim is
1.7 or more on 2 cores. Wall times include starting the workers (loading spaCy in each);
the steady rate counts from the moment every worker is ready. The workers' CPU seconds say
how many cores the run actually got: on a shared machine, fewer than 2.
"""

from __future__ import annotations

import argparse
import resource
import time

from _corpus import example_documents, machine, repeated

from dateline.engines.local import WorkerPool
from dateline.models import CodedDocument, Document
from dateline.options import Options


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    options: Options, documents: list[Document], workers: int
) -> tuple[float, float, float, int]:
    """Wall time with the workers' start, wall time once they are ready, the workers' CPU
    seconds (start included: they are counted once the workers have exited), events."""
    cpu = children_cpu()
    start = time.perf_counter()
    pool = WorkerPool(options, workers)
    try:
        pool.wait_ready()
        ready = time.perf_counter()
        events = sum(
            len(item.events)
            for item in pool.run(documents, 8 * workers)
            if isinstance(item, CodedDocument)
        )
    finally:
        pool.close()
    end = time.perf_counter()
    return end - start, end - ready, children_cpu() - cpu, events


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
        print(f"{label} {wall:.2f}s wall ({n / wall:.2f} docs/s), steady {n / steady:.2f} docs/s,"
              f" workers' CPU {cpu:.1f}s = {cpu / wall:.2f} cores busy on average")  # fmt: skip
    print(f"speed-up 2/1: {wall1 / wall2:.2f} wall, {steady1 / steady2:.2f} steady (aim >= 1.7)")
    print(f"CPU per document 2/1: {cpu2 / cpu1:.2f} (1.0: no parallel overhead)")


if __name__ == "__main__":
    main()
