"""``GET /api/v1/feeds``: the feeds ``dateline watch`` follows, their health, and what each
brought in since a given time (a page opened at ``since`` asks what is new)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from dateline.web.errors import ApiError, documented


def _since(value: str | None) -> float | None:
    """Seconds since the epoch from an ISO time ("2026-02-25T09:00:00Z") or a number."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ApiError(
            422, "bad-parameter", f"since={value!r} is not an ISO time or a number of seconds"
        ) from exc
    if moment.tzinfo is None:
        raise ApiError(422, "bad-parameter", f"since={value!r} needs a time zone (e.g. Z)")
    return moment.timestamp()


def feeds_data(request: Request, since: str | None) -> dict[str, Any]:
    """Every feed's health (``dateline feeds --json``) and ``new_since`` when asked."""
    from dateline.store.feeds import FeedState
    from dateline.web.app import open_store

    moment = _since(since)
    with open_store(request) as store:
        health = FeedState(store.conn).health(moment)
    return {"since": since, "feeds": [h.to_dict() for h in health]}


def register(app: FastAPI) -> None:
    """Add ``GET /api/v1/feeds``."""

    @app.get(
        "/api/v1/feeds",
        summary="Feeds followed by 'dateline watch': health, and pages stored since a time",
        tags=["read"],
        responses=documented(422, 503),
    )
    def get_feeds(
        request: Request,
        since: str | None = Query(None, description="ISO time (with zone) or epoch seconds"),
    ) -> Response:
        return JSONResponse(feeds_data(request, since))
