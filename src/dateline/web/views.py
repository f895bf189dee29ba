"""The pages. Each view builds its data once (``dateline.web.data``) and ``twin`` serves it as
an HTML page and as JSON under ``/api/v1/``; parameters are validated once for both."""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any, Literal, cast

from fastapi import Depends, FastAPI, Path, Query, Request

from dateline.models import PLOVER_TYPES, STATUSES
from dateline.store.pages import EVENT_SORTS
from dateline.store.types import EventFilter
from dateline.web import coalitions, data, labels, schemas
from dateline.web.app import cached, open_store, twin
from dateline.web.errors import ApiError, documented
from dateline.web.feeds import now_iso
from dateline.web.params import (
    Filters,
    Page,
    date_range,
    event_filters,
    event_sort,
    known_code,
    known_contexts,
    pagination,
)

ID_MAX = 128


def _pages(total: int | None, per_page: int) -> int | None:
    return None if total is None else max(1, -(-total // per_page))


def overview_data(
    app: FastAPI,
    by: str,
    since: date | None = None,
    until: date | None = None,
    group: str = "class",
) -> dict[str, Any]:
    """The overview's data, from the cache (built when missing or stale). ``since`` and
    ``until`` bound its timeline; ``group`` ("class" or "type") splits its bars."""

    def build() -> dict[str, Any]:
        span = None
        if since or until:
            span = EventFilter(
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
            )
        today = app.state.options.reading_date()
        with open_store(app) as store:
            found = data.overview(store, by, today, span, classes=group == "class")
        who = labels.people(app)
        for actor in found["actors"]:
            actor["name"] = who.label(actor["code"], today)
        found["range"] = {
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
        }
        return found

    return cast(dict[str, Any], cached(app, ("overview", by, since, until, group), build))


def choices(request: Request) -> dict[str, list[str]]:
    """What the filter form offers: types, statuses and the stored contexts."""
    return {
        "types": list(PLOVER_TYPES),
        "statuses": list(STATUSES),
        "contexts": known_contexts(request),
    }


# Actor pages built at start-up: the busiest codes (and their countries).
WARM_ACTORS = 100


def warm(app: FastAPI) -> None:
    """Build the overview, the page of the first coalition listed, the unfiltered map, the
    dyads' list and the busiest actors' pages, once, so their first visitors do not wait for
    the aggregates of a large database (run in a thread by ``dateline serve``; the readiness
    route says ready when it is done). Errors are left to the pages."""
    from dateline.web import lists

    jobs = [
        ("overview", lambda: overview_data(app, "week")),
        ("coalition", lambda: coalition_data(app, None)),
        ("map", lambda: map_data(app, Filters())),
        ("dyads", lambda: lists.dyad_rows(app, None)),
        ("actors", lambda: _busiest_actor_pages(app)),
    ]
    try:
        for name, job in jobs:
            try:
                job()
            except Exception as exc:  # the page reports it to its visitor, with the envelope
                logging.getLogger("dateline.web").warning("%s not prepared: %s", name, exc)
    finally:
        app.state.ready = True


def _busiest_actor_pages(app: FastAPI, n: int = WARM_ACTORS) -> None:
    """Build the pages of the ``n`` busiest actor codes and of their countries (the pages
    most visited; each reads tens of thousands of kept counts at a million events)."""
    with open_store(app) as store:
        rows, _ = store.actor_list(limit=n)
    codes = [str(r["code"]) for r in rows]
    countries = [c.split(" ")[0] for c in codes if " " in c]
    for code in dict.fromkeys(codes + countries):

        def build(code: str = code) -> dict[str, Any] | None:
            with open_store(app) as store:
                return data.actor_detail(store, code, "week")

        cached(app, ("actor", code, "week"), build)


def coalition_data(
    app: FastAPI, name: str | None, since: date | None = None, until: date | None = None
) -> tuple[list[coalitions.Coalition], str, dict[str, Any]]:
    """The coalitions listed in the data file, the name of the one asked for (``name``, an
    alias of it, else the first listed), and its page's data from the cache (built when
    missing or stale)."""
    known = cast(
        list[coalitions.Coalition],
        cached(app, ("coalitions",), lambda: coalitions.load(app.state.options.data_dir)),
    )
    wanted = (name or "").strip() or (known[0].name if known else "")
    listed = coalitions.find(known, wanted)
    title = listed.name if listed else wanted

    def build() -> dict[str, Any]:
        with open_store(app) as store:
            return data.coalition(store, title, since, until, listed)

    return (
        known,
        title,
        cast(dict[str, Any], cached(app, ("coalition", title, since, until), build)),
    )


def map_data(app: FastAPI, filters: Filters) -> dict[str, Any]:
    """The map's places for ``filters``, from the cache (built when missing or stale)."""

    def build() -> dict[str, Any]:
        with open_store(app) as store:
            return {"filters": filters.active(), **data.places(store, filters)}

    return cast(dict[str, Any], cached(app, ("map", filters), build))


def register(app: FastAPI) -> None:
    """Add every page and its JSON twin to ``app``, and the readiness route."""

    @app.get(
        "/api/v1/ready",
        name="api-ready",
        summary="Readiness: 200 once the server has built its start-up pages (overview, "
        "coalition, map, dyads), 503 with Retry-After while it builds them",
        tags=["read"],
        response_model=schemas.ReadyOut,
        responses=documented(503),
    )
    def ready(request: Request) -> dict[str, bool]:
        if not request.app.state.ready:
            raise ApiError(
                503, "warming-up", "the server is building its start-up pages",
                headers={"Retry-After": "1"},
            )  # fmt: skip
        return {"ready": True}

    @twin(
        app,
        "/",
        "overview.html",
        model=schemas.OverviewOut,
        name="overview",
        chart=("timeline",),
        keep=False,  # it carries the time it was made ("opened")
        summary="Counts, events over time by PLOVER class, latest events, busiest actors",
    )
    def overview(
        request: Request,
        by: Annotated[Literal["day", "week", "month"], Query(description="Timeline bins")] = "week",
        group: Annotated[
            Literal["class", "type"], Query(description="Timeline bars by PLOVER class or type")
        ] = "class",
        since_text: Annotated[
            str | None, Query(alias="since", max_length=10, description="Timeline from (ISO)")
        ] = None,
        until_text: Annotated[
            str | None, Query(alias="until", max_length=10, description="Timeline to (ISO)")
        ] = None,
    ) -> dict[str, Any]:
        since, until = date_range(since_text, until_text)
        # When the page was built, by the server's clock: its script asks the feeds what
        # came in after it (``/api/v1/feeds?since=``). Not cached with the rest.
        return {**overview_data(request.app, by, since, until, group), "opened": now_iso()}

    @twin(
        app,
        "/events",
        "events.html",
        model=schemas.EventsOut,
        name="events",
        summary="Events, newest first, filtered and paginated (the filters of 'dateline events')",
    )
    def events(
        request: Request,
        filters: Annotated[Filters, Depends(event_filters)],
        page: Annotated[Page, Depends(pagination)],
        sort: Annotated[str, Depends(event_sort)] = "-date",
    ) -> dict[str, Any]:
        def count() -> tuple[int, bool]:
            # The same filters count the same until the next write, whatever the page.
            with open_store(request) as store:
                return data.event_count(store, filters)

        total, exact = cast(tuple[int, bool], cached(request, ("count", filters), count))
        with open_store(request) as store:
            rows, has_next = data.event_page(
                store, filters, page.size, page.offset, sort, many=not exact
            )
        query = {k: v for k, v in request.query_params.items() if k != "page"}
        return {
            "filters": filters.active(),
            "page": page.number,
            "per_page": page.size,
            "total": total,
            "total_exact": exact,  # False: at least ``total`` (counting stopped there)
            "pages": _pages(total, page.size) if exact else None,
            "has_next": has_next,
            "events": rows,
            "sort": sort,
            "sorts": list(EVENT_SORTS),
            "query": query,
            "choices": choices(request),
        }

    @twin(
        app,
        "/events/{event_id}",
        "event.html",
        model=schemas.EventOut,
        name="event",
        summary="One event: evidence with trigger and actors marked, status, attribution, "
        "place, date, rules fired, and every article that reported it",
    )
    def event(
        request: Request,
        event_id: Annotated[str, Path(max_length=ID_MAX, description="Event id")],
    ) -> dict[str, Any]:
        with open_store(request) as store:
            found = data.event_detail(store, event_id)
        if found is None:
            raise ApiError(404, "not-found", f"no event {event_id!r}")
        who = labels.people(request)
        codes = {a["code"] for a in (*found["source"], *found["target"]) if a.get("code")}
        # Who each code named on the event's own date (a later office-holder did not act).
        found["people"] = {c: who.label(c, found["date"]) for c in sorted(codes)}
        found["nearest_example"] = None
        if any(r.startswith("model.nearest:") for r in found["rules"]):
            from dateline.events.sentence_typer import nearest_example

            data_dir = request.app.state.options.data_dir
            found["nearest_example"] = nearest_example(found["rules"], data_dir)
        return {"event": found}

    @twin(
        app,
        "/documents/{doc_id}",
        "document.html",
        model=schemas.DocumentOut,
        name="document",
        summary="One article with its actor mentions and events marked in place",
    )
    def document(
        request: Request,
        doc_id: Annotated[str, Path(max_length=ID_MAX, description="Document id or prefix")],
    ) -> dict[str, Any]:
        with open_store(request) as store:
            found = data.document_detail(store, doc_id)
        if found is None:
            raise ApiError(404, "not-found", f"no document {doc_id!r}")
        return found

    @twin(
        app,
        "/actors/{code}",
        "actor.html",
        model=schemas.ActorPageOut,
        name="actor",
        chart=("timeline", "graph"),
        summary="One actor: its events over time and the network of actors it deals with",
    )
    def actor(
        request: Request,
        code: Annotated[str, Path(max_length=64, description="Actor code, e.g. 'UKR GOV'")],
        by: Annotated[Literal["day", "week", "month"], Query(description="Timeline bins")] = "week",
    ) -> dict[str, Any]:
        code = known_code(request, code.strip()) or code

        def build() -> dict[str, Any] | None:
            with open_store(request) as store:
                return data.actor_detail(store, code, by)

        found = cached(request, ("actor", code, by), build)
        if found is None:
            raise ApiError(404, "not-found", f"no events with actor {code!r}")
        today = request.app.state.options.reading_date()
        who = labels.people(request)
        holders = [h.to_dict() for h in who.on(found["actor"]["code"], today)]
        actor = {**found["actor"], "name": who.label(found["actor"]["code"], today)}
        return {**found, "actor": {**actor, "holders": holders, "on": today.isoformat()}}

    @twin(
        app,
        "/map",
        "map.html",
        model=schemas.MapOut,
        name="map",
        chart=("places", "query"),
        summary="Events by place, with coordinates (same filters as /events)",
    )
    def map_page(
        request: Request, filters: Annotated[Filters, Depends(event_filters)]
    ) -> dict[str, Any]:
        return {**map_data(request.app, filters), "choices": choices(request)}

    @twin(
        app,
        "/coalition",
        "coalition.html",
        model=schemas.CoalitionOut,
        name="coalition",
        summary="A coalition's members and what each pledged or did (AID, SUPPORT, AGREE, "
        "COOPERATE, MOBILIZE), by context",
    )
    def coalition(
        request: Request,
        name: Annotated[
            str | None,
            Query(min_length=2, max_length=200, description="Coalition name or alias"),
        ] = None,
        since_text: Annotated[str | None, Query(alias="since", max_length=10)] = None,
        until_text: Annotated[str | None, Query(alias="until", max_length=10)] = None,
    ) -> dict[str, Any]:
        since, until = date_range(since_text, until_text)
        known, title, found = coalition_data(request.app, name, since, until)
        today = request.app.state.options.reading_date()
        who = labels.people(request)
        members = [{**m, "name": who.label(m["code"] + " GOV", today) if len(m["code"]) == 3
                    else who.label(m["code"], today)} for m in found["members"]]  # fmt: skip
        return {
            "name": title,
            "known": [c.name for c in known],
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            **found,
            "members": members,
        }
