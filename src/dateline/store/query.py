"""Read-only queries: filtered events, timeline, dyads, summary and full-text search.

Every function takes an open ``sqlite3.Connection`` (rows as ``sqlite3.Row``) and builds
parameterised SQL only: user text never becomes SQL, and FTS5 queries are quoted word by word.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from dateline.models import QUAD_CLASS
from dateline.store import fulltext
from dateline.store.fulltext import SEQ_MASK
from dateline.store.types import (
    Dyad,
    EventFilter,
    SearchHit,
    Summary,
    TimelinePoint,
    split_values,
)

_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+")
FULL_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"


def fts_query(text: str) -> str | None:
    """An FTS5 query in which every word (or ``"quoted phrase"``) of ``text`` must appear.

    Each term is quoted, so FTS5 syntax in user text (``NEAR``, ``*``, ``:``) is taken as
    words. None when ``text`` has no words.
    """
    terms = []
    for phrase, word in _TERM.findall(text):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " AND ".join(terms) if terms else None


def _in(column: str, values: list[str], where: list[str], params: list[Any]) -> None:
    if values:
        where.append(f"{column} IN ({','.join('?' * len(values))})")
        params.extend(values)


ROLE_PREFIX = {None: "*", "source": "s", "target": "t"}
DRIVER_COUNT = 20_000


def _actor_groups(f: EventFilter) -> list[list[str]]:
    """The ``event_keys`` keys the filter's actor fields ask for, one list per field: an
    event matches a field when it has any of its keys (``actor="FRA,DEU"``)."""
    groups = []
    for role, value in ((None, f.actor), ("source", f.source), ("target", f.target)):
        codes = list(dict.fromkeys(split_values(value)))
        if codes:
            groups.append([f"{ROLE_PREFIX[role]}:{code}" for code in codes])
    return groups


def _actor_keys(f: EventFilter) -> list[str]:
    """The keys of the actor fields that name one code each: those a query can walk."""
    return [group[0] for group in _actor_groups(f) if len(group) == 1]


def _without_walked(f: EventFilter) -> EventFilter:
    """``f`` without its one-code actor fields (a plan walks or joins those itself); fields
    with several codes stay, as conditions of the WHERE clause."""

    def kept(value: str | None) -> str | None:
        return None if len(split_values(value)) == 1 else value

    return replace(f, actor=kept(f.actor), source=kept(f.source), target=kept(f.target))


def _place(value: str, where: list[str], params: list[Any]) -> None:
    # Three capitals is an ISO country code ("UKR"); anything else a place name. Several,
    # comma-separated, match any of them.
    conditions = []
    for part in dict.fromkeys(split_values(value)):
        if len(part) == 3 and part.isalpha() and part.isupper():
            conditions.append("e.place_country = ?")
        else:
            conditions.append("e.place_name = ? COLLATE NOCASE")
        params.append(part)
    if conditions:
        where.append("(" + " OR ".join(conditions) + ")")


def date_bounds(column: str, f: EventFilter) -> tuple[list[str], list[Any]]:
    """Conditions on an ISO date ``column`` for the filter's ``since``, ``until`` and
    ``undated``, and their parameters.

    A date carries its precision in its length: ``2027`` (a year), ``2025-09`` (a month),
    ``2025-09-14`` (a day). An event matches when its range overlaps [since, until]:

    - it starts on or before ``until``: ``date <= until + "~"`` ("2025-09" and "2025" sort
      before "2025-09-30~", "2025-10" after; "~" sorts after any time part);
    - it ends on or after ``since``: either ``date >= since``, or the date is a prefix of
      ``since`` (the year or the month that contains it). Both start at ``since[:4]``, the
      lower bound an index walk uses.

    ISO dates sort by the start of their range ("2027" just before "2027-01-01"), so
    "newest first" needs no other key. ``undated`` keeps events without a date (NULL, or
    '' in ``event_keys``) or with no year ("--05-09").
    """
    where: list[str] = []
    params: list[Any] = []
    if f.undated:
        # Not coalesce(date, '') < '0': an index of the dates answers this in two lookups.
        where.append(f"({column} IS NULL OR {column} < '0')")
    if f.since:
        since = f.since[:10]
        where.append(f"{column} >= ? AND ({column} >= ? OR {column} IN (?, ?))")
        params += [since[:4], since, since[:4], since[:7]]
    if f.until:
        where.append(f"{column} <= ?")
        params.append(f.until + "~")
    return where, params


def where_clause(
    f: EventFilter, *, merged: bool, skip_key: str | None = None
) -> tuple[str, list[Any]]:
    """SQL ``WHERE`` (over ``events e``) and its parameters for the filter ``f``.

    Self-contained (subqueries only), so callers may put it after ``FROM events e`` with any
    joins of their own. ``skip_key`` leaves out an actor key the caller already joins on.
    Words are gathered from the full-text index once (a page of them is read in date order
    by ``fulltext.newest_first`` instead, when it can).
    """
    where: list[str] = []
    params: list[Any] = []
    _in("e.type", f.types(), where, params)
    _in("e.status", f.statuses(), where, params)
    _in("e.context", f.contexts(), where, params)
    _in("e.quad_class", f.quad_classes(), where, params)
    dates, date_params = date_bounds("e.date", f)
    where += dates
    params += date_params
    if f.place:
        _place(f.place.strip(), where, params)
    if f.doc_id:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    for group in _actor_groups(f):
        if group == [skip_key]:
            continue
        marks = ",".join("?" * len(group))
        where.append(f"EXISTS (SELECT 1 FROM event_keys x WHERE x.key IN ({marks}) AND x.date = "
                     "coalesce(e.date, '') AND x.event_id = e.id)")  # fmt: skip
        params.extend(group)
    if f.text:
        query = fts_query(f.text)
        if query is None:
            where.append("0")
        else:
            # The low bits of a sentence's rowid are its event's seq (see fulltext).
            matching = f"SELECT rowid & {SEQ_MASK} FROM events_fts WHERE events_fts MATCH ?"
            if merged:  # a merged event matches when any of its reports does
                where.append(
                    f"e.merged_id IN (SELECT merged_id FROM events WHERE seq IN ({matching}))"
                )
            else:
                # "+" keeps SQLite from probing the whole list once per row of an index
                # walk: the matches are gathered once and looked up.
                where.append(f"+e.seq IN ({matching})")
            params.append(query)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _driver(conn: sqlite3.Connection, f: EventFilter) -> str | None:
    """The actor key with the fewest events (counted up to ``DRIVER_COUNT``), to walk first."""
    keys = _actor_keys(f)
    if len(keys) < 2:
        return keys[0] if keys else None
    sql = "SELECT count(*) FROM (SELECT 1 FROM event_keys WHERE key = ? LIMIT ?)"
    counts = {k: int(conn.execute(sql, (k, DRIVER_COUNT)).fetchone()[0]) for k in keys}
    return min(keys, key=lambda k: counts[k])


def _plan(f: EventFilter, merged: bool, driver: str | None = None) -> tuple[str, list[Any], str]:
    """FROM + WHERE, parameters and ORDER BY of a page query, newest first.

    With an actor filter the query walks that actor's ``event_keys`` newest first (CROSS
    JOIN fixes the join order in SQLite), so a page costs about its own length even for an
    actor with a hundred thousand events; otherwise it walks an index of ``events`` ending
    in (date, id).
    """
    keys = _actor_keys(f)
    join = " CROSS JOIN merged_events m ON m.event_id = e.id" if merged else ""
    if not keys:
        where, params = where_clause(f, merged=merged)
        sql = f"FROM events e{' JOIN merged_events m ON m.event_id = e.id' if merged else ''}"
        if f.undated:
            # Few events are undated: find them by the date index, then sort them ("+":
            # walking the whole index in date order to find none would read every event).
            return sql + where, params, "ORDER BY +e.date DESC, +e.id DESC"
        return sql + where, params, "ORDER BY e.date DESC, e.id DESC"
    driver = driver if driver in keys else keys[0]
    others = [k for k in keys if k != driver]
    where, params = where_clause(_without_walked(f), merged=merged)
    bounds = ["k.key = ?"]
    first: list[Any] = [driver]
    # Other actors are checked on the walked key row itself, before the event is read.
    for key in others:
        bounds.append(
            "EXISTS (SELECT 1 FROM event_keys x WHERE x.key = ? AND x.date = k.date "
            "AND x.event_id = k.event_id)"
        )
        first.append(key)
    # The walked key row carries the event's date: bound the walk by it.
    dates, date_params = date_bounds("k.date", f)
    bounds += dates
    first += date_params
    sql = f"FROM event_keys k CROSS JOIN events e ON e.id = k.event_id{join}"
    where = " WHERE " + " AND ".join(bounds) + (" AND " + where[len(" WHERE ") :] if where else "")
    return sql + where, first + params, "ORDER BY k.date DESC, k.event_id DESC"


def event_ids(
    conn: sqlite3.Connection, f: EventFilter, limit: int, offset: int, merged: bool
) -> list[str]:
    """Ids of one page of matching events, newest first (events without a date last)."""
    words = fts_query(f.text) if f.text else None
    if words is not None and limit >= 0:
        page = fulltext.newest_first(conn, f, words, limit, max(offset, 0), merged, where_clause)
        if page is not None:
            return page
    body, params, order = _plan(f, merged, _driver(conn, f))
    sql = f"SELECT e.id {body} {order} LIMIT ? OFFSET ?"
    return [r[0] for r in conn.execute(sql, [*params, limit, offset])]


def count_events(
    conn: sqlite3.Connection, f: EventFilter, merged: bool, cap: int | None = None
) -> int:
    """How many events match; with ``cap``, counting stops there (``min(count, cap)``).

    Merged events of one actor (in any role, as source or as target) are counted by the
    writer: that count is read, not recounted."""
    keys = _actor_keys(f)
    kept = _kept_count(keys) if merged and _without_walked(f) == EventFilter() else None
    if kept is not None:
        row = conn.execute("SELECT n FROM aggregates WHERE kind = ? AND key = ?", kept).fetchone()
        n = int(row[0]) if row else 0
        return n if cap is None else min(n, cap)
    counted = _count_from_days(conn, f) if merged else None
    if counted is not None:
        return counted if cap is None else min(counted, cap)
    if merged and cap is not None and f.text and replace(f, text=None) == EventFilter():
        return _count_words(conn, f.text, cap)
    body, params, _ = _plan(f, merged, driver=_driver(conn, f))
    if cap is None:
        return int(conn.execute(f"SELECT count(*) {body}", params).fetchone()[0])
    sql = f"SELECT count(*) FROM (SELECT 1 {body} LIMIT ?)"
    return int(conn.execute(sql, [*params, cap]).fetchone()[0])


def _count_words(conn: sqlite3.Connection, text: str, cap: int) -> int:
    """How many merged events have a report whose sentence holds every word of ``text``,
    counted up to ``cap``: the newest ``cap`` matches first (the full-text index lists them
    newest first), then twice as many, until ``cap`` merged events are found or the
    matches end. A common word at a million events: a few thousand reads, not every match
    gathered and looked up."""
    query = fts_query(text)
    if query is None:
        return 0
    newest = "SELECT rowid & ? FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    sql = f"SELECT count(DISTINCT merged_id) FROM events WHERE seq IN ({newest})"
    matches = f"SELECT count(*) FROM ({newest})"
    limit = cap + cap // 4  # most reports are of an event of their own
    while True:
        found = int(conn.execute(sql, (SEQ_MASK, query, limit)).fetchone()[0])
        if (
            found >= cap
            or int(conn.execute(matches, (SEQ_MASK, query, limit)).fetchone()[0]) < limit
        ):
            return min(found, cap)
        limit *= 2


def _count_from_days(conn: sqlite3.Connection, f: EventFilter) -> int | None:
    """The merged events matching ``f``, summed from the per-date counts the writer keeps
    (``day``; ``kday`` for one actor in any role), when ``f`` asks for nothing but types,
    dates and that one actor: a few thousand rows, where the events themselves can be a
    hundred thousand (an actor since a date, of one type). None otherwise.

    The date conditions are ``date_bounds`` itself, on the date of each kept row ('' for
    none, which no date filter keeps)."""
    if replace(f, actor=None, type=None, since=None, until=None, undated=False) != EventFilter():
        return None
    kind, prefix = "day", ""
    if f.actor:
        groups = _actor_groups(f)
        if len(groups[0]) != 1:
            return None  # "FRA,DEU": an event with both would count twice
        kind, prefix = "kday", groups[0][0] + "\t"
    start = len(prefix) + 1
    inner = ["kind = ?", "key >= ?", "key < ?", "n > 0"]
    params: list[Any] = [start, start, kind, prefix + (f.since[:4] if f.since else ""),
                         prefix + "\uffff"]  # fmt: skip
    if f.until:
        inner.append("key <= ?")
        params.append(prefix + f.until + "~")
    if f.undated:  # no date ('') or no year ("--05-09") sort before any year
        inner.append("key < ?")
        params.append(prefix + "0")
    types = f.types()
    if types:
        # A kept key is PREFIX DATE<TAB>TYPE<TAB>QUAD_CLASS; no code or date holds a tab.
        inner.append("(" + " OR ".join("instr(key, ?) > 0" for _ in types) + ")")
        params += [f"\t{t}\t" for t in types]
    dates, date_params = date_bounds("d", f)
    if f.since or f.until:
        dates.append("d <> ''")
    sql = (
        "SELECT coalesce(sum(n), 0) FROM (SELECT n, substr(key, ?, instr(substr(key, ?), "
        f"char(9)) - 1) AS d FROM aggregates WHERE {' AND '.join(inner)})"
        + (" WHERE " + " AND ".join(dates) if dates else "")
    )
    return int(conn.execute(sql, [*params, *date_params]).fetchone()[0])


def _kept_count(keys: list[str]) -> tuple[str, str] | None:
    """The ``aggregates`` row (kind, key) that counts the merged events of these actor
    keys and nothing else, when the writer keeps one: one key (``key``), or one source and
    one target (``pair``, ``schema.MIGRATION_6``)."""
    if len(keys) == 1:
        return "key", keys[0]
    if len(keys) == 2 and keys[0].startswith("s:") and keys[1].startswith("t:"):
        return "pair", f"{keys[0]}\x1f{keys[1]}"
    return None


def kept_days(
    conn: sqlite3.Connection, f: EventFilter, merged: bool
) -> list[tuple[str, int]] | None:
    """The merged events matching ``f`` per date, type and class, as rows of
    ("DATE<TAB>TYPE<TAB>QUAD_CLASS", n), from the counts the writer keeps, when it keeps
    them for ``f``: no filter (``day``, ``schema.MIGRATION_3``) or one actor (``kday``,
    ``schema.MIGRATION_6``). None otherwise (the caller counts the rows)."""
    if not merged:
        return None
    if f == EventFilter():
        found = conn.execute("SELECT key, n FROM aggregates WHERE kind = 'day' AND n > 0")
        return [(str(k), int(n)) for k, n in found]
    actors = split_values(f.actor)
    if len(actors) == 1 and f == EventFilter(actor=f.actor):
        prefix = f"*:{actors[0]}\t"
        found = conn.execute(
            "SELECT substr(key, ?), n FROM aggregates "
            "WHERE kind = 'kday' AND key >= ? AND key < ? AND n > 0",
            (len(prefix) + 1, prefix, prefix + "\uffff"),
        )
        return [(str(k), int(n)) for k, n in found]
    return None


PERIODS = {
    "day": "substr(e.date, 1, 10)",
    # the Monday that starts the event's ISO week
    "week": "date(substr(e.date, 1, 10), '-6 days', 'weekday 1')",
    "month": "substr(e.date, 1, 7)",
}


def timeline(
    conn: sqlite3.Connection, f: EventFilter, by: str, classes: bool, merged: bool
) -> list[TimelinePoint]:
    """Event counts per period (day, week or month), by type or by PLOVER class."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    rows = kept_days(conn, f, merged)
    if rows is not None:
        return _timeline_from_aggregates(rows, by, classes)
    body, params, _ = _plan(f, merged, driver=_driver(conn, f))
    need = (
        f"e.date GLOB '{FULL_DATE}'"
        if by != "month"
        else "e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
    )
    body += f" AND {need}" if " WHERE " in body else f" WHERE {need}"
    group = "e.quad_class" if classes else "e.type"
    sql = (
        f"SELECT {PERIODS[by]} AS period, {group} AS grp, count(*) {body} "
        f"GROUP BY period, grp ORDER BY period, grp"
    )
    return [TimelinePoint(r[0], r[1] or "", int(r[2])) for r in conn.execute(sql, params)]


