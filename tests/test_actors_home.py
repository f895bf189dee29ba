"""Whose story an article without a dateline is, on articles we wrote in news style: the
country the text names most gives its domestic actors and unknown people a country
(``actors.document-country``); an official statement's "we" is the actor it speaks for
(``actors.statement-author``)."""

from __future__ import annotations

import pytest

from dateline.actors.home import document_country
from dateline.actors.matching import Piece
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text

pytestmark = pytest.mark.slow


def _pieces(*values: str) -> list[Piece]:
    return [Piece(i, i + 1, "country", v) for i, v in enumerate(values)]


def test_document_country_needs_two_mentions_and_a_lead() -> None:
    assert document_country(_pieces("PER", "PER", "CHL")) == "PER"
    assert document_country(_pieces("PER")) is None  # once is no story's home
    assert document_country(_pieces("PER", "PER", "CHL", "CHL")) is None  # a tie
    # The statement's author does not count: the story is about the other country.
    assert document_country(_pieces("USA", "USA", "USA", "PER", "PER"), "USA") == "PER"


def test_domestic_actors_and_unknown_people_take_the_country_named_most(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Thousands marched through central Lima on Saturday, the largest protest Peru has "
        "seen this year.",
        "Police detained Carla Mendoza, a student leader, near the Peruvian Congress.",
        "Mendoza was released hours later, and she said she would march again.",
    )
    police = by_text(ann, "Police")
    assert police.code == "PER GOV"
    assert police.rule.startswith("actors.document-country")
    assert by_text(ann, "Carla Mendoza").code == "PER"
    assert by_text(ann, "she").code == "PER"  # through her name


def test_a_country_named_once_gives_no_home(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Police detained Carla Mendoza near the border with Chile on Saturday.",
    )
    assert by_text(ann, "Police").code is None


def test_a_dateline_still_wins_over_the_country_named_most(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Police in the capital said two men were held after clashes with Bolivian and "
        "Bolivian-born traders from Bolivia.",
        place="LIMA",
    )
    assert by_text(ann, "Police").code == "PER GOV"


def test_foreign_governments_do_not_take_the_country_named_most(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Peru will hold a runoff in June. Foreign governments were invited to observe the "
        "vote in Peru.",
    )
    assert not [m for m in ann.mentions if "governments" in m.text and m.code]


def test_a_statement_speaks_for_the_country_it_names_with_a_present_verb(
    fresh: Pipeline,
) -> None:
    ann = annotate(
        fresh,
        "The United Kingdom condemns the detention of opposition figures in Belarus.",
        "We call on the authorities to release them at once.",
        "We stand with the people of Belarus.",
    )
    we = [m for m in ann.mentions if m.text == "We"]
    assert len(we) == 2
    assert all(m.code == "GBR GOV" and m.rule == "actors.statement-author" for m in we)
    # The story's own country is the other one, so its domestic actors are Belarusian.
    assert by_text(ann, "the authorities").code == "BLR GOV"


def test_we_in_a_quotation_is_not_the_statement_author(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The United Kingdom condemns the detention of opposition figures in Belarus.",
        '"We will not stop," the opposition leader said.',
    )
    assert not [m for m in ann.mentions if m.text == "We" and m.code]


def test_a_news_report_has_no_author_without_a_present_statement(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The United Kingdom condemned the detention of opposition figures on Monday.",
        "We will keep watching, the editors wrote.",
    )
    assert not [m for m in ann.mentions if m.text == "We" and m.code]


def test_a_city_counts_twice_toward_the_home_country() -> None:
    # Two nationality words for the victims, one city where it happened.
    assert document_country(_pieces("MEX", "MEX", "USA"), places=["USA"]) == "USA"


def test_a_statement_names_its_own_officials_without_their_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The United Kingdom welcomes the release of two journalists in Belarus.",
        "Minister Jane Holloway raised their cases with Belarusian officials last month.",
        "We will keep pressing for the release of every political prisoner.",
    )
    minister = by_text(ann, "Minister Jane Holloway")
    assert minister.code == "GBR GOV"
    assert minister.rule.startswith("actors.author-official")


def test_an_embassy_concerned_in_the_passive_speaks_for_its_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The Canadian Embassy is deeply concerned by the clashes outside parliament.",
        "We call on all sides to show restraint.",
    )
    assert by_text(ann, "We").code == "CAN GOV"


