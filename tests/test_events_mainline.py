"""Which event of a sentence is its main event (``dateline.events.mainline``), on sentences
written for these tests: structural rules, not words of one sentence."""

from __future__ import annotations

import pytest

from dateline.events.mainline import SPECIFIC
from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events

pytestmark = pytest.mark.slow


def _main(pipeline: Pipeline, text: str) -> tuple[str, list[str]]:
    events = main_events(pipeline, text)
    assert events, text
    return events[0].type, events[0].evidence.rules


# -- main.specific: material aid tied to generic support or a deployment is the act ---------


@pytest.mark.parametrize(
    "text",
    [
        "The European Union will keep backing Moldova and give it budget assistance.",
        "Sweden backs the Ukrainian army and supplies it with weapons and ammunition.",
        "The navy deployed two ships to the coast to provide humanitarian assistance.",
        "The government will continue to support farmers and provide them with emergency aid.",
        "Emergency assistance from Norway is supporting clinics in the flooded province.",
    ],
)
def test_aid_tied_to_generic_support_is_the_main_event(pipeline: Pipeline, text: str) -> None:
    type_, rules = _main(pipeline, text)
    assert type_ == "AID"
    assert "main.specific" in rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army deployed troops to the border to deter an attack.", "MOBILIZE"),
        ("The United States supports Ukraine's bid to join the alliance.", "SUPPORT"),
    ],
)
def test_generic_act_without_aid_stays(pipeline: Pipeline, text: str, expected: str) -> None:
    type_, rules = _main(pipeline, text)
    assert type_ == expected
    assert "main.specific" not in rules


def test_specific_table_names_plover_types() -> None:
    plover = {"AID", "SUPPORT", "MOBILIZE", "CONSULT", "AGREE", "COOPERATE", "REQUEST"}
    for specific, generic in SPECIFIC.items():
        assert specific in plover and generic and specific not in generic


# -- main.adjunct: a noun in a prepositional circumstance loses to the clause's own act -----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry, in cooperation with the police, arrested twelve suspects.", "COERCE"),
        ("In consultation with its allies, Washington imposed sanctions on the firm.", "SANCTION"),
        ("At the request of Kenya, Ethiopia deployed troops to the border.", "MOBILIZE"),
    ],
)
def test_prepositional_circumstance_loses(pipeline: Pipeline, text: str, expected: str) -> None:
    type_, rules = _main(pipeline, text)
    assert type_ == expected
    assert "main.adjunct" in rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests have been taking place in the capital since Tuesday.", "PROTEST"),
        ("Following talks with the rebels, the government released 40 prisoners.", "RETREAT"),
    ],
)
def test_noun_subject_or_lone_noun_stays(pipeline: Pipeline, text: str, expected: str) -> None:
    assert _main(pipeline, text)[0] == expected
