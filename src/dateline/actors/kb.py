"""The actor knowledge base: who holds which office, since when, and how we know.

Entries come from ``office_holders.toml`` (source "data"), from articles (source "learned":
"X, Canada's prime minister," teaches that X holds that office) and from people correcting
them (source "user"). Learned and user entries persist in the ``actor_kb`` table of the
database, which the store owns: its ``actor_kb`` table, migration and SQL are in
``dateline.store`` (``Store.add`` saves what an article taught; ``Store.save_kb`` a correction).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dateline.actors.data import ActorData
from dateline.errors import DatelineError
from dateline.store import Store
from dateline.store import kb as stored
from dateline.store.types import KBRecord


def name_key(name: str) -> str:
    """Lookup key of a name: accents stripped, lower case, single spaces, no dots."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(".", "").replace("’", "'").lower().split())


@dataclass
class KBEntry:
    """One person (or organisation) holding one office over a date range."""

    name: str
    code: str  # "CAN GOV", "NATO"
    country: str | None
    org: str | None
    sector: str | None
    office: str | None
    # ISO dates. For a learned entry ``since`` is the date of the article that taught it
    # (the office was held then; it may have begun earlier).
    since: str | None = None
    until: str | None = None
    source: str = "data"  # data | learned | user
    provenance: str = ""  # "office_holders.toml:12" or "doc-…#3"
    doc_id: str | None = None
    sentence: int | None = None
    evidence: str | None = None  # the words that taught it
    removed: bool = False
    aliases: tuple[str, ...] = ()

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the entry is valid on ``day`` (None: any day)."""
        if day is None:
            return True
        if self.since and day < dt.date.fromisoformat(self.since):
            return False
        return not (self.until and day >= dt.date.fromisoformat(self.until))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data of the entry."""
        data = dict(self.__dict__)
        data["aliases"] = list(self.aliases)
        return data


