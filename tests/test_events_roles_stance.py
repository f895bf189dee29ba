"""Whom a stance, a judgement or a thing names: the doer of what a concern or a welcome is
about (roles.stance-content), the parties and owner of a thing (roles.actor-in-phrase), a
verdict with no judge (roles.judged-act). Sentences written for these tests in news style
(the whole pipeline: actor annotator and coder)."""

from __future__ import annotations

import pytest

from dateline.models import Event
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import make_doc

pytestmark = pytest.mark.slow


def _events(p: Pipeline, text: str, trigger: str) -> list[Event]:
    events = [e for e in p.code(make_doc(text)).events if e.evidence.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    return events


def _targets(events: list[Event]) -> list[str | None]:
    return sorted({a.code for e in events for a in e.target})


STANCES = [
    ("Japan expressed concern after a Chinese warship sailed close to its islands.",
     "expressed concern", ["CHN MIL"]),
    ("Spain voiced concern after a journalist was detained by Moroccan police.",
     "voiced concern", ["MAR GOV"]),
    ("The United States is deeply concerned by reports that Iranian police are beating "
     "protesters.", "concerned", ["IRN GOV"]),
    ("Norway expressed concern over claims that Ethiopian troops had looted the town.",
     "expressed concern", ["ETH MIL"]),
    ("The opposition leader alleged the Afghan government was hiding the true death toll.",
     "alleged", ["AFG GOV"]),
    ("We appreciate the Qatari government hosting the talks.", "appreciate", ["QAT GOV"]),
    ("Britain regrets that restrictions imposed by the Chinese authorities forced the "
     "observers to leave.", "regrets", ["CHN GOV"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "targets"), STANCES)
def test_a_stance_on_an_act_targets_its_doer(
    pipeline: Pipeline, sentence: str, trigger: str, targets: list[str]
) -> None:
    events = _events(pipeline, sentence, trigger)
    assert _targets(events) == targets
    assert all("roles.stance-content" in e.evidence.rules for e in events)


def test_a_stance_with_a_target_named_keeps_it(pipeline: Pipeline) -> None:
    # The named target wins; the clause is not read.
    events = _events(
        pipeline, "Germany condemned Russia after Belarusian troops crossed the border.",
        "condemned",
    )  # fmt: skip
    assert _targets(events) == ["RUS GOV"]
    assert all("roles.stance-content" not in e.evidence.rules for e in events)


def test_a_clause_after_an_act_of_another_kind_is_not_its_target(pipeline: Pipeline) -> None:
    # Only stances read the clause: a meeting held after an attack is not aimed at the attacker.
    events = [
        e
        for e in pipeline.code(
            make_doc("The Swiss envoy met the mediators after Sudanese troops shelled the camp.")
        ).events
        if e.type == "CONSULT"
    ]
    assert all("roles.stance-content" not in e.evidence.rules for e in events)
    assert "SDN MIL" not in _targets(events)


THINGS = [
    ("The European Union criticised the agreement between Turkey and Libya.", "criticised",
     ["LBY", "TUR"]),
    ("The United Nations welcomed the signing of a ceasefire between the Sudanese army and the "
     "Rapid Support Forces.", "welcomed", ["RSF", "SDN MIL"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "targets"), THINGS)
def test_a_thing_gives_way_to_its_parties_and_owner(
    pipeline: Pipeline, sentence: str, trigger: str, targets: list[str]
) -> None:
    events = _events(pipeline, sentence, trigger)
    assert _targets(events) == targets


def test_the_topic_of_talks_names_no_party(pipeline: Pipeline) -> None:
    # "a meeting between X and Y" is what two others discussed, not whom they talked with.
    events = _events(
        pipeline,
        "The two ministers discussed a possible meeting between the Chinese and Indian leaders.",
        "discussed",
    )
    assert not any(c and c.split()[0] in ("CHN", "IND") for c in _targets(events))


def test_a_verdict_with_no_judge_targets_the_parties_of_what_it_judges(
    pipeline: Pipeline,
) -> None:
    # No one says it: the deal's parties are judged, they do not reject anything.
    events = _events(pipeline, "The maritime deal between Egypt and Greece is null and void.",
                     "is null")  # fmt: skip
    assert _targets(events) == ["EGY", "GRC"]
    assert all(not e.source for e in events)
    assert all("roles.judged-act" in e.evidence.rules for e in events)


OWN_ACTS = [
    ("The U.S. will also begin delivering direct U.S. assistance to Lebanon.",
     "delivering assistance", ["LBN GOV"]),
    ("The White House announced U.S. support for the new Haitian police force.",
     "announced support", ["HTI GOV"]),
    ("The United States is providing $10 million in additional U.S. humanitarian assistance "
     "to help families in Haiti.", "providing million", []),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "targets"), OWN_ACTS)
def test_the_source_country_qualifying_its_own_act_is_no_target(
    pipeline: Pipeline, sentence: str, trigger: str, targets: list[str]
) -> None:
    events = _events(pipeline, sentence, trigger)
    assert [c for c in _targets(events) if c] == targets
    assert all("roles.own-act" in e.evidence.rules for e in events)


def test_a_country_apart_qualifying_the_act_stays_its_target(pipeline: Pipeline) -> None:
    # "Ukraine aid" approved by others is aid to Ukraine.
    events = _events(pipeline, "Congress approved Ukraine aid on Tuesday.", "approved aid")
    assert _targets(events) == ["UKR"]
    assert all("roles.own-act" not in e.evidence.rules for e in events)


def test_who_is_committed_to_an_act_does_it(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "The United States remains committed to helping people affected by the cyclone.",
        "helping",
    )
    assert {a.code for e in events for a in e.source} == {"USA"}
    assert all("roles.committed-to" in e.evidence.rules for e in events)


def test_a_passive_participle_with_its_doer_targets_its_noun(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "The opposition leader was among eight people killed on Friday by security forces in Homs.",
        "killed",
    )
    assert all("roles.reduced-relative" in e.evidence.rules for e in events)
    assert any(a.text == "eight people" for e in events for a in e.target)


def test_a_toll_without_a_doer_is_no_reduced_relative(pipeline: Pipeline) -> None:
    # "200 people injured" in a stampede: no one named did it.
    events = [
        e
        for e in pipeline.code(
            make_doc("The stampede in Kerman left 56 dead and over 200 people injured.")
        ).events
        if e.evidence.trigger == "injured"
    ]
    assert all("roles.reduced-relative" not in e.evidence.rules for e in events)


def test_an_individual_arrested_takes_the_sentences_country(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "An individual has been arrested after the mayor of Lodz was stabbed on stage.",
        "arrested",
    )
    assert _targets(events) == ["POL CVL"]


def test_who_must_act_is_the_target_when_parsed_as_the_warners_object(
    pipeline: Pipeline,
) -> None:
    # "warned Mr. X must step down": X is parsed as the object of "warned".
    events = _events(pipeline, "The White House warned Mr. Maduro must step down now.", "step")
    assert _targets(events) == ["VEN GOV"]
    assert all("roles.modal-subject-as-object" in e.evidence.rules for e in events)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The 101st Airborne Division is deploying components of an infantry brigade to "
         "Romania.", "deploying brigade"),
        ("The Pentagon is sending an infantry battalion to Lithuania.", "sending battalion"),
    ],
)  # fmt: skip
def test_where_a_unit_is_sent_is_no_target(pipeline: Pipeline, sentence: str, trigger: str) -> None:
    # Brigades and battalions are armed forces: where they are sent is a destination.
    events = _events(pipeline, sentence, trigger)
    assert not [c for c in _targets(events) if c]
    assert all("roles.destination" in e.evidence.rules for e in events)


def test_who_ordered_an_act_on_the_doers_side_is_no_target(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "At the direction of the U.S. president, U.S. forces conducted strikes on two depots "
        "in eastern Syria.",
        "conducted strikes",
    )
    assert "USA GOV" not in _targets(events)
    assert all("roles.own-act" in e.evidence.rules for e in events)


def test_a_foreign_requester_stays_whom_the_act_serves(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Upon request from the Chilean government, the United States is deploying a disaster "
        "response team.",
        "deploying",
    )
    assert _targets(events) == ["CHL GOV"]


def test_a_thing_struck_gives_way_to_whoever_uses_it(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Australian jets struck an ammunition depot used by Islamic State fighters.",
        "struck",
    )  # fmt: skip
    assert _targets(events) == ["ISIS"]
