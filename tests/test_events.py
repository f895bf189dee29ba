"""The event coder on hand-built annotations and on our own sentences through the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate import line_document
from dateline.events import main_event
from dateline.models import Actor, Document, Event
from dateline.pipeline import Pipeline
from dateline.read import read_path
from test_events_helpers import annotated

pytestmark = pytest.mark.slow


def _pairs(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    def first(actors: list[Actor]) -> str | None:
        return actors[0].code if actors else None

    return {(e.type, first(e.source), first(e.target)) for e in events}


def test_light_verb_conjoined_targets_give_one_event_each(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile held talks with Peru and Bolivia on Monday.",
        {"Chile": "CHL GOV", "Peru": "PER GOV", "Bolivia": "BOL GOV"},
    )
    events = pipeline.code_events(ad)
    assert _pairs(events) == {("CONSULT", "CHL GOV", "PER GOV"), ("CONSULT", "CHL GOV", "BOL GOV")}
    assert all(e.evidence.rule == "consult.light" for e in events)
    assert events[0].evidence.trigger == "held talks"
    assert events[0].cameo == "04" and events[0].quad_class == "verbal cooperation"


def test_passive_agent_is_the_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Kharkiv was shelled by Russian forces.",
        {"Russian forces": "RUS MIL", "Kharkiv": "UKR"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.source[0].code, event.target[0].code) == ("ASSAULT", "RUS MIL", "UKR")
    assert "roles.passive-agent" in event.evidence.rules


def test_relative_clause_through_apposition(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The summit gathered the Nordic Council, a group of states that have pledged "
        "support to Ukraine.",
        {"Nordic Council": "Nordic Council", "Ukraine": "UKR"},
    )
    events = [e for e in pipeline.code_events(ad) if e.type == "SUPPORT"]
    assert events and events[0].source[0].code == "Nordic Council"
    assert events[0].target[0].code == "UKR"
    assert events[0].status == "occurred"


def test_purpose_clause_inherits_the_subject_and_dateline_place(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Canadian foreign minister is in Rome to join talks with Italy.",
        {"The Canadian foreign minister": "CAN GOV", "Italy": "ITA GOV"},
        places={"Rome": ("ITA", 41.89, 12.48)},
        date="2026-02-03",
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.status) == ("CONSULT", "occurring")
    assert event.source[0].code == "CAN GOV" and event.target[0].code == "ITA GOV"
    assert event.place is not None and event.place.name == "Rome"
    assert event.date == "2026-02-03"


def test_dateline_place_for_a_planned_event_without_a_place(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline, "Japan will meet Korea on Friday.", {"Japan": "JPN GOV", "Korea": "KOR GOV"},
        dateline="TOKYO", date="2026-03-02",
    )  # fmt: skip
    (event,) = pipeline.code_events(ad)
    assert event.status == "planned"
    assert event.place is not None and event.place.rule == "place.dateline"


def test_an_act_done_on_the_dateline_day_is_at_the_dateline(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    # What Japan and Korea agreed "on Monday" (the dateline's day) was agreed in Tokyo; what
    # they signed in February may have been anywhere.
    path = tmp_path / "tokyo.txt"
    path.write_text(
        "Japan and Korea agree to resume fisheries talks\n\n"
        "TOKYO, March 2, 2026 (Harbour Wire) - Japan and Korea agreed on Monday to resume "
        "talks on fishing rights in the waters between them, officials said.\n\n"
        "Japan signed a separate fishing accord with Korea in February, the officials said. "
        "Both governments have long argued over the catch quotas, and negotiators from the two "
        "sides are expected to meet again before the summer season opens.\n",
        encoding="utf-8",
    )
    (item,) = list(read_path(path, pipeline.options))
    assert isinstance(item, Document), item
    events = pipeline.code(item).events
    today = [e for e in events if e.type == "AGREE"]
    assert today and all(e.status == "occurred" and e.date == "2026-03-02" for e in today)
    assert all("place.dateline-same-day" in e.evidence.rules for e in today), today
    assert all(e.place is not None and e.place.name == "Tokyo" for e in today)
    earlier = [e for e in events if e.type == "SUPPORT"]
    assert earlier and all(e.place is None for e in earlier), earlier


def test_attribution_and_coreference(pipeline: Pipeline) -> None:
    text = (
        "A Dutch diplomat briefed reporters. The diplomat said Belgium had accused Russia of lying."
    )
    ad = annotated(
        pipeline, text, {"A Dutch diplomat": "NLD GOV", "Belgium": "BEL GOV", "Russia": "RUS GOV"},
        antecedents={"The diplomat": "A Dutch diplomat"},
    )  # fmt: skip
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "ACCUSE"]
    assert event.attributed_to is not None and event.attributed_to.code == "NLD GOV"
    assert event.attributed_to.text == "The diplomat"


def test_according_to(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline, "Serbia expelled two Croatian diplomats, according to Croatia.",
        {"Serbia": "SRB GOV", "Croatian diplomats": "HRV GOV", "Croatia": "HRV GOV"},
    )  # fmt: skip
    (event,) = pipeline.code_events(ad)
    assert event.type == "SANCTION"
    assert event.attributed_to is not None and event.attributed_to.text == "Croatia"


def test_event_noun_needs_a_participant(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "The talks are continuing. Russia's attack on Odesa killed two.", {
        "Russia": "RUS", "Odesa": "UKR"})  # fmt: skip
    events = pipeline.code_events(ad)
    assert not any(e.evidence.trigger == "talks" for e in events)
    assert ("ASSAULT", "RUS", "UKR") in _pairs(events)


def test_ids_are_stable(pipeline: Pipeline) -> None:
    def ids() -> list[str]:
        ad = annotated(pipeline, "Chile met Peru.", {"Chile": "CHL GOV", "Peru": "PER GOV"})
        return [e.id for e in pipeline.code_events(ad)]

    first = ids()
    assert first and first == ids()
    assert all(i.startswith("ev-") for i in first)


def _fixture_lines(fixtures_dir: Path) -> list[dict]:  # type: ignore[type-arg]
    path = fixtures_dir / "events" / "sentences.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_our_sentences_through_the_pipeline(pipeline: Pipeline, fixtures_dir: Path) -> None:
    """Each of our sentences: the main event's type, status and actor countries."""
    wrong = []
    for number, record in enumerate(_fixture_lines(fixtures_dir), start=1):
        coded = pipeline.code(line_document(record["text"], number))
        events = main_event(coded.events, coded.annotated)
        got = events[0] if events else None
        sources = {a.country or a.code for e in events for a in e.source if a.code}
        targets = {a.country or a.code for e in events for a in e.target if a.code}
        want_s = {a["code"] for a in record["source"]}
        want_t = {a["code"] for a in record["target"]}
        if (
            got is None or got.type != record["event"] or got.status != record["status"]
            or not want_s <= sources or not want_t <= targets
        ):  # fmt: skip
            wrong.append((record["text"], got and got.type, got and got.status, sources, targets))
    assert wrong == []


