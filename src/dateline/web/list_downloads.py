"""Downloads of the list pages, whole (every page of them): ``/api/v1/actors.csv``,
``documents``, ``outlets``, ``dyads`` and ``stories``, each as CSV or JSON, with the list's
own parameters. Rows are read a page at a time and sent as they are written, as the events'
downloads are (``dateline.web.downloads``); each row holds what the list page shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import StreamingResponse

from dateline.csvcells import safe_row
from dateline.store.types import EventFilter
from dateline.web.app import API, open_store
from dateline.web.data import outlet_name
from dateline.web.errors import documented
from dateline.web.limits import HEAD_FLAG
from dateline.web.lists import SEARCH_LIMIT, SEARCH_POOL
from dateline.web.params import CODE_MAX, TEXT_MAX, known_code
from dateline.web.schemas import download_responses

ROWS_AT_ONCE = 500
# A search downloads what the documents page shows: its best SEARCH_LIMIT, ranked among the
# SEARCH_POOL matches stored last.
STORIES_LIMIT = 200
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("code", "name", "events"),
    "documents": ("id", "date", "title", "outlet", "url", "events"),
    "outlets": ("outlet", "documents"),
    "dyads": ("source", "target", "events", "pair_events", "types"),
    "stories": ("id", "title", "num_documents", "num_sources", "first_date", "last_date",
                "doc_ids"),
}  # fmt: skip
Kind = Literal["csv", "json"]
Rows = Callable[[Any], Iterator[dict[str, Any]]]


def _encode(rows: Iterator[dict[str, Any]], kind: str, columns: tuple[str, ...]) -> Iterator[bytes]:
    """``rows`` as CSV (lists and dicts as JSON in their cell) or a JSON array, a few
    hundred rows per chunk."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    if kind == "csv":
        writer.writeheader()
    else:
        out.write("[")
    for n, row in enumerate(rows):
        if kind == "csv":
            cells = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
            writer.writerow(safe_row(cells))
        else:
            line = json.dumps({k: row.get(k) for k in columns}, ensure_ascii=False)
            out.write(("\n" if n == 0 else ",\n") + line)
        if n == 0 or n % ROWS_AT_ONCE == 0:  # the first row leaves at once
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    if kind == "json":
        out.write("\n]\n")
    yield out.getvalue().encode("utf-8")


def _paged(fetch: Callable[[int, int], list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        rows = fetch(ROWS_AT_ONCE, offset)
        yield from rows
        if len(rows) < ROWS_AT_ONCE:
            return
        offset += ROWS_AT_ONCE


def _response(
    request: Request, name: str, kind: str, rows: Callable[[Any], Iterator[dict[str, Any]]]
) -> StreamingResponse:
    with open_store(request):
        pass  # a missing database is a 503 envelope now, not a broken stream later

    def body() -> Iterator[bytes]:
        with open_store(request) as store:
            yield from _encode(rows(store), kind, COLUMNS[name])

    headers = {"content-disposition": f'attachment; filename="{name}.{kind}"'}
    if request.scope.get(HEAD_FLAG):  # HEAD: the headers only
        return StreamingResponse(iter(()), media_type=MEDIA[kind], headers=headers)
    return StreamingResponse(body(), media_type=MEDIA[kind], headers=headers)


def register(app: FastAPI) -> None:
    """Add ``GET /api/v1/{actors,documents,outlets,dyads,stories}.{csv,json}``."""

    def route(name: str, summary: str) -> Callable[[Any], Any]:
        return app.get(
            f"{API}/{name}.{{kind}}",
            name=f"api-{name}-download",
            summary=summary,
            tags=["read"],
            responses={**download_responses(MEDIA), **documented(414, 422, 503)},
            response_class=StreamingResponse,
        )

    @route("actors", "Download the actor list (every page): code, name, events")
    def actors(
        request: Request,
        kind: Kind,
        q: Annotated[str | None, Query(max_length=CODE_MAX)] = None,
    ) -> StreamingResponse:
        prefix = (q or "").strip() or None

        def rows(store: Any) -> Iterator[dict[str, Any]]:
            for row in _paged(lambda n, at: store.actor_list(limit=n, offset=at, prefix=prefix)[0]):
                # As the page counts it: what its events list holds.
                yield {
                    **row,
                    "events": store.count_events(EventFilter(actor=row["code"]), merged=True),
                }

        return _response(request, "actors", kind, rows)

    @route("documents", "Download the article list (every page), or the search's best 100")
    def documents(
        request: Request,
        kind: Kind,
        q: Annotated[str | None, Query(max_length=TEXT_MAX)] = None,
        outlet: Annotated[str | None, Query(max_length=TEXT_MAX)] = None,
    ) -> StreamingResponse:
        words = (q or "").strip() or None
        only = (outlet or "").strip() or None

        def rows(store: Any) -> Iterator[dict[str, Any]]:
            if words:
                for hit in store.search(words, limit=SEARCH_LIMIT, pool=SEARCH_POOL):
                    row = store.document_row(hit.doc_id) or {}
                    yield {"id": hit.doc_id, "date": hit.date, "title": hit.title,
                           "outlet": outlet_name(row), "url": row.get("url")}  # fmt: skip
                return
            for row in _paged(
                lambda n, at: store.document_list(limit=n, offset=at, outlet=only)[0]
            ):
                yield {**row, "outlet": outlet_name(row)}

        return _response(request, "documents", kind, rows)

    @route("outlets", "Download the outlet list: outlet, articles")
    def outlets(request: Request, kind: Kind) -> StreamingResponse:
        return _response(request, "outlets", kind, lambda store: iter(store.outlet_list()))

    @route("dyads", "Download the source → target pairs (every page) with their counts")
    def dyads(
        request: Request,
        kind: Kind,
        actor: Annotated[str | None, Query(max_length=CODE_MAX)] = None,
    ) -> StreamingResponse:
        code = known_code(request, (actor or "").strip() or None)

        def rows(store: Any) -> Iterator[dict[str, Any]]:
            found = store.dyads(EventFilter(actor=code), merged=True)
            coded = store.known_codes(sorted({c for d in found for c in (d.source, d.target)}))
            for d in found:
                if d.source in coded and d.target in coded:
                    pair = EventFilter(source=d.source, target=d.target)
                    yield {"source": d.source, "target": d.target,
                           "events": store.count_events(pair, merged=True),
                           "pair_events": d.count, "types": d.types}  # fmt: skip

        return _response(request, "dyads", kind, rows)

    @route("stories", "Download the stories (the largest 200): their articles and dates")
    def stories(request: Request, kind: Kind) -> StreamingResponse:
        def rows(store: Any) -> Iterator[dict[str, Any]]:
            for story in store.stories(min_documents=2, limit=STORIES_LIMIT):
                yield story.to_dict()

        return _response(request, "stories", kind, rows)
