"""Writing coded documents: rows for a document, its events, its story and merged events.

Everything here runs inside the caller's transaction (``Store.add``); nothing commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dateline.models import (
    PARAGRAPH_SEP,
    QUAD_CLASS,
    Actor,
    CodedDocument,
    Document,
    Event,
    content_id,
)
from dateline.store import fulltext, kb, stories
from dateline.store.types import AddResult


def write_batch(conn: sqlite3.Connection, batch: Iterable[CodedDocument]) -> AddResult:
    """Write every new document of ``batch`` with its events, mentions and the office-holders
    it taught; skip those already stored. Returns the counts. Raises ``sqlite3.Error``.
    """
    result = AddResult()
    position = conn.execute("SELECT coalesce(max(position), 0) FROM documents").fetchone()[0]
    state = _EventState(conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0])
    counts = state.counts
    touched_stories: set[str] = set()
    for coded in batch:
        document = coded.document
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone():
            result.skipped += 1
            continue
        position += 1
        story_id, duplicate = _write_document(conn, document, position, counts)
        touched_stories.add(story_id)
        result.documents += 1
        result.duplicates += int(duplicate)
        result.doc_ids.append(document.id)
        stored = _write_events(conn, document, coded.events, story_id, state)
        result.events += stored
        counts.add("total", "documents")
        counts.add("total", "duplicates", int(duplicate))
        counts.add("total", "events", stored)
        counts.add("source", stories.source_name(document))
        counts.add("format", document.format)
        conn.execute("UPDATE documents SET num_events = ? WHERE id = ?", (stored, document.id))
        if coded.annotated is not None:
            _write_mentions(conn, document.id, coded.annotated.mentions)
            if coded.annotated.learned:
                result.learned += kb.save(conn, coded.annotated.learned)
    _refresh_stories(conn, touched_stories)
    _refresh_merged(conn, state.refresh)
    counts.write(conn)
    return result


class Aggregates:
    """The changes a batch makes to the ``aggregates`` table (see ``schema.MIGRATION_3``),
    written once at the end of the batch, in its transaction."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.labels: dict[tuple[str, str], str] = {}

    def add(self, kind: str, key: str, n: int = 1, label: str | None = None) -> None:
        """Add ``n`` to the count of (``kind``, ``key``); keep the largest ``label`` seen
        (as ``max(name)`` would)."""
        self.counts[(kind, key)] += n
        if label and label > self.labels.get((kind, key), ""):
            self.labels[(kind, key)] = label

    def add_all(self, keys: list[tuple[str, str]]) -> None:
        """Add one to the count of each (``kind``, ``key``) (one C loop, not one call each:
        a merged event touches about twenty counts)."""
        self.counts.update(keys)

    def write(self, conn: sqlite3.Connection) -> None:
        rows = [
            (kind, key, n, self.labels.get((kind, key), ""))
            for (kind, key), n in sorted(self.counts.items())
            if n
        ]
        conn.executemany(
            "INSERT INTO aggregates (kind, key, n, label) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n, "
            "label = max(coalesce(label, ''), excluded.label)",
            rows,
        )


# -- documents and stories ----------------------------------------------------------------
def _find_story(
    conn: sqlite3.Connection, body_hash: str, sig: bytes
) -> tuple[str | None, str | None, float | None]:
    """(story id, exact copy's doc id, similarity) of the closest stored article, if any."""
    row = conn.execute(
        "SELECT id, story_id FROM documents WHERE body_hash = ? ORDER BY position LIMIT 1",
        (body_hash,),
    ).fetchone()
    if row:
        return row[1], row[0], 1.0
    keys = stories.band_keys(sig)
    marks = ",".join("?" * len(keys))
    candidates = conn.execute(
        f"SELECT m.doc_id, m.signature, d.story_id, d.position FROM document_minhash m "
        f"JOIN documents d ON d.id = m.doc_id "
        f"WHERE m.doc_id IN (SELECT doc_id FROM document_lsh WHERE band_key IN ({marks}))",
        keys,
    ).fetchall()
    best: tuple[float, int, str] | None = None
    for _doc_id, other, story_id, pos in candidates:
        score = stories.similarity(sig, other)
        if score >= stories.THRESHOLD and (best is None or (score, -pos) > (best[0], -best[1])):
            best = (score, pos, story_id)
    if best is None:
        return None, None, None
    return best[2], None, best[0]


