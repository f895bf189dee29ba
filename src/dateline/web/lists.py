"""List pages and their JSON twins: actors, documents (with full-text search), outlets,
dyads and stories. Each is paged or capped, and each count links to the list it counts."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import Depends, FastAPI, Query, Request

from dateline.store.types import EventFilter
from dateline.web import schemas
from dateline.web.app import cached, open_store, twin
from dateline.web.params import CODE_MAX, TEXT_MAX, Page, known_code, pagination

SEARCH_LIMIT = 100
# Matches a search ranks (those stored last): bm25 reads every match it ranks, and a common
# word is in most articles (a tenth of a second per hundred thousand).
SEARCH_POOL = 2000
STORIES_LIMIT = 200


def _paged(page: Page, total: int, rows: list[Any], key: str) -> dict[str, Any]:
    return {
        key: rows,
        "total": total,
        "page": page.number,
        "per_page": page.size,
        "pages": max(1, -(-total // page.size)),
        "has_next": page.offset + len(rows) < total,
    }


def dyad_rows(app: FastAPI, code: str | None) -> list[dict[str, Any]]:
    """Every source → target pair of coded actors (with ``code`` when given), commonest
    first, from the cache (built when missing or stale)."""

    def build() -> list[dict[str, Any]]:
        with open_store(app) as store:
            found = store.dyads(EventFilter(actor=code), merged=True)
            # Pairs of coded actors only: an uncoded actor's words are no filter.
            coded = store.known_codes(sorted({c for d in found for c in (d.source, d.target)}))
        return [
            {"source": d.source, "target": d.target, "events": d.count, "types": d.types}
            for d in found
            if d.source in coded and d.target in coded
        ]

    return cast(list[dict[str, Any]], cached(app, ("dyads", code), build))


def register(app: FastAPI) -> None:
    """Add the list pages and their JSON twins to ``app``."""

    @twin(
        app,
        "/actors",
        "actors.html",
        name="actors",
        summary="Actor codes, busiest first",
        model=schemas.ActorsOut,
    )
    def actors(
        request: Request,
        page: Annotated[Page, Depends(pagination)],
        q: Annotated[
            str | None, Query(max_length=CODE_MAX, description="Codes starting with this")
        ] = None,
    ) -> dict[str, Any]:
        prefix = (q or "").strip() or None
        with open_store(request) as store:
            rows, total = store.actor_list(limit=page.size, offset=page.offset, prefix=prefix)
            for row in rows:
                # What its link lists: a country code ("UKR") takes in all its actors.
                row["events"] = store.count_events(EventFilter(actor=row["code"]), merged=True)
        return {
            "q": prefix,
            "query": dict(request.query_params),
            **_paged(page, total, rows, "actors"),
        }

    @twin(
        app,
        "/documents",
        "documents.html",
        name="documents",
        model=schemas.DocumentsOut,
        summary="Articles newest first, or those holding every word of q (full-text search)",
    )
    def documents(
        request: Request,
        page: Annotated[Page, Depends(pagination)],
        q: Annotated[
            str | None, Query(max_length=TEXT_MAX, description="Words in the title or body")
        ] = None,
        outlet: Annotated[str | None, Query(max_length=TEXT_MAX, description="Outlet")] = None,
    ) -> dict[str, Any]:
        words = (q or "").strip() or None
        query = dict(request.query_params)
        with open_store(request) as store:
            if words:
                found = store.search(words, limit=SEARCH_LIMIT, pool=SEARCH_POOL)
                hits = [h.to_dict() for h in found]
                pooled = len(hits) == SEARCH_LIMIT and store.search_pooled(words, SEARCH_POOL)
                return {"q": words, "outlet": None, "query": query, "hits": hits,
                        "documents": [], "total": len(hits), "page": 1, "per_page": SEARCH_LIMIT,
                        "pages": 1, "has_next": False,
                        "pool": SEARCH_POOL if pooled else None}  # fmt: skip
            rows, total = store.document_list(
                limit=page.size, offset=page.offset, outlet=(outlet or "").strip() or None
            )
        return {"q": None, "outlet": outlet, "query": query, "hits": [],
                **_paged(page, total, rows, "documents")}  # fmt: skip

    @twin(
        app,
        "/outlets",
        "outlets.html",
        name="outlets",
        model=schemas.OutletsOut,
        summary="Outlets and their articles",
    )
    def outlets(request: Request) -> dict[str, Any]:
        def build() -> list[dict[str, Any]]:
            with open_store(request) as store:
                return store.outlet_list()

        return {"outlets": cached(request, ("outlets",), build)}

    @twin(
        app,
        "/dyads",
        "dyads.html",
        name="dyads",
        model=schemas.DyadsOut,
        summary="Source → target pairs with their event counts by type, commonest first",
    )
    def dyads(
        request: Request,
        page: Annotated[Page, Depends(pagination)],
        actor: Annotated[
            str | None, Query(max_length=CODE_MAX, description="Pairs with this actor")
        ] = None,
    ) -> dict[str, Any]:
        code = known_code(request, (actor or "").strip() or None)
        rows = dyad_rows(request.app, code)

        def counted() -> list[dict[str, Any]]:
            chosen = [dict(row) for row in rows[page.offset : page.offset + page.size]]
            with open_store(request) as store:
                for row in chosen:
                    # The figure shown is the length of the list it links to: as a filter a
                    # country code ("UKR") takes in all its actors ("UKR GOV"), and an event
                    # with two sources counts once. ``pair_events`` is the pair as coded.
                    row["pair_events"] = row["events"]
                    row["events"] = store.count_events(
                        EventFilter(source=row["source"], target=row["target"]), merged=True
                    )
            return chosen

        key = ("dyads-counted", code, page.offset, page.size)
        chosen = cast(list[dict[str, Any]], cached(request, key, counted))
        return {"actor": code, "query": dict(request.query_params),
                **_paged(page, len(rows), chosen, "dyads")}  # fmt: skip

    @twin(
        app,
        "/stories",
        "stories.html",
        name="stories",
        model=schemas.StoriesOut,
        summary="Stories: articles that are copies or near-copies of one another",
    )
    def stories(request: Request) -> dict[str, Any]:
        with open_store(request) as store:
            found = store.stories(min_documents=2, limit=STORIES_LIMIT)
        return {"stories": [s.to_dict() for s in found], "limit": STORIES_LIMIT}
