"""Sentences per second of the event coder beside spaCy alone, on the same text, in one run.

    .venv/bin/python benchmarks/code_speed.py [--repeat N] [--fallback] [--sentence-typer]

Three timings over the example corpus: spaCy parsing alone (``nlp(text)``, as the pipeline
calls it), the annotator + coder (``Pipeline.annotate`` then ``Pipeline.code_events``), and the
coder alone on the already annotated documents (``Pipeline.code_events``). The first two are
interleaved document by document in each of N rounds, so load from other programs weighs on
both alike, and the best round of each is kept. Prints sentences/s for each, their ratio, and
the time to load the CAMEO verb dictionary (``load_lexicon``, done once per ``Pipeline`` with
the triggers). ``--fallback`` codes with the learned fallback typer on (``events.learned``),
``--sentence-typer`` with the sentence-embedding typer on (``events.sentence_typer``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.events.lexicon import load_lexicon
from dateline.models import AnnotatedDocument, Document
from dateline.options import Options
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus")
    parser.add_argument("--fallback", action="store_true", help="the fallback typer on")
    parser.add_argument("--sentence-typer", action="store_true", help="the sentence typer on")
    args = parser.parse_args()
    pipeline = Pipeline(Options(fallback_typer=args.fallback, sentence_typer=args.sentence_typer))
    if args.sentence_typer:
        pipeline.encoder.encode(["warm up."])  # load the model before the clock starts
    documents = [d for d in pipeline.read_many([CORPUS]) if isinstance(d, Document)]
    pipeline.nlp("warm up.")
    loads = []
    for _ in range(3):
        start = time.perf_counter()
        lexicon = load_lexicon(pipeline.options.data_dir)
        loads.append(time.perf_counter() - start)
    _ = pipeline.triggers
    if args.fallback:
        _ = pipeline.typer
    pipeline.annotate(documents[0])  # every resource loaded before the clock starts

    sentences = sum(len(list(pipeline.nlp(d.text).sents)) for d in documents)
    spacy_best = full_best = float("inf")
    annotated: list[AnnotatedDocument] = []
    events = 0
    for _ in range(args.repeat):
        spacy_s = full_s = 0.0
        annotated, events = [], 0
        for document in documents:
            start = time.perf_counter()
            pipeline.nlp(document.text)
            spacy_s += time.perf_counter() - start
            start = time.perf_counter()
            ad = pipeline.annotate(document)
            events += len(pipeline.code_events(ad))
            full_s += time.perf_counter() - start
            annotated.append(ad)
        spacy_best, full_best = min(spacy_best, spacy_s), min(full_best, full_s)

    start = time.perf_counter()
    for ad in annotated:
        pipeline.code_events(ad)
    coder_s = time.perf_counter() - start

    print(f"documents: {len(documents)}  sentences: {sentences}  events: {events}")
    print(f"CAMEO verb dictionary load:       {min(loads):8.3f} s  ({len(lexicon)} entries)")
    print(f"spaCy alone (nlp(text)):          {sentences / spacy_best:8.1f} sentences/s")
    print(f"annotate + code (pipeline):       {sentences / full_best:8.1f} sentences/s")
    print(f"event coder alone (code_events):  {sentences / coder_s:8.1f} sentences/s")
    print(f"ratio pipeline/spaCy:             {spacy_best / full_best:8.2f}  (aim >= 0.7)")


if __name__ == "__main__":
    main()
