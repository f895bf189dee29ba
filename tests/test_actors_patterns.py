"""Actor patterns of English news wording found missing in evaluation (our own sentences)."""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text

pytestmark = pytest.mark.slow


def test_possessive_country_with_a_modified_title(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Moldova's energy ministry blamed the outage on a storm.", place="VIENNA")
    assert by_text(ann, "Moldova's energy ministry").code == "MDA GOV"
    ann = annotate(fresh, "The Polish transport ministry closed two border crossings.")
    assert by_text(ann, "The Polish transport ministry").code == "POL GOV"


def test_group_nouns_after_a_nationality(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Three Yemeni suicide bombers attacked a checkpoint on Friday.")
    assert by_text(ann, "Three Yemeni suicide bombers").sector == "REB"
    ann = annotate(fresh, "A landmine killed one French soldier near the border.")
    assert by_text(ann, "one French soldier").code == "FRA MIL"
    ann = annotate(fresh, "The Serbian and Albanian sides agreed to resume talks.")
    assert {m.code for m in ann.mentions} >= {"SRB GOV", "ALB GOV"}
    ann = annotate(fresh, "Egyptian officers questioned German nationals at the airport.")
    assert by_text(ann, "Egyptian officers").code == "EGY MIL"
    assert by_text(ann, "German nationals").code == "DEU CVL"


def test_adjective_standing_as_a_noun(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Police said a Pakistani was detained at the station.")
    assert by_text(ann, "a Pakistani").code == "PAK CVL"
    ann = annotate(fresh, "A Pakistani official denied the report.")
    assert by_text(ann, "A Pakistani official").code == "PAK GOV"
    assert not [m for m in ann.mentions if m.text == "A Pakistani"]


def test_group_located_in_a_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Security forces in Mali have arrested dozens of students.")
    m = by_text(ann, "Security forces")
    assert m.code == "MLI GOV" and m.rule.startswith("actors.group+in-country")
    ann = annotate(fresh, "Rebels in Bamako seized a radio station.")
    assert by_text(ann, "Rebels").code == "MLI REB"
    # A person is not located by where they stand.
    ann = annotate(fresh, "The minister in Mali denied the report.")
    assert by_text(ann, "The minister").code != "MLI GOV"


def test_country_acted_on_is_the_state(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The ministry accused Norway of spying.")
    assert by_text(ann, "Norway").code == "NOR GOV"
    assert by_text(ann, "Norway").rule == "actors.country-addressed"
    ann = annotate(fresh, "Sweden will hold talks with Finland next week.")
    assert by_text(ann, "Finland").code == "FIN GOV"
    # Territory, not the state: the bare country.
    ann = annotate(fresh, "The border dispute between Peru and Chile flared again.")
    assert {by_text(ann, "Peru").code, by_text(ann, "Chile").code} == {"PER", "CHL"}
    ann = annotate(fresh, "Troops invaded Kuwait in August.")
    assert by_text(ann, "Kuwait").code == "KWT"


def test_organisation_member_qualifies_the_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "EU-member Slovakia refused to sign the statement.")
    assert [m.code for m in ann.mentions] == ["SVK GOV"]
    ann = annotate(fresh, "NATO members met in Brussels.")
    assert by_text(ann, "NATO").code == "NATO"


def test_agencies_and_national_movements(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The UN refugee agency appealed for funds.")
    m = by_text(ann, "The UN refugee agency")
    assert m.code == "UNHCR" and m.sector == "IGO"
    ann = annotate(fresh, "The Arab League Secretary-General flew to Rabat.")
    assert by_text(ann, "The Arab League Secretary-General").code == "Arab League"
    ann = annotate(fresh, "Hezbollah fighters fired rockets at the border post.")
    m = by_text(ann, "Hezbollah fighters")
    assert (m.code, m.country, m.sector) == ("Hezbollah", "LBN", "REB")
    ann = annotate(fresh, "Pyongyang said the DPRK would answer any provocation.")
    assert {m.country for m in ann.mentions} == {"PRK"}


def test_acts_and_weapons_stand_for_their_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Nepal rejected a Chinese proposal on the border.")
    assert by_text(ann, "a Chinese proposal").code == "CHN GOV"
    ann = annotate(fresh, "Villagers fled after three Turkish air raids.")
    assert by_text(ann, "three Turkish air raids").code == "TUR MIL"
    ann = annotate(fresh, "The proposal was shelved after the raids.")
    assert not [m for m in ann.mentions if m.code]
    ann = annotate(fresh, "Unions sought backing from the Serbian National Assembly.")
    assert by_text(ann, "the Serbian National Assembly").code == "SRB LEG"


def test_ethnic_groups_are_coded_by_where_they_live(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Hundreds of ethnic Serbs marched in Croatia on Sunday.")
    m = by_text(ann, "ethnic Serbs")
    assert (m.code, m.rule) == ("HRV CVL", "actors.ethnic-group")
    ann = annotate(fresh, "Ethnic Russians voted on Sunday.")
    assert by_text(ann, "Ethnic Russians").code is None
    ann = annotate(fresh, "Serbs marched in Belgrade on Sunday.")
    assert by_text(ann, "Serbs").code == "SRB CVL"


def test_stance_adjectives_give_no_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Pro-Turkish militias shelled the village.")
    assert not [m for m in ann.mentions if m.country == "TUR"]
    ann = annotate(fresh, "The anti-Western Hezbollah movement rejected the plan.")
    assert by_text(ann, "Hezbollah").country == "LBN"


def test_office_of_a_place_or_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The mayor of Lyon met the foreign minister of Chile.")
    assert by_text(ann, "The mayor").code == "FRA GOV"
    m = by_text(ann, "the foreign minister")
    assert m.code == "CHL GOV" and m.rule.startswith("actors.title+of-place")
    ann = annotate(fresh, "The spokesman of the delegation said no.")
    assert by_text(ann, "The spokesman").code is None  # not a place


def test_people_of_a_country_and_aid_groups(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Greeks of northern Albania asked for schools.")
    m = by_text(ann, "The Greeks")
    assert m.code == "ALB CVL"
    assert not [x for x in ann.mentions if x.text == "Albania"]  # used up by the group
    ann = annotate(fresh, "Thousands of Syrian Kurds fled the fighting.")
    assert by_text(ann, "Syrian Kurds").code == "SYR CVL"
    ann = annotate(fresh, "Two Norwegian aid groups sent food.")
    assert by_text(ann, "Two Norwegian aid groups").code == "NOR NGO"


def test_bracketed_abbreviation_is_the_same_actor(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Seoul urged the Democratic People's Republic of Korea (DPRK) to talk.")
    assert [m.country for m in ann.mentions if m.country == "PRK"] == ["PRK"]


def test_on_is_a_place_after_most_verbs(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The council called on Chile to release the data.")
    assert by_text(ann, "Chile").code == "CHL GOV"
    ann = annotate(fresh, "Settlers were attacked on the West Bank.")
    assert by_text(ann, "the West Bank").code == "PSE"


def test_military_aid_is_the_state_giving_it(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Farmers rallied against Spanish military aid to Kyiv.")
    m = by_text(ann, "Spanish military")
    assert (m.code, m.rule) == ("ESP GOV", "actors.country+act")
    ann = annotate(fresh, "Spanish military vehicles crossed the bridge.")
    assert by_text(ann, "Spanish military").code == "ESP MIL"
    ann = annotate(fresh, "Oslo expelled Iran's chargé d'affaires.")
    assert by_text(ann, "Iran's chargé d'affaires").code == "IRN GOV"


def test_group_in_a_possessive_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Police in Kenya's capital arrested dozens of students.")
    assert by_text(ann, "Police").code == "KEN GOV"
