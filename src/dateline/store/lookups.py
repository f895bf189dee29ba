"""Read-only queries the web pages need beyond filtered events: an event's reports, a
document's mentions, actor names, events by place, a coalition's events.

Every query is parameterised; values from a request never become SQL text. "Merged" means
one row per merged event: the event that ``merged_events.event_id`` names (its first
report), which carries the same type, actors, date and place as every other report of it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any

from dateline.models import QUAD_CLASS
from dateline.store.query import where_clause
from dateline.store.types import EventFilter, MentionSpan, Report

MERGED_JOIN = "JOIN merged_events mm ON mm.event_id = e.id"
# Articles naming a coalition from which its events are found by walking every event
# newest first (fewer: through the type index).
COALITION_WALK = 1000


def _types_to_quads(counts: dict[str, int]) -> str | None:
    """The commonest PLOVER class among event types counted."""
    quads: Counter[str] = Counter()
    for event_type, n in counts.items():
        quads[QUAD_CLASS.get(event_type, "")] += n
    quads.pop("", None)
    return quads.most_common(1)[0][0] if quads else None


def reports(conn: sqlite3.Connection, event_id: str) -> list[Report]:
    """Every article that reported the event (all events of its merged event)."""
    found = conn.execute(
        """SELECT e.id, e.doc_id, d.title, d.outlet, d.source_name, d.date, d.url,
                  v.sentence, v.trigger
           FROM events e JOIN documents d ON d.id = e.doc_id
           JOIN evidence v ON v.event_id = e.id
           WHERE e.merged_id = (SELECT merged_id FROM events WHERE id = ?) OR e.id = ?
           GROUP BY e.id ORDER BY d.date, d.position""",
        (event_id, event_id),
    ).fetchall()
    return [
        Report(eid, doc_id, title, outlet or source_name, day, url, sentence, trigger)
        for eid, doc_id, title, outlet, source_name, day, url, sentence, trigger in found
    ]


def mention_spans(conn: sqlite3.Connection, doc_id: str) -> list[MentionSpan]:
    """The annotator's coded actor mentions of a document, in text order."""
    found = conn.execute(
        'SELECT start, "end", code, kind FROM mentions WHERE doc_id = ? AND code IS NOT NULL '
        "ORDER BY position",
        (doc_id,),
    )
    return [MentionSpan(s, e, code, kind) for s, e, code, kind in found]


def actor_name(conn: sqlite3.Connection, code: str) -> str | None:
    """A readable name for an actor code (the commonest resolved name), when there is one."""
    found = conn.execute(
        """SELECT name FROM event_actors WHERE code = ? AND name IS NOT NULL
           GROUP BY name ORDER BY count(*) DESC LIMIT 1""",
        (code,),
    ).fetchone()
    return str(found[0]) if found else None


def known_codes(conn: sqlite3.Connection, candidates: list[str]) -> set[str]:
    """Which of ``candidates`` are actor codes of some event."""
    # One index probe per candidate: "DISTINCT code ... IN (...)" reads every actor row of
    # each code, hundreds of thousands for a busy one.
    sql = "SELECT 1 FROM event_actors WHERE code = ? LIMIT 1"
    return {c for c in dict.fromkeys(candidates) if conn.execute(sql, (c,)).fetchone()}


def places(conn: sqlite3.Connection, filters: EventFilter, merged: bool) -> list[dict[str, Any]]:
    """Events grouped by place (name, country, mean coordinates), with counts by type,
    busiest first."""
    where, params = where_clause(filters, merged=merged)
    where = f"{where} AND e.place_name IS NOT NULL" if where else " WHERE e.place_name IS NOT NULL"
    found = conn.execute(
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
    conn: sqlite3.Connection,
    name: str,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
    limit: int = 2000,
) -> list[tuple[str, bool]]:
    """(event id, named) for the coalition's events of ``types``, merged, newest first.

    An event counts when the coalition is one of its actors, when its evidence sentence
    names the coalition (``named`` is True for both), or when it comes from an article that
    names the coalition (``named`` False: a member acting in a report about the coalition).
    ``since`` / ``until`` are ISO days, inclusive.
    """
    marks = ",".join("?" * len(types))
    phrase = '"' + name.replace('"', '""') + '"'
    like = "%" + _like(name) + "%"
    params: list[Any] = [phrase, name, name, name, name, like, name, name, *types]
    extra = ""
    if since:
        extra += " AND e.date >= ?"
        params.append(since)
    if until:
        extra += " AND substr(e.date, 1, 10) <= ?"
        params.append(until)
    # Named in many articles (a third of them, in the load benchmark): walking the events
    # newest first meets ``limit`` of them soon ("+" keeps the type index out: through it,
    # every event of five types would be read and sorted). Named in few, the type index
    # reads less than a walk that finds none.
    probe = "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)"
    many = int(conn.execute(probe, (phrase, COALITION_WALK)).fetchone()[0]) >= COALITION_WALK
    found = conn.execute(
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
              AND {"+" if many else ""}e.type IN ({marks}) {extra}
            ORDER BY e.date DESC, e.id LIMIT {int(limit)}""",
        params,
    )
    return [(r[0], bool(r[1])) for r in found]


def _like(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def document_rows(conn: sqlite3.Connection, ids: list[str] | None) -> Iterator[sqlite3.Row]:
    """Document rows with their text (paragraphs joined by a blank line): all of them in
    order of arrival (``ids`` None), or those in ``ids``, 500 at a time."""
    sql = (
        "SELECT d.*, (SELECT group_concat(text, char(10) || char(10)) FROM "
        "(SELECT text FROM paragraphs p WHERE p.doc_id = d.id ORDER BY position)) AS text "
        "FROM documents d"
    )
    if ids is None:
        yield from conn.execute(sql + " ORDER BY d.position")
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        yield from conn.execute(f"{sql} WHERE d.id IN ({marks}) ORDER BY d.position", chunk)


def document_row(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """The ``documents`` row of one document, as a dict, or None."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return dict(row) if row else None
