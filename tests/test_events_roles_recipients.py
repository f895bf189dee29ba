"""Roles and actors of aid, statements and readouts, each a named rule in the event's trace,
on sentences written for these tests in news style (the whole pipeline: actor annotator and
coder)."""

from __future__ import annotations

import pytest

from dateline.models import Actor, Event
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import make_doc

pytestmark = pytest.mark.slow


def _codes(actors: list[Actor]) -> list[str | None]:
    return [a.code for a in actors]


def _coded(p: Pipeline, *paragraphs: str) -> list[Event]:
    return p.code(make_doc(*paragraphs)).events


def _targets(events: list[Event], trigger: str) -> list[str | None]:
    return sorted({c for e in events if e.evidence.trigger == trigger for c in _codes(e.target)})


AMOUNTS_GIVEN = [
    ("Last month, the U.S. pledged nearly $90 million in urgent food assistance to Chad, Niger "
     "and Mali.", "pledged million", ["MLI GOV", "NER GOV", "TCD GOV"]),
    ("Germany will provide 30 million euros in humanitarian assistance to Yemen.",
     "provide euros", ["YEM GOV"]),
    ("Canada announced $12 million in new funding for Sudan.", "announced million", ["SDN GOV"]),
    ("The Gulf states offered billions of dollars in loans to Egypt and Jordan.",
     "offered billions", ["EGY GOV", "JOR GOV"]),
    ("Qatar promised $1 billion in budget support for Lebanon.", "promised support",
     ["LBN GOV"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "recipients"), AMOUNTS_GIVEN)
def test_an_amount_given_in_aid_to_a_country_names_the_recipient(
    pipeline: Pipeline, sentence: str, trigger: str, recipients: list[str]
) -> None:
    events = [e for e in _coded(pipeline, sentence) if e.evidence.trigger == trigger]
    assert _targets(events, trigger) == recipients
    assert all("roles.amount-recipient" in e.evidence.rules for e in events)


def test_an_amount_without_a_recipient_adds_no_target(pipeline: Pipeline) -> None:
    # An amount with no "to" or "for" after its measure noun names no recipient.
    events = _coded(pipeline, "Norway has pledged $40 million in aid, officials in Oslo said.")
    assert all("roles.amount-recipient" not in e.evidence.rules for e in events)


def _we_codes(p: Pipeline, *paragraphs: str) -> list[str | None]:
    annotated = p.annotate(make_doc(*paragraphs))
    return [m.code for s in annotated.sentences for m in s.mentions if m.kind == "we"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("Russia continues to hold political prisoners.",
         "We condemn Russia's treatment of them and call on Moscow to free them."),
        ("Venezuela remains in deep crisis.", "We urge Venezuela to hold free elections."),
        ("Belarus has jailed hundreds of protesters since the election.",
         "We will hold Belarus accountable for these abuses."),
    ],
)  # fmt: skip
def test_a_statements_we_is_not_the_country_it_acts_upon(
    pipeline: Pipeline, paragraphs: tuple[str, ...]
) -> None:
    codes = _we_codes(pipeline, *paragraphs)
    assert not any(c and c.split()[0] in ("RUS", "VEN", "BLR") for c in codes)


@pytest.mark.parametrize(
    ("paragraphs", "author"),
    [
        (("Norway welcomes the ceasefire in Sudan.", "Sudan faces a long road to peace.",
          "We urge Sudan's leaders to keep their word."), "NOR GOV"),
        (("Canada is deeply concerned by the arrests of journalists in Iran.",
          "Iran has detained dozens of reporters this year.",
          "We call on Iran to release them."), "CAN"),
    ],
)  # fmt: skip
def test_the_country_a_statement_addresses_leaves_its_author(
    pipeline: Pipeline, paragraphs: tuple[str, ...], author: str
) -> None:
    # Two countries are subjects in the present tense; the one the "we" urges is not the
    # author, so the other one is.
    assert _we_codes(pipeline, *paragraphs) == [author]


def test_the_authors_own_people_named_as_objects_keep_it_the_author(pipeline: Pipeline) -> None:
    codes = _we_codes(
        pipeline,
        "The United States condemns the detention of its citizens abroad.",
        "We will work to bring detained U.S. nationals back to the United States.",
    )
    assert codes == ["USA GOV"]


def _title_mentions(p: Pipeline, *paragraphs: str) -> list[tuple[str, str | None, str | None]]:
    annotated = p.annotate(make_doc(*paragraphs))
    return [
        (m.text, m.name, m.rule)
        for s in annotated.sentences
        for m in s.mentions
        if m.kind == "title" and m.text.lower().startswith("the ")
    ]


