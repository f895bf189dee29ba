"""WARC and WARC.gz archives (Common Crawl's news crawl): one document per HTML response.

An archive is read in three layers, so that one bad spot costs only the record it is in:

1. ``_chunks`` gives the archive's bytes, decompressed member by member when gzipped. A cut
   or corrupt gzip member becomes a ``_Damage`` mark, and reading resumes at the next gzip
   member header. A WARC gzipped as one member is streamed the same way.
2. ``_Framer`` cuts those bytes into records by their ``Content-Length``. A record whose
   length does not land on the next ``WARC/1.`` line, or that a damage mark interrupts, is
   reported, and reading resumes at the next ``WARC/1.`` line (searched inside the bad
   record too, since a cut record's length runs into the records after it).
3. warcio parses each whole record (HTTP headers, chunked and compressed payloads).

Memory is bounded by the record limit: a record over it is skipped as it streams past.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from dateline.errors import ReadError

_CHUNK = 1 << 16
_GZIP_HEADER = b"\x1f\x8b\x08"
_RECORD_START = b"WARC/1."
# Where a record starts: not always at a line start, since a cut record ends anywhere.
_START_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
# A record's header block inside another record's content: that record was cut and its
# length ran on into the next one (HTML never holds a WARC header line after a start line).
_EMBEDDED_START = re.compile(rb"WARC/1\.[01]\r\nWARC-[A-Za-z-]+:")
_MAX_HEADER_BYTES = 1 << 16  # a WARC header block is a few hundred bytes
_HTTP_HTML = re.compile(rb"(?im)^content-type:[^\r\n]*html")
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
_WARC_TYPE = re.compile(rb"(?im)^warc-type:[ \t]*(\S+)")

Item = tuple[str, str | None, date | None, bytes | ReadError]


@dataclass
class _Damage:
    """A place where the archive's bytes are lost (a cut or corrupt gzip member)."""

    message: str


def iter_html_records(stream: BinaryIO, limit: int) -> Iterator[Item]:
    """(record label, target URL, capture day, HTML bytes or ReadError) for each HTML response.

    Each bad spot gives one ``ReadError`` ("truncated" for a cut record or gzip member,
    "corrupt" for a record whose length is wrong or that cannot be parsed, "too-large" for a
    record over ``limit`` bytes) and reading goes on with the next intact record. Never
    raises for bad input. warcio writes its complaints to stderr; the library must not print,
    so they are captured (never while yielding).
    """
    found = failed = False
    for number, item in _Framer(_chunks(stream), limit).records():
        label = f"record {number}"
        if isinstance(item, ReadError):
            failed = True
            yield label, None, None, item
            continue
        try:
            with redirect_stderr(io.StringIO()):
                parsed = _parse(item, limit)
        except ReadError as exc:
            failed = True
            yield label, None, None, exc
            continue
        except Exception as exc:  # warcio's errors on a bad record are many
            failed = True
            message = f"the record cannot be parsed ({type(exc).__name__}: {exc})"
            yield label, None, None, ReadError("corrupt", message)
            continue
        if parsed is None:
            continue
        found = True
        url, captured, body = parsed
        yield label, url, captured, body
    if not found and not failed:
        yield "archive", None, None, ReadError("no-article", "no HTML response records")


def _chunks(stream: BinaryIO) -> Iterator[bytes | _Damage]:
    head = stream.read(_CHUNK)
    stream.seek(0)
    if head.startswith(_GZIP_HEADER):
        yield from _gzip_members(stream, 0)
        return
    first = None if head.lstrip().startswith(b"WARC/") else _find(stream, 1, _GZIP_HEADER)
    stream.seek(0)
    if first is not None and _RECORD_START not in head[:first]:
        # a gzipped archive whose first member lost its start
        yield _Damage("the archive does not start with a gzip member")
        yield from _gzip_members(stream, first)
        return
    while chunk := stream.read(_CHUNK):
        yield chunk


