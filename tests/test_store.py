"""The Store: writing coded documents, reading them back, stories, merged events, queries."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.models import QUAD_CLASS, CodedDocument, Document, ReadFailure
from dateline.store import EventFilter, KBRecord, Store
from fixtures.store.factory import corpus


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.add(corpus())
    return path


@pytest.fixture()
def store(db: Path) -> Store:
    with Store.open(db, readonly=True) as opened:
        yield opened


def test_add_counts_documents_events_and_copies(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        result = store.add(corpus())
        assert (result.documents, result.skipped, result.events) == (6, 0, 9)
        assert result.duplicates == 2  # the near-copy and the exact copy of the Paris story


def test_adding_again_changes_nothing(db: Path) -> None:
    def snapshot() -> list[tuple[str, int]]:
        with sqlite3.connect(db) as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
                )
            ]
            return [(t, conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables]

    before = snapshot()
    with Store.open(db) as store:
        result = store.add(corpus())
    assert (result.documents, result.skipped, result.events) == (0, 6, 0)
    assert snapshot() == before


def test_single_coded_document_is_accepted(tmp_path: Path) -> None:
    with Store.open(tmp_path / "one.db") as store:
        assert store.add(corpus()[3]).documents == 1


def test_document_round_trip(store: Store) -> None:
    for coded in corpus():
        got = store.get_document(coded.document.id)
        assert got is not None
        assert got.to_dict() == coded.document.to_dict()


def test_document_by_unique_prefix(store: Store) -> None:
    doc = corpus()[4].document
    assert store.get_document(doc.id[:9]) == store.get_document(doc.id)
    assert store.get_document(doc.id[4:12]) is not None  # without "doc-"
    assert store.get_document("doc-") is None  # ambiguous
    assert store.get_document("doc-zzzz") is None
    assert store.has_document(doc.id) and not store.has_document(doc.id[:9])


def test_event_round_trip(store: Store) -> None:
    for coded in corpus():
        for event in coded.events:
            got = store.get_event(event.id)
            assert got is not None
            original = event.to_dict()
            original["quad_class"] = QUAD_CLASS[event.type]  # the store fills it in
            stored = got.to_dict()
            assert {k: stored[k] for k in original} == original


def test_exact_and_near_copies_form_one_story(store: Store) -> None:
    wire, herald, courier = (c.document.id for c in corpus()[:3])
    stories = store.stories()
    assert len(stories) == 1
    assert stories[0].doc_ids == [wire, herald, courier]
    assert stories[0].num_sources == 3
    row = store.conn.execute(
        "SELECT duplicate_of, similarity FROM documents WHERE id = ?", (courier,)
    ).fetchone()
    assert row["duplicate_of"] == wire and row["similarity"] == 1.0
    row = store.conn.execute("SELECT duplicate_of, similarity FROM documents WHERE id = ?",
                             (herald,)).fetchone()  # fmt: skip
    assert row["duplicate_of"] is None and 0.5 <= row["similarity"] < 1.0
    other = store.story_of(corpus()[3].document.id)
    assert other is not None and other.num_documents == 1


def test_unrelated_article_with_shared_sentence_is_not_a_copy(tmp_path: Path) -> None:
    first = corpus()[3]
    doc = first.document
    other = Document(**{**doc.__dict__, "paragraphs": [doc.paragraphs[2], "An unrelated text "
                        "about grain exports through the Black Sea ports and shipping insurance "
                        "rates rising again this winter."]})  # fmt: skip
    other.id = Document.make_id(other.title, other.paragraphs)
    with Store.open(tmp_path / "x.db") as store:
        store.add([first, CodedDocument(other, [])])
        assert store.stories() == []


def test_same_event_in_three_articles_is_merged(store: Store) -> None:
    merged = store.events(EventFilter(type="CONSULT"))
    assert len(merged) == 1
    assert (merged[0].num_articles, merged[0].num_sources, merged[0].num_events) == (3, 3, 3)
    raw = store.events(EventFilter(type="CONSULT"), merged=False)
    assert len(raw) == 3 and {e.merged_id for e in raw} == {merged[0].merged_id}
    info = store.merge_info(raw[1].id)
    assert info is not None and sorted(info.event_ids) == sorted(e.id for e in raw)
    assert info.sources == ["daily courier", "evening herald", "northern wire"]
    assert store.get_event(info.merged_id) == store.get_event(info.event_id)


def test_events_newest_first_and_paged(store: Store) -> None:
    events = store.events()
    dates = [e.date for e in events]
    assert dates == sorted(dates, reverse=True) and len(events) == 5
    assert store.events(limit=2, offset=1) == events[1:3]
    assert store.count_events() == 5 and store.count_events(merged=False) == 9
    assert store.count_events(merged=False, cap=4) == 4
    assert store.count_events(EventFilter(actor="RUS"), cap=100) == 3


@pytest.mark.parametrize(
    ("filters", "types"),
    [
        (EventFilter(actor="RUS"), {"ASSAULT", "SANCTION", "REJECT"}),
        (EventFilter(actor="RUS GOV"), {"REJECT"}),
        (EventFilter(source="RUS"), {"ASSAULT", "REJECT"}),
        (EventFilter(target="RUS"), {"SANCTION"}),
        (EventFilter(target="UKR"), {"ASSAULT", "SUPPORT", "REJECT"}),
        (EventFilter(type="aid,support"), {"SUPPORT"}),
        (EventFilter(status="denied"), {"REJECT"}),
        (EventFilter(status="planned,denied"), {"SANCTION", "REJECT"}),
        (EventFilter(context="economic"), {"SANCTION"}),
        (EventFilter(since="2026-01-08"), {"ASSAULT", "SANCTION", "REJECT"}),
        (EventFilter(until="2026-01-08"), {"ASSAULT", "CONSULT", "SUPPORT"}),
        (EventFilter(since="2026-01-07", until="2026-01-20"), {"ASSAULT", "SANCTION"}),
        (EventFilter(place="paris"), {"CONSULT", "SUPPORT"}),
        (EventFilter(place="UKR"), {"ASSAULT"}),
        (EventFilter(text="drones missiles"), {"ASSAULT"}),
        (EventFilter(text='"strategic support"'), {"SUPPORT"}),
        (EventFilter(text='"support strategic"'), set()),
        (EventFilter(text="NEAR( * :"), set()),  # FTS syntax is taken as words, not an error
        (EventFilter(quad_class="material conflict"), {"ASSAULT", "SANCTION"}),
        (EventFilter(actor="UKR", status="occurred", since="2026-01-07"), {"ASSAULT"}),
        (EventFilter(actor="NOBODY"), set()),
    ],
)
def test_filters(store: Store, filters: EventFilter, types: set[str]) -> None:
    found = store.events(filters)
    assert {e.type for e in found} == types
    assert store.count_events(filters) == len(found)


def test_doc_filter_and_document_events(store: Store) -> None:
    doc = corpus()[0].document
    assert [e.type for e in store.document_events(doc.id)] == ["CONSULT", "SUPPORT"]
    assert len(store.events(EventFilter(doc_id=doc.id), merged=False)) == 2


def test_timeline_by_week_month_and_class(store: Store) -> None:
    weeks = {(p.period, p.group): p.count for p in store.timeline(by="week")}
    assert weeks[("2026-01-05", "CONSULT")] == 1  # Tuesday 6 January: week of Monday 5th
    assert weeks[("2026-01-05", "ASSAULT")] == 1
    assert weeks[("2026-02-09", "REJECT")] == 1
    months = store.timeline(by="month", classes=True)
    assert [tuple(p) for p in months] == [
        ("2026-01", "material conflict", 2),
        ("2026-01", "verbal cooperation", 2),
        ("2026-02", "verbal conflict", 1),
    ]
    raw_days = store.timeline(by="day", merged=False)
    assert sum(p.count for p in raw_days if p.period == "2026-01-06") == 6
    assert store.timeline(EventFilter(actor="RUS"), by="month")[0].period == "2026-01"
    with pytest.raises(StoreError):
        store.timeline(by="year")


def test_dyads(store: Store) -> None:
    dyads = {(d.source, d.target): d for d in store.dyads()}
    assert dyads[("RUS MIL", "UKR")].types == {"ASSAULT": 1}
    assert dyads[("CAN GOV", "FRA GOV")].count == 1
    raw = {(d.source, d.target): d.count for d in store.dyads(merged=False)}
    assert raw[("CAN GOV", "FRA GOV")] == 3
    assert [(d.source, d.target) for d in store.dyads(EventFilter(until="2026-01-07"))] == [
        ("CAN GOV", "FRA GOV"), ("Coalition of the Willing", "UKR")]  # fmt: skip


def test_summary(store: Store) -> None:
    summary = store.summary()
    assert summary.counts["documents"] == 6
    assert summary.counts["events"] == 9 and summary.counts["merged_events"] == 5
    assert summary.counts["stories"] == 4 and summary.counts["duplicates"] == 2
    assert summary.counts["exact_copies"] == 1
    assert summary.types["CONSULT"] == 1
    assert summary.statuses == {"occurred": 3, "denied": 1, "planned": 1}
    assert summary.actors[0] == {"code": "UKR", "name": None, "events": 2}
    assert (summary.first_date, summary.last_date) == ("2026-01-06", "2026-02-09")


def test_search_ranks_title_and_body(store: Store) -> None:
    hits = store.search("sanctions shadow fleet")
    assert [h.doc_id for h in hits] == [corpus()[4].document.id]
    assert "[shadow]" in hits[0].snippet
    hits = store.search("Kyiv")
    assert hits[0].doc_id == corpus()[3].document.id  # in the title and the body
    assert store.search("   ") == []
    assert store.search('"energy truce"')[0].doc_id == corpus()[5].document.id


def test_search_with_a_pool_ranks_only_the_matches_stored_last(store: Store) -> None:
    """A common word in a large database: the web ranks the latest matches, not all."""
    everything = store.search("the", limit=50)
    assert len(everything) >= 3
    assert store.search("the", limit=50, pool=1000) == everything  # a pool over them all
    latest = store.search("the", limit=50, pool=2)
    assert len(latest) == 2
    order = {d.document.id: n for n, d in enumerate(corpus())}
    stored_last = sorted((h.doc_id for h in everything), key=order.__getitem__)[-2:]
    assert {h.doc_id for h in latest} == set(stored_last)
    assert [h.score for h in latest] == sorted(h.score for h in latest)
    assert all("[" in h.snippet for h in latest)
    assert store.search_pooled("the", 2) and not store.search_pooled("the", len(everything))
    assert not store.search_pooled("   ", 2)


def test_failures_are_recorded_once(tmp_path: Path) -> None:
    from dateline.models import ReadFailure

    with Store.open(tmp_path / "f.db") as store:
        failure = ReadFailure("bad.txt", "empty", "the file is empty")
        store.record_failures([failure])
        store.record_failures([failure])
        assert store.summary().failures == {"empty": 1}


def test_readonly_store_refuses_writes_and_missing_file(db: Path, tmp_path: Path) -> None:
    with Store.open(db, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add(corpus())
    with pytest.raises(StoreError, match="no dateline database"):
        Store.open(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_readers_do_not_block_the_writer(db: Path) -> None:
    """A reader in the middle of a read transaction (WAL) neither blocks nor sees a write."""
    reader = Store.open(db, readonly=True)
    reader.conn.execute("BEGIN")
    assert reader.count_events() == 5
    extra = corpus()[3]
    doc = Document(**{**extra.document.__dict__, "title": "Strikes hit Kyiv again"})
    doc.id = Document.make_id(doc.title, [*doc.paragraphs, "A new paragraph."])
    doc.paragraphs = [*doc.paragraphs, "A new paragraph."]
    done = threading.Event()

    def write() -> None:
        with Store.open(db) as writer:
            writer.add([CodedDocument(doc, [])])
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join(10)
    assert done.is_set(), "the writer was blocked by a reader"
    assert reader.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 6
    reader.conn.execute("COMMIT")
    assert reader.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 7
    reader.close()


def learned_entry(name: str = "Jane Doe", code: str = "CAN GOV") -> KBRecord:
    return KBRecord(name=name, code=code, country="CAN", org=None, sector="GOV",
                    office="Prime Minister", since="2025-01-01", source="learned",
                    provenance="doc-x#0")  # fmt: skip


def test_store_add_keeps_learned_entries_without_a_kb_argument(tmp_path: Path) -> None:
    """Regression (issue 12): ``Store.add`` dropped learned office-holders unless the CLI
    ingest passed its knowledge base, so the web POST and ``dateline load`` lost them."""
    coded = corpus()[0]
    assert coded.annotated is not None
    coded.annotated.learned = [learned_entry(), learned_entry("John Roe", "FRA GOV")]
    with Store.open(tmp_path / "kb.db") as store:
        result = store.add([coded])
        assert result.learned == 2
        assert [(r.name, r.code, r.source) for r in store.kb_records()] == [
            ("Jane Doe", "CAN GOV", "learned"), ("John Roe", "FRA GOV", "learned")]  # fmt: skip
        assert store.add([coded]).learned == 0  # already stored: nothing written again


def test_a_failing_batch_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store import kb

    coded = corpus()[0]
    assert coded.annotated is not None
    coded.annotated.learned = [learned_entry()]

    def broken(conn: sqlite3.Connection, entries: list[KBRecord]) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(kb, "save", broken)
    with Store.open(tmp_path / "b.db") as store:
        with pytest.raises(StoreError, match="disk I/O"):
            store.add([corpus()[3], coded])
        assert store.summary().counts["documents"] == 0
        assert store.add(corpus()[3]).documents == 1


def test_store_from_options(tmp_path: Path) -> None:
    from dateline.options import Options

    store = Store(Options(db_path=tmp_path / "sub" / "o.db"))
    store.close()
    assert (tmp_path / "sub" / "o.db").is_file()


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize("text", ["coalition", "Paris", "drones", "truce", "pledged support"])
def test_pages_of_words_read_in_date_order_equal_the_planned_query(
    store: Store, monkeypatch: pytest.MonkeyPatch, text: str, merged: bool
) -> None:
    """A page of words walks the full-text index newest first (``fulltext``); the query
    planner's way (gather the matches, sort) gives the same pages, at every offset."""
    from dateline.store import fulltext, query

    filters = [
        EventFilter(text=text),
        EventFilter(text=text, actor="UKR"),
        EventFilter(text=text, since="2026-01-07"),
        EventFilter(text=text, type="AID"),
    ]
    for f in filters:
        walked = [store.events(f, limit=2, offset=o, merged=merged) for o in range(0, 8, 2)]
        every = store.events(f, limit=100, merged=merged)
        assert [e for page in walked for e in page] == every[:8]
        body, params, order = query._plan(f, merged, query._driver(store.conn, f))
        planned = [r[0] for r in store.conn.execute(f"SELECT e.id {body} {order}", params)]
        assert [e.id for e in every] == planned
    monkeypatch.setattr(fulltext, "WALK_BUDGET", 1)  # the walk gives up: the planner answers
    assert store.events(filters[1], merged=merged) == store.events(filters[1], limit=100,
                                                                   merged=merged)  # fmt: skip