_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _timeline_from_aggregates(
    rows: list[tuple[str, int]], by: str, classes: bool
) -> list[TimelinePoint]:
    """Merged events per period from per-date counts the writer keeps, ``rows`` of
    ("DATE<TAB>TYPE<TAB>QUAD_CLASS", n) (the same periods as the SQL of ``timeline``: a
    week is its Monday)."""
    # A day's period is worked out once, not once per type of that day.
    by_day: Counter[tuple[str, str]] = Counter()
    for key, n in rows:
        day, type_, quad = key.split("\t")
        by_day[(day, quad if classes else type_)] += n
    period_of: dict[str, str | None] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for (day, group), n in by_day.items():
        if day not in period_of:
            period_of[day] = _period(day, by)
        period = period_of[day]
        if period is not None:
            counts[(period, group)] += n
    return [TimelinePoint(p, g, n) for (p, g), n in sorted(counts.items())]


def _period(day: str, by: str) -> str | None:
    """The period (``by``: day, week, month) of a stored date, as the SQL of ``timeline``
    names it; None when it has none (a month has no week, an impossible day no period)."""
    if by == "month":
        return day[:7] if _MONTH.match(day) else None
    if not _DAY.match(day):
        return None
    try:
        when = dt.date.fromisoformat(day[:10])
    except ValueError:  # as SQLite's date(), an impossible day has no period
        return None
    return (when - dt.timedelta(days=when.weekday())).isoformat() if by == "week" else day[:10]


