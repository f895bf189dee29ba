"""Body extraction quality of dateline's HTML reader next to trafilatura alone.

    .venv/bin/python benchmarks/read_quality.py [--real DIR] [--synthetic DIR] [--per-page] [--json]
    .venv/bin/python benchmarks/read_quality.py HTML_DIR GROUND_TRUTH.json   # any other set

Two tables, scored the same way:

- **real pages** (``--real``, default ``../shared/gold/read``): 90 real article pages (news,
  blogs, magazines) with the body a person marked; about half of the public
  scrapinghub/article-extraction-benchmark (MIT). Reported for the pages whose sorted index is
  even ("tune": the half looked at while improving the reader), odd ("check": the half only
  measured), and all.
- **synthetic pages** (``--synthetic``, default ``benchmarks/data/read_quality``): 20 pages
  written for this project; a regression check, not evidence about real pages.

A directory holds pages named ``<id>.html`` or ``<id>.html.gz`` (directly or under ``html/``)
and a ground truth (``ground-truth.json`` or ``ground_truth.json``) mapping each id to
``{"articleBody": "..."}``. The benchmark's own method: each body is compared with its ground
truth as a multiset of 4-gram shingles of lower-cased ``\\w+`` tokens; precision, recall and F1
are computed per page and averaged over the ground truth's pages (a page with no output, or
missing, scores 0).

dateline's body is what a reader of the Document sees (``dateline read``): the dateline as
written, then the body paragraphs. trafilatura alone is ``trafilatura.extract`` with
``include_comments=False`` (and its metadata, as a user asking for author and date would).
Per-page time is wall-clock time of one page's reading, after one warm-up page.

Byline and date have no ground truth here, so they are checked where the page's own markup
carries them (a ``<meta>`` author / publication time, or JSON-LD ``author`` /
``datePublished``): a date is right when it is the same day, a byline when it names the
markup's author's last name. The markup is itself sometimes wrong (a publisher as "author"),
so read these as agreement, not accuracy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError

from dateline.models import Document
from dateline.options import Options
from dateline.read import Reader, read_bytes

SHINGLE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)
REPO = Path(__file__).resolve().parent.parent
DEFAULT_REAL = REPO.parent / "shared" / "gold" / "read"  # ../shared beside the checkout
DEFAULT_SYNTHETIC = REPO / "benchmarks" / "data" / "read_quality"
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_DATE_META = ("article:published_time", "datepublished", "pubdate", "publish-date",
              "parsely-pub-date", "sailthru.date", "dc.date")  # fmt: skip
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Reading:
    """What one system read from one page."""

    body: str
    author: str = ""
    published: str | None = None  # ISO day
    seconds: float = 0.0


@dataclass
class Markup:
    """Author names and publication day that a page's own markup states."""

    authors: list[str] = field(default_factory=list)
    day: str | None = None


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


def load_set(folder: Path) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    """Pages and ground truth of a benchmark folder (pages directly in it or under ``html/``)."""
    html_dir = folder / "html" if (folder / "html").is_dir() else folder
    for name in ("ground-truth.json", "ground_truth.json"):
        if (folder / name).is_file():
            truth = json.loads((folder / name).read_text(encoding="utf-8"))
            return load_pages(html_dir), truth
    raise SystemExit(f"{folder}: no ground-truth.json or ground_truth.json")


def _iso_day(value: object) -> str | None:
    match = _ISO_DAY.search(str(value or ""))
    return "-".join(match.groups()) if match else None


def trafilatura_reading(data: bytes) -> Reading:
    """trafilatura alone, as a user would call it (no comments), with its author and date."""
    found = trafilatura.extract(
        data.decode("utf-8", "replace"),
        include_comments=False,
        output_format="json",
        with_metadata=True,
    )
    if not found:
        return Reading("")
    meta = json.loads(found)
    return Reading(str(meta.get("text") or ""), str(meta.get("author") or ""),
                   _iso_day(meta.get("date")))  # fmt: skip


def trafilatura_body(data: bytes) -> str:
    """trafilatura alone, with the settings dateline uses (no comments): body text only."""
    return trafilatura.extract(data.decode("utf-8", "replace"), include_comments=False) or ""


def dateline_reading_fn(options: Options) -> Callable[[bytes], Reading]:
    """dateline's reader as ``dateline read`` uses it (one Reader shared by all pages)."""
    reader = Reader(options)

    def reading(data: bytes) -> Reading:
        for item in read_bytes(data, "page.html", options, fmt="html", reader=reader):
            if isinstance(item, Document):
                head = item.dateline.text if item.dateline else ""
                body = "\n\n".join([head, *item.paragraphs] if head else item.paragraphs)
                return Reading(body, "; ".join(item.byline), item.published)
        return Reading("")

    return reading


