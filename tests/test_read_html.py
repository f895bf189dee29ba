"""The HTML reader: trafilatura's body, with its two faults corrected, never worse than it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from dateline.models import Document
from dateline.options import Options
from dateline.read import read_path
from dateline.read.html import date_evidenced, extract

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "benchmarks" / "data" / "read_quality"
FIXTURES_HTML = Path(__file__).resolve().parent / "fixtures" / "read" / "html"


@pytest.fixture()
def comment_form_page(fixtures_dir: Path) -> Path:
    return fixtures_dir / "read" / "html" / "comment-form.html"


def _doc(path: Path, options: Options) -> Document:
    (doc,) = list(read_path(path, options))
    assert isinstance(doc, Document), doc
    return doc


def _page_with_form(label_html: str, byline_html: str = "") -> str:
    body = "".join(
        f"<p>Paragraph {n}: the coalition pledged air defence to Ukraine, officials said.</p>"
        for n in range(4)
    )
    return (
        f"<html><head><title>T</title></head><body><article><h1>Pledge</h1>{byline_html}"
        f"{body}</article>{label_html}<footer>© 2026 Site</footer></body></html>"
    )


NAME_FORM = (
    '<div class="comment-respond"><h3>Leave a Reply</h3><form><p class="comment-form-author">'
    '<label for="author">Name</label><input id="author" name="author"></p></form></div>'
)
YOUR_NAME_FORM = '<div class="comment-form"><span itemprop="author">Your name</span><input></div>'


def test_trafilatura_alone_has_both_faults(comment_form_page: Path) -> None:
    """Pins the faults we correct: if trafilatura stops making them, this test says so."""
    found = extract(_page_with_form(NAME_FORM))
    assert found is not None
    assert found["author"] == "Name"
    assert found["date"] == "2026-01-01"
    found = extract(comment_form_page.read_text(encoding="utf-8"))
    assert found is not None and found["date"] == "2026-01-01"


@pytest.mark.parametrize("form", [NAME_FORM, YOUR_NAME_FORM])
def test_form_labels_rejected_as_authors(tmp_path: Path, options: Options, form: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page_with_form(form))
    found = extract(path.read_text())
    assert found is not None and found["author"] in ("Name", "Your name")
    doc = _doc(path, options)
    assert doc.byline == [] and doc.published is None


def test_own_byline_wins_over_form_label(tmp_path: Path, options: Options) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page_with_form(NAME_FORM, '<p class="by">By Marta Lindqvist</p>'))
    doc = _doc(path, options)
    assert doc.byline == ["Marta Lindqvist"]
    assert "Marta" not in doc.text


def test_form_label_is_not_an_author(comment_form_page: Path, options: Options) -> None:
    doc = _doc(comment_form_page, options)
    assert doc.byline == ["Marta Lindqvist"]  # the page's own byline, found by us


def test_year_only_date_is_refused(comment_form_page: Path, options: Options) -> None:
    doc = _doc(comment_form_page, options)
    assert doc.published is None
    (decision,) = [d for d in doc.date_decisions if d.field == "published"]
    assert decision.rule == "published.refused-year-only" and decision.value is None
    assert doc.date is None and doc.date_precision == "unknown"


def test_body_has_no_boilerplate(comment_form_page: Path, options: Options) -> None:
    doc = _doc(comment_form_page, options)
    assert len(doc.paragraphs) == 4
    for junk in ("Related:", "Leave a Reply", "cookies", "©", "Marta"):
        assert junk not in doc.text
    assert doc.dateline is not None and doc.dateline.agency == "AFP"


def test_real_dates_are_kept(fixtures_dir: Path, options: Options) -> None:
    doc = _doc(fixtures_dir / "read" / "html" / "dated.html", options)
    assert doc.published == "2026-02-11"


@pytest.mark.parametrize(
    ("html", "evidenced"),
    [
        ('<meta content="2026-02-11T07:15:00">', True),
        ("<time>February 11, 2026</time>", True),
        ("<span>11 Feb 2026</span>", True),
        ("<p>2026/02/11</p>", True),
        ("<footer>© 2026 Site</footer>", False),
        ("<p>2026-02-12</p>", False),
    ],
)
def test_date_evidenced(html: str, evidenced: bool) -> None:
    from datetime import date

    assert date_evidenced(html, date(2026, 2, 11)) is evidenced


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "read_quality", REPO / "benchmarks" / "read_quality.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["read_quality"] = module
    spec.loader.exec_module(module)
    return module


def test_post_processing_never_lowers_trafilatura_f1() -> None:
    bench = _benchmark()
    gold = json.loads((PAGES / "ground_truth.json").read_text(encoding="utf-8"))
    pages = bench.load_pages(PAGES)
    assert len(gold) >= 12 and set(gold) <= set(pages)
    systems = {
        "trafilatura": bench.trafilatura_body,
        "dateline": bench.dateline_body_fn(Options()),
    }
    results = bench.evaluate(pages, gold, systems)
    base, ours = results["trafilatura"], results["dateline"]
    for page_id in gold:
        assert ours["pages"][page_id] >= base["pages"][page_id], page_id
    assert ours["f1"] >= base["f1"]
    assert ours["f1"] >= 0.95  # pinned floor (measured 1.000 on these pages)


def test_shingle_score() -> None:
    bench = _benchmark()
    assert bench.prf("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    p, r, f = bench.prf("a b c d", "a b c d e f")
    assert p == 1.0 and r == pytest.approx(1 / 3) and f == pytest.approx(0.5)
    assert bench.prf("", "a b c d") == (0.0, 0.0, 0.0)


def test_teaser_and_commenter_bylines_are_not_the_authors(
    fixtures_dir: Path, options: Options
) -> None:
    """A related story's "By John Teaser" and a reader's "By Anna Reader" are not bylines."""
    doc = _doc(fixtures_dir / "read" / "html" / "teaser-byline.html", options)
    assert doc.byline == []
    assert doc.dateline is not None and doc.dateline.agency == "Reuters"


def test_byline_in_the_article_header_is_still_found(tmp_path: Path, options: Options) -> None:
    page = (FIXTURES_HTML / "teaser-byline.html").read_text(encoding="utf-8")
    page = page.replace("<h1>Allies pledge trainers</h1>", '<h1>Allies pledge trainers</h1>'
                        '<div class="article-meta"><span>By Lea Fontaine</span></div>')  # fmt: skip
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert _doc(path, options).byline == ["Lea Fontaine"]