def dyads(conn: sqlite3.Connection, f: EventFilter, merged: bool, limit: int | None) -> list[Dyad]:
    """Source → target pairs with their event counts by type, commonest first.

    Most events carry only coded actors: their pairs come from the ``source_codes`` /
    ``target_codes`` of the event row, grouped before they are split, so no actor row is
    read. Events with an uncoded actor (``~words`` in those columns) are paired from
    ``event_actors``, where the actor's own words name it.
    """
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    if merged and f.actor and "," not in f.actor and f == EventFilter(actor=f.actor):
        # One actor, merged: the pairs the writer counted for it (``schema.MIGRATION_3``).
        prefix = f"*:{f.actor.strip()}\x1f"
        found = conn.execute(
            "SELECT key, n FROM aggregates WHERE kind = 'kdyad' AND key >= ? AND key < ? AND n > 0",
            (prefix, prefix + "\uffff"),
        )
        for key, n in found:
            _, src, tgt, type_ = str(key).split("\x1f")
            pairs[(src, tgt)][type_] += int(n)
        return _ranked(pairs, limit)
    if merged and f == EventFilter():
        # Every pair, merged: the pairs each actor's counts hold, read under the source's own
        # key ("*:UKR GOV" for UKR GOV → RUS GOV), so that each is read once. A source
        # without a code (its words) has no key: those pairs are counted from the rows.
        found = conn.execute(
            "SELECT key, n FROM aggregates WHERE kind = 'kdyad' AND n > 0 AND "
            "substr(key, 3, instr(key, char(31)) - 2) = "
            "substr(key, instr(key, char(31)) + 1, instr(key, char(31)) - 2)"
        )
        for key, n in found:
            _, src, tgt, type_ = str(key).split("\x1f")
            pairs[(src, tgt)][type_] += int(n)
        # Sources without a code, found by the index on event_actors(code, name).
        uncoded = (
            "SELECT s.text, coalesce(t.code, t.text), e.type, count(DISTINCT e.id) "
            "FROM event_actors s CROSS JOIN merged_events m ON m.event_id = s.event_id "
            "CROSS JOIN events e ON e.id = s.event_id "
            "CROSS JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' "
            "WHERE s.code IS NULL AND s.role = 'source' GROUP BY 1, 2, 3"
        )
        for src, tgt, type_, n in conn.execute(uncoded):
            pairs[(src, tgt)][type_] += int(n)
        return _ranked(pairs, limit)
    body, params, _ = _plan(f, merged, driver=_driver(conn, f))
    glue = " AND " if " WHERE " in body else " WHERE "
    coded = (
        "SELECT e.source_codes, e.target_codes, e.type, count(*) "
        f"FROM (SELECT e.source_codes, e.target_codes, e.type {body}{glue}"
        "e.source_codes <> '' AND e.target_codes <> '' AND instr(e.source_codes, '~') = 0 "
        "AND instr(e.target_codes, '~') = 0) e GROUP BY 1, 2, 3"
    )
    for sources, targets, type_, n in conn.execute(coded, params):
        for src in sources.split(";"):
            for tgt in targets.split(";"):
                pairs[(src, tgt)][type_] += int(n)
    # The pairs of each other event, from the primary key of event_actors.
    words = (
        "SELECT coalesce(s.code, s.text) AS src, coalesce(t.code, t.text) AS tgt, e.type, "
        f"count(DISTINCT e.id) FROM (SELECT e.id, e.type {body}{glue}"
        "(instr(e.source_codes, '~') > 0 OR instr(e.target_codes, '~') > 0)) e "
        "CROSS JOIN event_actors s ON s.event_id = e.id AND s.role = 'source' "
        "CROSS JOIN event_actors t ON t.event_id = e.id AND t.role = 'target' "
        "GROUP BY src, tgt, e.type"
    )
    for src, tgt, type_, n in conn.execute(words, params):
        pairs[(src, tgt)][type_] += int(n)
    return _ranked(pairs, limit)


