"""The database schema as numbered migrations, and the checks made before anything is written.

A dateline database is an ordinary SQLite file marked with ``PRAGMA application_id``
(``APPLICATION_ID``, "DTLN") and versioned with ``PRAGMA user_version``: migration ``n``
brings version ``n - 1`` to ``n``. Opening an older database applies the missing migrations,
each in its own transaction (a crash leaves the previous version intact); opening a newer
one raises ``SchemaTooNew``. A file that is not SQLite, or is SQLite written by something
else, raises ``NotADatelineDatabase`` and is never written to: the checks read the header
and open the file read-only before any connection that could write is made.

Tables (see ``MIGRATIONS`` for the columns):

- ``documents``, ``paragraphs``, ``date_decisions``: the clean articles.
- ``stories``: groups of near-duplicate articles (``documents.story_id``);
  ``document_minhash`` and ``document_lsh`` hold their MinHash signatures and LSH band keys.
- ``events``, ``evidence`` (the sentence and trigger of each event), ``event_actors``
  (role source / target / attributed).
- ``merged_events``: one row per distinct event (same type, actors, date and place) with
  ``num_articles`` and ``num_sources``; ``events.merged_id`` links every report of it.
- ``mentions``: the actor mentions the annotator found (for highlighting).
- ``ingest_failures``: inputs that could not be read or coded, by reason.
- ``feeds``, ``feed_items``, ``feed_listings``: what ``dateline watch`` follows (migration 3).
- ``documents_fts``, ``events_fts``: FTS5 indexes (bm25 ranking).
- views ``event_rows`` (events with their evidence and actor codes) and ``story_rows``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import NotADatelineDatabase, SchemaTooNew, StoreError
from dateline.store.feeds import MIGRATION_FEEDS

# "DTLN" as a big-endian 32-bit integer; SQLite stores it at offset 68 of the header.
APPLICATION_ID = int.from_bytes(b"DTLN", "big")
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100

MIGRATION_1 = """
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_doc_id TEXT NOT NULL,
    num_documents INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    record TEXT,
    format TEXT NOT NULL,
    title TEXT,
    url TEXT,
    outlet TEXT,
    source_name TEXT NOT NULL,       -- who published it, for num_sources (see stories.py)
    published TEXT,
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'unknown',
    language TEXT,
    byline TEXT NOT NULL DEFAULT '[]',   -- JSON list of authors
    dateline_text TEXT,
    dateline_place TEXT,
    dateline_date TEXT,
    dateline_precision TEXT,
    dateline_agency TEXT,
    num_paragraphs INTEGER NOT NULL,
    num_events INTEGER NOT NULL DEFAULT 0,
    body_hash TEXT NOT NULL,         -- sha256 of the normalised body: exact copies share it
    story_id TEXT REFERENCES stories(id),
    duplicate_of TEXT REFERENCES documents(id),   -- an earlier exact copy
    similarity REAL,                 -- estimated Jaccard with the story's closest article
    position INTEGER NOT NULL        -- order of arrival
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_body_hash ON documents(body_hash);
CREATE INDEX documents_date ON documents(date);
CREATE UNIQUE INDEX documents_position ON documents(position);

CREATE TABLE paragraphs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,          -- offset in the document text (Document.text)
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;

CREATE TABLE date_decisions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT,
    precision TEXT NOT NULL,
    rule TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;

CREATE TABLE document_minhash (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL          -- MinHash hash values, uint64 little-endian
) WITHOUT ROWID;

CREATE TABLE document_lsh (
    band_key TEXT NOT NULL,          -- band number and hash of that band of the signature
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, doc_id)
) WITHOUT ROWID;

CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,
    merge_key TEXT NOT NULL UNIQUE,  -- type | source codes | target codes | date | place
    event_id TEXT NOT NULL UNIQUE,   -- the first report: the merged event is shown as it
    type TEXT NOT NULL,
    date TEXT,
    place_name TEXT,
    source_codes TEXT NOT NULL,
    target_codes TEXT NOT NULL,
    num_events INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_stories INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
    seq INTEGER PRIMARY KEY,         -- order of arrival; the rowid of events_fts
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,       -- order within its document
    type TEXT NOT NULL,
    quad_class TEXT,
    cameo TEXT,
    mode TEXT,
    context TEXT,
    status TEXT NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'unknown',
    place_name TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    place_rule TEXT,
    source_codes TEXT NOT NULL DEFAULT '',   -- "UKR GOV;FRA GOV": for display and export
    target_codes TEXT NOT NULL DEFAULT '',
    attributed_code TEXT,
    merged_id TEXT REFERENCES merged_events(id)
);
CREATE INDEX events_doc ON events(doc_id, position);
-- Pages are "newest first": (date, id) ends every index a filter walks, so a page of 50 is
-- read in order from the index instead of sorting every match.
CREATE INDEX events_date ON events(date, id);
CREATE INDEX events_type_date ON events(type, date, id);
CREATE INDEX events_status_date ON events(status, date, id);
CREATE INDEX events_context_date ON events(context, date, id);
CREATE INDEX events_place ON events(place_name COLLATE NOCASE, date, id);
CREATE INDEX events_place_country ON events(place_country, date, id);
CREATE INDEX events_merged ON events(merged_id);

-- Actor filters: one row per event and key (an actor's code, country or organisation),
-- by role: "*" (source or target), "s" (source), "t" (target). The primary key walks one
-- actor's events newest first.
CREATE TABLE event_keys (
    key TEXT NOT NULL,               -- "*:UKR", "s:UKR GOV", "t:NATO"
    date TEXT NOT NULL,              -- the event's date, '' when it has none
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (key, date, event_id)
) WITHOUT ROWID;

CREATE TABLE evidence (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    trigger_start INTEGER,
    trigger_end INTEGER,
    rule TEXT NOT NULL,              -- id of the trigger pattern
    rules TEXT NOT NULL DEFAULT '[]' -- JSON list of every rule that fired
) WITHOUT ROWID;

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('source', 'target', 'attributed')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    code TEXT,
    country TEXT,
    org TEXT,
    sector TEXT,
    name TEXT,
    start INTEGER,
    "end" INTEGER,
    rule TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, role, position)
) WITHOUT ROWID;
CREATE INDEX event_actors_code ON event_actors(code);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    code TEXT,
    country TEXT,
    org TEXT,
    sector TEXT,
    name TEXT,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE INDEX mentions_code ON mentions(code);

