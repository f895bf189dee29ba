"""Wording classes of threats, sanctions, coercion, force, retreats and requests in news.

Sentences written for these tests in news style, varied in verb, tense, voice and order; each
goes through the whole pipeline as a one-line document, as ``dateline evaluate`` reads a
sentence gold file, and the first event (the one the evaluation scores) is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.events.patterns import CUES_FILE, PACKAGE_DATA, TRIGGERS_FILE, load_patterns
from dateline.models import Event
from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events

pytestmark = pytest.mark.slow


def _first(pipeline: Pipeline, text: str) -> Event | None:
    """The line's main event, as the scorer picks it (``events.main_event``)."""
    events = main_events(pipeline, text)
    return events[0] if events else None


def _type(pipeline: Pipeline, text: str) -> str:
    event = _first(pipeline, text)
    return event.type if event is not None else "NONE"


def _codes(actors: list) -> set[str]:  # type: ignore[type-arg]
    return {a.code for a in actors if a.code}


# -- THREATEN: a hostile act the other side is told it will undergo ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tehran will face serious consequences if it enriches uranium further, the State "
        "Department said.",
        "Any company that trades with the militia could face sanctions, the European Commission "
        "said.",
        "Russia's foreign ministry said Britain would face a tough response.",
        "Officials in Ankara said Greece would pay a heavy price for the provocation.",
        "Lithuania will incur penalties if it keeps the trade blockade, a Kremlin aide said.",
        "Companies breaking the embargo will face legal action, the Treasury warned.",
    ],
)
def test_a_hostile_act_foretold_for_someone_is_a_threat(pipeline: Pipeline, text: str) -> None:
    """ "will face consequences", "could face sanctions", "would pay a heavy price" (CAMEO 13)."""
    assert _type(pipeline, text) == "THREATEN"


def test_whoever_says_so_threatens_the_one_who_faces_it(pipeline: Pipeline) -> None:
    event = _first(pipeline, "Russia's foreign ministry said Britain would face a tough response.")
    assert event is not None and event.type == "THREATEN"
    assert "RUS" in {c[:3] for c in _codes(event.source)}
    assert "GBR" in {c[:3] for c in _codes(event.target)}
    assert "threaten.speaker-threatens" in event.evidence.rules


@pytest.mark.parametrize(
    "text",
    [
        "The government has faced international sanctions since 2014.",
        "Belarus faced fresh penalties last year over the forced landing.",
        "Iran paid a heavy price in the war with Iraq.",
        "Israel responded to the attack with airstrikes on Gaza.",
        "The minister responded to questions from reporters.",
    ],
)
def test_a_hostile_act_reported_as_undergone_or_done_is_no_threat(
    pipeline: Pipeline, text: str
) -> None:
    """Reported as done, "faced sanctions" and "responded to the attack" threaten nothing."""
    assert _type(pipeline, text) != "THREATEN"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Rising sea levels threaten the Maldives.", "NONE"),
        ("The war threatens Europe's energy security, the minister said.", "NONE"),
        ("The idea appeals to young voters in Brazil.", "NONE"),
        ("The drought threatens millions of people in Somalia.", "NONE"),
        ("Turkey threatened to cut off gas supplies to Bulgaria.", "THREATEN"),
        ("The families petitioned the court to reopen the case.", "REQUEST"),
        ("The UN resolution urges Israel to allow aid into Gaza.", "REQUEST"),
    ],
)
def test_a_thing_threatens_or_appeals_to_no_one(pipeline: Pipeline, text: str, type_: str) -> None:
    """A threat or a request needs someone to make it: a thing as the subject makes none; a
    text acts for its author."""
    assert _type(pipeline, text) == type_


