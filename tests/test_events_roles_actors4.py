"""Roles and actors of official statements and news reports, each a named rule in the
event's trace, on sentences written for these tests in news style (the whole pipeline:
actor annotator and coder)."""

from __future__ import annotations

import pytest

from dateline.models import Actor, Event
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import make_doc
from test_events_helpers import annotated

pytestmark = pytest.mark.slow


def _codes(actors: list[Actor]) -> list[str | None]:
    return [a.code for a in actors]


def _coded(p: Pipeline, *paragraphs: str) -> list[Event]:
    return p.code(make_doc(*paragraphs)).events


def _one(events: list[Event], trigger: str) -> Event:
    (event,) = [e for e in events if e.evidence.trigger == trigger]
    return event


def test_call_for_someone_to_act_makes_them_the_target(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The European Union has called for Belarusian officials to free all political prisoners.",
        {"The European Union": "EU", "Belarusian officials": "BLR GOV"},
    )
    event = _one(pipeline.code_events(ad), "called")
    assert event.type == "REQUEST"
    assert (_codes(event.source), _codes(event.target)) == (["EU"], ["BLR GOV"])
    assert "roles.for-to-subject" in event.evidence.rules


def test_a_statements_we_asks_the_government_of_the_story(pipeline: Pipeline) -> None:
    events = _coded(
        pipeline,
        "The United Kingdom condemns the detention of journalists in Belarus.",
        "We urge the government to release them and to end the arrests in Belarus.",
    )
    event = _one(events, "urge")
    assert (_codes(event.source), _codes(event.target)) == (["GBR GOV"], ["BLR GOV"])


def test_two_people_of_one_country_are_source_and_target(pipeline: Pipeline) -> None:
    events = _coded(
        pipeline,
        "The trial in Chicago drew crowds from across the United States.",
        "Judge Ellen Marsh sentenced Victor Hale to nine years in prison.",
    )
    event = _one(events, "sentenced")
    assert (_codes(event.source), _codes(event.target)) == (["USA"], ["USA"])
    assert [a.name for a in event.source + event.target] == ["Ellen Marsh", "Victor Hale"]


def test_a_partner_set_off_after_the_subject_acts_too(pipeline: Pipeline) -> None:
    for text in (
        "Brazil, along with Argentina, condemned the Venezuelan government.",
        "Brazil, together with Argentina, condemned the Venezuelan government.",
    ):
        events = [e for e in _coded(pipeline, text) if e.type == "ACCUSE"]
        assert sorted(c for e in events for c in _codes(e.source)) == ["ARG GOV", "BRA GOV"]
        assert all("roles.together-with" in e.evidence.rules for e in events)


def test_a_go_between_acts_on_both_sides(pipeline: Pipeline) -> None:
    event_targets = [
        c
        for e in _coded(pipeline, "Qatar mediated between Ethiopia and Eritrea last year.")
        if e.type == "CONSULT"
        for c in _codes(e.target)
    ]
    assert sorted(c or "" for c in event_targets) == ["ERI", "ETH"]


def test_a_demand_about_a_place_aims_at_its_country(pipeline: Pipeline) -> None:
    events = _coded(pipeline, "The African Union urged restraint in Mozambique on Sunday.")
    (event,) = [e for e in events if e.type == "REQUEST"]
    assert _codes(event.target) == ["MOZ"]


def test_the_subject_of_a_bare_infinitive_is_the_target(pipeline: Pipeline) -> None:
    events = _coded(pipeline, "Kuwait helped Jordan rebuild its water network last year.")
    (event,) = [e for e in events if e.evidence.trigger == "helped"]
    assert (_codes(event.source), _codes(event.target)) == (["KWT GOV"], ["JOR GOV"])


def test_a_country_acting_on_a_private_person_of_its_own(pipeline: Pipeline) -> None:
    events = _coded(
        pipeline,
        "The case drew crowds in Chicago and across the United States.",
        "A United States jury convicted Victor Hale of fraud on Monday.",
    )
    event = _one(events, "convicted")
    assert (_codes(event.source), _codes(event.target)) == (["USA"], ["USA"])


def test_concern_about_what_someone_does_targets_them(pipeline: Pipeline) -> None:
    events = _coded(
        pipeline,
        "Britain noted with deep concern that the Belarusian government continues to "
        "detain journalists.",
    )
    (event,) = [e for e in events if e.type == "ACCUSE"]
    assert _codes(event.target) == ["BLR GOV"]
    assert "roles.clause-subject" in event.evidence.rules


def test_a_verdict_on_an_act_accuses_its_doer(pipeline: Pipeline) -> None:
    said = _coded(
        pipeline, "The Egyptian foreign minister said Israel's raids were a violation of the truce."
    )
    (event,) = [e for e in said if e.evidence.rule == "accuse.judgement"]
    assert (_codes(event.source), _codes(event.target)) == (["EGY GOV"], ["ISR MIL"])
    assert "roles.judged-act" in event.evidence.rules


def test_a_statements_verdict_is_its_authors(pipeline: Pipeline) -> None:
    events = _coded(
        pipeline,
        "The United Kingdom condemns the arrests of journalists in Minsk.",
        "We call for their release.",
        "Belarus's continued detention of reporters is unacceptable.",
    )
    (event,) = [e for e in events if e.evidence.rule == "accuse.judgement"]
    assert (_codes(event.source), _codes(event.target)) == (["GBR GOV"], ["BLR GOV"])
