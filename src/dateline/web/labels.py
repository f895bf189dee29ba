"""Who an actor code names on a date: the office-holders the knowledge base knows for it.

Every page labels a code the same way, through ``People.label(code, day)``: the first
office-holder of the code valid on that day, in the order of ``office_holders.toml`` (a
country's head of state before its head of government before its ministers), then people
learned from articles or set by a user. The knowledge base is the actor stage's own
(``dateline.actors.kb``, with its date-aware ``KBEntry.holds_on``), loaded once per database
state by ``people(request)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from fastapi import FastAPI, Request


@dataclass(frozen=True)
class Holder:
    """One person holding one office of an actor code over a date range."""

    name: str
    office: str | None
    since: str | None
    until: str | None

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the office is held on ``day`` (None: today's holders, no end date)."""
        if day is None:
            return self.until is None
        if self.since and day < dt.date.fromisoformat(self.since):
            return False
        return not (self.until and day >= dt.date.fromisoformat(self.until))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "office": self.office, "since": self.since, "until": self.until}


@dataclass
class People:
    """Office-holders by actor code, in knowledge-base order."""

    by_code: dict[str, list[Holder]] = field(default_factory=dict)

    def on(self, code: str, day: dt.date | None) -> list[Holder]:
        """The holders of ``code`` on ``day`` (None: those with no end date)."""
        return [h for h in self.by_code.get(code, []) if h.holds_on(day)]

    def label(self, code: str | None, day: dt.date | str | None) -> str | None:
        """ "Volodymyr Zelensky (President)": the first holder of ``code`` on ``day``, or None."""
        if not code:
            return None
        found = self.on(code, _day(day))
        if not found:
            return None
        first = found[0]
        return f"{first.name} ({first.office})" if first.office else first.name


def _day(value: dt.date | str | None) -> dt.date | None:
    """A day from an ISO date of any precision (a year or a month: its first day)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if len(text) >= 10:
            return dt.date.fromisoformat(text[:10])
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        if len(text) == 4:
            return dt.date.fromisoformat(text + "-01-01")
    except ValueError:
        return None
    return None


def load(options: Any) -> People:
    """The office-holders of the data files and of the database's knowledge base."""
    from dateline.actors.data import load_actor_data
    from dateline.actors.kb import KnowledgeBase

    kb = KnowledgeBase.load(load_actor_data(getattr(options, "data_dir", None)), options)
    out = People()
    for entry in kb.entries:
        if entry.removed:
            continue
        out.by_code.setdefault(entry.code, []).append(
            Holder(entry.name, entry.office, entry.since, entry.until)
        )
    return out


def people(request: Request | FastAPI) -> People:
    """The app's ``People``, rebuilt after a write (which may teach new office-holders)."""
    from dateline.web.app import cached

    app = request if isinstance(request, FastAPI) else request.app
    return cast(People, cached(app, ("people",), lambda: load(app.state.options)))
