"""Read-only queries behind the web's list pages: events by date precision, events in a
chosen order, and lists of actors, documents and outlets.

Parameterised SQL only; a sort key picks one of a fixed set of ORDER BY clauses, never text
from a request.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from dateline.store.query import FULL_DATE, _driver, _plan, kept_days, where_clause
from dateline.store.types import EventFilter

MERGED_JOIN = " JOIN merged_events mm ON mm.event_id = e.id"

# Sort keys a page may ask for; "-" in front means descending. Each ends in the date and the
# id, so the order is total (the same page twice shows the same rows), and runs one way
# throughout: an index on (column, date, id) then gives a page without sorting the whole
# table (each has one: ``SORT_INDEX``; a key in one direction and its ties in the other
# would sort a million rows for each page).
EVENT_SORTS: dict[str, str] = {
    "date": "e.date, e.id",
    "-date": "e.date DESC, e.id DESC",
    "type": "e.type, e.date, e.id",
    "-type": "e.type DESC, e.date DESC, e.id DESC",
    "status": "e.status, e.date, e.id",
    "-status": "e.status DESC, e.date DESC, e.id DESC",
    "source": "e.source_codes, e.date, e.id",
    "-source": "e.source_codes DESC, e.date DESC, e.id DESC",
    "target": "e.target_codes, e.date, e.id",
    "-target": "e.target_codes DESC, e.date DESC, e.id DESC",
    "place": "e.place_name COLLATE NOCASE, e.date, e.id",
    "-place": "e.place_name COLLATE NOCASE DESC, e.date DESC, e.id DESC",
}

PRECISION_SQL = (
    f"CASE WHEN e.date GLOB '{FULL_DATE}' THEN 'day' "
    "WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 'month' "
    "WHEN e.date GLOB '[0-9][0-9][0-9][0-9]' THEN 'year' ELSE 'undated' END"
)


def dated_counts(
    conn: sqlite3.Connection, since: str | None, until: str | None
) -> list[tuple[str, str, str, int]]:
    """(date, type, PLOVER class, merged events) for every date a ``since``/``until`` filter
    keeps (a date of any precision, as ``date_bounds`` keeps it: a month or a year that
    overlaps the range too), from the per-date counts the writer keeps in ``aggregates``:
    a timeline and its precisions over a date range without reading the events. Without
    ``since`` and ``until``, every date, and the events without one ('' or no year)."""
    sql = "SELECT key, n FROM aggregates WHERE kind = 'day' AND n > 0"
    params: list[Any] = []
    if since:
        sql += " AND key >= ?"
        params.append(since[:4])
    if until:
        sql += " AND key <= ?"
        params.append(until + "~")
    out = []
    for key, n in conn.execute(sql, params):
        day, type_, quad = str(key).split("\t")
        if since and not (day >= since[:10] or day in (since[:4], since[:7])):
            continue
        if (since or until) and not day[:1].isdigit():  # no year: no date filter keeps it
            continue
        out.append((day, type_, quad, int(n)))
    return out


def filtered_dated_counts(
    conn: sqlite3.Connection, f: EventFilter, merged: bool
) -> list[tuple[str, str, str, int]]:
    """(date, type, PLOVER class, events) of the events ``f`` matches, grouped by their date
    as stored ('' for none): one pass gives a timeline at any unit and the count of each
    date precision (two passes over an actor's events before). One actor and nothing else
    (an actor's page) is read from the per-date counts the writer keeps for it instead: a
    few thousand rows rather than a hundred thousand events."""
    kept = kept_days(conn, f, merged)
    if kept is not None:
        out = []
        for key, n in kept:
            day, type_, quad = key.split("\t")
            out.append((day, type_, quad, n))
        return out
    body, params, _ = _plan(f, merged, _driver(conn, f))
    sql = (
        "SELECT coalesce(e.date, ''), e.type, coalesce(e.quad_class, ''), count(*) "
        f"{body} GROUP BY 1, 2, 3"
    )
    return [(str(d), str(t), str(q), int(n)) for d, t, q, n in conn.execute(sql, params)]


_PRECISIONS = (
    ("day", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}.*", re.DOTALL)),
    ("month", re.compile(r"[0-9]{4}-[0-9]{2}")),
    ("year", re.compile(r"[0-9]{4}")),
)


def precision_of(date: str | None) -> str:
    """``PRECISION_SQL`` in Python: "day", "month", "year" or "undated"."""
    for name, pattern in _PRECISIONS:
        if date is not None and pattern.fullmatch(date):
            return name
    return "undated"


def date_precisions(conn: sqlite3.Connection, f: EventFilter, merged: bool) -> dict[str, int]:
    """How many matching events are dated to a day, a month, a year, or not at all."""
    kept = kept_days(conn, f, merged)
    if kept is not None:
        # No filter or one actor: from the per-date counts the writer keeps.
        counted = {"day": 0, "month": 0, "year": 0, "undated": 0}
        for key, n in kept:
            counted[precision_of(key.split("\t", 1)[0])] += n
        return counted
    where, params = where_clause(f, merged=merged)
    sql = (
        f"SELECT {PRECISION_SQL} AS p, count(*) FROM events e"
        f"{MERGED_JOIN if merged else ''}{where} GROUP BY p"
    )
    out = {"day": 0, "month": 0, "year": 0, "undated": 0}
    for precision, n in conn.execute(sql, params):
        out[str(precision)] = int(n)
    return out


# The index whose order is each sort's order (see EVENT_SORTS).
SORT_INDEX = {"date": "events_date", "type": "events_type_date",
              "status": "events_status_date", "place": "events_place",
              "source": "events_source_date", "target": "events_target_date"}  # fmt: skip


def sorted_event_ids(
    conn: sqlite3.Connection,
    f: EventFilter,
    sort: str,
    limit: int,
    offset: int,
    merged: bool,
    many: bool = False,
) -> list[str]:
    """Ids of one page of matching events in the order ``sort`` (a key of ``EVENT_SORTS``).

    ``many``: the filters match many events (the caller counted them). Then the page walks
    the index in the sort's order and checks the filters on each row, stopping when the page
    is full; SQLite would otherwise use the filter's index and sort every match (two seconds
    for a type among a million events). With few matches, sorting them is the cheaper way.

    Raises ``KeyError`` for an unknown sort key.
    """
    order = EVENT_SORTS[sort]
    where, params = where_clause(f, merged=merged)
    index = SORT_INDEX.get(sort.lstrip("-")) if many and where else None
    hint = f" INDEXED BY {index}" if index else ""
    sql = (
        f"SELECT e.id FROM events e{hint}{MERGED_JOIN if merged else ''}{where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return [r[0] for r in conn.execute(sql, [*params, limit, offset])]


def event_ids_after(
    conn: sqlite3.Connection,
    f: EventFilter,
    merged: bool,
    after: tuple[str | None, str] | None,
    limit: int,
) -> list[tuple[str, str | None]]:
    """(id, date) of the next ``limit`` matching events, newest first, after the event
    ``after`` (its date and id; None for the first ones): a download reads a million events
    this way, a page at a time, each page costing about its own length (no OFFSET, no list
    of every id first).

    Uses the plan of ``Store.events`` (an actor's keys walked newest first, else an index
    ending in (date, id)), with the position as one more condition on the walked columns.
    """
    body, params, order = _plan(f, merged, _driver(conn, f))
    where = " AND " if " WHERE " in body else " WHERE "
    if order.startswith("ORDER BY k."):  # walking event_keys: its date is '' for no date
        if after is not None:
            body += f"{where}(k.date < ? OR (k.date = ? AND k.event_id < ?))"
            params = [*params, after[0] or "", after[0] or "", after[1]]
    elif after is not None and after[0] is not None:
        body += f"{where}(e.date < ? OR (e.date = ? AND e.id < ?) OR e.date IS NULL)"
        params = [*params, after[0], after[0], after[1]]
    elif after is not None:  # past the dated events: NULL dates sort last, by id
        body += f"{where}e.date IS NULL AND e.id < ?"
        params = [*params, after[1]]
    sql = f"SELECT e.id, e.date {body} {order} LIMIT ?"
    return [(str(r[0]), r[1]) for r in conn.execute(sql, [*params, limit])]


def actor_list(
    conn: sqlite3.Connection, limit: int, offset: int, prefix: str | None = None
) -> list[dict[str, Any]]:
    """Actor codes with their merged event counts (kept by the writer), busiest first;
    ``prefix`` keeps codes that start with it (case-insensitive)."""
    sql = "SELECT key, label, n FROM aggregates WHERE kind = 'actor' AND n > 0"
    params: list[Any] = []
    if prefix:
        sql += " AND upper(key) LIKE ? ESCAPE '\\'"
        params.append(_like(prefix.upper()) + "%")
    sql += " ORDER BY n DESC, key LIMIT ? OFFSET ?"
    return [
        {"code": code, "name": name or None, "events": int(n)}
        for code, name, n in conn.execute(sql, [*params, limit, offset])
    ]


def actor_count(conn: sqlite3.Connection, prefix: str | None = None) -> int:
    """How many actor codes ``actor_list`` would list without a limit."""
    sql = "SELECT count(*) FROM aggregates WHERE kind = 'actor' AND n > 0"
    params: list[Any] = []
    if prefix:
        sql += " AND upper(key) LIKE ? ESCAPE '\\'"
        params.append(_like(prefix.upper()) + "%")
    return int(conn.execute(sql, params).fetchone()[0])


def canonical_code(conn: sqlite3.Connection, code: str) -> str | None:
    """The stored spelling of an actor code typed in any case ("ukr gov" → "UKR GOV")."""
    row = conn.execute(
        "SELECT key FROM aggregates WHERE kind = 'actor' AND key = ? COLLATE NOCASE "
        "ORDER BY n DESC LIMIT 1",
        (code.strip(),),
    ).fetchone()
    return str(row[0]) if row else None


def document_list(
    conn: sqlite3.Connection, limit: int, offset: int, outlet: str | None = None
) -> list[dict[str, Any]]:
    """Documents newest first: id, title, outlet, date, url, and how many events each has."""
    sql = (
        "SELECT d.id, d.title, d.outlet, d.url, d.date, d.source, d.dateline_agency, "
        "(SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events FROM documents d"
    )
    params: list[Any] = []
    if outlet:
        sql += " WHERE d.outlet = ? COLLATE NOCASE"
        params.append(outlet)
    sql += " ORDER BY d.date DESC, d.position DESC LIMIT ? OFFSET ?"
    return [dict(r) for r in conn.execute(sql, [*params, limit, offset])]


def document_count(conn: sqlite3.Connection, outlet: str | None = None) -> int:
    """How many documents ``document_list`` would list without a limit."""
    if outlet:
        row = conn.execute(
            "SELECT count(*) FROM documents WHERE outlet = ? COLLATE NOCASE", (outlet,)
        ).fetchone()
    else:
        row = conn.execute("SELECT count(*) FROM documents").fetchone()
    return int(row[0])


def outlet_list(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Outlets (the documents' ``outlet`` field) with how many documents each has; documents
    without an outlet are counted under None."""
    found = conn.execute(
        "SELECT outlet, count(*) FROM documents GROUP BY outlet ORDER BY count(*) DESC, outlet"
    )
    return [{"outlet": o, "documents": int(n)} for o, n in found]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contexts(conn: sqlite3.Connection) -> list[str]:
    """The PLOVER contexts stored events carry, sorted."""
    found = conn.execute(
        "SELECT DISTINCT context FROM events WHERE context IS NOT NULL AND context <> ''"
    )
    return sorted(str(r[0]) for r in found)
