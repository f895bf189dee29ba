"""WARC and WARC.gz archives (Common Crawl's news crawl): one document per HTML response."""

from __future__ import annotations

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
            yield label, url, body
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        label = f"record {number + 1}"
        yield label, None, ReadError("truncated", f"archive is cut off or corrupt ({exc})")
        return
    if not found:
        yield "archive", None, ReadError("no-article", "no HTML response records")
