"""Shared fixtures. Tests are offline; the spaCy pipeline is loaded once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.options import Options
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A fixed reading date, so that year resolution ("the latest year not after today")
# does not drift as the calendar moves on.
READING_DATE = date(2026, 11, 25)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "paris-talks.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture()
def options(tmp_path: Path) -> Options:
    """Options with a fresh database in a temporary folder and a fixed reading date."""
    return Options(db_path=tmp_path / "test.db", today=READING_DATE)


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """One Pipeline (spaCy loaded once) for the whole session; its database is temporary."""
    db = tmp_path_factory.mktemp("pipeline") / "session.db"
    return Pipeline(Options(db_path=db, today=READING_DATE))


@pytest.fixture()
def fresh(pipeline: Pipeline, tmp_path: Path) -> Pipeline:
    """A pipeline sharing the session's spaCy, data and gazetteer, with its own knowledge
    base (so what one test teaches it does not reach another)."""
    from dateline.actors.kb import KnowledgeBase

    p = Pipeline(Options(db_path=tmp_path / "kb.db", today=pipeline.options.today))
    p.__dict__["nlp"] = pipeline.nlp
    p.__dict__["actor_data"] = pipeline.actor_data
    p.__dict__["gazetteer"] = pipeline.gazetteer
    p.__dict__["kb"] = KnowledgeBase.from_data(pipeline.actor_data)
    return p
