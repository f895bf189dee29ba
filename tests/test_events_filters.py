"""The filters that drop an event no one could code, and the rules that find a doer the
filters would otherwise miss; sentences written for these tests in news style."""

from __future__ import annotations

import pytest

from dateline.models import Event
from dateline.pipeline import Pipeline
from test_events_helpers import annotated

pytestmark = pytest.mark.slow


def _of_type(events: list[Event], type_: str) -> list[Event]:
    return [e for e in events if e.type == type_]


def test_comma_participle_after_an_event_noun_names_its_doer(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Dozens of villagers died in the attack, reportedly carried out by the Northern Front.",
        {"the Northern Front": "Northern Front"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "ASSAULT")
    assert [a.text for a in event.source] == ["the Northern Front"]
    assert "roles.noun-participle-agent" in event.evidence.rules


def test_participle_of_an_event_noun_names_an_uncoded_doer(pipeline: Pipeline) -> None:
    # The doer has no country code, but it is a named group: the event is kept.
    ad = annotated(
        pipeline,
        "An ambush claimed by the Red Hand Brigade left four soldiers dead on Tuesday.",
        {"the Red Hand Brigade": "Red Hand Brigade"},
    )
    events = _of_type(pipeline.code_events(ad), "ASSAULT")
    assert any(
        [a.text for a in e.source] == ["the Red Hand Brigade"]
        and "roles.noun-participle-agent" in e.evidence.rules
        for e in events
    )


def test_participle_of_judging_names_no_doer(pipeline: Pipeline) -> None:
    # "condemned by the council": the council judged the attack; it did not carry it out.
    ad = annotated(
        pipeline,
        "Dozens of villagers died in the attack, swiftly condemned by the Arctic Council.",
        {"the Arctic Council": "Arctic Council"},
    )
    events = pipeline.code_events(ad)
    assert not any("roles.noun-participle-agent" in e.evidence.rules for e in events)
    assert not any(
        e.type == "ASSAULT" and [a.text for a in e.source] == ["the Arctic Council"] for e in events
    )


def test_event_noun_with_no_participant_is_still_dropped(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Dozens of villagers died in the attack, reported on Monday.",
        {},
    )
    assert _of_type(pipeline.code_events(ad), "ASSAULT") == []
