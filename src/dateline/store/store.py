"""``Store``: the one object through which dateline reads and writes its SQLite database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from dateline.errors import StoreError
from dateline.models import CodedDocument, Document, ReadFailure
from dateline.options import Options
from dateline.store import kb, lookups, pages, query, read, schema, write
from dateline.store.guard import sqlite_errors
from dateline.store.readonly import connect as connect_readonly
from dateline.store.types import (
    AddResult,
    Dyad,
    EventFilter,
    KBRecord,
    MentionSpan,
    MergeInfo,
    Report,
    SearchHit,
    StoredEvent,
    StoryInfo,
    Summary,
    TimelinePoint,
)

BUSY_MS = 30_000  # how long a writer waits for another writer before giving up
# Page cache per connection, in KiB (SQLite's default is 2 MB). A writer touches a dozen
# B-trees per event (events, its indexes, keys, actors, full text); at millions of rows
# their inner pages no longer fit in 2 MB and every insert reads them back from disk.
# Bounded, so a build's memory stays flat.
WRITER_CACHE_KIB = 128 * 1024
# A reader's page cache: the inner pages of the indexes a page of events walks, so that
# only leaves are read from the file (SQLite's default of 2 MB holds a few of them).
READER_CACHE_KIB = 64 * 1024
# During a bulk load (``Store.bulk``): the inner pages of every B-tree the writer walks (at
# ten million events, a few hundred MB) stay in memory. Still a bound: memory stays flat.
BULK_CACHE_KIB = 1024 * 1024
BULK_CHECKPOINT_PAGES = 64 * 1024  # 256 MB of WAL (SQLite's default: 1000 pages)


class Store:
    """A dateline database: documents, events, stories and merged events.

    ``Store(options)`` or ``Store.open(path, readonly=False)``; use it as a context manager
    or call ``close()``. A writable store creates the file if needed and upgrades an older
    schema; a read-only one (the web app, ``show``, ``events``...) never writes and never
    blocks the writer (WAL). Raises ``NotADatelineDatabase`` for a foreign or corrupt file
    (left untouched), ``SchemaTooNew`` for a newer schema, ``StoreError`` otherwise.

    One ``Store`` is one connection: use it from one thread at a time.
    """

    def __init__(self, target: Options | str | Path, *, readonly: bool = False) -> None:
        path = Path(target.db_path if isinstance(target, Options) else target)
        self.path = path
        self.readonly = readonly
        # Why a read-only store reads its main file alone (a read-only folder), else None.
        self.note: str | None = None
        version = schema.check_database(path)
        try:
            if readonly:
                if version == 0:
                    raise StoreError(f"no dateline database at {path}: run 'dateline ingest' first")
                opened = connect_readonly(path, any_thread=True)
                self.conn, self.note = opened.conn, opened.note
                self.conn.execute("PRAGMA query_only = 1")
                self.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(
                    str(path), isolation_level=None, check_same_thread=False
                )
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                self.conn.execute("PRAGMA journal_mode = WAL")
                # WAL + NORMAL: a killed process loses nothing committed; only a power cut
                # may lose the last transactions, never corrupt the file.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute("PRAGMA foreign_keys = ON")
                self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                self.conn.execute("PRAGMA temp_store = MEMORY")
                self.version = schema.migrate(self.conn, version)
                # A bulk load killed before its end left indexes to build.
                schema.restore_indexes(self.conn)
                if version < self.version:
                    # Put the new header and schema in the main file now, so the file is
                    # recognisable even if this process is killed before any checkpoint.
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            self.conn.row_factory = sqlite3.Row
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        if readonly:
            self.version = version

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        """Open (or, unless ``readonly``, create) the database at ``path``."""
        return cls(path, readonly=readonly)

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    @sqlite_errors
    def add(self, coded: Iterable[CodedDocument] | CodedDocument) -> AddResult:
        """Store coded documents in ONE transaction: all of them or, on error, none.

        Documents already stored are skipped (counted in ``skipped``), so adding the same
        articles twice changes nothing. Each new document joins a story (exact or near copy
        of a stored article) or starts one; each event joins or starts a merged event. The
        office-holders each new document taught (``annotated.learned``) are saved in the
        same transaction, whoever calls (CLI, web, Spark load). Returns the counts; raises
        ``StoreError``.
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        batch = [coded] if isinstance(coded, CodedDocument) else list(coded)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            result = write.write_batch(self.conn, batch)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return result

    @contextmanager
    def bulk(self) -> Iterator[Store]:
        """Load many batches (``add``) faster: ``with store.bulk(): ...``.

        The indexes no write reads (``schema.DEFERRED_INDEXES``: dates, types, statuses,
        places, actor codes) are dropped on entry and built once on exit, by sorting, and
        the page cache is larger meanwhile. Queries stay right, only slower, until the end;
        a load killed half-way leaves them missing until the next writable open builds them.
        Raises ``StoreError``.
        """
        self._writable()
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                schema.drop_deferred_indexes(self.conn)
            self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            # Fewer, larger checkpoints (each one syncs the file): a page that several
            # batches change is copied back once.
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}") from exc
        try:
            yield self
        finally:
            try:
                schema.restore_indexes(self.conn)
                self.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
                self.conn.execute("PRAGMA wal_autocheckpoint = 1000")
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                raise StoreError(f"database error: {exc}") from exc

    @sqlite_errors
    def record_failures(self, failures: Iterable[ReadFailure]) -> None:
        """Remember inputs that failed (once per source, record and reason) for ``summary``."""
        rows = [(f.source, f.record or "", f.reason, f.message) for f in failures]
        if not rows or self.readonly:
            return
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(
                "INSERT OR REPLACE INTO ingest_failures (source, record, reason, message) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )

    # -- documents ------------------------------------------------------------------------
    @sqlite_errors
    def has_document(self, doc_id: str) -> bool:
        """True when a document with exactly this id is stored."""
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    @sqlite_errors
    def get_document(self, doc_id: str) -> Document | None:
        """The document with this id, or the only one whose id starts with it; else None.

        ``"doc-3fa2"`` finds ``doc-3fa2…`` when no other id starts so; the ``doc-`` prefix may
        be left out. An ambiguous prefix gives None.
        """
        doc = read.load_document(self.conn, doc_id)
        if doc is not None or not doc_id:
            return doc
        prefix = doc_id if doc_id.startswith("doc-") else f"doc-{doc_id}"
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (prefix, prefix + "\uffff"),
        ).fetchall()
        return read.load_document(self.conn, rows[0][0]) if len(rows) == 1 else None

    @sqlite_errors
    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents in order of arrival."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM documents ORDER BY position LIMIT ? OFFSET ?", (limit, offset)
            )
        ]
        return [d for d in (read.load_document(self.conn, i) for i in ids) if d is not None]

    @sqlite_errors
    def search(self, text: str, limit: int = 20, pool: int | None = None) -> list[SearchHit]:
        """Documents holding every word of ``text`` (title or body), best bm25 match first;
        with ``pool``, the best among the ``pool`` matches stored last."""
        return query.search(self.conn, text, limit, pool)

    @sqlite_errors
    def search_pooled(self, text: str, pool: int) -> bool:
        """Whether more than ``pool`` documents hold every word of ``text``."""
        return query.search_pooled(self.conn, text, pool)

    # -- events ---------------------------------------------------------------------------
    @sqlite_errors
    def get_event(self, event_id: str) -> StoredEvent | None:
        """The event with this id; a merged event's id (``mev-…``) gives its first report."""
        if event_id.startswith("mev-"):
            row = self.conn.execute(
                "SELECT event_id FROM merged_events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is None:
                return None
            event_id = row[0]
        found = read.load_events(self.conn, [event_id])
        return found[0] if found else None

    @sqlite_errors
    def events(
        self,
        filters: EventFilter | None = None,
        limit: int = 50,
        offset: int = 0,
        merged: bool = True,
    ) -> list[StoredEvent]:
        """One page of events matching ``filters``, newest first (undated last).

        ``merged=True`` gives one event per merged event (its first report, with
        ``num_articles``/``num_sources``); ``merged=False`` every report.
        """
        ids = query.event_ids(self.conn, filters or EventFilter(), limit, offset, merged)
        return read.load_events(self.conn, ids)

    @sqlite_errors
    def count_events(
        self, filters: EventFilter | None = None, merged: bool = True, *, cap: int | None = None
    ) -> int:
        """How many events match ``filters`` (merged or raw). With ``cap``, counting stops
        there (``min(count, cap)``): a page can say "10,000+" without counting a million."""
        return query.count_events(self.conn, filters or EventFilter(), merged, cap)

    @sqlite_errors
    def document_events(self, doc_id: str) -> list[StoredEvent]:
        """Every event coded from one document, in text order."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM events WHERE doc_id = ? ORDER BY position", (doc_id,)
            )
        ]
        return read.load_events(self.conn, ids)

    @sqlite_errors
    def merge_info(self, event_id: str) -> MergeInfo | None:
        """The merged event an event (or ``mev-`` id) belongs to, with all its reports."""
        row = self.conn.execute(
            "SELECT m.* FROM merged_events m WHERE m.id = ? "
            "OR m.id = (SELECT merged_id FROM events WHERE id = ?)",
            (event_id, event_id),
        ).fetchone()
        if row is None:
            return None
        reports = self.conn.execute(
            "SELECT e.id, e.doc_id, d.source_name FROM events e "
            "JOIN documents d ON d.id = e.doc_id "
            "WHERE e.merged_id = ? ORDER BY d.position, e.position",
            (row["id"],),
        ).fetchall()
        return MergeInfo(
            merged_id=row["id"],
            event_id=row["event_id"],
            num_events=row["num_events"],
            num_articles=row["num_articles"],
            num_sources=row["num_sources"],
            num_stories=row["num_stories"],
            event_ids=[r[0] for r in reports],
            doc_ids=list(dict.fromkeys(r[1] for r in reports)),
            sources=sorted({r[2] for r in reports}),
        )

    @sqlite_errors
    def timeline(
        self,
        filters: EventFilter | None = None,
        by: str = "week",
        *,
        classes: bool = False,
        merged: bool = True,
    ) -> list[TimelinePoint]:
        """Counts per ``by`` period (``day``, ``week``: its Monday, ``month``) and event type
        (or PLOVER class with ``classes=True``). Raises ``StoreError`` for another ``by``."""
        try:
            return query.timeline(self.conn, filters or EventFilter(), by, classes, merged)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc

    @sqlite_errors
    def dyads(
        self, filters: EventFilter | None = None, *, merged: bool = True, limit: int | None = None
    ) -> list[Dyad]:
        """Who acts on whom: source → target pairs, commonest first, with counts by type."""
        return query.dyads(self.conn, filters or EventFilter(), merged, limit)

    @sqlite_errors
    def summary(self) -> Summary:
        """Counts of documents, events, stories, types, statuses, actors and failures."""
        return query.summary(self.conn)

    # -- stories --------------------------------------------------------------------------
    @sqlite_errors
    def stories(self, *, min_documents: int = 2, limit: int = 100) -> list[StoryInfo]:
        """Stories with at least ``min_documents`` articles, largest first."""
        rows = self.conn.execute(
            "SELECT * FROM stories WHERE num_documents >= ? "
            "ORDER BY num_documents DESC, first_date, id LIMIT ?",
            (min_documents, limit),
        ).fetchall()
        return [self._story(r) for r in rows]

    @sqlite_errors
    def story_of(self, doc_id: str) -> StoryInfo | None:
        """The story a document belongs to."""
        row = self.conn.execute(
            "SELECT s.* FROM stories s JOIN documents d ON d.story_id = s.id WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return self._story(row) if row else None

    def _story(self, row: sqlite3.Row) -> StoryInfo:
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM documents WHERE story_id = ? ORDER BY position", (row["id"],)
            )
        ]
        return StoryInfo(
            id=row["id"],
            title=row["title"],
            num_documents=row["num_documents"],
            num_sources=row["num_sources"],
            first_date=row["first_date"],
            last_date=row["last_date"],
            doc_ids=ids,
        )

    # -- the actor knowledge base ------------------------------------------------------
    @sqlite_errors
    def kb_records(self) -> list[KBRecord]:
        """The learned and user entries of the knowledge base, oldest first (removals too)."""
        return kb.load(self.conn)

    @sqlite_errors
    def save_kb(self, entries: Iterable[kb.OfficeHolder]) -> int:
        """Save knowledge-base entries (a person's corrections) in one transaction; return
        how many were written (data-file entries are not stored). Raises ``StoreError``."""
        self._writable()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            return kb.save(self.conn, entries)

    @sqlite_errors
    def remove_kb(self, name: str) -> None:
        """Remove ``name`` from the knowledge base: its stored entries and, when the
        knowledge base loads, its data-file entries are hidden. Raises ``StoreError``."""
        self._writable()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            kb.remove(self.conn, name)

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    # -- what pages and exports need -----------------------------------------------------
    @sqlite_errors
    def events_by_id(self, ids: list[str]) -> list[StoredEvent]:
        """The events ``ids`` in that order (unknown ids left out), with merge counts."""
        return read.load_events(self.conn, ids)

    def iter_events(
        self, filters: EventFilter | None = None, *, merged: bool = True, chunk: int = 500
    ) -> Iterator[StoredEvent]:
        """Every matching event, newest first, loaded ``chunk`` at a time (for exports).
        Raises ``StoreError``."""
        try:
            ids = query.event_ids(self.conn, filters or EventFilter(), -1, 0, merged)
            for start in range(0, len(ids), chunk):
                yield from read.load_events(self.conn, ids[start : start + chunk])
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}") from exc

    def document_rows(self, ids: list[str] | None = None) -> Iterator[sqlite3.Row]:
        """``documents`` rows plus ``text`` (paragraphs joined by a blank line): every
        document in order of arrival, or those in ``ids``. Raises ``StoreError``."""
        try:
            yield from lookups.document_rows(self.conn, ids)
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}") from exc

    @sqlite_errors
    def document_row(self, doc_id: str) -> dict[str, Any] | None:
        """The ``documents`` row of one document (exact id) as a dict, or None."""
        return lookups.document_row(self.conn, doc_id)

    @sqlite_errors
    def reports(self, event_id: str) -> list[Report]:
        """Every article's report of the event (the reports of its merged event)."""
        return lookups.reports(self.conn, event_id)

    @sqlite_errors
    def mention_spans(self, doc_id: str) -> list[MentionSpan]:
        """The coded actor mentions of a document, in text order."""
        return lookups.mention_spans(self.conn, doc_id)

    @sqlite_errors
    def actor_name(self, code: str) -> str | None:
        """The commonest resolved name of an actor code, or None."""
        return lookups.actor_name(self.conn, code)

    @sqlite_errors
    def known_codes(self, candidates: list[str]) -> set[str]:
        """Which of ``candidates`` are actor codes of some event (dyads fall back to an
        actor's words, "them", when it has no code)."""
        return lookups.known_codes(self.conn, candidates)

    @sqlite_errors
    def places(
        self, filters: EventFilter | None = None, *, merged: bool = True
    ) -> list[dict[str, Any]]:
        """Matching events grouped by place: name, country, mean coordinates, count, counts
        by type and commonest PLOVER class; busiest first."""
        return lookups.places(self.conn, filters or EventFilter(), merged)

    @sqlite_errors
    def coalition_event_ids(
        self,
        name: str,
        types: tuple[str, ...],
        since: str | None = None,
        until: str | None = None,
        limit: int = 2000,
    ) -> list[tuple[str, bool]]:
        """(event id, named) of a coalition's merged events of ``types``, newest first; see
        ``lookups.coalition_event_ids``."""
        return lookups.coalition_event_ids(self.conn, name, types, since, until, limit)

    # -- the web's lists (``pages``) ------------------------------------------------------
    @sqlite_errors
    def date_precisions(
        self, filters: EventFilter | None = None, *, merged: bool = True
    ) -> dict[str, int]:
        """Matching events by date precision: ``{"day", "month", "year", "undated"}``."""
        return pages.date_precisions(self.conn, filters or EventFilter(), merged)

    @sqlite_errors
    def sorted_events(
        self,
        filters: EventFilter | None,
        sort: str,
        *,
        limit: int = 50,
        offset: int = 0,
        merged: bool = True,
    ) -> list[StoredEvent]:
        """One page of matching events in the order ``sort`` (a key of
        ``pages.EVENT_SORTS``). Raises ``KeyError`` for an unknown key, ``StoreError``."""
        ids = pages.sorted_event_ids(
            self.conn, filters or EventFilter(), sort, limit, offset, merged
        )
        return read.load_events(self.conn, ids)

    @sqlite_errors
    def actor_list(
        self, *, limit: int = 50, offset: int = 0, prefix: str | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of actor codes with their event counts, busiest first, and how many in all."""
        return (
            pages.actor_list(self.conn, limit, offset, prefix),
            pages.actor_count(self.conn, prefix),
        )

    @sqlite_errors
    def canonical_code(self, code: str) -> str | None:
        """The stored spelling of an actor code typed in any case, or None."""
        return pages.canonical_code(self.conn, code)

    @sqlite_errors
    def document_list(
        self, *, limit: int = 50, offset: int = 0, outlet: str | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of documents, newest first, with event counts, and how many in all."""
        return (
            pages.document_list(self.conn, limit, offset, outlet),
            pages.document_count(self.conn, outlet),
        )

    @sqlite_errors
    def outlet_list(self) -> list[dict[str, Any]]:
        """Outlets with their document counts, largest first."""
        return pages.outlet_list(self.conn)

    @sqlite_errors
    def contexts(self) -> list[str]:
        """The PLOVER contexts stored events carry, sorted."""
        return pages.contexts(self.conn)
