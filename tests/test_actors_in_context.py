"""Actors the coder used to leave uncoded, on sentences we wrote in news style:

- ``home.statement-author-any-tense``: a statement that speaks as "we" in the present
  ("We condemn ...") and names one state as its main clauses' doer in another tense ("The
  U.S. government will provide ...") speaks for that state;
- ``actors.known-surname``: a lone surname the article gave in full before is that person
  again, whatever label spaCy gives the word;
- ``actors.dictionary-surname``: a lone surname that the dictionaries give only people of one
  country, a country the story names, is of that country;
- ``roles.joined-in``: "X joined Y in condemning ...": X and Y both condemn.
"""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text, make_doc

pytestmark = pytest.mark.slow


def _we(ann: object) -> list[tuple[str | None, str]]:
    return [(m.code, m.rule) for m in ann.mentions if m.text.lower() == "we"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("paragraphs", "country"),
    [
        (
            (
                "The Canadian government will provide consular support to the detained engineer.",
                "We condemn his arbitrary detention and call for his immediate release.",
            ),
            "CAN",
        ),
        (
            (
                "Today the United States secured the release of three aid workers held in Mali.",
                "We are grateful to the partners who made their return possible.",
            ),
            "USA",
        ),
        (
            (
                "The Government of Japan was able to bring home two fishermen held by pirates.",
                "We thank the Indonesian navy for its help.",
            ),
            "JPN",
        ),
        (
            (
                "Norway sent a team of mediators to the talks in Doha last week.",
                "We call on both sides to keep the ceasefire.",
            ),
            "NOR",
        ),
        (
            (
                "The Australian government announced new aid for flood victims in Fiji on Monday.",
                "We stand ready to do more.",
            ),
            "AUS",
        ),
    ],
)
def test_a_statement_in_the_present_speaks_for_its_one_state_subject(
    fresh: Pipeline, paragraphs: tuple[str, ...], country: str
) -> None:
    we = _we(annotate(fresh, *paragraphs))
    assert we, paragraphs
    assert all(code is not None and code.startswith(country) for code, _ in we), we
    assert all(rule == "home.statement-author-any-tense" for _, rule in we), we


@pytest.mark.parametrize(
    "paragraphs",
    [
        # The "we" does not speak in the present: a report of what was said.
        (
            "The United Kingdom condemned the detention of opposition figures on Monday.",
            "We will keep watching, the editors wrote.",
        ),
        # Two states as main subjects: whose statement it is stays open.
        (
            "France sent aid to Chad on Monday.",
            "Germany sent a medical team to Niger.",
            "We condemn the attacks on aid convoys.",
        ),
        # "we" only inside a quotation.
        (
            "Kenya deployed police officers to Haiti last year.",
            '"We condemn the violence," a local pastor said.',
        ),
        # No state at all as a main subject.
        ("Heavy rain fell on the capital for a third day.", "We call for calm."),
        # Civilians as the subject speak for no one.
        ("Five thousand Peruvian workers marched on Friday.", "We demand fair wages."),
    ],
)
def test_no_author_without_a_present_voice_and_one_state(
    fresh: Pipeline, paragraphs: tuple[str, ...]
) -> None:
    assert not [rule for _, rule in _we(annotate(fresh, *paragraphs))
                if rule == "home.statement-author-any-tense"]  # fmt: skip


@pytest.mark.parametrize(
    ("paragraphs", "surname", "code"),
    [
        (
            (
                "Prime Minister Oleksiy Honcharuk of Ukraine offered to resign on Friday.",
                "Honcharuk filed his resignation after the recording was published.",
            ),
            "Honcharuk",
            "UKR GOV",
        ),
        (
            (
                "A court in Texas convicted businessman Darrell Okonkwo of fraud on Monday.",
                "The judge sentenced Okonkwo to five years.",
            ),
            "Okonkwo",
            "USA",
        ),
        (
            (
                "British tourist Gemma Holloway was attacked in Crete.",
                "Greek police arrested two men who robbed Holloway.",
            ),
            "Holloway",
            "GBR CVL",
        ),
        (
            (
                "Turkish writer Selin Demiroglu was sentenced to prison in Istanbul.",
                "The court convicted Demiroglu of insulting the president.",
            ),
            "Demiroglu",
            "TUR MED",
        ),
        (
            (
                "Australian citizen Noah Pemberton was detained in Myanmar.",
                "Myanmar freed Pemberton after a year.",
            ),
            "Pemberton",
            "AUS CVL",
        ),
    ],
)
def test_a_surname_given_in_full_before_is_that_person(
    fresh: Pipeline, paragraphs: tuple[str, ...], surname: str, code: str
) -> None:
    # spaCy gives none of these lone surnames the PERSON label.
    ann = annotate(fresh, *paragraphs)
    later = [m for m in ann.mentions if m.text == surname]
    assert [(m.code, m.rule) for m in later] == [(code, "coref.surname(actors.known-surname)")], [
        (m.text, m.code, m.rule) for m in ann.mentions
    ]


