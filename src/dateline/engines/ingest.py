"""``ingest``: read files, code the new articles, store them in batches (``dateline ingest``).

It sits above the pipeline, the engines and the store, and drives all three: the store
never imports it.

Shape of a run: ``Pipeline.read_many(paths)`` yields documents and read failures in a stable
order; a document whose id is already stored (or was already seen in this run) is skipped
before coding, so re-ingesting changes nothing and a run killed half-way finishes the rest
when started again. New documents are coded (in this process, or in ``workers`` processes
through ``dateline.engines.local.code_stream``) by ``engines.coding.code_or_failure``, the
step the Spark job runs too, and written ``options.batch_size`` at a time, one transaction
per batch. An article whose coding raises is reported as a failure and the run goes on; a
setup error (the model or a data file) stops it. Files are chosen by
``dateline.read.iter_input_files``, as the Spark job chooses them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.engines.coding import code_or_failure
from dateline.models import CodedDocument, Document, ReadFailure
from dateline.options import Options
from dateline.pipeline import Pipeline
from dateline.read import iter_input_files
from dateline.store import Store


@dataclass
class IngestReport:
    """What an ingest run did."""

    read: int = 0  # documents read
    new: int = 0  # documents stored by this run
    already: int = 0  # documents already stored (or repeated in the input): not coded again
    events: int = 0  # events stored by this run
    duplicates: int = 0  # new documents that copy or nearly copy a stored one
    failures: Counter[str] = field(default_factory=Counter)  # by reason
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_read": self.read,
            "documents_new": self.new,
            "documents_already_stored": self.already,
            "events": self.events,
            "duplicates": self.duplicates,
            "failures": dict(sorted(self.failures.items())),
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Progress:
    """Handed to the progress callback after each coded article."""

    articles: int  # coded so far in this run
    files_done: int
    files_total: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if not self.files_done or self.files_done >= self.files_total:
            return None
        return self.elapsed / self.files_done * (self.files_total - self.files_done)


def _code_serially(
    pipeline: Pipeline, documents: Iterable[Document | ReadFailure]
) -> Iterator[CodedDocument | ReadFailure]:
    for item in documents:
        yield item if isinstance(item, ReadFailure) else code_or_failure(pipeline, item)


def ingest(
    paths: Iterable[Path],
    options: Options,
    *,
    pipeline: Pipeline | None = None,
    workers: int | None = None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """Read, code and store every article under ``paths`` into ``options.db_path``.

    ``pipeline`` defaults to ``Pipeline(options)``; ``workers`` (default
    ``options.workers``) above 1 codes in that many processes. ``on_failure`` is called with
    each input that failed (read or coding), ``on_progress`` after each coded article.
    Returns the counts. Raises ``StoreError`` (database), ``ModelError``, ``DataFileError``
    or ``DatelineError`` (setup, e.g. the sentence typer's model missing); per-article
    problems are failures, not exceptions.
    """
    if pipeline is None:
        pipeline = Pipeline(options)
    workers = options.workers if workers is None else workers
    if options.sentence_typer and workers <= 1:
        # A setup error (the model extra missing), not a failure of every article; with
        # workers, each worker loads them as it starts (``engines.local``).
        from dateline.engines.local import TYPER_RESOURCES

        for name in TYPER_RESOURCES:
            getattr(pipeline, name)
    paths = [Path(p) for p in paths]
    report = IngestReport()
    started = time.monotonic()
    files_total = sum(1 for _ in iter_input_files(paths))
    files_seen: set[str] = set()
    batch_size = max(1, options.batch_size)

    def fail(failure: ReadFailure) -> None:
        report.failures[failure.reason] += 1
        pending_failures.append(failure)
        if on_failure is not None:
            on_failure(failure)

    pending_failures: list[ReadFailure] = []
    with Store(options) as store:
        seen: set[str] = set()

        def new_documents() -> Iterator[Document | ReadFailure]:
            for item in pipeline.read_many(paths):
                if isinstance(item, ReadFailure):
                    yield item
                    continue
                report.read += 1
                if item.id in seen or store.has_document(item.id):
                    report.already += 1
                    continue
                seen.add(item.id)
                yield item

        if workers > 1:
            from dateline.engines.local import code_stream

            coded_stream: Iterator[CodedDocument | ReadFailure] = code_stream(
                new_documents(), options, workers
            )
        else:
            coded_stream = _code_serially(pipeline, new_documents())

        batch: list[CodedDocument] = []

        def flush() -> None:
            if batch:
                result = store.add(batch)
                report.new += result.documents
                report.already += result.skipped
                report.events += result.events
                report.duplicates += result.duplicates
                batch.clear()
            if pending_failures:
                store.record_failures(pending_failures)
                pending_failures.clear()

        for item in coded_stream:
            if isinstance(item, ReadFailure):
                fail(item)
                continue
            batch.append(item)
            files_seen.add(item.document.source)
            if len(batch) >= batch_size:
                flush()
            if on_progress is not None:
                elapsed = time.monotonic() - started
                done = len(files_seen) - 1  # the current file may hold more articles
                on_progress(Progress(report.new + len(batch), max(done, 0), files_total, elapsed))
        flush()
    report.seconds = time.monotonic() - started
    return report
