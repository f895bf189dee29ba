"""Roles and actors of aid, statements and readouts, each a named rule in the event's trace,
on sentences written for these tests in news style (the whole pipeline: actor annotator and
coder)."""

from __future__ import annotations

import pytest

from dateline.models import Actor, Event
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import make_doc

pytestmark = pytest.mark.slow


def _codes(actors: list[Actor]) -> list[str | None]:
    return [a.code for a in actors]


def _coded(p: Pipeline, *paragraphs: str) -> list[Event]:
    return p.code(make_doc(*paragraphs)).events


def _targets(events: list[Event], trigger: str) -> list[str | None]:
    return sorted({c for e in events if e.evidence.trigger == trigger for c in _codes(e.target)})


AMOUNTS_GIVEN = [
    ("Last month, the U.S. pledged nearly $90 million in urgent food assistance to Chad, Niger "
     "and Mali.", "pledged million", ["MLI GOV", "NER GOV", "TCD GOV"]),
    ("Germany will provide 30 million euros in humanitarian assistance to Yemen.",
     "provide euros", ["YEM GOV"]),
    ("Canada announced $12 million in new funding for Sudan.", "announced million", ["SDN GOV"]),
    ("The Gulf states offered billions of dollars in loans to Egypt and Jordan.",
     "offered billions", ["EGY GOV", "JOR GOV"]),
    ("Qatar promised $1 billion in budget support for Lebanon.", "promised support",
     ["LBN GOV"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "recipients"), AMOUNTS_GIVEN)
def test_an_amount_given_in_aid_to_a_country_names_the_recipient(
    pipeline: Pipeline, sentence: str, trigger: str, recipients: list[str]
) -> None:
    events = [e for e in _coded(pipeline, sentence) if e.evidence.trigger == trigger]
    assert _targets(events, trigger) == recipients
    assert all("roles.amount-recipient" in e.evidence.rules for e in events)


def test_an_amount_without_a_recipient_adds_no_target(pipeline: Pipeline) -> None:
    # An amount with no "to" or "for" after its measure noun names no recipient.
    events = _coded(pipeline, "Norway has pledged $40 million in aid, officials in Oslo said.")
    assert all("roles.amount-recipient" not in e.evidence.rules for e in events)
