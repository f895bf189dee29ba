"""Words per second of spaCy alone and of ``annotate`` on the same texts, and their ratio.

    .venv/bin/python benchmarks/annotate_speed.py [--rounds N]

The texts are the example corpus (read once). Resources (spaCy, actor data, gazetteer,
knowledge base) are loaded before timing; both runs parse the same documents the same way
(``nlp(text)`` one document at a time), so the ratio is what our own work costs next to the
parse. The aim is a ratio of at least 0.8. Learning is off so both rounds see the same KB.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dateline.annotate import annotate
from dateline.models import Document
from dateline.options import Options
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SEED = REPO.parent / "shared" / "seed" / "paris-talks.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Options(db_path=Path(tmp) / "bench.db", learn=False))
        paths = [p for p in (CORPUS, SEED) if p.exists()]
        docs = [d for d in pipeline.read_many(paths) if isinstance(d, Document)]
        if not docs:
            raise SystemExit("no documents: examples/corpus and ../shared/seed are missing")
        nlp = pipeline.nlp
        annotate(docs[0], pipeline)  # load actor data, gazetteer, KB and matchers
        words = sum(len(d.text.split()) for d in docs) * args.rounds

        # Interleave the two measures, so a busy neighbour on the machine hits both alike.
        spacy_time = annotate_time = 0.0
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            for d in docs:
                nlp(d.text)
            t1 = time.perf_counter()
            for d in docs:
                annotate(d, pipeline)
            t2 = time.perf_counter()
            spacy_time += t1 - t0
            annotate_time += t2 - t1
    spacy_wps = words / spacy_time
    annotate_wps = words / annotate_time
    print(f"documents: {len(docs)}  words per round: {words // args.rounds}  rounds: {args.rounds}")
    print(f"spaCy alone ({pipeline.options.model}): {spacy_wps:,.0f} words/s")
    print(f"annotate (parse + actors, places, dates): {annotate_wps:,.0f} words/s")
    print(f"ratio annotate/spaCy: {annotate_wps / spacy_wps:.2f} (aim >= 0.8)")


if __name__ == "__main__":
    main()
