"""Full pipeline against spaCy's parse alone, on the same text, in one process.

    .venv/bin/python benchmarks/pipeline_speed.py [--rounds 3] [--profile]

Prints the CPU time of ``nlp(text)`` alone and of ``Pipeline.code`` (which runs that same
parse, then our annotation and coding; reading is not counted: the documents are read once
before) over the example corpus, interleaved document by document, and the ratio
parse / full: 1.0 means our work on top of the parse is free; the aim is 0.7 or more.
``--profile`` then prints a pyinstrument profile of the full pipeline (pip install
pyinstrument; not a dependency).
"""

from __future__ import annotations

import argparse
import time

from _corpus import example_documents, machine

from dateline.options import Options
from dateline.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    options = Options()
    docs = example_documents(options)
    pipeline = Pipeline(options)
    chars = sum(len(d.text) for d in docs)
    # Warm up: load the model and every data file, fill caches.
    for doc in docs:
        pipeline.code(doc)

    # Interleaved document by document, and timed in this process's CPU seconds, so that
    # other work on a shared machine weighs on both sides alike.
    parse = full = 0.0
    for _ in range(args.rounds):
        for doc in docs:
            start = time.process_time()
            pipeline.nlp(doc.text)
            middle = time.process_time()
            pipeline.code(doc)
            parse += middle - start
            full += time.process_time() - middle

    n = len(docs) * args.rounds
    print(f"machine: {machine()}")
    print(f"documents: {len(docs)} x {args.rounds} rounds ({chars * args.rounds} characters)")
    print(f"spaCy parse alone: {parse:.2f}s CPU  ({n / parse:.1f} docs/s)")
    print(f"full pipeline:     {full:.2f}s CPU  ({n / full:.1f} docs/s)")
    print(f"ratio parse/full:  {parse / full:.2f}  (aim >= 0.7)")

    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        for doc in docs:
            pipeline.code(doc)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