# Modules the store must never import: everything above it in the layering.
ABOVE_THE_STORE = (
    "dateline.pipeline", "dateline.engines", "dateline.read", "dateline.actors", "dateline.web",
    "dateline.cli", "dateline.api", "dateline.annotate", "dateline.events", "dateline.export",
    "dateline.places", "dateline.nlp", "dateline.evaluate",
)  # fmt: skip


def test_the_store_imports_nothing_above_it() -> None:
    """Regression (issue 12): ``store/ingest.py`` built the pipeline and started the engines,
    the one import in the project that ran upward. Every import in ``store/*.py``, at any
    depth (functions included), is checked."""
    import ast

    import dateline.store

    folder = Path(dateline.store.__file__).parent
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if name.startswith(ABOVE_THE_STORE):
                    found.append(f"{path.name}: {name}")
    assert not found, found
    assert len(list(folder.glob("*.py"))) >= 8  # the scan saw the package


def test_the_aggregates_kept_on_write_equal_counting_the_rows(tmp_path: Path) -> None:
    """``summary`` and the whole-database timeline read counts the writer keeps; they must
    equal what counting the rows gives, batch after batch (copies, repeats, partial dates)."""
    from dateline.store import query

    docs = corpus()
    with Store.open(tmp_path / "agg.db") as store:
        for batch in (docs[:2], docs[2:3], docs, docs[3:]):
            store.add(batch)
            store.record_failures([ReadFailure("x.txt", "empty", "the file is empty")])
            assert store.summary() == query.summary_by_scan(store.conn)
            for by in ("day", "week", "month"):
                for classes in (False, True):
                    fast = store.timeline(by=by, classes=classes)
                    # Any filter takes the SQL path over the rows.
                    slow = store.timeline(EventFilter(type=",".join(query.QUAD_CLASS)), by=by,
                                          classes=classes)  # fmt: skip
                    assert fast == slow and fast
            every_type = ",".join(query.QUAD_CLASS)
            codes = {
                r[0].split(":", 1)[1] for r in store.conn.execute("SELECT key FROM event_keys")
            }
            for code in [*sorted(codes), "NOBODY"]:
                f, slow_f = EventFilter(actor=code), EventFilter(actor=code, type=every_type)
                assert store.dyads(f) == store.dyads(slow_f)
                for role in ("actor", "source", "target"):
                    one = EventFilter(**{role: code})
                    every = EventFilter(**{role: code}, type=every_type)
                    assert store.count_events(one) == store.count_events(every)
                    assert store.count_events(one, cap=1) == min(1, store.count_events(every))