CREATE TABLE ingest_failures (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    record TEXT,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (source, record, reason)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
);
-- Contentless: the sentence is in evidence; rowid = events.seq.
CREATE VIRTUAL TABLE events_fts USING fts5(
    sentence, content = '', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW event_rows AS
SELECT e.id, e.doc_id, e.type, e.quad_class, e.status, e.mode, e.context, e.date,
       e.place_name, e.place_country, e.source_codes, e.target_codes, e.attributed_code,
       v.sentence, v.trigger, v.rule, e.merged_id,
       m.num_articles, m.num_sources, d.title AS doc_title, d.source_name
FROM events e
JOIN evidence v ON v.event_id = e.id
JOIN documents d ON d.id = e.doc_id
LEFT JOIN merged_events m ON m.id = e.merged_id;

CREATE VIEW merged_event_rows AS
SELECT m.id, m.type, m.date, m.place_name, m.source_codes, m.target_codes,
       m.num_events, m.num_articles, m.num_sources, e.status, e.context, v.sentence,
       e.id AS event_id, e.doc_id
FROM merged_events m
JOIN events e ON e.id = m.event_id
JOIN evidence v ON v.event_id = e.id;

CREATE VIEW story_rows AS
SELECT s.id AS story_id, s.title AS story_title, s.num_documents, s.num_sources,
       d.id AS doc_id, d.title, d.source_name, d.date, d.duplicate_of, d.similarity
FROM stories s JOIN documents d ON d.story_id = s.id;
"""

# Migration 2 runs the actor knowledge base's DDL (owned by dateline.actors.kb); migration 3
# adds the tables of ``dateline watch`` (feeds, feed_items, feed_listings; see store.feeds).
MIGRATIONS: tuple[str, ...] = (MIGRATION_1, "@actor_kb", MIGRATION_FEEDS)
SCHEMA_VERSION = len(MIGRATIONS)


def kb_schema_sql() -> str | None:
    """The actor knowledge base DDL, or None while ``dateline.actors.kb`` is not there."""
    try:
        from dateline.actors.kb import KB_SCHEMA_SQL
    except ImportError:
        return None
    return str(KB_SCHEMA_SQL)


def statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (triggers with inner ``;`` stay whole)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending.strip()
            pending = ""
    if pending.strip() and pending.strip() != ";":
        yield pending.strip()


def check_file(path: Path) -> bool:
    """Check that ``path`` is absent, empty, or a SQLite file; True when it has content.

    Reads the 100-byte header only. Raises ``NotADatelineDatabase`` for anything else
    (a text file, a truncated or overwritten database). Writes nothing.
    """
    if not path.exists():
        return False
    if path.is_dir():
        raise NotADatelineDatabase(f"{path} is a folder, not a dateline database")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not header:
        # Empty, unless a killed first run left everything in the write-ahead log.
        return Path(f"{path}-wal").exists()
    if len(header) < HEADER_BYTES or not header.startswith(SQLITE_MAGIC):
        raise NotADatelineDatabase(
            f"{path} is not a dateline database (not an SQLite file, or corrupt); "
            "give another --db path"
        )
    return True


def inspect(path: Path) -> tuple[int, int, int]:
    """Open ``path`` read-only and return (application_id, user_version, number of tables).

    Raises ``NotADatelineDatabase`` when SQLite cannot read it (corrupt). Writes nothing.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatelineDatabase(
            f"{path} is not a readable dateline database ({exc}); give another --db path"
        ) from exc
    return int(app_id), int(version), int(tables)


def check_database(path: Path) -> int:
    """Decide whether ``path`` may be opened as a dateline database; return its version.

    0 means new (absent, empty, or an SQLite file with no tables at all). Raises
    ``NotADatelineDatabase`` for a foreign or corrupt file and ``SchemaTooNew`` for a
    database written by a newer dateline. Writes nothing.
    """
    if not check_file(path):
        return 0
    app_id, version, tables = inspect(path)
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and tables == 0:
            return 0
        raise NotADatelineDatabase(
            f"{path} is an SQLite database written by another program, not by dateline; "
            "give another --db path"
        )
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"{path} has schema version {version}, newer than this dateline understands "
            f"({SCHEMA_VERSION}); upgrade dateline to open it"
        )
    return version


def migrate_to(conn: sqlite3.Connection, target: int) -> int:
    """Bring the database of ``conn`` to version ``target`` (for tests of old versions)."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return migrate(conn, current, target)


def migrate(conn: sqlite3.Connection, current: int, target: int | None = None) -> int:
    """Apply every migration after ``current`` (up to ``target``, default the latest), one
    transaction each; return the new version. Raises ``sqlite3.Error``.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The actor knowledge
    base migration is skipped (and retried on a later open) while its module is missing.
    """
    version = current
    target = len(MIGRATIONS) if target is None else target
    for number, script in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        if number > target:
            break
        if script == "@actor_kb":
            kb_sql = kb_schema_sql()
            if kb_sql is None:
                break  # keep version < SCHEMA_VERSION so a later open runs it
            script = kb_sql
        conn.execute("BEGIN IMMEDIATE")
        try:
            if number == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = number
    return version
