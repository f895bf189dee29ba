"""The feeds to follow, from the command line or a TOML file, and the items of a feed answer.

A feed list file holds one ``[[feed]]`` table per feed::

    [[feed]]
    url = "https://example.org/world/rss.xml"
    name = "Example world desk"     # optional
    every = "15m"                   # optional: "90s", "15m", "1h", "1h30m", "1d"

Mistakes are ``DataFileError`` with the file and the line of the ``[[feed]]`` at fault.
"""

from __future__ import annotations

import re
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from dateline.errors import DataFileError, FetchError

MIN_EVERY = 60.0  # reading one feed more often than once a minute is not polite
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.IGNORECASE)
_FEED_HEADER = re.compile(r"^\s*\[\[\s*feed\s*\]\]")
_KEYS = frozenset({"url", "name", "every"})
# Query parameters that say where a click came from, not which page it is.
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


@dataclass(frozen=True)
class FeedSpec:
    """One feed to follow: its URL, an optional name, and seconds between two reads."""

    url: str
    name: str | None
    every: float


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the canonical URL of its page, and the feed's title and date."""

    url: str
    title: str | None
    published: str | None


def parse_every(text: str | float | int) -> float:
    """Seconds from ``"15m"``, ``"1h30m"``, ``"90s"``, ``"1d"`` or a number of seconds.

    Raises ``ValueError`` for anything else or for less than ``MIN_EVERY`` seconds.
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not an interval")
    if isinstance(text, int | float):
        seconds = float(text)
    else:
        spec = text.strip().replace(" ", "")
        parts = _EVERY.findall(spec)
        if not parts or "".join(a + u for a, u in parts).lower() != spec.lower():
            raise ValueError(f"{text!r} is not an interval like '90s', '15m', '1h30m' or '1d'")
        seconds = sum(float(amount) * _UNITS[unit.lower()] for amount, unit in parts)
    if seconds < MIN_EVERY:
        raise ValueError(
            f"{text!r} is under {MIN_EVERY:g} seconds: read a feed at most once a minute"
        )
    return seconds


def check_feed_url(url: str) -> str:
    """``url`` stripped; raises ``ValueError`` unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http(s) URL")
    return url


def load_feed_list(path: Path, default_every: float) -> list[FeedSpec]:
    """The feeds of a TOML feed list (see the module docstring), in file order.

    Raises ``DataFileError`` ("[file:line] message") for a file that cannot be read, bad
    TOML, an unknown key, a missing or non-http URL, a bad interval or a feed listed twice.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(name, None, f"cannot read the feed list: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise DataFileError(name, line, f"not valid TOML: {exc}") from exc
    unknown = set(data) - {"feed"}
    if unknown:
        raise DataFileError(name, 1, f"unknown top-level keys {sorted(unknown)}: use [[feed]]")
    tables = data.get("feed", [])
    if not isinstance(tables, list) or not tables:
        raise DataFileError(name, None, "no [[feed]] table: nothing to watch")
    lines = [n for n, row in enumerate(text.splitlines(), 1) if _FEED_HEADER.match(row)]
    feeds: list[FeedSpec] = []
    seen: set[str] = set()
    for number, table in enumerate(tables):
        line = lines[number] if number < len(lines) else None
        feeds.append(_feed(table, name, line, default_every))
        if feeds[-1].url in seen:
            raise DataFileError(name, line, f"{feeds[-1].url} is listed twice")
        seen.add(feeds[-1].url)
    return feeds


def _feed(table: object, name: str, line: int | None, default_every: float) -> FeedSpec:
    if not isinstance(table, dict):
        raise DataFileError(name, line, "a [[feed]] must be a table")
    unknown = set(table) - _KEYS
    if unknown:
        raise DataFileError(name, line, f"unknown keys {sorted(unknown)} (known: url, name, every)")
    url = table.get("url")
    if not isinstance(url, str):
        raise DataFileError(name, line, 'a [[feed]] needs url = "https://..."')
    label = table.get("name")
    if label is not None and (not isinstance(label, str) or not label.strip()):
        raise DataFileError(name, line, "name must be a non-empty string")
    try:
        checked = check_feed_url(url)
        every = parse_every(table["every"]) if "every" in table else default_every
    except ValueError as exc:
        raise DataFileError(name, line, str(exc)) from exc
    return FeedSpec(checked, label.strip() if label else None, every)


def canonical_url(url: str) -> str:
    """The URL that identifies a page: scheme and host in lower case, no default port, no
    fragment, no click-tracking parameters (``utm_*``, ``fbclid``...), "/" for an empty path.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]  # fmt: skip
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def feed_entries(body: bytes, feed_url: str) -> list[FeedEntry]:
    """The items of an RSS or Atom answer that link to a page, once each, in feed order.

    Relative links are resolved against ``feed_url``. Raises ``FetchError("not-a-feed")``
    when the body is not a feed; an empty feed gives an empty list.
    """
    try:
        parsed = feedparser.parse(body)
    except (UnicodeError, LookupError, ValueError) as exc:
        raise FetchError("not-a-feed", f"{feed_url}: not a readable RSS/Atom feed ({exc})") from exc
    if not parsed.entries and not parsed.get("version"):
        # feedparser reads an HTML page without complaint: no version means no feed.
        problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FetchError("not-a-feed", f"{feed_url}: not a readable RSS/Atom feed ({problem})")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        try:
            url = canonical_url(urljoin(feed_url, link.strip()))
            check_feed_url(url)
        except ValueError:
            continue
        if url in seen:
            continue
        seen.add(url)
        entries.append(FeedEntry(url, entry.get("title"), _published(entry)))
    return entries


def _published(entry: feedparser.FeedParserDict) -> str | None:
    # dict.get: feedparser's own get maps a missing "updated*" to "published*" with a warning.
    for key in ("published_parsed", "updated_parsed"):
        value = dict.get(entry, key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    text = dict.get(entry, "published") or dict.get(entry, "updated")
    return text if isinstance(text, str) else None