@pytest.mark.parametrize(
    "text",
    [
        "Israel vowed to respond forcefully to the rocket attack from Gaza.",
        "Seoul said it would respond sternly to any provocation by Pyongyang.",
        "The Iranian military is ready to respond to any aggression, its commander said.",
        "North Korea said it would not hesitate to use its nuclear arsenal against South Korea.",
        "Moscow said it was prepared to use nuclear weapons to defend its territory.",
        "Kenya said it was ready to use force to free the hostages held by al-Shabaab.",
        "The United States is keeping all options on the table regarding Venezuela, officials "
        "said.",
        "Moscow reserves the right to respond to the expulsion of its diplomats.",
        "Iran said it reserved the right to retaliate against Israel.",
        "The White House has put Beijing on notice over its support for Russia.",
        "Beijing's warning to Taipei came a day after the vote.",
        "The sanctions are a clear warning to Moscow, the British minister said.",
    ],
)
def test_force_announced_is_a_threat(pipeline: Pipeline, text: str) -> None:
    """A response to aggression or the use of force, announced (CAMEO 138), and force held
    in reserve ("keeping all options on the table")."""
    assert _type(pipeline, text) == "THREATEN"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The United States will hold accountable those responsible for the abuses.", "THREATEN"),
        ("The president vowed to hold the killers responsible.", "THREATEN"),
        (
            "Britain said it would hold Moscow responsible for any harm to the prisoners.",
            "THREATEN",
        ),
        ("Kyiv is determined to hold the invaders accountable for every crime.", "THREATEN"),
        (
            "Beijing will hold Washington responsible for the consequences, the ministry said.",
            "THREATEN",
        ),
        ("Russia said it would take countermeasures against Finland.", "THREATEN"),
        ("Moscow imposed retaliatory measures on Norwegian fishing firms.", "SANCTION"),
        ("China adopted countermeasures against eight US lawmakers.", "SANCTION"),
        ("The EU took restrictive measures against the Belarusian junta.", "SANCTION"),
        ("Japan imposed punitive measures on the Russian shipping firm.", "SANCTION"),
        ("Britain will take punitive action if Iran seizes another tanker.", "THREATEN"),
        ("The police took further action after the complaint.", "NONE"),
        (
            "There will be serious consequences if Iran attacks shipping, the Pentagon said.",
            "THREATEN",
        ),
        (
            "The Israeli minister said there would be a heavy price to pay for the attack.",
            "THREATEN",
        ),
        ("There were consequences for the company after the scandal.", "NONE"),
    ],
)
def test_accountability_promised_and_measures_in_return(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """Accountability promised is a warning (CAMEO 13); measures taken in return are
    sanctions, and announced, a threat."""
    assert _type(pipeline, text) == type_


def test_accountability_said_of_the_present_is_no_threat(pipeline: Pipeline) -> None:
    """ "We hold Russia responsible": blame, not a warning."""
    text = "We hold Russia responsible for the downing of the airliner."
    assert _type(pipeline, text) != "THREATEN"


@pytest.mark.parametrize(
    "text",
    [
        "Iran's foreign minister said the assassination would not go unanswered.",
        '"This crime will not go unpunished," the Turkish president said.',
        "Beijing said the provocation would not go unpunished.",
        "Kyiv's defence minister said the strike on the hospital would not remain unpunished.",
        "The Kremlin said the drone attack would not go unanswered.",
    ],
)
def test_an_act_that_will_not_go_unanswered_is_a_voiced_threat(
    pipeline: Pipeline, text: str
) -> None:
    """The speaker warns; the threat, voiced, has occurred."""
    event = _first(pipeline, text)
    assert event is not None and event.type == "THREATEN" and event.status == "occurred"
    assert _codes(event.source)


# -- SANCTION: measures named by their kind ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Commerce Department added 12 Chinese companies to the Entity List on Tuesday.",
        "Britain put the Russian bank on its sanctions blacklist.",
        "Canada imposed visa restrictions on 20 Iranian officials.",
        "Washington raised tariffs on Chinese steel to 25 percent.",
        "The European Union slapped a travel ban on the junta's leaders.",
        "Australia imposed export controls on chips bound for Russia.",
        "Russia banned imports of Moldovan wine.",
        "China halted imports of Japanese seafood on Thursday.",
        "Russia halted gas deliveries to Poland.",
        "Moscow cut off gas supplies to Bulgaria.",
        "The United States withdrew from the Paris climate agreement.",
        "Burkina Faso pulled out of the defence pact with France.",
        "Niger, Mali and Burkina Faso quit the West African bloc.",
        "The United States closed its embassy in Damascus.",
        "Ottawa shut down its consulate in Mumbai.",
        "The African Union suspended Niger's membership after the coup.",
        "The council voted to suspend Mali from the bloc.",
        "The Treasury's designation of the Iranian bank took effect on Friday.",
        "Washington's blacklisting of the Chinese drone maker angered Beijing.",
    ],
)
def test_sanctions_named_by_their_kind(pipeline: Pipeline, text: str) -> None:
    """Lists, trade measures, closed missions and suspended members (CAMEO 16)."""
    assert _type(pipeline, text) == "SANCTION"


