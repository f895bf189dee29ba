"""General patterns of real news wording, on sentences written for these tests in news style.

Each sentence goes through the whole pipeline (actor annotator included) as a one-line
document, the way ``dateline evaluate`` reads a sentence gold file, and the sentence's main
event (``main_event``) is checked; a second document checks that article text keeps the
filters that protect its precision.
"""

from __future__ import annotations

import pytest

from dateline.evaluate import line_document
from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events, main_type

pytestmark = pytest.mark.slow


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
    events = main_events(pipeline, text)
    assert events and events[0].type == type_
    assert any(a.code or a.sector for e in events for a in e.source)


def test_a_phrase_takes_the_sector_of_its_head_noun_only(pipeline: Pipeline) -> None:
    """ "the gate of the police station" is not the police: no sector, no event."""
    assert (
        main_type(pipeline, "The gate of the old police station was damaged overnight.") == "NONE"
    )


# -- personal pronouns at the start of a text --------------------------------------------------


def test_a_person_pronoun_opening_an_excerpt_stands_for_someone_named_before(
    pipeline: Pipeline,
) -> None:
    """A sentence read alone that opens with "They" or "He" continues a story: the arrest,
    the charge, happened to someone."""
    assert main_type(pipeline, "They arrested a 40-year-old man on suspicion of arson.") == "COERCE"
    assert main_type(pipeline, "He was accused of taking bribes from a building firm.") == "ACCUSE"


def test_a_subject_pronoun_later_in_an_article_still_stands_for_someone(
    pipeline: Pipeline,
) -> None:
    """ "They released him on bail" three sentences in: whoever "they" are, they acted (the
    coreference found no one, as often for police or a ministry named long before); an
    object pronoun alone ("urged them") names no one who acted."""
    text = (
        "The storm closed three ports along the coast on Tuesday. "
        "Ferries stayed in harbour for a second day. "
        "They released the two ferry captains on bail on Wednesday."
    )
    coded = pipeline.code(line_document(text, 1, "test"))
    assert [e.type for e in coded.events if e.evidence.trigger == "released"] == ["RETREAT"]
    text = (
        "The storm closed three ports along the coast on Tuesday. "
        "Ferries stayed in harbour for a second day. "
        "The notice urged them to stay indoors."
    )
    coded = pipeline.code(line_document(text, 1, "test"))
    assert not [e for e in coded.events if e.evidence.trigger == "urged"]


def test_declining_to_describe_or_confirm_is_no_refusal(pipeline: Pipeline) -> None:
    """ "declined to describe / confirm / name": a question refused, not a demand (PLOVER
    codes no event)."""
    for verb in ("describe the damage", "confirm the figure", "name the two captains"):
        text = f"The Chilean harbour master declined to {verb}."
        assert main_type(pipeline, text) == "NONE", verb


def test_a_pronoun_reaches_a_named_person_and_undergoes_a_verdict(pipeline: Pipeline) -> None:
    """ "A jury convicted Marcus Tellford. He was given a suspended sentence.": "He" is the
    man convicted (the main clause's object outranks a name in a relative clause), named
    though not coded, and the one sentenced, not the sentencer."""
    text = (
        "A federal jury convicted Marcus Tellford, who had sued Mayor Dana Hale, on Tuesday. "
        "He was given a two-year suspended sentence."
    )
    coded = pipeline.code(line_document(text, 1, "test"))
    verdict = [e for e in coded.events if "given" in e.evidence.trigger]
    assert [e.type for e in verdict] == ["COERCE"]
    assert verdict[0].source == []
    assert [a.name for a in verdict[0].target] == ["Marcus Tellford"]


# -- the parser's subordinators are not the verb's particles ------------------------------------


def test_call_for_someone_to_act_is_a_request(pipeline: Pipeline) -> None:
    """ "calling for X to resign": "for" introduces the infinitive clause (the parser's
    `mark`); the verb still takes it, and the resignation is the content of the demand."""
    text = "The opposition party is calling for the regional governor to resign immediately."
    assert main_type(pipeline, text) == "REQUEST"


