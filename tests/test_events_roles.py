"""Roles that follow English syntax, each a named rule in the event's trace, on sentences
written for these tests in news style (hand-built actor mentions, no actor annotator)."""

from __future__ import annotations

import pytest

from dateline.models import Actor, Event
from dateline.pipeline import Pipeline
from test_events_helpers import annotated

pytestmark = pytest.mark.slow


def _codes(actors: list[Actor]) -> list[str | None]:
    return [a.code for a in actors]


def _of_type(events: list[Event], type_: str) -> list[Event]:
    return [e for e in events if e.type == type_]


def _only(events: list[Event], trigger: str) -> Event:
    (event,) = [e for e in events if e.evidence.trigger == trigger]
    return event


# -- passives ---------------------------------------------------------------------------------


def test_passive_subject_is_the_target_and_the_by_agent_the_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Two aid workers were abducted by gunmen near Gao on Sunday.",
        {"aid workers": "MLI CVL", "gunmen": "MLI REB"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "COERCE")
    assert (_codes(event.source), _codes(event.target)) == (["MLI REB"], ["MLI CVL"])
    assert {"roles.passive-agent", "roles.passive-subject"} <= set(event.evidence.rules)


def test_agentless_passive_has_a_target_and_no_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Three Ukrainian journalists were released on Friday.",
        {"Ukrainian journalists": "UKR MED"},
    )
    (event,) = pipeline.code_events(ad)
    assert event.type == "RETREAT"
    assert (event.source, _codes(event.target)) == ([], ["UKR MED"])
    assert "roles.passive-subject" in event.evidence.rules


def test_coordinated_passives_share_their_by_agent(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Three opposition leaders were arrested and charged with treason by Ugandan police.",
        {"opposition leaders": "UGA OPP", "Ugandan police": "UGA COP"},
    )
    events = pipeline.code_events(ad)
    arrested = _only(events, "arrested")
    assert (_codes(arrested.source), _codes(arrested.target)) == (["UGA COP"], ["UGA OPP"])
    assert "roles.coordinated-passive" in arrested.evidence.rules
    charged = _only(events, "charged")
    assert (_codes(charged.source), _codes(charged.target)) == (["UGA COP"], ["UGA OPP"])


def test_a_passive_done_in_an_attack_takes_the_attacker_as_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Four soldiers were killed in an ambush by Taliban fighters.",
        {"Four soldiers": "AFG MIL", "Taliban fighters": "Taliban"},
    )
    event = _only(pipeline.code_events(ad), "killed")
    assert (_codes(event.source), _codes(event.target)) == (["Taliban"], ["AFG MIL"])
    assert "roles.passive-means" in event.evidence.rules


def test_a_relative_passive_targets_its_antecedent(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "A French engineer, who was kidnapped by gunmen last year, appeared in a video.",
        {"A French engineer": "FRA CVL", "gunmen": "NER REB"},
    )
    event = _only(pipeline.code_events(ad), "kidnapped")
    assert (_codes(event.source), _codes(event.target)) == (["NER REB"], ["FRA CVL"])


# -- coordination -----------------------------------------------------------------------------


def test_coordinated_subjects_make_one_event_each(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Britain and Norway condemned Iran on Monday.",
        {"Britain": "GBR GOV", "Norway": "NOR GOV", "Iran": "IRN GOV"},
    )
    events = _of_type(pipeline.code_events(ad), "ACCUSE")
    assert sorted((_codes(e.source)[0], _codes(e.target)[0]) for e in events) == [
        ("GBR GOV", "IRN GOV"),
        ("NOR GOV", "IRN GOV"),
    ]
    assert all("roles.each-source" in e.evidence.rules for e in events)


def test_four_parties_agreeing_make_four_events_not_every_pair(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The leaders of Chile, Peru, Bolivia and Ecuador agreed to a joint plan.",
        {"Chile": "CHL GOV", "Peru": "PER GOV", "Bolivia": "BOL GOV", "Ecuador": "ECU GOV"},
    )
    events = _of_type(pipeline.code_events(ad), "AGREE")
    assert sorted(_codes(e.source)[0] for e in events) == [
        "BOL GOV",
        "CHL GOV",
        "ECU GOV",
        "PER GOV",
    ]
    assert all(not e.target and "roles.joint-act" in e.evidence.rules for e in events)


