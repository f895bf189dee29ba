"""The ``actor_kb`` table: office-holders learned from articles or set by a person.

The store knows nothing of the actor stage: it writes any object with the ``KBRecord``
fields (``dateline.actors.kb.KBEntry`` has them) and reads rows back as ``KBRecord``.
Every function runs inside the caller's transaction; nothing commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Protocol

from dateline.store.types import KBRecord


class OfficeHolder(Protocol):
    """What the store reads from a knowledge-base entry it is asked to save."""

    name: str
    code: str
    country: str | None
    org: str | None
    sector: str | None
    office: str | None
    since: str | None
    until: str | None
    source: str
    provenance: str
    doc_id: str | None
    sentence: int | None
    evidence: str | None
    removed: bool


UPSERT = (
    "INSERT INTO actor_kb (name, code, country, org, sector, office, since, until,"
    " source, provenance, doc_id, sentence, evidence, removed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (name, code, office, source) DO UPDATE SET"
    " until = excluded.until, removed = excluded.removed,"
    " country = excluded.country, org = excluded.org, sector = excluded.sector"
)
COLUMNS = (
    "name, code, country, org, sector, office, since, until, source, provenance, doc_id,"
    " sentence, evidence, removed"
)


def save(conn: sqlite3.Connection, entries: Iterable[OfficeHolder]) -> int:
    """Upsert learned and user entries (data-file entries are never stored); return how
    many were written. Idempotent: saving the same entries twice changes nothing."""
    rows = [
        (
            e.name, e.code, e.country, e.org, e.sector, e.office or "", e.since, e.until,
            e.source, e.provenance, e.doc_id, e.sentence, e.evidence, int(e.removed),
        )
        for e in entries
        if e.source != "data"
    ]  # fmt: skip
    conn.executemany(UPSERT, rows)
    return len(rows)


def remove(conn: sqlite3.Connection, name: str) -> None:
    """Hide every stored entry of ``name`` and record the removal as a user entry (so the
    data-file entries of that name are hidden too when the knowledge base loads)."""
    conn.execute("UPDATE actor_kb SET removed = 1 WHERE name = ?", (name,))
    conn.execute(UPSERT, (name, "-", None, None, None, "", None, None, "user", "user",
                          None, None, None, 1))  # fmt: skip


def load(conn: sqlite3.Connection) -> list[KBRecord]:
    """Learned and user rows in the order they were first written (removed ones included:
    a removal hides the earlier entries of its name)."""
    rows = conn.execute(
        f"SELECT {COLUMNS} FROM actor_kb WHERE source IN ('learned', 'user') ORDER BY id"
    ).fetchall()
    return [
        KBRecord(
            name=r[0], code=r[1], country=r[2], org=r[3], sector=r[4], office=r[5],
            since=r[6], until=r[7], source=r[8], provenance=r[9] or "", doc_id=r[10],
            sentence=r[11], evidence=r[12], removed=bool(r[13]),
        )
        for r in rows
    ]  # fmt: skip
