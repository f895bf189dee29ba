"""The cooperative side of PLOVER (AGREE, SUPPORT, AID, COOPERATE, CONCEDE, CONSULT): wordings
that looked like these events and are not, and wordings of them the coder missed.

Every sentence was written for these tests in news style; each goes through the whole
pipeline as a one-line document, and its main event is checked (``main_type``).
"""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events, main_type

pytestmark = pytest.mark.slow


def _rules(pipeline: Pipeline, text: str) -> list[str]:
    events = main_events(pipeline, text)
    return events[0].evidence.rules if events else []


# -- one meets people, not targets: consult.meet's unless_objects ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The revised budget meets the finance ministry's targets for next year.",
        "Kenya's new refinery will meet the country's fuel needs by 2030.",
        "The government has met its obligations under the loan programme.",
        "The contractor met the deadline for the new bridge.",
        "Greece met the requirements of the eurozone bailout last year.",
    ],
)
def test_meeting_a_measure_is_no_consultation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("CONSULT", "AGREE")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The Turkish president met his Azerbaijani counterpart in Baku on Thursday.", "CONSULT"),
        ("The two foreign ministers met in Vienna on the sidelines of the summit.", "CONSULT"),
        ("Ghana met the protesters' demands and withdrew the fuel tax.", "CONCEDE"),
    ],
)
def test_meeting_people_or_demands_stays_an_event(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- a modal on an act done by a means or a measure is no promise: intent.means-subject --------


@pytest.mark.parametrize(
    "text",
    [
        "The new grant will help farmers replant crops destroyed by the floods.",
        "The investment would support 12,000 jobs in the shipbuilding industry, officials said.",
        "The new scheme would assist Malawian farmers hit by the drought.",
        "The new programme will assist small firms in the north.",
        "The airstrikes were intended to defend coalition troops at the base.",
        "This emergency food assistance will support about 90,000 people for two months.",
    ],
)
def test_money_laws_and_strikes_promise_nothing(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "AGREE"


@pytest.mark.parametrize(
    "text",
    [
        "Japan will send medical teams to Turkey, the foreign ministry said.",
        "Canada is ready to support the new government in Haiti.",
        "The government will fund three new clinics in the province, the minister said.",
        "Berlin would provide air defence systems to Kyiv, the chancellor said.",
        "The alliance will help Moldova secure its border.",
        "Norway tabled a draft resolution that would endorse the truce in Yemen.",
    ],
)
def test_an_actor_promising_help_still_agrees(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "AGREE"


def test_the_means_rule_is_named_in_the_trace(pipeline: Pipeline) -> None:
    text = "The new Danish fund will support Kenyan farmers through the drought."
    assert "intent.means-subject" in _rules(pipeline, text)


# -- a polite frame around thanks or praise: intent.performative -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I would like to thank the Kenyan foreign minister for his hospitality.",
        "We would like to congratulate the people of Chile on a peaceful election.",
        "I want to thank our Polish friends for their support.",
        "The Dutch premier would like to express his gratitude to the rescue teams.",
        "We wish to commend the Malian authorities for their restraint.",
    ],
)
def test_thanks_under_a_polite_frame_are_given_not_promised(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "SUPPORT"


# -- help to do another act is that act: aid.help, a carrier trigger ----------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Qatar helped mediate talks between Kabul and the Taliban.", "CONSULT"),
        ("Switzerland helped the two sides negotiate a prisoner exchange.", "CONSULT"),
        ("He helped negotiate the border accord that was signed in 2012.", "CONSULT"),
        ("Sweden helped Ethiopia in 2019 with a grant for new wells.", "AID"),
        ("Rescue workers from Greece helped the Turkish villagers after the earthquake.", "AID"),
    ],
)
def test_help_names_the_act_it_helps_with(pipeline: Pipeline, text: str, type_: str) -> None:
    assert main_type(pipeline, text) == type_


