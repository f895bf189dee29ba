"""Would a learned sentence-type classifier beat the rules on news they never saw?

    python benchmarks/learned_baseline.py            # words and the coder's types
    python benchmarks/learned_baseline.py --words    # words only

A multinomial logistic regression (numpy, full-batch gradient descent, L2) over the lemmas of
a sentence's content words, its root verb and, unless ``--words``, the types the coder reports
on it, trained on the tuning halves of both real-news sets and the codebook sentences and
scored on the two check halves, beside the rules alone, with the macro-F1 and accuracy of
``dateline evaluate`` (types present in the gold; NONE is no type of the average). No sentence
is printed: the check halves are only scored. An exploration, not a stage of the pipeline.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

import numpy as np

from dateline.evaluate import line_document
from dateline.events import main_event
from dateline.options import Options
from dateline.pipeline import Pipeline
from dateline.scoring import prf

NEWS = Path("examples/gold/news")
Features = collections.Counter[str]


def lines(path: Path, split: str | None = None) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if split is None or record.get("split") == split:
            out.append((str(record["text"]), str(record.get("event") or "NONE")))
    return out


def features(pipeline: Pipeline, text: str, rules: bool) -> tuple[Features, str]:
    """The sentence's features and the type the rules give it (its main event's)."""
    coded = pipeline.code(line_document(text, 1, "baseline"))
    found: Features = collections.Counter()
    doc = coded.annotated.spacy_doc if coded.annotated is not None else None
    for token in doc or ():
        if token.pos_ in ("VERB", "NOUN", "ADJ") and not token.is_stop:
            found["w:" + token.lemma_.lower()] += 1
        if token.dep_ == "ROOT":
            found["root:" + token.lemma_.lower()] += 1
    main = main_event(coded.events, coded.annotated)
    by_rules = main[0].type if main else "NONE"
    if rules:
        found["rule:" + by_rules] += 1
        for event in coded.events:
            found["any:" + event.type] += 1
    return found, by_rules


def scores(gold: list[str], guess: list[str]) -> tuple[float, float]:
    """(macro-F1 over the types in the gold, accuracy), as ``dateline evaluate`` counts."""
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for g, q in zip(gold, guess, strict=True):
        if g == q:
            if g != "NONE":
                counts[g][0] += 1
            continue
        if q != "NONE":
            counts[q][1] += 1
        if g != "NONE":
            counts[g][2] += 1
    f1s = [prf(tp, fp, fn)[2] for tp, fp, fn in counts.values() if tp + fn]
    accuracy = sum(g == q for g, q in zip(gold, guess, strict=True)) / len(gold)
    return sum(f1s) / len(f1s), accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", action="store_true", help="words only, no coder types")
    parser.add_argument("--steps", type=int, default=600)
    args = parser.parse_args()
    pipeline = Pipeline(Options())
    train = lines(NEWS / "news.jsonl", "tune") + lines(NEWS / "news2.jsonl", "tune")
    for path in sorted(Path("examples/gold/codebook").glob("codebook*.jsonl")):
        train += lines(path)
    test = lines(NEWS / "news.jsonl", "check") + lines(NEWS / "news2.jsonl", "check")
    rules = not args.words
    x_train = [features(pipeline, text, rules) for text, _ in train]
    x_test = [features(pipeline, text, rules) for text, _ in test]
    vocab = {k: i for i, k in enumerate(sorted({k for f, _ in x_train for k in f}))}
    labels = sorted({y for _, y in train} | {y for _, y in test})
    index = {y: i for i, y in enumerate(labels)}

    def matrix(rows: list[tuple[Features, str]]) -> np.ndarray:
        m = np.zeros((len(rows), len(vocab)))
        for i, (found, _) in enumerate(rows):
            for key in found:
                if key in vocab:
                    m[i, vocab[key]] = 1.0
        return m

    a, b = matrix(x_train), matrix(x_test)
    y = np.array([index[label] for _, label in train])
    weights = np.zeros((len(vocab), len(labels)))
    bias = np.zeros(len(labels))
    for _ in range(args.steps):
        z = a @ weights + bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(y)), y] -= 1.0
        weights -= 0.5 * (a.T @ p / len(y) + 1e-3 * weights)
        bias -= 0.5 * p.mean(axis=0)
    learned = [labels[i] for i in (b @ weights + bias).argmax(axis=1)]
    gold = [label for _, label in test]
    by_rules = [r for _, r in x_test]
    print(f"trained on {len(train)} sentences (tuning halves + codebook), "
          f"scored on {len(test)} (both check halves), each line read alone")  # fmt: skip
    print("rules alone:    macro-F1 {:.3f}  accuracy {:.3f}".format(*scores(gold, by_rules)))
    what = "words only" if args.words else "words + coder types"
    print(f"learned ({what}): " + "macro-F1 {:.3f}  accuracy {:.3f}".format(*scores(gold, learned)))


if __name__ == "__main__":
    main()
