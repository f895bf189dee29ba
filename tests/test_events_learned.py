"""The fallback typer (``events.learned``): its data file, its place after the rules, and
the training script that makes its weights."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from dateline.errors import DataFileError
from dateline.evaluate import line_document
from dateline.events.learned import (
    MODEL_FILE,
    RULE,
    TyperModel,
    load_model,
    model_lines,
)
from dateline.models import Event
from dateline.options import Options
from dateline.pipeline import Pipeline
from fixtures.pipelines import script, sharing

REPO = Path(__file__).resolve().parents[1]
# Our own sentences, in news style. "bolstered" is no trigger of the rules; "shelled" is.
UNCOVERED = "France bolstered the Ukrainian government on Tuesday."
COVERED = "Russian troops shelled the Ukrainian city of Kharkiv on Monday."


def _tiny(threshold: float = 0.5) -> TyperModel:
    """A model that knows two words: "bolster" speaks for SUPPORT, "shell" for SUPPORT too
    (so that, were it asked about the rules' sentence, it would contradict them)."""
    labels = ("NONE", "SUPPORT", "ASSAULT")
    return TyperModel(
        labels=labels,
        features={"w:bolster": 0, "w:shell": 1},
        weights=np.array([[0.0, 4.0, 0.0], [0.0, 4.0, 0.0]]),
        bias=np.array([2.0, 0.0, 0.0]),
        threshold=threshold,
        cameo={"SUPPORT": "05", "ASSAULT": "19"},
        provenance={"made": "by hand, for the tests"},
    )


def _write(tmp_path: Path, lines: list[str]) -> Path:
    (tmp_path / MODEL_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


# -- the data file --------------------------------------------------------------------------
def test_the_shipped_weights_load_and_say_where_they_come_from() -> None:
    model = load_model()
    assert "NONE" in model.labels and len(model.features) > 100
    assert 0.0 <= model.threshold <= 1.0
    trained_on = model.provenance["trained_on"]
    assert all("codebook" in name or "news" in name for name in trained_on)
    assert not any("heldout" in name or "plover" in name for name in trained_on)
    assert "examples/heldout/" in model.provenance["not_trained_on"]


def test_a_model_round_trips_through_its_data_file(tmp_path: Path) -> None:
    model = load_model(_write(tmp_path, model_lines(_tiny())))
    assert model.labels == ("NONE", "SUPPORT", "ASSAULT")
    guess = model.predict(["w:bolster", "w:unknown"])
    assert guess.label == "SUPPORT" and round(guess.probability, 3) == 0.867
    assert model.predict([]).label == "NONE"


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (lambda lines: [*lines, "{not json"], 4, "not JSON"),
        (lambda lines: [lines[0], lines[1], '{"f": "w:x", "w": [1.0, 2.0]}'], 3, "3 numbers"),
        (lambda lines: [lines[0], lines[1], lines[1]], 3, "given twice"),
        (lambda lines: [lines[0], '{"f": "w:x", "w": [1.0, NaN, 0.0]}'], 2, "finite"),
        (lambda lines: [lines[0], '{"f": "", "w": [1.0, 1.0, 0.0]}'], 2, "non-empty"),
        (lambda lines: [lines[0].replace('"ASSAULT"]', '"DANCE"]'), lines[1]], 1, "PLOVER"),
        (lambda lines: [lines[0].replace('"threshold": 0.5', '"threshold": 1.5'), lines[1]], 1,
         "probability"),
        (lambda lines: [lines[0]], None, "no feature weights"),
    ],
)  # fmt: skip
def test_a_bad_data_file_is_refused_with_its_line(
    tmp_path: Path, change: object, line: int | None, words: str
) -> None:
    lines = change(model_lines(_tiny()))  # type: ignore[operator]
    folder = _write(tmp_path, lines)
    with pytest.raises(DataFileError) as caught:
        load_model(folder)
    where = f"{folder / MODEL_FILE}:{line}" if line is not None else f"{folder / MODEL_FILE}"
    assert str(caught.value).startswith(f"[{where}]")
    assert words in str(caught.value)