def _gzip_members(stream: BinaryIO, start: int) -> Iterator[bytes | _Damage]:
    """Decompressed bytes of each gzip member from offset ``start`` on, output bounded per
    call; a ``_Damage`` where a member is cut or corrupt, then the next member's bytes."""
    quiet = False  # after damage, a false member start found while resyncing is not news
    while True:
        stream.seek(start)
        unzip = zlib.decompressobj(wbits=31)
        offset = start
        resume: int | None = None
        try:
            while not unzip.eof:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    if offset > start and not quiet:
                        yield _Damage(f"the gzip member at byte {start} is cut off")
                    # A member cut short runs on into the next one, whose bytes may inflate
                    # without an error to the end: the next member starts inside what it read.
                    resume = _find(stream, start + 1, _GZIP_HEADER)
                    break
                offset += len(chunk)
                data = chunk
                while data and not unzip.eof:
                    out = unzip.decompress(data, _CHUNK * 4)
                    if out:
                        yield out
                    data = unzip.unconsumed_tail
        except zlib.error as exc:
            if not quiet:
                yield _Damage(f"the gzip member at byte {start} is corrupt ({exc})")
            quiet = True
            found = _find(stream, start + 1, _GZIP_HEADER)
            if found is None:
                return
            start = found
            continue
        if not unzip.eof:  # cut off at the end of the stream
            if resume is None:
                return
            quiet = True
            start = resume
            continue
        quiet = False
        start = offset - len(unzip.unused_data)
        stream.seek(start)
        after = stream.read(len(_GZIP_HEADER))
        if not after:
            return
        if after != _GZIP_HEADER:
            yield _Damage(f"bytes at {start} are not a gzip member")
            quiet = True
            found = _find(stream, start + 1, _GZIP_HEADER)
            if found is None:
                return
            start = found


def _find(stream: BinaryIO, start: int, needle: bytes) -> int | None:
    """The offset of the next ``needle`` in ``stream`` at or after ``start``, or None."""
    stream.seek(start)
    position, carry = start, b""
    while chunk := stream.read(_CHUNK):
        window = carry + chunk
        at = window.find(needle)
        if at >= 0:
            return position - len(carry) + at
        carry = window[-(len(needle) - 1) :]
        position += len(chunk)
    return None