def _ranked(pairs: dict[tuple[str, str], Counter[str]], limit: int | None) -> list[Dyad]:
    """Dyads from pair counts by type, commonest first (then by source and target)."""
    found = [
        Dyad(src, tgt, sum(types.values()), dict(types.most_common()))
        for (src, tgt), types in pairs.items()
    ]
    found.sort(key=lambda d: (-d.count, d.source, d.target))
    return found[:limit] if limit else found


def summary(conn: sqlite3.Connection, top_actors: int = 20) -> Summary:
    """Counts over the whole database, read from the ``aggregates`` the writer keeps (a few
    hundred rows however many events: see ``schema.MIGRATION_3``). ``summary_by_scan``
    computes the same from the rows."""

    def kind(name: str) -> dict[str, int]:
        found = conn.execute(
            "SELECT key, n FROM aggregates WHERE kind = ? AND n > 0 ORDER BY n DESC, key", (name,)
        )
        return {str(k): int(n) for k, n in found}

    totals = kind("total")
    counts = {
        name: totals.get(name, 0)
        for name in ("documents", "events", "merged_events", "stories", "duplicates",
                     "exact_copies")
    }  # fmt: skip
    counts["sources"] = int(
        conn.execute("SELECT count(*) FROM aggregates WHERE kind = 'source' AND n > 0").fetchone()[
            0
        ]
    )
    counts["failures"] = int(conn.execute("SELECT count(*) FROM ingest_failures").fetchone()[0])
    types = kind("type")
    classes: Counter[str] = Counter()
    for type_, n in types.items():
        classes[QUAD_CLASS.get(type_, "other")] += n
    actors = [
        {"code": code, "name": name or None, "events": int(n)}
        for code, name, n in conn.execute(
            "SELECT key, label, n FROM aggregates WHERE kind = 'actor' AND n > 0 "
            "ORDER BY n DESC, key LIMIT ?",
            (top_actors,),
        )
    ]
    first, last = _date_span(conn)
    return Summary(
        counts=counts,
        types=types,
        statuses=kind("status"),
        classes=dict(classes.most_common()),
        actors=actors,
        formats=dict(sorted(kind("format").items())),
        failures={
            str(k): int(n)
            for k, n in conn.execute(
                "SELECT reason, count(*) FROM ingest_failures GROUP BY reason ORDER BY reason"
            )
        },
        first_date=first,
        last_date=last,
    )


