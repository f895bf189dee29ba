"""Response and request models for ``/openapi.json``: what each JSON twin returns and what
``POST /api/v1/documents`` takes. The views build plain dicts; these models document them
(FastAPI does not re-validate a ``JSONResponse``), and extra fields are allowed so that a
new field never breaks a client that checks against them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ActorOut(Open):
    text: str | None = None
    code: str | None = Field(None, description="Actor code, e.g. 'UKR GOV'")
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None


class EventRow(Open):
    id: str
    date: str | None = Field(None, description="ISO date; its length is its precision")
    date_precision: str | None = None
    type: str = Field(description="PLOVER event type")
    quad_class: str | None = None
    mode: str | None = None
    context: str | None = None
    status: str
    source: list[ActorOut]
    target: list[ActorOut]
    sentence: str
    sentence_start: int | None = Field(None, description="Offset of the sentence in its article")
    trigger: str | None = None
    place: str | None = None
    doc_id: str | None = None
    merged_id: str | None = None
    num_articles: int = 1
    num_sources: int | None = None


class Timeline(Open):
    by: str = Field(description="day, week or month")
    group: str = Field(description="class or type")
    periods: list[str] = Field(description="Every period from the first to the last")
    ranges: list[list[str]] = Field(description="First and last day of each period")
    counts: dict[str, dict[str, int]] = Field(description="{class or type: {period: n}}")
    precisions: dict[str, int] = Field(description="Events dated to a day, month, year, none")
    charted: int
    not_charted: int
    link: dict[str, Any] = Field(default_factory=dict)


class OverviewOut(Open):
    counts: dict[str, Any]
    timeline: Timeline
    latest: list[EventRow]
    actors: list[dict[str, Any]]
    types: list[dict[str, Any]]
    statuses: dict[str, int]
    classes: dict[str, int]


class EventsOut(Open):
    filters: dict[str, Any]
    page: int
    per_page: int
    total: int
    total_exact: bool
    pages: int | None
    has_next: bool
    sort: str
    events: list[EventRow]


class PlaceOut(Open):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventDetail(EventRow):
    place: PlaceOut | str | None = None  # type: ignore[assignment]  # the page: the whole place
    rules: list[str] = Field(default_factory=list)
    nearest_example: dict[str, Any] | None = Field(
        default=None,
        description="For an event the sentence typer proposed: the labelled tuning sentence "
        "nearest to it (id, type, cosine, text, source)",
    )
    reports: list[dict[str, Any]] = Field(default_factory=list)
    people: dict[str, str | None] = Field(
        default_factory=dict, description="Office-holder of each code on the event's date"
    )


class EventOut(Open):
    event: EventDetail


class DocumentOut(Open):
    document: dict[str, Any]
    paragraphs: list[list[dict[str, Any]]]
    events: list[EventRow]


class Partner(Open):
    code: str
    out: int = Field(description="Events with the actor as source and this one as target")
    in_: int = Field(alias="in", description="Events with this one as source")
    types: dict[str, int]


class ActorPageOut(Open):
    actor: dict[str, Any]
    timeline: Timeline
    events: list[EventRow]
    partners: list[Partner]
    partners_total: int
    graph: dict[str, Any]


class Place(Open):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    count: int
    types: dict[str, int]
    quad_class: str | None = None


class MapOut(Open):
    filters: dict[str, Any]
    places: list[Place]
    total: int
    located: int = Field(description="Events at places drawn on the map")
    drawn: int
    no_coordinates: int = Field(description="Events at places without coordinates")
    undrawn: int
    unplaced: int = Field(description="Events without a place")


class CoalitionOut(Open):
    name: str
    known: list[str]
    since: str | None = None
    until: str | None = None
    types: list[str]
    members: list[dict[str, Any]]
    about: str


class PagedOut(Open):
    total: int
    page: int
    per_page: int
    pages: int
    has_next: bool


class ActorRow(Open):
    code: str
    name: str | None = None
    events: int = Field(description="Merged events with this actor in any role (its list)")


class ActorsOut(PagedOut):
    q: str | None = None
    actors: list[ActorRow]


class DocumentRow(Open):
    id: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    events: int = 0


class DocumentsOut(PagedOut):
    q: str | None = None
    outlet: str | None = None
    documents: list[DocumentRow]
    hits: list[dict[str, Any]] = Field(description="With q: the best matches, with snippets")
    pool: int | None = Field(
        None,
        description="With q, when more articles match: the best are ranked among this many "
        "matches, those stored last",
    )


class DyadRow(Open):
    source: str
    target: str
    events: int = Field(description="Merged events from source to target (its list)")
    pair_events: int = Field(description="Events coded with exactly this pair")
    types: dict[str, int]


class DyadsOut(PagedOut):
    actor: str | None = None
    dyads: list[DyadRow]


class OutletRow(Open):
    outlet: str | None = Field(None, description="Outlet name; null for articles without one")
    documents: int


class OutletsOut(Open):
    outlets: list[OutletRow]


class StoryRow(Open):
    id: str
    title: str | None = None
    num_documents: int
    num_sources: int
    first_date: str | None = None
    last_date: str | None = None
    doc_ids: list[str]


class StoriesOut(Open):
    stories: list[StoryRow]
    limit: int


class FeedsOut(Open):
    feeds: list[dict[str, Any]]


class ReadyOut(Open):
    ready: bool


def download_responses(kinds: dict[str, str]) -> dict[int | str, dict[str, Any]]:
    """The ``200`` of a download route in OpenAPI: its media types (``kinds``: suffix →
    media type), each a file."""
    content = {media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
               for media in kinds.values()}  # fmt: skip
    return {200: {"description": "The file, streamed", "content": content}}


class ArticleIn(BaseModel):
    """One article as JSON (``application/json``: one object or a list of them)."""

    text: str | None = Field(None, description="Plain text (this or html)")
    html: str | None = Field(None, description="An HTML page (this or text)")
    title: str | None = None
    url: str | None = None
    date: str | None = Field(None, description="Publication date, ISO")
    source: str | None = None


class IngestedDocument(Open):
    id: str
    title: str | None = None
    date: str | None = None
    events: int | None = None
    stored: bool
    already_stored: bool
    url: str


class IngestOut(Open):
    documents: list[IngestedDocument]
    failures: list[dict[str, Any]]


def post_body_schema() -> dict[str, Any]:
    """The OpenAPI ``requestBody`` of ``POST /api/v1/documents``."""
    article = ArticleIn.model_json_schema()
    return {
        "required": True,
        "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/json": {
                "schema": {"oneOf": [article, {"type": "array", "items": article}]}
            },
        },
    }
