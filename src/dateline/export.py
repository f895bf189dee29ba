"""Export stored events: Parquet tables, CSV, JSON Lines, PLOVER JSON (``dateline export``).

- ``parquet``: a folder with three date-partitioned datasets, ``events/``, ``actors/`` and
  ``documents/``, in Hive layout (``events/year=2026/part-00000.parquet``; rows without a date
  under Hive's null partition ``year=__HIVE_DEFAULT_PARTITION__``, so ``year`` reads as an
  integer column, null for them), written in batches so memory stays flat however many events there
  are. Spark (``spark.read.parquet("OUT/events")``), DuckDB
  (``read_parquet('OUT/events/*/*.parquet', hive_partitioning=true)``), Polars and pyarrow read
  them directly, with ``year`` as a column, and a query on a year range reads only those
  folders. Events join actors on ``event_id`` and documents on ``doc_id``; an actor row is
  filed under its event's year, a document under its publication year.
- ``csv``: one row per event (``EVENT_COLUMNS``), actor codes ``;``-joined.
- ``jsonl``: one event per line, the full ``Event`` record with merge counts.
- ``plover``: a JSON array of PLOVER records (id, date, actor, recipient, event, mode,
  context, event_loc, event_text, citation) plus dateline's ``status`` and merge counts.
- ``geojson``: a GeoJSON FeatureCollection, one Point feature per event with the columns of
  the CSV as properties (an event without coordinates has ``"geometry": null``).

The same ``EventFilter`` as ``dateline events`` selects what is exported; merged events by
default (``merged=False`` for every report).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from dateline.csvcells import safe_row
from dateline.errors import DatelineError
from dateline.store import EventFilter, Store, StoredEvent

FORMATS = ("parquet", "csv", "jsonl", "plover", "geojson")
CHUNK = 500

EVENT_COLUMNS = (
    "id",
    "merged_id",
    "doc_id",
    "date",
    "date_precision",
    "type",
    "quad_class",
    "cameo",
    "mode",
    "context",
    "status",
    "source_codes",
    "target_codes",
    "source_text",
    "target_text",
    "attributed_to",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "sentence",
    "trigger",
    "rule",
    "num_events",
    "num_articles",
    "num_sources",
)
ACTOR_COLUMNS = (
    "event_id",
    "role",
    "position",
    "text",
    "code",
    "country",
    "org",
    "sector",
    "name",
    "start",
    "end",
    "rule",
)
DOCUMENT_COLUMNS = (
    "id",
    "source",
    "record",
    "format",
    "title",
    "url",
    "outlet",
    "published",
    "date",
    "date_precision",
    "language",
    "byline",
    "dateline_place",
    "dateline_date",
    "story_id",
    "duplicate_of",
    "num_events",
    "text",
)


@dataclass
class ExportResult:
    """What was written: counts and the files."""

    events: int
    documents: int
    files: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"events": self.events, "documents": self.documents, "files": self.files}


def iter_events(
    store: Store, filters: EventFilter | None = None, *, merged: bool = True
) -> Iterator[StoredEvent]:
    """Every matching event, newest first, loaded ``CHUNK`` at a time."""
    return store.iter_events(filters, merged=merged, chunk=CHUNK)


def _codes(actors: list[Any]) -> str:
    return ";".join(a.code or "" for a in actors)


def event_row(event: StoredEvent) -> dict[str, Any]:
    """One flat row (``EVENT_COLUMNS``) for CSV and Parquet."""
    place = event.place
    attributed = event.attributed_to
    return {
        "id": event.id,
        "merged_id": event.merged_id,
        "doc_id": event.doc_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "type": event.type,
        "quad_class": event.quad_class,
        "cameo": event.cameo,
        "mode": event.mode,
        "context": event.context,
        "status": event.status,
        "source_codes": _codes(event.source),
        "target_codes": _codes(event.target),
        "source_text": ";".join(a.text for a in event.source),
        "target_text": ";".join(a.text for a in event.target),
        "attributed_to": (attributed.code or attributed.text) if attributed else None,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "sentence": event.evidence.sentence,
        "trigger": event.evidence.trigger,
        "rule": event.evidence.rule,
        "num_events": event.num_events,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
    }


def geojson_feature(event: StoredEvent) -> dict[str, Any]:
    """One GeoJSON Feature: the event's place as a Point (None without coordinates) and its
    ``event_row`` as properties."""
    props = event_row(event)
    lat, lon = props["lat"], props["lon"]
    geometry = None
    if lat is not None and lon is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": props}


def plover_record(event: StoredEvent, doc: dict[str, Any] | None) -> dict[str, Any]:
    """The PLOVER JSON record of one event; ``doc`` is its document row for the citation."""

    def actors(items: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "text": a.text,
                "code": a.code,
                "sector": a.sector,
                "name": a.name,
                "country": a.country,
            }
            for a in items
        ]

    place = event.place
    ev = event.evidence
    return {
        "id": event.merged_id or event.id,
        "date": event.date,
        "actor": actors(event.source),
        "recipient": actors(event.target),
        "event": event.type,
        "mode": event.mode or "",
        "context": event.context or "",
        "event_loc": (
            {
                "name": place.name,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
            }
            if place
            else None
        ),
        "event_text": ev.sentence,
        "citation": {
            "event_id": event.id,
            "doc_id": event.doc_id,
            "title": doc["title"] if doc else None,
            "source": doc["source"] if doc else None,
            "url": doc["url"] if doc else None,
            "outlet": doc["outlet"] if doc else None,
            "published": doc["published"] if doc else None,
            "sentence_start": ev.start,
            "sentence_end": ev.end,
            "trigger": ev.trigger,
            "rule": ev.rule,
        },
        "status": event.status,
        "attributed_to": event.attributed_to.code if event.attributed_to else None,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
    }


def _document_rows(store: Store, ids: list[str] | None) -> Iterator[dict[str, Any]]:
    """Document rows (``DOCUMENT_COLUMNS``): all of them, or those in ``ids``."""
    for row in store.document_rows(ids):
        yield _document_row(row)


def _document_row(row: Any) -> dict[str, Any]:
    out = {name: row[name] for name in DOCUMENT_COLUMNS if name not in ("byline", "text")}
    out["byline"] = json.loads(row["byline"])
    out["text"] = row["text"] or ""
    return out


def export(
    store: Store,
    fmt: str,
    out: Path | IO[str] | None = None,
    filters: EventFilter | None = None,
    *,
    merged: bool = True,
) -> ExportResult:
    """Write the matching events in ``fmt`` to ``out`` (a path; for csv, jsonl and plover
    also an open text stream, default stdout; parquet needs a folder path).

    Returns what was written. Raises ``DatelineError`` for an unknown format or a missing
    folder for parquet, ``StoreError`` from the store.
    """
    if fmt not in FORMATS:
        raise DatelineError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    filters = filters or EventFilter()
    if fmt == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise DatelineError("parquet export needs a folder: give --out PATH")
        return _parquet(store, Path(out), filters, merged)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with Path(out).open("w", encoding="utf-8", newline="") as handle:
            result = _text(store, fmt, handle, filters, merged)
        result.files = [str(out)]
        return result
    return _text(store, fmt, out or sys.stdout, filters, merged)


def _text(
    store: Store, fmt: str, handle: IO[str], filters: EventFilter, merged: bool
) -> ExportResult:
    count = 0
    docs: set[str] = set()
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in iter_events(store, filters, merged=merged):
            writer.writerow(safe_row(event_row(event)))
            count += 1
            docs.add(event.doc_id or "")
    elif fmt == "jsonl":
        for event in iter_events(store, filters, merged=merged):
            handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            count += 1
            docs.add(event.doc_id or "")
    elif fmt == "geojson":  # written feature by feature, like plover
        handle.write('{"type": "FeatureCollection", "features": [')
        for event in iter_events(store, filters, merged=merged):
            handle.write(("\n" if count == 0 else ",\n") + json.dumps(geojson_feature(event)))
            count += 1
            docs.add(event.doc_id or "")
        handle.write("\n]}\n")
    else:  # plover: a JSON array, written record by record so memory stays flat
        cache: dict[str, dict[str, Any] | None] = {}
        handle.write("[")
        for event in iter_events(store, filters, merged=merged):
            doc_id = event.doc_id or ""
            if doc_id not in cache:
                cache[doc_id] = store.document_row(doc_id)
            handle.write(
                ("\n" if count == 0 else ",\n")
                + json.dumps(plover_record(event, cache[doc_id]), ensure_ascii=False)
            )
            count += 1
            docs.add(doc_id)
        handle.write("\n]\n")
    return ExportResult(count, len(docs), [])


PARQUET_BATCH = 50_000  # rows held before a batch of files is written


# Hive's name for a null partition value: Spark and pyarrow read it as null.
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def partition_year(date: str | None) -> str:
    """The ``year=`` partition of a date of any precision ("2026-01-06", "2026-01", "2026");
    Hive's null partition without one."""
    if date and len(date) >= 4 and date[:4].isdigit():
        return date[:4]
    return NULL_PARTITION