def _write_document(
    conn: sqlite3.Connection, doc: Document, position: int, counts: Aggregates
) -> tuple[str, bool]:
    """Insert the document's rows; return (story id, whether it copies a stored article)."""
    text = doc.text
    body_hash = stories.body_hash(doc)
    sig = stories.signature(text)
    story_id, duplicate_of, similarity = _find_story(conn, body_hash, sig)
    joined = story_id is not None
    if story_id is None:
        story_id = content_id(doc.id, prefix="story-")
        conn.execute(
            "INSERT INTO stories (id, title, first_doc_id) VALUES (?, ?, ?)",
            (story_id, doc.title, doc.id),
        )
        counts.add("total", "stories")
    counts.add("total", "exact_copies", int(duplicate_of is not None))
    dl = doc.dateline
    conn.execute(
        "INSERT INTO documents (id, source, record, format, title, url, outlet, source_name, "
        "published, date, date_precision, language, byline, dateline_text, dateline_place, "
        "dateline_date, dateline_precision, dateline_agency, num_paragraphs, body_hash, "
        "story_id, duplicate_of, similarity, position) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.id,
            doc.source,
            doc.record,
            doc.format,
            doc.title,
            doc.url,
            doc.outlet,
            stories.source_name(doc),
            doc.published,
            doc.date,
            doc.date_precision,
            doc.language,
            json.dumps(doc.byline, ensure_ascii=False),
            dl.text if dl else None,
            dl.place if dl else None,
            dl.date if dl else None,
            dl.precision if dl else None,
            dl.agency if dl else None,
            len(doc.paragraphs),
            body_hash,
            story_id,
            duplicate_of,
            similarity,
            position,
        ),
    )
    start = 0
    rows = []
    for index, paragraph in enumerate(doc.paragraphs):
        rows.append((doc.id, index, start, start + len(paragraph), paragraph))
        start += len(paragraph) + len(PARAGRAPH_SEP)
    conn.executemany(
        'INSERT INTO paragraphs (doc_id, position, start, "end", text) VALUES (?,?,?,?,?)', rows
    )
    conn.executemany(
        "INSERT INTO date_decisions (doc_id, position, field, value, precision, rule, reason) "
        "VALUES (?,?,?,?,?,?,?)",
        [
            (doc.id, i, d.field, d.value, d.precision, d.rule, d.reason)
            for i, d in enumerate(doc.date_decisions)
        ],
    )
    conn.execute("INSERT INTO document_minhash (doc_id, signature) VALUES (?, ?)", (doc.id, sig))
    conn.executemany(
        "INSERT OR IGNORE INTO document_lsh (band_key, doc_id) VALUES (?, ?)",
        [(key, doc.id) for key in stories.band_keys(sig)],
    )
    conn.execute(
        "INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)",
        (doc.id, doc.title or "", text),
    )
    return story_id, joined


def _refresh_stories(conn: sqlite3.Connection, ids: set[str]) -> None:
    conn.executemany(
        "UPDATE stories SET "
        "num_documents = (SELECT count(*) FROM documents WHERE story_id = stories.id), "
        "num_sources = (SELECT count(DISTINCT source_name) FROM documents "
        "               WHERE story_id = stories.id), "
        "first_date = (SELECT min(date) FROM documents "
        "              WHERE story_id = stories.id AND date GLOB '[0-9]*'), "
        "last_date = (SELECT max(date) FROM documents "
        "             WHERE story_id = stories.id AND date GLOB '[0-9]*') "
        "WHERE id = ?",
        [(i,) for i in sorted(ids)],
    )


# -- events -------------------------------------------------------------------------------
@dataclass
class _EventState:
    """What a batch tracks while writing events."""

    seq: int  # the last events.seq used
    refresh: set[str] = field(default_factory=set)  # merged events whose counts must be redone
    counts: Aggregates = field(default_factory=lambda: Aggregates())


