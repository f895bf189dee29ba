"""ACCUSE, REJECT and PROTEST wording of news, by class, on sentences written for these tests.

Each class is a general pattern of English news wording (reported wrongdoing, verdicts on an
act, critical attitudes, legal action, refusals and dismissals, votes and appeals against,
street protests and strikes), tried on several sentences that vary the verb, tense, voice and
word order; each family also has sentences the pattern must leave alone.
"""

from __future__ import annotations

import pytest

from dateline.evaluate import line_document
from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events, main_type

pytestmark = pytest.mark.slow


# -- a wrong reported as someone's finding is an allegation (accuse.reported-wrong) -----------


@pytest.mark.parametrize(
    "text",
    [
        "The opposition leader said the government had lied about the death toll.",
        "Kenyan officials claimed that Uganda was interfering in the election.",
        "A Brazilian judge ruled that the mining company violated environmental law.",
        "Human rights groups say the Egyptian police routinely abuse detainees.",
        "The German prosecutor concluded the Russian agents had deceived investigators.",
        "Critics argue the Hungarian government is muzzling the press.",
        "The court found that the Greek coast guard had mistreated the migrants.",
        "Auditors in Lagos reported that the agency had squandered public funds.",
    ],
)
def test_a_wrong_reported_by_someone_is_an_allegation(pipeline: Pipeline, text: str) -> None:
    """ "X said / ruled / found that Y had lied, violated, abused ...": the report accuses Y."""
    assert main_type(pipeline, text) == "ACCUSE"


def test_the_one_who_reports_the_wrong_accuses_the_one_who_did_it(pipeline: Pipeline) -> None:
    """The speaker (or the judge who rules) is the source; the wrongdoer, not whom the wrong
    was done to, is the target."""
    events = main_events(
        pipeline, "Kenyan officials claimed that Uganda was interfering in the vote."
    )
    assert events[0].evidence.rule == "accuse.reported-wrong"
    assert [a.code for a in events[0].source] == ["KEN GOV"]
    assert [a.code for a in events[0].target] == ["UGA GOV"]
    events = main_events(
        pipeline, "A Brazilian judge ruled that Argentina had violated the trade treaty."
    )
    assert events[0].source and events[0].source[0].code == "BRA JUD"
    assert [a.code for a in events[0].target] == ["ARG GOV"]
    events = main_events(
        pipeline, "The court found that the Greek coast guard had mistreated Syrian migrants."
    )
    assert all(a.code != "SYR CVL" for a in events[0].target)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy had grown by three percent.",
        "Officials said the talks would resume next week in Geneva.",
        "The Kenyan government lied low during the dispute.",
        "Uganda has interfered in the region's wars for decades.",
    ],
)
def test_no_allegation_without_a_wrong_or_without_a_report(pipeline: Pipeline, text: str) -> None:
    """A report of no wrong is no accusation; nor is a wrong that no verb of saying or judging
    reports (the reporter's own narration)."""
    assert main_type(pipeline, text) != "ACCUSE"


