"""Counts the writer keeps (``aggregates``) equal a recount from the rows, after adding,
adding again and upgrading; bulk loads leave the same database as plain adds."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from dateline.models import QUAD_CLASS, CodedDocument
from dateline.store import EventFilter, Store, schema
from fixtures.store.factory import corpus

EVERY_TYPE = ",".join(QUAD_CLASS)
BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "store_speed.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("store_speed", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def synthetic(total_events: int) -> list[CodedDocument]:
    """The benchmark's articles: many actors, organisations, places and near-copies."""
    return list(_benchmark().synthetic_documents(total_events, seed=3))


def aggregate_rows(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    return [
        (str(k), str(key), int(n))
        for k, key, n in conn.execute(
            "SELECT kind, key, n FROM aggregates WHERE n > 0 ORDER BY kind, key"
        )
    ]


def recount(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """The ``kday`` and ``pair`` counts of migration 6, recounted from the rows."""
    found = []
    for statement in schema.statements(schema.MIGRATION_6):
        if statement.startswith("INSERT"):
            select = statement[statement.index("SELECT") :].rstrip(";")
            kind = "kday" if "'kday'" in select else "pair"
            found += [(kind, str(key), int(n)) for _, key, n in conn.execute(select)]
    return sorted(found)


def kept(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    return [r for r in aggregate_rows(conn) if r[0] in ("kday", "pair")]


def codes(store: Store) -> Iterator[str]:
    found = {r[0].split(":", 1)[1] for r in store.conn.execute("SELECT key FROM event_keys")}
    yield from sorted(found)


def test_actor_day_and_pair_counts_equal_a_recount_after_each_batch(tmp_path: Path) -> None:
    docs = [*corpus(), *synthetic(400)]
    with Store.open(tmp_path / "agg.db") as store:
        for batch in (docs[:3], docs[3:20], docs, docs[20:]):  # the third adds again
            store.add(batch)
            assert kept(store.conn) == recount(store.conn)
            assert kept(store.conn)


def test_actor_timeline_and_pair_counts_read_from_aggregates_equal_the_rows(
    tmp_path: Path,
) -> None:
    """An actor's timeline and a source → target count come from the kept counts; a type
    filter naming every type sends the same question through the rows."""
    with Store.open(tmp_path / "q.db") as store:
        store.add([*corpus(), *synthetic(300)])
        some = list(codes(store))
        assert len(some) > 10
        for code in [*some, "NOBODY"]:
            for by in ("day", "week", "month"):
                for classes in (False, True):
                    fast = store.timeline(EventFilter(actor=code), by, classes=classes)
                    slow = store.timeline(
                        EventFilter(actor=code, type=EVERY_TYPE), by, classes=classes
                    )
                    assert fast == slow, (code, by, classes)
        for source in some[::3]:
            for target in some[::2]:
                pair = EventFilter(source=source, target=target)
                slow_pair = EventFilter(source=source, target=target, type=EVERY_TYPE)
                assert store.count_events(pair) == store.count_events(slow_pair), (source, target)
        assert any(
            store.count_events(EventFilter(source=s, target=t)) > 0 for s in some for t in some
        )


def test_actor_timeline_with_spaces_or_several_codes_is_counted_from_the_rows(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add(corpus())
        spaced = store.timeline(EventFilter(actor=" FRA "), "month")
        assert spaced == store.timeline(EventFilter(actor="FRA", type=EVERY_TYPE), "month")
        assert spaced
        both = store.timeline(EventFilter(actor="FRA,UKR"), "month")
        assert both == store.timeline(EventFilter(actor="FRA,UKR", type=EVERY_TYPE), "month")


def test_a_migration_5_database_is_upgraded_with_the_new_counts(tmp_path: Path) -> None:
    """Migration 6 fills the actor-day and pair counts of a database written before it."""
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.add([*corpus(), *synthetic(200)])
        expected = aggregate_rows(store.conn)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM aggregates WHERE kind IN ('kday', 'pair')")
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert aggregate_rows(store.conn) == expected


def test_a_migration_5_database_made_by_migrations_upgrades(tmp_path: Path) -> None:
    """A database whose schema stops at migration 5 opens at 6 with its rows."""
    path = tmp_path / "five.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate_to(conn, 5) == 5
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        store.add(corpus())
        assert kept(store.conn) == recount(store.conn)


def test_a_bulk_load_equals_plain_adds_and_rebuilds_its_indexes(tmp_path: Path) -> None:
    docs = [*corpus(), *synthetic(300)]
    with Store.open(tmp_path / "plain.db") as plain:
        for start in range(0, len(docs), 7):
            plain.add(docs[start : start + 7])
        plain_rows = aggregate_rows(plain.conn)
        plain_events = [e.id for e in plain.events(EventFilter(type="AGREE"), limit=500)]
    with Store.open(tmp_path / "bulk.db") as bulk:
        with bulk.bulk():
            assert set(schema.missing_indexes(bulk.conn)) == set(schema.DEFERRED_INDEXES)
            for start in range(0, len(docs), 7):
                bulk.add(docs[start : start + 7])
        assert schema.missing_indexes(bulk.conn) == []
        assert aggregate_rows(bulk.conn) == plain_rows
        assert [e.id for e in bulk.events(EventFilter(type="AGREE"), limit=500)] == plain_events
        plan = " ".join(
            str(r[3])
            for r in bulk.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM events WHERE type = 'AGREE' ORDER BY date"
            )
        )
        assert "events_type_date" in plan


def test_a_killed_bulk_load_gets_its_indexes_back_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    with Store.open(path) as store:
        store.add(corpus())
        with store.conn:
            store.conn.execute("BEGIN IMMEDIATE")
            schema.drop_deferred_indexes(store.conn)  # as ``bulk`` does on entry
    with sqlite3.connect(path) as conn:
        assert set(schema.missing_indexes(conn)) == set(schema.DEFERRED_INDEXES)
    with Store.open(path) as store:
        assert schema.missing_indexes(store.conn) == []


def test_an_error_inside_a_bulk_load_still_rebuilds_the_indexes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.db") as store:
        with pytest.raises(RuntimeError), store.bulk():
            store.add(corpus())
            raise RuntimeError("stop")
        assert schema.missing_indexes(store.conn) == []
        assert store.count_events(EventFilter(type="CONSULT")) == 1


def test_deferred_indexes_are_the_text_of_the_migration_that_made_them() -> None:
    for name, sql in schema.DEFERRED_INDEXES.items():
        assert f" {name} " in sql
        assert any(sql + ";" in m for m in schema.MIGRATIONS), name


def test_date_precisions_of_everything_and_of_one_actor_equal_the_rows(tmp_path: Path) -> None:
    """The overview and an actor page count events by date precision from the kept
    per-date counts; the rows give the same (month, year and undated events included)."""
    import dataclasses

    docs = [*corpus(), *synthetic(200)]
    partial = []
    for coded, date in zip(docs[:4], ("2027", "2025-09", None, "--05-09"), strict=True):
        events = [dataclasses.replace(e, date=date) for e in coded.events]
        partial.append(CodedDocument(coded.document, events, coded.annotated))
    with Store.open(tmp_path / "p.db") as store:
        store.add([*partial, *docs[4:]])
        fast = store.date_precisions()
        assert fast == store.date_precisions(EventFilter(type=EVERY_TYPE))
        assert fast["year"] and fast["month"] and fast["undated"] and fast["day"]
        for code in [*codes(store), "NOBODY"]:
            one = store.date_precisions(EventFilter(actor=code))
            assert one == store.date_precisions(EventFilter(actor=code, type=EVERY_TYPE)), code


def test_counts_of_types_dates_and_one_actor_from_kept_counts_equal_the_rows(
    tmp_path: Path,
) -> None:
    """An events list filtered by types, a date range and one actor is counted from the
    per-date counts; a status filter naming every status sends it through the rows. Month-,
    year-dated and undated events are kept or left out as the rows' date conditions do."""
    import dataclasses

    from dateline.models import STATUSES

    docs = [*corpus(), *synthetic(200)]
    partial = []
    for coded, date in zip(docs[:5], ("2027", "2025-09", None, "--05-09", "2026"), strict=True):
        events = [dataclasses.replace(e, date=date) for e in coded.events]
        partial.append(CodedDocument(coded.document, events, coded.annotated))
    every_status = ",".join(STATUSES)
    spans = [
        (None, None), ("2025-09-14", None), ("2026-01-01", "2026-01-31"), (None, "2025-09-30"),
        ("2027-03-01", "2027-03-02"), ("2025-01-01", "2027-12-31"),
    ]  # fmt: skip
    with Store.open(tmp_path / "c.db") as store:
        store.add([*partial, *docs[5:]])
        actors = [None, *list(codes(store))[::4], "NOBODY"]
        checked = 0
        for actor in actors:
            for type_ in (None, "AGREE", "agree,ASSAULT,consult"):
                for since, until in spans:
                    for undated in (False, True):
                        f = EventFilter(actor=actor, type=type_, since=since, until=until,
                                        undated=undated)  # fmt: skip
                        slow = dataclasses.replace(f, status=every_status)
                        n = store.count_events(f)
                        assert n == store.count_events(slow), f
                        assert store.count_events(f, cap=3) == min(n, 3)
                        checked += n > 0
        assert checked > 50
        assert store.count_events(EventFilter(undated=True)) > 0  # no date, or no year


def test_a_count_of_words_up_to_a_cap_equals_the_rows(tmp_path: Path) -> None:
    """Events whose sentence holds some words are counted from the newest matches up, to
    the cap; the rows (a status filter naming every status) give the same, merged reports
    once."""
    import dataclasses

    from dateline.models import STATUSES

    every_status = ",".join(STATUSES)
    with Store.open(tmp_path / "w.db") as store:
        store.add([*corpus(), *synthetic(300)])
        assert store.count_events(EventFilter()) < store.count_events(EventFilter(), merged=False)
        counted = []
        for words in ("the", "talks", "officials", '"security guarantees"', "zeppelin", "?!"):
            f = EventFilter(text=words)
            exact = store.count_events(dataclasses.replace(f, status=every_status))
            for cap in (1, 2, 3, 7, 50, 100_000):
                assert store.count_events(f, cap=cap) == min(exact, cap), (words, cap)
            counted.append(exact)
        assert max(counted) > 50 and 0 in counted


def test_every_pair_read_from_the_kept_counts_equals_the_rows(tmp_path: Path) -> None:
    """The dyads of the whole database come from each source's kept pairs, plus the pairs
    of sources without a code from the rows; a filter naming every type reads only rows."""
    import dataclasses

    docs = synthetic(300)
    for i, coded in enumerate(docs[:3]):  # sources named by their words only
        uncoded = [
            [dataclasses.replace(a, code=None, country=None, org=None) for a in e.source]
            for e in coded.events
        ]
        pairs = zip(coded.events, uncoded, strict=True)
        events = [dataclasses.replace(e, source=u) for e, u in pairs]
        docs[i] = CodedDocument(coded.document, events, coded.annotated)
    with Store.open(tmp_path / "d.db") as store:
        store.add([*corpus(), *docs])
        fast = store.dyads(EventFilter())
        assert fast == store.dyads(EventFilter(type=EVERY_TYPE))
        known = set(codes(store))
        assert any(d.source not in known for d in fast)  # a source named by its words
        assert sum(d.source in known for d in fast) > 20


def recount_places(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """The ``place`` and ``kplace`` counts of migration 9, recounted from the rows."""
    found = []
    for statement in schema.statements(schema.MIGRATION_9):
        if statement.startswith("INSERT"):
            select = statement[statement.index("SELECT") :].rstrip(";")
            found += [(str(kind), str(key), int(n)) for kind, key, n in conn.execute(select)]
    return sorted(found)


def kept_places(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    return [r for r in aggregate_rows(conn) if r[0] in ("place", "kplace")]


def test_place_counts_equal_a_recount_and_the_map_reads_them_as_the_rows_give(
    tmp_path: Path,
) -> None:
    """The map of everything, of types and of one actor is counted from the kept place
    counts; a status filter naming every status sends it through the rows."""
    import dataclasses

    from dateline.models import STATUSES

    docs = [*corpus(), *synthetic(300)]
    every_status = ",".join(STATUSES)
    with Store.open(tmp_path / "m.db") as store:
        for batch in (docs[:5], docs[5:40], docs):  # the last adds again
            store.add(batch)
            assert kept_places(store.conn) == recount_places(store.conn)
        assert len(kept_places(store.conn)) > 100
        for actor in [None, *list(codes(store))[::3], "NOBODY"]:
            for type_ in (None, "AGREE", "agree,ASSAULT,CONSULT"):
                f = EventFilter(actor=actor, type=type_)
                fast = store.places(f)
                assert fast == store.places(dataclasses.replace(f, status=every_status)), f
        everywhere = store.places()
        assert everywhere and all(p["lat"] is not None for p in everywhere[:5])
        assert sum(p["count"] for p in everywhere) <= store.count_events(EventFilter())


def test_a_migration_8_database_is_upgraded_with_the_place_counts(tmp_path: Path) -> None:
    path = tmp_path / "eight.db"
    with Store.open(path) as store:
        store.add([*corpus(), *synthetic(100)])
        expected = aggregate_rows(store.conn)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM aggregates WHERE kind IN ('place', 'kplace')")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store.open(path) as store:
        assert store.version == schema.SCHEMA_VERSION
        assert aggregate_rows(store.conn) == expected


def test_an_actor_name_is_its_commonest_name(tmp_path: Path) -> None:
    import dataclasses

    from dateline.models import Actor

    docs = corpus()

    def named(coded: CodedDocument, name: str) -> CodedDocument:
        actor = Actor("the minister", "XYZ GOV", country="XYZ", name=name, rule="test.hand")
        events = [dataclasses.replace(e, source=[actor]) for e in coded.events]
        return CodedDocument(coded.document, events, coded.annotated)

    with Store.open(tmp_path / "n.db") as store:
        # Four mentions of one name, one of the other (the greater, as text).
        ann, bea = "Ann Example", "Bea Example"
        store.add([named(docs[0], ann), named(docs[1], ann), named(docs[3], bea), *docs[4:]])
        assert store.actor_name("XYZ GOV") == ann
        plan = " ".join(
            str(r[3])
            for r in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT name FROM event_actors WHERE code = ? AND name IS NOT "
                "NULL GROUP BY name ORDER BY count(*) DESC LIMIT 1",
                ("XYZ GOV",),
            )
        )
        assert "COVERING INDEX event_actors_code_name" in plan