def test_be_going_to_is_the_future_not_a_visit(pipeline: Pipeline) -> None:
    """ "are going to guard": the infinitive's "to" is no particle of "go" (CAMEO +GO_TO)."""
    coded = pipeline.code(
        line_document("The new battalions are going to guard the northern border.", 1, "test")
    )
    assert not [e for e in coded.events if e.evidence.trigger == "going"]


# -- common news wording the trigger data now covers ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # readouts: "spoke with" is a consultation
        ("The foreign minister spoke on Tuesday with her Japanese counterpart.", "CONSULT"),
        # verdicts and sentences
        ("The former senator was found guilty of fraud.", "COERCE"),
        ("The opposition leader was given a five-year prison sentence.", "COERCE"),
        # legal accusations
        ("Federal prosecutors unsealed new charges against the businessman.", "ACCUSE"),
        ("The former minister faces six counts of bribery.", "ACCUSE"),
        # designation for sanctions
        ("The Treasury Department designated three Iranian companies on Thursday.", "SANCTION"),
        # withdrawal and release as nouns carried by a verb
        ("Moscow announced a full withdrawal of its troops from the border area.", "RETREAT"),
        ("Qatar secured the release of four hostages held in Gaza.", "RETREAT"),
        # a stated commitment or solidarity
        ("The president underscored Britain's commitment to the alliance.", "SUPPORT"),
        ("The ministers highlighted their solidarity with Moldova.", "SUPPORT"),
        # taking part in an exercise; cooperation
        ("Japanese and Australian sailors participated in a joint naval exercise.", "COOPERATE"),
        ("Thailand increased cooperation with the navies of Malaysia and Vietnam.", "COOPERATE"),
        # coercion, poisoning, redeployment
        ("Chinese authorities quarantined two towns near the border.", "COERCE"),
        ("The Russian dissident was poisoned with a nerve agent, German doctors said.", "ASSAULT"),
        ("About 500 American marines will reposition to Norway next month.", "MOBILIZE"),
    ],
)
def test_common_news_wording(pipeline: Pipeline, text: str, type_: str) -> None:
    assert main_type(pipeline, text) == type_


# -- an act reported before anyone in it is named ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Street protests continued for a third night in the capital.", "PROTEST"),
        ("Heavy fighting broke out again on Sunday.", "ASSAULT"),
        ("Two rockets struck an army depot overnight.", "ASSAULT"),
        ("The bombing killed nine people at a bus station.", "ASSAULT"),
    ],
)
def test_an_event_reported_as_happening_needs_no_named_participant(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """An event noun as the subject of a verb of occurring, or a weapon or attack as the
    subject of a verb of violence: the act is reported though its doer is not named."""
    assert main_type(pipeline, text) == type_


def test_an_event_noun_that_only_qualifies_still_needs_a_participant(pipeline: Pipeline) -> None:
    """ "the talks" as an object, with no one named, still says nothing of who took part."""
    assert main_type(pipeline, "The weather delayed the talks.") == "NONE"


# -- a verb's object can rule a reading out ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("The naval drills demonstrated the alliance's readiness to respond.", "PROTEST"),
        ("The defence ministry released a statement on the border incident.", "RETREAT"),
    ],
)
def test_an_object_that_rules_the_trigger_out(pipeline: Pipeline, text: str, not_type: str) -> None:
    """ "demonstrated its readiness" shows, "released a statement" publishes."""
    assert main_type(pipeline, text) != not_type


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Thousands of farmers demonstrated outside parliament on Saturday.", "PROTEST"),
        ("Rebel fighters released two Italian aid workers on Friday.", "RETREAT"),
    ],
)
def test_without_that_object_the_trigger_still_fires(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- a demand voiced through a modal ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister said Iran should free the detained sailors at once.",
        "The senator said the governor needs to resign over the scandal.",
    ],
)
def test_said_someone_should_or_needs_to_act_is_a_request(pipeline: Pipeline, text: str) -> None:
    """ "said X should ...", "said X needs to ...": the speaker demands it of X, whatever the
    act; the act itself is the content of the demand."""
    assert main_type(pipeline, text) == "REQUEST"