def test_a_surname_not_named_before_is_not_made_a_person(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Officials in Lima said Tavernard Holdings had paid the fine.")
    assert not [m for m in ann.mentions if m.rule.endswith("actors.known-surname")]
    # and a full name still reads as one person
    ann = annotate(fresh, "Chilean senator Ximena Rincon proposed a new law on water rights.")
    assert by_text(ann, "Chilean senator Ximena Rincon").code == "CHL LEG"


@pytest.mark.parametrize(
    ("paragraphs", "surname", "code"),
    [
        (
            (
                "Italian prosecutors reopened a tax case against a former prime minister.",
                "Berlusconi denied the charges on Tuesday.",
            ),
            "Berlusconi",
            "ITA",
        ),
        (
            (
                "A court in Pakistan ruled on the treason case on Tuesday.",
                "Musharraf was sentenced to death in absentia.",
            ),
            "Musharraf",
            "PAK",
        ),
        (
            (
                "Zimbabwe held a state funeral on Saturday.",
                "Thousands of mourners honoured Mugabe in Harare.",
            ),
            "Mugabe",
            "ZWE",
        ),
        (
            (
                "Peru's president spoke about the pardon on Friday.",
                "Fujimori was released from prison after the court ruling.",
            ),
            "Fujimori",
            "PER",
        ),
        (
            (
                "Sri Lanka's parliament met in an emergency session.",
                "Rajapaksa resigned on Friday.",
            ),
            "Rajapaksa",
            "LKA",
        ),
    ],
)
def test_a_lone_dictionary_surname_takes_the_country_the_story_names(
    fresh: Pipeline, paragraphs: tuple[str, ...], surname: str, code: str
) -> None:
    ann = annotate(fresh, *paragraphs, date="2022-05-05")
    found = by_text(ann, surname)
    assert (found.code, found.rule) == (code, "actors.dictionary-surname")


def test_a_dictionary_surname_in_office_on_the_day_takes_its_sector(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The United States will keep all options open, the defense secretary told reporters.",
        "Panetta said sanctions were working.",
        date="2012-03-06",
    )
    found = by_text(ann, "Panetta")
    assert (found.code, found.rule) == ("USA GOV", "actors.dictionary-surname")


@pytest.mark.parametrize(
    "paragraphs",
    [
        # The story does not name the country of the dictionary's Berlusconi.
        ("The talks in Geneva went on for a week.", "Berlusconi said they would go on."),
        # People of several countries share the surname.
        ("South Korean prosecutors indicted three executives.", "Kim denied wrongdoing."),
        ("British media reported the visit.", "Smith said the talks were useful."),
        # A word the model reads as a place is the place.
        ("Kenyan police said the convoy left Nairobi.", "It reached Garissa at noon."),
    ],
)
def test_no_dictionary_surname_without_one_country_the_story_names(
    fresh: Pipeline, paragraphs: tuple[str, ...]
) -> None:
    ann = annotate(fresh, *paragraphs, date="2022-05-05")
    assert not [m.text for m in ann.mentions if m.rule == "actors.dictionary-surname"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "sources"),
    [
        (
            "Britain joined France in condemning the attack on the embassy.",
            "condemning",
            {"GBR GOV", "FRA GOV"},
        ),
        (
            "Germany joined the United States in imposing sanctions on Iran.",
            "imposing sanctions",
            {"DEU GOV", "USA GOV"},
        ),
        (
            "Japan joined South Korea in protesting the missile launch by North Korea.",
            "protesting",
            {"JPN GOV", "KOR GOV"},
        ),
        (
            "Canada joined Australia in calling for an inquiry into the crash.",
            "calling",
            {"CAN GOV", "AUS GOV"},
        ),
        (
            "Brazil joined Argentina on Monday in rejecting the proposal.",
            "rejecting",
            {"BRA GOV", "ARG GOV"},
        ),
    ],
)
def test_who_joins_and_who_is_joined_both_do_the_act(
    pipeline: Pipeline, sentence: str, trigger: str, sources: set[str]
) -> None:
    events = [e for e in pipeline.code(make_doc(sentence)).events if e.evidence.trigger == trigger]
    assert {a.code for e in events for a in e.source} == sources
    assert all("roles.joined-in" in e.evidence.rules for e in events)
    # the one joined is a doer, not the one acted on
    assert not {a.code for e in events for a in e.target} & sources


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        (
            "Drones killed Faris Jaber, head of Iran's Quds Force, near the airport.",
            "Faris Jaber",
            "IRN MIL",
        ),
        (
            "The court sentenced Ruslan Gatin, a senior officer in Russia's army, to ten years.",
            "Ruslan Gatin",
            "RUS MIL",
        ),
        (
            "Troops detained Ahmed Karim, the head of Iraq's election commission.",
            "Ahmed Karim",
            "IRQ GOV",
        ),
        ("Rebels freed Maria Lopez, a nurse from Colombia, on Sunday.", "Maria Lopez", "COL HLH"),
        (
            "Police questioned Jane Smith, the wife of the British ambassador, on Friday.",
            "Jane Smith",
            "GBR GOV",
        ),
    ],
)
def test_a_named_person_takes_the_actor_of_the_apposition_beside_the_name(
    fresh: Pipeline, sentence: str, name: str, code: str
) -> None:
    found = by_text(annotate(fresh, sentence, date="2020-01-03"), name)
    assert (found.code, found.rule) == (code, "actors.apposition-origin(model:ner)")


