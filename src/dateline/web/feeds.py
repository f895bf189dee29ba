"""``GET /feeds`` and its twin ``GET /api/v1/feeds``: the feeds ``dateline watch`` follows,
their health, and what each brought in since a given time (a page opened at ``since`` asks
what is new: the overview's script polls this with the time the page was built)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request

from dateline.web.errors import ApiError


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


def now_iso() -> str:
    """The server's time now, as ``since`` takes it ("2026-11-25T09:00:00Z")."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feeds_data(request: Request, since: str | None) -> dict[str, Any]:
    """Every feed's health (``dateline feeds --json``), ``new_since`` per feed when asked,
    ``new`` (their sum: pages stored since ``since``) and ``now`` (the next ``since``)."""
    from dateline.store.feeds import FeedState
    from dateline.web.app import open_store

    now = now_iso()
    moment = _since(since)
    with open_store(request) as store:
        health = FeedState(store.conn).health(moment)
    feeds = [h.to_dict() for h in health]
    return {
        "since": since,
        "now": now,
        "new": sum(f["new_since"] for f in feeds),
        "feeds": feeds,
    }


def register(app: FastAPI) -> None:
    """Add ``GET /feeds`` and ``GET /api/v1/feeds``."""
    from dateline.web.app import twin
    from dateline.web.schemas import FeedsOut

    @twin(
        app,
        "/feeds",
        "feeds.html",
        name="feeds",
        model=FeedsOut,
        keep=False,  # health and "now" change with the time
        summary="Feeds followed by 'dateline watch': health, and pages stored since a time",
    )
    def feeds(
        request: Request,
        since: Annotated[
            str | None,
            Query(max_length=40, description="ISO time (with zone) or epoch seconds"),
        ] = None,
    ) -> dict[str, Any]:
        return feeds_data(request, since)
