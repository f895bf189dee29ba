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
- ``actor_kb``: learned and corrected office-holders (migration 2).
- ``aggregates``: counts kept up to date on write, for the summary and timeline (migration 3).
- ``documents_fts``, ``events_fts``: FTS5 indexes (bm25 ranking); ``events_fts`` is
  numbered by date (migration 4, see ``fulltext``).
- ``feeds``, ``feed_items``, ``feed_listings``: what ``dateline watch`` follows (migration 5,
  text in ``store.feeds``).
- views ``event_rows`` (events with their evidence and actor codes) and ``story_rows``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import NotADatelineDatabase, SchemaTooNew, StoreError
from dateline.store import readonly
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

# The actor knowledge base: office-holders learned from articles or set by a person
# (``dateline.actors.kb`` holds the data-file ones in memory and reads these rows).
# "IF NOT EXISTS": before this text was fixed here, ``dateline actors set`` created the table
# on its own in files that had no other dateline table.
MIGRATION_2 = """
CREATE TABLE IF NOT EXISTS actor_kb (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    country TEXT,
    org TEXT,
    sector TEXT,
    office TEXT,
    since TEXT,
    until TEXT,
    source TEXT NOT NULL CHECK (source IN ('data', 'learned', 'user')),
    provenance TEXT,
    doc_id TEXT,
    sentence INTEGER,
    evidence TEXT,
    removed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (name, code, office, source)
);
CREATE INDEX IF NOT EXISTS actor_kb_name ON actor_kb (name);
CREATE INDEX IF NOT EXISTS actor_kb_code ON actor_kb (code);
"""

# Counts kept up to date by every write (``write.Aggregates``), so ``summary``, the overview
# and the whole-database timeline read a few hundred rows instead of scanning millions. This
# migration fills them from the rows already stored. ``kind`` / ``key``:
# - total / documents, events, merged_events, stories, duplicates, exact_copies
# - source / source_name, format / format: documents
# - type / TYPE, status / status, actor / code (``label``: a name): merged events, through
#   their first report, as ``summary`` counts them
# - day / "DATE<TAB>TYPE<TAB>QUAD_CLASS": merged events per date (as stored: a day, a month,
#   a year, or '') and type, for the timeline
# - key / an ``event_keys`` key ("*:UKR", "s:FRA GOV"): merged events per actor filter
# - kdyad / "*:KEY<US>SOURCE<US>TARGET<US>TYPE" (US: char 31): for each actor, the
#   source → target pairs of its merged events, as ``dyads`` pairs them (code, else words)
MIGRATION_3 = """
CREATE TABLE aggregates (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    label TEXT,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

INSERT INTO aggregates (kind, key, n) SELECT 'total', 'documents', count(*) FROM documents;
INSERT INTO aggregates (kind, key, n) SELECT 'total', 'events', count(*) FROM events;
INSERT INTO aggregates (kind, key, n)
    SELECT 'total', 'merged_events', count(*) FROM merged_events;
INSERT INTO aggregates (kind, key, n) SELECT 'total', 'stories', count(*) FROM stories;
INSERT INTO aggregates (kind, key, n)
    SELECT 'total', 'duplicates', count(*) FROM documents d JOIN stories s ON s.id = d.story_id
    WHERE s.first_doc_id <> d.id;
INSERT INTO aggregates (kind, key, n)
    SELECT 'total', 'exact_copies', count(*) FROM documents WHERE duplicate_of IS NOT NULL;
INSERT INTO aggregates (kind, key, n)
    SELECT 'source', source_name, count(*) FROM documents GROUP BY source_name;
INSERT INTO aggregates (kind, key, n)
    SELECT 'format', format, count(*) FROM documents GROUP BY format;
INSERT INTO aggregates (kind, key, n)
    SELECT 'type', e.type, count(*) FROM merged_events m JOIN events e ON e.id = m.event_id
    GROUP BY e.type;
INSERT INTO aggregates (kind, key, n)
    SELECT 'status', e.status, count(*) FROM merged_events m JOIN events e ON e.id = m.event_id
    GROUP BY e.status;
INSERT INTO aggregates (kind, key, n, label)
    SELECT 'actor', a.code, count(DISTINCT a.event_id), coalesce(max(a.name), '')
    FROM merged_events m JOIN event_actors a ON a.event_id = m.event_id
    WHERE a.code IS NOT NULL AND a.role IN ('source', 'target') GROUP BY a.code;
INSERT INTO aggregates (kind, key, n)
    SELECT 'day', coalesce(e.date, '') || char(9) || e.type || char(9)
                  || coalesce(e.quad_class, ''), count(*)
    FROM merged_events m JOIN events e ON e.id = m.event_id GROUP BY 2;
INSERT INTO aggregates (kind, key, n)
    SELECT 'key', k.key, count(*) FROM merged_events m JOIN event_keys k
    ON k.event_id = m.event_id GROUP BY k.key;
INSERT INTO aggregates (kind, key, n)
    SELECT 'kdyad', k.key || char(31) || coalesce(s.code, s.text) || char(31)
                    || coalesce(t.code, t.text) || char(31) || e.type, count(DISTINCT e.id)
    FROM merged_events m JOIN events e ON e.id = m.event_id
    JOIN event_keys k ON k.event_id = e.id AND k.key GLOB '[*]:*'
    JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'
    JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'
    GROUP BY 2;
"""

