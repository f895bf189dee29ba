"""A polite HTTP client for feeds and article pages (httpx).

``PoliteClient.get`` fetches one URL the way a guest should: a User-Agent naming dateline and
its version, robots.txt honoured (the standard library's parser, per RFC 9309: a missing
file allows everything, an unreachable one forbids everything for a while), one request at a
time per host with a pause between two (longer when robots.txt asks for a ``Crawl-delay``),
connect/read timeouts and a deadline for the whole answer, a size cap checked while the body
streams in (never buffered past the cap), redirects followed by hand up to a limit (a loop
is caught at its first repeat), and retries with growing pauses on a timeout, a dropped
connection or a 5xx answer — never on a 4xx one. Conditional requests send back the
validators (ETag, Last-Modified) and take a 304 as "unchanged".

Every problem raises ``FetchError`` with a short ``reason``; the client never prints.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from dateline import __version__
from dateline.errors import FetchError
from dateline.options import FetchOptions

ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.1"
ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt
ROBOTS_KEEP = 24 * 3600.0  # seconds a robots.txt is trusted before it is read again
ROBOTS_UNREACHABLE_KEEP = 300.0  # an unreachable robots.txt forbids the host this long
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def user_agent(options: FetchOptions) -> str:
    """The User-Agent header: the option, or ``dateline/<version>``."""
    return options.user_agent or f"dateline/{__version__} (news event coder; honours robots.txt)"


@dataclass(frozen=True)
class Fetched:
    """One answer: 200 with a body, or 304 (unchanged) with none."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str  # media type without parameters, lower case; "" when absent
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    until: float  # monotonic time after which it is read again
    error: FetchError | None = None  # unreachable: everything refused until ``until``


