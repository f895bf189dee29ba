"""Coverage taken from the PLOVER codebook and CAMEO, on sentences written for these tests.

Each rule here names a general pattern of news wording for a type the codebook defines (CAMEO
codes in ``../shared/gold/cameo2plover_2021.csv``); none of these sentences is in
``examples/gold/codebook/codebook.jsonl`` or any gold file. Each goes through the whole
pipeline as a one-line document, the way ``dateline evaluate`` reads a sentence gold file.
"""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events, main_type

pytestmark = pytest.mark.slow


# -- MOBILIZE: police and security build-ups (CAMEO 151, 153) and deployment nouns ----------


@pytest.mark.parametrize(
    "text",
    [
        "Peruvian authorities tightened security around the presidential palace on Sunday.",
        "The Bolivian government sent hundreds of extra police to the mining town.",
    ],
)
def test_more_police_or_security_is_a_mobilisation(pipeline: Pipeline, text: str) -> None:
    events = main_events(pipeline, text)
    assert events and events[0].type == "MOBILIZE"
    assert events[0].mode == "police"


def test_stepping_up_is_no_retreat(pipeline: Pipeline) -> None:
    """ "step" alone is no retreat; "step down/back/aside" are (retreat.light)."""
    text = "Indonesian police stepped up security at churches before the holiday."
    assert main_type(pipeline, text) == "MOBILIZE"
    assert main_type(pipeline, "Malawi's army chief stepped aside on Tuesday.") == "RETREAT"


def test_a_deployment_noun_with_its_actor_is_a_mobilisation(pipeline: Pipeline) -> None:
    text = "The deployment of Rwandan troops to the province began last week."
    assert main_type(pipeline, text) == "MOBILIZE"


# -- CONCEDE: clemency and giving in (CAMEO 08) ------------------------------------------------


def test_granting_an_amnesty_is_a_concession_not_aid(pipeline: Pipeline) -> None:
    text = "Ecuador's president granted an amnesty to hundreds of jailed demonstrators."
    assert main_type(pipeline, text) == "CONCEDE"


def test_offering_concessions_stays_a_promise(pipeline: Pipeline) -> None:
    """CAMEO 03: an offer is intent (AGREE), not the concession itself."""
    text = "Ukraine's negotiators offered concessions on the grain corridor."
    assert main_type(pipeline, text) == "AGREE"


@pytest.mark.parametrize(
    "text",
    [
        "The Ghanaian government gave in to the nurses' demands after a two-week strike.",
        "Romania's cabinet bowed to pressure from the street and withdrew the decree.",
    ],
)
def test_giving_in_or_bowing_to_pressure_is_a_concession(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


def test_giving_aid_to_someone_is_no_giving_in(pipeline: Pipeline) -> None:
    text = "Norway gave emergency aid to Somalia."
    assert main_type(pipeline, text) == "AID"


# -- RETREAT: lifting economic sanctions (CAMEO 085) --------------------------------------------


def test_lifting_economic_sanctions_is_a_retreat(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "The European Union eased its embargo on Iranian oil in January."
    )
    assert events and events[0].type == "RETREAT"
    assert events[0].mode == "ease"


def test_lifting_a_political_ban_stays_a_concession(pipeline: Pipeline) -> None:
    """CAMEO 081/0812: easing a ban on parties or rallies is CONCEDE."""
    text = "Togo's government lifted the ban on opposition marches in the capital."
    assert main_type(pipeline, text) == "CONCEDE"


# -- REJECT: ruling out (CAMEO 12), and declining to comment is no refusal --------------------


def test_ruling_out_is_a_rejection(pipeline: Pipeline) -> None:
    text = "Armenia's prime minister ruled out a referendum on the constitution."
    assert main_type(pipeline, text) == "REJECT"


def test_declining_to_comment_refuses_nothing(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "A spokesman for the Danish embassy declined to comment.") == "NONE"
    text = "The Iraqi government declined to hand over the suspects."
    assert main_type(pipeline, text) == "REJECT"


# -- COOPERATE: working with another actor (CAMEO 06), and its purpose clause ---------------


def test_working_with_another_force_is_cooperation(pipeline: Pipeline) -> None:
    text = "Italian police worked with Albanian officers to break up a drug network."
    assert main_type(pipeline, text) == "COOPERATE"


def test_working_with_others_to_do_an_act_is_that_act(pipeline: Pipeline) -> None:
    """The carrier gives way to the act in its purpose clause (``carrier_triggers``)."""
    text = "Canada worked with its allies to impose new sanctions on Belarus."
    assert main_type(pipeline, text) == "SANCTION"


# -- CONCEDE: admitting fault; ACCUSE: naming the one to blame (CAMEO 112) --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chile's navy admitted that its sailors had fired on the fishing boat.",
        "The Greek coast guard accepted responsibility for the collision.",
    ],
)
def test_admitting_fault_is_a_concession(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


def test_admitting_visitors_is_no_admission(pipeline: Pipeline) -> None:
    text = "The rebels admitted two journalists to their camp."
    assert main_type(pipeline, text) != "CONCEDE"


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police identified the gunman as a 30-year-old student.",
        "Nigerian officials attributed the kidnapping to Boko Haram militants.",
    ],
)
def test_naming_the_one_to_blame_is_an_accusation(pipeline: Pipeline, text: str) -> None:
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"
    assert events[0].mode == "allege"


