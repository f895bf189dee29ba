"""WARC and WARC.gz archives (Common Crawl's news crawl): one document per HTML response."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.errors import ReadError


def iter_html_records(
    stream: BinaryIO, limit: int
) -> Iterator[tuple[str, str | None, bytes | ReadError]]:
    """(record label, target URL, HTML bytes or ReadError) for each HTML response record.

    A truncated or corrupt archive ends with a ``ReadError("truncated")`` for the record where
    reading stopped; records over ``limit`` bytes give ``ReadError("too-large")``.
    """
    number = 0
    found = False
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response":
                continue
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if "html" not in ctype.lower():
                continue
            found = True
            url = record.rec_headers.get_header("WARC-Target-URI")
            label = f"record {number}"
            length = int(record.rec_headers.get_header("Content-Length") or 0)
            if length > limit:
                yield label, url, ReadError("too-large", f"record is {length} bytes, over {limit}")
                continue
            body = record.content_stream().read(limit + 1)
            if len(body) > limit:
                yield label, url, ReadError("too-large", f"record is over {limit} bytes")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # warcio returns a cut-off record's bytes without complaint
                yield label, url, ReadError("truncated", "the record is cut off")
                return
            yield label, url, body
    # warcio raises AttributeError on a record whose headers are cut off
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError) as exc:
        detail = "its headers are cut off" if isinstance(exc, AttributeError) else str(exc)
        label = f"record {number + 1}"
        yield label, None, ReadError("truncated", f"archive is cut off or corrupt ({detail})")
        return
    problem = _gzip_problem(stream)
    if problem:
        yield f"record {number + 1}", None, ReadError("truncated", problem)
        return
    if not found:
        yield "archive", None, ReadError("no-article", "no HTML response records")


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
