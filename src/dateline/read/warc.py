"""WARC and WARC.gz archives (Common Crawl's news crawl): one document per HTML response."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from datetime import date
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from dateline.errors import ReadError


def iter_html_records(
    stream: BinaryIO, limit: int
) -> Iterator[tuple[str, str | None, date | None, bytes | ReadError]]:
    """(record label, target URL, capture day, HTML bytes or ReadError) for each HTML response.

    A truncated or corrupt archive ends with a ``ReadError`` ("truncated" or "corrupt") for
    the record where reading stopped; records over ``limit`` bytes give "too-large".
    warcio writes its complaints to stderr; the library must not print, so they are captured
    (never while yielding, so the caller's own stderr output is untouched) and reported.
    """
    archive = ArchiveIterator(stream)
    records = iter(archive)
    number = 0
    found = False
    complaints = io.StringIO()
    while True:
        errors_before = archive.err_count
        try:
            with redirect_stderr(complaints):
                record = next(records, None)
                item = None if record is None else _html_of(record, limit)
        # warcio raises AttributeError on a record whose headers are cut off
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError) as e:
            detail = "its headers are cut off" if isinstance(e, AttributeError) else str(e)
            yield (
                f"record {number + 1}",
                None,
                None,
                ReadError("truncated", f"archive is cut off or corrupt ({detail})"),
            )
            return
        if archive.err_count > errors_before:
            yield (
                f"record {number}",
                None,
                None,
                ReadError("corrupt", "the record's Content-Length does not match its content"),
            )
            return
        if record is None:
            break
        number += 1
        if item is None:
            continue
        found = True
        url, captured, body = item
        yield f"record {number}", url, captured, body
        if isinstance(body, ReadError) and body.reason == "truncated":
            return
    problem = _gzip_problem(stream)
    if problem:
        yield f"record {number + 1}", None, None, ReadError("truncated", problem)
        return
    if not found:
        yield "archive", None, None, ReadError("no-article", "no HTML response records")


def _html_of(
    record: ArcWarcRecord, limit: int
) -> tuple[str | None, date | None, bytes | ReadError] | None:
    """(URL, capture day, HTML bytes or ReadError) of an HTML response record; None for any
    other record."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    ctype = (http.get_header("Content-Type") if http else "") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = _day(record.rec_headers.get_header("WARC-Date"))
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > limit:
        return url, captured, ReadError("too-large", f"record is {length} bytes, over {limit}")
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return url, captured, ReadError("too-large", f"record is over {limit} bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:
        # warcio returns a cut-off record's bytes without complaint
        return url, captured, ReadError("truncated", "the record is cut off")
    return url, captured, body


def _day(value: str | None) -> date | None:
    """The day of a WARC-Date ("2026-02-02T10:00:00Z"), or None when it is missing or bad."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _gzip_problem(stream: BinaryIO) -> str | None:
    """Why a gzipped archive is damaged, or None. warcio stops quietly at a cut-off gzip
    member, losing the last records, so the whole stream is checked once more."""
    if not stream.seekable():
        return None
    stream.seek(0)
    if stream.read(2) != b"\x1f\x8b":
        return None
    stream.seek(0)
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            while unzipped.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return f"gzip stream is cut off or corrupt ({exc})"
    return None