# -- verbs too general to be an event alone -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The postman delivered letters to the village twice a week.",
        "The president delivered a speech to the nation on Sunday.",
        "Both countries share a long border and a common language.",
        "People in both capitals share the same worries about prices.",
        "The governor signed the bill into law on Friday.",
        "The president signed an executive order on water rights on Tuesday.",
    ],
)
def test_bare_deliver_share_and_sign_are_no_cooperation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("AID", "COOPERATE", "SUPPORT", "AGREE")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The United States delivered 20 tonnes of medicine to Yemen on Friday.", "AID"),
        ("Britain and France share intelligence on returning fighters.", "COOPERATE"),
        ("Egypt and Sudan signed a water-sharing agreement in Cairo.", "SUPPORT"),
    ],
)
def test_with_their_objects_they_still_are(pipeline: Pipeline, text: str, type_: str) -> None:
    assert main_type(pipeline, text) == type_


# -- CONSULT: hosting, engaging, exchanging views ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ambassador welcomed the Ghanaian foreign minister to Washington on Monday.",
        "Let me welcome the foreign minister of Brazil to our capital.",
        "King Abdullah welcomed the Iraqi prime minister to Amman for two days of talks.",
        "The Kenyan president will welcome his Tanzanian counterpart to Nairobi next month.",
        "The Italian premier welcomed the Libyan prime minister to Rome on Wednesday.",
    ],
)
def test_welcoming_someone_to_a_place_hosts_a_visit(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONSULT"


@pytest.mark.parametrize(
    "text",
    [
        "The European Union welcomed the release of the detained journalists.",
        "Washington welcomed the ceasefire announced by the two sides.",
    ],
)
def test_welcoming_a_decision_is_still_praise(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "SUPPORT"


@pytest.mark.parametrize(
    "text",
    [
        "The United Nations continues to engage with all parties to the conflict.",
        "Washington engaged directly with Tehran through Omani intermediaries.",
        "The envoy has engaged with the rebel leadership in recent weeks.",
        "The two sides exchanged views on regional security on Monday.",
        "The Chinese and Indian ministers exchanged ideas on border trade.",
        "Officials from Seoul and Tokyo shared their views on the missile tests.",
    ],
)
def test_engaging_with_someone_and_exchanging_views_are_talks(
    pipeline: Pipeline, text: str
) -> None:
    assert main_type(pipeline, text) == "CONSULT"


# -- SUPPORT: tributes; CONCEDE: compliance; COOPERATE: missions joined -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Indian prime minister paid tribute to the late Japanese leader.",
        "On Sunday, tributes were paid by the presidents of Ghana and Nigeria.",
        "The French president paid homage to the victims of the attack.",
        "Leaders across the region paid their respects to the late king.",
        "The Pope offered a tribute to the aid workers killed in Gaza.",
    ],
)
def test_a_tribute_paid_is_praise(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "SUPPORT"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry complied with the court's request to release the documents.",
        "Belgrade has complied with the tribunal's order.",
        "The company complied with the regulator's ruling and cut its prices.",
        "Tehran abided by the terms of the accord, the inspectors said.",
        "The army complied with the ultimatum and pulled back its tanks.",
    ],
)
def test_complying_with_a_request_concedes(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


@pytest.mark.parametrize(
    "text",
    [
        "Observers from Poland joined the OSCE observation mission in Georgia.",
        "Irish soldiers participated in the UN peacekeeping mission in Lebanon.",
        "Ghana will lead the regional force in northern Mozambique.",
        "Estonian troops joined the French-led operation in Mali.",
        "Canadian officers joined the NATO training mission in Iraq last year.",
    ],
)
def test_a_mission_joined_is_cooperation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) in ("COOPERATE", "AGREE")


def test_a_mission_undertaken_is_still_a_visit(pipeline: Pipeline) -> None:
    text = "The Qatari envoy undertook a mission to Kabul to meet Taliban leaders."
    assert main_type(pipeline, text) == "CONSULT"


