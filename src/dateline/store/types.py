"""What the store's query functions take and return: plain typed dataclasses."""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from dateline.models import Event


def split_values(value: str | None) -> list[str]:
    """``"AID, support"`` → ``["AID", "support"]``: filters accept comma-separated lists.

    A value in double quotes keeps its commas, as in CSV (``"Washington, D.C.",Kyiv`` →
    ``["Washington, D.C.", "Kyiv"]``; ``""`` inside the quotes is one quote): a place name
    may hold a comma. ``quote_value`` writes a value so.
    """
    if not value:
        return []
    if '"' not in value:
        return [part.strip() for part in value.split(",") if part.strip()]
    parts = next(csv.reader([value], skipinitialspace=True), [])
    return [part.strip() for part in parts if part.strip()]


def quote_value(value: str) -> str:
    """One filter value as ``split_values`` reads it back whole: in double quotes when it
    holds a comma or starts with a quote (``Washington, D.C.`` → ``"Washington, D.C."``)."""
    if "," in value or value.lstrip().startswith('"'):
        return '"' + value.replace('"', '""') + '"'
    return value


@dataclass(frozen=True)
class EventFilter:
    """Which events a query wants; every field is optional and they combine with AND.

    - ``actor``: an actor code (``"FRA GOV"``), country (``"FRA"``) or organisation in any
      role (source or target); ``source`` / ``target`` restrict the role. Each takes a
      comma-separated list too (``"FRA,DEU"``: either).
    - ``type``, ``status``, ``context``, ``quad_class``: one value or a comma-separated list
      (``"AID,SUPPORT"``); types are upper-cased.
    - ``since`` / ``until``: ISO days, inclusive. An event dated to a month or a year
      matches when that month or year overlaps them (``since="2027-01-01"`` finds an event
      dated ``2027``); an event without a date never does.
    - ``undated``: only events without a date (none, or no year), which date filters and
      timelines cannot reach otherwise.
    - ``place``: place name (case-insensitive) or ISO country code of the event's place, or
      a comma-separated list of them (``"UKR,POL"``: either).
    - ``text``: words that must all appear in the evidence sentence (FTS5; ``"a phrase"``
      in double quotes stays a phrase).
    - ``doc_id``: events of one document.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    status: str | None = None
    context: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    text: str | None = None
    doc_id: str | None = None
    quad_class: str | None = None
    undated: bool = False

    def types(self) -> list[str]:
        return [t.upper() for t in split_values(self.type)]

    def statuses(self) -> list[str]:
        return [s.lower() for s in split_values(self.status)]

    def contexts(self) -> list[str]:
        return split_values(self.context)

    def quad_classes(self) -> list[str]:
        return split_values(self.quad_class)

    def active(self) -> dict[str, Any]:
        """The fields that are set (for display and for exports' metadata)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v}


@dataclass
class StoredEvent(Event):
    """An event as the store returns it: the coded ``Event`` plus how often it was reported.

    For a merged event (the default of ``Store.events``) the fields are those of its first
    report and ``merged_id`` / ``num_*`` describe the group; for a raw event they describe
    the group it belongs to.
    """

    merged_id: str | None = None
    num_events: int = 1  # reports (events) merged into it
    num_articles: int = 1
    num_sources: int = 1


@dataclass
class AddResult:
    """What one ``Store.add`` call wrote."""

    documents: int = 0  # new documents stored
    skipped: int = 0  # documents already stored (nothing written for them)
    events: int = 0  # events stored
    duplicates: int = 0  # new documents that are copies or near-copies of a stored one
    learned: int = 0  # knowledge-base entries saved
    doc_ids: list[str] = field(default_factory=list)

    def merge(self, other: AddResult) -> None:
        self.documents += other.documents
        self.skipped += other.skipped
        self.events += other.events
        self.duplicates += other.duplicates
        self.learned += other.learned
        self.doc_ids.extend(other.doc_ids)


@dataclass
class SearchHit:
    """One document found by full-text search; ``score`` is bm25 (lower is better)."""

    doc_id: str
    title: str | None
    source: str
    date: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class MergeInfo:
    """A merged event: its reports, the articles and sources that carried them."""

    merged_id: str
    event_id: str  # the first report, which stands for the merged event
    num_events: int
    num_articles: int
    num_sources: int
    num_stories: int
    event_ids: list[str]
    doc_ids: list[str]
    sources: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class TimelinePoint:
    """``count`` events in ``period`` (a day, a week's Monday, or a month) of ``group``
    (an event type, or a PLOVER class when asked for classes)."""

    period: str
    group: str
    count: int

    def __iter__(self) -> Any:  # unpacks as (period, group, count)
        return iter((self.period, self.group, self.count))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Dyad:
    """How often ``source`` acted on ``target``, in all and by event type."""

    source: str
    target: str
    count: int
    types: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class StoryInfo:
    """A story: articles that are copies or near-copies of one another."""

    id: str
    title: str | None
    num_documents: int
    num_sources: int
    first_date: str | None
    last_date: str | None
    doc_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Summary:
    """Counts over the whole database (``dateline summary``)."""

    counts: dict[str, int]  # documents, events, merged_events, stories, duplicates, ...
    types: dict[str, int]  # merged events by type
    statuses: dict[str, int]
    classes: dict[str, int]
    actors: list[dict[str, Any]]  # [{"code", "name", "events"}], busiest first
    formats: dict[str, int]
    failures: dict[str, int]  # ingest failures by reason
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class KBRecord:
    """A stored row of the actor knowledge base (``actor_kb``): a learned or user entry."""

    name: str
    code: str
    country: str | None
    org: str | None
    sector: str | None
    office: str | None
    since: str | None = None
    until: str | None = None
    source: str = "user"  # learned | user
    provenance: str = ""
    doc_id: str | None = None
    sentence: int | None = None
    evidence: str | None = None
    removed: bool = False


@dataclass
class Report:
    """One article's report of an event (the event page lists every report of it)."""

    event_id: str
    doc_id: str
    title: str | None
    outlet: str | None  # the outlet, else the source name
    date: str | None
    url: str | None
    sentence: str
    trigger: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class MentionSpan:
    """An actor mention the annotator found, as a span of the document text."""

    start: int
    end: int
    code: str | None
    kind: str