def dateline_body_fn(options: Options) -> Callable[[bytes], str]:
    """dateline's body text only (see ``dateline_reading_fn``)."""
    reading = dateline_reading_fn(options)
    return lambda data: reading(data).body


def page_markup(data: bytes) -> Markup:
    """The author names and publication day in a page's ``<meta>`` tags and JSON-LD."""
    try:
        tree = lxml_html.fromstring(data)
    except (ParserError, XMLSyntaxError, ValueError):
        return Markup()
    found = Markup()
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = " ".join((meta.get("content") or "").split())
        if key in _AUTHOR_META and value and not value.startswith("http"):
            found.authors.append(value)
        elif key in _DATE_META and found.day is None:
            found.day = _iso_day(value)
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            blob = json.loads(script.text_content())
        except ValueError:
            continue
        _walk_json_ld(blob, found)
    return found


def _walk_json_ld(node: object, found: Markup) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_json_ld(item, found)
    elif isinstance(node, dict):
        if found.day is None and node.get("datePublished"):
            found.day = _iso_day(node["datePublished"])
        authors = node.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip() and not name.startswith("http"):
                found.authors.append(" ".join(name.split()))
        for key in ("@graph", "mainEntity"):
            if key in node:
                _walk_json_ld(node[key], found)


def byline_agrees(byline: str, authors: list[str]) -> bool:
    """Whether ``byline`` names the last word of one of the markup's ``authors``."""
    words = {w.lower() for w in _TOKEN.findall(byline)}
    for author in authors:
        name = re.split(r"[,;|]|\. | - ", re.sub(r"^by\s+", "", author, flags=re.I))[0]
        tokens = _TOKEN.findall(name)
        if tokens and tokens[-1].lower() in words:
            return True
    return False


def run_system(
    pages: dict[str, bytes], ids: list[str], system: Callable[[bytes], Reading | str]
) -> dict[str, Reading]:
    """Each page's reading, timed (one warm-up call first, so loading data is not counted)."""
    if ids and ids[0] in pages:
        system(pages[ids[0]])
    out: dict[str, Reading] = {}
    for page_id in ids:
        if page_id not in pages:
            out[page_id] = Reading("")
            continue
        start = time.perf_counter()
        result = system(pages[page_id])
        seconds = time.perf_counter() - start
        out[page_id] = result if isinstance(result, Reading) else Reading(result)
        out[page_id].seconds = seconds
    return out


def score(
    readings: dict[str, Reading],
    truth: dict[str, dict[str, str]],
    ids: list[str],
    markup: dict[str, Markup] | None = None,
) -> dict[str, object]:
    """Averaged P/R/F1 over ``ids``, empty pages, per-page time, byline/date agreement."""
    scores = {i: prf(readings[i].body, truth[i]["articleBody"]) for i in ids}
    n = len(ids) or 1
    times = [readings[i].seconds for i in ids] or [0.0]
    result: dict[str, object] = {
        "pages": len(ids),
        "precision": sum(s[0] for s in scores.values()) / n,
        "recall": sum(s[1] for s in scores.values()) / n,
        "f1": sum(s[2] for s in scores.values()) / n,
        "empty": sorted(i for i in ids if not readings[i].body.strip()),
        "ms_mean": 1000 * statistics.fmean(times),
        "ms_median": 1000 * statistics.median(times),
        "per_page": {i: round(s[2], 4) for i, s in scores.items()},
    }
    if markup is not None:
        with_author = [i for i in ids if markup[i].authors]
        with_day = [i for i in ids if markup[i].day]
        result["byline"] = (
            sum(byline_agrees(readings[i].author, markup[i].authors) for i in with_author),
            len(with_author),
        )
        result["date"] = (sum(readings[i].published == markup[i].day for i in with_day),
                          len(with_day))  # fmt: skip
    return result


def evaluate(
    pages: dict[str, bytes],
    truth: dict[str, dict[str, str]],
    systems: dict[str, Callable[[bytes], str]] | dict[str, Callable[[bytes], Reading | str]],
) -> dict[str, dict[str, object]]:
    """Per-system averaged scores over all of ``truth``'s pages, with per-page F1 in "pages"."""
    ids = sorted(truth)
    results: dict[str, dict[str, object]] = {}
    for name, system in systems.items():
        scored = score(run_system(pages, ids, system), truth, ids)
        scored["pages"] = scored.pop("per_page")
        results[name] = scored
    return results


