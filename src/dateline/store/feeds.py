"""The state of ``dateline watch``: feeds, their HTTP validators and health, and the items
they listed, each claimed by one watcher at a time.

``MIGRATION_FEEDS`` is the DDL (a numbered migration in ``schema.MIGRATIONS``, fixed text);
``FeedState`` holds every query on these tables and takes the store's connection (autocommit
mode, as ``Store`` opens it). Times are seconds since the epoch (UTC), given by the caller,
so tests can move the clock.

Claiming an item is one ``UPDATE ... WHERE state is claimable RETURNING``: SQLite runs it
under its write lock, so two watchers on one database never get the same item. A claim
lasts ``claim_seconds``; a watcher killed mid-article leaves a claim that another (or the
restarted) watcher takes over when it runs out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dateline.store.guard import sqlite_errors

MIGRATION_FEEDS = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    every REAL NOT NULL,             -- seconds between two reads of the feed
    etag TEXT,                       -- validators of the last 200 answer, sent back next time
    last_modified TEXT,
    added_at REAL NOT NULL,
    last_checked REAL,               -- last attempt
    last_success REAL,
    last_status INTEGER,             -- HTTP status of the last answer (200, 304)
    last_error TEXT,                 -- "reason: message" of the last failure
    last_error_at REAL,
    failures INTEGER NOT NULL DEFAULT 0,   -- failed reads in a row (0 after a success)
    next_due REAL NOT NULL
);

-- One row per article page, whichever feeds listed it: a page is fetched once.
CREATE TABLE feed_items (
    url TEXT PRIMARY KEY,            -- canonical URL of the page
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,   -- first lister
    title TEXT,
    published TEXT,
    state TEXT NOT NULL DEFAULT 'new'
        CHECK (state IN ('new', 'claimed', 'retry', 'done', 'failed')),
    claimed_by TEXT,
    claimed_until REAL,
    attempts INTEGER NOT NULL DEFAULT 0,   -- failures that may pass (timeouts, 5xx)
    next_try REAL,
    doc_id TEXT,                     -- the stored document (new or already there)
    reason TEXT,                     -- "stored", "already-stored", or why it failed
    message TEXT,
    seen_at REAL NOT NULL,
    done_at REAL
);
CREATE INDEX feed_items_state ON feed_items(state, next_try);

CREATE TABLE feed_listings (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    url TEXT NOT NULL REFERENCES feed_items(url) ON DELETE CASCADE,
    PRIMARY KEY (feed_id, url)
) WITHOUT ROWID;
CREATE INDEX feed_listings_url ON feed_listings(url);

-- A page stored from a file or an archive is not fetched again by URL.
CREATE INDEX documents_url ON documents(url);
"""

# Claimable: never started, due for another try, or claimed by a watcher whose claim ran out.
_CLAIMABLE = (
    "(state = 'new' OR (state = 'retry' AND next_try <= :now)"
    " OR (state = 'claimed' AND claimed_until <= :now))"
)


@dataclass(frozen=True)
class FeedRow:
    """A feed as the watcher needs it."""

    id: int
    url: str
    name: str | None
    every: float
    etag: str | None
    last_modified: str | None
    next_due: float
    failures: int


@dataclass(frozen=True)
class ListedItem:
    """One item of a feed: the canonical URL of its page and what the feed said of it."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ClaimedItem:
    """An item this watcher now owns until ``finish``, ``fail`` or ``release``."""

    url: str
    feed_id: int
    title: str | None
    published: str | None
    attempts: int
    doc_id: str | None  # noted by a watcher that stopped before marking the item done


@dataclass(frozen=True)
class FeedHealth:
    """What ``dateline feeds`` shows of one feed."""

    url: str
    name: str | None
    every: float
    last_checked: float | None
    last_success: float | None
    last_status: int | None
    last_error: str | None
    last_error_at: float | None
    failures: int
    next_due: float
    items: int  # pages this feed listed
    stored: int  # of them, stored (new or already there)
    failed: int  # given up
    pending: int  # waiting, claimed or to be tried again
    new: int = 0  # pages stored since the time given to ``health``

    @property
    def status(self) -> str:
        """The feed's health: "new" (never read), "ok" (last read worked) or "failing"."""
        if self.failures:
            return "failing"
        return "ok" if self.last_success is not None else "new"

    def to_dict(self) -> dict[str, Any]:
        def iso(value: float | None) -> str | None:
            if value is None:
                return None
            return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        return {
            "url": self.url,
            "name": self.name,
            "status": self.status,
            "every_seconds": self.every,
            "last_checked": iso(self.last_checked),
            "last_success": iso(self.last_success),
            "last_status": self.last_status,
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "failures_in_a_row": self.failures,
            "next_due": iso(self.next_due),
            "items": self.items,
            "stored": self.stored,
            "failed": self.failed,
            "pending": self.pending,
            "new_since": self.new,
        }


