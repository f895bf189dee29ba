"""The event database: SQLite (WAL, FTS5), written by one writer, read by many.

``Store`` opens a database and offers every query the faces need (``events``, ``timeline``,
``dyads``, ``summary``, ``search``, ``get_document``, ``get_event``...); ``ingest`` reads,
codes and stores files (what ``dateline ingest`` runs). The schema is in ``schema``; stories
and merged events in ``stories``.
"""

from dateline.store.store import Store
from dateline.store.types import (
    AddResult,
    Dyad,
    EventFilter,
    MergeInfo,
    SearchHit,
    StoredEvent,
    StoryInfo,
    Summary,
    TimelinePoint,
)

__all__ = [
    "AddResult",
    "Dyad",
    "EventFilter",
    "MergeInfo",
    "SearchHit",
    "Store",
    "StoredEvent",
    "StoryInfo",
    "Summary",
    "TimelinePoint",
]
