"""Dates carry their precision end to end (issue 12): a filter matches an event dated to a
month or a year when that range overlaps it, pages sort by the start of the range with the
precision shown, and undated events are reachable."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.models import CodedDocument
from dateline.store import EventFilter, Store
from fixtures.store.factory import PARIS, PARIS_BODY, actor, document, event

# (type, paragraph, trigger, date, precision): one event per date shape.
SHAPES = [
    ("CONSULT", 0, "met", "2027", "year"),  # "from next year"
    ("CONSULT", 1, "met", "2025-09", "month"),  # "in September"
    ("SUPPORT", 2, "pledged", "2025-09-14", "day"),
    ("CONSULT", 3, "meet", "2024-12-31", "day"),
    ("AGREE", 0, "set out", None, "unknown"),  # no date at all
]


def coded() -> CodedDocument:
    doc = document("Dates of every shape", PARIS_BODY, date="2026-01-06", place="Paris",
                   outlet="Northern Wire", source="wire/dates.txt")  # fmt: skip
    can = actor("Prime Minister Mark Carney", "CAN GOV", "CAN", "GOV", "Mark Carney")
    fra = actor("President Emmanuel Macron", "FRA GOV", "FRA", "GOV", "Emmanuel Macron")
    events = [
        dataclasses.replace(
            event(doc, kind, "occurred", n, trigger, [can], [fra], PARIS, day),
            date_precision=precision,
        )
        for kind, n, trigger, day, precision in SHAPES
    ]
    return CodedDocument(doc, events)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "dates.db"
    with Store.open(path) as store:
        store.add(coded())
    return path


def dates(db: Path, **filters: Any) -> list[str | None]:
    with Store.open(db, readonly=True) as store:
        return [e.date for e in store.events(EventFilter(**filters))]


@pytest.mark.parametrize("actor_filter", [{}, {"actor": "CAN"}], ids=["events", "actor-walk"])
def test_partial_dates_match_the_filters_they_overlap(db: Path, actor_filter: dict) -> None:
    # Both query plans: walking the events index, and walking one actor's keys.
    assert dates(db, since="2027-01-01", **actor_filter) == ["2027"]
    assert dates(db, since="2027-06-15", until="2027-06-15", **actor_filter) == ["2027"]
    september = dates(db, since="2025-09-01", until="2025-09-30", **actor_filter)
    assert september == ["2025-09-14", "2025-09"]
    assert dates(db, since="2025-09-20", until="2025-10-31", **actor_filter) == ["2025-09"]
    assert dates(db, until="2025-08-31", **actor_filter) == ["2024-12-31"]
    assert dates(db, since="2025-10-01", until="2026-12-31", **actor_filter) == []
    assert dates(db, undated=True, **actor_filter) == [None]


def test_newest_first_sorts_by_the_start_of_the_range(db: Path) -> None:
    """2027 (a year) starts after 2025-09-14, which starts after 2025-09 (a month: its
    first day); events without a date come last."""
    assert dates(db) == ["2027", "2025-09-14", "2025-09", "2024-12-31", None]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"DATELINE_DB": ""}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_since_finds_an_event_dated_to_a_year_and_shows_its_precision(db: Path) -> None:
    out = run("events", "--db", str(db), "--since", "2027-01-01")
    assert out.startswith("2027 (year)") and out.count("“") == 1
    out = run("events", "--db", str(db), "--since", "2025-09-01", "--until", "2025-09-30")
    assert "2025-09 (month)" in out and "2025-09-14 " in out and "2027" not in out


def test_cli_and_export_reach_undated_events(db: Path) -> None:
    found = json.loads(run("events", "--db", str(db), "--undated", "--format", "json"))
    assert [(e["type"], e["date"]) for e in found] == [("AGREE", None)]
    lines = run("export", "--db", str(db), "--format", "jsonl", "--undated").splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["AGREE"]


def test_web_filters_overlap_and_reach_undated_events(db: Path) -> None:
    from test_api import make_client

    client = make_client(db)

    def got(**params: str) -> list[str | None]:
        response = client.get("/api/v1/events", params=params)
        assert response.status_code == 200, response.text
        return [e["date"] for e in response.json()["events"]]

    assert got(since="2025-09-01", until="2025-09-30") == ["2025-09-14", "2025-09"]
    assert got(since="2027-01-01") == ["2027"]
    assert got(undated="true") == [None]
    rows = client.get("/api/v1/events").json()["events"]
    assert [r["date_precision"] for r in rows][:2] == ["year", "day"]
    page = client.get("/events", params={"since": "2027-01-01"}).text
    assert "(year)" in page


def test_timelines_from_the_aggregates_place_partial_dates_like_the_rows(db: Path) -> None:
    from dateline.store import query

    with Store.open(db, readonly=True) as store:
        for by in ("day", "week", "month"):
            fast = store.timeline(by=by)
            slow = store.timeline(EventFilter(type=",".join(query.QUAD_CLASS)), by=by)
            assert fast == slow
        assert [p.period for p in store.timeline(by="month")] == [
            "2024-12", "2025-09", "2025-09"]  # fmt: skip
        assert store.summary() == query.summary_by_scan(store.conn)