# -- an official statement's own verdict on a wrong ---------------------------------------------


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        (
            "The United States condemns the arrest of opposition leaders in Managua.",
            "Ortega and Murillo continue to persecute journalists and silence independent voices.",
            "We call on the government to release all political prisoners.",
        ),
        (
            "The United Kingdom is deeply concerned by the verdict.",
            "Lukashenko's security services have harassed the families of the detained activists.",
            "We urge Minsk to end this campaign.",
        ),
        (
            "The United States condemns the decision.",
            "These restrictions undermine Georgia's democratic institutions.",
            "We will continue to support the people of Georgia.",
        ),
        (
            "Canada condemns the sentencing of the journalists.",
            "Iran's leaders have sought to intimidate and silence their critics.",
            "We stand with the people of Iran.",
        ),
        (
            "France strongly condemns the attack.",
            "Moscow has repeatedly flouted its commitments under the agreement.",
            "We will respond in coordination with our partners.",
        ),
    ],
)
def test_a_statement_s_own_words_on_a_wrong_are_its_author_s_verdict(
    pipeline: Pipeline, before: str, text: str, after: str
) -> None:
    """In an official statement ("... condemns ... We call on ..."), "the regime continues to
    harass journalists" is its author's accusation, not a report of coercion."""
    coded = pipeline.code(line_document([before, text, after], 1, "test"))
    mine = [e for e in coded.events if e.evidence.sentence == text]
    assert mine and mine[0].type == "ACCUSE"
    assert mine[0].evidence.rule == "accuse.reported-wrong"
    assert mine[0].source and mine[0].source[0].code != mine[0].target[0].code


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Police in Minsk harassed journalists outside the court on Monday.", "COERCE"),
        ("Security forces in Tehran persecuted members of the Bahai faith for years.", "COERCE"),
    ],
)
def test_a_wrong_in_plain_narration_keeps_its_own_type(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """Outside a statement and with no one reporting it, harassment stays coercion."""
    assert main_type(pipeline, text) == type_


def test_a_statement_without_a_single_named_author_still_speaks_in_its_voice(
    pipeline: Pipeline,
) -> None:
    """Two governments named in the present tense ("The United States condemns ...", "The
    Nicaraguan regime continues to ..."): no single author, but the text's "we" outside
    quotations makes it a statement, and its verdict stands (with no source named)."""
    text = "The Nicaraguan regime continues to persecute journalists and silence critics."
    coded = pipeline.code(
        line_document(
            [
                "The United States condemns the arrest of opposition leaders in Managua.",
                text,
                "We call on the government to release all political prisoners.",
            ],
            1,
            "test",
        )
    )
    mine = [e for e in coded.events if e.evidence.sentence == text]
    assert mine and mine[0].type == "ACCUSE"
    assert [a.code for a in mine[0].target] == ["NIC GOV"]


def test_a_quoted_we_makes_no_statement(pipeline: Pipeline) -> None:
    """ "We were beaten," a man told reporters: a news report quoting someone; the police's
    harassment it reports stays coercion."""
    text = "Police in Minsk harassed journalists outside the court on Monday."
    coded = pipeline.code(
        line_document(['"We were beaten," one of the men told reporters.', text], 1, "test")
    )
    mine = [e for e in coded.events if e.evidence.sentence == text]
    assert mine and mine[0].type == "COERCE"


def test_those_wrongfully_detained_are_described_not_accused(pipeline: Pipeline) -> None:
    coded = pipeline.code(
        line_document(
            [
                "The United States welcomes the release.",
                "I told the families of those wrongfully detained in Russia that we would not "
                "forget them.",
            ],
            1,
            "test",
        )
    )
    assert not any("intent.alleged-wrong" in e.evidence.rules for e in coded.events)


def test_a_relative_clause_on_wrongdoers_names_no_one_accused(pipeline: Pipeline) -> None:
    """ "to hold accountable those who committed abuses": a statement's aim, no allegation."""
    coded = pipeline.code(
        line_document(
            [
                "The United States welcomes the agreement.",
                "We will work to hold accountable those who committed abuses against civilians.",
            ],
            1,
            "test",
        )
    )
    assert not any(e.evidence.rule == "accuse.reported-crime" for e in coded.events)


# -- concern: about someone's act, not a state of affairs ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The United States is gravely concerned by reports that Iranian authorities are "
        "escalating violence against protesters.",
        "Canada is deeply concerned by the arrests of journalists in Hong Kong.",
        "We note with deep concern that the government continues to detain journalists.",
        "Britain is alarmed by China's decision to expel the observers.",
        "The European Union is concerned about the deaths of migrants at the border.",
    ],
)
def test_concern_at_an_act_is_disapproval(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


@pytest.mark.parametrize(
    "text",
    [
        "The United States remains deeply concerned about the humanitarian situation in Yemen.",
        "We are concerned about the economy and the coming winter.",
        "Japan remains concerned about the state of the global economy.",
    ],
)
def test_concern_about_a_state_of_affairs_accuses_no_one(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "ACCUSE"


# -- crimes reported as someone's ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch said Ethiopian forces committed war crimes in Tigray.",
        "The report found that Myanmar's military had committed genocide against the Rohingya.",
        "Prosecutors allege the Bolivian minister perpetrated a massive fraud.",
        "United Nations investigators concluded that Syrian troops had committed atrocities.",
        "Witnesses told reporters that the militia committed abuses in the camps.",
    ],
)
def test_a_crime_reported_as_someone_s_is_an_allegation(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


# -- accusations undergone: faced criticism, came under fire, hit out --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president faced criticism from church leaders over the tax increases.",
        "Venezuela's government has come under heavy criticism for its handling of the election.",
        "The Australian minister drew condemnation from Indonesia after the remarks.",
        "The Nigerian army came under fire from rights groups over the killings.",
        "The former Peruvian president faces corruption charges.",
    ],
)
def test_an_accusation_the_subject_undergoes_targets_the_subject(
    pipeline: Pipeline, text: str
) -> None:
    """ "X faced criticism from Y": Y accuses X (the subject is the target)."""
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"
    assert events[0].target and not any(
        a.code == events[0].target[0].code for a in events[0].source
    )


