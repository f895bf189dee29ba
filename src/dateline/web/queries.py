"""Read-only queries the pages need beyond the store's own query functions.

Written against the store's schema (``dateline.store.schema``): ``events``, ``evidence``,
``event_actors``, ``merged_events``, ``documents``, ``mentions``. Every query is
parameterised; values from a request never become SQL text. "Merged" means one row per
merged event: the event that ``merged_events.event_id`` names (its first report), which
carries the same type, actors, date and place as every other report of it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from dateline.models import QUAD_CLASS, Event
from dateline.store.query import where_clause
from dateline.store.types import EventFilter
from dateline.web.highlight import Span

if TYPE_CHECKING:
    from dateline.store import Store

MERGED_JOIN = "JOIN merged_events mm ON mm.event_id = e.id"


def connection(store: Store) -> sqlite3.Connection:
    """The store's SQLite connection."""
    for name in ("conn", "connection", "_conn", "db"):
        conn = getattr(store, name, None)
        if isinstance(conn, sqlite3.Connection):
            return conn
    raise TypeError("the store has no sqlite3 connection")


def _rows(store: Store, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
    return connection(store).execute(sql, params).fetchall()


def _types_to_quads(counts: dict[str, int]) -> str | None:
    """The commonest PLOVER class among event types counted."""
    quads: Counter[str] = Counter()
    for event_type, n in counts.items():
        quads[QUAD_CLASS.get(event_type, "")] += n
    quads.pop("", None)
    return quads.most_common(1)[0][0] if quads else None


def reports(store: Store, event: Event) -> list[dict[str, Any]]:
    """Every article that reported the event (all events of its merged event)."""
    found = _rows(
        store,
        """SELECT e.id, e.doc_id, d.title, d.outlet, d.source_name, d.date, d.url,
                  v.sentence, v.start, v.trigger
           FROM events e JOIN documents d ON d.id = e.doc_id
           JOIN evidence v ON v.event_id = e.id
           WHERE e.merged_id = (SELECT merged_id FROM events WHERE id = ?) OR e.id = ?
           GROUP BY e.id ORDER BY d.date, d.position""",
        (event.id, event.id),
    )
    return [
        {
            "event_id": eid,
            "doc_id": doc_id,
            "title": title,
            "outlet": outlet or source_name,
            "date": day,
            "url": url,
            "sentence": sentence,
            "trigger": trigger,
        }
        for eid, doc_id, title, outlet, source_name, day, url, sentence, _start, trigger in found
    ]


def mention_spans(store: Store, doc_id: str) -> list[Span]:
    """The annotator's actor mentions of a document, as spans to mark."""
    found = _rows(
        store,
        'SELECT start, "end", code, kind FROM mentions WHERE doc_id = ? AND code IS NOT NULL '
        "ORDER BY position",
        (doc_id,),
    )
    return [Span(s, e, "actor", code or kind) for s, e, code, kind in found]


def actor_name(store: Store, code: str) -> str | None:
    """A readable name for an actor code (the commonest resolved name), when there is one."""
    found = _rows(
        store,
        """SELECT name FROM event_actors WHERE code = ? AND name IS NOT NULL
           GROUP BY name ORDER BY count(*) DESC LIMIT 1""",
        (code,),
    )
    return found[0][0] if found else None


def known_codes(store: Store, candidates: list[str]) -> set[str]:
    """Which of ``candidates`` are actor codes (the store's dyads fall back to an actor's
    words, "them", "the offer", when it has no code)."""
    found: set[str] = set()
    for start in range(0, len(candidates), 500):
        chunk = candidates[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in _rows(
                store, f"SELECT DISTINCT code FROM event_actors WHERE code IN ({marks})", chunk
            )
        )  # fmt: skip
    return found


def places(store: Store, filters: EventFilter, merged: bool = True) -> list[dict[str, Any]]:
    """Events grouped by place (name, country, mean coordinates), with counts by type."""
    where, params = where_clause(filters, merged=merged)
    where = f"{where} AND e.place_name IS NOT NULL" if where else " WHERE e.place_name IS NOT NULL"
    found = _rows(
        store,
        f"""SELECT e.place_name, max(e.place_country), avg(e.lat), avg(e.lon), e.type, count(*)
            FROM events e {MERGED_JOIN if merged else ""}{where}
            GROUP BY e.place_name, e.type""",
        params,
    )
    grouped: dict[str, dict[str, Any]] = {}
    for name, country, lat, lon, event_type, n in found:
        p = grouped.setdefault(
            name,
            {"name": name, "country": country, "lat": lat, "lon": lon, "count": 0, "types": {}},
        )
        p["count"] += n
        p["types"][event_type] = n
        if p["lat"] is None and lat is not None:
            p["lat"], p["lon"] = lat, lon
    out = sorted(grouped.values(), key=lambda p: (-p["count"], p["name"]))
    for p in out:
        p["quad_class"] = _types_to_quads(p["types"])
        for key in ("lat", "lon"):
            p[key] = round(p[key], 4) if p[key] is not None else None
    return out


def coalition_event_ids(
    store: Store,
    name: str,
    types: tuple[str, ...],
    since: date | None,
    until: date | None,
    limit: int = 2000,
) -> list[tuple[str, bool]]:
    """(event id, named) for the coalition's events of ``types``, merged, newest first.

    An event counts when the coalition is one of its actors, when its evidence sentence
    names the coalition (``named`` is True for both), or when it comes from an article that
    names the coalition (``named`` False: a member acting in a report about the coalition).
    """
    marks = ",".join("?" * len(types))
    phrase = '"' + name.replace('"', '""') + '"'
    like = "%" + _like(name) + "%"
    params: list[Any] = [phrase, name, name, name, name, like, name, name, *types]
    extra = ""
    if since:
        extra += " AND e.date >= ?"
        params.append(since.isoformat())
    if until:
        extra += " AND substr(e.date, 1, 10) <= ?"
        params.append(until.isoformat())
    found = _rows(
        store,
        f"""WITH named_docs AS (
                SELECT doc_id FROM documents_fts WHERE documents_fts MATCH ?
                UNION SELECT doc_id FROM mentions WHERE code = ? OR org = ?
            )
            SELECT e.id,
                   EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id
                           AND (x.code = ? COLLATE NOCASE OR x.org = ? COLLATE NOCASE))
                   OR v.sentence LIKE ? ESCAPE '\\' AS named
            FROM events e {MERGED_JOIN} JOIN evidence v ON v.event_id = e.id
            WHERE (e.doc_id IN (SELECT doc_id FROM named_docs)
                   OR EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id
                              AND (x.code = ? COLLATE NOCASE OR x.org = ? COLLATE NOCASE)))
              AND e.type IN ({marks}) {extra}
            ORDER BY e.date DESC, e.id LIMIT {int(limit)}""",
        params,
    )
    return [(r[0], bool(r[1])) for r in found]


def _like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