def test_a_designation_of_no_one_is_no_sanction(pipeline: Pipeline) -> None:
    assert _type(pipeline, "The park received its UNESCO designation in 1992.") != "SANCTION"


def test_restrictions_of_no_sanctioning_kind_stay_coercion(pipeline: Pipeline) -> None:
    """ "restrictions on Uyghurs" restrict people at home (COERCE), not trade or visas."""
    text = "Chinese authorities have tightened restrictions on Uyghurs in Xinjiang."
    assert _type(pipeline, text) == "COERCE"


@pytest.mark.parametrize(
    "text",
    [
        "The governor declared a state of emergency on Friday as a hurricane neared the coast.",
        "Japan's government declared a state of emergency in Tokyo over the pandemic.",
        "The president declared a state of emergency after the floods destroyed 3,000 homes.",
    ],
)
def test_an_emergency_declared_against_a_hazard_is_no_coercion(
    pipeline: Pipeline, text: str
) -> None:
    assert _type(pipeline, text) != "COERCE"


# -- COERCE ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The regime placed the former president under house arrest.", "COERCE"),
        ("The opposition leader has been kept in detention since March.", "COERCE"),
        ("Police held the two reporters in custody overnight.", "COERCE"),
        ("Authorities blocked access to Twitter across the country.", "COERCE"),
        ("The government shut down the internet in the restive province.", "COERCE"),
        ("Russian authorities suspended the independent broadcaster for a month.", "COERCE"),
        ("Police dispersed the crowd with tear gas.", "COERCE"),
        ("Riot police broke up the demonstration outside parliament.", "COERCE"),
        ("The army overthrew President Bazoum in July.", "COERCE"),
        ("Mutinous soldiers deposed the president on Wednesday.", "COERCE"),
        ("Rebels overthrew the elected government of Chad in a coup.", "COERCE"),
        ("The government revoked the licence of the broadcaster.", "COERCE"),
        ("Authorities stripped the activist of her citizenship.", "COERCE"),
        ("The army suspended the constitution after the coup.", "COERCE"),
        ("The Guinean junta suspended all political activity in the country.", "COERCE"),
    ],
)
def test_coercion_by_holding_silencing_dispersing_or_ousting(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert _type(pipeline, text) == type_


@pytest.mark.parametrize(
    ("text", "coerce"),
    [
        ("The two companies closed the deal on Friday.", False),
        ("The Egyptian president closed the summit with a speech.", False),
        ("The army executed the plan flawlessly.", False),
        ("Police closed the case after six months.", False),
        ("The government closed the border with Poland.", True),
        ("Iranian authorities executed two men convicted of spying.", True),
    ],
)
def test_closing_a_deal_or_executing_a_plan_coerces_no_one(
    pipeline: Pipeline, text: str, coerce: bool
) -> None:
    assert (_type(pipeline, text) == "COERCE") is coerce


def test_being_somewhere_or_withdrawing_an_application_coerces_no_one(pipeline: Pipeline) -> None:
    assert _type(pipeline, "The opposition leader is in Paris for talks.") != "COERCE"
    assert _type(pipeline, "The company withdrew its licence application.") != "COERCE"


def test_a_state_of_detention_is_no_act(pipeline: Pipeline) -> None:
    """ "remain in prison" describes, as the news gold reads it: no coercion reported."""
    assert _type(pipeline, "Hundreds of activists remain in prison in Iran.") != "COERCE"


def test_a_crowd_that_disperses_of_itself_is_no_coercion(pipeline: Pipeline) -> None:
    assert _type(pipeline, "The protesters dispersed peacefully in the evening.") != "COERCE"


# -- ASSAULT -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Syrian government forces came under fire near Idlib.",
        "A Nigerian army convoy came under attack in Borno state on Sunday.",
        "Ukrainian positions near Bakhmut came under heavy shelling overnight.",
        "Two protesters were shot dead by Kenyan security forces.",
        "Indian and Pakistani troops exchanged fire across the Line of Control.",
        "Armenian and Azerbaijani forces traded artillery fire overnight.",
        "Militants targeted the Iraqi base with rockets on Sunday.",
        "Youths hurled stones at Israeli soldiers in Hebron.",
        "Militants set fire to a police station in northern Mali.",
        "Settlers pelted the Palestinian villagers with rocks.",
        "A Ukrainian hospital was targeted with Russian missiles.",
        "Houthi rebels launched drones at a tanker in the Red Sea.",
        "Israel launched a ground operation in Rafah.",
        "Police used force against the protesters in Dhaka.",
    ],
)
def test_attacks_said_of_the_one_attacked_or_by_their_means(pipeline: Pipeline, text: str) -> None:
    """ "came under fire", a passive whose subject is the victim (no riot), weapons launched,
    a military operation, force used."""
    assert _type(pipeline, text) == "ASSAULT"