# -- a view agreed on or a need stressed is a call, not a promise: request.stress-need ---------


@pytest.mark.parametrize(
    "text",
    [
        "The two ministers stressed the need for an immediate ceasefire in Sudan.",
        "The leaders agreed on the importance of holding free elections next year.",
        "Macron underscored the importance of a political settlement in Libya.",
        "The envoy emphasized the necessity of humanitarian access to Gaza.",
        "Both presidents agreed that the blockade must end.",
        "The Pope reiterated the need for dialogue between Kinshasa and Kigali.",
    ],
)
def test_agreeing_on_a_need_calls_for_the_act(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REQUEST"


@pytest.mark.parametrize(
    "text",
    [
        "Egypt and Jordan agreed to reopen the border crossing.",
        "Kenya agreed to send 1,000 police officers to Haiti.",
        "The rebels agreed to a three-day truce, the mediators said.",
    ],
)
def test_agreeing_to_act_is_still_agreement(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "AGREE"


# -- an act scheduled to start, or going on, is no promise: [intent] onset_verbs ---------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The Red Cross will begin distributing food in the north on Monday.", "AID"),
        ("The United States will start delivering medicine to Yemen next week.", "AID"),
        ("Turkish and Iraqi troops will begin joint patrols along the border.", "COOPERATE"),
        ("Brazil will continue its efforts to broker peace.", "COOPERATE"),
        ("Japan will begin sharing intelligence with South Korea in March.", "COOPERATE"),
    ],
)
def test_an_act_that_will_begin_is_planned_not_promised(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


def test_an_act_announced_is_still_a_promise(pipeline: Pipeline) -> None:
    text = "The United States will send medicine to Yemen, the State Department said."
    assert main_type(pipeline, text) == "AGREE"


# -- support as the frame of another act: support.side is a carrier ----------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("We stand with our allies to call on Moscow to withdraw its troops.", "REQUEST"),
        ("France stands with Greece to condemn the violation of its airspace.", "ACCUSE"),
        ("Britain stands with the people of Ukraine.", "SUPPORT"),
        ("The African Union sided with Addis Ababa in the dispute.", "SUPPORT"),
    ],
)
def test_standing_with_someone_to_do_an_act_is_that_act(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- condolences are a statement; the recipient of aid is no aid --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister extended his condolences to the families of the victims.",
        "The president expressed his deepest sympathy to the people of Morocco.",
        "The king offered his condolences to the Turkish president after the earthquake.",
        "The government will provide timely updates to affected personnel.",
        "The ministry will send letters to troops stationed abroad.",
    ],
)
def test_condolences_and_updates_are_no_support_or_aid(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("SUPPORT", "AID", "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        "Washington provided Kyiv with air defence missiles.",
        "The EU provided 50 million euros in aid to Syria.",
        "Norway sent a shipment of medicine to Gaza on Friday.",
        "The World Bank gave Ghana a loan of $300 million.",
        "Japan supplied the Philippine coast guard with ten patrol boats.",
    ],
)
def test_what_is_given_is_still_aid(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "AID"


# -- allowing is a concession when someone allows: concede.allow, [roles] doer_patterns --------


@pytest.mark.parametrize(
    "text",
    [
        "The break will allow him to develop plans for his new government.",
        "The commission's mandate allows it to advise on the draft.",
        "The new law permits police to detain suspects for 48 hours.",
        "The deal allows Iran to enrich uranium up to 3.67 percent.",
        "The extra week would allow Brazilian negotiators to finish the text.",
    ],
)
def test_a_thing_that_allows_concedes_nothing(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "CONCEDE"


@pytest.mark.parametrize(
    "text",
    [
        "Myanmar's junta allowed opposition parties to register again in May.",
        "The Syrian government allowed UN inspectors to visit the site.",
        "Cuban authorities permitted the dissident to leave the country.",
        "Belarus allowed the jailed activist to see her lawyer on Monday.",
        "The Egyptian army permitted journalists to enter the Sinai.",
    ],
)
def test_someone_who_allows_concedes(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


# -- parties speaking about something are talks: consult.speak-about, [roles] joint_patterns ---


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders spoke about the war in Sudan.",
        "Macron and Scholz talked about energy prices on Monday.",
        "They also spoke about stability in the Balkans.",
        "The foreign ministers of Chile and Peru spoke on border trade.",
        "The Kenyan and Somali presidents will talk about the drought next week.",
        "Presidents Ruto and Museveni spoke on Tuesday regarding the fuel pipeline.",
        "The Egyptian and Ethiopian ministers talked concerning the Nile dam.",
    ],
)
def test_parties_speaking_about_a_topic_hold_talks(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONSULT"


@pytest.mark.parametrize(
    "text",
    [
        "He spoke about the closeness of the alliance with Japan.",
        "The president spoke on the economy at a rally in Ohio.",
        '"While our neighbours talk about peace, their tanks move," the minister said.',
        "The Indian premier talked about his childhood in a radio address.",
        "The senator spoke of a betrayal by the Pakistani government.",
    ],
)
def test_one_speaker_about_a_topic_makes_no_talks(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "CONSULT"


# -- a plural the tagger took for a name at the start of a sentence (matcher.noun_keys) --------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Tributes were paid by the presidents of Ghana and Nigeria on Sunday.", "SUPPORT"),
        ("Talks were held by the Greek and Turkish foreign ministers in Athens.", "CONSULT"),
        ("Sanctions were imposed on three Iranian banks by the European Union.", "SANCTION"),
    ],
)
def test_a_capitalised_plural_object_still_fits_its_pattern(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- reactions met, games hosted, crimes committed, prizes accepted, homes settled -------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan plan met with resistance from Somalia.",
        "The proposal was met with fierce criticism from Hungary.",
        "Qatar hosts the largest American air base in the region.",
        "Japan hosted the Olympic Games in 2021.",
        "Saudi Arabia will host the World Cup in 2034.",
        "The Turkish soldier committed the crime in 2019, prosecutors said.",
        "Rebels committed atrocities against civilians in Darfur.",
        "The Moroccan writer accepted the prize in Stockholm.",
        "The family settled in Canada after the war.",
    ],
)
def test_verbs_with_objects_that_make_no_cooperation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("CONSULT", "AGREE")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Egypt hosted talks between Hamas and Israel on Sunday.", "CONSULT"),
        ("The Omani sultan hosted the Iranian foreign minister in Muscat.", "CONSULT"),
        ("Greece accepted the invitation to attend the summit.", "AGREE"),
        ("Armenia and Azerbaijan settled their border dispute.", "AGREE"),
        ("Colombia and Venezuela resolved their differences over the border.", "AGREE"),
        ("The two firms settled the lawsuit out of court.", "AGREE"),
    ],
)
def test_the_same_verbs_with_partners_or_disputes_still_are(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- support.verb: evidence, titles and phrasal verbs back no one; backing down concedes --------


@pytest.mark.parametrize(
    "text",
    [
        "There is no evidence to support the minister's claims of fraud.",
        "The data supports the theory that Russian hackers were involved.",
        "The Russian champion defended his title in Doha.",
        "The Polish president hails from Krakow.",
        "The senator backed out of the deal at the last minute.",
    ],
)
def test_support_verbs_that_back_no_one(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "SUPPORT"


@pytest.mark.parametrize(
    "text",
    [
        "Turkey backed the Azerbaijani offensive in Karabakh.",
        "The foreign minister praised Kenya's role in the talks.",
        "The Brazilian president defended his record on the Amazon.",
        "Germany hailed the deal as a breakthrough.",
        "The Arab League backed up the Egyptian proposal.",
    ],
)
def test_support_verbs_that_back_someone(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "SUPPORT"


@pytest.mark.parametrize(
    "text",
    [
        "Iran backed down after the United Nations threatened sanctions.",
        "The Greek government climbed down over the pension cuts.",
        "Moscow backed down from its threat to cut gas supplies.",
        "Under pressure from Brussels, Warsaw backed down on the judicial reform.",
        "The Thai junta is expected to back down in the face of the protests.",
    ],
)
def test_backing_down_concedes(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


# -- aid verbs: contributions, grants and training that are no aid ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Falling oil prices contributed to the decline of the Nigerian economy.",
        "Poor planning contributed to the failure of the Kenyan mission.",
        "The court granted bail to the opposition leader.",
        "The Iraqi general trained as a pilot in the Soviet Union.",
        "The minister's remarks lent credibility to the opposition's case.",
        "Corruption in Kinshasa contributed to the spread of the epidemic.",
    ],
)
def test_aid_verbs_that_give_no_aid(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("AID", "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        "Norway contributed $10 million to the UN relief fund.",
        "Ghana contributed 800 troops to the peacekeeping force.",
        "Canada contributed to the World Food Programme's appeal for Sudan.",
        "US instructors trained Ukrainian soldiers in Germany.",
        "Germany granted asylum to the Russian dissident.",
    ],
)
def test_aid_verbs_that_give_aid(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "AID"


# -- an operation or a project is cooperation only with a partner: [roles] partner_nouns -------


@pytest.mark.parametrize(
    "text",
    [
        "Israel launched a military operation in the West Bank on Monday.",
        "Nigerian troops conducted an operation against Boko Haram in Borno.",
        "Turkey began a new project to build a canal in Istanbul.",
        "China launched a program to modernize its navy.",
        "The Indian army has started a training programme for new recruits.",
    ],
)
def test_an_operation_of_one_side_is_no_cooperation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) not in ("COOPERATE", "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        "France and Britain conducted a joint operation in the Sahel.",
        "Kenya launched a project with Japan to expand the port of Mombasa.",
        "Ghanaian and Togolese police carried out a joint operation on the border.",
        "Egypt began a bilateral training programme with the Sudanese army.",
        "Estonian troops joined the French-led operation in Mali.",
    ],
)
def test_an_operation_with_a_partner_is_cooperation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) in ("COOPERATE", "AGREE")