def test_a_report_in_the_present_without_first_person_has_no_author(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The United States is calling for the release of Omar Haddad, an opposition figure.",
        "Activists say gunmen seized Minister Omar Haddad at his home.",
    )
    assert not by_text(ann, "Minister Omar Haddad").rule.startswith("actors.author-official")


def test_they_after_two_coordinated_subjects_is_both(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Kenyan President William Ruto and the Ethiopian foreign minister met in Nairobi.",
        "They discussed the drought in the Horn of Africa.",
    )
    they = [m for m in ann.mentions if m.text == "They"]
    assert sorted(m.code or "" for m in they) == ["ETH GOV", "KEN GOV"]
    assert all(m.rule.startswith("coref.plural") for m in they)


def test_they_after_a_meeting_with_someone_is_both(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The Kenyan president spoke with the Ethiopian prime minister on Monday.",
        "They agreed to reopen the border crossing.",
    )
    assert sorted(m.code or "" for m in ann.mentions if m.text == "They") == [
        "ETH GOV", "KEN GOV",
    ]  # fmt: skip


def test_they_after_one_person_is_left_alone(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The Kenyan president visited the border town on Monday.",
        "They said the crossing would reopen.",
    )
    assert not [m for m in ann.mentions if m.text == "They" and m.code]


def test_us_departments_named_without_the_country_are_its_government(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The Department of the Treasury sanctioned three shipping firms.")
    assert by_text(ann, "The Department of the Treasury").code == "USA GOV"


def test_a_named_local_police_force_takes_the_story_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Two paintings were stolen from a museum in Bristol, England, on Sunday.",
        "Avon Valley Police said a man had been arrested in Bristol.",
    )
    assert [m.code for m in ann.mentions if m.text.endswith("Police")] == ["GBR GOV"]


def test_suspects_and_an_attacker_take_the_story_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "A man stabbed two guards at a prison in Lyon, France, on Tuesday.",
        "The attacker was overpowered, and police questioned two suspects in Lyon.",
    )
    assert by_text(ann, "The attacker").country == "FRA"
    assert by_text(ann, "two suspects").country == "FRA"


def test_a_dictionary_group_opening_a_sentence_is_still_named(fresh: Pipeline) -> None:
    # Regression: a one-word dictionary name at a sentence's start was taken for a
    # capitalised common word even when the parser saw a name.
    ann = annotate(fresh, "Taliban fighters attacked a police checkpoint near Ghazni on Sunday.")
    group = by_text(ann, "Taliban fighters")
    assert (group.country, group.sector) == ("AFG", "REB")


