"""RSS and Atom feed files (feedparser): one document per item."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser
from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError

from dateline.errors import ReadError
from dateline.read.document import Raw

# A feed is parsed whole (feedparser), so it is read whole, up to this much or the record limit
# if that is larger: a feed of full articles is a few megabytes.
MAX_FEED_BYTES = 20 * 1024 * 1024
_BLOCKS = ("p", "li", "blockquote", "h2", "h3", "h4", "pre")


def html_fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of a small HTML fragment (a feed item's content): its block elements, or
    its whole text when it has none."""
    if "<" not in fragment:
        return [fragment]
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, XMLSyntaxError, ValueError):
        return [fragment]
    blocks = [" ".join(e.text_content().split()) for e in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    return blocks or [" ".join(root.text_content().split())]


def _day(entry: feedparser.FeedParserDict) -> str | None:
    # dict.get, not entry.get: feedparser maps a missing "updated*" key to "published*" with
    # a DeprecationWarning; we ask for each key plainly.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    text = dict.get(entry, "published") or dict.get(entry, "updated")
    return text if isinstance(text, str) else None


def read_feed(data: bytes, source: str, limit: int) -> Iterator[Raw | ReadError]:
    """Items of an RSS/Atom feed as raw articles (ReadError for an item over ``limit``).

    Raises ``ReadError("not-xml")`` when the input is not a feed.
    """
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, LookupError, ValueError) as exc:
        # feedparser trips over a mangled encoding declaration instead of flagging it
        raise ReadError("not-xml", f"not a readable RSS/Atom feed ({exc})") from exc
    if parsed.bozo and not parsed.entries:
        raise ReadError("not-xml", f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    if not parsed.entries:
        raise ReadError("no-article", "the feed has no items")
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        contents = entry.get("content") or []
        body = (contents[0].get("value") if contents else entry.get("summary")) or ""
        if len(body.encode("utf-8")) > limit:
            yield ReadError("too-large", f"item {number} is over {limit} bytes")
            continue
        yield Raw(
            source=entry.get("link") or source,
            format="feed",
            title=entry.get("title"),
            paragraphs=html_fragment_paragraphs(body),
            published=_day(entry),
            published_rule="published.feed",
            url=entry.get("link"),
            outlet=outlet,
            record=f"item {number}",
            authors=[a.get("name", "") for a in entry.get("authors", []) if a.get("name")],
        )