def test_who_criticises_is_the_source_of_an_undergone_criticism(pipeline: Pipeline) -> None:
    events = main_events(
        pipeline, "The Australian minister drew condemnation from Indonesia after the remarks."
    )
    assert [(a.code or "")[:3] for a in events[0].source] == ["IDN"]
    assert [a.code for a in events[0].target] == ["AUS GOV"]


@pytest.mark.parametrize(
    "text",
    [
        "The Serbian president hit out at Kosovo's prime minister on Tuesday.",
        "Poland lashed out at Germany over the pipeline deal.",
        "The Indian foreign ministry hit back at Canada on Tuesday.",
        "Israel and Hamas traded accusations over the collapse of the talks.",
        "Lithuanian officials said Moscow was spreading disinformation about the drills.",
        "Kyiv said Russia bears full responsibility for the escalation.",
        "The Sudanese army carries the blame for the famine, the aid agency said.",
        "Kenya's inquiry into the deaths of the protesters began on Monday.",
        "The European Commission launched legal proceedings against Hungary over the law.",
        "Washington reiterated its deep concern about Beijing's military drills.",
        "Rights groups expressed alarm at the arrests of Tunisian opposition figures.",
    ],
)
def test_verbal_swipes_and_light_verb_accusations(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The opposition leader attacked the government's handling of the crisis.", "ACCUSE"),
        ("Senator Warren blasted the Federal Reserve's decision to raise rates.", "ACCUSE"),
        ("Erdogan took a swipe at Sweden over the Koran burnings.", "ACCUSE"),
        ("The Dutch prime minister took exception to the remarks by Hungary's leader.", "ACCUSE"),
        ("The Czech president's remarks drew a sharp rebuke from Beijing.", "ACCUSE"),
        ("Russian forces attacked the city of Kharkiv overnight.", "ASSAULT"),
        ("Militants attacked a police station in northern Burkina Faso.", "ASSAULT"),
    ],
)
def test_a_verbal_attack_on_a_policy_is_criticism_an_attack_on_a_place_is_not(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


def test_troops_under_fire_are_attacked_not_criticised(pipeline: Pipeline) -> None:
    """ "came under fire" of soldiers, with no critic, is no criticism undergone by choice of
    words alone; what the coder must not do is make the soldiers the accusers."""
    events = main_events(pipeline, "Nigerian troops came under fire from militants near Maiduguri.")
    assert not events or all(a.code != "NGA MIL" for e in events for a in e.source)


# -- a material act reported as wrongful (intent.alleged-wrong) --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Today, the Secretary made a determination that the journalist is wrongfully detained "
        "by Russia.",
        "The family said he was wrongfully imprisoned by the Iranian authorities.",
        "A United Nations panel found that Egypt had arbitrarily detained the activist.",
        "Human rights lawyers say Israeli forces unlawfully killed the teenager.",
        "The opposition claims the Zimbabwean police illegally arrested its candidates.",
    ],
)
def test_an_act_reported_as_wrongful_is_an_allegation(pipeline: Pipeline, text: str) -> None:
    """ "X said Y wrongfully detained Z": the report accuses Y; the detention is its content."""
    events = main_events(pipeline, text)
    assert events and events[0].type == "ACCUSE"
    assert "intent.alleged-wrong" in events[0].evidence.rules


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Police arrested the man on Tuesday.", "COERCE"),
        ("The activist was detained in Cairo in 2019, his lawyer said.", "COERCE"),
        ("Officials said Russian missiles killed five people in Kharkiv.", "ASSAULT"),
    ],
)
def test_an_act_reported_without_a_verdict_keeps_its_type(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


# -- verdicts on an act: illegal, a sham, a ploy (accuse.judgement) -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said the referendum was illegal and a farce.",
        "The Estonian foreign ministry said the annexation was illegitimate.",
        "A federal judge ruled that the curfew was unconstitutional.",
        "Opposition leaders in Caracas said the vote was a ploy to keep Maduro in power.",
        "The decision to expel the diplomats is a mistake, the German chancellor said.",
        "Police said the stabbing was an act of terrorism.",
        "The Armenian foreign ministry said the offensive was an act of aggression.",
        "The killing of the aid workers is an atrocity, the Spanish prime minister said.",
        "Beijing described the American sanctions as discriminatory and hypocritical.",
    ],
)
def test_a_verdict_of_illegality_or_deceit_is_disapproval(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


# -- attitudes: critical of, regret that ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The European Union was sharply critical of Turkey's drilling plans.",
        "Japanese officials have been highly critical of China's coast guard.",
        "The Canadian prime minister remains critical of India's response.",
        "The United States regrets that Russia has chosen to expel the observers.",
        "The Norwegian government lamented that the junta had ignored the appeal.",
    ],
)
def test_a_critical_attitude_is_disapproval(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


@pytest.mark.parametrize(
    "text",
    [
        "The situation in the north remains dangerous, officials said.",
        "The weather was terrible on Friday.",
        "Journalism is not a crime.",
    ],
)
def test_a_plain_description_is_no_verdict(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "NONE"


@pytest.mark.parametrize(
    "text",
    [
        "Foreign investment is critical to Kenya's economy, the minister said.",
        "The next two weeks will be critical for the Colombian peace process.",
    ],
)
def test_critical_to_something_is_no_criticism(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "ACCUSE"


# -- legal action ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors in Paris opened an investigation into the former minister.",
        "The former Peruvian president was charged with money laundering.",
        "A federal grand jury indicted two Russian nationals on hacking charges.",
        "Mexico filed a lawsuit against American gun makers.",
        "The House of Representatives impeached the president on Wednesday.",
        "The Philippine senator faces corruption charges.",
    ],
)
def test_investigations_charges_and_lawsuits_are_accusations(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ACCUSE"


# -- REJECT: dismissals, votes and appeals against ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese embassy in London called the report baseless and politically motivated.",
        "The Turkish foreign ministry described the resolution as null and void.",
        "The Kremlin dismissed the allegations as fabricated.",
        "Beijing branded the accusations a lie.",
    ],
)
def test_a_claim_labelled_false_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REJECT"