def _date_span(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last full date of an event, each read from one end of the date index."""
    sql = "SELECT date FROM events WHERE date >= '0' AND date GLOB '{}' ORDER BY date {} LIMIT 1"
    first = conn.execute(sql.format(FULL_DATE, "ASC")).fetchone()
    last = conn.execute(sql.format(FULL_DATE, "DESC")).fetchone()
    return (first[0] if first else None), (last[0] if last else None)


def summary_by_scan(conn: sqlite3.Connection, top_actors: int = 20) -> Summary:
    """``summary`` computed from the rows themselves (what the aggregates must equal)."""

    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    def grouped(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in conn.execute(sql)}

    counts = {
        "documents": one("SELECT count(*) FROM documents"),
        "events": one("SELECT count(*) FROM events"),
        "merged_events": one("SELECT count(*) FROM merged_events"),
        "stories": one("SELECT count(*) FROM stories"),
        "duplicates": one(
            "SELECT count(*) FROM documents d JOIN stories s ON s.id = d.story_id "
            "WHERE s.first_doc_id <> d.id"
        ),
        "exact_copies": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        "sources": one("SELECT count(DISTINCT source_name) FROM documents"),
        "failures": one("SELECT count(*) FROM ingest_failures"),
    }
    base = "FROM events e JOIN merged_events m ON m.event_id = e.id"
    types = grouped(
        f"SELECT e.type, count(*) {base} GROUP BY e.type ORDER BY count(*) DESC, e.type"
    )
    statuses = grouped(
        f"SELECT e.status, count(*) {base} GROUP BY e.status ORDER BY count(*) DESC, e.status"
    )
    classes: Counter[str] = Counter()
    for type_, n in types.items():
        classes[QUAD_CLASS.get(type_, "other")] += n
    actors = [
        {"code": code, "name": name, "events": int(n)}
        for code, name, n in conn.execute(
            # Each merged event once, through its first report (which carries the same
            # actor codes as every report of it).
            "SELECT a.code, max(a.name), count(DISTINCT a.event_id) AS n FROM merged_events m "
            "CROSS JOIN event_actors a ON a.event_id = m.event_id WHERE a.code IS NOT NULL "
            "AND a.role IN ('source', 'target') GROUP BY a.code ORDER BY n DESC, a.code LIMIT ?",
            (top_actors,),
        )
    ]
    first, last = conn.execute(
        f"SELECT min(date), max(date) FROM events WHERE date GLOB '{FULL_DATE}'"
    ).fetchone()
    return Summary(
        counts={k: int(v) for k, v in counts.items()},
        types=types,
        statuses=statuses,
        classes=dict(classes.most_common()),
        actors=actors,
        formats=grouped("SELECT format, count(*) FROM documents GROUP BY format ORDER BY format"),
        failures=grouped(
            "SELECT reason, count(*) FROM ingest_failures GROUP BY reason ORDER BY reason"
        ),
        first_date=first,
        last_date=last,
    )


def search(
    conn: sqlite3.Connection, text: str, limit: int, pool: int | None = None
) -> list[SearchHit]:
    """Documents whose title or body hold every word of ``text``, best bm25 first (then in
    the order they were stored).

    ``pool``: rank only the ``pool`` matching documents stored last (``search_pooled`` tells
    whether there were more). A common word is in most of a million articles, and bm25
    reads each match (a tenth of a second per hundred thousand); the web page ranks the
    latest few thousand instead. Snippets are cut for the ``limit`` best only.
    """
    query = fts_query(text)
    if query is None:
        return []
    if pool is None:
        ranked = (
            "SELECT rowid, bm25(documents_fts) AS score FROM documents_fts "
            "WHERE documents_fts MATCH ? ORDER BY score, rowid LIMIT ?"
        )
        params: list[Any] = [query, limit]
    else:
        ranked = (
            "SELECT rowid, score FROM (SELECT rowid, bm25(documents_fts) AS score "
            "FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?) "
            "ORDER BY score, rowid LIMIT ?"
        )
        params = [query, pool, limit]
    scores = {int(r[0]): float(r[1]) for r in conn.execute(ranked, params)}
    if not scores:
        return []
    marks = ",".join("?" * len(scores))
    sql = (
        "SELECT f.rowid, f.doc_id, d.title, d.source, d.date, d.position, "
        "snippet(documents_fts, 2, '[', ']', ' … ', 12) "
        "FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
        f"WHERE documents_fts MATCH ? AND f.rowid IN ({marks})"
    )
    found = sorted(
        conn.execute(sql, [query, *scores]), key=lambda r: (scores[int(r[0])], r[5], r[0])
    )
    return [SearchHit(r[1], r[2], r[3], r[4], r[6], scores[int(r[0])]) for r in found]


def search_pooled(conn: sqlite3.Connection, text: str, pool: int) -> bool:
    """Whether more than ``pool`` documents hold every word of ``text`` (``search`` with
    that ``pool`` then ranked only the latest of them)."""
    query = fts_query(text)
    if query is None:
        return False
    found = conn.execute(
        "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC "
        "LIMIT 1 OFFSET ?",
        (query, pool),
    ).fetchone()
    return found is not None
