"""The data each page shows, built from the store's query functions.

Views call these with an open read-only ``Store``; each returns JSON-ready dicts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dateline.models import QUAD_CLASS, Event
from dateline.store import pages
from dateline.store.types import EventFilter
from dateline.web import periods, rows
from dateline.web.coalitions import Coalition
from dateline.web.highlight import Span
from dateline.web.params import Filters

if TYPE_CHECKING:
    from dateline.store import Store

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
COALITION_TYPES = ("AID", "SUPPORT", "AGREE", "COOPERATE", "MOBILIZE")
LATEST = 10
BUSIEST = 12
ACTOR_EVENTS = 20
GRAPH_NEIGHBOURS = 24
PARTNERS = 30  # counterparts listed on an actor's page; the dyads page lists all
COUNT_CAP = 10_000
# Words are counted by reading their matches one by one (the full-text index has no counts):
# a list filtered by words stops counting sooner and says "1000+".
TEXT_COUNT_CAP = 1_000
MEMBER_EVENTS = 3  # events per member and context on the coalition page
MEMBER_CONTEXTS = 3  # contexts per member with events shown (the others: a count)
COALITIONS_FILE = "coalitions.toml"
# Date precisions by the shape of a stored date (the GLOB patterns of the store's SQL).
FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH = re.compile(r"\d{4}-\d{2}")
YEAR = re.compile(r"\d{4}")
# Filters a timeline's bars keep when they link to the events of their period.
LINK_KEYS = ("actor", "source", "target", "type", "status", "context", "place", "text")


def store_filter(filters: Filters, **changes: Any) -> EventFilter:
    """The store's filter object from the page's filters."""
    values: dict[str, Any] = {
        "actor": filters.actor,
        "source": filters.source,
        "target": filters.target,
        "type": filters.type,
        "status": filters.status,
        "context": filters.context,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
        "place": filters.place,
        "text": filters.text,
        "undated": filters.undated,
    }
    values.update(changes)
    return EventFilter(**values)


def _events(store: Store, f: EventFilter, limit: int, offset: int, merged: bool) -> list[Event]:
    return list(store.events(f, limit=limit, offset=offset, merged=merged))


def event_page(
    store: Store,
    filters: Filters,
    limit: int,
    offset: int,
    sort: str = "-date",
    many: bool = False,
) -> tuple[list[dict[str, Any]], bool]:
    """One page of events (rows) in the order ``sort`` (newest first by default), and
    whether more pages follow. ``many``: the filters match more than ``COUNT_CAP`` events
    (a sorted page then walks the sort's index rather than sort every match)."""
    f = store_filter(filters)
    # Many matches and no actor or words (which the store walks by their own keys): walking
    # the date index and checking each row fills a page soon. SQLite would otherwise read
    # every match of several types through the type index and sort them (seconds at 1M).
    walk = many and not (f.actor or f.source or f.target or f.text or f.undated)
    if sort == "-date" and not walk:  # the store's own order, with its fast paths
        events = _events(store, f, limit + 1, offset, not filters.raw)
    else:
        ids = pages.sorted_event_ids(store.conn, f, sort, limit + 1, offset, not filters.raw,
                                     many=many)  # fmt: skip
        events = list[Event](store.events_by_id(ids))
    return [rows.event_row(e) for e in events[:limit]], len(events) > limit


def event_count(store: Store, filters: Filters) -> tuple[int, bool]:
    """How many events match the filters (merged unless ``raw``), and whether that is exact:
    counting stops after ``COUNT_CAP`` (a page says "10000+" rather than count a million),
    after ``TEXT_COUNT_CAP`` when words filter the list."""
    f = store_filter(filters)
    cap = TEXT_COUNT_CAP if f.text else COUNT_CAP
    n = int(store.count_events(f, merged=not filters.raw, cap=cap + 1))
    return min(n, cap), n <= cap


def timeline(
    store: Store, by: str, f: EventFilter | None = None, *, classes: bool = True
) -> dict[str, Any]:
    """Counts by period on a true time axis (every period from the first to the last, empty
    ones too) by PLOVER class (or by type): ``{"by", "periods", "ranges", "counts",
    "precisions", "charted", "not_charted"}``.

    ``ranges`` gives each period's first and last day (what a click on its bar filters);
    ``precisions`` how many events are dated to a day, a month, a year or not at all, and
    ``not_charted`` how many of them the chart cannot place at this ``by`` (a month-dated
    event has no week). Too many periods for a chart move ``by`` to a coarser unit.
    """
    f = f or EventFilter()
    # A date range alone is read from the writer's per-date counts; any other filter from
    # one pass over its events, grouped by date.
    days = (
        pages.dated_counts(store.conn, f.since, f.until)
        if f == EventFilter(since=f.since, until=f.until)
        else pages.filtered_dated_counts(store.conn, f, merged=True)
    )
    precisions = _precisions(days)
    while True:
        counts: dict[str, dict[str, int]] = {}
        found: set[str] = set()
        for period, group, n in _periods(days, by, classes):
            if period and group:
                counts.setdefault(group, {})
                counts[group][period] = counts[group].get(period, 0) + n
                found.add(period)
        axis = periods.axis(by, sorted(found))
        if len(axis) <= periods.MAX_BARS or by == "month":
            break
        by = periods.COARSER[by]
    if classes:
        counts = {q: counts.get(q, {}) for q in QUADS}
    charted = sum(sum(c.values()) for c in counts.values())
    return {
        "by": by,
        "group": "class" if classes else "type",
        "periods": axis,
        "ranges": [periods.bounds(by, p) for p in axis],
        "counts": counts,
        "precisions": precisions,
        "charted": charted,
        "not_charted": sum(precisions.values()) - charted,
        "class_of": {g: QUAD_CLASS.get(g) for g in counts} if not classes else {},
        "link": {k: v for k, v in f.active().items() if k in LINK_KEYS},
    }


def _precisions(days: list[tuple[str, str, str, int]]) -> dict[str, int]:
    """Events by date precision from per-date counts (a date's length is its precision)."""
    by_day: Counter[str] = Counter()
    for day, _, _, n in days:  # a date has a row per type: tell its precision once
        by_day[day] += n
    out = {"day": 0, "month": 0, "year": 0, "undated": 0}
    for day, n in by_day.items():
        out[_precision(day)] += n
    return out


def _precision(day: str) -> str:
    """ "day", "month", "year" or "undated", as ``pages.PRECISION_SQL`` tells them apart."""
    if FULL_DAY.match(day):
        return "day"
    if MONTH.fullmatch(day):
        return "month"
    return "year" if YEAR.fullmatch(day) else "undated"


def _periods(
    days: list[tuple[str, str, str, int]], by: str, classes: bool
) -> list[tuple[str, str, int]]:
    """(period, class or type, count) from per-date counts, as ``Store.timeline`` gives them:
    day-dated events in their day, week (its Monday) or month; month-dated ones by month."""
    # A date has a row per type (a busy actor: ~16,000 rows over ~1,000 dates): its period
    # is worked out once.
    period_of: dict[str, str | None] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for day, type_, quad, n in days:
        if day not in period_of:
            period_of[day] = _period(day, by)
        period = period_of[day]
        if period is not None:
            counts[(period, quad if classes else type_)] += n
    return [(p, g, n) for (p, g), n in sorted(counts.items())]


def _period(day: str, by: str) -> str | None:
    """The period of a stored date at ``by`` (None: it has none, as a month has no week)."""
    if FULL_DAY.match(day) and by != "month":
        try:
            when = date.fromisoformat(day[:10])
        except ValueError:  # an impossible day has no period, as in SQLite's date()
            return None
        return (when - timedelta(days=when.weekday())).isoformat() if by == "week" else day[:10]
    if by == "month" and MONTH.match(day):
        return day[:7]
    return None


def overview(
    store: Store, by: str, today: date, span: EventFilter | None = None, classes: bool = True
) -> dict[str, Any]:
    """Counts, the timeline by class, the latest events, the busiest actors, events by type.

    "Latest" means the newest events with a full date up to ``today`` (events dated in the
    future, planned or expected, and events dated only by year would sort first otherwise).
    """
    s = store.summary()
    counts: dict[str, Any] = dict(s.counts)
    counts["first_date"] = (s.first_date or "")[:10] or None
    counts["last_date"] = (s.last_date or "")[:10] or None
    latest = _events(store, EventFilter(until=today.isoformat()), LATEST, 0, True)
    return {
        "counts": counts,
        "timeline": timeline(store, by, span, classes=classes),
        "latest": [rows.event_row(e) for e in latest],
        "actors": _busiest(store, s.actors[:BUSIEST]),
        "types": [{"type": t, "events": n} for t, n in s.types.items()],
        "statuses": s.statuses,
        "classes": s.classes,
    }


def _busiest(store: Store, actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The busiest actors, each counted as its page and its events list count it: a country
    code ("UKR") takes in all its actors ("UKR GOV"), so it is recounted (from the counts
    the writer keeps per key), then the rows are ranked by that count."""
    out = [
        {**a, "events": store.count_events(EventFilter(actor=a["code"]), merged=True)}
        for a in actors
    ]
    return sorted(out, key=lambda a: (-a["events"], a["code"]))


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event page's data, or None when no event has that id."""
    event = store.get_event(event_id)
    if event is None:
        return None
    reports = [r.to_dict() for r in store.reports(event.id)]
    for report in reports:
        report["outlet"] = outlet_name(store.document_row(report["doc_id"]))
        if report["event_id"] == event.id:
            report["sentence_pieces"] = rows.evidence_pieces(event)
    return rows.event_detail(event, reports)


def outlet_name(doc: dict[str, Any] | None) -> str | None:
    """Who published a document, as a reader names it: its outlet, else its URL's host,
    else its dateline's agency; never the file it was read from (None then)."""
    if not doc:
        return None
    if doc.get("outlet"):
        return str(doc["outlet"])
    host = urlsplit(doc.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    return str(doc["dateline_agency"]) if doc.get("dateline_agency") else None


def document_detail(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The document page's data, or None when no document has that id (or unique prefix)."""
    doc = store.get_document(doc_id)
    if doc is None:
        return None
    events = list(store.document_events(doc.id))
    spans = [Span(m.start, m.end, "actor", m.code or m.kind) for m in store.mention_spans(doc.id)]
    return rows.document_view(doc, events, spans)


def actor_detail(store: Store, code: str, by: str) -> dict[str, Any] | None:
    """An actor's page: counts, timeline, latest events, counterparts and their network.

    ``code`` matches an actor code or a country code in the source or target role (the
    store's ``actor`` filter). None when no event has that actor.
    """
    f = EventFilter(actor=code)
    latest = _events(store, f, ACTOR_EVENTS, 0, True)
    if not latest:
        return None
    dyads = store.dyads(f, merged=True)
    partners: dict[str, dict[str, Any]] = {}
    for d in dyads:
        # Each row counts one direction, so that each figure equals the list it links to.
        for one, other, way in ((d.source, d.target, "out"), (d.target, d.source, "in")):
            if _is(one, code) and not _is(other, code):
                p = partners.setdefault(
                    other, {"code": other, "events": 0, "out": 0, "in": 0, "types": Counter()}
                )
                p["events"] += d.count
                p[way] += d.count
                p["types"].update(d.types)
    coded = store.known_codes(list(partners))
    ranked = sorted(
        (p for p in partners.values() if p["code"] in coded),
        key=lambda p: (-p["events"], p["code"]),
    )
    for p in ranked:
        p["types"] = dict(p["types"].most_common())
    for p in ranked[:PARTNERS]:
        # Each figure is the length of the list it links to: a bare country code ("RUS")
        # as a filter takes in all its actors, and one event with two sources counts once.
        p["out"] = store.count_events(EventFilter(source=code, target=p["code"]), merged=True)
        p["in"] = store.count_events(EventFilter(source=p["code"], target=code), merged=True)
    return {
        "actor": {
            "code": code,
            "name": store.actor_name(code),
            "events": store.count_events(f, merged=True),
            "as_source": store.count_events(EventFilter(source=code), merged=True),
            "as_target": store.count_events(EventFilter(target=code), merged=True),
        },
        "timeline": timeline(store, by, f),
        "events": [rows.event_row(e) for e in latest],
        "partners": ranked[:PARTNERS],
        "partners_total": len(ranked),
        "graph": _graph(code, ranked[:GRAPH_NEIGHBOURS], dyads),
    }


def _is(actor_code: str, code: str) -> bool:
    """Whether an actor code is ``code`` or belongs to the country ``code`` ("UKR GOV", "UKR")."""
    return actor_code == code or actor_code.split(" ")[0] == code


def _graph(code: str, partners: list[dict[str, Any]], dyads: list[Any]) -> dict[str, Any]:
    """Nodes (the actor and its counterparts) and directed edges weighted by event count."""
    keep = {p["code"] for p in partners}
    counts: Counter[str] = Counter()
    edges = []
    for d in dyads:
        # Codes of the focus actor ("UKR GOV" on the page of "UKR") fold into its node.
        source = code if _is(d.source, code) else d.source
        target = code if _is(d.target, code) else d.target
        if source == target or not ({source, target} <= keep | {code}):
            continue
        counts[source] += d.count
        counts[target] += d.count
        top = max(d.types.items(), key=lambda kv: kv[1])[0] if d.types else ""
        edges.append(
            {
                "source": source,
                "target": target,
                "count": d.count,
                "types": d.types,
                "quad_class": QUAD_CLASS.get(top),
            }
        )
    nodes = [
        {"id": c, "label": c, "count": counts[c], "focus": c == code} for c in sorted(keep | {code})
    ]
    return {"nodes": nodes, "edges": edges}


def places(store: Store, filters: Filters) -> dict[str, Any]:
    """Events grouped by place: those with coordinates (drawn on the map) and those without
    (listed), with counts that add up to the events the same filters list."""
    f = store_filter(filters)
    merged = not filters.raw
    grouped = store.places(f, merged=merged)
    drawn = [p for p in grouped if p["lat"] is not None and p["lon"] is not None]
    undrawn = [p for p in grouped if p["lat"] is None or p["lon"] is None]
    located = sum(p["count"] for p in drawn)
    no_coordinates = sum(p["count"] for p in undrawn)
    total = store.count_events(f, merged=merged)
    return {
        "places": drawn + undrawn,
        "total": total,
        "located": located,
        "drawn": len(drawn),
        "no_coordinates": no_coordinates,
        "undrawn": len(undrawn),
        "unplaced": max(0, total - located - no_coordinates),
        "query": filters.query(),
    }


def coalition(
    store: Store,
    name: str,
    since: date | None,
    until: date | None,
    listed: Coalition | None = None,
) -> dict[str, Any]:
    """A coalition's members and what each pledged or did, by context.

    Members are countries (every actor of France, "FRA" or "FRA GOV", is one member) or
    organisations; the coalition itself is never its own member. ``listed`` (from
    ``coalitions.toml``) gives the members a public statement names, each with its source;
    the others are inferred: the source actor of an AID, SUPPORT, AGREE, COOPERATE or
    MOBILIZE event the reports tie to the coalition (``Store.coalition_event_ids``), and
    ``named`` when a sentence names the coalition too. Each member shows at most
    ``MEMBER_EVENTS`` events in each of its ``MEMBER_CONTEXTS`` busiest contexts, with
    the number left out.
    """
    own = {name.lower(), *(listed.names() if listed else set())}
    found = store.coalition_event_ids(
        name,
        COALITION_TYPES,
        since.isoformat() if since else None,
        until.isoformat() if until else None,
    )
    named = dict(found)
    events = store.events_by_id([event_id for event_id, _ in found])
    sources = {m.code: m for m in listed.members} if listed else {}
    members: dict[str, dict[str, Any]] = {}

    def member(key: str) -> dict[str, Any]:
        return members.setdefault(
            key,
            {"code": key, "codes": set(), "named": False, "types": Counter(),
             "by_context": defaultdict(list)},
        )  # fmt: skip

    for listed_code in sources:
        member(listed_code)
    for event in events:
        for actor in event.source:
            if not actor.code:  # "they", "the leaders": no member to file it under
                continue
            if actor.code.lower() in own or (actor.org or "").lower() in own:
                continue  # the coalition acting as itself is not one of its members
            m = member(actor.country or actor.code)
            m["codes"].add(actor.code)
            m["named"] = m["named"] or named.get(event.id, False)
            m["types"][event.type] += 1
            m["by_context"][event.context or ""].append(event)
    out: list[dict[str, Any]] = []
    for key, m in members.items():
        listing = sources.get(key)
        out.append(
            {
                "code": key,
                "codes": sorted(m["codes"]),
                "listed": listing.to_dict() if listing else None,
                "named": m["named"],
                "types": dict(m["types"]),
                "total": sum(m["types"].values()),
                "contexts": [
                    {
                        "context": c or None,
                        "events": [rows.event_row(e) for e in evs[:shown]],
                        "more": len(evs) - len(evs[:shown]),
                    }
                    for i, (c, evs) in enumerate(
                        sorted(m["by_context"].items(), key=lambda kv: (-len(kv[1]), kv[0]))
                    )
                    # The busiest contexts show a few events; the rest only their count.
                    for shown in [MEMBER_EVENTS if i < MEMBER_CONTEXTS else 0]
                ],
            }
        )
    out.sort(key=lambda m: (m["listed"] is None, not m["named"], -m["total"], m["code"]))
    return {
        "types": list(COALITION_TYPES),
        "members": out,
        "about": (listed.about + " " if listed and listed.about else "")
        + f"Who did what ({', '.join(COALITION_TYPES)} events): members listed in "
        f"{COALITIONS_FILE} with the statement that names each, then actors named with the "
        "coalition in a sentence, then actors in other sentences of reports about it. "
        "A country is one member, whichever of its actors acted.",
    }