def test_a_negated_verdict_condemns_nothing(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "Journalism is not a crime.") == "NONE"
    assert (
        main_type(pipeline, "The court said the minister had not lied to parliament.") != "ACCUSE"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Israel said the accusations were false and unfounded.",
        "The Turkish ministry said the agreement was null and void.",
        "Beijing said the reports of forced labour were baseless.",
        "The claims are groundless, a spokesman for the Iranian embassy said.",
        "Moscow said the allegations of poisoning were absurd.",
    ],
)
def test_a_claim_judged_false_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REJECT"


@pytest.mark.parametrize(
    "text",
    [
        "Lebanon's parliament voted against the proposed constitutional amendment.",
        "Several Democrats voted against the defence bill.",
        "The lawyers said they would appeal the verdict.",
        "Trump's campaign challenged the election results in Georgia.",
        "Hungary blocked Ukraine's accession to the bloc.",
        "Polish senators blocked the appointment of the new ombudsman.",
    ],
)
def test_votes_appeals_and_blocks_against_a_measure_are_rejections(
    pipeline: Pipeline, text: str
) -> None:
    assert main_type(pipeline, text) == "REJECT"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The Afghan Taliban said there would be no negotiations with the opposition.", "REJECT"),
        ("No agreement was reached between Ethiopia and Egypt on the dam.", "REJECT"),
        ("The two sides held talks in Doha on Sunday.", "CONSULT"),
        ("Ethiopia and Egypt reached an agreement on the dam.", "AGREE"),
    ],
)
def test_talks_or_a_deal_denied_by_no_are_a_refusal(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert main_type(pipeline, text) == type_


@pytest.mark.parametrize(
    "text",
    [
        "Maduro has never conceded the vote.",
        "The Belarusian leader did not concede the 2020 election.",
        "Argentina will not concede sovereignty over the islands, the foreign minister said.",
    ],
)
def test_a_concession_withheld_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REJECT"


@pytest.mark.parametrize(
    "text",
    [
        "Voters in Chile went to the polls on Sunday.",
        "The appeal of the plan lies in its simplicity.",
        "The spokesman declined to comment on the report.",
    ],
)
def test_no_rejection_in_plain_votes_or_appeal_as_charm(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) != "REJECT"


# -- PROTEST -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of farmers protested outside parliament in New Delhi.",
        "Protests erupted in several Iranian cities on Friday.",
        "Teachers in Argentina went on strike over pay.",
        "Workers at the Chilean copper mine walked off the job.",
        "Doctors in Nigeria downed tools on Monday.",
        "Students occupied the university campus in Dhaka.",
        "Anti-government demonstrations spread to Basra on Sunday.",
    ],
)
def test_demonstrations_strikes_and_occupations_are_protests(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Garment workers in Bangladesh have been on strike for two weeks.",
        "A hunger strike by Palestinian detainees entered its third week.",
        "Dockers in Antwerp remained on strike on Monday.",
        "Clashes between protesters and police broke out in Lima on Friday.",
        "Opposition supporters clashed with police in Dakar after the vote was postponed.",
        "Farmers in Brussels pelted the European Parliament with eggs.",
    ],
)
def test_strikes_by_kind_and_crowd_violence_are_protests(pipeline: Pipeline, text: str) -> None:
    """ "on strike", "a hunger strike" (a bare "strike" stays an attack), and clashes whose
    side is a crowd of protesters (a riot, CAMEO 145)."""
    assert main_type(pipeline, text) == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Rallies were held in several Georgian cities on Saturday.",
        "A protest was staged outside the Chinese embassy in Kathmandu.",
        "Hundreds of protesters gathered in front of the presidential palace in Lima.",
        "Demonstrators chanted slogans against the military government in Khartoum.",
        "The farmers' protest entered its second week.",
        "Anti-government protests have been taking place since Tuesday in Belgrade.",
        "Crowds of protesters stormed the parliament building in Belgrade.",
        "Iranian women burned their headscarves in protest.",
        "The opposition walked out of parliament in protest.",
    ],
)
def test_protests_reported_without_a_named_organiser(pipeline: Pipeline, text: str) -> None:
    """Crowds are rarely named: an agentless "rallies were held", a crowd noun as the subject
    of a crowd's verb, a protest noun with a verb of going on, violence done by protesters (a
    riot), and any act done "in protest"."""
    assert main_type(pipeline, text) == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters have claimed the governor is corrupt, local media reported.",
        "The rally drew national attention to the town.",
        "Talks were held in Doha on Sunday.",
    ],
)
def test_crowds_that_speak_and_events_that_draw_attention_are_no_new_protest(
    pipeline: Pipeline, text: str
) -> None:
    assert main_type(pipeline, text) != "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "An air strike by Israeli jets hit a house in Rafah.",
        "Clashes between the army and rebels killed twelve people in Darfur.",
    ],
)
def test_air_strikes_and_armed_clashes_stay_assaults(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "Iran's rejection of the offer came after weeks of talks.",
        "Serbia's refusal to recognise Kosovo remains the main obstacle.",
        "Hungary objected to the plan to use frozen Russian assets.",
        "The Malaysian government pushed back against the criticism from Washington.",
        "The Kremlin disputed the figures released by Kyiv.",
        "The Philippines balked at the Chinese demand.",
    ],
)
def test_refusals_named_as_nouns_and_objections_are_rejections(
    pipeline: Pipeline, text: str
) -> None:
    assert main_type(pipeline, text) == "REJECT"


