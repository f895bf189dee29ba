"""Read news articles from files in any supported format into clean ``Document`` objects.

Public API (what ``pipeline.py``, the HTTP API and the Spark job call):

- ``read_path(path, options)``: every document in one file, or a ``ReadFailure`` per bad input
  or record. Never raises for bad input.
- ``read_bytes(data, source, options, fmt=None)``: the same for bytes in memory.
- ``iter_input_files(paths)``: the files under files and folders, sorted, hidden ones skipped.

Formats: plain text (``.txt``), HTML (``.html``/``.htm``), RSS/Atom (``.xml``/``.rss``/
``.atom``), WARC (``.warc``/``.warc.gz``), JSON Lines (``.jsonl``/``.json``), and ``.gz`` of any.
Failure reasons: ``empty``, ``binary``, ``encoding``, ``no-article``, ``truncated``,
``too-large``, ``not-xml``, ``bad-json``, ``unreadable``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from dateline.errors import ReadError
from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read.detect import (
    GZIP_MAGIC,
    check_binary,
    choose_format,
    decode,
    gunzip,
    is_article_name,
)
from dateline.read.document import Raw, Reader, build_document
from dateline.read.feeds import read_feed
from dateline.read.html import read_html
from dateline.read.jsonl import iter_records
from dateline.read.text import read_text, split_paragraphs
from dateline.read.warc import iter_html_records

__all__ = ["Reader", "iter_input_files", "read_bytes", "read_path", "wanted_under_folder"]

# A container (WARC, JSONL, feed) may hold many records, each under the record limit; the
# whole container is bounded by this many records' worth when it is decompressed in memory.
_CONTAINER_FACTOR = 64
Item = Document | ReadFailure


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively), in a stable sorted order.

    Under a folder, hidden files and folders (name starting with ".") and files without an
    article extension (.txt, .html, .htm, .xml, .rss, .atom, .warc, .jsonl, .json, each
    optionally .gz) are skipped, so a README beside the articles is not read; a file named
    explicitly is always yielded, whatever its name. A path that does not exist is yielded as
    is, so that reading it reports it as unreadable.
    """
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).parts):
            if child.is_file() and wanted_under_folder(child.relative_to(path).parts):
                yield child


def wanted_under_folder(parts: tuple[str, ...]) -> bool:
    """Whether a file found under a folder of inputs is read, from its path parts below that
    folder: not hidden (no part starts with ".") and named like an article. The Spark job
    chooses files with this too, so every engine reads the same files."""
    return bool(parts) and not any(p.startswith(".") for p in parts) and is_article_name(parts[-1])


def read_path(path: Path, options: Options, reader: Reader | None = None) -> Iterator[Item]:
    """Every document in the file at ``path``, any format; a ``ReadFailure`` for bad input.

    ``reader`` (optional) shares loaded reading data between calls. Raises ``DataFileError``
    only when the reader's own data files are invalid.
    """
    reader = reader or Reader(options)
    source = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield ReadFailure(source, "empty", "the file is empty")
            return
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
        fmt = choose_format(source, _peek(head))
        if fmt == "warc":  # streamed record by record: no limit on the archive's size
            with path.open("rb") as handle:
                yield from _read_warc(handle, source, reader)
            return
        # Refuse before reading it all into memory: one article may not exceed the record
        # limit; a feed or JSON Lines file may hold many records' worth.
        single = fmt in ("text", "html") and not head.startswith(GZIP_MAGIC)
        cap = options.max_record_bytes * (1 if single else _CONTAINER_FACTOR)
        if size > cap:
            yield ReadFailure(source, "too-large", f"{size} bytes, over the limit of {cap}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(source, "unreadable", _line(exc.strerror or str(exc)))
        return
    yield from read_bytes(data, source, options, reader=reader)


def read_bytes(
    data: bytes,
    source: str,
    options: Options,
    fmt: str | None = None,
    reader: Reader | None = None,
) -> Iterator[Item]:
    """Every document in ``data`` (the content of ``source``); ``fmt`` forces a format
    ("text", "html", "feed", "warc", "jsonl"), else it is detected from the name and content.

    Never raises for bad input: yields ``ReadFailure`` instead.
    """
    reader = reader or Reader(options)
    limit = options.max_record_bytes
    try:
        if not data.strip():
            raise ReadError("empty", "the input is empty")
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, limit * _CONTAINER_FACTOR)
            if not data.strip():
                raise ReadError("empty", "the input is empty once decompressed")
        fmt = fmt or choose_format(source, data[: 1 << 16])
        if fmt == "warc":
            yield from _read_warc(BytesIO(data), source, reader)
            return
        check_binary(data)
        if fmt in ("text", "html") and len(data) > limit:
            raise ReadError("too-large", f"{len(data)} bytes, over the limit of {limit}")
        if fmt == "feed":
            yield from _finish(read_feed(data, source, limit), source, reader)
        elif fmt == "jsonl":
            yield from _read_jsonl(decode(data), source, reader)
        elif fmt == "html":
            html = decode(data, html=True)
            skip = reader.data.byline_skip_classes
            yield _one(read_html(html, source, skip_classes=skip), source, reader)
        else:
            yield _one(read_text(decode(data), source), source, reader)
    except ReadError as exc:
        yield ReadFailure(source, exc.reason, _line(str(exc)))


