"""A date dates what it modifies: the event takes a date of its own clause, not one inside its
object, a relative clause or a complement clause (``events.when``). Sentences written for
these tests, read on Friday 20 November 2026."""

from __future__ import annotations

import pytest

from dateline.models import Document, Event
from dateline.pipeline import Pipeline

pytestmark = pytest.mark.slow

REPORTED = "2026-11-20"  # a Friday


def _events(pipeline: Pipeline, text: str, date: str | None = REPORTED) -> list[Event]:
    document = Document(
        id=Document.make_id(None, [text]), source="test", format="text", title=None,
        paragraphs=[text], date=date, date_precision="day" if date else "unknown",
    )  # fmt: skip
    return pipeline.code(document).events


def _dates(pipeline: Pipeline, text: str, trigger: str) -> set[tuple[str | None, str]]:
    """(date, precision) of the events whose trigger starts with ``trigger``."""
    found = {
        (e.date, e.date_precision)
        for e in _events(pipeline, text)
        if e.evidence.trigger.split()[0] == trigger
    }
    assert found, f"no event on {trigger!r} in {text!r}"
    return found


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # "from next year" inside the object, or attached to the verb of a past act
        ("France and Germany signed a deal on troop rotations from next year.", "signed"),
        ("France and Germany signed a pact on troops from next year, officials said.", "signed"),
        # ... inside a complement clause that is not the event
        ("Estonia agreed to host British troops from next year.", "agreed"),
        # "starting in March" in a participle clause of the object
        ("Canada signed a trade agreement with Mexico on tariffs starting in March.", "signed"),
        ("Britain will sign a trade pact with Norway covering tariffs starting in March.", "sign"),
        # "by 2030" in a purpose clause
        ("Poland signed a contract with Germany for tanks to be delivered by 2030.", "signed"),
        ("Poland will sign a contract with Germany for tanks to be delivered by 2030.", "sign"),
        # "next month's summit" inside the object
        ("Japan and India agreed on an agenda for next month's summit.", "agreed"),
        ("Japan will agree on an agenda with India for next month's summit.", "agree"),
        # a relative clause of the object
        ("France signed an accord with Germany that takes effect next year.", "signed"),
        ("France will sign an accord with Germany that takes effect next year.", "sign"),
    ],
)
def test_a_date_inside_what_the_event_acts_on_does_not_date_the_event(
    pipeline: Pipeline, text: str, trigger: str
) -> None:
    assert _dates(pipeline, text, trigger) == {(REPORTED, "day")}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("On Tuesday the defence ministers of France and Germany signed the accord.",
         "signed", ("2026-11-17", "day")),
        ("German troops will deploy to Lithuania next year.", "deploy", ("2027", "year")),
        ("The foreign ministers of Italy and Spain will meet in Rome in March.",
         "meet", ("2027-03", "month")),
        ("The foreign ministers of Italy and Spain are due to meet in Brussels on Monday.",
         "meet", ("2026-11-23", "day")),
        ("Britain will sign a defence pact with Norway on Tuesday.", "sign", ("2026-11-24", "day")),
        ("Russia began to withdraw troops from the Ukrainian border on Monday.",
         "withdraw", ("2026-11-16", "day")),
        ("Israel launched an airstrike on Gaza on Sunday.", "launched", ("2026-11-15", "day")),
        ("The European Union imposed sanctions on Iran last week.",
         "imposed", ("2026-11-09", "range")),
    ],
)  # fmt: skip
def test_a_date_that_modifies_the_trigger_or_its_auxiliaries_dates_the_event(
    pipeline: Pipeline, text: str, trigger: str, expected: tuple[str, str]
) -> None:
    assert _dates(pipeline, text, trigger) == {expected}


def test_an_act_reported_as_done_is_dated_last_march_not_next(pipeline: Pipeline) -> None:
    text = "Canada signed a trade agreement with Mexico in March."
    assert _dates(pipeline, text, "signed") == {("2026-03", "month")}
    (event, *_) = _events(pipeline, text)
    assert "date.reported-past" in event.evidence.rules and "date.clause" in event.evidence.rules


def test_a_weekday_on_a_verb_in_the_past_is_the_last_one_despite_a_future_in_the_sentence(
    pipeline: Pipeline,
) -> None:
    text = "Sweden said on Monday that it will host talks between Serbia and Kosovo."
    assert _dates(pipeline, text, "host") == {("2026-11-16", "day")}


def test_a_later_date_on_a_past_act_is_left_out_and_traced(pipeline: Pipeline) -> None:
    text = "France and Germany signed a deal on troop rotations from next year."
    events = _events(pipeline, text)
    assert events
    for event in events:
        assert {"date.after-report", "date.scope", "date.document"} <= set(event.evidence.rules)


def test_dates_shared_through_subject_coordination_phrase_and_report(pipeline: Pipeline) -> None:
    sunday, monday, thursday = ("2026-11-15", "day"), ("2026-11-16", "day"), ("2026-11-19", "day")
    killed = "Sunday's attack on a police station in Kabul killed five Afghan officers."
    assert _dates(pipeline, killed, "killed") == {sunday}
    arrested = "On Monday, Kenyan police entered the town and arrested the mayor."
    assert _dates(pipeline, arrested, "arrested") == {monday}
    killed = "A missile strike on the city killed nine people and wounded 27 on Monday."
    assert _dates(pipeline, killed, "killed") == {monday}
    # A later clause with a subject of its own keeps its date to itself.
    attacked = "Rebels attacked the village and on Monday the army retaliated."
    assert _dates(pipeline, attacked, "attacked") == {(REPORTED, "day")}
    assert _dates(pipeline, attacked, "retaliated") == {monday}
    call = "Turkey's president said he had discussed the plan with Putin in a call on Thursday."
    assert _dates(pipeline, call, "discussed") == {thursday}
    # The refusal is the saying; a past attack it reports keeps its own (unknown) day.
    refusal = "The Russian foreign minister said on Monday that Moscow would not accept the plan."
    assert _dates(pipeline, refusal, "accept") == {monday}
    attack = "Officials said on Monday that Russian troops had attacked the village."
    assert _dates(pipeline, attack, "attacked") == {(REPORTED, "day")}


def test_an_event_noun_is_dated_by_what_it_does(pipeline: Pipeline) -> None:
    resumed = "Talks between Israel and Egypt will resume next week."
    assert _dates(pipeline, resumed, "Talks") == {("2026-11-23", "range")}
    clashes = "Clashes between Sudanese troops and rebels broke out on Sunday."
    assert _dates(pipeline, clashes, "Clashes") == {("2026-11-15", "day")}


def test_without_a_document_date_a_date_that_is_not_the_events_leaves_it_undated(
    pipeline: Pipeline,
) -> None:
    text = "Poland signed a contract with Germany for tanks to be delivered by 2030."
    # The trigger names the verb and the thing signed (an agreement's noun since the fifth
    # session's cooperative rules).
    events = [
        e for e in _events(pipeline, text, date=None) if e.evidence.trigger == "signed contract"
    ]
    assert events and all((e.date, e.date_precision) == (None, "unknown") for e in events)
    assert all("date.scope" in e.evidence.rules for e in events)