def test_domestic_actors_take_the_one_country_their_sentence_happens_in(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Students marched against the government's new fees in Nairobi.")
    students = by_text(ann, "Students")
    assert students.code == "KEN CVL"
    assert students.rule.startswith("actors.sentence-place")
    assert by_text(ann, "the government").code == "KEN GOV"


def test_a_sentence_in_two_countries_places_no_one(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Students marched in Nairobi and in Kampala against the new fees.")
    assert by_text(ann, "Students").code is None


def test_kosovo_is_a_country_with_its_user_assigned_code(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Serbia accused Kosovo of provoking the clashes near Pristina.")
    assert by_text(ann, "Kosovo").country == "XKX"


def test_a_man_arrested_takes_the_story_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "A painting was stolen from a museum in Bristol, England, on Sunday.",
        "Police arrested a 40-year-old man in Bristol on Monday.",
    )
    assert by_text(ann, "man").country == "GBR"


def test_a_region_places_its_sentence_in_its_country(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Police arrested two men after a shooting in Texas on Sunday.")
    assert by_text(ann, "Police").code == "USA GOV"


def test_regions_are_data_of_one_country_never_a_country_name() -> None:
    from dateline.actors.data import load_actor_data

    regions = load_actor_data().regions
    assert (regions["Oxfordshire"], regions["Idlib"]) == ("GBR", "SYR")
    assert "Georgia" not in regions  # the country
    assert "Punjab" not in regions  # India's and Pakistan's


def test_it_after_a_country_subject_is_that_country(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Kenya closed its border with Somalia on Monday.",
        "It also urged Ethiopia to reinforce its patrols.",
    )
    it = by_text(ann, "It")
    assert (it.code, it.rule) == ("KEN GOV", "coref.plural")
    ann = annotate(fresh, "The border was closed on Monday. It will reopen in May.")
    assert not [m for m in ann.mentions if m.text == "It"]


def test_a_seat_of_government_can_speak_for_the_statement(fresh: Pipeline) -> None:
    # "The State Department released ..." names the statement's author as its seat; the
    # statement's "we" is the United States, and its own "we" does not keep the civilians
    # of the sentence from the country of the police they face.
    ann = annotate(
        fresh,
        "We are concerned by the violent clashes between protesters and Kenyan police on Tuesday.",
        "The State Department released today its annual report to Congress on human rights.",
        "We urge our partners to join us.",
    )
    we = [m for m in ann.mentions if m.text == "We"]
    assert len(we) == 2
    assert all(m.code == "USA GOV" for m in we)
    assert by_text(ann, "protesters").code == "KEN CVL"


def test_an_official_after_a_body_and_its_bracketed_acronym_is_the_bodys(
    fresh: Pipeline,
) -> None:
    # The bracketed acronym breaks the phrase; the official is still the body's, not of the
    # country the story names most.
    ann = annotate(
        fresh,
        "Floods have displaced millions in Pakistan.",
        "U.S. Agency for International Development (USAID) Administrator Dr. Jane Roe has sent "
        "a disaster team to Islamabad.",
        "Pakistan thanked the team.",
    )
    official = by_text(ann, "Administrator Dr. Jane Roe")
    assert official.code == "USA GOV"
    assert official.rule.startswith("actors.body-official")


def test_opposition_leaders_are_the_opposition_of_the_story(fresh: Pipeline) -> None:
    # The plural is the opposition too, not a government's leaders from nowhere.
    ann = annotate(
        fresh,
        "Venezuela's government suspended talks with the opposition on Monday.",
        "Opposition leaders want to revive a recall referendum against President Nicolas Maduro.",
        "Venezuela's economy is in crisis.",
    )
    assert by_text(ann, "Opposition leaders").code == "VEN OPP"


@pytest.mark.parametrize(
    ("paragraphs", "name", "code"),
    [
        (("Iran issued new warrants on Monday.",
          'At a press conference in Riyadh, US Special Representative for Iran John Doe said, '
          '"This is political."'), "John Doe", "USA GOV"),
        (("British Special Envoy for Syria Jane Roe met rebel leaders on Monday.",),
         "Jane Roe", "GBR GOV"),
    ],
)  # fmt: skip
def test_an_envoy_for_a_country_is_of_the_country_before_the_title(
    fresh: Pipeline, paragraphs: tuple[str, ...], name: str, code: str
) -> None:
    # The country after "Envoy for" is the portfolio, not the envoy's own country.
    ann = annotate(fresh, *paragraphs)
    holder = by_text(ann, name)
    assert holder.code == code
    assert holder.rule.startswith("actors.portfolio-holder")


def test_a_readout_host_takes_no_country_from_the_official_it_met(fresh: Pipeline) -> None:
    # A readout names its own side by title alone and the other side by its country: the
    # bare title is not Peruvian, here or later, though Peru is the country named most.
    ann = annotate(
        fresh,
        "The Deputy Secretary spoke with Peruvian Foreign Minister Javier Morales on Monday.",
        "The Deputy Secretary praised Peru's response to the floods in the north of Peru.",
        "Peru's government has asked for more help.",
    )
    hosts = [m for m in ann.mentions if m.text == "The Deputy Secretary"]
    assert len(hosts) == 2
    assert all(m.code is None and "actors.readout-host" in m.rule for m in hosts)
    assert by_text(ann, "Peruvian Foreign Minister Javier Morales").code == "PER GOV"


def test_an_official_met_by_a_named_foreigner_keeps_the_story_country(fresh: Pipeline) -> None:
    # The other way round: the foreign minister named with his country is the subject, so
    # the bare title he met is no readout's host and stays of the story's country.
    ann = annotate(
        fresh,
        "Peruvian Foreign Minister Javier Morales met with the Prime Minister in Lima on Monday.",
        "Peru's government has asked for more help after the floods.",
    )
    minister = by_text(ann, "the Prime Minister")
    assert minister.code == "PER GOV"
    assert "readout-host" not in minister.rule
