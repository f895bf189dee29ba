"""ACCUSE, REJECT and PROTEST wording of news, by class, on sentences written for these tests.

Each class is a general pattern of English news wording (reported wrongdoing, verdicts on an
act, critical attitudes, legal action, refusals and dismissals, votes and appeals against,
street protests and strikes), tried on several sentences that vary the verb, tense, voice and
word order; each family also has sentences the pattern must leave alone.
"""

from __future__ import annotations

import pytest

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


# -- verdicts on an act: illegal, a sham, a ploy (accuse.judgement) -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said the referendum was illegal and a farce.",
        "The Estonian foreign ministry said the annexation was illegitimate.",
        "A federal judge ruled that the curfew was unconstitutional.",
        "Opposition leaders in Caracas said the vote was a ploy to keep Maduro in power.",
        "The decision to expel the diplomats is a mistake, the German chancellor said.",
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


def test_a_festival_crowd_is_no_protest(pipeline: Pipeline) -> None:
    assert main_type(pipeline, "The festival drew thousands of visitors to the capital.") == "NONE"
