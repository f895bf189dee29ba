"""Query parameters shared by the pages: the event filters (the same as ``dateline events``)
and pagination, validated once; anything out of range is a 4xx with the error envelope."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request

from dateline.models import PLOVER_TYPES, STATUSES
from dateline.web.errors import ApiError

MAX_PER_PAGE = 200
# Filters that take several values: comma-separated, or the parameter repeated.
LIST_PARAMS = ("actor", "source", "target", "type", "status", "context", "place")
MAX_PAGE = 10_000
TEXT_MAX = 200
CODE_MAX = 64

Code = Annotated[
    str | None,
    Query(
        max_length=TEXT_MAX,
        description="Actor code, e.g. 'UKR GOV', 'NATO', 'FRA', or several, comma-separated "
        "(any of them)",
    ),
]


@dataclass(frozen=True)
class Filters:
    """Event filters as the pages take them; ``None`` means no filter."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    status: str | None = None
    context: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    text: str | None = None
    raw: bool = False
    undated: bool = False

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (what a link that keeps them carries)."""
        return {k: "true" if v is True else str(v) for k, v in self.active().items()}

    def active(self) -> dict[str, Any]:
        """The filters that are set, JSON-ready (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value in (None, "", False):
                continue
            out[key] = value.isoformat() if isinstance(value, date) else value
        return out


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def iso_date(name: str, value: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD) from a query parameter; empty is None. Raises ``ApiError``."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, "invalid-parameter", f"{name}: {value!r} is not a date like 2026-01-06"
        ) from None


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """``since`` and ``until`` as dates, checked to be in order. Raises ``ApiError``."""
    start, end = iso_date("since", since), iso_date("until", until)
    if start and end and start > end:
        raise ApiError(422, "invalid-parameter", f"since ({start}) is after until ({end})")
    return start, end


def _one_of(name: str, value: str | None, allowed: tuple[str, ...], case: Any) -> str | None:
    """A value or comma-separated list of values from ``allowed`` (normalised), or None.

    Raises ``ApiError`` 422 naming the first unknown value.
    """
    parts = [case(p.strip()) for p in (value or "").split(",") if p.strip()]
    for part in parts:
        if part not in allowed:
            raise ApiError(
                422, "invalid-parameter",
                f"{name}: unknown value {part!r}; one of {', '.join(allowed)}",
            )  # fmt: skip
    return ",".join(parts) or None


def known_contexts(request: Request) -> list[str]:
    """The contexts of stored events (cached until the next write)."""
    from dateline.web.app import cached, open_store

    def build() -> list[str]:
        with open_store(request) as store:
            return store.contexts()

    return list(cached(request, ("contexts",), build))


def known_code(request: Request, code: str | None) -> str | None:
    """An actor code, or comma-separated codes, in the stored spelling ("ukr gov" →
    "UKR GOV"); a code no event has is kept as typed, upper-cased (its list is simply
    empty)."""
    codes = list(dict.fromkeys(p.strip() for p in (code or "").split(",") if p.strip()))
    if not codes:
        return None
    return ",".join(_known_one(request, one) for one in codes)


def _known_one(request: Request, code: str) -> str:
    if code.isupper():
        return code
    from dateline.web.app import cached, open_store

    def build() -> str | None:
        with open_store(request) as store:
            return store.canonical_code(code)

    return cached(request, ("code", code), build) or code.upper()


def event_filters(
    request: Request,
    actor: Code = None,
    source: Code = None,
    target: Code = None,
    type: Annotated[
        str | None,
        Query(
            max_length=TEXT_MAX,
            description="PLOVER event type(s), comma-separated: " + ", ".join(PLOVER_TYPES),
        ),
    ] = None,
    status: Annotated[
        str | None,
        Query(max_length=100, description="Status(es): " + ", ".join(STATUSES)),
    ] = None,
    context: Annotated[
        str | None,
        Query(max_length=TEXT_MAX, description="PLOVER context(s), e.g. 'military'"),
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=10,
            description="Events on or after this ISO date (a month or year that overlaps it too)",
        ),
    ] = None,
    until: Annotated[
        str | None, Query(max_length=10, description="Events on or before this ISO date")
    ] = None,
    place: Annotated[
        str | None,
        Query(
            max_length=TEXT_MAX,
            description="Place name or ISO country code ('UKR'), or several, comma-separated; "
            'a name holding a comma in double quotes: "Washington, D.C.",Kyiv',
        ),
    ] = None,
    text: Annotated[
        str | None, Query(max_length=TEXT_MAX, description="Words in the evidence sentence")
    ] = None,
    raw: Annotated[bool, Query(description="Every article's event, not merged events")] = False,
    undated: Annotated[
        bool, Query(description="Only events without a date (no date filter reaches them)")
    ] = False,
) -> Filters:
    """The filters of a request, checked: known type and status, since ≤ until.

    Raises ``ApiError`` (422) for an unknown type, status or context (naming the allowed
    values) or an empty date range. Actor codes are matched whatever their case. Every
    filter but the dates and the words takes a comma-separated list (any of its values),
    or the parameter repeated; a value in double quotes keeps its commas
    (``place="Washington, D.C.",Kyiv``).
    """
    # A repeated parameter (type=AID&type=SUPPORT, as a multiple select sends it) is a list
    # too: its values are joined, each read like one parameter.
    many = {k: ",".join(v) for k in LIST_PARAMS if len(v := request.query_params.getlist(k)) > 1}
    actor, source, target = (
        many.get("actor", actor),
        many.get("source", source),
        many.get("target", target),
    )
    type, status = many.get("type", type), many.get("status", status)
    context, place = many.get("context", context), many.get("place", place)
    event_type = _one_of("type", type, PLOVER_TYPES, str.upper)
    event_status = _one_of("status", status, STATUSES, str.lower)
    event_context = (
        _one_of("context", context, tuple(known_contexts(request)), str.lower)
        if _clean(context)
        else None
    )
    since_day, until_day = date_range(since, until)
    return Filters(
        actor=known_code(request, _clean(actor)),
        source=known_code(request, _clean(source)),
        target=known_code(request, _clean(target)),
        type=event_type,
        status=event_status,
        context=event_context,
        since=since_day,
        until=until_day,
        place=_clean(place),
        text=_clean(text),
        raw=raw,
        undated=undated,
    )


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def pagination(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1")] = 1,
    per_page: Annotated[
        int, Query(ge=1, le=MAX_PER_PAGE, description=f"Rows per page, at most {MAX_PER_PAGE}")
    ] = 50,
) -> Page:
    """Page number and size (bounded by FastAPI: out of range is a 422 envelope)."""
    return Page(page, per_page)


def event_sort(
    sort: Annotated[
        str,
        Query(
            max_length=16,
            description="Order: date, type, status, source, target or place; '-' in front "
            "for descending (default -date, newest first)",
        ),
    ] = "-date",
) -> str:
    """The sort key of a request. Raises ``ApiError`` 422 naming the keys for an unknown one."""
    from dateline.store.pages import EVENT_SORTS

    key = sort.strip() or "-date"
    if key not in EVENT_SORTS:
        raise ApiError(
            422, "invalid-parameter", f"sort: unknown key {key!r}; one of {', '.join(EVENT_SORTS)}"
        )
    return key