def test_the_header_must_name_a_cameo_root_for_every_type(tmp_path: Path) -> None:
    header = json.loads(model_lines(_tiny())[0])
    del header["cameo"]["ASSAULT"]
    folder = _write(tmp_path, [json.dumps(header), *model_lines(_tiny())[1:]])
    with pytest.raises(DataFileError, match=r":1\] cameo"):
        load_model(folder)


def test_the_switch_is_one_option_and_an_environment_variable() -> None:
    assert Options().fallback_typer is False
    assert Options.from_env({"DATELINE_FALLBACK": "1"}).fallback_typer is True
    assert Options.from_env({"DATELINE_FALLBACK": "0"}).fallback_typer is False


# -- the stage ------------------------------------------------------------------------------
@pytest.fixture()
def hybrid(pipeline: Pipeline, tmp_path: Path) -> Pipeline:
    """The session's resources, the fallback on, and the hand-made model."""
    p = sharing(pipeline, tmp_path, fallback_typer=True)
    p.__dict__["typer"] = _tiny()
    return p


def _code(pipeline: Pipeline, *sentences: str) -> list[Event]:
    return pipeline.code(line_document(" ".join(sentences), 1, "test")).events


@pytest.mark.slow
def test_the_model_codes_a_sentence_no_rule_coded(hybrid: Pipeline) -> None:
    (event,) = [e for e in _code(hybrid, UNCOVERED) if e.evidence.rule == RULE]
    assert event.type == "SUPPORT" and event.cameo == "05"
    assert [a.code for a in event.source] == ["FRA GOV"]
    assert [a.code for a in event.target] == ["UKR GOV"]
    assert event.evidence.trigger == "bolstered"
    # the explanation names the model, its probability and the word it leaned on
    assert event.evidence.rules[:3] == [RULE, "model.probability:0.87", "model.word:bolster"]
    assert event.status == "occurred"


@pytest.mark.slow
def test_the_model_leaves_a_sentence_the_rules_coded_alone(hybrid: Pipeline) -> None:
    events = _code(hybrid, COVERED, UNCOVERED)
    by_rules = [e for e in events if e.evidence.rule != RULE]
    assert {e.type for e in by_rules} == {"ASSAULT"}
    learned = [e for e in events if e.evidence.rule == RULE]
    assert len(learned) == 1 and learned[0].evidence.sentence == UNCOVERED
    starts = [e.evidence.start for e in events]
    assert starts == sorted(starts)  # text order kept


@pytest.mark.slow
def test_switching_it_off_removes_its_events(hybrid: Pipeline) -> None:
    hybrid.options = hybrid.options.replace(fallback_typer=False)
    assert _code(hybrid, UNCOVERED) == []


@pytest.mark.slow
def test_below_its_threshold_the_model_proposes_nothing(hybrid: Pipeline) -> None:
    hybrid.__dict__["typer"] = _tiny(threshold=0.99)
    assert _code(hybrid, UNCOVERED) == []


@pytest.mark.slow
def test_with_no_one_to_code_the_model_proposes_nothing(hybrid: Pipeline) -> None:
    assert _code(hybrid, "The measures bolstered confidence.") == []


# -- the training script --------------------------------------------------------------------
def _trainer() -> ModuleType:
    return script("train_fallback_typer")


def test_the_training_data_leaves_out_the_check_halves(tmp_path: Path) -> None:
    rows = [{"text": "a", "event": "NONE", "split": "tune"},
            {"text": "b", "event": "NONE", "split": "check"}]  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [r["text"] for r in _trainer()._records(path, tune_only=True)] == ["a"]


@pytest.mark.slow
def test_the_training_script_reproduces_the_shipped_weights() -> None:
    assert _trainer().main(["--check"]) == 0