def test_a_country_in_a_clause_of_the_apposition_says_nothing(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Police questioned Anna Berg, who had travelled to Syria, on Monday.")
    assert not [m for m in ann.mentions if "apposition-origin" in m.rule]


@pytest.mark.parametrize(
    ("sentence", "name", "code"),
    [
        (
            "President Donald J. Trump signed the order on Tuesday.",
            "President Donald J. Trump",
            "USA GOV",
        ),
        ("Donald J. Trump spoke to reporters on Tuesday.", "Donald J. Trump", "USA GOV"),
        ("President Barack H. Obama met the Pope.", "President Barack H. Obama", "USA GOV"),
        (
            "Secretary of State John F. Kerry flew to Cairo.",
            "Secretary of State John F. Kerry",
            "USA GOV",
        ),
        ("Joseph R. Biden called the families of the victims.", "Joseph R. Biden", "USA GOV"),
    ],
)
def test_a_name_with_middle_initials_is_the_office_holder(
    fresh: Pipeline, sentence: str, name: str, code: str
) -> None:
    days = {"Trump": "2018-05-01", "Obama": "2012-05-01", "Kerry": "2014-05-01"}
    day = next((d for k, d in days.items() if k in name), "2022-05-01")
    found = by_text(annotate(fresh, sentence, date=day), name)
    assert found.code == code


@pytest.mark.parametrize(
    ("paragraphs", "words", "code"),
    [
        (
            (
                "Syrian state media said the army had entered Manbij.",
                "According to Syrian state media, government forces began deploying into the area.",
            ),
            "government forces",
            "SYR MIL",
        ),
        (
            ("Ethiopian officials said the rebels had inflicted losses on pro-government units.",),
            "pro-government units",
            "ETH MIL",
        ),
        (
            (
                "The Syrian government denied the reports.",
                "Government forces shelled the town of Idlib on Tuesday.",
            ),
            "Government forces",
            "SYR MIL",
        ),
        (
            ("Sudanese government forces clashed with rebels in Darfur.",),
            "Sudanese government forces",
            "SDN MIL",
        ),
        (
            (
                "Libyan officials in Tripoli said the fighting had ended.",
                "Regime forces withdrew from the coast, Libya's interior minister said.",
            ),
            "Regime forces",
            "LBY MIL",
        ),
    ],
)
def test_forces_named_as_the_governments_are_its_armed_forces(
    fresh: Pipeline, paragraphs: tuple[str, ...], words: str, code: str
) -> None:
    assert by_text(annotate(fresh, *paragraphs), words).code == code


@pytest.mark.parametrize(
    ("paragraphs", "pronoun", "code"),
    [
        (
            (
                "Police in Ohio said a man opened fire outside a school in Dayton on Monday.",
                "Officers arrested him two hours later.",
            ),
            "him",
            "USA CVL",
        ),
        (
            (
                "A gunman attacked a mosque in the Pakistani city of Quetta on Friday.",
                "Pakistani police said he had been arrested.",
            ),
            "he",
            "PAK REB",
        ),
        (
            (
                "Kenyan police said a woman had been detained at the airport in Nairobi.",
                "She was released on bail on Tuesday.",
            ),
            "She",
            "KEN CVL",
        ),
        (
            (
                "The attacker stabbed three people in central London, British police said.",
                "He was shot dead by officers.",
            ),
            "He",
            "GBR REB",
        ),
        (
            (
                "A suspect was detained in Lyon after the attack, French police said.",
                "Prosecutors charged him with murder.",
            ),
            "him",
            "FRA CVL",
        ),
    ],
)
def test_he_or_she_stands_for_a_person_named_by_a_noun(
    fresh: Pipeline, paragraphs: tuple[str, ...], pronoun: str, code: str
) -> None:
    found = by_text(annotate(fresh, *paragraphs), pronoun)
    assert (found.code, found.rule) == (code, "coref.pronoun-noun")


def test_a_named_person_near_wins_over_a_noun(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "A man was arrested after Kenyan minister Aisha Jumwa visited the market in Nairobi.",
        "She said the market would reopen.",
    )
    assert by_text(ann, "She").rule == "coref.pronoun"


@pytest.mark.parametrize(
    "paragraphs",
    [
        (
            "Police in Sydney said they had arrested a man in Australia.",
            "They released him on Friday.",
            "They also arrested a second man.",
        ),
        (
            "German police raided an apartment in Berlin.",
            "They detained a man in Germany.",
            "They also seized weapons.",
        ),
        (
            "Indian troops entered the village in Kashmir on Monday.",
            "They searched every house.",
            "They left at night.",
        ),
        (
            "French police blocked the roads around Nantes.",
            "They fired tear gas at the crowd.",
            "They later withdrew.",
        ),
        (
            "Brazilian soldiers patrolled the streets of Rio.",
            "They stopped dozens of cars.",
            "They arrested two men.",
        ),
    ],
)
def test_a_they_hands_on_what_the_previous_they_stood_for(
    fresh: Pipeline, paragraphs: tuple[str, ...]
) -> None:
    ann = annotate(fresh, *paragraphs)
    last = [m for m in ann.mentions if m.text == "They" and m.sentence == 2]
    assert last and all(m.code is not None and m.rule == "coref.plural" for m in last), [
        (m.text, m.code, m.rule, m.sentence) for m in ann.mentions
    ]


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("Peruvian police said three men were arrested near the border.", {"PER GOV"}),
        (
            "Turkish officials announced that 40 suspects had been detained in Istanbul.",
            {"TUR GOV"},
        ),
        (
            "Authorities in Spain and Portugal announced that 12 people were arrested.",
            {"ESP GOV", "PRT GOV"},
        ),
        (
            "Kenyan police said on Monday that two journalists had been detained in Nairobi.",
            {"KEN GOV"},
        ),
        ("Indian officials said 30 fishermen were arrested off the coast.", {"IND GOV"}),
    ],
)
def test_an_arrest_told_in_the_passive_by_the_authorities_is_theirs(
    pipeline: Pipeline, sentence: str, sources: set[str]
) -> None:
    events = [e for e in pipeline.code(make_doc(sentence)).events if e.type == "COERCE"]
    assert {a.code for e in events for a in e.source} == sources
    assert all("roles.reporting-authority" in e.evidence.rules for e in events)


