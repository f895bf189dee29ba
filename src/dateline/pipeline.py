"""The pipeline every face calls: read → annotate → code.

``Pipeline`` holds the options and the heavy resources (spaCy model, gazetteer, actor data,
trigger patterns, knowledge base), each loaded once on first use. It holds no global state:
make one per process (a worker, a Spark executor, a web app).

Contracts of the stage modules it calls:

- ``dateline.read.read_path(path, options) -> Iterator[Document | ReadFailure]``
- ``dateline.read.read_bytes(data, source, options, fmt=None) -> Iterator[Document | ReadFailure]``
- ``dateline.read.iter_input_files(paths) -> Iterator[Path]`` (files and folders, recursive)
- ``dateline.nlp.load_model(name) -> spacy.language.Language`` (raises ``ModelError``)
- ``dateline.annotate.annotate(document, nlp, actor_data, gazetteer, kb, learn=True)
  -> AnnotatedDocument``
- ``dateline.events.code_events(annotated, triggers, capitals, nlp=None) -> list[Event]``
- ``dateline.events.learned.fallback_events(annotated, doc, events, triggers, capitals, model)
  -> list[Event]`` (when ``Options.fallback_typer``: the learned typer where no rule fired)
- ``dateline.events.sentence_typer.sentence_typer_events(annotated, doc, events, triggers,
  capitals, typer, encoder) -> list[Event]`` (when ``Options.sentence_typer``: the
  sentence-embedding typer where no rule fired)

Each stage takes the typed resources it uses, never the pipeline, so that mypy checks what
crosses a stage boundary; ``tests/test_pipeline_types.py`` fails if a resource here is typed
``Any`` again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.models import AnnotatedDocument, CodedDocument, Document, Event, ReadFailure
from dateline.options import Options

if TYPE_CHECKING:
    # Imported for the annotations only: the modules load spaCy and the data files, which a
    # face that never codes (the web reader, ``dateline summary``) should not pay for.
    from spacy.language import Language
    from spacy.tokens import Doc

    from dateline.actors.data import ActorData
    from dateline.actors.kb import KnowledgeBase
    from dateline.events.learned import TyperModel
    from dateline.events.patterns import Triggers
    from dateline.events.sentence_typer import Encoder, SentenceTyper
    from dateline.places import Gazetteer


class Pipeline:
    """Read, annotate and code articles with one set of options and resources."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()

    # -- resources, loaded on first use -------------------------------------------------
    @cached_property
    def nlp(self) -> Language:
        from dateline.nlp import load_model

        return load_model(self.options.model)

    @cached_property
    def actor_data(self) -> ActorData:
        from dateline.actors.data import load_actor_data

        return load_actor_data(self.options.data_dir)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from dateline.places import Gazetteer

        return Gazetteer.load(self.options.data_dir)

    @cached_property
    def kb(self) -> KnowledgeBase:
        from dateline.actors.kb import KnowledgeBase

        return KnowledgeBase.load(self.actor_data, self.options)

    @cached_property
    def triggers(self) -> Triggers:
        from dateline.events.patterns import load_patterns

        return load_patterns(self.options.data_dir)

    @cached_property
    def typer(self) -> TyperModel:
        """The fallback typer's weights (``events.learned``), read when first needed."""
        from dateline.events.learned import load_model

        return load_model(self.options.data_dir)

    @cached_property
    def sentence_typer(self) -> SentenceTyper:
        """The sentence typer's weights (``events.sentence_typer``), read when first needed."""
        from dateline.events.sentence_typer import load_sentence_typer

        return load_sentence_typer(self.options.data_dir)

    @cached_property
    def encoder(self) -> Encoder:
        """The sentence-embedding model (the ``model`` extra), loaded when first needed."""
        from dateline.events.sentence_typer import Encoder

        return Encoder()

    @cached_property
    def capitals(self) -> dict[str, str]:
        """Capital → ISO3 code, from the actor data (the coder places events by them)."""
        countries = self.actor_data.countries
        return {name: code for code, c in countries.items() for name in c.capitals}

    # -- stages -------------------------------------------------------------------------
    def read(self, path: Path) -> Iterator[Document | ReadFailure]:
        """Every document (or failure) in one file."""
        from dateline.read import read_path

        return read_path(path, self.options)

    def read_many(self, paths: Iterable[Path]) -> Iterator[Document | ReadFailure]:
        """Every document (or failure) in files and folders, recursively, in a stable order."""
        from dateline.read import iter_input_files, read_path

        for file in iter_input_files(paths):
            yield from read_path(file, self.options)

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Parse one document and find its actors, places and dates (``annotate.annotate``)."""
        from dateline.annotate import annotate

        return annotate(
            document, self.nlp, self.actor_data, self.gazetteer, self.kb, learn=self.options.learn
        )

    def annotate_parsed(self, document: Document, doc: Doc) -> AnnotatedDocument:
        """Like ``annotate`` for a document already parsed (``nlp.pipe`` in batches)."""
        from dateline.annotate import annotate_parsed

        return annotate_parsed(
            document,
            doc,
            self.nlp,
            self.actor_data,
            self.gazetteer,
            self.kb,
            learn=self.options.learn,
        )

    def code_events(self, annotated: AnnotatedDocument) -> list[Event]:
        """The events of an annotated document (``events.code_events``)."""
        from dateline.events import code_events

        # The model is needed only for a document that comes without its parse.
        nlp = self.nlp if annotated.spacy_doc is None else None
        if not (self.options.fallback_typer or self.options.sentence_typer):
            return code_events(annotated, self.triggers, self.capitals, nlp)
        from dataclasses import replace

        if annotated.spacy_doc is None:
            # The models read the same parse as the rules: parse once, hand it to all.
            annotated = replace(annotated, spacy_doc=self.nlp(annotated.document.text))
        doc = annotated.spacy_doc
        events = code_events(annotated, self.triggers, self.capitals)
        if self.options.fallback_typer:
            from dateline.events.learned import fallback_events

            events = fallback_events(
                annotated, doc, events, self.triggers, self.capitals, self.typer
            )
        if self.options.sentence_typer:
            from dateline.events.sentence_typer import sentence_typer_events

            events = sentence_typer_events(
                annotated, doc, events, self.triggers, self.capitals, self.sentence_typer,
                self.encoder,
            )  # fmt: skip
        return events

    def code(self, document: Document) -> CodedDocument:
        """Annotate and code one document into events."""
        annotated = self.annotate(document)
        return CodedDocument(document, self.code_events(annotated), annotated)

    def process(self, paths: Iterable[Path]) -> Iterator[CodedDocument | ReadFailure]:
        """Read and code everything under ``paths``; failures are yielded, not raised."""
        for item in self.read_many(paths):
            if isinstance(item, ReadFailure):
                yield item
            else:
                yield self.code(item)
