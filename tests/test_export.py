"""Exports: Parquet tables read back and compared, CSV, JSON Lines and PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.errors import DatelineError
from dateline.export import EVENT_COLUMNS, NULL_PARTITION, export
from dateline.models import PLOVER_TYPES, Event
from dateline.store import EventFilter, Store
from fixtures.store.factory import corpus


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    path = tmp_path / "export.db"
    with Store.open(path) as writer:
        writer.add(corpus())
    with Store.open(path, readonly=True) as opened:
        yield opened


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = export(store, "parquet", out, merged=False)
    assert result.events == 9 and result.documents == 6
    events = pq.read_table(out / "events").to_pylist()
    actors = pq.read_table(out / "actors").to_pylist()
    documents = pq.read_table(out / "documents").to_pylist()
    one_file = next((out / "events").glob("year=*/*.parquet"))
    assert [tuple(pq.read_schema(one_file).names)] == [EVENT_COLUMNS]

    # every stored event comes back with the same values
    by_id = {e["id"]: e for e in events}
    for coded in corpus():
        for event in coded.events:
            row = by_id[event.id]
            assert (row["type"], row["status"], row["date"], row["doc_id"]) == (
                event.type, event.status, event.date, coded.document.id)  # fmt: skip
            assert row["sentence"] == event.evidence.sentence
            assert row["source_codes"] == ";".join(a.code or "" for a in event.source)
            assert row["lat"] == (event.place.lat if event.place else None)
            mine = [a for a in actors if a["event_id"] == event.id]
            assert [a["code"] for a in mine if a["role"] == "source"] == [
                a.code for a in event.source]  # fmt: skip
            assert [a["text"] for a in mine if a["role"] == "target"] == [
                a.text for a in event.target]  # fmt: skip
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert {e["num_articles"] for e in consult} == {3}

    docs = {d["id"]: d for d in documents}
    for coded in corpus():
        doc = coded.document
        row = docs[doc.id]
        assert row["text"] == doc.text and row["title"] == doc.title
        assert row["byline"] == doc.byline and row["date"] == doc.date
    assert docs[corpus()[2].document.id]["duplicate_of"] == corpus()[0].document.id


def test_parquet_with_filters_keeps_only_their_documents(store: Store, tmp_path: Path) -> None:
    result = export(store, "parquet", tmp_path / "p", EventFilter(actor="RUS"))
    assert result.events == 3 and result.documents == 3
    docs = pq.read_table(tmp_path / "p" / "documents").column("id").to_pylist()
    assert set(docs) == {c.document.id for c in corpus()[3:]}


def test_parquet_is_partitioned_by_year_and_a_year_filter_reads_one_folder(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "parts"
    export(store, "parquet", out, merged=False)
    years = {e.date[:4] if e.date else NULL_PARTITION for c in corpus() for e in c.events}
    assert {p.name for p in (out / "events").iterdir()} == {f"year={y}" for y in years}
    events = pq.read_table(out / "events").to_pylist()
    for e in events:  # the partition comes back as an integer column (null: undated)
        assert e["year"] == (int(e["date"][:4]) if e["date"] else None)
    year = int(sorted(years - {NULL_PARTITION})[0])
    chosen = pq.read_table(out / "events", filters=[("year", "=", year)]).to_pylist()
    assert chosen and {int(e["date"][:4]) for e in chosen} == {year}
    # Actors sit under their event's year, so a year's actors join that year's events.
    actors = pq.read_table(out / "actors", filters=[("year", "=", year)]).to_pylist()
    assert {a["event_id"] for a in actors} <= {e["id"] for e in chosen}


def test_parquet_re_export_replaces_the_datasets_and_an_empty_one_is_readable(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "again"
    export(store, "parquet", out, merged=False)
    export(store, "parquet", out, EventFilter(actor="NOBODY"))
    assert pq.read_table(out / "events").num_rows == 0
    assert pq.read_table(out / "events").schema.names[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)


def test_parquet_needs_a_folder(store: Store) -> None:
    with pytest.raises(DatelineError, match="--out"):
        export(store, "parquet", io.StringIO())


def test_unknown_format(store: Store) -> None:
    with pytest.raises(DatelineError, match="unknown export format"):
        export(store, "xml", io.StringIO())


def test_csv(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, "csv", out).events == 5
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    consult = next(r for r in rows if r["type"] == "CONSULT")
    assert consult["num_articles"] == "3" and consult["source_codes"] == "CAN GOV"
    assert "," in consult["sentence"]  # quoted properly, read back whole


def test_jsonl_round_trips_events(store: Store) -> None:
    buffer = io.StringIO()
    export(store, "jsonl", buffer, EventFilter(type="ASSAULT,REJECT"))
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 2
    originals = {e.id: e for c in corpus() for e in c.events}
    for line in lines:
        data = json.loads(line)
        event = Event.from_dict(data)
        assert event.source == originals[event.id].source
        assert event.evidence == originals[event.id].evidence
        assert data["num_articles"] == 1


def test_plover_records(store: Store) -> None:
    buffer = io.StringIO()
    result = export(store, "plover", buffer)
    records = json.loads(buffer.getvalue())
    assert len(records) == result.events == 5
    for record in records:
        assert set(record) >= {"id", "date", "actor", "recipient", "event", "mode", "context",
                               "event_loc", "event_text", "citation"}  # fmt: skip
        assert record["event"] in PLOVER_TYPES
        assert record["citation"]["doc_id"].startswith("doc-")
    support = next(r for r in records if r["event"] == "SUPPORT")
    assert support["actor"][0]["code"] == "Coalition of the Willing"
    assert support["recipient"][0]["code"] == "UKR"
    assert support["event_loc"]["name"] == "Paris" and support["num_sources"] == 3
    assert support["citation"]["outlet"] == "Northern Wire"  # the first report's article
    assert support["event_text"].startswith("The coalition pledged")


def test_empty_export_is_valid(store: Store) -> None:
    buffer = io.StringIO()
    export(store, "plover", buffer, EventFilter(actor="NOBODY"))
    assert json.loads(buffer.getvalue()) == []
