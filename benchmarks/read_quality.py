"""Body extraction quality of dateline's HTML reader next to trafilatura alone.

    .venv/bin/python benchmarks/read_quality.py HTML_DIR GROUND_TRUTH.json [--json]

HTML_DIR holds ``<id>.html`` or ``<id>.html.gz`` pages; GROUND_TRUTH.json maps
``{id: {"articleBody": "..."}}``. Each body is cut into ``\\w+`` tokens (lower case) and then into
4-gram shingles; precision, recall and F1 are computed per page on the multisets of shingles and
averaged over pages. A page a system returns nothing for scores 0.

trafilatura runs as dateline calls it (``include_comments=False``). dateline's reader moves the
dateline ("KYIV (Reuters) -") out of the first paragraph into ``Document.dateline``; since the
ground truth's articleBody keeps it, the dateline text is put back in front of the body here.
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

from dateline.models import Document
from dateline.options import Options
from dateline.read import read_bytes
from dateline.read.html import extract

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def score(predicted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``truth`` on 4-gram shingles."""
    pred, gold = shingles(predicted), shingles(truth)
    overlap = sum((pred & gold).values())
    p = overlap / sum(pred.values()) if pred else 0.0
    r = overlap / sum(gold.values()) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def trafilatura_body(html: bytes, options: Options) -> str:
    found = extract(html.decode("utf-8", errors="replace"))
    return str(found.get("text") or "") if found else ""


def dateline_body(html: bytes, options: Options) -> str:
    for item in read_bytes(html, "page.html", options, fmt="html"):
        if isinstance(item, Document):
            head = f"{item.dateline.text} " if item.dateline else ""
            return head + item.text
    return ""


def load_pages(folder: Path) -> dict[str, bytes]:
    pages: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages[path.name[: -len(".html.gz")]] = gzip.decompress(path.read_bytes())
        elif path.name.endswith(".html"):
            pages[path.name[: -len(".html")]] = path.read_bytes()
    return pages


def evaluate(
    pages: dict[str, bytes], gold: dict[str, dict[str, str]], system: Callable[..., str]
) -> dict[str, object]:
    options = Options()
    per_page = {}
    for page_id, truth in gold.items():
        html = pages.get(page_id)
        predicted = system(html, options) if html is not None else ""
        per_page[page_id] = score(predicted, truth["articleBody"])
    n = len(per_page) or 1
    return {
        "precision": sum(s[0] for s in per_page.values()) / n,
        "recall": sum(s[1] for s in per_page.values()) / n,
        "f1": sum(s[2] for s in per_page.values()) / n,
        "pages": {k: {"p": v[0], "r": v[1], "f1": v[2]} for k, v in per_page.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("ground_truth", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON with per-page scores")
    args = parser.parse_args(argv)
    gold = json.loads(args.ground_truth.read_text(encoding="utf-8"))
    pages = load_pages(args.html_dir)
    missing = sorted(set(gold) - set(pages))
    if missing:
        print(f"warning: {len(missing)} pages missing, scored 0: {missing[:5]}", file=sys.stderr)
    results = {
        "trafilatura": evaluate(pages, gold, trafilatura_body),
        "dateline": evaluate(pages, gold, dateline_body),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{len(gold)} pages, token 4-gram shingles, per-page averages")
    print(f"{'system':<12} {'precision':>9} {'recall':>9} {'F1':>9}")
    for name, res in results.items():
        print(f"{name:<12} {res['precision']:>9.3f} {res['recall']:>9.3f} {res['f1']:>9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
