"""ASGI middleware: allowed hosts, request size limits, a backoff on wrong tokens, and
security headers.

Written as plain ASGI (not ``BaseHTTPMiddleware``) so that a body over the limit is refused
while it streams in, before it is held in memory.

- Host: a page on another site can make the browser send requests to a name it controls
  that resolves to 127.0.0.1 (DNS rebinding), and read the answers; the ``Host`` header still
  names the attacker's domain, so only the names the server was started for are answered.
- Headers over ``MAX_HEADER_BYTES`` in all are refused (431) before anything reads them.
- A client that sent ``FREE_TOKEN_FAILURES`` wrong bearer tokens waits, doubling each time,
  before another request with a token is heard (429 with ``Retry-After``).
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from dateline.web.errors import ApiError, envelope

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_URL_BYTES = 4096  # path + query string; no page needs more
MAX_HEADER_BYTES = 16 * 1024  # all header names and values; a browser sends 1-2 KB
DEFAULT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "::1")
HEAD_FLAG = "dateline.head"  # in the ASGI scope of a HEAD request answered as a GET
FREE_TOKEN_FAILURES = 5  # wrong tokens a client may send before it has to wait
MAX_TOKEN_WAIT = 300.0  # seconds; the wait doubles with each wrong token up to this

# No inline scripts anywhere (page data travels in <script type="application/json">), nothing
# from another origin. Styles allow 'unsafe-inline' because the chart and graph libraries set
# element styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class _TooLarge(ApiError):
    """Raised while the body streams in; the app's handler turns it into a 413 envelope."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, "too-large", f"the body is over {limit} bytes")


def host_name(value: str) -> str:
    """The name in a ``Host`` header, without port, brackets or trailing dot, lower case
    ("[::1]:8000" → "::1", "LocalHost.:80" → "localhost")."""
    value = value.strip().lower()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


class TokenGuard:
    """Wrong bearer tokens counted per client address, and how long each must wait.

    Holds at most ``size`` addresses (the oldest are forgotten); ``clock`` is injectable for
    tests. Not thread-safe on its own: the ASGI middleware calls it from the event loop.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, size: int = 4096) -> None:
        self.clock = clock
        self.size = size
        self.failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before a request with a token is heard."""
        count, last = self.failures.get(client, (0, 0.0))
        if count < FREE_TOKEN_FAILURES:
            return 0.0
        delay = min(MAX_TOKEN_WAIT, 2.0 ** (count - FREE_TOKEN_FAILURES))
        return max(0.0, last + delay - self.clock())

    def failed(self, client: str) -> None:
        count, _ = self.failures.pop(client, (0, 0.0))
        self.failures[client] = (count + 1, self.clock())
        while len(self.failures) > self.size:
            self.failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)


class LimitsMiddleware:
    """Refuse other hosts (400), large headers (431), long URLs (414), token guessing (429)
    and bodies over ``max_body`` bytes (413); add security headers.

    ``allowed_hosts``: the names the ``Host`` header may give ("*" allows any).
    """

    def __init__(
        self,
        app: ASGIApp,
        max_body: int,
        allowed_hosts: Iterable[str] = DEFAULT_ALLOWED_HOSTS,
        guard: TokenGuard | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = frozenset(host_name(h) for h in allowed_hosts)
        self.guard = guard or TokenGuard()

    def _host_allowed(self, scope: Scope) -> tuple[bool, str]:
        for name, value in scope.get("headers", []):
            if name == b"host":
                host = host_name(value.decode("latin-1"))
                return "*" in self.hosts or host in self.hosts, host
        return True, ""  # HTTP/1.0 without a Host: no browser sends that

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        header_bytes = sum(len(name) + len(value) for name, value in headers)
        if header_bytes > MAX_HEADER_BYTES:
            await _refuse(send, 431, "headers-too-large",
                          f"the request headers are over {MAX_HEADER_BYTES} bytes")  # fmt: skip
            return
        allowed, host = self._host_allowed(scope)
        if not allowed:
            await _refuse(send, 400, "bad-host",
                          f"this server does not answer to the host {host[:100]!r}; start it "
                          f"with --allow-host {host[:100] or 'NAME'} to allow it")  # fmt: skip
            return
        client = (scope.get("client") or ("?", 0))[0]
        has_token = any(name == b"authorization" for name, _ in headers)
        if has_token:
            wait = self.guard.wait(client)
            if wait > 0:
                await _refuse(send, 429, "too-many-wrong-tokens",
                              f"too many wrong tokens: try again in {wait:.0f} s",
                              ((b"retry-after", str(int(wait) + 1).encode()),))  # fmt: skip
                return
        head = scope["method"] == "HEAD"
        if head:
            # Every GET answers HEAD too: the same status and headers, no body. The flag
            # lets a download skip writing a body nobody will read.
            scope = {**scope, "method": "GET", HEAD_FLAG: True}
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if url_bytes > MAX_URL_BYTES:
            await _refuse(send, 414, "uri-too-long", f"the URL is over {MAX_URL_BYTES} bytes")
            return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _refuse(send, 413, "too-large", f"the body is over {self.max_body} bytes")
            return

        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge(self.max_body)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if has_token:
                    status = int(message.get("status", 0))
                    if status == 401:
                        self.guard.failed(client)
                    elif 200 <= status < 300:
                        self.guard.succeeded(client)
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, "too-large", f"the body is over {self.max_body} bytes")


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(
    send: Send, status: int, code: str, message: str, extra: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = json.dumps(envelope(code, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *extra,
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