def test_talks_that_continue_still_need_their_parties(pipeline: Pipeline) -> None:
    """Crowds and combatants often go unnamed; the parties to talks were named before."""
    assert main_type(pipeline, "The talks continued late into the night.") == "NONE"


# -- a verdict on an act ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The shelling of the maternity hospital is unacceptable, the Polish foreign minister said.",
        "Sweden's foreign ministry said the missile launch was a clear violation of the treaty.",
        "The sham elections in the occupied region are a travesty.",
    ],
)
def test_a_verdict_on_an_act_is_an_accusation(pipeline: Pipeline, text: str) -> None:
    """ "X is unacceptable", "X was a violation of ...": a condemnation by whoever says so."""
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"


def test_the_speaker_of_a_verdict_is_its_source(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "Sweden's foreign ministry said the missile launch was a clear violation."
    )
    assert [a.code for a in events[0].source] == ["SWE GOV"]
    assert "roles.speaker-judges" in events[0].evidence.rules


def test_noting_with_concern_is_an_accusation(pipeline: Pipeline) -> None:
    """ "We note with deep concern that the government continues to jail reporters": the
    concern is the act; the jailing is what it is about."""
    text = "Britain notes with deep concern that the junta continues to jail reporters."
    assert main_type(pipeline, text) == "ACCUSE"


def test_imposing_costs_is_a_sanction(pipeline: Pipeline) -> None:
    text = "The European Union imposed severe economic costs on Belarus last year."
    assert main_type(pipeline, text) == "SANCTION"


# -- the main event of a sentence -----------------------------------------------------------------


def test_a_refusal_made_of_a_negated_promise_stands(pipeline: Pipeline) -> None:
    """ "will not send troops" is the refusal (REJECT) it was made into."""
    assert main_type(
        pipeline, "Italy will not send troops to Libya, the defence minister said."
    ) == ("REJECT")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Polish and Dutch marines participated in Exercise Northern Shield.", "COOPERATE"),
        ("We are grateful to Norway for its support.", "SUPPORT"),
        ("Canada appreciates Japan's efforts to rebuild the port.", "SUPPORT"),
    ],
)
def test_named_exercises_and_gratitude(pipeline: Pipeline, text: str, type_: str) -> None:
    """A named event's common noun says its kind ("Exercise Northern Shield"); gratitude
    and appreciation are support."""
    assert main_type(pipeline, text) == type_


@pytest.mark.parametrize(
    "text",
    [
        "The interior minister called the bombing an act of barbarity.",
        "Ankara branded the Kurdish militia terrorists.",
        "The prosecutor characterized the shooting as terrorism.",
    ],
)
def test_labelling_with_a_charge_is_an_accusation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


def test_describing_without_a_charge_is_not(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "The minister described the war as a turning point.") != "ACCUSE"


# -- an act announced through the verb it serves --------------------------------------------------


def test_a_purpose_infinitive_is_announced_by_its_governors_modal(pipeline: Pipeline) -> None:
    """ "will work with its allies to impose new sanctions": a hostile act announced is a
    threat, as "will impose" is."""
    text = "Britain will work with its allies to impose new sanctions on Iran."
    assert main_type(pipeline, text) == "THREATEN"


def test_a_purpose_clause_of_a_past_act_stays_as_it_is(pipeline: Pipeline) -> None:
    text = "Britain worked with its allies to impose new sanctions on Iran."
    assert main_type(pipeline, text) == "SANCTION"


def test_commuting_a_sentence_is_a_concession(pipeline: Pipeline) -> None:
    text = "The president commuted the death sentences of two opposition activists."
    assert main_type(pipeline, text) == "CONCEDE"


def test_an_act_that_will_continue_is_not_a_promise(pipeline: Pipeline) -> None:
    """ "will continue to support": support going on, not a new act announced (AGREE)."""
    text = "Germany will continue to support the Moldovan government, the chancellor said."
    assert main_type(pipeline, text) == "SUPPORT"