def halves(ids: list[str]) -> dict[str, list[str]]:
    """The tune half (even sorted index), the check half (odd) and all pages."""
    ordered = sorted(ids)
    return {"tune": ordered[0::2], "check": ordered[1::2], "all": ordered}


def _systems() -> dict[str, Callable[[bytes], Reading]]:
    return {"trafilatura": trafilatura_reading, "dateline": dateline_reading_fn(Options())}


def _print_table(title: str, rows: list[tuple[str, str, dict[str, object]]]) -> None:
    print(title)
    print(f"  {'subset':<7} {'system':<12} {'pages':>5} {'P':>7} {'R':>7} {'F1':>7} {'empty':>5}"
          f" {'ms/page':>8} {'median':>7} {'byline':>8} {'date':>8}")  # fmt: skip
    for subset, name, r in rows:
        extra = ""
        if "byline" in r:
            byline, day = r["byline"], r["date"]
            assert isinstance(byline, tuple) and isinstance(day, tuple)
            extra = f" {f'{byline[0]}/{byline[1]}':>8} {f'{day[0]}/{day[1]}':>8}"
        print(f"  {subset:<7} {name:<12} {r['pages']:>5} {r['precision']:>7.4f} "
              f"{r['recall']:>7.4f} {r['f1']:>7.4f} {len(r['empty']):>5} "  # type: ignore[arg-type]
              f"{r['ms_mean']:>8.1f} {r['ms_median']:>7.1f}{extra}")  # fmt: skip


def _report(folder: Path, title: str, split: bool, args: argparse.Namespace) -> dict[str, object]:
    pages, truth = load_set(folder)
    missing = sorted(set(truth) - set(pages))
    if missing:
        print(f"warning: {len(missing)} pages missing, scored 0: {missing[:5]}", file=sys.stderr)
    ids = sorted(truth)
    markup = {i: page_markup(pages[i]) if i in pages else Markup() for i in ids} if split else None
    readings = {name: run_system(pages, ids, system) for name, system in _systems().items()}
    subsets = halves(ids) if split else {"all": ids}
    rows = [(subset, name, score(readings[name], truth, chosen, markup))
            for subset, chosen in subsets.items() for name in readings]  # fmt: skip
    if not args.json:
        _print_table(title, rows)
        if split:
            print("  byline/date: agreement with the page's own <meta>/JSON-LD author and "
                  "publication day, on the pages that carry them")  # fmt: skip
        for subset, name, r in rows:
            if subset == "all" and r["empty"]:
                print(f"  empty for {name}: {', '.join(str(i)[:12] for i in r['empty'])}")  # type: ignore[attr-defined]
        if args.per_page:
            base, ours = rows[-2][2]["per_page"], rows[-1][2]["per_page"]
            for page_id in ids:
                marker = ("tune " if page_id in subsets["tune"] else "check") if split else "page "
                print(f"  {marker} {page_id[:28]:<28} trafilatura {base[page_id]:.4f}"  # type: ignore[index]
                      f"  dateline {ours[page_id]:.4f}")  # type: ignore[index]  # fmt: skip
        print()
    return {f"{subset}/{name}": r for subset, name, r in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", type=Path, nargs="?", help="score only this set of pages")
    parser.add_argument("ground_truth", type=Path, nargs="?")
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--synthetic", type=Path, default=DEFAULT_SYNTHETIC)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--per-page", action="store_true", help="also print each page's F1")
    args = parser.parse_args(argv)
    out: dict[str, object] = {}
    if args.html_dir is not None:
        if args.ground_truth is None:
            parser.error("give the ground truth JSON after HTML_DIR")
        folder = args.html_dir
        truth = json.loads(args.ground_truth.read_text(encoding="utf-8"))
        pages = load_pages(folder)
        ids = sorted(truth)
        readings = {name: run_system(pages, ids, s) for name, s in _systems().items()}
        rows = [("all", name, score(r, truth, ids)) for name, r in readings.items()]
        out["pages"] = {name: r for _, name, r in rows}
        if not args.json:
            _print_table(f"{len(ids)} pages of {folder}", rows)
    else:
        real = f"REAL PAGES ({args.real}: human-marked bodies; tune = even index, check = odd)"
        out["real"] = _report(args.real, real, True, args)
        synthetic = f"SYNTHETIC PAGES ({args.synthetic}: written for dateline; regression only)"
        out["synthetic"] = _report(args.synthetic, synthetic, False, args)
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
