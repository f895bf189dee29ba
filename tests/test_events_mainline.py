"""Which event of a sentence is its main event (``dateline.events.mainline``), on sentences
written for these tests: structural rules, not words of one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.events.mainline import load_main_rules, parse_main_rules
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
    for specific, generic in load_main_rules().specific.items():
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


# -- main.background: an act inside a time adjunct dates the news, it is not the news -------


@pytest.mark.parametrize(
    "text",
    [
        "Oil prices climbed a week after Israel's attack on Iranian refineries.",
        "Trade between the neighbours collapsed after Russia's invasion of Ukraine.",
        "Long before the invasion began, food prices had been rising across the region.",
        "The minister spoke to reporters after meeting her Chinese counterpart.",
        "The ministers posed for photographs after holding talks with the Chinese delegation.",
    ],
)
def test_only_a_background_act_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert main_events(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested twelve people after the protest turned violent.", "COERCE"),
        ("During the visit, the two leaders signed a trade agreement.", "SUPPORT"),
        ("After Russia's invasion of Ukraine, Poland sent tanks and artillery to Kyiv.", "AID"),
        ("Following Israel's attack on the refinery, Iran recalled its ambassador.", "SANCTION"),
    ],
)
def test_background_act_gives_way(pipeline: Pipeline, text: str, expected: str) -> None:
    type_, rules = _main(pipeline, text)
    assert type_ == expected
    assert "main.background" in rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ceremony took place two weeks after rebels shelled the village.", "ASSAULT"),
        ("Hours before police detained the organisers, the crowd had grown.", "COERCE"),
    ],
)
def test_finite_act_in_a_time_clause_stays(pipeline: Pipeline, text: str, expected: str) -> None:
    assert _main(pipeline, text)[0] == expected


# -- main.response: a refusal joined by "but" to the sentence's act is its news --------------


@pytest.mark.parametrize(
    "text",
    [
        "Washington offered to mediate, but Tehran rejected the offer.",
        "Kenya invited Somalia to talks, but Mogadishu declined.",
        "Seoul offered talks to Pyongyang, yet the North rejected the proposal.",
        "France asked Mali to extend the mission, but the junta refused to do so.",
        "Ghana agreed to host the summit, but Togo declined to attend.",
    ],
)
def test_refusal_after_but_is_the_main_event(pipeline: Pipeline, text: str) -> None:
    type_, rules = _main(pipeline, text)
    assert type_ == "REJECT" and "main.response" in rules


def test_refusal_after_and_is_no_answer(pipeline: Pipeline) -> None:
    type_, rules = _main(pipeline, "The envoy met the rebel leaders and rejected their demands.")
    assert type_ == "CONSULT" and "main.response" not in rules


def test_main_rules_file_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "main_event.toml"
    good = (
        '[background]\ntime_words = ["after"]\n\n[[specific]]\ntype = "AID"\nover = ["SUPPORT"]\n'
    )
    rules = parse_main_rules(good, path)
    assert rules.time_words == {"after"} and rules.specific == {"AID": {"SUPPORT"}}
    bad_type = good.replace('over = ["SUPPORT"]', 'over = ["HELP"]')
    with pytest.raises(DataFileError, match=r"main_event.toml:4\]"):
        parse_main_rules(bad_type, path)
    with pytest.raises(DataFileError, match=r"main_event.toml:2\]"):
        parse_main_rules(good.replace('["after"]', '["after", ""]'), path)
    with pytest.raises(DataFileError, match="PLOVER types"):
        parse_main_rules(good + '\n[response]\ncontrast_words = ["but"]\ntypes = ["NO"]\n', path)
    with pytest.raises(DataFileError, match="unknown table"):
        parse_main_rules(good + "\n[extra]\nx = 1\n", path)