@dataclass
class KnowledgeBase:
    """Office-holders by name. Learning updates it in memory; ``save`` persists."""

    entries: list[KBEntry] = field(default_factory=list)
    _by_key: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _surnames: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def fork(self) -> KnowledgeBase:
        """A copy that can learn without changing this one.

        Each document is annotated with a fork of the run's knowledge base, so what one
        article teaches helps the rest of that article at once and later runs once the
        store has saved it, but never the next article of the same run: a document's
        coding then depends only on the document and the database the run started from,
        whatever the order, the number of workers or the engine (local or Spark).
        """
        twin = KnowledgeBase.__new__(KnowledgeBase)
        twin.entries = list(self.entries)
        twin._by_key = {k: list(v) for k, v in self._by_key.items()}
        twin._surnames = {k: list(v) for k, v in self._surnames.items()}
        return twin

    def __post_init__(self) -> None:
        entries, self.entries = self.entries, []
        for entry in entries:
            self.add(entry)

    # -- building ------------------------------------------------------------------------
    @classmethod
    def load(cls, actor_data: ActorData, options: Any) -> KnowledgeBase:
        """The data-file office-holders, then learned/user rows from ``options.db_path``
        when that file is a dateline database (opened read-only; anything else is left
        alone and only the data-file entries are used)."""
        kb = cls.from_data(actor_data)
        db_path = getattr(options, "db_path", None)
        if db_path is not None and Path(db_path).is_file():
            try:
                with Store.open(db_path, readonly=True) as store:
                    kb.add_records(store.kb_records())
            except DatelineError:
                return kb
        return kb

    @classmethod
    def from_data(cls, actor_data: ActorData) -> KnowledgeBase:
        """A knowledge base of the data-file office-holders only."""
        kb = cls()
        for h in actor_data.holders:
            kb.add(
                KBEntry(
                    name=h.name,
                    code=h.code,
                    country=h.country,
                    org=h.org,
                    sector=h.sector,
                    office=h.office,
                    since=h.since.isoformat() if h.since else None,
                    until=h.until.isoformat() if h.until else None,
                    source="data",
                    provenance=h.provenance,
                    aliases=h.aliases,
                )
            )
        return kb

    def load_rows(self, conn: sqlite3.Connection) -> int:
        """Add the learned and user rows of ``actor_kb``; removed rows hide their name."""
        try:
            records = stored.load(conn)
        except sqlite3.Error:  # no table yet: a database the store has not migrated
            return 0
        return self.add_records(records)

    def add_records(self, records: list[KBRecord]) -> int:
        """Add stored learned and user entries (``Store.kb_records``), oldest first; a
        removal or a user correction hides every earlier entry of its name."""
        for record in records:
            entry = KBEntry(**dataclasses.asdict(record))
            if entry.removed or entry.source == "user":
                # A correction or removal overrides every earlier entry for that name.
                for old in self.lookup_all(entry.name):
                    old.removed = True
            if not entry.removed:
                self.add(entry)
            elif entry.source == "user":
                self.add(entry)  # kept (removed) so the dictionaries stay quiet too
        return len(records)

    def add(self, entry: KBEntry) -> KBEntry:
        """Add an entry (a learned one that repeats a known fact is not added twice)."""
        for old in self.lookup_all(entry.name):
            if (
                old.code == entry.code
                and (old.office or "").lower() == (entry.office or "").lower()
            ):
                return old
        index = len(self.entries)
        self.entries.append(entry)
        for alias in (entry.name, *entry.aliases):
            self._by_key.setdefault(name_key(alias), []).append(index)
            surname = name_key(alias).split()[-1]
            self._surnames.setdefault(surname, []).append(index)
        return entry

    # -- lookups -------------------------------------------------------------------------
    def lookup_all(self, name: str) -> list[KBEntry]:
        """Every entry (not removed) for the full name or alias ``name``."""
        return [
            self.entries[i]
            for i in self._by_key.get(name_key(name), [])
            if not self.entries[i].removed
        ]

    def removed_by_user(self, name: str) -> bool:
        """Whether a user removed ``name`` (``dateline actors remove``): then no data file
        or dictionary codes that name either."""
        return any(
            self.entries[i].removed and self.entries[i].source == "user"
            for i in self._by_key.get(name_key(name), [])
        )

    def lookup(self, name: str, day: dt.date | None = None) -> KBEntry | None:
        """The entry for a full name (or alias) valid on ``day``; a bare surname matches
        only when one person has it. User entries win over learned over data ones. A name
        written with middle initials ("Donald J. Trump") that is not known so is looked up
        without them."""
        found = self.lookup_all(name)
        words = name.split()
        if not found and len(words) >= 3:
            plain = [w for w in words[1:-1] if len(w.rstrip(".")) > 1]
            if len(plain) < len(words) - 2:
                found = self.lookup_all(" ".join([words[0], *plain, words[-1]]))
        if not found and len(name.split()) == 1:
            idx = {i for i in self._surnames.get(name_key(name), []) if not self.entries[i].removed}
            people = {name_key(self.entries[i].name) for i in idx}
            if len(people) == 1:
                found = [self.entries[i] for i in sorted(idx)]
        if not found:
            return None
        rank = {"user": 0, "learned": 1, "data": 2}
        valid = [e for e in found if e.holds_on(day)] or found
        # Latest start first: a person's current office beats an earlier one.
        valid.sort(
            key=lambda e: (
                rank.get(e.source, 3),
                -(dt.date.fromisoformat(e.since).toordinal() if e.since else 0),
            )
        )
        return valid[0]

    def learn(self, entry: KBEntry) -> KBEntry | None:
        """Add a learned entry unless the name already holds that code; returns the new entry."""
        for old in self.lookup_all(entry.name):
            if old.code == entry.code:
                return None
        return self.add(replace(entry, source="learned"))

    # -- persistence ---------------------------------------------------------------------
    @staticmethod
    def save(conn: sqlite3.Connection, entries: list[KBEntry]) -> int:
        """Upsert learned/user entries into ``actor_kb`` inside the caller's transaction
        (no commit). Idempotent: saving the same entries twice changes nothing.
        Returns the number of entries written."""
        return stored.save(conn, entries)