# The evidence sentences' full-text index is numbered by date, so that it lists the matches
# of any words newest first (``fulltext``): rowid = day_key(date) << 32 | seq, where
# migration 1 used seq. Rebuilt from the stored sentences. (Written out here, not built from
# ``fulltext.DAY_KEY_SQL``: a migration is fixed text; a test checks the two agree.)
MIGRATION_4 = """
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
    sentence, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (rowid, sentence)
SELECT (CASE
  WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN CAST(substr(e.date, 1, 4) || substr(e.date, 6, 2) || substr(e.date, 9, 2) AS INTEGER)
  WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
    THEN CAST(substr(e.date, 1, 4) || substr(e.date, 6, 2) AS INTEGER) * 100
  WHEN e.date GLOB '[0-9][0-9][0-9][0-9]*' THEN CAST(substr(e.date, 1, 4) AS INTEGER) * 10000
  ELSE 0 END) << 32 | e.seq, v.sentence
FROM events e JOIN evidence v ON v.event_id = e.id ORDER BY e.seq;
"""

# Counts for one actor's timeline and for one source → target pair, kept by every write
# (``write._count_merged``) like those of migration 3, so an actor's page reads a few
# thousand rows instead of its events. Filled here from the rows already stored:
# - kday / "*:KEY<TAB>DATE<TAB>TYPE<TAB>QUAD_CLASS": merged events per actor key (any role),
#   date as stored and type: ``timeline(actor=KEY)`` without reading an event
# - pair / "s:KEY<US>t:KEY": merged events with that source key and that target key:
#   ``count_events(source=A, target=B)``
# (The DELETE first: the counts are rebuilt whole, whatever a database holds. The index on
# event_id lives only while the counts are filled: without it each source key of an event
# would scan every target key of the database, and a million-event upgrade never ends.)
MIGRATION_6 = """
DELETE FROM aggregates WHERE kind IN ('kday', 'pair');
CREATE INDEX event_keys_upgrade_6 ON event_keys(event_id, key);
INSERT INTO aggregates (kind, key, n)
    SELECT 'kday', k.key || char(9) || coalesce(e.date, '') || char(9) || e.type || char(9)
                   || coalesce(e.quad_class, ''), count(*)
    FROM merged_events m JOIN events e ON e.id = m.event_id
    JOIN event_keys k ON k.event_id = e.id AND k.key GLOB '[*]:*'
    GROUP BY 2;
INSERT INTO aggregates (kind, key, n)
    SELECT 'pair', s.key || char(31) || t.key, count(*)
    FROM merged_events m
    CROSS JOIN event_keys s ON s.event_id = m.event_id AND s.key GLOB 's:*'
    CROSS JOIN event_keys t ON t.event_id = m.event_id AND t.key GLOB 't:*'
    GROUP BY 2;
DROP INDEX event_keys_upgrade_6;
"""

# An actor's name (``lookups.actor_name``: its commonest resolved name) is counted from the
# index alone, not from one table row per mention of the actor: hundreds of thousands for a
# busy one. The new index does all the old one did (its first column is ``code``).
MIGRATION_7 = """
DROP INDEX IF EXISTS event_actors_code;
CREATE INDEX IF NOT EXISTS event_actors_code_name ON event_actors(code, name);
"""

# Pages sorted by source or by target walk these in order (``pages.SORT_INDEX``), as the
# other sorts walk theirs: without them a sorted page of a million events sorts them all.
MIGRATION_8 = """
CREATE INDEX IF NOT EXISTS events_source_date ON events(source_codes, date, id);
CREATE INDEX IF NOT EXISTS events_target_date ON events(target_codes, date, id);
"""

