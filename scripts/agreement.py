"""How often two annotators agree on a sentence's PLOVER event type, beside the coder.

    python scripts/agreement.py examples/gold/news/news.jsonl \
        examples/gold/news/agreement/news-check-second.jsonl

The second file holds a second annotator's labels ("id", "event") for some lines of the gold
file, made blind (without the first labels, the rules or the coder's output). Prints, over the
lines both labelled: the share of lines where the two agree on the type (NONE included),
Cohen's kappa, and dateline's accuracy against each annotator (each line read alone), so that
the coder's figure can be read against the ceiling the labels themselves set. No sentence is
printed.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path


def labels(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[str(record["id"])] = str(record.get("event") or "NONE")
    return out


def kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two label lists of the same length."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = collections.Counter(first), collections.Counter(second)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--no-coder", action="store_true", help="skip coding the sentences")
    args = parser.parse_args()
    records = {
        str(r["id"]): r for r in map(json.loads, args.gold.read_text(encoding="utf-8").splitlines())
    }
    second = labels(args.second)
    ids = [i for i in second if i in records]
    first = [str(records[i].get("event") or "NONE") for i in ids]
    other = [second[i] for i in ids]
    agree = sum(a == b for a, b in zip(first, other, strict=True)) / len(ids)
    print(f"lines labelled by both: {len(ids)}")
    print(f"annotators agree on the type: {agree:.3f}; Cohen's kappa {kappa(first, other):.3f}")
    if args.no_coder:
        return
    from dateline.evaluate import line_document
    from dateline.events import main_event
    from dateline.options import Options
    from dateline.pipeline import Pipeline

    pipeline = Pipeline(Options())
    coder = []
    for number, i in enumerate(ids, start=1):
        coded = pipeline.code(line_document(str(records[i]["text"]), number, "agreement"))
        main = main_event(coded.events, coded.annotated)
        coder.append(main[0].type if main else "NONE")
    for name, truth in (("first (the gold)", first), ("second", other)):
        right = sum(a == b for a, b in zip(coder, truth, strict=True)) / len(ids)
        print(f"dateline agrees with the {name} annotator: {right:.3f}")


if __name__ == "__main__":
    main()