def test_stones_thrown_by_protesters_are_a_riot(pipeline: Pipeline) -> None:
    text = "Protesters threw petrol bombs at the embassy in Tehran."
    assert _type(pipeline, text) == "PROTEST"
    assert _type(pipeline, "The rebels threw their support behind the deal.") != "ASSAULT"


def test_a_campaign_or_a_sanction_that_targets_someone_is_no_attack(pipeline: Pipeline) -> None:
    assert _type(pipeline, "The campaign targeted young voters in the suburbs.") != "ASSAULT"
    assert _type(pipeline, "The new EU sanctions target Russian banks.") != "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "The government vowed to fight corruption in the police force.",
        "Firefighters battled wildfires in northern Greece.",
        "The French economy was hit hard by rising energy prices.",
        "The documentary was shot in Morocco last year.",
        "The opposition attacked the government's budget plan.",
    ],
)
def test_fighting_an_ill_or_attacking_a_plan_is_no_assault(pipeline: Pipeline, text: str) -> None:
    """An ill, a market, a film or a policy as the object: no one is attacked."""
    assert _type(pipeline, text) != "ASSAULT"


def test_the_one_who_comes_under_fire_is_the_target(pipeline: Pipeline) -> None:
    event = _first(pipeline, "Syrian government forces came under fire near Idlib.")
    assert event is not None and not _codes(event.source)
    assert any(c.startswith("SYR") for c in _codes(event.target))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Iran's seizure of a British tanker raised tensions in the Gulf.", "COERCE"),
        ("The deportation of Afghan refugees by Pakistan drew criticism.", "COERCE"),
        ("Russia's imprisonment of the journalist entered its second year.", "COERCE"),
        ("The shooting of a protester by police sparked riots in Nairobi.", "ASSAULT"),
        ("The Taliban's kidnapping of two aid workers was confirmed on Monday.", "ASSAULT"),
        (
            "The assassination of the Haitian president by foreign mercenaries shocked the region.",
            "ASSAULT",
        ),
    ],
)
def test_acts_named_by_their_nouns(pipeline: Pipeline, text: str, type_: str) -> None:
    """Nominalised seizures, deportations, shootings and kidnappings with their doer."""
    assert _type(pipeline, text) == type_


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The gunman is serving a life sentence for the assassination of the senator.", "NONE"),
        ("The court jailed the man for the killing of a police officer.", "COERCE"),
        ("Protests erupted in Paris over the shooting of a teenager by police.", "PROTEST"),
        (
            "The EU sanctioned ten officials for their role in the deportation of children.",
            "SANCTION",
        ),
        ("Kenyan police arrested two men over the kidnapping of a businessman.", "COERCE"),
    ],
)
def test_an_act_noun_named_as_a_reason_is_no_act_of_its_own(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """ "for the assassination of", "over the shooting": the reason of the sentence, the
    arrest or the protest, which is what the sentence reports."""
    assert _type(pipeline, text) == type_


# -- MOBILIZE ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The navy sent an aircraft carrier to the eastern Mediterranean.",
        "Moscow moved a squadron of bombers to Belarus.",
        "Pyongyang tested a new intercontinental ballistic missile on Friday.",
        "North Korea carried out a nuclear test in September.",
        "The Iranian navy staged war games in the Strait of Hormuz.",
        "China held live-fire drills near Taiwan on Saturday.",
        "China raised its military budget by 7 percent.",
        "South Korea raised its alert level after the launch.",
        "North Korea fired an intercontinental ballistic missile into the sea.",
        "Pyongyang launched two short-range missiles into the Sea of Japan on Monday.",
    ],
)
def test_shows_of_force(pipeline: Pipeline, text: str) -> None:
    """Forces moved, weapons tested and war games held (CAMEO 15)."""
    assert _type(pipeline, text) == "MOBILIZE"