def test_two_parties_meeting_still_meet_each_other(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chile and Peru met in Lima.", {"Chile": "CHL GOV", "Peru": "PER GOV"})
    events = _of_type(pipeline.code_events(ad), "CONSULT")
    assert sorted((_codes(e.source)[0], _codes(e.target)[0]) for e in events) == [
        ("CHL GOV", "PER GOV"),
        ("PER GOV", "CHL GOV"),
    ]


# -- appositions, relative clauses, the head of a phrase --------------------------------------


def test_dash_apposition_resolves_to_the_states_it_names(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Two Gulf states – Qatar and Oman – condemned Israel on Monday.",
        {"Qatar": "QAT GOV", "Oman": "OMN GOV", "Israel": "ISR GOV"},
    )
    events = _of_type(pipeline.code_events(ad), "ACCUSE")
    assert sorted(_codes(e.source)[0] for e in events) == ["OMN GOV", "QAT GOV"]
    assert all(_codes(e.target) == ["ISR GOV"] for e in events)


def test_comma_apposition_resolves_to_the_states_it_names(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Two Andean states, Peru and Bolivia, criticised Chile on Monday.",
        {"Peru": "PER GOV", "Bolivia": "BOL GOV", "Chile": "CHL GOV"},
    )
    events = _of_type(pipeline.code_events(ad), "ACCUSE")
    assert sorted(_codes(e.source)[0] for e in events) == ["BOL GOV", "PER GOV"]


def test_relative_clause_takes_its_antecedent_as_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The rebels, who have long refused to negotiate with the government, attacked an "
        "army post.",
        {"The rebels": "SDN REB", "the government": "SDN GOV"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "REJECT")
    assert (_codes(event.source), _codes(event.target)) == (["SDN REB"], ["SDN GOV"])
    assert "roles.relative-clause" in event.evidence.rules


def test_an_apposition_to_a_coded_head_is_the_same_actor(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Hamas, the Palestinian militant group, released two Israeli hostages.",
        {"Hamas": "Hamas", "the Palestinian militant group": "PSE REB", "Israeli": "ISR"},
    )
    (event,) = pipeline.code_events(ad)
    assert _codes(event.source) == ["Hamas"]
    assert "roles.apposition-head" in event.evidence.rules


def test_a_title_of_a_country_is_one_actor_not_two(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The president of Kenya accused Somalia of harbouring militants.",
        {"The president": "KEN GOV", "Kenya": "KEN", "Somalia": "SOM GOV"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "ACCUSE")
    assert (_codes(event.source), _codes(event.target)) == (["KEN GOV"], ["SOM GOV"])
    assert "roles.phrase-head" in event.evidence.rules


# -- asides between subject and verb ----------------------------------------------------------


def test_dash_aside_between_subject_and_verb_is_skipped(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Turkish president – speaking after talks in Ankara – condemned Syria.",
        {"The Turkish president": "TUR GOV", "Syria": "SYR GOV"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "ACCUSE")
    assert (_codes(event.source), _codes(event.target)) == (["TUR GOV"], ["SYR GOV"])


def test_comma_aside_between_subject_and_verb_is_skipped(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Pakistani army, citing security concerns, closed the border with Afghanistan.",
        {"The Pakistani army": "PAK MIL", "Afghanistan": "AFG GOV"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "COERCE")
    assert (_codes(event.source), _codes(event.target)) == (["PAK MIL"], ["AFG GOV"])


# -- first person in a quote ------------------------------------------------------------------


def test_we_in_a_quote_is_the_speakers_side(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        '"We will strike back," the Iranian defence minister said.',
        {"the Iranian defence minister": "IRN GOV"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, _codes(event.source)) == ("THREATEN", ["IRN GOV"])
    assert "roles.speaker-side" in event.evidence.rules


def test_us_and_our_in_a_quote_are_the_speakers_side_not_they(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        '"They shelled our positions overnight," the Ukrainian army said.',
        {"the Ukrainian army": "UKR MIL"},
    )
    (event,) = pipeline.code_events(ad)
    assert event.type == "ASSAULT"
    assert _codes(event.target) == ["UKR MIL"]
    assert not any(a.code for a in event.source)  # "they" in a quote is not the speaker
    assert "roles.speaker-side" in event.evidence.rules


# -- noun phrases that are not actors ---------------------------------------------------------


def test_a_thing_as_object_gives_way_to_the_doer_of_its_participle(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Peru criticised the sanctions imposed by Chile.",
        {"Peru": "PER GOV", "Chile": "CHL GOV"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, _codes(event.source), _codes(event.target)) == (
        "ACCUSE",
        ["PER GOV"],
        ["CHL GOV"],
    )
    assert "roles.actor-in-phrase" in event.evidence.rules


def test_a_thing_as_object_gives_way_to_its_by_phrase(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Bolivia rejected the latest proposal by Chile.",
        {"Bolivia": "BOL GOV", "Chile": "CHL GOV"},
    )
    (event,) = _of_type(pipeline.code_events(ad), "REJECT")
    assert _codes(event.target) == ["CHL GOV"]


def test_a_thing_with_no_actor_in_it_leaves_the_role_empty(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Bolivia welcomed the talks.", {"Bolivia": "BOL GOV"})
    (event,) = pipeline.code_events(ad)
    assert (event.type, _codes(event.source), event.target) == ("SUPPORT", ["BOL GOV"], [])
    assert "roles.not-an-actor" in event.evidence.rules


def test_a_thing_as_object_gives_way_to_an_actor_in_the_verbs_phrase(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Chilean navy fired missiles at a Peruvian patrol boat.",
        {"The Chilean navy": "CHL MIL"},
    )
    (event,) = pipeline.code_events(ad)
    assert [a.text for a in event.target] == ["a Peruvian patrol boat"]
    assert "roles.actor-in-verb-phrase" in event.evidence.rules


def test_a_thing_is_never_a_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline, "The sanctions hit Peruvian banks hard.", {"Peruvian banks": "PER BUS"}
    )
    (event,) = pipeline.code_events(ad)
    assert (event.source, _codes(event.target)) == ([], ["PER BUS"])


def test_an_event_noun_subject_gives_way_to_its_by_phrase(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "An attack by the Taliban killed five policemen.",
        {"policemen": "AFG COP"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.evidence.trigger == "killed"]
    assert [a.text for a in event.source] == ["the Taliban"]
    assert _codes(event.target) == ["AFG COP"]


# -- event nouns ------------------------------------------------------------------------------


def test_an_event_noun_with_a_named_but_uncoded_doer_is_kept(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "An attack by the Taliban on Sunday left five police officers dead.",
        {"police officers": "AFG COP"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.evidence.trigger == "attack"]
    assert event.type == "ASSAULT" and [a.text for a in event.source] == ["the Taliban"]


def test_an_event_noun_under_an_ordinary_verb_is_not_its_subjects_act(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "Kenya documented the attack on Somalia.",
        {"Kenya": "KEN GOV", "Somalia": "SOM GOV"},
    )
    events = _of_type(pipeline.code_events(ad), "ASSAULT")
    assert events and all("KEN GOV" not in _codes(e.source) for e in events)


def test_an_event_noun_under_a_support_verb_is_its_subjects_act(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Kenya launched an attack on Somalia.",
        {"Kenya": "KEN GOV", "Somalia": "SOM GOV"},
    )
    (event,) = pipeline.code_events(ad)
    assert (_codes(event.source), _codes(event.target)) == (["KEN GOV"], ["SOM GOV"])


# -- PLOVER conventions (cue data: [intent] in event_cues.toml) -------------------------------


def test_an_announced_meeting_is_agree(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile is ready to hold talks with Peru, its foreign minister said.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    event = _only(pipeline.code_events(ad), "hold talks")
    assert (event.type, event.cameo, event.status) == ("AGREE", "03", "occurred")
    assert "intent.meeting" in event.evidence.rules


def test_a_conditional_meeting_is_agree(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile would meet Peru if the border were reopened.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    event = _only(pipeline.code_events(ad), "meet")
    assert (event.type, event.cameo) == ("AGREE", "03")
    assert "intent.meeting" in event.evidence.rules


def test_a_scheduled_or_foretold_meeting_stays_consult(pipeline: Pipeline) -> None:
    for text in (
        "Chile is scheduled to meet Peru on Monday.",
        "Chile said it would meet Peru next week.",
    ):
        ad = annotated(pipeline, text, {"Chile": "CHL GOV", "Peru": "PER GOV"})
        event = _only(pipeline.code_events(ad), "meet")
        assert (event.type, event.status) == ("CONSULT", "planned"), text


def test_a_conditional_protest_is_a_threat(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Peruvian truckers will blockade the highways if fuel prices rise.",
        {"Peruvian truckers": "PER LAB"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.cameo) == ("THREATEN", "13")
    assert "intent.conditional-threat" in event.evidence.rules


def test_a_conditional_sanction_is_a_threat(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile will impose sanctions on Peru if the border stays closed, a minister said.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    event = _only(pipeline.code_events(ad), "impose sanctions")
    assert (event.type, _codes(event.source), _codes(event.target)) == (
        "THREATEN",
        ["CHL GOV"],
        ["PER GOV"],
    )


def test_accepting_or_meeting_demands_is_concede(pipeline: Pipeline) -> None:
    actors = {"The junta": "MLI GOV", "the protesters": "MLI CVL"}
    for text, trigger in (
        ("The junta accepted the demands of the protesters.", "accepted"),
        ("The junta met the demands of the protesters.", "met"),
    ):
        ad = annotated(pipeline, text, actors)
        event = _only(pipeline.code_events(ad), trigger)
        assert (event.type, event.cameo, _codes(event.source)) == ("CONCEDE", "08", ["MLI GOV"])
        assert "intent.concede-demands" in event.evidence.rules


def test_not_meeting_demands_is_reject(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The junta did not meet the demands of the protesters.",
        {"The junta": "MLI GOV", "the protesters": "MLI CVL"},
    )
    event = _only(pipeline.code_events(ad), "meet")
    assert (event.type, event.cameo, event.status) == ("REJECT", "12", "occurred")


def test_failing_to_agree_is_reject(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile and Peru failed to agree on a ceasefire.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = pipeline.code_events(ad)
    assert events and all(e.type == "REJECT" and e.cameo == "12" for e in events)
    assert all("intent.failed-to-agree" in e.evidence.rules for e in events)
    assert all(e.status == "occurred" for e in events)


def test_not_agreeing_is_reject(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile and Peru did not agree on a border deal.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = pipeline.code_events(ad)
    assert events and all(e.type == "REJECT" for e in events)


def test_demand_and_insist_carry_cameo_root_10(pipeline: Pipeline) -> None:
    actors = {"Chile": "CHL GOV", "Peru": "PER GOV"}
    for text, trigger in (
        ("Chile demanded that Peru reopen the border.", "demanded"),
        ("Chile insisted that Peru reopen the border.", "insisted"),
    ):
        event = _only(pipeline.code_events(annotated(pipeline, text, actors)), trigger)
        assert (event.type, event.cameo) == ("REQUEST", "10"), text
        assert "intent.demand" in event.evidence.rules
    urged = "Chile urged Peru to reopen the border."
    event = _only(pipeline.code_events(annotated(pipeline, urged, actors)), "urged")
    assert (event.type, event.cameo) == ("REQUEST", "02")


def test_an_act_someone_is_reluctant_to_do_has_not_happened(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile, which has been reluctant to send troops, agreed to supply Peru with radars.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    event = _only(pipeline.code_events(ad), "send troops")
    assert event.status == "hypothetical"


def test_i_in_a_quote_is_the_speaker(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        '"I will meet the Peruvian president next week," the Chilean president said.',
        {"the Peruvian president": "PER GOV", "the Chilean president": "CHL GOV"},
    )
    event = _only(pipeline.code_events(ad), "meet")
    assert (_codes(event.source), _codes(event.target)) == (["CHL GOV"], ["PER GOV"])