@pytest.mark.parametrize(
    "sentence",
    [
        "The UN said fifty people were arrested in Khartoum.",
        "Amnesty International said two activists were detained in Cairo.",
        "Witnesses said several protesters were detained by soldiers in Yangon.",
        "Relatives said the students were detained in Tehran last week.",
        "The newspaper reported that two reporters were arrested in Minsk.",
    ],
)
def test_others_who_tell_of_an_arrest_did_not_make_it(pipeline: Pipeline, sentence: str) -> None:
    events = pipeline.code(make_doc(sentence)).events
    assert not [e for e in events if "roles.reporting-authority" in e.evidence.rules]


@pytest.mark.parametrize(
    ("paragraphs", "code"),
    [
        (
            (
                "Iran released a jailed lawyer on Wednesday.",
                "The Canadian foreign minister welcomed the release:",
                "\u201cWe welcome the news. We hope that others will follow.\u201d",
            ),
            "CAN GOV",
        ),
        (
            (
                "Kenyan police said the suspects were held.",
                "\u201cWe have secured the area. Nobody was hurt,\u201d a Kenyan police "
                "spokesman said.",
            ),
            "KEN GOV",
        ),
        (
            (
                "Police arrested a man in Oxfordshire, England.",
                '"We are continuing to investigate. Our priority is to find the item", said the '
                "British police.",
            ),
            "GBR GOV",
        ),
        (
            (
                "Peru's interior minister spoke to reporters in Lima:",
                "\u201cWe will find those responsible. The police are on the streets.\u201d",
            ),
            "PER GOV",
        ),
        (
            (
                "Flooding hit southern Germany on Monday.",
                "\u201cWe have sent two hundred soldiers. More will follow,\u201d the German "
                "defence minister said.",
            ),
            "DEU GOV",
        ),
    ],
)
def test_we_in_a_quotation_is_the_side_it_is_attributed_to_in_another_sentence(
    fresh: Pipeline, paragraphs: tuple[str, ...], code: str
) -> None:
    we = [m for m in annotate(fresh, *paragraphs).mentions if m.text == "We"]
    assert we and all((m.code, m.rule) == (code, "home.quote-speaker") for m in we), we


