"""Actors the 2014 dictionaries cannot know and phrase shapes that name a country only
through another word, on sentences we wrote in news style: office-holders since 2014 with
their dated terms, "X of Y's agency", places standing for their country."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.actors.data import load_actor_data
from dateline.errors import DataFileError
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text

pytestmark = pytest.mark.slow


# -- office-holders since 2014 ------------------------------------------------------------
def test_a_post_2014_office_holder_is_known_on_the_dates_of_his_term(fresh: Pipeline) -> None:
    text = "Foreign Secretary Dominic Raab summoned the ambassador on Monday."
    then = by_text(annotate(fresh, text, date="2020-05-04"), "Foreign Secretary Dominic Raab")
    assert (then.code, then.name) == ("GBR GOV", "Dominic Raab")
    later = by_text(annotate(fresh, text, date="2024-05-06"), "Foreign Secretary Dominic Raab")
    assert later.code == "GBR ELI"  # out of office: an elite of his country


def test_one_person_with_two_offices_takes_the_one_of_the_date(fresh: Pipeline) -> None:
    text = "Boris Johnson spoke to reporters outside the building."
    assert by_text(annotate(fresh, text, date="2017-03-01"), "Boris Johnson").code == "GBR GOV"
    assert by_text(annotate(fresh, text, date="2021-03-01"), "Boris Johnson").code == "GBR GOV"
    assert by_text(annotate(fresh, text, date="2025-03-01"), "Boris Johnson").code == "GBR ELI"


def test_a_surname_with_a_title_finds_a_recent_holder_not_the_sentences_country(
    fresh: Pipeline,
) -> None:
    ann = annotate(fresh, "Secretary Pompeo pressed Russia to free the two men.", date="2019-06-01")
    assert by_text(ann, "Secretary Pompeo").code == "USA GOV"


def test_every_recent_holder_names_the_record_its_dates_were_checked_against() -> None:
    holders = load_actor_data().holders
    recent = [h for h in holders if h.since and h.since.year >= 2014 and h.until]
    assert recent and all(h.source for h in recent), [h.name for h in recent if not h.source]


# -- a country named through another word -------------------------------------------------
def test_a_person_of_a_countrys_agency_is_of_that_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Jane Doe of the UK's National Crime Agency arrested two men.")
    m = by_text(ann, "Jane Doe")
    assert (m.code, m.country, m.rule) == ("GBR", "GBR", "actors.person+of-country(model:ner)")
    # The UK is no second actor; "two men" is one, uncoded (agent nouns have no country here).
    assert [(x.text, x.code) for x in ann.mentions] == [("Jane Doe", "GBR"), ("two men", None)]
    ann = annotate(fresh, "Jane Doe of Poland's Supreme Court rejected the appeal.")
    assert by_text(ann, "Jane Doe").code == "POL JUD"


def test_a_group_in_a_city_takes_the_citys_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Prosecutors in Munich charged two brothers with fraud.")
    m = by_text(ann, "Prosecutors")
    assert (m.code, m.rule) == ("DEU JUD", "actors.group+in-city(actors.title)")


def test_a_citys_possessive_or_name_before_an_agent_noun_gives_its_country(
    fresh: Pipeline,
) -> None:
    ann = annotate(fresh, "Marseille's mayor condemned the attack on the mosque.")
    assert by_text(ann, "Marseille's mayor").code == "FRA GOV"
    ann = annotate(fresh, "Hamburg residents protested against the new runway.")
    assert by_text(ann, "Hamburg residents").code == "DEU CVL"
    # The small model reads these as a noun and as a person: the gazetteer decides.
    ann = annotate(fresh, "Gdańsk residents donated blood for the victims.")
    assert by_text(ann, "Gdańsk residents").code == "POL CVL"
    ann = annotate(fresh, "Kraków residents donated blood for the victims.")
    assert by_text(ann, "Kraków residents").code == "POL CVL"


def test_a_persons_name_that_is_also_a_towns_gives_no_country(fresh: Pipeline) -> None:
    # "Bush" is also a town of some size: a president's administration is no town's
    # (the dictionary knows the surname).
    ann = annotate(fresh, "The Bush administration said the talks would resume.", date="2030-01-01")
    assert all(m.country != "EGY" for m in ann.mentions)


# -- groups the 2014 dictionaries lack ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words", "code", "country"),
    [
        ("The Syrian Democratic Forces seized the dam.",
         "The Syrian Democratic Forces", "SDF", "SYR"),
        ("Tigrayan forces withdrew from two towns.", "Tigrayan forces", "TPLF", "ETH"),
        ("The Wagner Group sent fighters to the mine.", "The Wagner Group", "Wagner Group", "RUS"),
        ("Kataib Hezbollah fired rockets at the base.",
         "Kataib Hezbollah", "Kataib Hezbollah", "IRQ"),
        ("The Tehreek-e-Taliban Pakistan claimed the raid.",
         "The Tehreek-e-Taliban Pakistan", "TTP", "PAK"),
    ],
)  # fmt: skip
def test_a_recent_armed_group_has_its_home_country(
    fresh: Pipeline, text: str, words: str, code: str, country: str
) -> None:
    m = by_text(annotate(fresh, text), words)
    assert (m.code, m.country) == (code, country)


def test_every_added_group_names_its_source() -> None:
    from dateline.actors.data import ORGS_FILE, _load

    _, _, raw = _load(ORGS_FILE, None)
    added = [o for o in raw["org"] if o.get("code") in ("SDF", "TPLF", "Wagner Group", "RSF")]
    assert len(added) == 4 and all(o.get("source") for o in added)


def test_a_month_is_not_the_surname_of_a_known_person(fresh: Pipeline) -> None:
    # Theresa May is in the knowledge base; "in May" is a month.
    ann = annotate(fresh, "Troops of both countries held joint drills in May.", date="2019-01-10")
    assert all(m.text != "May" for m in ann.mentions)
    ann = annotate(fresh, "Prime Minister Theresa May met Irish leaders.", date="2019-01-10")
    assert by_text(ann, "Prime Minister Theresa May").code == "GBR GOV"


# -- coordinated countries ----------------------------------------------------------------
def test_a_group_in_two_countries_is_two_groups(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Authorities in Portugal and Greece detained six suspects.")
    assert [(m.text, m.code) for m in ann.mentions] == [
        ("Authorities", "PRT GOV"), ("Authorities", "GRC GOV"), ("six suspects", None),
    ]  # fmt: skip
    ann = annotate(fresh, "Police from Kenya, Uganda and Tanzania arrested 40 people.")
    assert [m.code for m in ann.mentions if m.text == "Police"] == ["KEN GOV", "UGA GOV", "TZA GOV"]


def test_troops_pulled_from_a_country_are_not_of_it(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Syria withdrew its troops from Lebanon last year.")
    assert all(m.code != "LBN MIL" for m in ann.mentions)


# -- names of countries and offices written beside a name ---------------------------------
def test_northern_ireland_is_the_uk_not_ireland(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Police in Northern Ireland arrested two men after the riot.")
    assert by_text(ann, "Police").code == "GBR GOV"
    ann = annotate(fresh, "Scottish fishermen protested against the new quotas.")
    assert by_text(ann, "Scottish fishermen").country == "GBR"


def test_a_former_name_of_a_country_is_still_that_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Vietnamese troops attacked Kampuchean guerrillas near the border.")
    assert by_text(ann, "Kampuchean guerrillas").code == "KHM REB"


def test_an_organisations_office_beside_a_name_wins_over_the_dictionarys_nationality(
    fresh: Pipeline,
) -> None:
    text = "Jan Eliasson, the United Nations deputy secretary-general, urged calm."
    assert by_text(annotate(fresh, text), "Jan Eliasson").code == "UN"
    text = "Jan Eliasson, the Swedish foreign minister, urged calm."
    assert by_text(annotate(fresh, text), "Jan Eliasson").code == "SWE GOV"


def test_the_last_word_of_a_places_name_before_police_is_no_surname(fresh: Pipeline) -> None:
    # "Valley" is the surname of one dictionary office-holder (of another country).
    ann = annotate(fresh, "Thames Valley Police arrested a man on Friday.")
    assert all(m.rule != "kb:office-holder+group" for m in ann.mentions)
    ann = annotate(fresh, "The Obama administration imposed sanctions.", date="2014-03-20")
    assert by_text(ann, "The Obama administration").code == "USA GOV"


# -- people named through someone else ----------------------------------------------------
def test_an_office_holders_spokesman_is_of_the_owners_government(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Macron's spokeswoman Jane Roe accused Russia of lying.")
    assert by_text(ann, "Macron's spokeswoman Jane Roe").code == "FRA GOV"
    ann = annotate(fresh, "Guterres’ spokesman Paul Roe urged calm.")
    assert by_text(ann, "Guterres’ spokesman Paul Roe").code == "UN"
    ann = annotate(fresh, "Heather Smith's mother Jane Smith thanked the police.")
    assert by_text(ann, "Heather Smith's mother Jane Smith").code is None


def test_a_surname_with_another_first_name_is_not_the_dictionarys_person(
    fresh: Pipeline,
) -> None:
    # The dictionary has a Liberian office-holder named Doe, not this spokesman.
    ann = annotate(fresh, "Spokesman Paul Doe denied the report.", date="2005-01-10")
    assert by_text(ann, "Spokesman Paul Doe").country != "LBR"
    ann = annotate(fresh, "President Omar El Bashir lifted the curfew.", date="2005-01-10")
    assert by_text(ann, "President Omar El Bashir").code == "SDN GOV"


def test_an_office_of_a_states_formal_name_is_of_that_state(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The President of the Republic of Korea met the Japanese premier.")
    assert by_text(ann, "The President").code == "KOR GOV"
    ann = annotate(fresh, "We call on the Government of the State of Eritrea to free them.")
    assert by_text(ann, "the Government").code == "ERI GOV"


def test_an_empty_source_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "office_holders.toml").write_text(
        '[[holder]]\nname = "Jane Roe"\ncountry = "CAN"\noffice = "Minister"\nsource = ""\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"office_holders.toml:5\].*'source'"):
        load_actor_data(tmp_path)


def test_an_administration_named_for_a_surname_of_several_countries(fresh: Pipeline) -> None:
    # Two US presidents and one Caymanian premier are called Bush: the US wins.
    ann = annotate(fresh, "The Bush administration said the talks would resume.")
    assert by_text(ann, "The Bush administration").code == "USA GOV"
