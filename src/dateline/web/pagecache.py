"""Pages as sent, kept by URL until the database changes.

``PageCache`` holds the bytes of each page a view made (``app.twin`` puts them there);
``PageCacheMiddleware`` answers a request for a page it holds before the request reaches
the router: no parameter parsing, no thread, no query, no template. On the load benchmark
at a million events about six requests in ten ask for a page asked for before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Key = tuple[str, bytes, date]


def database_stamp(path: Path) -> tuple[int, ...]:
    """What changes when something is written: size and time of the file and its WAL.

    An empty WAL counts as no WAL: the first reader after a writer closed creates an empty
    one, and its own read must not make the page it just built look stale.
    """
    out: list[int] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = p.stat()
            out += [st.st_size, st.st_mtime_ns] if st.st_size else [0, 0]
        except OSError:
            out += [0, 0]
    return tuple(out)


class PageCache:
    """Pages as sent (their bytes and content type) by URL, kept until the database changes
    (its ``database_stamp``) or the reading date does: a page asked for again, by the same
    visitor or another, is not queried and rendered again. At most ``max_bytes`` in all,
    the least recently used dropped first; a page over ``max_page`` bytes is not kept.
    Pages that show the time they were made (the overview, the feeds) are never put here
    (``twin(keep=False)``)."""

    def __init__(
        self,
        path: Path,
        today: Callable[[], date],
        max_bytes: int = 32 << 20,
        max_page: int = 1 << 20,
    ) -> None:
        self.path = path
        self.today = today
        self.max_bytes = max_bytes
        self.max_page = max_page
        self.entries: OrderedDict[Key, tuple[tuple[int, ...], bytes, bytes]] = OrderedDict()
        self.held = 0
        self.guard = threading.Lock()

    def key(self, scope: Scope) -> Key:
        """The URL of a request (path and query string, as sent) and the reading date."""
        return (str(scope.get("path", "")), bytes(scope.get("query_string", b"")), self.today())

    def get(self, key: Key) -> tuple[tuple[int, ...], tuple[bytes, bytes] | None]:
        """The database's stamp now, and the page kept for ``key`` when it is still
        current: (body, content type) or None."""
        stamp = database_stamp(self.path)
        with self.guard:
            hit = self.entries.get(key)
            if hit is None or hit[0] != stamp:
                return stamp, None
            self.entries.move_to_end(key)
            return stamp, (hit[1], hit[2])

    def put(self, key: Key, stamp: tuple[int, ...], body: bytes, kind: bytes) -> None:
        """Keep ``body`` (made when the database had ``stamp``) for ``key``."""
        if len(body) > self.max_page:
            return
        with self.guard:
            old = self.entries.pop(key, None)
            self.held -= len(old[1]) if old else 0
            self.entries[key] = (stamp, body, kind)
            self.held += len(body)
            while self.held > self.max_bytes:
                _, (_, dropped, _) = self.entries.popitem(last=False)
                self.held -= len(dropped)


class PageCacheMiddleware:
    """Answer a GET for a page the ``PageCache`` holds (status 200, its content type);
    pass every other request on."""

    def __init__(self, app: ASGIApp, pages: PageCache) -> None:
        self.app = app
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        _, hit = self.pages.get(self.pages.key(scope))
        if hit is None:
            await self.app(scope, receive, send)
            return
        body, kind = hit
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