@pytest.mark.parametrize(
    ("text", "mobilize"),
    [
        ("The Security Council drafted a resolution on Gaza.", False),
        ("France drafted a new constitution in 1958.", False),
        ("The company deployed new software across its offices.", False),
        ("The minister reinforced the message in a speech.", False),
        ("Officials scrambled to contain the outbreak.", False),
        ("Russia drafted 300,000 reservists into the army.", True),
        ("Japan scrambled fighter jets after Chinese planes neared its airspace.", True),
        ("The Pentagon deployed missile defence systems to Poland.", True),
    ],
)
def test_drafting_texts_or_deploying_software_mobilises_nothing(
    pipeline: Pipeline, text: str, mobilize: bool
) -> None:
    assert (_type(pipeline, text) == "MOBILIZE") is mobilize


def test_missiles_fired_at_someone_stay_an_attack(pipeline: Pipeline) -> None:
    assert _type(pipeline, "Houthi rebels fired a missile at a ship in the Red Sea.") == "ASSAULT"
    assert _type(pipeline, "Russia fired missiles at Kyiv overnight.") == "ASSAULT"


# -- RETREAT -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Nepali government lifted the state of emergency on Friday.",
        "Authorities ended the state of emergency in the northern provinces.",
        "Thailand's prime minister lifted martial law in the south.",
        "The Chinese government eased its lockdown in Shanghai on Monday.",
        "Peru's president scrapped the state of emergency in Lima.",
    ],
)
def test_easing_a_curfew_or_emergency_is_retreat(pipeline: Pipeline, text: str) -> None:
    """CAMEO 0814 is RETREAT in PLOVER 2021 (cameo2plover)."""
    assert _type(pipeline, text) == "RETREAT"


@pytest.mark.parametrize(
    ("text", "retreat"),
    [
        ("The museum returned the looted artefacts to Nigeria.", True),
        ("The occupied villages were returned to Azerbaijan in 2020.", True),
        ("Russia returned the bodies of 500 Ukrainian soldiers.", True),
        ("The president returned to Kyiv on Monday after a trip to Washington.", False),
        ("The ambassador returned to Moscow for consultations.", False),
        ("Thousands of refugees have returned to Mosul.", False),
        ("Ukrainian troops returned fire.", False),
        ("The company released its quarterly earnings.", False),
    ],
)
def test_handing_back_is_a_retreat_going_back_is_not(
    pipeline: Pipeline, text: str, retreat: bool
) -> None:
    """CAMEO 0841/0842 return people or property; "returned to Kyiv" returns nothing."""
    assert (_type(pipeline, text) == "RETREAT") is retreat


