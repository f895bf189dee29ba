"""The FastAPI application: pages, their JSON twins under ``/api/v1/``, ingest, docs.

``create_app(options)`` builds everything from one ``Options``; nothing lives at module level.
Each view is a plain function that builds its data once (a dict); ``twin`` registers it twice,
as an HTML page rendered by a Jinja2 template and as JSON under ``/api/v1/``.
"""

from __future__ import annotations

import inspect
import os
import stat
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from dateline import __version__
from dateline.options import Options
from dateline.web.errors import ApiError, documented, install_error_handlers
from dateline.web.limits import DEFAULT_ALLOWED_HOSTS, LimitsMiddleware
from dateline.web.pagecache import PageCache, PageCacheMiddleware, database_stamp

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
API = "/api/v1"
DEFAULT_MAX_BODY = 5 * 1024 * 1024  # an article is far smaller; option "max_body_bytes"

View = Callable[..., dict[str, Any]]


def create_app(options: Options) -> FastAPI:
    """The web app over the database at ``options.db_path`` (opened read-only per request).

    ``options.token`` is the bearer token for ``POST /api/v1/documents`` (else
    ``$DATELINE_TOKEN`` at creation; ingest is refused when neither is set);
    ``options.max_body_bytes`` the request body limit; ``options.allowed_hosts`` the names
    the ``Host`` header may give besides the loopback names ("*" for any). Returns the
    ``FastAPI`` app; raises nothing.
    """
    app = FastAPI(
        title="dateline",
        version=__version__,
        description=(
            "PLOVER events coded from news reports, each with the sentence that says so. "
            "Every HTML page has a JSON twin under /api/v1/. Errors use one envelope: "
            '{"error": {"code": "...", "message": "..."}}.'
        ),
        docs_url=None,  # the default loads Swagger UI from a CDN; /docs is a local page
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    max_body = options.max_body_bytes or DEFAULT_MAX_BODY
    # A gzipped body is read within the body limit too, not the (larger) file limit.
    options = options.replace(max_record_bytes=min(options.max_record_bytes, max_body))
    app.state.options = options
    # False while ``dateline serve`` builds its start-up pages (``views.warm``): the
    # readiness route answers 503 until then.
    app.state.ready = True
    token = options.token or os.environ.get("DATELINE_TOKEN") or None
    app.state.token = token
    app.state.max_body = max_body
    app.state.templates = _templates()
    app.state.cache = ViewCache(Path(options.db_path))
    app.state.pages = PageCache(
        Path(options.db_path), options.reading_date, max_bytes=options.page_cache_mb << 20
    )
    app.state.stores = StorePool(Path(options.db_path))
    hosts = (*DEFAULT_ALLOWED_HOSTS, *options.allowed_hosts)
    # Inside the limits (added first: the last added is outermost), so that a kept page is
    # sent only to requests the limits let through, with the same security headers.
    app.add_middleware(PageCacheMiddleware, pages=app.state.pages)
    app.add_middleware(LimitsMiddleware, max_body=max_body, allowed_hosts=hosts)
    install_error_handlers(app)
    # StaticFiles resolves every path under STATIC_DIR and refuses anything outside it.
    app.mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False), name="static")

    from dateline.web import docs, downloads, feeds, ingest, list_downloads, lists, views

    downloads.register(app)  # before the views: "/events.csv" is not an event id
    list_downloads.register(app)
    views.register(app)
    lists.register(app)
    ingest.register(app)
    feeds.register(app)
    docs.register(app)
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    # Autoescape is on for .html (Jinja2Templates' default); make it unconditional anyway:
    # everything from an article passes through these templates.
    templates.env.autoescape = True
    templates.env.globals["version"] = __version__
    from dateline.web import format as fmt

    fmt.install_filters(templates.env)
    return templates


