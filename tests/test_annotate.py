"""annotate() on the seed article: every gold actor and place comes out with its code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.models import AnnotatedDocument, Document
from dateline.pipeline import Pipeline


@pytest.fixture(scope="module")
def seed_annotated(pipeline: Pipeline, seed_path: Path) -> AnnotatedDocument:
    docs = [d for d in pipeline.read(seed_path) if isinstance(d, Document)]
    assert len(docs) == 1
    return pipeline.annotate(docs[0])


def _gold(seed_path: Path) -> dict:
    return json.loads(seed_path.with_name("paris-talks.gold.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_seed_gold_actors(seed_annotated: AnnotatedDocument, seed_path: Path) -> None:
    mentions = seed_annotated.mentions
    text = seed_annotated.document.text
    for actor in _gold(seed_path)["actors"]:
        codes = actor["code"] if isinstance(actor["code"], list) else [actor["code"]]
        phrase = actor["mention"]
        start = text.lower().find(phrase.lower())
        assert start >= 0, phrase
        inside = [m for m in mentions if start <= m.start and m.end <= start + len(phrase)]
        found = {m.code for m in inside}
        for code in codes:
            assert code in found, (phrase, code, [(m.text, m.code) for m in inside])
        for also in actor.get("also", []):
            hits = [m for m in mentions if m.text == also]
            assert hits, also
            assert all(m.code == codes[0] for m in hits), (also, [(m.text, m.code) for m in hits])


@pytest.mark.slow
def test_seed_gold_places(seed_annotated: AnnotatedDocument, seed_path: Path) -> None:
    places = [p for s in seed_annotated.sentences for p in s.places]
    for gold in _gold(seed_path)["places"]:
        hits = [p for p in places if p.text == gold["mention"]]
        assert hits, gold["mention"]
        for p in hits:
            assert p.country == gold["country"]
            assert p.lat is not None and p.lon is not None
            assert abs(p.lat - gold["lat"]) < 0.05 and abs(p.lon - gold["lon"]) < 0.05


@pytest.mark.slow
def test_seed_spans_point_into_text(seed_annotated: AnnotatedDocument) -> None:
    text = seed_annotated.document.text
    for s in seed_annotated.sentences:
        assert text[s.start : s.end] == s.text
        for m in s.mentions:
            assert text[m.start : m.end] == m.text
            assert s.start <= m.start and m.end <= s.end
        for p in s.places:
            assert text[p.start : p.end] == p.text
        for t in s.times:
            assert text[t.start : t.end] == t.text
    assert seed_annotated.spacy_doc is not None
    assert seed_annotated.spacy_doc.text == text


@pytest.mark.slow
def test_seed_coreference_and_dates(seed_annotated: AnnotatedDocument) -> None:
    mentions = seed_annotated.mentions
    carney = [i for i, m in enumerate(mentions) if m.text == "Carney"]
    assert carney
    first = mentions[carney[0]].antecedent
    assert first is not None and mentions[first].text == "Prime Minister Mark Carney"
    official = next(m for m in mentions if m.text == "The official")
    assert official.antecedent is not None
    assert mentions[official.antecedent].text == "a senior Canadian government official"
    times = {t.text: t for s in seed_annotated.sentences for t in s.times}
    assert times["on Tuesday"].date == "2026-01-06"
    assert times["for months"].precision == "range"


def test_paragraph_component_on_a_pipeline_without_parser() -> None:
    import spacy

    from dateline.annotate import PARAGRAPH_PIPE, ensure_paragraph_breaks

    nlp = spacy.blank("en")
    ensure_paragraph_breaks(nlp)
    ensure_paragraph_breaks(nlp)  # once only
    assert nlp.pipe_names == [PARAGRAPH_PIPE, "sentencizer"]
    doc = nlp('He said "no."\n\nThey left. It rained')
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ['He said "no."', "They left.", "It rained"]
