"""Body extraction quality of dateline's HTML reader next to trafilatura alone.

    .venv/bin/python benchmarks/read_quality.py HTML_DIR GROUND_TRUTH.json [--json]

``HTML_DIR`` holds pages named ``<id>.html`` or ``<id>.html.gz``; ``GROUND_TRUTH.json`` maps
each id to ``{"articleBody": "..."}``. Each body is compared with its ground truth as a
multiset of 4-gram shingles of lower-cased ``\\w+`` tokens; precision, recall and F1 are
computed per page and averaged over the ground truth's pages (a page with no output, or
missing from ``HTML_DIR``, scores 0).

dateline's body is what a reader of the Document sees: the dateline as written, then the
body paragraphs (the byline and boilerplate are removed, as in the ground truth).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from dateline.models import Document
from dateline.options import Options
from dateline.read import Reader, read_bytes

SHINGLE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-grams of lower-cased word tokens (the whole text if shorter)."""
    tokens = [t.lower() for t in _TOKEN.findall(text or "")]
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def prf(predicted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``truth`` over shingles."""
    pred, gold = shingles(predicted), shingles(truth)
    overlap = sum((pred & gold).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_pages(html_dir: Path) -> dict[str, bytes]:
    """Page id → raw bytes (gunzipped) for every ``<id>.html`` / ``<id>.html.gz``."""
    pages: dict[str, bytes] = {}
    for path in sorted(html_dir.iterdir()):
        name = path.name
        if name.endswith(".html.gz"):
            pages[name[: -len(".html.gz")]] = gzip.decompress(path.read_bytes())
        elif name.endswith(".html"):
            pages[name[: -len(".html")]] = path.read_bytes()
    return pages


def trafilatura_body(data: bytes) -> str:
    """trafilatura alone, with the settings dateline uses (no comments)."""
    return trafilatura.extract(data.decode("utf-8", "replace"), include_comments=False) or ""


def dateline_body_fn(options: Options) -> Callable[[bytes], str]:
    reader = Reader(options)

    def body(data: bytes) -> str:
        for item in read_bytes(data, "page.html", options, fmt="html", reader=reader):
            if isinstance(item, Document):
                head = item.dateline.text if item.dateline else ""
                return "\n\n".join([head, *item.paragraphs] if head else item.paragraphs)
        return ""

    return body


def evaluate(
    pages: dict[str, bytes],
    truth: dict[str, dict[str, str]],
    systems: dict[str, Callable[[bytes], str]],
) -> dict[str, dict[str, object]]:
    """Per-system averaged scores and per-page F1."""
    results: dict[str, dict[str, object]] = {}
    for name, system in systems.items():
        # a ground-truth page that is missing scores 0, so a lost page cannot raise the mean
        scores = {
            i: prf(system(pages[i]) if i in pages else "", truth[i]["articleBody"]) for i in truth
        }
        n = len(scores) or 1
        results[name] = {
            "precision": sum(s[0] for s in scores.values()) / n,
            "recall": sum(s[1] for s in scores.values()) / n,
            "f1": sum(s[2] for s in scores.values()) / n,
            "pages": {i: round(s[2], 4) for i, s in scores.items()},
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("ground_truth", type=Path)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1")
    args = parser.parse_args(argv)
    truth = json.loads(args.ground_truth.read_text(encoding="utf-8"))
    pages = load_pages(args.html_dir)
    missing = sorted(set(truth) - set(pages))
    if missing:
        print(f"warning: {len(missing)} pages missing, scored 0: {missing[:5]}", file=sys.stderr)
    systems = {"trafilatura": trafilatura_body, "dateline": dateline_body_fn(Options())}
    results = evaluate(pages, truth, systems)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{len(truth)} pages, 4-gram shingles of \\w+ tokens, per-page averages")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7}")
    for name, r in results.items():
        print(f"{name:<12} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f}")
    if args.per_page:
        for page_id in sorted(results["dateline"]["pages"]):  # type: ignore[arg-type]
            f_t = results["trafilatura"]["pages"][page_id]  # type: ignore[index]
            f_d = results["dateline"]["pages"][page_id]  # type: ignore[index]
            print(f"  {page_id:<28} trafilatura {f_t:.4f}  dateline {f_d:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