def test_actor_dyads_kept_on_write_name_uncoded_actors_by_their_words(tmp_path: Path) -> None:
    import dataclasses

    from dateline.models import Actor
    from dateline.store import query

    docs = corpus()
    first = docs[0]
    them = Actor("them", None, rule="test.hand")
    changed = [dataclasses.replace(e, target=[them, *e.target]) for e in first.events]
    with Store.open(tmp_path / "uncoded.db") as store:
        store.add([CodedDocument(first.document, changed, first.annotated), *docs[1:]])
        every_type = ",".join(query.QUAD_CLASS)
        for code in ("CAN", "CAN GOV", "FRA", "UKR"):
            fast = store.dyads(EventFilter(actor=code))
            assert fast == store.dyads(EventFilter(actor=code, type=every_type))
        assert any(d.target == "them" for d in store.dyads(EventFilter(actor="CAN")))


def test_signatures_with_permutations_drawn_once_equal_a_fresh_minhash() -> None:
    """Stored signatures stay comparable: reusing the seed's permutations changes nothing."""
    from datasketch import MinHash

    from dateline.store import stories

    for text in ("Leaders met in Paris on Tuesday to agree on guarantees.", "short", ""):
        fresh = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED)
        fresh.update_batch([s.encode("utf-8") for s in sorted(stories.shingles(text))])
        assert stories.signature(text) == bytes(fresh.hashvalues.astype("<u4").tobytes())
