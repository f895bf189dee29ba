"""Pages of events whose evidence holds some words, newest first, read from the full-text
index in date order.

``events_fts`` (FTS5, contentless) numbers each sentence ``day_key(date) << 32 | seq``: the
index itself then lists the matches of any words newest first (FTS5 walks a doclist in
``rowid`` order, both ways), so a page of a common word reads about a page of matches
instead of gathering and sorting all of them, or checking every event in turn.

``day_key`` keeps the order of the ISO date strings the pages sort by: ``2027`` → 20270000,
``2025-09`` → 20250900, ``2025-09-14`` → 20250914, no date → 0. Matches that share a key
(one day, with any time part) are sorted by (date, id) once all of them are read.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from typing import Any

from dateline.store.types import EventFilter

SEQ_BITS = 32
SEQ_MASK = (1 << SEQ_BITS) - 1
CHUNK = 500
# Matches read before a page with other filters gives up on this walk and lets the query
# planner gather them (a rare actor with a common word: the actor's own events are fewer).
WALK_BUDGET = 20_000
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")


def day_key(date: str | None) -> int:
    """The date part of a sentence's rowid (see the module docstring); ``DAY_KEY_SQL`` is
    the same in SQL."""
    if not date:
        return 0
    if _DAY.match(date):
        return int(date[0:4] + date[5:7] + date[8:10])
    if _MONTH.match(date):
        return int(date[0:4] + date[5:7]) * 100
    if _YEAR.match(date):
        return int(date[0:4]) * 10_000
    return 0


# ``day_key`` of the column named ``{date}``, for migrations.
DAY_KEY_SQL = """CASE
  WHEN {date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
    THEN CAST(substr({date}, 1, 4) || substr({date}, 6, 2) || substr({date}, 9, 2) AS INTEGER)
  WHEN {date} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
    THEN CAST(substr({date}, 1, 4) || substr({date}, 6, 2) AS INTEGER) * 100
  WHEN {date} GLOB '[0-9][0-9][0-9][0-9]*' THEN CAST(substr({date}, 1, 4) AS INTEGER) * 10000
  ELSE 0 END"""


def rowid(date: str | None, seq: int) -> int:
    """The ``events_fts`` rowid of the sentence of event ``seq`` dated ``date``."""
    return day_key(date) << SEQ_BITS | seq


def newest_first(
    conn: sqlite3.Connection,
    f: EventFilter,
    query: str,
    limit: int,
    offset: int,
    merged: bool,
    where_clause: Any,
    budget: int | None = WALK_BUDGET,
) -> list[str] | None:
    """Ids of one page of events matching ``f`` (whose ``text`` is the FTS5 ``query``),
    newest first, by walking the matches in rowid order; None when ``budget`` matches were
    read without completing the page (the caller then plans the query another way).

    ``where_clause`` is ``query.where_clause`` (passed in: that module imports this one).
    A merged event matches when any of its reports does; its reports share its date.
    """
    where, params = where_clause(replace(f, text=None), merged=False)
    cond = where[len(" WHERE ") :] if where else "1"
    if merged:
        sql = (
            "SELECT e.id, e.date FROM events x JOIN merged_events m ON m.id = x.merged_id "
            "JOIN events e ON e.id = m.event_id WHERE x.seq IN ({}) AND " + cond
        )
    else:
        sql = "SELECT e.id, e.date FROM events e WHERE e.seq IN ({}) AND " + cond
    wanted = offset + limit
    found: dict[str, str | None] = {}
    hits = conn.execute(
        "SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC", (query,)
    )
    read = 0
    try:
        while True:
            chunk = [int(r[0]) for r in hits.fetchmany(CHUNK)]
            if not chunk:
                break
            read += len(chunk)
            marks = ",".join("?" * len(chunk))
            for event_id, date in conn.execute(
                sql.format(marks), [*(r & SEQ_MASK for r in chunk), *params]
            ):
                found[event_id] = date
            # Every match not read yet has a key no greater than the last one read.
            floor = chunk[-1] >> SEQ_BITS
            if sum(1 for d in found.values() if day_key(d) > floor) >= wanted:
                break
            if budget is not None and read >= budget and f != EventFilter(text=f.text):
                return None
    finally:
        hits.close()
    ranked = sorted(found.items(), key=lambda kv: (kv[1] is not None, kv[1] or "", kv[0]))
    ranked.reverse()
    return [event_id for event_id, _ in ranked[offset : offset + limit]]