# -- demands, calls and reaffirmed alignment ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The Danish foreign minister warned that Belarus must free the detained "
            "journalists at once.",
            "DNK",
            "BLR",
        ),
        (
            "The Kenyan president made clear that Somalia should withdraw its troops from "
            "the border.",
            "KEN",
            "SOM",
        ),
    ],
)
def test_a_must_clause_under_a_warning_is_a_demand_of_the_speaker(
    pipeline: Pipeline, text: str, source: str, target: str
) -> None:
    """ "warned that X must", "made clear that X should": what must be done is demanded
    (CAMEO 10); the warning itself is no threat."""
    events = main_events(pipeline, text)
    assert [e.type for e in events] == ["REQUEST"]
    assert events[0].evidence.rule == "request.must"
    assert (events[0].source[0].code or "").startswith(source)
    assert (events[0].target[0].code or "").startswith(target)


def test_a_warning_of_what_will_happen_stays_a_threat(pipeline: Pipeline) -> None:
    assert (
        main_type(pipeline, "The Danish minister warned that Belarus would face new sanctions.")
        != "REQUEST"
    )


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Norwegian envoy repeated calls for an immediate ceasefire in the region.", "NOR"),
        ("Polish officials renewed their call for a full inquiry into the crash.", "POL"),
    ],
)
def test_a_call_for_something_is_a_request(pipeline: Pipeline, text: str, source: str) -> None:
    events = main_events(pipeline, text)
    assert events and events[0].type == "REQUEST"
    assert events[0].evidence.rule == "request.call-noun"
    assert (events[0].source[0].code or "").startswith(source)


def test_a_call_without_for_is_no_request(pipeline: Pipeline) -> None:
    """ "two phone calls" or "the call lasted an hour" ask nothing."""
    events = main_events(pipeline, "The Norwegian envoy made two calls to the embassy on Friday.")
    assert all(e.evidence.rule != "request.call-noun" for e in events)


def test_a_possessor_owns_the_demand_a_support_verb_repeats(pipeline: Pipeline) -> None:
    """ "repeating Serbia's demand that ...": Serbia demanded; the speaker only repeats it."""
    events = main_events(
        pipeline, "The Serbian envoy's deputy, repeating Serbia's demand for talks, left early."
    )
    assert events and events[0].type == "REQUEST"
    assert (events[0].source[0].code or "").startswith("SRB")


def test_counting_on_someone_to_act_is_a_request(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, '"We count on Serbia to show restraint," the Austrian chancellor wrote.'
    )
    assert events and events[0].type == "REQUEST"
    assert (events[0].target[0].code or "").startswith("SRB")


def test_remaining_an_ally_is_support(pipeline: Pipeline) -> None:
    """A reaffirmed alignment (CAMEO 051): "remains a close ally of", "remains unwavering"."""
    events = main_events(pipeline, "Canada remains a close ally of Ukraine, the minister said.")
    assert events and events[0].type == "SUPPORT"
    assert (events[0].source[0].code or "").startswith("CAN")
    assert (events[0].target[0].code or "").startswith("UKR")
    assert main_type(pipeline, "Prices remained high in the capital all week.") == "NONE"


def test_joining_a_body_of_partners_is_cooperation(pipeline: Pipeline) -> None:
    events = main_events(pipeline, "Portugal joined the regional security alliance in 1999.")
    assert events and events[0].type == "COOPERATE"
    assert events[0].evidence.rule == "cooperate.join"
    assert main_type(pipeline, "Two students joined the queue outside the embassy.") == "NONE"


def test_be_to_with_an_infinitive_is_a_planned_act(pipeline: Pipeline) -> None:
    """ "Ghana is to join the bloc": English's scheduled future."""
    events = main_events(pipeline, "Ghana is to join the regional security alliance next month.")
    assert events and events[0].status == "planned"
    assert "status.be-to" in events[0].evidence.rules