@pytest.mark.parametrize(
    ("paragraphs", "named"),
    [
        (("Brazilian President Luiz Lula met investors in Sao Paulo on Monday.",
          "On Tuesday the President held talks with President Lula in Brasilia."), "Lula"),
        (("Prime Minister Narendra Modi arrived in Tokyo for a two-day visit.",
          "The prime minister welcomed Prime Minister Modi at the airport."), "Modi"),
        (("French President Emmanuel Macron called for calm.",
          "The President also praised President Macron for his restraint."), "Macron"),
    ],
)  # fmt: skip
def test_a_bare_title_is_not_the_holder_its_sentence_names_beside_it(
    pipeline: Pipeline, paragraphs: tuple[str, ...], named: str
) -> None:
    for _text, name, rule in _title_mentions(pipeline, *paragraphs):
        assert not (rule or "").startswith("coref.title") or named not in (name or "")


def test_a_bare_title_still_takes_the_latest_holder(pipeline: Pipeline) -> None:
    found = _title_mentions(
        pipeline,
        "Kenyan President William Ruto opened the summit in Nairobi.",
        "The President then met the delegates from Uganda.",
    )
    assert [(n, (r or "").split("(")[0]) for _t, n, r in found] == [("William Ruto", "coref.title")]


@pytest.mark.parametrize(
    ("paragraphs", "trigger", "targets"),
    [
        (("Fighting resumed in Sudan on Monday, and the army shelled Khartoum again.",
          "Egypt welcomed the leadership of Kenyan President William Ruto and Ethiopian "
          "Prime Minister Abiy Ahmed in the talks."), "welcomed", ["ETH GOV", "KEN GOV"]),
        (("Riots broke out in Lebanon overnight, and Lebanon declared a curfew.",
          "France praised the leadership of Jordanian King Abdullah and Egyptian President "
          "Abdel Fattah al-Sisi."), "praised", ["EGY GOV", "JOR GOV"]),
    ],
)  # fmt: skip
def test_a_head_word_the_document_only_guesses_gives_way_to_those_it_is_of(
    pipeline: Pipeline, paragraphs: tuple[str, ...], trigger: str, targets: list[str]
) -> None:
    events = [e for e in _coded(pipeline, *paragraphs) if e.evidence.trigger == trigger]
    assert _targets(events, trigger) == targets
    assert all("roles.guessed-head" in e.evidence.rules for e in events)


def test_a_head_word_its_own_words_place_keeps_its_qualifier(pipeline: Pipeline) -> None:
    events = _coded(pipeline, "Egypt welcomed the president of Kenya to Cairo on Monday.")
    assert sorted({c for e in events for c in _codes(e.target)}) == ["KEN GOV"]
    assert all("roles.guessed-head" not in e.evidence.rules for e in events)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("France deployed four fighter jets to Romania on Tuesday.", "ROU"),
        ("The Pentagon is sending an additional force of 3,000 troops to Kuwait.", "KWT"),
        ("Canada will move a naval unit into the Baltic Sea and to Latvia.", "LVA"),
        ("Germany is deploying 300 more soldiers to Lithuania.", "LTU"),
    ],
)
def test_where_a_force_is_sent_is_no_target(pipeline: Pipeline, sentence: str, place: str) -> None:
    events = [e for e in _coded(pipeline, sentence) if e.type == "MOBILIZE"]
    assert events
    assert not any(a.code and a.code.startswith(place) for e in events for a in e.target)
    assert all("roles.destination" in e.evidence.rules for e in events)


def test_a_relief_team_sent_to_a_country_keeps_it_as_target(pipeline: Pipeline) -> None:
    events = _coded(pipeline, "USAID deployed a disaster response team to Haiti on Sunday.")
    assert "HTI" in {(a.code or "").split()[0] for e in events for a in e.target}
    assert all("roles.destination" not in e.evidence.rules for e in events)


AID_PURPOSES = [
    ("Germany will provide food, shelter and medical care to help the two million people "
     "suffering inside Yemen.", "provide food", ["YEM CVL"]),
    ("Japan announced nearly 3 million dollars in emergency food assistance to meet the urgent "
     "needs caused by the floods in Mozambique.", "announced dollars", ["MOZ"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "trigger", "recipients"), AID_PURPOSES)
def test_the_purpose_clause_of_aid_names_its_beneficiaries(
    pipeline: Pipeline, sentence: str, trigger: str, recipients: list[str]
) -> None:
    events = [e for e in _coded(pipeline, sentence) if e.evidence.trigger == trigger]
    assert events
    assert _targets(events, trigger) == recipients
    assert all("roles.aid-purpose" in e.evidence.rules for e in events)


def test_a_named_recipient_wins_over_the_purpose_clause(pipeline: Pipeline) -> None:
    events = _coded(pipeline, "Germany will provide food aid to Yemen to help families in Chad.")
    events = [e for e in events if e.evidence.trigger == "provide aid"]
    assert _targets(events, "provide aid") == ["YEM GOV"]
    assert all("roles.aid-purpose" not in e.evidence.rules for e in events)