class _Framer:
    """WARC records (whole, as bytes) out of a stream of chunks, resynchronising after a bad
    spot; each comes with its number among the records seen."""

    def __init__(self, chunks: Iterator[bytes | _Damage], limit: int) -> None:
        self.chunks = chunks
        self.limit = limit
        self.buffer = bytearray()
        self.damage: _Damage | None = None  # met while filling, not yet reported
        self.ended = False
        self.number = 0

    def _fill(self, size: int) -> bool:
        """Pull chunks until the buffer holds ``size`` bytes; False at the end or at damage."""
        while len(self.buffer) < size:
            if self.damage is not None or self.ended:
                return False
            chunk = next(self.chunks, None)
            if chunk is None:
                self.ended = True
            elif isinstance(chunk, _Damage):
                self.damage = chunk
            else:
                self.buffer += chunk
        return True

    def _resync(self, after: int) -> None:
        """Drop bytes up to the next ``WARC/1.x`` start line found after ``after``;
        everything, when the bytes end (or are lost) first."""
        while True:
            match = _START_LINE.search(self.buffer, after)
            if match:
                del self.buffer[: match.start()]
                return
            if self.ended or self.damage is not None:
                self.buffer.clear()
                return
            keep = len(_RECORD_START) + 4  # a start line may straddle two chunks
            del self.buffer[: max(0, len(self.buffer) - keep)]
            after = 0
            self._fill(len(self.buffer) + _CHUNK)

    def _skip_space(self) -> None:
        while True:
            blank = 0
            while blank < len(self.buffer) and self.buffer[blank] in b"\r\n":
                blank += 1
            del self.buffer[:blank]
            if self.buffer or not self._fill(1):
                return

    def records(self) -> Iterator[tuple[int, bytes | ReadError]]:
        """(number, whole record bytes or ReadError) for every record and every bad spot."""
        while True:
            self._skip_space()
            if self.damage is not None:
                # what follows a damage mark starts at a fresh gzip member
                damage, self.damage = self.damage, None
                self.buffer.clear()
                self.number += 1
                yield self.number, ReadError("truncated", damage.message)
                continue
            if not self.buffer:
                return
            self._fill(len(_RECORD_START))
            if self.buffer.startswith(_RECORD_START):
                yield from self._record()
            elif self.damage is None:
                self.number += 1
                yield self.number, ReadError("corrupt", "no WARC record starts here")
                self._resync(0)

    def _record(self) -> Iterator[tuple[int, bytes | ReadError]]:
        self.number += 1
        number = self.number
        end = self.buffer.find(b"\r\n\r\n")
        while end < 0 and len(self.buffer) < _MAX_HEADER_BYTES:
            if not self._fill(len(self.buffer) + 1):
                break
            end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if self.ended or self.damage is not None:
                yield number, self._cut("its headers are cut off")
            else:
                yield number, ReadError("corrupt", "the record's headers do not end")
                self._resync(1)
            return
        header = bytes(self.buffer[:end])
        if _START_LINE.search(header, 1):  # the next record starts inside these headers
            yield number, ReadError("corrupt", "the record's headers are cut off")
            self._resync(1)
            return
        length_match = _LENGTH.search(header)
        if length_match is None:
            yield number, ReadError("corrupt", "the record has no Content-Length")
            self._resync(1)
            return
        length = int(length_match.group(1))
        body_start = end + 4
        total = body_start + length
        if length > self.limit:
            yield from self._skip(number, header, body_start, total)
            return
        if not self._fill(total):
            yield number, self._cut("the record is cut off")
            return
        self._fill(total + 4 + len(_RECORD_START))
        tail = bytes(self.buffer[total : total + 4 + len(_RECORD_START)])
        rest = tail.lstrip(b"\r\n")
        # A record whose length lands on its closing blank line is whole, whatever follows
        # (damage after it belongs to the next record); a writer that closes with a single
        # line break is accepted when the next record starts right after.
        whole = tail.startswith(b"\r\n\r\n")
        # A length can land on a blank line by chance (the next record's header end) after
        # bytes of the record were lost: the next record's start inside it gives that away.
        ran_on = _EMBEDDED_START.search(self.buffer, body_start, total) is not None
        if ran_on or (
            not whole
            and (tail[:2] != b"\r\n" or not _RECORD_START.startswith(rest[: len(_RECORD_START)]))
        ):
            yield (
                number,
                ReadError("corrupt", "the record's Content-Length does not match its content"),
            )
            self._resync(1)
            return
        record = bytes(self.buffer[:total]) + b"\r\n\r\n"
        del self.buffer[:total]
        yield number, record

    def _cut(self, message: str) -> ReadError:
        """The record being read is cut off (by lost bytes or the end): report it, and look
        for a whole record inside what was read of it."""
        if self.damage is not None:
            message = f"{message} ({self.damage.message})"
            self.damage = None
            self.buffer.clear()
        else:
            self._resync(1)
        return ReadError("truncated", message)

    def _skip(
        self, number: int, header: bytes, body_start: int, total: int
    ) -> Iterator[tuple[int, bytes | ReadError]]:
        """Let a record over the limit stream past; it is reported when it is an HTML
        response (a large image or video is not an article and is skipped quietly)."""
        self._fill(body_start + 4096)
        head = bytes(self.buffer[body_start : body_start + 4096]).split(b"\r\n\r\n", 1)[0]
        kind = _WARC_TYPE.search(header)
        html = kind is not None and kind.group(1).lower() == b"response" and _HTTP_HTML.search(head)
        remaining = total
        while remaining > 0:
            if not self.buffer and not self._fill(1):
                yield number, self._cut("the record is cut off")
                return
            take = min(remaining, len(self.buffer))
            del self.buffer[:take]
            remaining -= take
        if html:
            length = total - body_start
            yield number, ReadError("too-large", f"record is {length} bytes, over {self.limit}")


def _parse(record_bytes: bytes, limit: int) -> tuple[str | None, date | None, bytes] | None:
    """(URL, capture day, HTML bytes) of one whole record when it is an HTML response."""
    for record in ArchiveIterator(io.BytesIO(record_bytes)):
        return _html_of(record, limit)
    return None


def _html_of(record: ArcWarcRecord, limit: int) -> tuple[str | None, date | None, bytes] | None:
    """(URL, capture day, HTML bytes) of an HTML response record; None for any other record."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    ctype = (http.get_header("Content-Type") if http else "") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = _day(record.rec_headers.get_header("WARC-Date"))
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:  # a compressed payload can expand past the record's own length
        raise ReadError("too-large", f"record is over {limit} bytes once decoded")
    return url, captured, body


def _day(value: str | None) -> date | None:
    """The day of a WARC-Date ("2026-02-02T10:00:00Z"), or None when it is missing or bad."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