# Counts for the map, kept by every write (``write._count_merged``) like those of migration
# 6, so that the map of everything, of a type or of one actor reads a few thousand rows
# instead of its events. Filled here from the rows already stored:
# - place / "PLACE<US>TYPE": merged events at a place (its name as stored) of a type
# - kplace / "*:KEY<US>PLACE<US>TYPE": the same for the merged events of one actor key
MIGRATION_9 = """
DELETE FROM aggregates WHERE kind IN ('place', 'kplace');
INSERT INTO aggregates (kind, key, n)
    SELECT 'place', e.place_name || char(31) || e.type, count(*)
    FROM merged_events m JOIN events e ON e.id = m.event_id
    WHERE e.place_name IS NOT NULL
    GROUP BY 2;
INSERT INTO aggregates (kind, key, n)
    SELECT 'kplace', k.key || char(31) || e.place_name || char(31) || e.type, count(*)
    FROM merged_events m JOIN events e ON e.id = m.event_id
    JOIN event_keys k ON k.event_id = e.id AND k.key GLOB '[*]:*'
    WHERE e.place_name IS NOT NULL
    GROUP BY 2;
"""

# A shipped migration is never edited: a change to the schema is a new numbered migration
# (tests/test_migrations.py pins the text of each one).
MIGRATIONS: tuple[str, ...] = (
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    MIGRATION_4,
    MIGRATION_FEEDS,
    MIGRATION_6,
    MIGRATION_7,
    MIGRATION_8,
    MIGRATION_9,
)
SCHEMA_VERSION = len(MIGRATIONS)


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


# What ``dateline actors set`` wrote in a new file before the store owned the table: such a
# file is adopted (migration 2 keeps its rows) rather than refused as another program's.
EARLY_KB_NAMES = frozenset(
    {"actor_kb", "actor_kb_name", "actor_kb_code", "sqlite_autoindex_actor_kb_1"}
)


def inspect(path: Path) -> tuple[int, int, int]:
    """Open ``path`` read-only and return (application_id, user_version, number of schema
    objects, not counting an early ``actor_kb`` table: see ``EARLY_KB_NAMES``).

    Raises ``NotADatelineDatabase`` when SQLite cannot read it (corrupt). Writes nothing.
    """
    try:
        # Creates no -wal/-shm beside a file it may refuse, and reads in a read-only folder.
        conn = readonly.connect(path, check_only=True).conn
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            tables = len(names - EARLY_KB_NAMES) if app_id == 0 and version == 0 else len(names)
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


# Indexes that no write reads (only pages, filters and timelines do): a bulk load
# (``Store.bulk``) drops them and builds each once at the end, sorting its rows, instead of
# inserting millions of keys at random places in it. The text is that of the migration
# that made each one (a test checks it); ``restore_indexes`` puts back any that a killed
# bulk load left missing.
DEFERRED_INDEXES: dict[str, str] = {
    "events_date": "CREATE INDEX events_date ON events(date, id)",
    "events_type_date": "CREATE INDEX events_type_date ON events(type, date, id)",
    "events_status_date": "CREATE INDEX events_status_date ON events(status, date, id)",
    "events_context_date": "CREATE INDEX events_context_date ON events(context, date, id)",
    "events_place": "CREATE INDEX events_place ON events(place_name COLLATE NOCASE, date, id)",
    "events_place_country": (
        "CREATE INDEX events_place_country ON events(place_country, date, id)"
    ),
    "event_actors_code_name": (
        "CREATE INDEX IF NOT EXISTS event_actors_code_name ON event_actors(code, name)"
    ),
    "events_source_date": (
        "CREATE INDEX IF NOT EXISTS events_source_date ON events(source_codes, date, id)"
    ),
    "events_target_date": (
        "CREATE INDEX IF NOT EXISTS events_target_date ON events(target_codes, date, id)"
    ),
    "mentions_code": "CREATE INDEX mentions_code ON mentions(code)",
    "documents_date": "CREATE INDEX documents_date ON documents(date)",
}


def missing_indexes(conn: sqlite3.Connection) -> list[str]:
    """The names of ``DEFERRED_INDEXES`` the database lacks (a bulk load under way, or one
    that was killed)."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [name for name in DEFERRED_INDEXES if name not in present]


def drop_deferred_indexes(conn: sqlite3.Connection) -> None:
    """Drop the ``DEFERRED_INDEXES`` (in the caller's transaction)."""
    for name in DEFERRED_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def restore_indexes(conn: sqlite3.Connection) -> list[str]:
    """Build the ``DEFERRED_INDEXES`` the database lacks, in one transaction; return their
    names.

    ``conn`` must be in autocommit mode. Raises ``sqlite3.Error``.
    """
    names = missing_indexes(conn)
    if not names:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in names:
            conn.execute(DEFERRED_INDEXES[name])
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return names


def migrate_to(conn: sqlite3.Connection, target: int) -> int:
    """Bring the database of ``conn`` to version ``target`` (for tests of old versions)."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return migrate(conn, current, target)


def migrate(conn: sqlite3.Connection, current: int, target: int | None = None) -> int:
    """Apply every migration after ``current`` (up to ``target``, default the latest), one
    transaction each; return the new version. Raises ``sqlite3.Error``.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    version = current
    target = len(MIGRATIONS) if target is None else target
    for number, script in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        if number > target:
            break
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