def test_the_one_alleged_to_have_acted_is_the_target(pipeline: Pipeline) -> None:
    """CAMEO 112: "alleged that X had shelled ..." accuses X (``clause_target_types``)."""
    text = "Georgian officials alleged that Russian troops had moved the boundary fence."
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"
    assert any(a.code and a.code.startswith("RUS") for a in events[0].target)


# -- second round: wording the first triggers missed -----------------------------------------


def test_taking_part_in_a_joint_exercise_is_cooperation(pipeline: Pipeline) -> None:
    text = "Mongolian soldiers took part in a joint drill with Indian troops last month."
    assert main_type(pipeline, text) == "COOPERATE"


def test_ordering_the_army_out_is_a_mobilisation(pipeline: Pipeline) -> None:
    """The act in the purpose clause ("to fight crime") does not hide the deployment."""
    text = "Honduras's president ordered the army into the streets to fight extortion gangs."
    assert main_type(pipeline, text) == "MOBILIZE"


def test_a_name_the_parser_takes_for_an_adverb_is_the_subject(pipeline: Pipeline) -> None:
    """ "Azerbaijan massed troops": a name before a subjectless finite verb is its subject."""
    events = main_events(pipeline, "Belarus massed troops near the Lithuanian border.")
    assert events and events[0].type == "MOBILIZE"
    assert any(a.code and a.code.startswith("BLR") for a in events[0].source)


def test_brushing_aside_is_a_rejection(pipeline: Pipeline) -> None:
    text = "Hungary's prime minister brushed aside calls for an inquiry into the contracts."
    assert main_type(pipeline, text) == "REJECT"


def test_handing_back_property_is_a_retreat(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "The Zambian government handed back the confiscated mine to its owners."
    )
    assert events and events[0].type == "RETREAT"
    assert events[0].mode == "return"