def test_a_place_hit_stands_for_its_country_a_place_of_protest_does_not(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "Sudanese rebels shelled the town of Kosti. Sudanese students rallied in Kosti.",
        {"Sudanese rebels": "SDN REB", "Sudanese students": "SDN CVL"},
        places={"Kosti": ("SDN", 13.16, 32.66)},
    )
    events = pipeline.code_events(ad)
    shelling = next(e for e in events if e.type == "ASSAULT")
    assert shelling.target[0].code == "SDN"
    assert shelling.target[0].rule == "roles.place-country"
    rally = next(e for e in events if e.type == "PROTEST")
    assert rally.target == []


def test_purpose_clause_names_the_target(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Farmers began a hunger strike to protest Romania's decision.",
        {"Farmers": "ROU CVL", "Romania": "ROU GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "PROTEST"]
    assert event.target and event.target[0].code == "ROU GOV"


def test_a_background_conflict_noun_takes_neither_the_sentence_nor_the_dateline_place(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "The Chilean minister is in Lima to join talks on ending the war between Peru and Bolivia.",
        {"The Chilean minister": "CHL GOV", "Peru": "PER", "Bolivia": "BOL"},
        places={"Lima": ("PER", -12.05, -77.04)},
        dateline="LIMA",
        date="2026-03-02",
    )
    events = pipeline.code_events(ad)
    (war,) = [e for e in events if e.type == "ASSAULT"]
    assert war.place is None and "place.scope" in war.evidence.rules
    (talks,) = [e for e in events if e.type == "CONSULT"]
    assert talks.place is not None and talks.place.name == "Lima"


def test_a_place_of_the_reporting_clause_is_not_the_reported_events_place(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "Speaking in Oslo, the Danish minister said Sweden would meet Finland next week.",
        {"the Danish minister": "DNK GOV", "Sweden": "SWE GOV", "Finland": "FIN GOV"},
        places={"Oslo": ("NOR", 59.91, 10.75)},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "CONSULT"]
    assert event.source[0].code == "SWE GOV"
    assert event.place is None or event.place.name != "Oslo"


def test_inner_event_noun_of_a_measure_word_carries_the_target(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Japan adopted a new package of sanctions against Peru, targeting two Chilean banks.",
        {"Japan": "JPN GOV", "Peru": "PER", "two Chilean banks": "CHL BUS"},
    )
    pairs = _pairs([e for e in pipeline.code_events(ad) if e.type == "SANCTION"])
    assert ("SANCTION", "JPN GOV", "PER") in pairs
    assert ("SANCTION", "JPN GOV", "CHL BUS") in pairs


def test_a_speech_act_coordinated_into_reported_speech_is_the_speakers(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "The Peruvian ministry said Chilean drones had attacked a port, and accused Bolivia of "
        "trying to wreck the talks.",
        {"The Peruvian ministry": "PER GOV", "Chilean drones": "CHL MIL", "Bolivia": "BOL GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "ACCUSE"]
    assert event.source[0].code == "PER GOV" and event.target[0].code == "BOL GOV"
    assert "roles.coordinated-speech-act" in event.evidence.rules


def test_dropping_an_objection_is_a_concession(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Austria dropped its objection to the plan.", {"Austria": "AUT GOV"})
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.source[0].code) == ("CONCEDE", "AUT GOV")


def test_a_demand_targets_the_subject_of_what_is_demanded(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile demanded that Peru return the seized ships.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "REQUEST"]
    assert (event.source[0].code, event.target[0].code) == ("CHL GOV", "PER GOV")
    assert "roles.clause-subject" in event.evidence.rules


def test_its_forces_in_reported_speech_are_the_reporters_military(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Peru's defence ministry said its forces had shelled a village near Arica.",
        {"Peru's defence ministry": "PER GOV"},
        places={"Arica": ("CHL", -18.48, -70.31)},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "ASSAULT"]
    assert event.source[0].code == "PER MIL" and event.source[0].rule == "roles.own-pronoun"
    assert event.target[0].code == "CHL"


def test_a_parallel_while_clause_is_its_own_event_not_the_content_of_a_pledge(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "Japan pledged to send two ships to Chile, while Korea offered to lead patrols.",
        {"Japan": "JPN GOV", "Chile": "CHL", "Korea": "KOR GOV"},
    )
    sources = {e.source[0].code for e in pipeline.code_events(ad) if e.type == "AGREE"}
    assert sources == {"JPN GOV", "KOR GOV"}


def test_would_contribute_is_an_intent_to_aid(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile and Peru said they would contribute personnel to the mission.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = pipeline.code_events(ad)
    assert {(e.type, a.code) for e in events for a in e.source} == {
        ("AGREE", "CHL GOV"),
        ("AGREE", "PER GOV"),
    }


def test_together_with_makes_a_co_source_not_a_target(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Leaders attended the summit, which Chile hosted together with Peru.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = [e for e in pipeline.code_events(ad) if e.type == "CONSULT"]
    # Each host is a source of its own event (one event per coordinated actor).
    assert sorted(a.code for e in events for a in e.source) == ["CHL GOV", "PER GOV"]
    assert all(len(e.source) == 1 and not any(t.code for t in e.target) for e in events)


def test_two_parties_agreeing_to_a_truce_agree_with_each_other(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline, "Chile and Peru have agreed to a truce.", {"Chile": "CHL GOV", "Peru": "PER GOV"}
    )
    assert _pairs(pipeline.code_events(ad)) == {
        ("AGREE", "CHL GOV", "PER GOV"),
        ("AGREE", "PER GOV", "CHL GOV"),
    }


def test_polish_jets_were_scrambled_the_mobilized_force_is_the_source(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Chilean jets were scrambled at dawn.", {"Chilean jets": "CHL MIL"})
    (event,) = pipeline.code_events(ad)
    assert event.type == "MOBILIZE" and event.source[0].code == "CHL MIL" and not event.target


def test_a_participle_of_writing_attributes_a_voiced_threat(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Peruvian minister went further, writing that Peru could strike Chilean ports.",
        {"The Peruvian minister": "PER GOV", "Peru": "PER GOV", "Chilean ports": "CHL"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.status) == ("THREATEN", "occurred")
    assert event.attributed_to is not None and event.attributed_to.code == "PER GOV"


def test_an_announced_deployment_to_an_ally_stays_mobilize_planned(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Chilean president said Chile would station jets in Peru.",
        {"The Chilean president": "CHL GOV", "Chile": "CHL GOV", "Peru": "PER"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.status) == ("MOBILIZE", "planned")


def test_a_speaker_accusing_after_a_relative_clause_is_the_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Chilean envoy said Chile would veto any text that mentioned troops and accused "
        "Peru of trying to wreck the talks.",
        {"The Chilean envoy": "CHL GOV", "Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = pipeline.code_events(ad)
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert accuse.source[0].code == "CHL GOV" and accuse.target[0].code == "PER GOV"
    (veto,) = [e for e in events if e.type == "REJECT"]
    assert veto.status == "occurred" and "status.voiced-refusal" in veto.evidence.rules


def test_a_gerund_after_told_reporters_is_the_tellers_act_with_the_counterpart(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "Smith told reporters after chairing the meeting with his Peruvian counterpart.",
        {"Smith": "CHL GOV", "his": "CHL GOV", "Peruvian counterpart": "PER GOV"},
    )
    (event,) = pipeline.code_events(ad)
    assert (event.type, event.source[0].code) == ("CONSULT", "CHL GOV")
    assert [t.code for t in event.target] == ["PER GOV"]


def test_a_stated_readiness_to_lead_a_force_is_an_agreement_made(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile and Peru are ready to lead a multinational force in Bolivia.",
        {"Chile": "CHL GOV", "Peru": "PER GOV", "Bolivia": "BOL"},
    )
    events = pipeline.code_events(ad)
    assert {(e.type, e.status) for e in events} == {("AGREE", "occurred")}
    assert {a.code for e in events for a in e.source} == {"CHL GOV", "PER GOV"}


def test_rejecting_the_offer_targets_who_made_it(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile is ready to meet Peru in Santiago, the Chilean spokesman said. "
        "Bolivia swiftly rejected the offer.",
        {"Chile": "CHL GOV", "Peru": "PER GOV", "the Chilean spokesman": "CHL GOV",
         "Bolivia": "BOL GOV"},
    )  # fmt: skip
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "REJECT"]
    assert event.target[0].code == "CHL GOV" and "roles.anaphoric-act" in event.evidence.rules


def test_travelling_to_a_capital_visits_its_government_only_with_a_host(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "The Chilean envoy will travel to Lima next week. Chile and Peru travelled to the summit.",
        {"The Chilean envoy": "CHL GOV", "Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    events = [e for e in pipeline.code_events(ad) if e.evidence.rule == "consult.travel"]
    assert _pairs(events) == {("CONSULT", "CHL GOV", "PER GOV")}
    assert events[0].status == "planned" and "roles.visit-host" in events[0].evidence.rules


def test_is_committed_to_makes_the_subject_the_doer(pipeline: Pipeline) -> None:
    ad = annotated(pipeline, "Peru is committed to opening its markets.", {"Peru": "PER GOV"})
    (event,) = pipeline.code_events(ad)
    assert event.type == "AGREE" and [a.code for a in event.source] == ["PER GOV"]


def test_a_statement_demanding_is_its_issuers_demand(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Peruvian rebels issued a statement demanding that Chile free the prisoners.",
        {"The Peruvian rebels": "PER REB", "Chile": "CHL GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "REQUEST"]
    assert (event.source[0].code, event.target[0].code) == ("PER REB", "CHL GOV")
    assert "roles.issued-text" in event.evidence.rules


def test_the_dateline_place_is_only_for_actors_at_the_dateline(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "The Chilean minister is in Lima for talks. Bolivia is massing troops on its border. "
        "The Chilean minister will meet Peru on Friday.",
        {"The Chilean minister": "CHL GOV", "Bolivia": "BOL GOV", "Peru": "PER GOV"},
        places={"Lima": ("PER", -12.05, -77.04)},
        dateline="LIMA",
    )
    events = pipeline.code_events(ad)
    (troops,) = [e for e in events if e.type == "MOBILIZE"]
    assert troops.status == "occurring" and troops.place is None
    assert "place.not-at-dateline" in troops.evidence.rules
    (meeting,) = [e for e in events if e.type == "CONSULT" and e.status == "planned"]
    assert meeting.place is not None and meeting.place.name == "Lima"
    assert meeting.place.rule == "place.dateline"


def test_a_text_acts_for_whoever_put_it_forward(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile circulated a draft resolution that asks Peru to withdraw its troops.",
        {"Chile": "CHL GOV", "Peru": "PER GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "REQUEST"]
    assert event.source[0].code == "CHL GOV" and event.target[0].code == "PER GOV"
    assert "roles.instrument-author" in event.evidence.rules


def test_a_call_coordinated_after_a_noun_clause_in_reported_speech_is_the_speakers(
    pipeline: Pipeline,
) -> None:
    ad = annotated(
        pipeline,
        "The Peruvian ministry said the strike was a violation of the truce agreed through "
        "Chilean mediation and called on Bolivia to respond.",
        {"The Peruvian ministry": "PER GOV", "Bolivia": "BOL GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.type == "REQUEST"]
    assert event.source[0].code == "PER GOV" and event.target[0].code == "BOL GOV"


def test_a_protest_against_deliveries_is_not_aimed_at_the_recipient(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Several hundred Chilean demonstrators protested against arms deliveries to Peru.",
        {"Several hundred Chilean demonstrators": "CHL CVL", "Peru": "PER GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.evidence.trigger == "protested"]
    assert event.type == "PROTEST" and not any(t.code for t in event.target)


def test_a_participle_with_by_takes_its_agent_as_the_source(pipeline: Pipeline) -> None:
    ad = annotated(
        pipeline,
        "Chile and Peru exchanged prisoners in a swap mediated by Brazil.",
        {"Chile": "CHL GOV", "Peru": "PER GOV", "Brazil": "BRA GOV"},
    )
    (event,) = [e for e in pipeline.code_events(ad) if e.evidence.trigger == "mediated"]
    assert event.type == "CONSULT" and event.source[0].code == "BRA GOV"


@pytest.mark.slow
def test_no_two_events_of_a_document_share_an_id(pipeline: Pipeline, corpus_dir: Path) -> None:
    """Event ids are unique within a document (the store and `load` key on them)."""
    for doc in pipeline.read_many([corpus_dir]):
        if isinstance(doc, Document):
            ids = [e.id for e in pipeline.code(doc).events]
            assert len(ids) == len(set(ids)), doc.source
