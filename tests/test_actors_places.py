"""Capitals and places: when a place name is an actor and when it is only where something
happened, on sentences written for these tests in news style (full pipeline)."""

from __future__ import annotations

import pytest

from dateline.models import Event
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text, make_doc

pytestmark = pytest.mark.slow


def _events(p: Pipeline, text: str) -> list[Event]:
    return p.code(make_doc(text)).events


def _only(p: Pipeline, text: str, type_: str) -> Event:
    (event,) = [e for e in _events(p, text) if e.type == type_]
    return event


def _codes(event: Event) -> tuple[list[str | None], list[str | None]]:
    return [a.code for a in event.source], [a.code for a in event.target]


# -- rule 1: a capital or seat of government that says or acts is the government ------------


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        ("Hanoi rejected the fishing quota on Friday.", "REJECT", "VNM GOV", None),
        ("Tehran accused Riyadh of arming the militias.", "ACCUSE", "IRN GOV", "SAU GOV"),
        ("Brussels imposed new sanctions on Minsk.", "SANCTION", "BEL GOV", "BLR GOV"),
        ("Islamabad demanded that Kabul hand over the suspects.", "REQUEST", "PAK GOV", "AFG GOV"),
    ],
)
def test_capital_as_subject_or_object_is_the_government(
    pipeline: Pipeline, text: str, type_: str, source: str, target: str | None
) -> None:
    event = _only(pipeline, text, type_)
    sources, targets = _codes(event)
    assert sources == [source]
    assert [c for c in targets if c] == ([target] if target else [])


def test_capital_rule_is_named_on_the_mention(pipeline: Pipeline) -> None:
    ann = annotate(pipeline, "Tehran accused Riyadh of arming the militias.")
    assert by_text(ann, "Tehran").rule == "actors.capital-as-government"
    assert by_text(ann, "Riyadh").code == "SAU GOV"


def test_capital_after_in_is_a_place_not_an_actor(pipeline: Pipeline) -> None:
    ann = annotate(pipeline, "The two delegations held talks in Damascus on Sunday.")
    assert [m.text for m in ann.mentions if m.code and m.code.startswith("SYR")] == []
    event = _only(pipeline, "The two delegations held talks in Damascus on Sunday.", "CONSULT")
    assert [a.code for a in event.target if a.code] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Officials in Hanoi denied the report.", "VNM GOV"),
        ("Government officials in Vietnam denied the report.", "VNM GOV"),
    ],
)
def test_officials_in_a_capital_or_country_are_its_government(
    pipeline: Pipeline, text: str, code: str
) -> None:
    ann = annotate(pipeline, text)
    (mention,) = [m for m in ann.mentions if m.code]
    assert mention.code == code
    assert mention.rule == "actors.group+in-country(actors.title)"


def test_a_single_official_in_a_capital_is_not_placed(pipeline: Pipeline) -> None:
    # "an ambassador in Moscow" may be any country's: a singular person title stays uncoded.
    ann = annotate(pipeline, "An ambassador in Hanoi denied the report.")
    assert [m.code for m in ann.mentions if m.code] == []


# -- rule 2: a place stands for its country only as the target of an act done to it ---------


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Israeli jets shelled villages in Lebanon on Tuesday.", "ASSAULT", "LBN"),
        ("Gunmen attacked a checkpoint in Peshawar on Monday.", "ASSAULT", "PAK"),
        ("Government troops launched a raid in Somalia.", "COERCE", "SOM"),
    ],
)
def test_place_of_an_act_done_to_it_is_the_target(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    event = _only(pipeline, text, type_)
    assert [a.code for a in event.target if a.code] == [target]
    assert "roles.inside-object" in event.evidence.rules


def test_place_does_not_replace_a_named_target(pipeline: Pipeline) -> None:
    event = _only(pipeline, "Nigerien police arrested 30 Malian students in Niamey.", "COERCE")
    assert [a.code for a in event.target] == ["MLI CVL"]


def test_place_of_talks_is_not_their_target(pipeline: Pipeline) -> None:
    event = _only(pipeline, "Ukraine held talks with its creditors in Geneva.", "CONSULT")
    assert not any(a.code and a.code.startswith("CHE") for a in event.target)


# -- a date after a target preposition is not the target ------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Ankara on Tuesday threatened to cut ties with Vienna.", "THREATEN", "AUT GOV"),
        ("Seoul on Friday agreed to resume talks with Pyongyang.", "AGREE", "PRK GOV"),
    ],
)
def test_a_date_does_not_hide_the_complements_target(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    event = _only(pipeline, text, type_)
    assert [a.code for a in event.target] == [target]
    assert "roles.complement-object" in event.evidence.rules
