"""Read-only queries behind the web's list pages: events by date precision, events in a
chosen order, and lists of actors, documents and outlets.

Parameterised SQL only; a sort key picks one of a fixed set of ORDER BY clauses, never text
from a request.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from dateline.store.query import FULL_DATE, kept_days, where_clause
from dateline.store.types import EventFilter

MERGED_JOIN = " JOIN merged_events mm ON mm.event_id = e.id"

# Sort keys a page may ask for; "-" in front means descending. Each ends in the id so the
# order is total (the same page twice shows the same rows).
EVENT_SORTS: dict[str, str] = {
    "date": "e.date, e.id",
    "-date": "e.date DESC, e.id DESC",
    "type": "e.type, e.date DESC, e.id",
    "-type": "e.type DESC, e.date DESC, e.id",
    "status": "e.status, e.date DESC, e.id",
    "-status": "e.status DESC, e.date DESC, e.id",
    "source": "e.source_codes, e.date DESC, e.id",
    "-source": "e.source_codes DESC, e.date DESC, e.id",
    "target": "e.target_codes, e.date DESC, e.id",
    "-target": "e.target_codes DESC, e.date DESC, e.id",
    "place": "e.place_name, e.date DESC, e.id",
    "-place": "e.place_name DESC, e.date DESC, e.id",
}

PRECISION_SQL = (
    f"CASE WHEN e.date GLOB '{FULL_DATE}' THEN 'day' "
    "WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN 'month' "
    "WHEN e.date GLOB '[0-9][0-9][0-9][0-9]' THEN 'year' ELSE 'undated' END"
)


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


def sorted_event_ids(
    conn: sqlite3.Connection, f: EventFilter, sort: str, limit: int, offset: int, merged: bool
) -> list[str]:
    """Ids of one page of matching events in the order ``sort`` (a key of ``EVENT_SORTS``).

    Raises ``KeyError`` for an unknown sort key.
    """
    order = EVENT_SORTS[sort]
    where, params = where_clause(f, merged=merged)
    sql = (
        f"SELECT e.id FROM events e{MERGED_JOIN if merged else ''}{where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return [r[0] for r in conn.execute(sql, [*params, limit, offset])]


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
