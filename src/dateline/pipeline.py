"""The pipeline every face calls: read → annotate → code.

``Pipeline`` holds the options and the heavy resources (spaCy model, gazetteer, actor data,
trigger patterns, knowledge base), each loaded once on first use. It holds no global state:
make one per process (a worker, a Spark executor, a web app).

Contracts of the stage modules it calls:

- ``dateline.read.read_path(path, options) -> Iterator[Document | ReadFailure]``
- ``dateline.read.read_bytes(data, source, options, fmt=None) -> Iterator[Document | ReadFailure]``
- ``dateline.read.iter_input_files(paths) -> Iterator[Path]`` (files and folders, recursive)
- ``dateline.nlp.load_model(name) -> spacy.language.Language`` (raises ``ModelError``)
- ``dateline.annotate.annotate(document, pipeline) -> AnnotatedDocument``
- ``dateline.events.code_events(annotated, pipeline) -> list[Event]``
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.models import AnnotatedDocument, CodedDocument, Document, ReadFailure
from dateline.options import Options

if TYPE_CHECKING:
    from spacy.language import Language


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
    def actor_data(self) -> Any:
        from dateline.actors.data import load_actor_data

        return load_actor_data(self.options.data_dir)

    @cached_property
    def gazetteer(self) -> Any:
        from dateline.places import Gazetteer

        return Gazetteer.load(self.options.data_dir)

    @cached_property
    def kb(self) -> Any:
        from dateline.actors.kb import KnowledgeBase

        return KnowledgeBase.load(self.actor_data, self.options)

    @cached_property
    def triggers(self) -> Any:
        from dateline.events.patterns import load_patterns

        return load_patterns(self.options.data_dir)

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
        from dateline.annotate import annotate

        return annotate(document, self)

    def code(self, document: Document) -> CodedDocument:
        """Annotate and code one document into events."""
        from dateline.events import code_events

        annotated = self.annotate(document)
        return CodedDocument(document, code_events(annotated, self), annotated)

    def process(self, paths: Iterable[Path]) -> Iterator[CodedDocument | ReadFailure]:
        """Read and code everything under ``paths``; failures are yielded, not raised."""
        for item in self.read_many(paths):
            if isinstance(item, ReadFailure):
                yield item
            else:
                yield self.code(item)
