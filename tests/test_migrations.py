"""Schema versions: new, older (upgraded), newer (refused); foreign or corrupt files (refused,
untouched)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dateline.errors import NotADatelineDatabase, SchemaTooNew, StoreError
from dateline.store import EventFilter, Store, schema
from fixtures.store.factory import corpus


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def versions(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        return (conn.execute("PRAGMA application_id").fetchone()[0],
                conn.execute("PRAGMA user_version").fetchone()[0])  # fmt: skip


def test_new_database_is_marked_and_current(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert versions(path) == (schema.APPLICATION_ID, schema.SCHEMA_VERSION)


def test_every_table_has_clear_names_and_the_kb_table_exists(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    for name in ("documents", "paragraphs", "date_decisions", "events", "evidence",
                 "event_actors", "stories", "merged_events", "mentions", "ingest_failures",
                 "documents_fts", "events_fts", "event_rows", "merged_event_rows",
                 "story_rows"):  # fmt: skip
        assert name in names
    assert "actor_kb" in names


def test_views_work(tmp_path: Path) -> None:
    with Store.open(tmp_path / "v.db") as store:
        store.add(corpus())
        rows = store.conn.execute("SELECT * FROM event_rows WHERE type = 'CONSULT'").fetchall()
        assert len(rows) == 3 and rows[0]["num_articles"] == 3
        assert len(store.conn.execute("SELECT * FROM merged_event_rows").fetchall()) == 5
        assert len(store.conn.execute("SELECT * FROM story_rows").fetchall()) == 6


def test_older_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    """A version-1 database (written before the knowledge-base table) is brought up to date."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate_to(conn, 1) == 1
    conn.close()
    assert versions(path) == (schema.APPLICATION_ID, 1)
    with Store.open(path) as store:  # writable: upgrades
        assert store.version == schema.SCHEMA_VERSION
        store.add(corpus())
        assert "actor_kb" in {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert versions(path)[1] == schema.SCHEMA_VERSION
    with Store.open(path, readonly=True) as store:
        assert store.summary().counts["documents"] == 6


def test_migration_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails half-way leaves the database at its previous version."""
    path = tmp_path / "half.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate_to(conn, 1)
    conn.close()
    broken = (schema.MIGRATIONS[0], "CREATE TABLE fine (x);\nCREATE TABLE broken (;")
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        Store.open(path)
    monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert (
            conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'fine'").fetchone()[0]
            == 0
        )


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(SchemaTooNew, match="newer"):
            Store.open(path, readonly=readonly)
    assert digest(path) == before


@pytest.mark.parametrize(
    "content",
    [
        b"Leaders met in Paris on Tuesday.\n" * 20,  # a text file
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,  # an image
        b"SQLite format 3\x00" + b"\xff" * 84 + b"\x00" * 4000,  # a mangled SQLite header
        b"SQLite format 3\x00",  # truncated
    ],
    ids=["text", "binary", "corrupt-sqlite", "truncated"],
)
def test_foreign_or_corrupt_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    for readonly in (False, True):
        with pytest.raises(NotADatelineDatabase, match="not a"):
            Store.open(path, readonly=readonly)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_programs_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('A', '1')")
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatelineDatabase, match="another program"):
        Store.open(path)
    assert digest(path) == before


def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotADatelineDatabase, match="folder"):
        Store.open(tmp_path)


def test_statements_keep_triggers_whole() -> None:
    script = (
        "CREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  SELECT 1;\nEND;\n"
        "CREATE INDEX i ON a(x);"
    )
    parts = list(schema.statements(script))
    assert len(parts) == 3 and parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


# The sha256 of each shipped migration. A shipped migration is never edited (databases have
# applied it): change the schema with a new numbered migration and add its digest here.
SHIPPED = (
    "06ab7803293f8ee6f224a689d2c9ed15df7ad2e2379ddd14fc5dbb3e1edc97d0",
    "cfcf771f274563849d75eef32a1b42ef9e54597344f8c2ac3f5654c9fce8f947",
    "c78028b217569eb507ffb5172008b0910ad2b04e99d51ce8b4cd8a8e25cbe5bf",
    "41811717cd616430ee2306bb1ee44e6c130880f6b788d6ea4b4e3a6902db1dac",
    "81f54ad6c6bd5278ae9727a5e7d4a208f9aa3aa58aec759729c2723a83cff8a6",
    "a157d957502251b78ace2330767c7b7e7c5b4ef91f12e1bf30e04d4650c05f13",
    "e618454d54cec16e950340547bedec80c4be157ff54f3a548bcbd76c298c1fe6",
    "0bab20bac2907dacbc3feb96a7571b6fbbdcf9215d54b26b1d4e5e419df0325f",
    "e5561e31715d4d13d4c86bf73500490cd2122abac535da18eb2e3a404969646c",
)


def test_shipped_migrations_are_fixed_text() -> None:
    """Regression (issue 12): migration 2 was a marker resolved at run time to the DDL in
    ``actors/kb.py``, so editing that DDL silently changed an applied migration."""
    assert all(isinstance(m, str) and m.lstrip().startswith(("CREATE", "DROP", "DELETE"))
               for m in schema.MIGRATIONS)  # fmt: skip
    digests = tuple(hashlib.sha256(m.encode()).hexdigest() for m in schema.MIGRATIONS)
    assert digests[: len(SHIPPED)] == SHIPPED


def test_a_database_written_with_the_runtime_kb_marker_still_opens(tmp_path: Path) -> None:
    """A version-2 database from before the fix (migration 2 then ran the DDL text read from
    ``actors/kb.py``, identical to today's fixed text) opens, keeps its data and its rows."""
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate_to(conn, 1)
    conn.execute("BEGIN")
    for statement in schema.statements(schema.MIGRATION_2):
        conn.execute(statement)
    conn.execute("INSERT INTO actor_kb (name, code, source) VALUES ('Jane Doe', 'CAN GOV', 'user')")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        store.add(corpus())
        assert [(r.name, r.code) for r in store.kb_records()] == [("Jane Doe", "CAN GOV")]


def test_a_file_with_only_an_early_kb_table_is_adopted(tmp_path: Path) -> None:
    """``dateline actors set`` used to create a bare ``actor_kb`` table in a new file, which
    every other command then refused as "written by another program": such a file becomes
    a dateline database and keeps its corrections."""
    path = tmp_path / "early.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(schema.MIGRATION_2)
        conn.execute(
            "INSERT INTO actor_kb (name, code, source) VALUES ('Jane Doe', 'CAN GOV', 'user')"
        )
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert [r.name for r in store.kb_records()] == ["Jane Doe"]
    assert versions(path) == (schema.APPLICATION_ID, schema.SCHEMA_VERSION)


AGGREGATES = (
    "SELECT kind, key, n, coalesce(label, '') FROM aggregates WHERE n > 0 ORDER BY kind, key"
)


def _forget_feeds(conn: sqlite3.Connection) -> None:
    """Drop what migration 5 (the tables of ``dateline watch``) made, so that a database can be
    set back to an earlier version and migrated forward again."""
    for name in ("feed_listings", "feed_items", "feeds"):
        conn.execute(f"DROP TABLE {name}")
    conn.execute("DROP INDEX documents_url")


def test_migration_3_fills_the_aggregates_from_stored_rows(tmp_path: Path) -> None:
    """A version-2 database with data gains the aggregates, equal to counting the rows."""
    import dataclasses

    from dateline.models import Actor, CodedDocument
    from dateline.store import query

    path = tmp_path / "agg.db"
    docs = corpus()
    them = Actor("them", None, rule="test.hand")  # an uncoded actor: paired by its words
    changed = [dataclasses.replace(e, target=[them, *e.target]) for e in docs[0].events]
    with Store.open(path) as store:
        store.add([CodedDocument(docs[0].document, changed, docs[0].annotated), *docs[1:]])
        expected = query.summary_by_scan(store.conn)
        timeline = store.timeline(by="day")
        kept = store.conn.execute(AGGREGATES).fetchall()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE aggregates")  # as a version-2 database has none
    _forget_feeds(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert store.summary() == expected
        assert store.timeline(by="day") == timeline
        # Every count the writer kept equals the migration's count from the rows.
        assert [tuple(r) for r in store.conn.execute(AGGREGATES)] == [tuple(r) for r in kept]


def test_migration_4_numbers_the_sentences_as_the_writer_does(tmp_path: Path) -> None:
    """The full-text index rebuilt by migration 4 equals the one the writer keeps."""
    from dateline.store import fulltext

    path = tmp_path / "fts.db"
    with Store.open(path) as store:
        store.add(corpus())
        kept = store.conn.execute("SELECT rowid FROM events_fts ORDER BY rowid").fetchall()
        seqs = store.conn.execute("SELECT seq, date FROM events ORDER BY seq").fetchall()
    assert sorted(r[0] for r in kept) == sorted(fulltext.rowid(d, s) for s, d in seqs)
    conn = sqlite3.connect(path, isolation_level=None)
    _forget_feeds(conn)
    conn.execute("PRAGMA user_version = 3")  # as a version-3 database, numbered by seq
    conn.close()
    with Store.open(path) as store:
        rebuilt = store.conn.execute("SELECT rowid FROM events_fts ORDER BY rowid").fetchall()
        assert [r[0] for r in rebuilt] == [r[0] for r in kept]
        assert [e.type for e in store.events(EventFilter(text="drones"))] == ["ASSAULT"]


@pytest.mark.parametrize("date", [
    None, "", "2027", "2025-09", "2025-09-14", "2025-09-14T10:30", "--05-09", "2026-02-30",
    "1999-12-31", "0001-01-01", "9999-12-31", "20x5", "2025-9",
])  # fmt: skip
def test_day_key_in_sql_and_python_agree(date: str | None) -> None:
    from dateline.store import fulltext

    conn = sqlite3.connect(":memory:")
    sql = "SELECT " + fulltext.DAY_KEY_SQL.format(date="?")
    assert conn.execute(sql, [date] * sql.count("?")).fetchone()[0] == fulltext.day_key(date)
    # ... and migration 4's copy of it is the same text.
    assert fulltext.DAY_KEY_SQL.format(date="e.date") in schema.MIGRATION_4


def test_migration_6_counts_pairs_through_an_index_on_the_event(tmp_path: Path) -> None:
    """Regression: without an index on ``event_keys.event_id`` the pair count scanned every
    target key of the database for each source key, and upgrading a million-event database
    never ended. With the migration's own temporary index each key is one index probe, and
    the index is gone afterwards."""
    path = tmp_path / "plan.db"
    with Store.open(path) as store:
        store.add(corpus())
    conn = sqlite3.connect(path)
    statements = [s.strip() for s in schema.MIGRATION_6.split(";") if s.strip()]
    create = next(s for s in statements if s.startswith("CREATE INDEX"))
    pairs = next(s for s in statements if s.startswith("INSERT") and "'pair'" in s)
    conn.execute(create)
    plan = " | ".join(
        row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + pairs.split("\n", 1)[1])
    )
    assert plan.count("event_keys_upgrade_6") == 2, plan
    conn.execute("DROP INDEX event_keys_upgrade_6")
    kept = conn.execute("SELECT key, n FROM aggregates WHERE kind = 'pair' ORDER BY key").fetchall()
    conn.execute("PRAGMA user_version = 5")  # as a database from before migration 6
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        again = store.conn.execute(
            "SELECT key, n FROM aggregates WHERE kind = 'pair' ORDER BY key"
        ).fetchall()
    assert "event_keys_upgrade_6" not in names
    assert [tuple(r) for r in again] == [tuple(r) for r in kept] and kept