class ViewCache:
    """Built page data kept until the database changes (its file or WAL changes size or
    time). Aggregates over a large database (overview, map) take seconds; most pages never
    change between two writes. One lock per key, so a burst of requests builds it once.
    ``size`` entries at most: counts of filtered lists are small and many, and must not push
    out the few large pages (an actor's, the map) that take seconds to build."""

    def __init__(self, path: Path, size: int = 1024) -> None:
        self.path = path
        self.size = size
        self.entries: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
        self.locks: dict[Any, threading.Lock] = {}
        self.guard = threading.Lock()

    def stamp(self) -> tuple[int, ...]:
        """What changes when something is written (``database_stamp``)."""
        return database_stamp(self.path)

    def get(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value for ``key``, built with ``build()`` when missing or stale."""
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            stamp = self.stamp()
            with self.guard:
                hit = self.entries.get(key)
                if hit is not None and hit[0] == stamp:
                    self.entries.move_to_end(key)
                    return hit[1]
            value = build()
            with self.guard:
                self.entries[key] = (stamp, value)
                self.entries.move_to_end(key)
                while len(self.entries) > self.size:
                    old, _ = self.entries.popitem(last=False)
                    self.locks.pop(old, None)
            return value


def cached(request: Request | FastAPI, key: Any, build: Callable[[], Any]) -> Any:
    """``build()``'s result for ``key`` from the app's cache (rebuilt after any write)."""
    app = request if isinstance(request, FastAPI) else request.app
    return app.state.cache.get(key, build)


class StorePool:
    """Read-only stores kept open between requests, each lent to one request at a time.

    Opening one costs more than most pages' queries (the file is checked, two connections
    are made, the schema is read: 1.7 ms). A store is lent again only while nothing has
    been written since it was last lent (the file's ``database_stamp`` and inode are the
    same): a query left half-read (a cursor still alive somewhere) holds its connection to
    the snapshot it started in, and a connection lent again after a write could show the
    database as it was. At most ``size`` wait unused (each keeps the pages it read, up to
    the reader's cache size).
    """

    def __init__(self, path: Path, size: int = 8) -> None:
        self.path = path
        self.size = size
        self.idle: list[tuple[tuple[int, ...], Any]] = []
        self.guard = threading.Lock()

    def take(self) -> tuple[tuple[int, ...], Any]:
        """(the file's state now, store): an idle store lent when the file was in this
        state, or a new one. Raises ``ApiError`` 503 when the file does not exist
        (``Store.open`` would create it), ``StoreError`` when it cannot be opened."""
        try:
            st = self.path.stat()
        except OSError:
            st = None
        if st is None or not stat.S_ISREG(st.st_mode):
            raise ApiError(
                503, "no-database", f"no database at {self.path}: run 'dateline ingest' first"
            )
        state = (st.st_dev, st.st_ino, *database_stamp(self.path))
        stale = []
        with self.guard:
            while self.idle:
                found = self.idle.pop()
                if found[0] == state:
                    break
                stale.append(found[1])
            else:
                found = None
        for store in stale:
            store.close()
        if found is not None:
            return found
        from dateline.store import Store

        return state, Store.open(self.path, readonly=True)

    def give_back(self, state: tuple[int, ...], store: Any) -> None:
        """Return a store taken with ``take`` when the file is in that ``state`` (closed when
        something was written meanwhile, or enough wait already)."""
        try:
            st = self.path.stat()
            now = (st.st_dev, st.st_ino, *database_stamp(self.path))
        except OSError:
            now = ()
        with self.guard:
            if now == state and len(self.idle) < self.size:
                self.idle.append((state, store))
                return
        store.close()


@contextmanager
def open_store(request: Request | FastAPI) -> Iterator[Any]:
    """The database, read-only, for the length of one request (or one job of the app),
    from the app's pool of open stores.

    Raises ``ApiError`` 503 when the file does not exist (``Store.open`` would create it).
    """
    app = request if isinstance(request, FastAPI) else request.app
    pool: StorePool = app.state.stores
    state, store = pool.take()
    try:
        yield store
    except BaseException:
        store.close()  # a query may have been left half-read: not lent again
        raise
    pool.give_back(state, store)


def twin(
    app: FastAPI,
    path: str,
    template: str,
    *,
    name: str,
    summary: str,
    chart: tuple[str, ...] = (),
    model: Any = None,
    keep: bool = True,
) -> Callable[[View], View]:
    """Register ``view`` as the HTML page ``path`` and as JSON at ``/api/v1`` + ``path``.

    The view takes ``request`` plus its query and path parameters and returns a JSON-ready
    dict; its parameters are validated once, by FastAPI, for both. ``chart`` names the keys
    of that dict the page's script reads (sent as JSON in a non-executable script tag);
    ``model`` the pydantic model that documents the JSON in ``/openapi.json``. Both are
    kept in the app's ``PageCache`` unless ``keep`` is False (a page that shows the time).
    """

    def decorator(view: View) -> View:
        # Resolved here, with the view's own globals: FastAPI would otherwise evaluate the
        # string annotations in this module's namespace (the wrappers' __globals__).
        signature = inspect.signature(view, eval_str=True)
        if "request" not in signature.parameters:
            raise TypeError(f"view {view.__name__} must take 'request'")

        def kept(build: Callable[..., Response]) -> Callable[..., Response]:
            @wraps(view)
            def respond(*args: Any, **kwargs: Any) -> Response:
                request: Request = kwargs["request"]
                if not keep:
                    return build(*args, **kwargs)
                pages: PageCache = request.app.state.pages
                key = pages.key(request.scope)
                stamp, hit = pages.get(key)
                if hit is not None:  # kept after the middleware looked: a burst's second
                    return Response(hit[0], headers={"content-type": hit[1].decode("latin-1")})
                response = build(*args, **kwargs)
                if response.status_code == 200:
                    kind = response.headers.get("content-type", "").encode("latin-1")
                    pages.put(key, stamp, bytes(response.body), kind)
                return response

            return respond

        @kept
        def as_json(*args: Any, **kwargs: Any) -> Response:
            return JSONResponse(view(*args, **kwargs))

        @kept
        def as_html(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]
            data = view(*args, **kwargs)
            query = request.url.query
            here = request.url.path if request.url.path != "/" else "/overview"
            context = {
                **data,
                "nav": name,
                "api_url": API + here + (f"?{query}" if query else ""),
                "chart": {key: data.get(key) for key in chart} if chart else None,
            }
            response = request.app.state.templates.TemplateResponse(request, template, context)
            return response

        for wrapper in (as_json, as_html):
            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        api_path = API + (path if path != "/" else "/overview")
        app.add_api_route(
            api_path, as_json, methods=["GET"], name=f"api-{name}", summary=summary,
            tags=["read"], responses=documented(404, 414, 422, 503), response_model=model,
        )  # fmt: skip
        app.add_api_route(
            path,
            as_html,
            methods=["GET"],
            name=name,
            response_class=HTMLResponse,
            include_in_schema=False,
        )
        return view

    return decorator
