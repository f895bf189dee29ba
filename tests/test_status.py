"""Status from tense, aspect, modals, negation and cue phrases."""

from __future__ import annotations

import pytest

from dateline.evaluate import line_document
from dateline.events import main_event
from dateline.pipeline import Pipeline
from test_events_helpers import annotated

pytestmark = pytest.mark.slow

ACTORS = {"Chile": "CHL GOV", "Peru": "PER GOV"}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Chile met Peru on Monday.", "occurred"),
        ("Chile has met Peru twice this year.", "occurred"),
        ("Chile is meeting Peru in Lima.", "occurring"),
        ("Chile is in Lima to meet Peru.", "occurring"),
        ("Chile will meet Peru next week.", "planned"),
        ("Chile is scheduled to meet Peru on Friday.", "planned"),
        ("Chile plans to meet Peru.", "planned"),
        ("Chile is expected to meet Peru.", "expected"),
        ("Chile is likely to meet Peru.", "expected"),
        ("Chile did not meet Peru.", "denied"),
        ("Chile never met Peru.", "denied"),
        ("Chile could meet Peru.", "hypothetical"),
        ("Chile might meet Peru later.", "hypothetical"),
        ("Chile said it would meet Peru.", "planned"),
    ],
)
def test_status(pipeline: Pipeline, text: str, status: str) -> None:
    ad = annotated(pipeline, text, ACTORS)
    events = main_event(pipeline.code_events(ad), ad)
    assert events, text
    assert events[0].type == "CONSULT"
    assert events[0].status == status, events[0].evidence.rules


def test_denial_verb_governs_the_event(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile denied attacking Peru.", ACTORS)
    attacks = [e for e in pipeline.code_events(ad) if e.type == "ASSAULT"]
    assert attacks and attacks[0].status == "denied"


def test_a_condition_is_not_an_event(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline, "Peru warned Chile that it would respond if Chile attacked Peru.", ACTORS
    )
    types = {e.type for e in pipeline.code_events(ad)}
    assert "ASSAULT" not in types
    assert "THREATEN" in types


def test_rule_is_recorded(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile is scheduled to meet Peru.", ACTORS)
    (event,) = pipeline.code_events(ad)
    assert "status.cue:schedule" in event.evidence.rules


def test_a_refused_promise_is_a_rejection_that_happened(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile said it would not sign a treaty with Peru.", ACTORS)
    events = main_event(pipeline.code_events(ad), ad)
    assert events and (events[0].type, events[0].status) == ("REJECT", "occurred")
    assert "intent.refused" in events[0].evidence.rules


def test_denial_governs_a_perfect_tense_clause(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile denied that its troops had attacked Peru.", ACTORS)
    attacks = [e for e in pipeline.code_events(ad) if e.type == "ASSAULT"]
    assert attacks and attacks[0].status == "denied"


def test_a_threat_is_what_happened(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile said it could strike Peru.", ACTORS)
    events = main_event(pipeline.code_events(ad), ad)
    assert events and (events[0].type, events[0].status) == ("THREATEN", "occurred")


@pytest.mark.slow
def test_a_denial_does_not_reach_a_coordinated_report(pipeline: Pipeline) -> None:
    from dateline.events.status import event_status

    doc = pipeline.nlp("The ministry denied the claims and said rebels had attacked the town.")
    attacked = next(t for t in doc if t.text == "attacked")
    assert event_status(attacked, pipeline.triggers)[0] == "occurred"


@pytest.mark.slow
def test_a_would_coordinated_into_reported_speech_is_planned(pipeline: Pipeline) -> None:
    from dateline.events.status import event_status

    doc = pipeline.nlp(
        "Merz said Germany would pay for the systems and would station jets in Poland."
    )
    station = next(t for t in doc if t.text == "station")
    assert event_status(station, pipeline.triggers) == ("planned", "status.reported-future")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Talks between Chile and Peru will resume next week in Lima.", "planned"),
        ("New talks between Chile and Peru are expected next month.", "expected"),
        ("Talks between Chile and Peru resumed on Monday in Lima.", "occurred"),
    ],
)
def test_an_event_noun_as_subject_happens_when_its_verb_says(
    pipeline: Pipeline, text: str, status: str
) -> None:
    events = [e for e in pipeline.code(line_document(text, 1, "t")).events if e.type == "CONSULT"]
    assert events and {e.status for e in events} == {status}