@pytest.mark.parametrize(
    ("text", "retreat"),
    [
        ("US troops left Iraq in 2011.", True),
        ("Russian forces left the city of Kherson in November.", True),
        ("French soldiers quit the base in Gao on Monday.", True),
        ("The minister left Kyiv on Monday.", False),
        ("The company left the Russian market last year.", False),
    ],
)
def test_forces_leaving_ground_retreat(pipeline: Pipeline, text: str, retreat: bool) -> None:
    """CAMEO 0874: forces leaving ground; anyone else leaving travels."""
    assert (_type(pipeline, text) == "RETREAT") is retreat


@pytest.mark.parametrize(
    "text",
    [
        "The government lifted the ban on opposition rallies.",
        "The Serbian government lifted the curfew in the capital.",
    ],
)
def test_easing_other_restrictions_stays_a_concession(pipeline: Pipeline, text: str) -> None:
    """A ban or a curfew eased is a concession, as the PLOVER gold standard codes it."""
    assert _type(pipeline, text) == "CONCEDE"


@pytest.mark.parametrize(
    ("text", "retreat"),
    [
        ("Israel halted its offensive in northern Gaza on Sunday.", True),
        ("The United States ended its combat mission in Iraq.", True),
        ("The Saudi-led coalition suspended airstrikes on Yemen for the holiday.", True),
        ("Turkey wound down its military operation in northern Syria.", True),
        ("Ethiopia's army stopped the bombing of Mekelle after the truce.", True),
        ("The mining company halted operations at the site.", False),
    ],
)
def test_an_offensive_ended_is_a_retreat(pipeline: Pipeline, text: str, retreat: bool) -> None:
    """CAMEO 087 de-escalation; a firm's "operations" are no military operation."""
    assert (_type(pipeline, text) == "RETREAT") is retreat


# -- REQUEST -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Germany sought assurances from Turkey about the refugees.",
        "Washington is seeking the extradition of the businessman from Austria.",
        "The ministry sought clarification from the Indian ambassador.",
        "Kyiv has sought help from its allies to rebuild the grid.",
        "Nigeria will seek the return of the looted bronzes from Britain.",
    ],
)
def test_seeking_from_someone_is_asking(pipeline: Pipeline, text: str) -> None:
    assert _type(pipeline, text) == "REQUEST"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Russia must withdraw all its forces from Ukraine immediately.", "RUS"),
        ("The Taliban must reverse the ban on girls' education.", "AFG"),
        ("Hamas must free the hostages now.", "PSE"),
        ("The fighting must stop, and Sudan's generals must withdraw their forces.", "SDN"),
        ("Belarus must release all political prisoners without delay.", "BLR"),
    ],
)
def test_a_texts_own_must_is_a_demand_on_its_subject(
    pipeline: Pipeline, text: str, target: str
) -> None:
    """A statement's or a quote's main clause with "must" demands the act of its subject
    (CAMEO 10), with no verb of saying around it."""
    event = _first(pipeline, text)
    assert event is not None and event.type == "REQUEST"
    assert event.evidence.rule == "request.must"


