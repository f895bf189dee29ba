"""Actor mentions on hand-written tricky sentences (our own, news style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.models import AnnotatedDocument, Document
from dateline.pipeline import Pipeline
from fixtures.actors.helpers import annotate, by_text, make_doc

pytestmark = pytest.mark.slow


def test_title_without_name(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The German foreign minister warned that sanctions would follow.")
    m = by_text(ann, "The German foreign minister")
    assert (m.code, m.kind, m.rule) == ("DEU GOV", "title", "actors.country+title")


def test_name_without_title_from_the_kb(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Zelenskyy met Starmer and Frederiksen at the summit on Monday.")
    assert by_text(ann, "Zelenskyy").code == "UKR GOV"
    assert by_text(ann, "Starmer").name == "Keir Starmer"
    m = by_text(ann, "Frederiksen")
    assert (m.code, m.rule) == ("DNK GOV", "kb:office-holder")


def test_demonyms_and_adjectives(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Finns queued at polling stations while Swedish soldiers trained nearby.")
    assert by_text(ann, "Finns").code == "FIN CVL"
    assert by_text(ann, "Swedish soldiers").code == "SWE MIL"
    # An adjective alone is not an actor.
    ann = annotate(fresh, "The plan drew Swedish criticism.")
    assert not [m for m in ann.mentions if m.country == "SWE"]


def test_capitals_and_seats_as_governments(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Beijing said it would not send weapons. The Kremlin rejected the offer, "
        "and Berlin's envoy left the talks in Rome.",
    )
    assert by_text(ann, "Beijing").code == "CHN GOV"
    assert by_text(ann, "The Kremlin").code == "RUS GOV"
    assert by_text(ann, "Berlin's envoy").code == "DEU GOV"
    assert not [m for m in ann.mentions if m.text == "Rome"]
    places = [p for s in ann.sentences for p in s.places]
    assert [(p.text, p.country) for p in places] == [("Rome", "ITA")]


def test_coordinated_countries_become_one_mention_each(fresh: Pipeline) -> None:
    text = "The defence ministers of Norway, Sweden and Poland signed the accord."
    ann = annotate(fresh, text)
    group = [m for m in ann.mentions if m.kind == "group"]
    assert [(m.text, m.code) for m in group] == [
        ("Norway", "NOR GOV"), ("Sweden", "SWE GOV"), ("Poland", "POL GOV"),
    ]  # fmt: skip
    phrase = "The defence ministers of Norway, Sweden and Poland"
    assert all(m.start >= 0 and m.end <= len(phrase) for m in group)


def test_plural_actors_and_countries(fresh: Pipeline) -> None:
    ann = annotate(
        fresh, "Russian troops shelled the town, and Ukraine said its air force responded."
    )
    assert by_text(ann, "Russian troops").code == "RUS MIL"
    assert by_text(ann, "Ukraine").code == "UKR GOV"  # subject of a verb: acts as a state
    ann = annotate(fresh, "The war between Ukraine and Russia entered its fifth year.")
    assert {by_text(ann, "Ukraine").code, by_text(ann, "Russia").code} == {"UKR", "RUS"}


def test_organisations_and_their_heads(fresh: Pipeline) -> None:
    ann = annotate(
        fresh, "IAEA Director General Rafael Grossi visited the plant with EU officials."
    )
    m = by_text(ann, "IAEA Director General Rafael Grossi")
    assert (m.code, m.sector, m.name) == ("IAEA", "IGO", "Rafael Grossi")
    assert by_text(ann, "EU officials").code == "EU"


def test_coreference_surname_title_pronoun(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Prime Minister Mette Frederiksen arrived in Oslo on Tuesday. Frederiksen said the "
        "talks were useful. She added that the prime minister of Norway would visit soon.",
        "A senior Danish official said the offer stood. The official declined to give details.",
    )
    ms = ann.mentions
    first = ms.index(by_text(ann, "Prime Minister Mette Frederiksen"))
    assert by_text(ann, "Frederiksen").antecedent == first
    she = by_text(ann, "She")
    assert she.antecedent == first and she.code == "DNK GOV"
    official = by_text(ann, "The official")
    assert official.code == "DNK GOV"
    assert ms[official.antecedent or 0].text == "A senior Danish official"


def test_learning_from_apposition_with_provenance(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Anna Kowalczyk, Canada's defence minister, said troops were ready. "
        "Kowalczyk spoke after the meeting.",
    )
    m = by_text(ann, "Anna Kowalczyk")
    assert (m.code, m.rule) == ("CAN GOV", "actors.name,title-apposition")
    assert by_text(ann, "Canada's defence minister").antecedent == ann.mentions.index(m)
    assert by_text(ann, "Kowalczyk").code == "CAN GOV"
    [learned] = ann.learned
    assert (learned.name, learned.code, learned.office) == (
        "Anna Kowalczyk",
        "CAN GOV",
        "Defence Minister",
    )
    assert learned.provenance == f"{ann.document.id}#0" and learned.source == "learned"


def relearned(fresh: Pipeline, ann: AnnotatedDocument) -> Pipeline:
    """A new pipeline on the same database, after the store saved what ``ann`` taught."""
    from dateline.models import CodedDocument
    from dateline.store import Store

    with Store.open(fresh.options.db_path) as store:
        store.add([CodedDocument(ann.document, [], ann)])
    later = Pipeline(fresh.options)
    for name in ("nlp", "actor_data", "gazetteer"):
        later.__dict__[name] = fresh.__dict__[name]
    return later


def test_a_learned_entry_serves_later_runs_not_later_articles_of_the_run(
    fresh: Pipeline,
) -> None:
    """Coding an article never depends on which articles the run coded before it (so serial,
    parallel and Spark runs agree); once stored, what it taught serves the next runs."""
    later_text = "Kowalczyk met Rutte in Brussels."

    def codes(p: Pipeline) -> list[tuple[str, str | None]]:
        return [(m.text, m.code) for m in annotate(p, later_text).mentions]

    alone = codes(fresh)
    assert ("Kowalczyk", "CAN GOV") not in alone
    ann = annotate(fresh, "Anna Kowalczyk, Canada's defence minister, said troops were ready.")
    assert ann.learned
    assert codes(fresh) == alone
    next_run = relearned(fresh, ann)
    assert by_text(annotate(next_run, later_text), "Kowalczyk").code == "CAN GOV"
    assert next_run.kb.lookup("Anna Kowalczyk").provenance == f"{ann.document.id}#0"


def test_learning_from_title_before_name(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Canadian Foreign Minister Tomas Lindqvist arrived in Kyiv.")
    [learned] = ann.learned
    assert (learned.name, learned.code, learned.office) == (
        "Tomas Lindqvist",
        "CAN GOV",
        "Foreign Minister",
    )
    assert fresh.kb.lookup("Lindqvist") is None  # the run's KB learns only through the store
    assert relearned(fresh, ann).kb.lookup("Lindqvist") is not None
    # Known office-holders are not learned again.
    assert annotate(fresh, "Canadian Prime Minister Mark Carney spoke.").learned == []


def test_learning_can_be_turned_off(fresh: Pipeline) -> None:
    object.__setattr__(fresh.options, "learn", False)
    ann = annotate(fresh, "Canadian Trade Minister Pia Example spoke.")
    assert ann.learned == [] and fresh.kb.lookup("Pia Example") is None


def test_place_name_shared_by_two_countries(fresh: Pipeline) -> None:
    text = "Delegates met in Valencia on Friday."
    spain = annotate(fresh, text, place="MADRID")
    venezuela = annotate(fresh, text, place="CARACAS")
    assert [p.country for s in spain.sentences for p in s.places] == ["ESP"]
    assert [p.country for s in venezuela.sentences for p in s.places] == ["VEN"]


def test_town_before_a_title(fresh: Pipeline) -> None:
    ann = annotate(fresh, "Kharkiv Mayor Ihor Example said two buildings were hit.", place="KYIV")
    m = by_text(ann, "Kharkiv Mayor Ihor Example")
    assert m.code == "UKR GOV" and m.rule.startswith("actors.place+title")


def test_fixture_article(fresh: Pipeline, fixtures_dir: Path) -> None:
    [doc] = [d for d in fresh.read(fixtures_dir / "actors" / "ottawa-briefing.txt")]
    assert isinstance(doc, Document)
    ann = fresh.annotate(doc)
    codes = {(m.text, m.code) for m in ann.mentions}
    for expected in [
        ("Anna Kowalczyk", "CAN GOV"), ("Canadian troops", "CAN MIL"), ("Estonia", "EST GOV"),
        ("Latvia", "LVA GOV"), ("Lithuania", "LTU GOV"), ("The Kremlin", "RUS GOV"),
        ("Moscow's envoy", "RUS GOV"), ("Kowalczyk", "CAN GOV"), ("Ukrainians", "UKR CVL"),
        ("NATO Secretary-General Mark Rutte", "NATO"),
    ]:  # fmt: skip
        assert expected in codes, (expected, sorted(codes, key=str))
    assert any(m.code == "OSCE" for m in ann.mentions)


def test_coordinated_adjectives(fresh: Pipeline) -> None:
    ann = annotate(fresh, "British and French troops would lead the reassurance force.")
    assert by_text(ann, "British").code == "GBR MIL"
    assert by_text(ann, "French troops").code == "FRA MIL"
    assert by_text(ann, "British").kind == "group"


def test_paragraph_break_ends_a_sentence(fresh: Pipeline) -> None:
    ann = annotate(fresh, 'Ukraine said, "We will not retreat."', "Moscow rejected the plan.")
    assert [s.text for s in ann.sentences] == [
        'Ukraine said, "We will not retreat."', "Moscow rejected the plan.",
    ]  # fmt: skip


def test_places_from_context_and_country_after(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Drones hit the town of Donetsk in Russia's Rostov region and the port of Odesa.",
        place="KYIV",
    )
    places = {p.text: p for s in ann.sentences for p in s.places}
    assert places["Donetsk"].country == "RUS"  # not the larger Ukrainian Donetsk
    assert places["Odesa"].country == "UKR" and places["Odesa"].rule == "places.context"
    assert ann.dateline_place is not None and ann.dateline_place.name == "Kyiv"
    assert ann.dateline_place.rule == "places.dateline" and ann.dateline_place.start == -1


def test_capital_addressed_as_government(fresh: Pipeline) -> None:
    ann = annotate(
        fresh, "Warsaw accused Minsk of staging the crossings and promised more aid to Kyiv."
    )
    assert by_text(ann, "Minsk").code == "BLR GOV"
    assert by_text(ann, "Kyiv").code == "UKR GOV"
    ann = annotate(fresh, "The delegation flew to Minsk on Monday.")
    assert not [m for m in ann.mentions if m.text == "Minsk"]


def test_named_group_of_countries(fresh: Pipeline) -> None:
    ann = annotate(fresh, "The leaders of Poland and the Baltic states met in Warsaw.")
    assert {m.code for m in ann.mentions if m.kind == "group"} == {
        "POL GOV", "EST GOV", "LVA GOV", "LTU GOV",
    }  # fmt: skip
    ann = annotate(fresh, "The Nordic countries pledged more air defence.")
    assert len([m for m in ann.mentions if m.rule == "actors.country-group"]) == 5


def test_the_leaders_refers_back_to_a_group(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "The prime ministers of Estonia and Latvia met in Riga on Monday. "
        "The two leaders agreed to share air defence data.",
    )
    refs = [m for m in ann.mentions if m.text == "The two leaders"]
    assert [m.code for m in refs] == ["EST GOV", "LVA GOV"]
    assert [ann.mentions[m.antecedent or 0].text for m in refs] == ["Estonia", "Latvia"]


def test_the_prime_minister_and_he(fresh: Pipeline) -> None:
    ann = annotate(
        fresh,
        "Prime Minister Mark Carney spoke to reporters in Ottawa. "
        "The prime minister said he would travel to Brussels.",
    )
    first = ann.mentions.index(by_text(ann, "Prime Minister Mark Carney"))
    pm = by_text(ann, "The prime minister")
    assert (pm.code, pm.antecedent) == ("CAN GOV", first)
    he = by_text(ann, "he")
    assert he.code == "CAN GOV" and he.antecedent == first


def test_empty_document(fresh: Pipeline) -> None:
    ann = fresh.annotate(make_doc(""))
    assert ann.mentions == [] and all(not s.places for s in ann.sentences)
