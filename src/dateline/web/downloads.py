"""Downloads of what the events list and the map show: ``/api/v1/events.csv``, ``.json``,
``.jsonl`` and ``.geojson``, with the same filters as ``/events``; and ``.parquet``, a zip of
the Hive-partitioned datasets (``events/``, ``actors/``, ``documents/``) that
``dateline export --format parquet`` writes to a folder.

They call ``dateline.export.export``, the function behind ``dateline export``, so a download
and the CLI write the same rows. The export is written to a spooled temporary file (held in
memory up to ``SPOOL_BYTES``, on disk beyond) and streamed from there in chunks, so a large
download neither holds every row in memory nor keeps the database open while a slow client
reads it.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Literal, cast

from fastapi import Depends, FastAPI, Request
from fastapi.responses import StreamingResponse

from dateline.export import export
from dateline.web.app import API, open_store
from dateline.web.data import store_filter
from dateline.web.errors import documented
from dateline.web.params import Filters, event_filters

SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024

# URL suffix → (export format, media type)
KINDS: dict[str, tuple[str, str]] = {
    "csv": ("csv", "text/csv; charset=utf-8"),
    "json": ("plover", "application/json"),
    "jsonl": ("jsonl", "application/x-ndjson"),
    "geojson": ("geojson", "application/geo+json"),
    "parquet": ("parquet", "application/zip"),
}


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
    """Add ``GET /api/v1/events.{csv,json,jsonl,geojson,parquet}`` to ``app``."""

    @app.get(
        API + "/events.{kind}",
        name="api-events-download",
        summary="Download the events the filters select: CSV (one row per event), JSON "
        "(PLOVER records), JSON Lines (full records), GeoJSON (points by place) or Parquet (a "
        "zip of the datasets events/, actors/ and documents/, partitioned by year=, as "
        "`dateline export --format parquet` writes them); merged events unless raw=true, "
        "newest first",
        tags=["read"],
        responses=documented(404, 414, 422, 503),
        response_class=StreamingResponse,
    )
    def download(
        request: Request,
        kind: Literal["csv", "json", "jsonl", "geojson", "parquet"],
        filters: Annotated[Filters, Depends(event_filters)],
    ) -> StreamingResponse:
        fmt, media = KINDS[kind]
        if fmt == "parquet":
            zipped, events = _zipped_parquet(request, filters)
            headers = {
                "content-disposition": 'attachment; filename="events.parquet.zip"',
                "x-dateline-events": str(events),
            }
            return StreamingResponse(_chunks(zipped), media_type=media, headers=headers)
        # Closed by _chunks once the response is sent, not here: SIM115 does not apply.
        spool = cast(IO[bytes], tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES))  # noqa: SIM115
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
        with open_store(request) as store:
            result = export(store, fmt, text, store_filter(filters), merged=not filters.raw)
        text.detach()  # keep the spool open for the response
        headers = {
            "content-disposition": f'attachment; filename="events.{kind}"',
            "x-dateline-events": str(result.events),
        }
        return StreamingResponse(_chunks(spool), media_type=media, headers=headers)