def _keys(event: Event) -> list[str]:
    """The ``event_keys`` of an event: every code, country and organisation, by role."""
    keys: set[str] = set()
    for role, actors in (("s", event.source), ("t", event.target)):
        for actor in actors:
            for value in (actor.code, actor.country, actor.org):
                if value:
                    keys.add(f"{role}:{value}")
                    keys.add(f"*:{value}")
    return sorted(keys)


@dataclass
class _Row:
    """What is worked out once per event and used by several tables."""

    event: Event
    source_codes: str
    target_codes: str
    merge_key: str
    keys: list[str]


def _write_events(
    conn: sqlite3.Connection, doc: Document, events: list[Event], story_id: str, state: _EventState
) -> int:
    """Insert a document's events with evidence, actors, keys and full text; return how many.

    An event id the coder gave twice is stored once. A new merged event starts with counts
    of one; a merged event that gains a report is recounted at the end of the batch.
    """
    unique: dict[str, Event] = {}
    for event in events:
        unique.setdefault(event.id, event)
    if not unique:
        return 0
    rows = []
    for event in unique.values():
        src, tgt = stories.codes(event.source), stories.codes(event.target)
        rows.append(
            _Row(event, src, tgt, stories.merge_key(event, story_id, src, tgt), _keys(event))
        )
    merged: dict[str, tuple[str, _Row]] = {}
    merged_of: dict[str, str] = {}
    for row in rows:
        if row.merge_key not in merged_of:
            merged_id = content_id(row.merge_key, prefix="mev-")
            merged_of[row.merge_key] = merged_id
            merged.setdefault(merged_id, (row.merge_key, row))
    ids = list(merged)
    marks = ",".join("?" * len(ids))
    existing = {
        r[0] for r in conn.execute(f"SELECT id FROM merged_events WHERE id IN ({marks})", ids)
    }
    new_rows = []
    for merged_id, (key, row) in merged.items():
        if merged_id in existing:
            state.refresh.add(merged_id)
            continue
        event = row.event
        place = event.place
        new_rows.append((
            merged_id, key, event.id, event.type, event.date, place.name if place else None,
            row.source_codes, row.target_codes,
        ))  # fmt: skip
        _count_merged(state.counts, row)
    # Merged events first: events.merged_id refers to them.
    conn.executemany(
        "INSERT INTO merged_events (id, merge_key, event_id, type, date, place_name, "
        "source_codes, target_codes, num_events, num_articles, num_sources, num_stories) "
        "VALUES (?,?,?,?,?,?,?,?,1,1,1,1)",
        new_rows,
    )
    event_rows, evidence_rows, actor_rows, key_rows, text_rows = [], [], [], [], []
    reports: dict[str, int] = {}
    for index, row in enumerate(rows):
        event = row.event
        state.seq += 1
        merged_id = merged_of[row.merge_key]
        reports[merged_id] = reports.get(merged_id, 0) + 1
        place = event.place
        event_rows.append((
            state.seq, event.id, doc.id, index, event.type,
            event.quad_class or QUAD_CLASS.get(event.type), event.cameo, event.mode,
            event.context, event.status, event.date, event.date_precision,
            place.name if place else None, place.country if place else None,
            place.lat if place else None, place.lon if place else None,
            place.geonameid if place else None, place.rule if place else None,
            row.source_codes, row.target_codes,
            stories.actor_key(event.attributed_to) if event.attributed_to else None, merged_id,
        ))  # fmt: skip
        ev = event.evidence
        evidence_rows.append((
            event.id, doc.id, ev.sentence, ev.start, ev.end, ev.trigger, ev.trigger_start,
            ev.trigger_end, ev.rule, json.dumps(ev.rules, ensure_ascii=False),
        ))  # fmt: skip
        actors: list[tuple[str, int, Actor]] = [
            ("source", i, a) for i, a in enumerate(event.source)
        ]
        actors += [("target", i, a) for i, a in enumerate(event.target)]
        if event.attributed_to is not None:
            actors.append(("attributed", 0, event.attributed_to))
        actor_rows += [
            (event.id, role, i, a.text, a.code, a.country, a.org, a.sector, a.name, a.start,
             a.end, a.rule)
            for role, i, a in actors
        ]  # fmt: skip
        day = event.date or ""
        key_rows += [(k, day, event.id) for k in row.keys]
        text_rows.append((fulltext.rowid(event.date, state.seq), ev.sentence))
    # A merged event reported twice in this document needs recounting too.
    state.refresh.update(m for m, n in reports.items() if n > 1)
    conn.executemany(
        "INSERT INTO events (seq, id, doc_id, position, type, quad_class, cameo, mode, context, "
        "status, date, date_precision, place_name, place_country, lat, lon, geonameid, "
        "place_rule, source_codes, target_codes, attributed_code, merged_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        event_rows,
    )
    conn.executemany(
        'INSERT INTO evidence (event_id, doc_id, sentence, start, "end", trigger, trigger_start, '
        "trigger_end, rule, rules) VALUES (?,?,?,?,?,?,?,?,?,?)",
        evidence_rows,
    )
    conn.executemany(
        "INSERT INTO event_actors (event_id, role, position, text, code, country, org, sector, "
        'name, start, "end", rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
        actor_rows,
    )
    conn.executemany("INSERT INTO event_keys (key, date, event_id) VALUES (?,?,?)", key_rows)
    conn.executemany("INSERT INTO events_fts (rowid, sentence) VALUES (?, ?)", text_rows)
    return len(event_rows)