def _parquet_schemas() -> dict[str, Any]:
    import pyarrow as pa

    def text_or(names: dict[str, Any]) -> Any:
        return lambda c: names.get(c, pa.string())

    events = text_or({"lat": pa.float64(), "lon": pa.float64()})
    actors = text_or({"position": pa.int64(), "start": pa.int64(), "end": pa.int64()})
    documents = text_or({"byline": pa.list_(pa.string()), "num_events": pa.int64()})
    return {
        "events": pa.schema(
            [(c, pa.int64() if c.startswith("num_") else events(c)) for c in EVENT_COLUMNS]
        ),
        "actors": pa.schema([(c, actors(c)) for c in ACTOR_COLUMNS]),
        "documents": pa.schema([(c, documents(c)) for c in DOCUMENT_COLUMNS]),
    }


class _PartitionedWriter:
    """Rows of one table gathered by year and written as Hive-partitioned Parquet files, a
    batch at a time (``folder/NAME/year=Y/part-NNNNN.parquet``)."""

    def __init__(self, folder: Path, name: str, schema: Any) -> None:
        self.root = folder / name
        self.schema = schema
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.held = 0
        self.batch = 0
        self.files: list[str] = []

    def add(self, year: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(year, []).append(row)
        self.held += 1
        if self.held >= PARQUET_BATCH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.files and not self.rows:
            # No rows at all: one empty file at the top keeps the dataset and its schema
            # readable (a lone null partition would leave the year's type unknown).
            self.root.mkdir(parents=True, exist_ok=True)
            path = self.root / "part-00000.parquet"
            pq.write_table(pa.Table.from_pylist([], schema=self.schema), path)
            self.files.append(str(path))
        for year, rows in sorted(self.rows.items()):
            path = self.root / f"year={year}" / f"part-{self.batch:05d}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(rows, schema=self.schema), path)
            self.files.append(str(path))
        self.rows, self.held = {}, 0
        self.batch += 1


def _parquet(store: Store, folder: Path, filters: EventFilter, merged: bool) -> ExportResult:
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("events", "actors", "documents"):
        # A re-export replaces the datasets: stale partitions would be read as current rows.
        if (folder / name).is_dir():
            shutil.rmtree(folder / name)
    schemas = _parquet_schemas()
    writers = {name: _PartitionedWriter(folder, name, schemas[name]) for name in schemas}
    doc_ids: dict[str, None] = {}
    count = 0
    for event in iter_events(store, filters, merged=merged):
        year = partition_year(event.date)
        writers["events"].add(year, event_row(event))
        count += 1
        doc_ids[event.doc_id or ""] = None
        roles = [("source", event.source), ("target", event.target)]
        if event.attributed_to is not None:
            roles.append(("attributed", [event.attributed_to]))
        for role, actors in roles:
            for position, a in enumerate(actors):
                writers["actors"].add(
                    year,
                    {
                        "event_id": event.id,
                        "role": role,
                        "position": position,
                        "text": a.text,
                        "code": a.code,
                        "country": a.country,
                        "org": a.org,
                        "sector": a.sector,
                        "name": a.name,
                        "start": a.start,
                        "end": a.end,
                        "rule": a.rule,
                    },
                )
    everything = not filters.active()
    documents = 0
    for row in _document_rows(store, None if everything else list(doc_ids)):
        writers["documents"].add(partition_year(row.get("date") or row.get("published")), row)
        documents += 1
    files: list[str] = []
    for writer in writers.values():
        writer.flush()
        files += writer.files
    return ExportResult(count, documents, files)
