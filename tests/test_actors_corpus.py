"""Actors and places of the example corpus against its gold, with pinned floors (the
quality gate: a change that drops below them fails). Misses are listed by running
``.venv/bin/python tests/actors_corpus_score.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from actors_corpus_score import GOLD, score_corpus
from dateline.actors.kb import KnowledgeBase
from dateline.options import Options
from dateline.pipeline import Pipeline

# 277/286 actors, 43/45 places on 2026-11-25 (.venv/bin/python tests/actors_corpus_score.py)
ACTOR_FLOOR = 0.95
PLACE_FLOOR = 0.90


@pytest.mark.slow
def test_corpus_actors_and_places(pipeline: Pipeline, tmp_path: Path) -> None:
    if not GOLD.is_file():
        pytest.skip("examples/gold/corpus.gold.json is missing")
    fresh = Pipeline(Options(db_path=tmp_path / "kb.db", today=pipeline.options.today))
    fresh.__dict__["nlp"] = pipeline.nlp
    fresh.__dict__["actor_data"] = pipeline.actor_data
    fresh.__dict__["gazetteer"] = pipeline.gazetteer
    fresh.__dict__["kb"] = KnowledgeBase.from_data(pipeline.actor_data)
    score = score_corpus(fresh)
    assert score.actors > 250 and score.places > 40
    assert score.actors_ok / score.actors >= ACTOR_FLOOR, score.misses
    assert score.places_ok / score.places >= PLACE_FLOOR, score.misses
