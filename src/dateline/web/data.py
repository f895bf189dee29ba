"""The data each page shows, built from the store's query functions.

Views call these with an open read-only ``Store``; each returns JSON-ready dicts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from dateline.models import QUAD_CLASS, Event
from dateline.store.types import EventFilter
from dateline.web import rows
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
COUNT_CAP = 10_000


def _store_filter(filters: Filters, **changes: Any) -> EventFilter:
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
    store: Store, filters: Filters, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """One page of events (rows), newest first, and whether more pages follow."""
    events = _events(store, _store_filter(filters), limit + 1, offset, not filters.raw)
    return [rows.event_row(e) for e in events[:limit]], len(events) > limit


def event_count(store: Store, filters: Filters) -> tuple[int, bool]:
    """How many events match the filters (merged unless ``raw``), and whether that is exact:
    counting stops after ``COUNT_CAP`` (a page says "10000+" rather than count a million)."""
    n = int(store.count_events(_store_filter(filters), merged=not filters.raw, cap=COUNT_CAP + 1))
    return min(n, COUNT_CAP), n <= COUNT_CAP


def timeline(store: Store, by: str, f: EventFilter | None = None) -> dict[str, Any]:
    """Counts by period and class: ``{"by", "periods": [...], "counts": {class: {p: n}}}``."""
    counts: dict[str, dict[str, int]] = {q: {} for q in QUADS}
    periods: set[str] = set()
    points = store.timeline(f or EventFilter(), by, classes=True, merged=True)
    for period, quad, n in points:
        if quad in counts and period:
            counts[quad][period] = counts[quad].get(period, 0) + n
            periods.add(period)
    return {"by": by, "periods": sorted(periods), "counts": counts}


def overview(store: Store, by: str, today: date) -> dict[str, Any]:
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
        "timeline": timeline(store, by),
        "latest": [rows.event_row(e) for e in latest],
        "actors": s.actors[:BUSIEST],
        "types": [{"type": t, "events": n} for t, n in s.types.items()],
        "statuses": s.statuses,
        "classes": s.classes,
    }


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event page's data, or None when no event has that id."""
    event = store.get_event(event_id)
    if event is None:
        return None
    reports = [r.to_dict() for r in store.reports(event.id)]
    for report in reports:
        if report["event_id"] == event.id:
            report["sentence_pieces"] = rows.evidence_pieces(event)
    return rows.event_detail(event, reports)


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
        for one, other in ((d.source, d.target), (d.target, d.source)):
            if _is(one, code) and not _is(other, code):
                p = partners.setdefault(other, {"code": other, "events": 0, "types": Counter()})
                p["events"] += d.count
                p["types"].update(d.types)
    coded = store.known_codes(list(partners))
    ranked = sorted(
        (p for p in partners.values() if p["code"] in coded),
        key=lambda p: (-p["events"], p["code"]),
    )
    for p in ranked:
        p["types"] = dict(p["types"].most_common())
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
        "partners": ranked,
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
    """Events grouped by place with coordinates and their commonest class."""
    f = _store_filter(filters)
    merged = not filters.raw
    grouped = store.places(f, merged=merged)
    located = sum(p["count"] for p in grouped if p["lat"] is not None)
    total = store.count_events(f, merged=merged)
    return {"places": grouped, "located": located, "unplaced": max(0, total - located)}


def coalition(store: Store, name: str, since: date | None, until: date | None) -> dict[str, Any]:
    """Members of a coalition and what each pledged or did, by context.

    A member is the source actor of an AID, SUPPORT, AGREE, COOPERATE or MOBILIZE event
    that the reports tie to the coalition (see ``Store.coalition_event_ids``); ``named``
    marks members seen in a sentence that names the coalition (or the coalition itself).
    """
    found = store.coalition_event_ids(
        name,
        COALITION_TYPES,
        since.isoformat() if since else None,
        until.isoformat() if until else None,
    )
    named = dict(found)
    events = store.events_by_id([event_id for event_id, _ in found])
    members: dict[str, dict[str, Any]] = {}
    for event in events:
        for actor in event.source:
            if not actor.code:  # "they", "the leaders": no member to file it under
                continue
            key = actor.code
            m = members.setdefault(
                key,
                {
                    "code": key,
                    "name": actor.name,
                    "listed": False,
                    "types": Counter(),
                    "by_context": defaultdict(list),
                },
            )
            m["listed"] = m["listed"] or named.get(event.id, False)
            m["types"][event.type] += 1
            m["by_context"][event.context or ""].append(rows.event_row(event))
    ordered = sorted(
        members.values(),
        key=lambda m: (not m["listed"], -sum(m["types"].values()), m["code"]),
    )
    return {
        "types": list(COALITION_TYPES),
        "members": [
            {
                "code": m["code"],
                "name": m["name"],
                "listed": m["listed"],
                "types": dict(m["types"]),
                "total": sum(m["types"].values()),
                "contexts": [
                    {"context": c or None, "events": evs}
                    for c, evs in sorted(m["by_context"].items())
                ],
            }
            for m in ordered
        ],
        "about": (
            f"Who did what ({', '.join(COALITION_TYPES)} events): actors in a sentence that "
            f"names the {name} (or the coalition itself) first, then actors in other sentences "
            "of reports about it."
        ),
    }