def test_inflicting_losses_in_combat_is_an_assault(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "The militia inflicted heavy losses on government troops near the border."
    )
    assert events and events[0].type == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "The Swedish government is gravely concerned by reports that Belarusian police beat "
        "detained students.",
        "Canada remains deeply troubled about the arrests of journalists in Minsk.",
    ],
)
def test_a_stated_concern_is_disapproval_by_the_one_concerned(
    pipeline: Pipeline, text: str
) -> None:
    """ "is concerned by reports that ...": the subject disapproves (as "expressed concern"),
    whatever the parser makes of the passive; what is reported is the object of concern."""
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"
    assert (events[0].source[0].code or "")[:3] in ("SWE", "CAN")


def test_a_resignation_filed_is_a_retreat(pipeline: Pipeline) -> None:
    events = main_events(pipeline, "The Finnish minister filed his resignation on Friday.")
    assert events and events[0].type == "RETREAT"
    assert events[0].evidence.rule == "retreat.resignation"


def test_joint_training_begun_together_is_cooperation(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "Poland and Lithuania began their joint military training near the border."
    )
    assert {e.type for e in events} == {"COOPERATE"}
    assert {(e.source[0].code or "")[:3] for e in events} == {"POL", "LTU"}


@pytest.mark.parametrize(
    "text",
    [
        "A powerful earthquake hit the country on Sunday, killing dozens.",
        "The storm destroyed hundreds of homes in the Chilean port.",
    ],
)
def test_a_natural_hazard_acts_on_no_one(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "NONE"


@pytest.mark.parametrize(
    "text",
    [
        "Chile's opposition says it will not attend a meeting with government officials.",
        "The Peruvian president refused to meet the Chilean envoy in Lima.",
    ],
)
def test_a_meeting_turned_down_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REJECT"
    assert (
        main_type(pipeline, "The Peruvian president will meet the Chilean envoy in Lima on Friday.")
        == "CONSULT"
    )


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Today the Norwegian government announced more than $40 million in humanitarian "
         "assistance for the people of Sudan.", "AID"),
        ("The Danish foreign minister authorized $30 million in immediate humanitarian "
         "assistance to flood victims in Pakistan.", "AID"),
        ("Finland is dispatching two large medical deliveries to Beirut.", "AID"),
        ("Norway announced the suspension of aid to the junta.", "SANCTION"),
    ],
)  # fmt: skip
def test_announcing_aid_is_aid_and_announcing_its_suspension_a_sanction(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


def test_fighting_between_two_sides_is_an_assault_between_them(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "Fighting between Chilean and Peruvian troops broke out on Sunday."
    )
    assert events and events[0].type == "ASSAULT"
    codes = {(a.code or "")[:3] for e in events for a in e.source + e.target}
    assert codes == {"CHL", "PER"}


def test_an_event_noun_is_as_deep_as_the_verb_it_completes(pipeline: Pipeline) -> None:
    """ "entered into an agreement" is the main clause's act; an offensive in a clause of
    time ("after Peru began an offensive") is background."""
    text = (
        "The Chilean opposition announced it had entered into an agreement with the "
        "government after Peru began a military offensive on Wednesday."
    )
    assert main_type(pipeline, text) == "AGREE"


def test_the_people_of_an_act_are_no_measure_of_it(pipeline: Pipeline) -> None:
    """ "called on the organizers of the protest": the organizers are asked; the protest
    they organised is not what the verb does ("a package of sanctions" still is)."""
    text = "The Chilean minister called on the organizers of the protest to stop the violence."
    assert main_type(pipeline, text) == "REQUEST"
    assert main_type(pipeline, "The EU approved a package of sanctions against Minsk.") == (
        "SANCTION"
    )


def test_violence_by_protesters_is_a_riot(pipeline: Pipeline) -> None:
    """PLOVER codes a protest turned violent as PROTEST, mode riot; police clashing with
    protesters stays an assault by the police."""
    events = main_events(
        pipeline, "Protesters clashed with police in front of parliament and threw rocks."
    )
    assert events and (events[0].type, events[0].mode) == ("PROTEST", "riot")
    assert main_type(pipeline, "Police clashed with protesters outside the ministry.") == "ASSAULT"


# -- a readout's "spoke to": talks with a counterpart, a statement to the press --------------


def test_speaking_to_a_counterpart_is_consultation_to_reporters_is_not(
    pipeline: Pipeline,
) -> None:
    events = main_events(
        pipeline, "The Polish president spoke to his Lithuanian counterpart on Tuesday."
    )
    assert events and events[0].type == "CONSULT"
    assert [a.code for a in events[0].target] == ["LTU GOV"]
    for text in (
        "The Polish president spoke to reporters in Vilnius on Tuesday.",
        "The Lithuanian defence minister spoke to journalists after the parade.",
    ):
        assert main_type(pipeline, text) == "NONE", text


# -- one event per act: two triggers of one act in a sentence ---------------------------------


def _events(pipeline: Pipeline, text: str) -> list[tuple[str, list[str]]]:
    coded = pipeline.code(line_document(text, 1, "test"))
    return [(e.type, [a.text for a in e.target]) for e in coded.events]


def test_two_triggers_of_one_act_make_one_event(pipeline: Pipeline) -> None:
    # "killed ... and wounded ...": one strike, one event (the first trigger's).
    found = _events(
        pipeline, "A Russian drone strike on Sumy killed four people and wounded 11 others."
    )
    assert [t for t, _ in found] == ["ASSAULT"], found
    # Coordinated members stay one event each.
    found = _events(
        pipeline, "Canada and Australia said they would contribute engineers to the mission."
    )
    assert len(found) == 2, found


def test_two_acts_on_two_named_targets_stay_two(pipeline: Pipeline) -> None:
    text = "Russian forces shelled Kharkiv on Monday and shelled Sumy on Tuesday."
    found = _events(pipeline, text)
    assert sorted(t for _, targets in found for t in targets) == ["Kharkiv", "Sumy"], found


def test_a_conjunct_with_its_own_place_is_there(pipeline: Pipeline) -> None:
    text = (
        "French and German ministers met in Paris on Monday and signed the accord in Berlin "
        "on Tuesday."
    )
    coded = pipeline.code(line_document(text, 1, "test"))
    places = {e.type: e.place.name for e in coded.events if e.place is not None}
    assert places == {"CONSULT": "Paris", "SUPPORT": "Berlin"}, places


def test_a_city_struck_is_the_place_of_the_strike(pipeline: Pipeline) -> None:
    # The small model tags neither city; "struck X" / "shelled X" says X is a place.
    text = "Russian drones struck Kharkiv on Monday and shelled Odesa on Tuesday."
    coded = pipeline.code(line_document(text, 1, "test"))
    assert [(e.place.name if e.place else None) for e in coded.events] == ["Kharkiv", "Odesa"]
    assert {a.code for e in coded.events for a in e.target} == {"UKR"}


# -- blame laid in a statement ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Lithuanian foreign minister said Russia was behind the cyberattack on the railway.",
         "LTU GOV", "RUS"),
        ("Polish officials said Belarus was responsible for the arson attack on the depot.",
         "POL GOV", "BLR"),
        ("Russia was behind the sabotage, the Estonian prime minister said.", "EST GOV", "RUS"),
    ],
)  # fmt: skip
def test_the_one_blamed_is_the_target_the_speaker_the_source(
    pipeline: Pipeline, text: str, source: str, target: str
) -> None:
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE" and events[0].mode == "allege", events
    assert [a.code for a in events[0].source] == [source]
    assert [a.code for a in events[0].target] == [target]
    assert "roles.speaker-blames" in events[0].evidence.rules


@pytest.mark.parametrize(
    "text",
    [
        "Latvia is responsible for its own border security.",  # a duty, no blame
        "Who was behind the attack remains unclear.",  # no one is blamed
    ],
)
def test_responsibility_without_blame_is_no_accusation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "NONE"