@pytest.mark.parametrize(
    "paragraphs",
    [
        # No comma at the close: the next sentence is no attribution.
        ("\u201cWe will not give up. The strike goes on.\u201d The Brazilian crowd cheered.",),
        (
            "Kenyan police blocked the road.",
            '"We want water. We want work." Police in Kenya fired.',
        ),
        # The quotation is still open: whose words these are is not said.
        ("Chilean officials met on Monday.", "\u201cWe will decide soon. Nothing is ruled out."),
        # No quotation at all.
        ("Chilean officials met on Monday.", "We will decide soon, Chilean officials said."),
        # Attributed to someone the annotator cannot code.
        ("\u201cWe are ready. Let them come,\u201d a man shouted.",),
    ],
)
def test_no_quote_speaker_without_an_attribution(
    fresh: Pipeline, paragraphs: tuple[str, ...]
) -> None:
    ann = annotate(fresh, *paragraphs)
    assert not [m for m in ann.mentions if m.rule == "home.quote-speaker"]


@pytest.mark.parametrize(
    ("sentence", "words", "country", "sector"),
    [
        (
            "The Marine Corps and the Japanese Ground Self-Defense Force trained on Okinawa.",
            "The Marine Corps",
            "USA",
            "MIL",
        ),
        (
            "The Marine Corps and the Japanese Ground Self-Defense Force trained on Okinawa.",
            "the Japanese Ground Self-Defense Force",
            "JPN",
            "MIL",
        ),
        (
            "The Norwegian Army and Marines are taking part in the exercise.",
            "Marines",
            "USA",
            "MIL",
        ),
        ("The FSB has detained a journalist in Yekaterinburg.", "The FSB", "RUS", "GOV"),
        ("The IDF said it struck targets in Gaza overnight.", "The IDF", "ISR", "MIL"),
        ("The Royal Navy escorted the tanker through the strait.", "The Royal Navy", "GBR", "MIL"),
        ("The National Guard was deployed to the border.", "The National Guard", "USA", "MIL"),
    ],
)
def test_national_forces_named_without_their_country(
    fresh: Pipeline, sentence: str, words: str, country: str, sector: str
) -> None:
    found = by_text(annotate(fresh, sentence), words)
    assert (found.country, found.sector) == (country, sector)


def test_another_countrys_marines_are_that_countrys(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Philippine Marines and South Korean Marines landed on the island.")
    assert by_text(ann, "Philippine Marines").code == "PHL MIL"
    assert by_text(ann, "South Korean Marines").code == "KOR MIL"
