"""HTML pages: trafilatura for the body and metadata, then two corrections.

trafilatura is fooled in two ways on news pages: it takes a comment form's label ("Name",
"Your name") for the author, and it invents a publication date from a footer's "© 2026"
(as 2026-01-01). We look for the byline in the text ourselves, refuse form labels as authors,
and accept a publication date only when the page itself writes that full day.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError
from lxml.html import HtmlElement

from dateline.errors import ReadError
from dateline.read.document import Raw, parse_published
from dateline.read.extract import extract_article
from dateline.read.text import is_date_line

# Short text nodes that may hold a byline the extractor left out of the body.
_BYLINE_XPATH = (
    "//*[self::p or self::div or self::span or self::address or self::a or self::li"
    " or self::strong or self::b or self::em or self::small or self::h4 or self::h5]"
    "[string-length(normalize-space(.)) < 120]"
)
_MAX_BYLINE_NODES = 400
_SKIP_TAGS = frozenset({"aside", "nav", "footer", "form"})
# Elements that hold a page's own date: <time>, or a class naming a date, a meta or a byline line.
_DATE_XPATH = (
    "//time | //*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'meta')"
    " or contains(@class, 'byline') or contains(@class, 'published')]"
    "[string-length(normalize-space(.)) < 120]"
)
# A meta line often puts the byline beside a date or a reading time: "By A · 15 January 2026".
_META_SEP = re.compile(r"\s+[·•|]\s+")
# Extraction time grows with the page (a 19 MB page took 62 s, a 2.7 MB page of menus about
# 30 s with the fallback extractors); a news page's markup is well under this once its
# scripts, styles, SVG and comments are set aside (they are before the page is measured).
MAX_PAGE_CHARS = 1_000_000
_NOT_TEXT = re.compile(
    r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->|<svg\b.*?</svg\s*>",
    re.IGNORECASE | re.DOTALL,
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def extract(html: str, url: str | None = None) -> dict[str, object] | None:
    """trafilatura's reading of a page (body text and metadata), with the body repaired
    (fallback extractors, split bodies, trimmed edges: see ``read/extract.py``).

    Returns None when no extractor finds an article.
    """
    return extract_article(html, url)


def date_evidenced(html: str, day: date) -> bool:
    """Whether the page writes ``day`` as a full date (ISO, slashed, compact or in words).

    A date that trafilatura derived from a year alone ("© 2026" → 2026-01-01) is not written
    on the page as a day, so it fails this check.
    """
    y, m, d = day.year, day.month, day.day
    month = _MONTHS[m - 1]
    forms = [
        rf"{y}-{m:02d}-{d:02d}", rf"{y}/{m:02d}/{d:02d}", rf"{y}/{m}/{d}\b",
        rf"\b{y}{m:02d}{d:02d}",
        rf"\b{d:02d}[./]{m:02d}[./]{y}", rf"\b{m:02d}/{d:02d}/{y}",
        rf"\b{month[:3]}[a-z]*\.?\s+{d}(st|nd|rd|th)?,?\s+{y}",
        rf"\b{d}(st|nd|rd|th)?\s+{month[:3]}[a-z]*\.?,?\s+{y}",
    ]  # fmt: skip
    return any(re.search(form, html, re.IGNORECASE) for form in forms)


def _skipped_region(node: HtmlElement, skip_classes: tuple[str, ...]) -> bool:
    """Whether ``node`` sits in a region whose bylines are not the article's (a related
    story's teaser, a reader's comment, a sidebar, the footer)."""
    for element in (node, *node.iterancestors()):
        if element.tag in _SKIP_TAGS:
            return True
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in names for word in skip_classes):
            return True
    return False


def byline_candidates(html: str, skip_classes: tuple[str, ...] = ()) -> list[str]:
    """Short text lines of the page that may be a byline ("By A and B"), in page order,
    leaving out regions named by ``skip_classes`` and <aside>, <nav>, <footer>, <form>."""
    try:
        tree = lxml_html.fromstring(html)
    except (ParserError, XMLSyntaxError, ValueError):
        return []
    out: list[str] = []
    nodes = [n for n in tree.xpath(_BYLINE_XPATH) if not _skipped_region(n, skip_classes)]
    for node in nodes[:_MAX_BYLINE_NODES]:
        text = " ".join(node.text_content().split())
        for part in [text, *_META_SEP.split(text)]:
            if part and part not in out and len(part.split()) <= 12:
                out.append(part)
    return out


def page_date_line(html: str) -> str | None:
    """A full date written in the page's date, time, meta or byline elements
    ("Thursday 15 January 2026", "By A · January 15, 2026"), as written; None if there is none.
    """
    try:
        tree = lxml_html.fromstring(html)
    except (ParserError, XMLSyntaxError, ValueError):
        return None
    for node in tree.xpath(_DATE_XPATH)[:_MAX_BYLINE_NODES]:
        text = " ".join(node.text_content().split())
        for part in [text, *_META_SEP.split(text)]:
            if part and is_date_line(part):
                return part
    return None


def _first(found: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = found.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def within_budget(html: str) -> str:
    """``html``, without its scripts, styles and comments when it is large; raises
    ``ReadError("too-large")`` when even that is over ``MAX_PAGE_CHARS``."""
    if len(html) <= MAX_PAGE_CHARS:
        return html
    html = _NOT_TEXT.sub(" ", html)
    if len(html) > MAX_PAGE_CHARS:
        raise ReadError(
            "too-large",
            f"the page is {len(html)} characters without scripts and styles, over the "
            f"{MAX_PAGE_CHARS} one page may hold (extraction time grows with the page)",
        )
    return html


def read_html(html: str, source: str, url: str | None = None, record: str | None = None,
              fmt: str = "html", skip_classes: tuple[str, ...] = ()) -> Raw | None:  # fmt: skip
    """Read one HTML page into raw article pieces, or None when there is no article.

    ``skip_classes``: class/id words of regions not searched for a byline (reading data).
    Raises ``ReadError("too-large")`` for a page too large to extract in reasonable time.
    """
    html = within_budget(html)
    found = extract(html, url)
    if found is None:
        return None
    paragraphs = [p for p in str(found.get("text") or "").split("\n") if p.strip()]
    published = found.get("date")
    published_text = str(published) if published else None
    rule = "published.trafilatura"
    if published_text:
        day = parse_published(published_text)
        if day is None or not date_evidenced(html, day):
            rule = "published.refused-year-only"
    accepted = published_text if rule != "published.refused-year-only" else None
    if accepted is None:
        # trafilatura found no day (or only a year); the page may still write one by the byline
        written = page_date_line(html)
        if written and parse_published(written):
            accepted, rule = written, "published.page-date-line"
    author = found.get("author")
    return Raw(
        source=source,
        format=fmt,
        title=str(found["title"]) if found.get("title") else None,
        paragraphs=paragraphs,
        published=accepted,
        published_rule=rule,
        url=url or _first(found, "url", "source"),  # JSON output names the page URL "source"
        outlet=_first(found, "sitename", "source-hostname"),
        record=record,
        authors=[str(author)] if author else [],
        extra_bylines=byline_candidates(html, skip_classes),
        refused_published=(
            published_text if rule == "published.refused-year-only" and not accepted else None
        ),
    )