def _line(message: str, limit: int = 300) -> str:
    """A failure message as one printable line: parsers quote raw bytes (newlines, NULs) from
    the input in their errors, and a summary prints one line per failure."""
    printable = "".join(ch if ch.isprintable() else " " for ch in message)
    text = " ".join(printable.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _peek(head: bytes) -> bytes:
    """The start of the content, decompressed when gzipped (a partial stream is fine)."""
    if not head.startswith(GZIP_MAGIC):
        return head
    import zlib

    try:
        return zlib.decompressobj(wbits=31).decompress(head, 1 << 12)
    except zlib.error:
        return head


def _one(raw: Raw | None, source: str, reader: Reader, record: str | None = None) -> Item:
    if raw is None:
        return ReadFailure(source, "no-article", "no article found in the page", record)
    return build_document(raw, reader)


def _finish(items: Iterable[Raw | ReadError], source: str, reader: Reader) -> Iterator[Item]:
    for number, item in enumerate(items, 1):
        if isinstance(item, ReadError):
            yield ReadFailure(source, item.reason, _line(str(item)), f"item {number}")
        else:
            yield build_document(item, reader)


def _read_warc(stream: Any, source: str, reader: Reader) -> Iterator[Item]:
    limit = reader.options.max_record_bytes
    for label, url, captured, body in iter_html_records(stream, limit):
        if isinstance(body, ReadError):
            yield ReadFailure(source, body.reason, _line(str(body)), label)
            continue
        try:
            html = decode(body, html=True)
        except ReadError as exc:
            yield ReadFailure(source, exc.reason, _line(str(exc)), label)
            continue
        skip = reader.data.byline_skip_classes
        raw = read_html(html, url or source, url=url, record=label, fmt="warc", skip_classes=skip)
        if raw is not None:
            raw.captured = captured
        yield _one(raw, url or source, reader, label)


def _read_jsonl(text: str, source: str, reader: Reader) -> Iterator[Item]:
    limit = reader.options.max_record_bytes
    for label, item in iter_records(text, limit):
        if isinstance(item, ReadError):
            yield ReadFailure(source, item.reason, _line(str(item)), label)
            continue
        url, title = _string(item.get("url")), _string(item.get("title"))
        where = url or source
        raw: Raw | None
        if isinstance(item.get("html"), str) and item["html"].strip():
            skip = reader.data.byline_skip_classes
            raw = read_html(item["html"], where, url, label, "jsonl", skip)
        elif title:
            raw = Raw(where, "jsonl", title, split_paragraphs(item["text"]), record=label)
        else:
            raw = read_text(item["text"], where, record=label)
            raw.format = "jsonl"
        if raw is not None:
            raw.url = url or raw.url
            raw.title = title or raw.title
            if _string(item.get("date")):
                raw.published, raw.published_rule = item["date"], "published.jsonl"
                raw.refused_published = None
            raw.outlet = _string(item.get("source")) or raw.outlet
        yield _one(raw, where, reader, label)


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
