"""JSON Lines: one article per line with ``text`` or ``html`` and optional ``url``,
``title``, ``date`` and ``source`` (the outlet). A ``.json`` file may also hold one object or
a list of them.

Lines are read one at a time from a stream, each at most the record limit, so a file of any
size (or a gzip file that expands without end) is read in bounded memory, and a bad line (cut,
a NUL byte, invalid or too deeply nested JSON) fails alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from dateline.errors import ReadError
from dateline.read.detect import decode, read_capped

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def iter_records(stream: BinaryIO, limit: int) -> Iterator[tuple[str, dict[str, Any] | ReadError]]:
    """(record label, article object or ReadError) for each line of ``stream``, or each
    element of a JSON array/object document (read whole, up to ``limit`` bytes)."""
    head = stream.peek(1 << 12) if hasattr(stream, "peek") else b""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"[") or head.startswith(_UTF16_BOMS):
        yield from _document(read_capped(stream, limit, "a JSON document"))
        return
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        label = f"line {number}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield label, ReadError("too-large", f"over {limit} bytes")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        item = _line(line)
        opening = line.strip()
        if number == 1 and isinstance(item, ReadError) and opening.startswith(b"{") \
                and not opening.endswith(b"}"):  # fmt: skip
            # a pretty-printed single JSON object spans lines: it is one document
            data = line + read_capped(stream, max(0, limit - len(line)), "a JSON document")
            yield from _document(data)
            return
        yield label, item if isinstance(item, ReadError) else _check(item)


def _document(data: bytes) -> Iterator[tuple[str, dict[str, Any] | ReadError]]:
    items = _parse(data)
    if isinstance(items, ReadError):
        yield "document", items
        return
    for number, item in enumerate(items if isinstance(items, list) else [items], 1):
        yield f"item {number}", _check(item)


def _line(line: bytes) -> Any:
    if b"\x00" in line:
        return ReadError("binary", "a NUL byte in the line: not JSON text")
    return _parse(line)


def _parse(data: bytes) -> Any:
    """The JSON value of ``data``, or a ReadError saying why there is none."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode(data)
        except ReadError as exc:
            return exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError("bad-json", f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return ReadError("bad-json", "JSON nested too deeply to read")


def _check(item: Any) -> dict[str, Any] | ReadError:
    if not isinstance(item, dict):
        return ReadError("bad-json", "a record must be a JSON object")
    if not isinstance(item.get("text") or item.get("html"), str):
        return ReadError("bad-json", "a record needs a 'text' or an 'html' string")
    return item
