"""General patterns of real news wording, on sentences written for these tests in news style.

Each sentence goes through the whole pipeline (actor annotator included) as a one-line
document, the way ``dateline evaluate`` reads a sentence gold file, and the sentence's main
event (``main_event``) is checked; a second document checks that article text keeps the
filters that protect its precision.
"""

from __future__ import annotations

import pytest

from dateline.evaluate import line_document
from dateline.events import main_event
from dateline.models import Event
from dateline.pipeline import Pipeline

pytestmark = pytest.mark.slow


def _main(pipeline: Pipeline, text: str) -> list[Event]:
    coded = pipeline.code(line_document(text, 1, "test"))
    return main_event(coded.events, coded.annotated)


def _type(pipeline: Pipeline, text: str) -> str:
    events = _main(pipeline, text)
    return events[0].type if events else "NONE"


# -- actors known by their kind, without a country ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Riot police detained four students outside the courthouse on Monday.", "COERCE"),
        ("County prosecutors charged the driver with reckless homicide.", "ACCUSE"),
        ("Armed gunmen killed a shopkeeper in the market town late on Friday.", "ASSAULT"),
    ],
)
def test_an_actor_noun_without_a_country_is_a_participant(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """ "police", "prosecutors", "gunmen": the actor data knows their sector, so the event
    stands although no country is named yet."""
    events = _main(pipeline, text)
    assert events and events[0].type == type_
    assert any(a.code or a.sector for e in events for a in e.source)


def test_a_phrase_takes_the_sector_of_its_head_noun_only(pipeline: Pipeline) -> None:
    """ "the gate of the police station" is not the police: no sector, no event."""
    assert _type(pipeline, "The gate of the old police station was damaged overnight.") == "NONE"


# -- personal pronouns at the start of a text --------------------------------------------------


def test_a_person_pronoun_opening_an_excerpt_stands_for_someone_named_before(
    pipeline: Pipeline,
) -> None:
    """A sentence read alone that opens with "They" or "He" continues a story: the arrest,
    the charge, happened to someone."""
    assert _type(pipeline, "They arrested a 40-year-old man on suspicion of arson.") == "COERCE"
    assert _type(pipeline, "He was accused of taking bribes from a building firm.") == "ACCUSE"


def test_an_unresolved_pronoun_later_in_an_article_makes_no_event(pipeline: Pipeline) -> None:
    """In an article the annotator's coreference had its chance: "She declined" two sentences
    in, with no one to point back to, is no one we can name."""
    text = (
        "The storm closed three ports along the coast on Tuesday. "
        "Ferries stayed in harbour for a second day. "
        "She declined to describe the damage."
    )
    coded = pipeline.code(line_document(text, 1, "test"))
    assert not [e for e in coded.events if e.evidence.trigger == "declined"]


# -- the parser's subordinators are not the verb's particles ------------------------------------


def test_call_for_someone_to_act_is_a_request(pipeline: Pipeline) -> None:
    """ "calling for X to resign": "for" introduces the infinitive clause (the parser's
    `mark`); the verb still takes it, and the resignation is the content of the demand."""
    text = "The opposition party is calling for the regional governor to resign immediately."
    assert _type(pipeline, text) == "REQUEST"


def test_be_going_to_is_the_future_not_a_visit(pipeline: Pipeline) -> None:
    """ "are going to guard": the infinitive's "to" is no particle of "go" (CAMEO +GO_TO)."""
    coded = pipeline.code(
        line_document("The new battalions are going to guard the northern border.", 1, "test")
    )
    assert not [e for e in coded.events if e.evidence.trigger == "going"]
