"""Downloads of what the events list and the map show: ``/api/v1/events.csv``, ``.json``,
``.jsonl``, ``.geojson`` and ``.parquet``, with the same filters as ``/events``; and
``.zip``, the Hive-partitioned datasets (``events/``, ``actors/``, ``documents/``) that
``dateline export --format parquet`` writes to a folder.

The first five stream: events are read from the database a page at a time by their
position in the list (``pages.event_ids_after``, never an OFFSET, never a list of every
id), each page is written in its format and sent, so the first bytes leave at once and a
download of a million rows holds about one page in memory. Their rows come from the
functions behind ``dateline export`` (``event_row``, ``plover_record``,
``geojson_feature``), so a download and the CLI write the same rows. Parquet is written by
one ``ParquetWriter``, a row group per ``PARQUET_ROWS`` events, each sent once written (a
Parquet file is written front to back, its footer last).

The zip is built before it is sent (the CLI's partitioned layout needs every file
finished): it is written to a spooled temporary file and streamed from there.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import threading
import zipfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, Literal, cast

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.responses import StreamingResponse

from dateline.csvcells import safe_row
from dateline.export import EVENT_COLUMNS, event_row, export, geojson_feature, plover_record
from dateline.store import pages
from dateline.web.app import API, open_store
from dateline.web.data import store_filter
from dateline.web.errors import documented
from dateline.web.limits import HEAD_FLAG
from dateline.web.params import Filters, event_filters
from dateline.web.schemas import download_responses

if TYPE_CHECKING:
    from dateline.store import Store
    from dateline.store.types import EventFilter

SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
FIRST_PAGE = 10  # events read before the first bytes are sent: few, so they leave at once
# Events read at a time after that: a client that leaves mid-download costs at most one
# page more (the page being read when it left is finished in its thread).
PAGE = 500
PARQUET_ROWS = 10_000  # events per Parquet row group (what the writer holds)
# Pages, chunks and row groups start small and grow this many times each time: a client
# that leaves after the first bytes (a preview, a cancelled download) has cost a few rows
# more, not a 64 KB chunk or a row group of 10,000 made while it was leaving.
GROWTH = 8
FIRST_CHUNK_BYTES = 2048
DOCUMENTS_HELD = 256  # documents kept for the PLOVER records (events come grouped by date)

# URL suffix → (format, media type)
KINDS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "json": ("plover", "application/json"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "geojson": ("geojson", "application/geo+json"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "zip": ("parquet", "application/zip"),
}


def stored_events(
    store: Store, f: EventFilter, merged: bool, stop: threading.Event | None = None
) -> Iterator[Any]:
    """Every matching event, newest first, read a page at a time from where the last page
    ended (``FIRST_PAGE`` events, then ``GROWTH`` times more each time up to ``PAGE``); no
    more pages once ``stop`` is set (the client has gone)."""
    after: tuple[str | None, str] | None = None
    size = FIRST_PAGE
    while stop is None or not stop.is_set():
        found = pages.event_ids_after(store.conn, f, merged, after, size)
        if not found:
            return
        yield from store.events_by_id([event_id for event_id, _ in found])
        if len(found) < size:
            return
        last_id, last_date = found[-1]
        after = (last_date, last_id)
        size = min(size * GROWTH, PAGE)


class _Buffer(io.RawIOBase):
    """A write-only byte sink the generator empties after each page (``take``)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data += b
        self.written += len(b)
        return len(b)

    def tell(self) -> int:
        return self.written

    def take(self) -> bytes:
        out = bytes(self.data)
        self.data.clear()
        return out


def _text_chunks(
    events: Iterator[Any], fmt: str, document: Callable[[str], dict[str, Any] | None]
) -> Iterator[bytes]:
    """``fmt`` (csv, jsonl, geojson, plover) of ``events``: the first row alone, then
    chunks from ``FIRST_CHUNK_BYTES`` growing to ``CHUNK_BYTES``. (``events`` ends early
    when the client has gone.)"""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
    elif fmt == "plover":
        out.write("[")
    size = FIRST_CHUNK_BYTES
    for count, event in enumerate(events):
        if fmt == "csv":
            writer.writerow(safe_row(event_row(event)))
        elif fmt == "jsonl":
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "geojson":
            out.write(("\n" if count == 0 else ",\n") + json.dumps(geojson_feature(event)))
        else:
            record = plover_record(event, document(event.doc_id or ""))
            out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        if out.tell() >= size or count == 0:  # the first row leaves at once
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
            size = min(size * GROWTH, CHUNK_BYTES) if count else size
    if fmt == "geojson":
        out.write("\n]}\n")
    elif fmt == "plover":
        out.write("\n]\n")
    yield out.getvalue().encode("utf-8")


