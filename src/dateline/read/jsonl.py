"""JSON Lines: one article per line with ``text`` or ``html`` and optional ``url``,
``title``, ``date`` and ``source`` (the outlet). A ``.json`` file may also hold one object or
a list of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dateline.errors import ReadError


def iter_records(text: str, limit: int) -> Iterator[tuple[str, dict[str, Any] | ReadError]]:
    """(record label, article object or ReadError) for each line, or each element of a JSON
    array/object document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield "document", ReadError("bad-json", f"not valid JSON: {exc}")
            return
        for number, item in enumerate(items if isinstance(items, list) else [items], 1):
            yield f"item {number}", _check(item)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"line {number}"
        if len(line.encode("utf-8")) > limit:
            yield label, ReadError("too-large", f"over {limit} bytes")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == 1 and stripped.startswith("{"):
                # a pretty-printed single JSON object spans lines
                try:
                    yield "document", _check(json.loads(text))
                    return
                except json.JSONDecodeError:
                    pass
            yield label, ReadError("bad-json", f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield label, _check(item)


def _check(item: Any) -> dict[str, Any] | ReadError:
    if not isinstance(item, dict):
        return ReadError("bad-json", "a record must be a JSON object")
    if not isinstance(item.get("text") or item.get("html"), str):
        return ReadError("bad-json", "a record needs a 'text' or an 'html' string")
    return item
