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
from dataclasses import replace
from typing import Any

from dateline.models import QUAD_CLASS
from dateline.store.query import where_clause
from dateline.store.types import EventFilter, MentionSpan, Report, split_values

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
    """Events grouped by place (name, country, coordinates), with counts by type, busiest
    first.

    The counts of everything, of some types and of one actor (merged) are read from those
    the writer keeps (``schema.MIGRATION_9``), the others from the rows. A place's country
    and coordinates are those of its latest event that has coordinates (else of its latest
    event): one index probe per place, the same whichever events are counted.
    """
    counted = _kept_places(conn, filters) if merged else None
    if counted is None:
        where, params = where_clause(filters, merged=merged)
        where = (
            f"{where} AND e.place_name IS NOT NULL" if where else " WHERE e.place_name IS NOT NULL"
        )
        counted = [
            (str(name), str(event_type), int(n))
            for name, event_type, n in conn.execute(
                f"""SELECT e.place_name, e.type, count(*)
                    FROM events e {MERGED_JOIN if merged else ""}{where}
                    GROUP BY e.place_name, e.type""",
                params,
            )
        ]
    grouped: dict[str, dict[str, Any]] = {}
    for name, event_type, n in counted:
        p = grouped.setdefault(name, {"name": name, "count": 0, "types": {}})
        p["count"] += n
        p["types"][event_type] = n
    out = sorted(grouped.values(), key=lambda p: (-p["count"], p["name"]))
    for p in out:
        country, lat, lon = _place_at(conn, p["name"])
        p.update(country=country, lat=lat, lon=lon, quad_class=_types_to_quads(p["types"]))
    return [{k: p[k] for k in PLACE_FIELDS} for p in out]


PLACE_FIELDS = ("name", "country", "lat", "lon", "count", "types", "quad_class")


def _kept_places(conn: sqlite3.Connection, f: EventFilter) -> list[tuple[str, str, int]] | None:
    """(place, type, merged events) from the counts the writer keeps, when ``f`` asks for
    nothing but types and one actor (any role); None otherwise."""
    if replace(f, actor=None, type=None) != EventFilter():
        return None
    kind, prefix = "place", ""
    if f.actor:
        codes = list(dict.fromkeys(split_values(f.actor)))
        if len(codes) != 1:
            return None  # an event of both actors would count twice
        kind, prefix = "kplace", f"*:{codes[0]}\x1f"
    types = set(f.types())
    found = conn.execute(
        "SELECT substr(key, ?), n FROM aggregates WHERE kind = ? AND key >= ? AND key < ? "
        "AND n > 0",
        (len(prefix) + 1, kind, prefix, prefix + "\uffff"),
    )
    out = []
    for key, n in found:
        name, event_type = str(key).rsplit("\x1f", 1)
        if not types or event_type in types:
            out.append((name, event_type, int(n)))
    return out


def _place_at(conn: sqlite3.Connection, name: str) -> tuple[str | None, float | None, float | None]:
    """(country, lat, lon) of the latest event at the place ``name`` that has coordinates,
    else of its latest event (read newest first from the place index)."""
    sql = (
        "SELECT place_country, lat, lon FROM events WHERE place_name = ? COLLATE NOCASE "
        "AND place_name = ? {} ORDER BY place_name COLLATE NOCASE DESC, date DESC, id DESC "
        "LIMIT 1"
    )
    row = conn.execute(sql.format(""), (name, name)).fetchone()
    if row is not None and (row[1] is None or row[2] is None):
        row = (
            conn.execute(
                sql.format("AND lat IS NOT NULL AND lon IS NOT NULL"), (name, name)
            ).fetchone()
            or row
        )
    if row is None:
        return None, None, None
    lat = round(row[1], 4) if row[1] is not None else None
    lon = round(row[2], 4) if row[2] is not None else None
    return row[0], lat, lon


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
