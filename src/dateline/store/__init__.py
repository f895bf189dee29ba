"""The event database: SQLite (WAL, FTS5), written by one writer, read by many.

``Store`` opens a database and offers every query the faces need (``events``, ``timeline``,
``dyads``, ``summary``, ``search``, ``get_document``, ``get_event``, the knowledge base...).
This package owns every table, migration and SQL string of dateline: the schema is in
``schema`` (numbered migrations of fixed text), writes in ``write`` and ``kb``, reads in
``query``, ``read`` and ``lookups``; stories and merged events in ``stories``. It imports
nothing above it (no pipeline, engines, readers, actors or web).
"""

from dateline.store.store import Store
from dateline.store.types import (
    AddResult,
    Dyad,
    EventFilter,
    KBRecord,
    MentionSpan,
    MergeInfo,
    Report,
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
    "KBRecord",
    "MentionSpan",
    "MergeInfo",
    "Report",
    "SearchHit",
    "Store",
    "StoredEvent",
    "StoryInfo",
    "Summary",
    "TimelinePoint",
]