class PoliteClient:
    """Fetches URLs politely; one instance per watcher (it remembers hosts and robots.txt).

    ``stop`` (optional) cuts pauses short: a set event makes the client raise
    ``FetchError("stopped")`` instead of waiting. ``transport`` replaces the network in
    tests; ``clock`` and ``sleep`` too. Use as a context manager or call ``close()``.
    """

    def __init__(
        self,
        options: FetchOptions,
        *,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self.stop = stop or threading.Event()
        self.clock = clock
        self.agent = user_agent(options)
        self.client = httpx.Client(
            headers={"User-Agent": self.agent},
            timeout=httpx.Timeout(
                connect=options.connect_timeout,
                read=options.read_timeout,
                write=options.read_timeout,
                pool=options.connect_timeout,
            ),
            follow_redirects=False,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}  # origin -> monotonic end of last request
        self._robots: dict[str, _Robots] = {}
        self.requests = 0  # requests sent (for reports and tests)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one public call --------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        accept: str = ACCEPT_PAGE,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """Fetch ``url`` (following redirects), retrying passing failures.

        ``etag``/``last_modified`` make the request conditional (a 304 comes back as
        ``Fetched(status=304)``). Raises ``FetchError``: ``bad-url``, ``robots``,
        ``http-<code>``, ``timeout``, ``unreachable``, ``too-large``, ``redirect-loop``,
        ``too-many-redirects``, ``stopped``.
        """
        attempts = 1 + max(0, self.options.retries)
        for attempt in range(attempts):
            try:
                return self._follow(url, accept, etag, last_modified, max_bytes)
            except FetchError as exc:
                if not exc.passing or exc.reason == "stopped" or attempt == attempts - 1:
                    raise
                self._pause(self.options.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    # -- redirects, robots, pauses --------------------------------------------------------
    def _follow(
        self,
        url: str,
        accept: str,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int | None,
    ) -> Fetched:
        seen: set[str] = set()
        current = url
        for _hop in range(self.options.max_redirects + 1):
            if current in seen:
                raise FetchError("redirect-loop", f"redirect loop back to {current}")
            seen.add(current)
            _check_url(current)
            self.check_robots(current)
            answer = self._request(current, accept, etag, last_modified, max_bytes)
            if isinstance(answer, Fetched):
                return answer
            current = answer
        raise FetchError(
            "too-many-redirects", f"more than {self.options.max_redirects} redirects from {url}"
        )

    def check_robots(self, url: str) -> None:
        """Raise ``FetchError("robots")`` when the host's robots.txt forbids ``url`` to us
        (or a passing error when robots.txt itself cannot be read just now)."""
        if not self.options.robots:
            return
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return
        origin = f"{parts.scheme}://{parts.netloc}"
        now = self.clock()
        robots = self._robots.get(origin)
        if robots is None or robots.until <= now:
            robots = self._read_robots(origin, now)
            self._robots[origin] = robots
        if robots.error is not None:
            raise FetchError(
                robots.error.reason,
                f"robots.txt of {origin} cannot be read ({robots.error}); not fetching",
                passing=True,
            )
        if robots.parser is not None and not robots.parser.can_fetch(self._token(), url):
            raise FetchError("robots", f"robots.txt of {origin} disallows {parts.path or '/'}")

    def _token(self) -> str:
        # RobotFileParser matches a group's User-agent against the product token.
        return self.agent.split("/")[0].split()[0]

    def _read_robots(self, origin: str, now: float) -> _Robots:
        try:
            answer = self._follow_robots(origin + "/robots.txt")
        except FetchError as exc:
            if exc.reason.startswith("http-4"):
                return _Robots(None, now + ROBOTS_KEEP)  # no robots.txt: all allowed
            if exc.reason == "stopped":
                raise
            return _Robots(None, now + ROBOTS_UNREACHABLE_KEEP, exc)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return _Robots(parser, now + ROBOTS_KEEP)

    def _follow_robots(self, url: str) -> Fetched:
        current = url
        for _hop in range(self.options.max_redirects + 1):
            answer = self._request(current, "text/plain", None, None, ROBOTS_MAX_BYTES, cut=True)
            if isinstance(answer, Fetched):
                return answer
            current = answer
        raise FetchError("too-many-redirects", f"too many redirects from {url}")

    def _delay(self, origin: str) -> float:
        delay = self.options.host_delay
        robots = self._robots.get(origin)
        if robots is not None and robots.parser is not None:
            asked = robots.parser.crawl_delay(self._token())
            if asked:
                delay = max(delay, min(float(asked), self.options.max_host_delay))
        return delay

    def _pause(self, seconds: float) -> None:
        if seconds > 0 and self.stop.wait(seconds):
            raise FetchError("stopped", "stopped by the user", passing=True)
        if self.stop.is_set():
            raise FetchError("stopped", "stopped by the user", passing=True)

    # -- one request ----------------------------------------------------------------------
    def _request(
        self,
        url: str,
        accept: str,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int | None,
        *,
        cut: bool = False,
    ) -> Fetched | str:
        """One GET: a ``Fetched`` answer, or the next URL of a redirect. ``cut`` keeps the
        first ``max_bytes`` of a longer body instead of refusing it (robots.txt)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        last = self._last_request.get(origin)
        if last is not None:
            self._pause(last + self._delay(origin) - self.clock())
        elif self.stop.is_set():
            raise FetchError("stopped", "stopped by the user", passing=True)
        cap = self.options.max_body_bytes if max_bytes is None else max_bytes
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = self.clock()
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in _REDIRECTS and response.headers.get("location"):
                    return urljoin(url, response.headers["location"])
                if status == 304:
                    return Fetched(url, 304, b"", _media_type(response), etag, last_modified)
                if status >= 500:
                    raise FetchError(f"http-{status}", f"{url}: HTTP {status}", passing=True)
                if status >= 400:
                    raise FetchError(f"http-{status}", f"{url}: HTTP {status}")
                if status != 200:
                    raise FetchError(f"http-{status}", f"{url}: unexpected HTTP {status}")
                body = self._body(response, url, cap, started, cut)
                return Fetched(
                    url,
                    200,
                    body,
                    _media_type(response),
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            message = f"{url}: timed out ({type(exc).__name__})"
            raise FetchError("timeout", message, passing=True) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("bad-url", f"{url}: {exc}") from exc
        except httpx.TransportError as exc:
            message = f"{url}: {type(exc).__name__}: {exc}".strip()
            raise FetchError("unreachable", message, passing=True) from exc
        finally:
            self._last_request[origin] = self.clock()

    def _body(
        self, response: httpx.Response, url: str, cap: int, started: float, cut: bool
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        if not cut and declared.isdigit() and int(declared) > cap:
            raise FetchError("too-large", f"{url}: {declared} bytes, over the cap of {cap}")
        chunks: list[bytes] = []
        size = 0
        # iter_bytes decodes gzip/deflate: the cap applies to what would sit in memory.
        for chunk in response.iter_bytes():  # as it arrives: the deadline is checked often
            size += len(chunk)
            if size > cap:
                if cut:
                    chunks.append(chunk[: len(chunk) - (size - cap)])
                    break
                raise FetchError("too-large", f"{url}: body over the cap of {cap} bytes")
            chunks.append(chunk)
            if self.clock() - started > self.options.total_timeout:
                raise FetchError(
                    "timeout",
                    f"{url}: body not complete after {self.options.total_timeout:g}s",
                    passing=True,
                )
        return b"".join(chunks)


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError("bad-url", f"{url!r} is not an http(s) URL")
