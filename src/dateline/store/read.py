"""Rebuilding ``Document`` and ``Event`` objects from their rows."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from dateline.models import Actor, DateDecision, Dateline, Document, EventPlace, Evidence
from dateline.store.types import StoredEvent


def load_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """The stored document ``doc_id`` (exact id), or None."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    paragraphs = [
        r[0]
        for r in conn.execute(
            "SELECT text FROM paragraphs WHERE doc_id = ? ORDER BY position", (doc_id,)
        )
    ]
    decisions = [
        DateDecision(
            field=r["field"],
            value=r["value"],
            precision=r["precision"],
            rule=r["rule"],
            reason=r["reason"],
        )
        for r in conn.execute(
            "SELECT * FROM date_decisions WHERE doc_id = ? ORDER BY position", (doc_id,)
        )
    ]
    dateline = None
    if row["dateline_text"] is not None:
        dateline = Dateline(
            text=row["dateline_text"],
            place=row["dateline_place"],
            date=row["dateline_date"],
            precision=row["dateline_precision"] or "unknown",
            agency=row["dateline_agency"],
        )
    return Document(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        title=row["title"],
        paragraphs=paragraphs,
        byline=json.loads(row["byline"]),
        dateline=dateline,
        published=row["published"],
        date=row["date"],
        date_precision=row["date_precision"],
        language=row["language"],
        url=row["url"],
        outlet=row["outlet"],
        record=row["record"],
        date_decisions=decisions,
    )


def _actor(row: sqlite3.Row) -> Actor:
    return Actor(
        text=row["text"],
        code=row["code"],
        sector=row["sector"],
        name=row["name"],
        country=row["country"],
        org=row["org"],
        start=row["start"],
        end=row["end"],
        rule=row["rule"],
    )


def load_events(conn: sqlite3.Connection, ids: list[str]) -> list[StoredEvent]:
    """The events ``ids`` (in that order, missing ones left out) with merge counts."""
    if not ids:
        return []
    found: dict[str, StoredEvent] = {}
    actors: dict[str, dict[str, list[Actor]]] = defaultdict(lambda: defaultdict(list))
    # SQLite limits host parameters; 500 at a time stays far below it.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f'SELECT event_id, role, text, code, sector, name, country, org, start, "end", rule '
            f"FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, role, position",
            chunk,
        ):
            actors[r["event_id"]][r["role"]].append(_actor(r))
        for r in conn.execute(
            f'SELECT e.*, v.sentence, v.start AS s_start, v."end" AS s_end, v.trigger, '
            f"v.trigger_start, v.trigger_end, v.rule, v.rules, "
            f"m.num_events, m.num_articles, m.num_sources "
            f"FROM events e JOIN evidence v ON v.event_id = e.id "
            f"LEFT JOIN merged_events m ON m.id = e.merged_id WHERE e.id IN ({marks})",
            chunk,
        ):
            roles = actors.get(r["id"], {})
            place = None
            if r["place_name"] is not None:
                place = EventPlace(
                    name=r["place_name"],
                    country=r["place_country"],
                    lat=r["lat"],
                    lon=r["lon"],
                    geonameid=r["geonameid"],
                    rule=r["place_rule"] or "",
                )
            attributed = roles.get("attributed") or []
            found[r["id"]] = StoredEvent(
                id=r["id"],
                type=r["type"],
                mode=r["mode"],
                context=r["context"],
                status=r["status"],
                source=list(roles.get("source", [])),
                target=list(roles.get("target", [])),
                evidence=Evidence(
                    sentence=r["sentence"],
                    start=r["s_start"],
                    end=r["s_end"],
                    trigger=r["trigger"],
                    rule=r["rule"],
                    trigger_start=r["trigger_start"],
                    trigger_end=r["trigger_end"],
                    rules=json.loads(r["rules"]),
                    doc_id=r["doc_id"],
                ),
                place=place,
                date=r["date"],
                date_precision=r["date_precision"],
                attributed_to=attributed[0] if attributed else None,
                cameo=r["cameo"],
                doc_id=r["doc_id"],
                quad_class=r["quad_class"],
                merged_id=r["merged_id"],
                num_events=r["num_events"] or 1,
                num_articles=r["num_articles"] or 1,
                num_sources=r["num_sources"] or 1,
            )
    return [found[i] for i in ids if i in found]
