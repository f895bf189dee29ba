"""Read news articles from files in any supported format into clean ``Document`` objects.

Public API (what ``pipeline.py``, the HTTP API and the Spark job call):

- ``read_path(path, options)``: every document in one file, or a ``ReadFailure`` per bad input
  or record. Never raises for bad input.
- ``read_bytes(data, source, options, fmt=None)``: the same for bytes in memory.
- ``read_stream(stream, source, options, fmt=None)``: the same for a seekable binary file.
- ``read_pipe(stream, source, options)``: the same for stdin or a pipe (copied aside first).
- ``iter_input_files(paths)``: the files under files and folders, sorted, hidden ones skipped.

Formats: plain text (``.txt``), HTML (``.html``/``.htm``), RSS/Atom (``.xml``/``.rss``/
``.atom``), WARC (``.warc``/``.warc.gz``), JSON Lines (``.jsonl``/``.json``), and ``.gz`` of any.
Failure reasons: ``empty``, ``binary``, ``encoding``, ``no-article``, ``truncated``,
``corrupt``, ``too-large``, ``not-xml``, ``bad-json``, ``unreadable``, ``too-deep`` and
``error`` (a parser's unexpected exception on one record: reported, and reading goes on).
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from dateline.errors import DataFileError, ReadError
from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read.detect import (
    GZIP_MAGIC,
    MAX_SPOOL_BYTES,
    check_binary,
    choose_format,
    decode,
    is_article_name,
    looks_binary,
    open_decompressed,
    read_capped,
    spool,
)
from dateline.read.document import Raw, Reader, build_document
from dateline.read.feeds import MAX_FEED_BYTES, read_feed
from dateline.read.html import read_html
from dateline.read.jsonl import iter_records
from dateline.read.text import read_text, split_paragraphs
from dateline.read.warc import iter_html_records

__all__ = [
    "Reader",
    "iter_input_files",
    "read_bytes",
    "read_path",
    "read_pipe",
    "read_stream",
    "wanted_under_folder",
]

Item = Document | ReadFailure
_HEAD = 1 << 16


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively), in a stable sorted order.

    Under a folder, hidden files and folders (name starting with ".") and files without an
    article extension (.txt, .html, .htm, .xml, .rss, .atom, .warc, .jsonl, .json, each
    optionally .gz) are skipped, so a README beside the articles is not read; a file named
    explicitly is always yielded, whatever its name. Linked folders are followed once.
    Every other path that cannot be read is yielded too (a path that does not exist, a folder
    that cannot be listed, a broken link, a link loop), so that reading it reports why:
    nothing is skipped without a line.
    """
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        yield from _walk(path, {_identity(path)})


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _walk(folder: Path, above: set[tuple[int, int]]) -> Iterator[Path]:
    """Depth first, names sorted (the order of sorting relative paths by their parts)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        yield folder  # reading it reports why it cannot be listed
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows a link
            is_file = not is_dir and entry.is_file()
        except OSError:  # a link loop, or a link the walk may not follow
            is_dir = is_file = False
        if is_dir:
            try:
                key = _identity(child)
            except OSError:
                yield child
                continue
            if key in above:
                yield child  # a link back to a folder above it: reported as a loop
                continue
            yield from _walk(child, above | {key})
        elif wanted_under_folder((entry.name,)) and (is_file or entry.is_symlink()):
            yield child  # a broken or looping link is reported by reading it


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
    source = str(path)
    problem = _path_problem(Path(path))
    if problem:
        yield ReadFailure(source, "unreadable", problem)
        return
    try:
        with Path(path).open("rb") as handle:
            if handle.seekable():
                yield from read_stream(handle, source, options, reader=reader)
            else:  # a named pipe (``<(zcat ...)``): copied aside, in bounded memory
                yield from read_pipe(handle, source, options, reader=reader)
    except OSError as exc:  # opening or copying it: read_stream reports the rest
        yield ReadFailure(source, "unreadable", _line(exc.strerror or str(exc)))


def read_pipe(
    stream: BinaryIO,
    source: str,
    options: Options,
    fmt: str | None = None,
    reader: Reader | None = None,
) -> Iterator[Item]:
    """Every document in a stream that cannot seek (stdin, a named pipe): it is copied
    aside first (in memory up to one record's worth, then in a temporary file) and refused
    past ``MAX_SPOOL_BYTES``. Never raises for bad input."""
    try:
        copy = spool(stream, options.max_record_bytes, MAX_SPOOL_BYTES)
    except ReadError as exc:
        yield ReadFailure(source, exc.reason, _line(str(exc)))
        return
    with copy:
        yield from read_stream(copy, source, options, fmt, reader)


def _path_problem(path: Path) -> str | None:
    """Why ``path`` is not a file that can be read (a broken link, a loop, a folder that
    cannot be listed), or None."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"a broken symbolic link (to {_line(os.readlink(path))})"
        return _line(exc.strerror or str(exc))
    if stat.S_ISDIR(info.st_mode):
        try:
            os.scandir(path).close()
        except OSError as exc:
            return f"the folder cannot be listed: {_line(exc.strerror or str(exc))}"
        if path.is_symlink():
            return "a link to a folder above it (a loop): not followed"
        return "a folder, not a file"
    return None


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
    stream = io.BufferedReader(io.BytesIO(data))
    yield from read_stream(stream, source, options, fmt, reader)


def read_stream(
    stream: BinaryIO,
    source: str,
    options: Options,
    fmt: str | None = None,
    reader: Reader | None = None,
) -> Iterator[Item]:
    """Every document in the seekable binary ``stream`` (the content of ``source``).

    Memory stays bounded whatever the input: a single article (text, HTML, feed) is read up
    to ``options.max_record_bytes`` (after decompression; more is "too-large"); JSON Lines
    and WARC are read record by record. Never raises for bad input: any failure of one
    record, even a parser's unexpected exception, is a ``ReadFailure`` for that record and
    reading goes on. Raises ``DataFileError`` when the reader's own data files are invalid.
    """
    try:
        reader = reader or Reader(options)
        yield from _read(stream, source, fmt, reader)
    except ReadError as exc:
        yield ReadFailure(source, exc.reason, _line(str(exc)))
    except DataFileError:
        raise
    except OSError as exc:
        yield ReadFailure(source, "unreadable", _line(exc.strerror or str(exc)))
    except Exception as exc:  # one input's parser bug must not end a run
        yield _unexpected(source, None, exc)


def _unexpected(source: str, record: str | None, exc: BaseException) -> ReadFailure:
    if isinstance(exc, RecursionError):
        return ReadFailure(source, "too-deep", "nested too deeply to read", record)
    return ReadFailure(source, "error", _line(f"{type(exc).__name__}: {exc}"), record)


def _safely(source: str, record: str | None, make: Callable[[], Item]) -> Item:
    """``make()``, or the ``ReadFailure`` of whatever it raised (one record's failure)."""
    try:
        return make()
    except ReadError as exc:
        return ReadFailure(source, exc.reason, _line(str(exc)), record)
    except DataFileError:
        raise
    except Exception as exc:  # one record's parser bug must not end a run
        return _unexpected(source, record, exc)


def _read(stream: BinaryIO, source: str, fmt: str | None, reader: Reader) -> Iterator[Item]:
    limit = reader.options.max_record_bytes
    head = stream.read(_HEAD)
    stream.seek(0)
    if not head.strip():
        raise ReadError("empty", "the input is empty")
    gzipped = head.startswith(GZIP_MAGIC)
    fmt = fmt or choose_format(source, _peek(head))
    if fmt == "warc":  # the WARC reader takes gzip apart member by member itself
        yield from _read_warc(stream, source, reader)
        return
    body: BinaryIO = open_decompressed(stream) if gzipped else stream
    if fmt == "jsonl":
        if looks_binary(body.peek(8192) if hasattr(body, "peek") else head):
            raise ReadError("binary", "contains NUL bytes: a binary file, not text")
        yield from _read_jsonl(body, source, reader)
        return
    what = "the input once decompressed" if gzipped else "the input"
    data = read_capped(body, max(limit, MAX_FEED_BYTES) if fmt == "feed" else limit, what)
    if not data.strip():
        raise ReadError("empty", f"{what} is empty")
    data = check_binary(data)
    if fmt == "feed":
        yield from _finish(read_feed(data, source, limit), source, reader)
    elif fmt == "html":
        html = decode(data, html=True)
        skip = reader.data.byline_skip_classes
        yield _safely(source, None, partial(_html_document, html, source, skip, reader))
    else:
        text = decode(data)
        yield _safely(source, None, partial(_text_document, text, source, reader))


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


def _html_document(html: str, source: str, skip: tuple[str, ...], reader: Reader) -> Item:
    return _one(read_html(html, source, skip_classes=skip), source, reader)


def _text_document(text: str, source: str, reader: Reader) -> Item:
    return _one(read_text(text, source), source, reader)


def _finish(items: Iterable[Raw | ReadError], source: str, reader: Reader) -> Iterator[Item]:
    for number, item in enumerate(items, 1):
        label = f"item {number}"
        if isinstance(item, ReadError):
            yield ReadFailure(source, item.reason, _line(str(item)), label)
        else:
            yield _safely(item.source, label, partial(build_document, item, reader))


def _read_warc(stream: BinaryIO, source: str, reader: Reader) -> Iterator[Item]:
    limit = reader.options.max_record_bytes
    for label, url, captured, body in iter_html_records(stream, limit):
        if isinstance(body, ReadError):
            yield ReadFailure(url or source, body.reason, _line(str(body)), label)
            continue
        make = partial(_warc_document, body, url, captured, source, label, reader)
        yield _safely(url or source, label, make)


def _warc_document(
    body: bytes, url: str | None, captured: Any, source: str, label: str, reader: Reader
) -> Item:
    html = decode(check_binary(body), html=True)
    skip = reader.data.byline_skip_classes
    raw = read_html(html, url or source, url=url, record=label, fmt="warc", skip_classes=skip)
    if raw is not None:
        raw.captured = captured
    return _one(raw, url or source, reader, label)


def _read_jsonl(stream: BinaryIO, source: str, reader: Reader) -> Iterator[Item]:
    limit = reader.options.max_record_bytes
    for label, item in iter_records(stream, limit):
        if isinstance(item, ReadError):
            yield ReadFailure(source, item.reason, _line(str(item)), label)
            continue
        yield _safely(source, label, partial(_jsonl_document, item, source, label, reader))


def _jsonl_document(item: dict[str, Any], source: str, label: str, reader: Reader) -> Item:
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
    return _one(raw, where, reader, label)


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.replace("\x00", "").strip() or None