# -- CONCEDE verbs with objects or doers that concede nothing -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The search of the Nigerian compound yielded no results.",
        "The talks in Doha yielded little progress, diplomats said.",
        "The Chilean president commutes to the palace by bicycle.",
        "The Iranian parliament reinstated the death penalty for drug offences.",
        "The Polish ambassador handed over a letter to the Belarusian foreign minister.",
    ],
)
def test_concede_verbs_that_yield_nothing(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "CONCEDE"


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban handed over power to an interim council.",
        "The Egyptian army yielded to the demands of the protesters.",
        "The king commuted the death sentences of ten activists.",
        "Rwanda reinstated the dismissed judges after a court ruling.",
        "The Belarusian leader's death sentence for the activist was commuted by the court.",
    ],
)
def test_concede_verbs_that_concede(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONCEDE"


# -- receiving a visitor named by office hosts a visit: consult.receive -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The emir of Qatar received the Iranian foreign minister in Doha on Sunday.",
        "Erdogan welcomed his Azerbaijani counterpart at the presidential palace.",
        "The Pope received the Ukrainian president at the Vatican.",
        "King Abdullah greeted the visiting Iraqi prime minister at the airport.",
        "The Nigerian leader received a Ghanaian envoy on Tuesday.",
    ],
)
def test_receiving_a_visitor_hosts_a_visit(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "CONSULT"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The European Union welcomed the decision of the Serbian government.", "SUPPORT"),
        ("Ukraine received a new delivery of tanks from Poland.", "AID"),
    ],
)
def test_receiving_things_is_no_visit(pipeline: Pipeline, text: str, type_: str) -> None:
    assert main_type(pipeline, text) == type_
