"""``watch``: follow news feeds, read each new item's page, code it and store it.

A round reads every feed (a conditional GET: an unchanged feed answers 304 and costs
nothing), saves the items it lists together with the feed's new validators in one
transaction, then works through the items waiting in the database, one at a time: claim it
(atomically, so a second watcher on the same database never takes the same item), skip it
when its page is already stored (by URL, or by content once read), else fetch the page with
``sources.http.PoliteClient``, read it with ``dateline.read.read_bytes`` (the reader of
``dateline ingest``), code it with the ingest run's per-document step and store it with
``Store.add``, then mark it done.

Crash safety: an item's document id is noted before the document is written and the item is
marked done after, so a watcher killed between the two leaves a claim that the next watcher
(once the claim runs out) closes without fetching the page again; a watcher killed before it
wrote the document leaves the item to be fetched again. A watcher asked to stop (``stop``
set, Ctrl-C in the CLI) codes and stores a page it has already fetched, and gives back
untouched every item whose page it has not.

State lives in the store (``dateline.store.feeds``): feeds, validators, last success and
error, next due time, and every item's state.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dateline.engines.coding import Coder, code_or_failure
from dateline.errors import DataFileError, DatelineError, FetchError, ModelError
from dateline.models import CodedDocument, Document, ReadFailure
from dateline.options import Options
from dateline.sources.feedlist import FeedSpec, feed_entries
from dateline.sources.http import ACCEPT_FEED, ACCEPT_PAGE, Fetched, PoliteClient
from dateline.store import Store
from dateline.store.feeds import ClaimedItem, FeedRow, FeedState, ListedItem

# Errors about the setup, not one page: every page would fail the same way.
FATAL_ERRORS = (ModelError, DataFileError)
# Media types read as an article page, and the reader format for each.
PAGE_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


@dataclass
class WatchReport:
    """What a watch run did."""

    rounds: int = 0
    feeds_read: int = 0  # answered with a listing (200)
    feeds_unchanged: int = 0  # answered 304
    feeds_failed: int = 0
    items_new: int = 0  # items first seen by this run
    pages_fetched: int = 0
    stored: int = 0  # documents stored by this run
    already: int = 0  # items whose page was already stored (by URL or content)
    events: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # by reason
    stopped: bool = False  # stopped by the user before the round was over
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "feeds_read": self.feeds_read,
            "feeds_unchanged": self.feeds_unchanged,
            "feeds_failed": self.feeds_failed,
            "items_new": self.items_new,
            "pages_fetched": self.pages_fetched,
            "documents_new": self.stored,
            "documents_already_stored": self.already,
            "events": self.events,
            "failures": dict(sorted(self.failures.items())),
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class WatchProgress:
    """Handed to the progress callback as the run moves on."""

    doing: str  # "feed" or "page"
    url: str
    feeds_done: int
    feeds_total: int
    stored: int
    failed: int
    elapsed: float


def code_document(pipeline: Coder, document: Document) -> CodedDocument | ReadFailure:
    """Code one document the way ``dateline ingest`` does (an error in this article is a
    ``ReadFailure``, a setup error raises): the engines' shared ``code_or_failure``."""
    return code_or_failure(pipeline, document)


def read_page(fetched: Fetched, options: Options, reader: Any) -> Document | ReadFailure:
    """Read a fetched page with the reader ``dateline ingest`` uses; a ``ReadFailure``
    (reason ``not-html``) for a media type that is not a page."""
    from dateline.read import read_bytes

    fmt = PAGE_FORMATS.get(fetched.content_type)
    if fmt is None and not fetched.content_type and fetched.body.lstrip()[:1] == b"<":
        fmt = "html"  # no Content-Type at all: a page that starts with markup
    if fmt is None:
        kind = fetched.content_type or "no Content-Type"
        return ReadFailure(fetched.url, "not-html", f"the page is {kind}, not HTML or text")
    items = list(read_bytes(fetched.body, fetched.url, options, fmt=fmt, reader=reader))
    if not items:
        return ReadFailure(fetched.url, "no-article", "no article found in the page")
    first = items[0]
    if isinstance(first, Document) and not first.url:
        first = dataclasses.replace(first, url=fetched.url)
    return first


