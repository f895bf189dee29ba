"""Actors the field's dictionaries and the every-country data let us code, on sentences we
wrote in news style: armed groups with their home country, past office-holders, small
countries' nationality words, same-country targets, stale entries overridden by date."""

from __future__ import annotations

import pytest

from dateline.actors.kb import KBEntry
from dateline.evaluate import CodeRules
from dateline.models import Actor
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text

pytestmark = pytest.mark.slow


# -- groups -------------------------------------------------------------------------------
def test_an_armed_group_has_its_home_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Taliban stormed a checkpoint outside the city overnight.")
    m = by_text(ann, "The Taliban")
    assert (m.code, m.country, m.sector, m.org) == ("Taliban", "AFG", "REB", "Taliban")


def test_a_groups_full_name_wins_over_its_nationality_word(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Afghan National Army retook two districts on Sunday.")
    m = by_text(ann, "The Afghan National Army")
    assert (m.code, m.country, m.sector, m.org) == ("AFG MIL", "AFG", "MIL", None)


def test_a_group_named_with_another_countrys_adjective(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Pakistani Taliban claimed the bombing in a statement.")
    m = by_text(ann, "The Pakistani Taliban")
    assert (m.code, m.country, m.sector, m.rule) == (
        "PAK REB", "PAK", "REB", "actors.country+group",
    )  # fmt: skip


def test_a_groups_acronym_in_brackets_is_not_a_second_actor(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Moro Islamic Liberation Front (MILF) signed the accord.")
    assert [m.text for m in ann.mentions] == ["The Moro Islamic Liberation Front"]
    assert ann.mentions[0].country == "PHL"


def test_a_gathering_after_at_is_a_venue(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The two leaders met on the sidelines of the World Economic Forum.")
    assert all("Forum" not in m.text for m in ann.mentions)
    ann = annotate(fresh, "The World Economic Forum warned that growth would slow.")
    assert by_text(ann, "The World Economic Forum").sector == "NGO"


# -- people -------------------------------------------------------------------------------
def test_a_past_office_holder_by_the_articles_date(fresh: Pipeline) -> None:
    text = "Gordon Brown urged creditors to show patience."
    then = by_text(annotate(fresh, text, date="2009-02-10"), "Gordon Brown")
    assert (then.code, then.rule) == ("GBR GOV", "dictionary:person")
    now = by_text(annotate(fresh, text, date="2026-02-10"), "Gordon Brown")
    assert now.code == "GBR ELI"  # out of office: an elite of his country


def test_a_title_and_surname_find_the_dictionarys_holder(fresh: Pipeline) -> None:
    ann = annotate(fresh, "President Kagame rejected the report on Tuesday.", date="2010-06-01")
    m = by_text(ann, "President Kagame")
    assert (m.code, m.name) == ("RWA GOV", "Paul Kagame")


def test_a_stale_dictionary_entry_is_overridden_by_the_date(fresh: Pipeline) -> None:
    # The dictionary (built in 2014) has him in office with no end date.
    text = "Hamid Karzai criticised the new budget."
    assert by_text(annotate(fresh, text, date="2010-05-01"), "Hamid Karzai").code == "AFG GOV"
    assert by_text(annotate(fresh, text, date="2026-05-01"), "Hamid Karzai").code == "AFG ELI"
    # What an article taught later wins over the dictionary for later dates.
    fresh.kb.learn(
        KBEntry(
            name="Hamid Karzai", code="AFG OPP", country="AFG", org=None, sector="OPP",
            office="Opposition Figure", since="2024-01-01", provenance="doc-x#1",
        )
    )  # fmt: skip
    later = by_text(annotate(fresh, text, date="2026-05-01"), "Hamid Karzai")
    assert later.code == "AFG OPP"
    assert by_text(annotate(fresh, text, date="2010-05-01"), "Hamid Karzai").code == "AFG GOV"


def test_a_head_of_office_is_shown_as_its_holder_on_the_date(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Canadian prime minister called for calm.", date="2026-03-10")
    m = by_text(ann, "The Canadian prime minister")
    assert (m.code, m.name) == ("CAN GOV", "Mark Carney")
    ann = annotate(fresh, "The Canadian prime minister called for calm.", date="2020-03-10")
    assert by_text(ann, "The Canadian prime minister").name == "Justin Trudeau"


# -- every country ------------------------------------------------------------------------
def test_a_small_countrys_nationality_adjective(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Fijian soldiers sealed off the road to the airport.")
    assert by_text(ann, "Fijian soldiers").code == "FJI MIL"
    ann = annotate(fresh, "Burundian farmers blocked the highway for a second day.")
    assert by_text(ann, "Burundian farmers").country == "BDI"


def test_an_agent_noun_in_a_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Militiamen in Burundi torched two houses overnight.")
    m = by_text(ann, "Militiamen")
    assert m.country == "BDI" and m.code is not None and m.code.startswith("BDI ")


def test_a_place_noun_of_the_agents_list_is_not_an_actor(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Troops will leave 21 settlements in the Gaza Strip by August.")
    assert all(not m.text.endswith("settlements") for m in ann.mentions)


# -- same country -------------------------------------------------------------------------
def test_a_same_country_target_with_another_sector(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Kenyan police fired tear gas at striking teachers in the capital.")
    assert by_text(ann, "Kenyan police").code == "KEN GOV"
    teachers = by_text(ann, "teachers")
    assert (teachers.country, teachers.rule.split("(")[0]) == ("KEN", "actors.sentence-country")
    assert teachers.code != "KEN GOV"


def test_an_unnamed_official_takes_the_speakers_country_not_the_datelines(
    fresh: Pipeline,
) -> None:
    ann = annotate(
        fresh,
        "A Kremlin spokeswoman said the ministry would answer the minister's letter.",
        place="BERLIN",
    )
    assert by_text(ann, "A Kremlin spokeswoman").country == "RUS"
    assert by_text(ann, "the ministry").country == "RUS"


# -- evaluation -----------------------------------------------------------------------------
def test_evaluate_accepts_legacy_country_codes(fresh: Pipeline) -> None:
    rules = CodeRules.from_pipeline(fresh)
    actor = Actor(text="Tokyo", start=0, end=5, code="JPN GOV", country="JPN", sector="GOV")
    assert rules.matches("JAP", actor)
    vietnam = Actor(text="Hanoi", start=0, end=5, code="VNM MIL", country="VNM", sector="MIL")
    assert rules.matches("VTN", vietnam)


def test_a_group_of_governments_does_not_take_the_sentences_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Norway's foreign minister urged European governments to act faster.")
    assert [m.code for m in ann.mentions] == ["NOR GOV"]
    ann = annotate(fresh, "The Chilean president thanked delegates from 40 countries.")
    assert [m.code for m in ann.mentions if m.code] == ["CHL GOV"]


def test_a_sentence_about_a_named_sports_event_codes_no_actors(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Russian champion beat a Spanish rival at the Australian Open.")
    assert ann.mentions == []
    # The discard list's common words ("football") do not silence political news.
    ann = annotate(fresh, "Egyptian police fired tear gas at football fans outside the stadium.")
    assert by_text(ann, "Egyptian police").code == "EGY GOV"


def test_a_former_leaders_administration_is_a_government(fresh: Pipeline) -> None:
    ann = annotate(
        fresh, "The Obama administration imposed the first sanctions.", date="2026-01-05"
    )
    m = by_text(ann, "The Obama administration")
    assert (m.code, m.kind, m.name) == ("USA GOV", "group", None)
    # A surname one office-holder in each of two countries has gives no country (the
    # dictionary has a Shafiq in Egypt's government and one in Afghanistan's); "the Bush
    # government" is the one of the country most Bushes served (test_actors_recent).
    ann = annotate(fresh, "The Shafiq government denied the report.", date="2026-01-05")
    assert all(m.code is None for m in ann.mentions)


def test_protesters_facing_their_police_are_compatriots_not_those_facing_troops(
    fresh: Pipeline,
) -> None:
    ann = annotate(fresh, "Kenyan police fired tear gas at protesters near parliament.")
    assert by_text(ann, "protesters").code == "KEN CVL"
    ann = annotate(fresh, "Foreign troops fired on protesters near the border post.")
    assert by_text(ann, "protesters").code is None