@pytest.mark.parametrize(
    "text",
    [
        "The Supreme Court struck down the law.",
        "The senators voted down the amendment by a wide margin.",
        "A Kenyan court struck down the finance act as unconstitutional.",
    ],
)
def test_striking_or_voting_down_is_a_rejection(pipeline: Pipeline, text: str) -> None:
    assert main_type(pipeline, text) == "REJECT"


def test_a_festival_crowd_is_no_protest(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "The festival drew thousands of visitors to the capital.") == "NONE"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The convoy came under fire from rebels outside the town.", "ASSAULT"),
        ("Ukrainian positions came under fire overnight.", "ASSAULT"),
        ("The minister came under fire from human rights groups over the law.", "ACCUSE"),
        ("The new law came under fire from the European Union.", "ACCUSE"),
    ],
)
def test_coming_under_fire_is_shooting_unless_words(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    """Fire with no one or only armed actors firing is shooting (roles.literal-fire);
    from critics it is criticism (roles.undergoer)."""
    events = pipeline.code(line_document(text, 1, "t")).events
    assert events and events[0].type == type_, [(e.type, e.evidence.rule) for e in events]


def test_an_act_drawing_criticism_accuses_its_doer(pipeline: Pipeline) -> None:
    """ "The X of Y by Z drew criticism from W": W accuses Z (roles.undergone-act)."""
    text = "The shelling of Kharkiv by Russian forces drew condemnation from the United Nations."
    events = pipeline.code(line_document(text, 1, "t")).events
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations, [(e.type, e.evidence.rule) for e in events]
    assert [a.code for a in accusations[0].source] == ["UN"]
    assert [a.code for a in accusations[0].target] == ["RUS MIL"]


def test_an_attack_undergone_comes_from_its_from_phrase(pipeline: Pipeline) -> None:
    """One undergoer rule for every pattern: "came under attack from X" makes X the source
    and the subject the target, as "came under criticism from X" does."""
    text = "A Ukrainian army convoy came under attack from Russian forces near Kupiansk."
    events = [e for e in pipeline.code(line_document(text, 1, "t")).events if e.type == "ASSAULT"]
    assert events, "no assault"
    assert [a.code for a in events[0].source] == ["RUS MIL"]
    assert [a.code for a in events[0].target] == ["UKR MIL"]