@pytest.mark.parametrize(
    "text",
    [
        "Kuwait deposited $2 billion in Egypt's central bank.",
        "Blankets and tents were airlifted into Afghanistan by the Uzbek government.",
        "Greek firefighters pulled survivors from the wreckage of the train.",
        "Poland has taken in more than a million refugees from Ukraine.",
    ],
)
def test_money_relief_rescue_and_shelter_are_aid(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "AID"


def test_flying_jets_is_no_aid(pipeline: Pipeline) -> None:
    """aid.carry takes relief nouns only: the same verbs move weapons."""
    assert main_type(pipeline, "Russia flew two bombers over the Baltic Sea on Tuesday.") != "AID"


def test_a_vowed_response_is_a_threat(pipeline: Pipeline) -> None:
    text = "North Korea promised a merciless response if South Korean drills went ahead."
    assert main_type(pipeline, text) == "THREATEN"


def test_a_show_of_force_done_jointly_is_cooperation(pipeline: Pipeline) -> None:
    """intent.joint: "jointly patrolling" is military cooperation (CAMEO 062)."""
    text = "Senegalese and Gambian navies are jointly patrolling the river mouth."
    assert main_type(pipeline, text) == "COOPERATE"
    assert main_type(pipeline, "Senegal's navy is patrolling the river mouth.") == "MOBILIZE"


# -- third round: accusations in set phrases, blocked bids, shared information ----------------


@pytest.mark.parametrize(
    "text",
    [
        "Chad's foreign ministry expressed indignation at the Sudanese border raids.",
        "Cambodia's prime minister pointed the finger at Thailand for the border clash.",
        "Ecuador took Mexico to the International Court of Justice over the embassy raid.",
        "Lebanese investigators questioned the former central bank governor on Thursday.",
    ],
)
def test_set_phrases_of_blame_are_accusations(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


def test_blocking_a_bid_is_a_rejection(pipeline: Pipeline) -> None:
    text = "Paraguay's senate blocked the president's attempt to change the constitution."
    assert main_type(pipeline, text) == "REJECT"


def test_blocking_a_road_stays_a_protest(pipeline: Pipeline) -> None:
    text = "Bolivian farmers blocked the main highway to La Paz on Monday."
    assert main_type(pipeline, text) == "PROTEST"


def test_exchanging_intelligence_is_cooperation(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "Morocco and Spain exchanged intelligence on the smuggling network."
    )
    assert events and events[0].type == "COOPERATE"
    assert events[0].context == "intelligence"


def test_giving_up_a_town_is_a_retreat(pipeline: Pipeline) -> None:
    text = "Somali militants have abandoned the coastal town after weeks of fighting."
    assert main_type(pipeline, text) == "RETREAT"


def test_agreeing_to_a_demand_is_a_concession(pipeline: Pipeline) -> None:
    """intent.concede-demands: the demand may be what one agrees "to" (CAMEO 083)."""
    text = "Malawi's government agreed to the teachers' demand for a pay rise."
    assert main_type(pipeline, text) == "CONCEDE"
    assert (
        main_type(pipeline, "Malawi's government agreed to a new loan from the IMF.") != "CONCEDE"
    )


def test_a_retaliation_announced_is_a_threat(pipeline: Pipeline) -> None:
    """ "retaliate" is an attack; under "would" the hostile-modal convention makes it a threat."""
    text = "Beijing said it would retaliate against any new tariffs on Chinese steel."
    assert main_type(pipeline, text) == "THREATEN"


def test_declaring_a_mobilisation_is_a_mobilisation(pipeline: Pipeline) -> None:
    text = "Tajikistan has declared a general mobilisation of reservists."
    assert main_type(pipeline, text) == "MOBILIZE"


@pytest.mark.parametrize(
    "text",
    [
        "Brazil's foreign minister called the Venezuelan decision illegal.",
        "The Polish government described the Belarusian border policy as reckless and inhumane.",
    ],
)
def test_branding_an_act_unlawful_or_reckless_is_disapproval(pipeline: Pipeline, text: str) -> None:
    """accuse.label takes judging adjectives, also a bare adjective the parser hangs on "as"."""
    assert main_type(pipeline, text) == "ACCUSE"


def test_calling_talks_useful_is_no_accusation(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "The Thai prime minister described the visit as useful.") != "ACCUSE"


def test_drills_held_alone_are_a_show_of_force(pipeline: Pipeline) -> None:
    """intent.show-of-force: no partner named, the drills demonstrate power (CAMEO 150)."""
    events = main_events(pipeline, "Iran's navy staged drills near the Strait of Hormuz on Friday.")
    assert events and events[0].type == "MOBILIZE"
    text = "Iran's navy held drills with Russian warships near the Strait of Hormuz."
    assert main_type(pipeline, text) == "COOPERATE"
    assert main_type(pipeline, "Egypt held a joint exercise near the border.") == "COOPERATE"