@pytest.mark.parametrize(
    "text",
    [
        "We must defend our country against aggression.",
        "The budget must be approved by the Senate.",
        "Visitors must register at the gate.",
        "By law, all male residents over the age of 18 must register for the draft.",
        "The talks should resume next week.",
    ],
)
def test_a_resolve_a_procedure_or_a_forecast_is_no_demand(pipeline: Pipeline, text: str) -> None:
    """ "we must" (the speaker's own resolve), a passive or an act no trigger names (a
    procedure), "should" (a forecast as often as a demand)."""
    assert _type(pipeline, text) != "REQUEST"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The French senator pleaded not guilty to the charges of fraud.", "REJECT"),
        ("The former Nigerian minister pled not guilty in a London court.", "REJECT"),
        ("The Russian soldier pleaded guilty to killing a civilian in Ukraine.", "CONCEDE"),
        ("The former minister pleaded guilty to corruption charges.", "CONCEDE"),
        ("The mother pleaded with the kidnappers to free her son.", "REQUEST"),
        ("The Ukrainian president pleaded for more air defence systems.", "REQUEST"),
        ("The former Brazilian president will appeal the conviction, his lawyers said.", "REJECT"),
        ("The Russian journalist appealed against the verdict on Tuesday.", "REJECT"),
        ("The Pakistani minister appealed to the UN for flood aid.", "REQUEST"),
    ],
)
def test_a_plea_or_an_appeal_in_court_is_no_request(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """ "pleaded (not) guilty" admits or rejects a charge, appealing a ruling rejects it;
    "pleaded with/for", "appealed to X for" asks."""
    assert _type(pipeline, text) == type_


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Ukraine submitted a request to join NATO.", "REQUEST"),
        ("Sweden lodged an appeal for help with the EU.", "REQUEST"),
        ("Lebanon's appeal for international aid went unanswered.", "REQUEST"),
    ],
)
def test_a_request_filed_or_unheeded_is_a_request(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """ "submitted/lodged a request" carry the noun; an appeal that "went unanswered" is no
    threat (only "will not go unanswered" warns)."""
    assert _type(pipeline, text) == type_


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The new law requires companies to disclose their foreign funding.", "NONE"),
        ("The United States is encouraged by the progress in the talks.", "SUPPORT"),
        ("The French government was heartened by the release of the hostages.", "SUPPORT"),
        ("Germany encouraged Serbia to recognise Kosovo.", "REQUEST"),
        ("The ministry urged Japanese citizens to leave Lebanon.", "REQUEST"),
    ],
)
def test_a_rule_or_a_stance_is_no_request(pipeline: Pipeline, text: str, type_: str) -> None:
    """ "requires" states a rule; "is encouraged by" a stance of approval (CAMEO 051)."""
    assert _type(pipeline, text) == type_


# -- the data: a modified object noun ----------------------------------------------------------


def test_an_object_may_name_its_modifier_or_kind() -> None:
    triggers = load_patterns(None, lexicon=False)
    trade = next(p for p in triggers.patterns if p.id == "sanction.trade")
    assert "visa restriction" in trade.objects
    emergency = next(p for p in triggers.patterns if p.id == "retreat.ease-emergency")
    assert "state of emergency" in emergency.objects


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The government declared a state of emergency in the capital.", "COERCE"),
        ("Ecuador's president declared a state of emergency in three provinces.", "COERCE"),
        ("Sri Lanka's president imposed a state of emergency after the protests.", "COERCE"),
        ("Authorities ended the state of emergency in the northern provinces.", "RETREAT"),
        ("The Nepali government lifted the state of emergency on Friday.", "RETREAT"),
    ],
)
def test_a_state_of_emergency_is_named_by_its_kind(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """ "state" alone is an actor word ("the state"); "state of emergency" is the measure
    (CAMEO 1724 imposed, 0814 eased)."""
    assert _type(pipeline, text) == type_


def test_a_verb_cannot_be_both_transitive_and_intransitive(tmp_path: Path) -> None:
    (tmp_path / CUES_FILE).write_text(
        (PACKAGE_DATA / CUES_FILE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / TRIGGERS_FILE).write_text(
        '[[trigger]]\nid = "x.y"\ntype = "RETREAT"\ncameo = "08"\nverbs = ["return"]\n'
        "transitive = true\nintransitive = true\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"^\[event_triggers\.toml:2\].*both transitive"):
        load_patterns(tmp_path, lexicon=False)


def test_longer_object_phrases_are_refused_with_their_line(tmp_path: Path) -> None:
    """Two words, or "X of Y"; nothing longer ("state of the union")."""
    (tmp_path / CUES_FILE).write_text(
        (PACKAGE_DATA / CUES_FILE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / TRIGGERS_FILE).write_text(
        '[[trigger]]\nid = "x.y"\ntype = "SANCTION"\ncameo = "16"\nverbs = ["impose"]\n'
        'objects = ["state of the union"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"^\[event_triggers\.toml:2\].*one lowercase word"):
        load_patterns(tmp_path, lexicon=False)