def _parquet_chunks(events: Iterator[Any]) -> Iterator[bytes]:
    """One Parquet file of ``events`` (the CSV's columns), in row groups of ``FIRST_PAGE``
    events growing ``GROWTH`` times to ``PARQUET_ROWS``, each sent once written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.export import _parquet_schemas

    schema = _parquet_schemas()["events"]
    sink = _Buffer()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd")
    rows: list[dict[str, Any]] = []
    group = FIRST_PAGE  # a small first row group: the first bytes leave at once
    try:
        for event in events:
            rows.append(event_row(event))
            if len(rows) >= group:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows, group = [], min(group * GROWTH, PARQUET_ROWS)
                yield sink.take()
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    finally:
        writer.close()
    yield sink.take()


def _streamed(
    request: Request, filters: Filters, fmt: str, stop: threading.Event
) -> Iterator[bytes]:
    """The download's bytes, read from a store opened for the length of the download; it
    ends (and the store closes) soon after ``stop`` is set."""
    with open_store(request) as store:
        held: OrderedDict[str, dict[str, Any] | None] = OrderedDict()

        def document(doc_id: str) -> dict[str, Any] | None:
            # The few latest documents: a download's memory does not grow with its length.
            if doc_id not in held:
                held[doc_id] = store.document_row(doc_id)
                if len(held) > DOCUMENTS_HELD:
                    held.popitem(last=False)
            return held[doc_id]

        events = _until(stop, stored_events(store, store_filter(filters), not filters.raw, stop))
        if fmt == "parquet":
            yield from _parquet_chunks(events)
        else:
            yield from _text_chunks(events, fmt, document)


def _until(stop: threading.Event, items: Iterator[Any]) -> Iterator[Any]:
    """``items`` until ``stop`` is set."""
    for item in items:
        if stop.is_set():
            return
        yield item


async def until_closed(chunks: Iterator[bytes], stop: threading.Event) -> AsyncIterator[bytes]:
    """``chunks`` (a blocking iterator, each next chunk made in the thread pool) for a
    streamed response; sets ``stop`` as soon as the response ends, sent or not.

    A client that closes a download early (a browser's cancel, a script that wanted the
    first rows) makes the server cancel the response. The chunk being made in its thread
    cannot be cancelled: it is abandoned, sees ``stop`` and ends at its next row, instead of
    writing thousands more rows (a Parquet row group) that nobody reads while other requests
    wait for the processor.
    """
    try:
        while True:
            chunk = await anyio.to_thread.run_sync(_next_chunk, chunks, abandon_on_cancel=True)
            if chunk is None:
                return
            yield chunk
    finally:
        stop.set()


def _next_chunk(chunks: Iterator[bytes]) -> bytes | None:
    return next(chunks, None)


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk
    finally:
        spool.close()


def _zipped_parquet(request: Request, filters: Filters) -> tuple[IO[bytes], int]:
    """The Parquet datasets of the filtered events, zipped into a spooled temporary file
    (rewound), and how many events they hold.

    The datasets are written to a temporary folder by ``export`` (as the CLI writes them),
    then stored uncompressed in the zip (Parquet pages are compressed already); the folder
    is gone once this returns.
    """
    # Closed by _chunks once the response is sent, not here: SIM115 does not apply.
    spool = cast(IO[bytes], tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES))  # noqa: SIM115
    with tempfile.TemporaryDirectory(prefix="dateline-parquet-") as tmp:
        folder = Path(tmp)
        with open_store(request) as store:
            result = export(store, "parquet", folder, store_filter(filters), merged=not filters.raw)
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED) as archive:
            for path in sorted(folder.rglob("*.parquet")):
                archive.write(path, path.relative_to(folder).as_posix())
    return spool, result.events


def register(app: FastAPI) -> None:
    """Add ``GET /api/v1/events.{csv,json,jsonl,geojson,parquet,zip}`` to ``app``."""

    @app.get(
        API + "/events.{kind}",
        name="api-events-download",
        summary="Download the events the filters select, streamed: CSV (one row per event), "
        "JSON (PLOVER records), JSON Lines (full records), GeoJSON (points by place), Parquet "
        "(one file, the CSV's columns); or zip (the datasets events/, actors/ and documents/, "
        "partitioned by year=, as `dateline export --format parquet` writes them, built "
        "before it is sent); merged events unless raw=true, newest first",
        tags=["read"],
        responses={
            **download_responses({k: m for k, (_, m) in KINDS.items()}),
            **documented(404, 414, 422, 503),
        },
        response_class=StreamingResponse,
    )
    def download(
        request: Request,
        kind: Literal["csv", "json", "jsonl", "geojson", "parquet", "zip"],
        filters: Annotated[Filters, Depends(event_filters)],
    ) -> StreamingResponse:
        fmt, media = KINDS[kind]
        if kind == "zip":
            zipped, events = _zipped_parquet(request, filters)
            headers = {
                "content-disposition": 'attachment; filename="events.parquet.zip"',
                "x-dateline-events": str(events),
            }
            return StreamingResponse(_chunks(zipped), media_type=media, headers=headers)
        with open_store(request):
            pass  # a missing database is a 503 envelope now, not a broken stream later
        headers = {"content-disposition": f'attachment; filename="events.{kind}"'}
        if request.scope.get(HEAD_FLAG):  # HEAD: the headers only, no million rows read
            return StreamingResponse(iter(()), media_type=media, headers=headers)
        stop = threading.Event()
        body = until_closed(_streamed(request, filters, fmt, stop), stop)
        return StreamingResponse(body, media_type=media, headers=headers)