class Watcher:
    """Follows feeds into one database. Build one per process; ``run_once`` or ``run``.

    ``feeds``: the feeds to follow (registered in the database; their name and interval
    updated); None follows every feed already registered. ``pipeline`` defaults to
    ``Pipeline(options)`` (loaded on the first page to code). ``stop`` ends the run between
    two articles. ``clock`` gives seconds since the epoch (tests move it).
    ``on_failure`` gets one ``ReadFailure`` per failed feed or page; ``on_progress`` a
    ``WatchProgress`` as it goes. Raises ``StoreError``, ``ModelError``, ``DataFileError``.
    """

    def __init__(
        self,
        options: Options,
        feeds: list[FeedSpec] | None = None,
        *,
        pipeline: Coder | None = None,
        stop: threading.Event | None = None,
        client: PoliteClient | None = None,
        clock: Callable[[], float] = time.time,
        on_failure: Callable[[ReadFailure], None] | None = None,
        on_progress: Callable[[WatchProgress], None] | None = None,
    ) -> None:
        self.options = options
        self.specs = feeds
        self._pipeline = pipeline
        self.stop = stop or threading.Event()
        self.client = client or PoliteClient(options.fetch, stop=self.stop)
        self.clock = clock
        self.on_failure = on_failure
        self.on_progress = on_progress
        self.id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._reader: Any = None
        self._started = time.monotonic()

    # -- runs -----------------------------------------------------------------------------
    def run_once(self) -> WatchReport:
        """One round over every feed (due or not: cron sets the pace), then every item
        waiting; returns the counts."""
        report = WatchReport()
        self._started = time.monotonic()
        with Store(self.options) as store:
            state = FeedState(store.conn)
            feeds = self._register(state)
            self._round(store, state, feeds, report)
        report.seconds = time.monotonic() - self._started
        return report

    def run(self, max_rounds: int | None = None) -> WatchReport:
        """Read each feed when it is due and the items it lists, until ``stop`` is set (or
        ``max_rounds`` rounds); returns the counts of the whole run."""
        report = WatchReport()
        self._started = time.monotonic()
        with Store(self.options) as store:
            state = FeedState(store.conn)
            feeds = self._register(state)
            wanted = {f.id for f in feeds}
            while not self.stop.is_set():
                now = self.clock()
                # Claimed atomically, so two watchers on one database read a feed once.
                hold = self.options.fetch.claim_seconds
                due = [f for f in state.all_feeds()
                       if f.id in wanted and state.claim_feed(f, now, hold)]  # fmt: skip
                self._round(store, state, due, report)
                if max_rounds is not None and report.rounds >= max_rounds:
                    break
                waits = [f.next_due - self.clock() for f in state.all_feeds() if f.id in wanted]
                self.stop.wait(max(1.0, min(waits, default=60.0)))
        report.stopped = self.stop.is_set()
        report.seconds = time.monotonic() - self._started
        return report

    def close(self) -> None:
        self.client.close()

    # -- one round ------------------------------------------------------------------------
    def _register(self, state: FeedState) -> list[FeedRow]:
        if not self.specs:
            feeds = state.all_feeds()
            if not feeds:
                raise DatelineError("no feeds to watch: give feed URLs or --feeds FILE")
            return feeds
        now = self.clock()
        return [state.add_feed(s.url, s.name, s.every, now) for s in self.specs]

    def _round(
        self, store: Store, state: FeedState, feeds: list[FeedRow], report: WatchReport
    ) -> None:
        report.rounds += 1
        for number, feed in enumerate(feeds):
            if self.stop.is_set():
                report.stopped = True
                return
            self._progress("feed", feed.url, number, len(feeds), report)
            self._read_feed(state, feed, report)
        ids = [f.id for f in feeds]
        while not self.stop.is_set():
            item = state.claim_next(ids, self.id, self.clock(), self.options.fetch.claim_seconds)
            if item is None:
                return
            self._progress("page", item.url, len(feeds), len(feeds), report)
            self._take(store, state, item, report)
        report.stopped = True

    def _read_feed(self, state: FeedState, feed: FeedRow, report: WatchReport) -> None:
        try:
            fetched = self.client.get(
                feed.url,
                accept=ACCEPT_FEED,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
            entries = feed_entries(fetched.body, fetched.url) if fetched.status == 200 else []
        except FetchError as exc:
            if exc.reason == "stopped":
                return
            status = int(exc.reason[5:]) if exc.reason.startswith("http-") else None
            state.record_feed_error(feed, f"{exc.reason}: {exc}", self.clock(), status)
            report.feeds_failed += 1
            self._fail(ReadFailure(feed.url, exc.reason, str(exc), "feed"), report)
            return
        items = [ListedItem(e.url, e.title, e.published) for e in entries]
        report.items_new += state.record_listing(
            feed,
            items,
            status=fetched.status,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            now=self.clock(),
        )
        if fetched.status == 304:
            report.feeds_unchanged += 1
        else:
            report.feeds_read += 1

    # -- one item -------------------------------------------------------------------------
    def _take(self, store: Store, state: FeedState, item: ClaimedItem, report: WatchReport) -> None:
        """Fetch, read, code and store one claimed item, or record why not."""
        known = item.doc_id if item.doc_id and store.has_document(item.doc_id) else None
        known = known or state.stored_document(item.url)
        if known is not None:
            state.finish(item, self.id, known, "already-stored", self.clock())
            report.already += 1
            return
        try:
            fetched = self.client.get(item.url, accept=ACCEPT_PAGE)
        except FetchError as exc:
            if exc.reason == "stopped":
                state.release(item, self.id, self.clock())
                return
            self._item_failed(state, item, exc.reason, str(exc), exc.passing, report, store)
            return
        report.pages_fetched += 1
        try:
            read = read_page(fetched, self.options, self._read_with())
        except FATAL_ERRORS:
            raise
        except Exception as exc:  # a page the extractor chokes on must not end a long watch
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            message = f"reading failed: {type(exc).__name__}: {first}"
            read = ReadFailure(fetched.url, "error", message)
        if isinstance(read, ReadFailure):
            self._item_failed(state, item, read.reason, read.message, False, report, store)
            return
        if store.has_document(read.id):
            state.finish(item, self.id, read.id, "already-stored", self.clock())
            report.already += 1
            return
        coded = code_document(self.pipeline, read)
        if isinstance(coded, ReadFailure):
            self._item_failed(state, item, coded.reason, coded.message, False, report, store)
            return
        state.note_document(item, self.id, read.id)
        result = store.add(coded)
        state.finish(item, self.id, read.id, "stored", self.clock())
        report.stored += result.documents
        report.already += result.skipped
        report.events += result.events

    def _item_failed(
        self,
        state: FeedState,
        item: ClaimedItem,
        reason: str,
        message: str,
        passing: bool,
        report: WatchReport,
        store: Store,
    ) -> None:
        now = self.clock()
        given_up = state.fail(
            item,
            self.id,
            reason,
            message,
            passing=passing,
            retry_at=now + self.options.fetch.retry_after,
            max_attempts=self.options.fetch.item_attempts,
            now=now,
        )
        failure = ReadFailure(item.url, reason, message)
        if given_up:  # counted with ingest's failures in ``summary``
            store.record_failures([failure])
        self._fail(failure, report)

    # -- helpers --------------------------------------------------------------------------
    @property
    def pipeline(self) -> Coder:
        if self._pipeline is None:
            from dateline.pipeline import Pipeline

            self._pipeline = Pipeline(self.options)
        return self._pipeline

    def _read_with(self) -> Any:
        if self._reader is None:
            from dateline.read import Reader

            self._reader = Reader(self.options)
        return self._reader

    def _fail(self, failure: ReadFailure, report: WatchReport) -> None:
        report.failures[failure.reason] += 1
        if self.on_failure is not None:
            self.on_failure(failure)

    def _progress(self, doing: str, url: str, done: int, total: int, report: WatchReport) -> None:
        if self.on_progress is not None:
            elapsed = time.monotonic() - self._started
            self.on_progress(
                WatchProgress(doing, url, done, total, report.stored, report.failed, elapsed)
            )