class FeedState:
    """Every query on the watch tables, over the store's connection (autocommit mode).

    Every method raises ``StoreError`` when the database fails.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- feeds ----------------------------------------------------------------------------
    @sqlite_errors
    def add_feed(self, url: str, name: str | None, every: float, now: float) -> FeedRow:
        """Register a feed (or update its name and interval); a new feed is due at once."""
        self.conn.execute(
            "INSERT INTO feeds (url, name, every, added_at, next_due) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET name = coalesce(excluded.name, name), "
            "every = excluded.every",
            (url, name, every, now, now),
        )
        row = self.feed(url)
        assert row is not None
        return row

    @sqlite_errors
    def feed(self, url: str) -> FeedRow | None:
        """The feed with this URL, or None."""
        row = self.conn.execute(
            "SELECT id, url, name, every, etag, last_modified, next_due, failures "
            "FROM feeds WHERE url = ?",
            (url,),
        ).fetchone()
        return FeedRow(*tuple(row)) if row else None

    @sqlite_errors
    def all_feeds(self) -> list[FeedRow]:
        """Every registered feed, in order of registration."""
        rows = self.conn.execute(
            "SELECT id, url, name, every, etag, last_modified, next_due, failures "
            "FROM feeds ORDER BY id"
        ).fetchall()
        return [FeedRow(*tuple(r)) for r in rows]

    @sqlite_errors
    def claim_feed(self, feed: FeedRow, now: float, hold: float) -> bool:
        """Take a due feed for one read (its next due time moves ``hold`` seconds on until
        the read is recorded); False when it is not due or another watcher took it."""
        cursor = self.conn.execute(
            "UPDATE feeds SET next_due = ? WHERE id = ? AND next_due <= ?",
            (now + hold, feed.id, now),
        )
        return cursor.rowcount == 1

    @sqlite_errors
    def record_listing(
        self,
        feed: FeedRow,
        items: list[ListedItem],
        *,
        status: int,
        etag: str | None,
        last_modified: str | None,
        now: float,
    ) -> int:
        """Save a successful read: the items (once each, whatever feed listed them first)
        and the new validators, in ONE transaction, so a crash never keeps the validators
        of a listing whose items were lost. A 304 answer passes no items and keeps the
        validators when none are given. Returns how many items were new to the database."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO feed_items (url, feed_id, title, published, seen_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(i.url, feed.id, i.title, i.published, now) for i in items],
            )
            new = self.conn.total_changes - before
            self.conn.executemany(
                "INSERT OR IGNORE INTO feed_listings (feed_id, url) VALUES (?, ?)",
                [(feed.id, i.url) for i in items],
            )
            self.conn.execute(
                "UPDATE feeds SET etag = coalesce(?, etag), "
                "last_modified = coalesce(?, last_modified), last_checked = ?, "
                "last_success = ?, last_status = ?, failures = 0, next_due = ? WHERE id = ?",
                (etag, last_modified, now, now, status, now + feed.every, feed.id),
            )
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return new

    @sqlite_errors
    def record_feed_error(self, feed: FeedRow, error: str, now: float, status: int | None) -> None:
        """Save a failed read; the next try waits longer after each failure in a row (up to
        8 intervals), so a dead feed is not hammered."""
        wait = feed.every * min(2**feed.failures, 8)
        self.conn.execute(
            "UPDATE feeds SET last_checked = ?, last_error = ?, last_error_at = ?, "
            "last_status = ?, failures = failures + 1, next_due = ? WHERE id = ?",
            (now, error, now, status, now + wait, feed.id),
        )

    @sqlite_errors
    def health(self, since: float | None = None) -> list[FeedHealth]:
        """Every feed with its last read, last error and item counts, and how many pages
        it brought in after ``since`` (none in a database written before the watch tables:
        opened read-only, it was not upgraded)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'"
        ).fetchone()
        if exists is None:
            return []
        rows = self.conn.execute(
            "SELECT f.url, f.name, f.every, f.last_checked, f.last_success, f.last_status, "
            "f.last_error, f.last_error_at, f.failures, f.next_due, "
            "count(i.url), "
            "coalesce(sum(i.state = 'done'), 0), coalesce(sum(i.state = 'failed'), 0), "
            "coalesce(sum(i.state IN ('new', 'claimed', 'retry')), 0), "
            "coalesce(sum(i.reason = 'stored' AND i.done_at > ?), 0) "
            "FROM feeds f LEFT JOIN feed_listings l ON l.feed_id = f.id "
            "LEFT JOIN feed_items i ON i.url = l.url GROUP BY f.id ORDER BY f.id",
            (1e300 if since is None else since,),
        ).fetchall()
        return [FeedHealth(*tuple(r)) for r in rows]

    # -- items ----------------------------------------------------------------------------
    @sqlite_errors
    def claim_next(
        self, feed_ids: list[int], watcher: str, now: float, claim_seconds: float
    ) -> ClaimedItem | None:
        """Take the oldest claimable item listed by one of ``feed_ids``, or None when none is
        left. Atomic: two watchers never get the same item."""
        if not feed_ids:
            return None
        marks = ", ".join(f":feed{n}" for n in range(len(feed_ids)))
        params: dict[str, Any] = {f"feed{n}": value for n, value in enumerate(feed_ids)}
        params.update(watcher=watcher, now=now, until=now + claim_seconds)
        row = self.conn.execute(
            "UPDATE feed_items SET state = 'claimed', claimed_by = :watcher, "
            "claimed_until = :until WHERE url = (SELECT url FROM feed_items WHERE "
            + _CLAIMABLE
            + " AND url IN (SELECT url FROM feed_listings WHERE feed_id IN ("
            + marks
            + ")) ORDER BY seen_at, rowid LIMIT 1) AND "
            + _CLAIMABLE
            + " RETURNING url, feed_id, title, published, attempts, doc_id",
            params,
        ).fetchone()
        return ClaimedItem(*tuple(row)) if row else None

    @sqlite_errors
    def note_document(self, item: ClaimedItem, watcher: str, doc_id: str) -> None:
        """Note the document an item is about to become, before it is written: a watcher
        killed between the write and ``finish`` leaves this for the next one to find."""
        self.conn.execute(
            "UPDATE feed_items SET doc_id = ? WHERE url = ? AND claimed_by = ?",
            (doc_id, item.url, watcher),
        )

    @sqlite_errors
    def finish(self, item: ClaimedItem, watcher: str, doc_id: str | None, reason: str,
               now: float) -> None:  # fmt: skip
        """Mark an item done (its page stored now, or already stored)."""
        self.conn.execute(
            "UPDATE feed_items SET state = 'done', doc_id = ?, reason = ?, message = NULL, "
            "claimed_by = NULL, claimed_until = NULL, done_at = ? "
            "WHERE url = ? AND claimed_by = ?",
            (doc_id, reason, now, item.url, watcher),
        )

    @sqlite_errors
    def fail(self, item: ClaimedItem, watcher: str, reason: str, message: str, *,
             passing: bool, retry_at: float, max_attempts: int, now: float) -> bool:  # fmt: skip
        """Record a failure: a passing one is tried again from ``retry_at`` until
        ``max_attempts`` failures, any other is given up. Returns True when given up."""
        given_up = not passing or item.attempts + 1 >= max_attempts
        self.conn.execute(
            "UPDATE feed_items SET state = ?, attempts = attempts + ?, next_try = ?, "
            "reason = ?, message = ?, claimed_by = NULL, claimed_until = NULL, done_at = ? "
            "WHERE url = ? AND claimed_by = ?",
            (
                "failed" if given_up else "retry",
                1 if passing else 0,
                None if given_up else retry_at,
                reason,
                message,
                now if given_up else None,
                item.url,
                watcher,
            ),
        )
        return given_up

    @sqlite_errors
    def release(self, item: ClaimedItem, watcher: str, now: float) -> None:
        """Give an item back untouched (the watcher is stopping before reading it)."""
        self.conn.execute(
            "UPDATE feed_items SET state = CASE WHEN attempts > 0 THEN 'retry' ELSE 'new' END, "
            "next_try = ?, claimed_by = NULL, claimed_until = NULL "
            "WHERE url = ? AND claimed_by = ?",
            (now, item.url, watcher),
        )

    @sqlite_errors
    def stored_document(self, url: str) -> str | None:
        """The id of a stored document read from this URL, or None."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE url = ? ORDER BY position LIMIT 1", (url,)
        ).fetchone()
        return str(row[0]) if row else None

    @sqlite_errors
    def item_states(self) -> dict[str, str]:
        """Every item's state by URL (for ``feeds --items`` and tests)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT url, state FROM feed_items")}