def _count_merged(counts: Aggregates, row: _Row) -> None:
    """A new merged event, shown as its first report (``row``): what the summary, the
    timelines, the actor pages and the map count of it (the kinds of
    ``schema.MIGRATION_3``, ``MIGRATION_6`` and ``MIGRATION_9``)."""
    event = row.event
    quad = event.quad_class or QUAD_CLASS.get(event.type) or ""
    day = f"{event.date or ''}\t{event.type}\t{quad}"
    names: dict[str, str] = {}
    for actor in (*event.source, *event.target):
        if actor.code:
            names[actor.code] = max(names.get(actor.code, ""), actor.name or "")
    for code, name in names.items():
        counts.add("actor", code, 1, name)
    keys = row.keys
    every = [k for k in keys if k[0] == "*"]
    pairs = {(s.code or s.text, t.code or t.text) for s in event.source for t in event.target}
    sources = [k for k in keys if k[0] == "s"]
    targets = [k for k in keys if k[0] == "t"]
    found = [
        ("total", "merged_events"),
        ("type", event.type),
        ("status", event.status),
        ("day", day),
    ]
    found += [("key", k) for k in keys]
    found += [("kday", f"{k}\t{day}") for k in every]
    found += [("pair", f"{s}\x1f{t}") for s in sources for t in targets]
    found += [
        ("kdyad", f"{k}\x1f{src}\x1f{tgt}\x1f{event.type}") for k in every for src, tgt in pairs
    ]
    if event.place is not None and event.place.name is not None:
        at = f"{event.place.name}\x1f{event.type}"
        found.append(("place", at))
        found += [("kplace", f"{k}\x1f{at}") for k in every]
    counts.add_all(found)


def _refresh_merged(conn: sqlite3.Connection, ids: set[str]) -> None:
    conn.executemany(
        "UPDATE merged_events SET "
        "num_events = (SELECT count(*) FROM events WHERE merged_id = merged_events.id), "
        "num_articles = (SELECT count(DISTINCT doc_id) FROM events "
        "                WHERE merged_id = merged_events.id), "
        "num_sources = (SELECT count(DISTINCT d.source_name) FROM events e "
        "               JOIN documents d ON d.id = e.doc_id WHERE e.merged_id = merged_events.id), "
        "num_stories = (SELECT count(DISTINCT d.story_id) FROM events e "
        "               JOIN documents d ON d.id = e.doc_id WHERE e.merged_id = merged_events.id) "
        "WHERE id = ?",
        [(i,) for i in sorted(ids)],
    )


def _write_mentions(conn: sqlite3.Connection, doc_id: str, mentions: list[Any]) -> None:
    conn.executemany(
        'INSERT OR IGNORE INTO mentions (doc_id, position, sentence, start, "end", text, code, '
        "country, org, sector, name, kind, rule) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                i,
                m.sentence,
                m.start,
                m.end,
                m.text,
                m.code,
                m.country,
                m.org,
                m.sector,
                m.name,
                m.kind,
                m.rule,
            )
            for i, m in enumerate(mentions)
        ],
    )
