"""Code documents in N worker processes on one machine, streaming, in input order.

``code_stream`` is what ``dateline ingest --workers N`` calls. Each worker process builds one
``Pipeline`` (the spaCy model is loaded once per process) and codes the documents it is sent,
one at a time, in the order it received them.

Why our own small pool rather than ``multiprocessing.Pool`` or ``ProcessPoolExecutor``: a
worker that dies (segfault in a C extension, ``os._exit``, the kernel's OOM killer) must cost
exactly the article it was coding. A stdlib pool either hangs or breaks every pending task.
Here each worker has its own task queue and result pipe and codes its queue in order, so the
oldest unanswered document of a dead worker is the one that killed it: it is reported as a
``ReadFailure(reason="crash")``, a fresh worker takes the dead one's place, and the other
documents it had been given are sent again.

Memory stays bounded whatever the corpus size: the input is pulled lazily and at most
``max_in_flight`` documents are between the input and the consumer (queued, being coded, or
coded and waiting for an earlier one, since results come out in input order).

CodedDocuments cross the process boundary without the spaCy ``Doc`` (``annotated.spacy_doc``
is set to ``None``); the annotations, including ``annotated.learned``, are kept.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from dateline.engines.coding import FATAL_ERRORS, Coder, code_or_failure, describe
from dateline.errors import DatelineError, ModelError
from dateline.models import CodedDocument, Document, ReadFailure
from dateline.options import Options
from dateline.pipeline import Pipeline

# Documents queued to one worker at a time: one being coded, one waiting, so the worker
# never idles while its last result travels back.
PREFETCH = 2
# Seconds to wait for a worker to leave on its own at the end before it is killed.
JOIN_SECONDS = 5.0
# The Pipeline's heavy resources, loaded when a worker starts (see Pipeline).
WARM_RESOURCES = ("nlp", "actor_data", "gazetteer", "kb", "triggers")
# Loaded too when the sentence typer is on, so that a missing model extra stops the run at
# start with one line instead of failing every article.
TYPER_RESOURCES = ("sentence_typer", "encoder")
# Exit status of a worker that left because its parent died (nobody reads it).
ORPHAN_EXIT = 3

PipelineFactory = Callable[[Options], Coder]


def portable(coded: CodedDocument) -> CodedDocument:
    """Make a CodedDocument fit to cross a process boundary: drop the spaCy ``Doc``.

    Takes the coded document, returns it (changed in place). Raises nothing.
    """
    if coded.annotated is not None:
        coded.annotated.spacy_doc = None
    return coded


def _die_with_parent() -> None:
    """Leave this worker process as soon as the process that started it dies.

    A parent killed with SIGKILL cannot stop its workers, and an idle worker blocks on its
    task queue for ever: it would stay (with its model, hundreds of MB) under PID 1, and keep
    multiprocessing's resource tracker alive too. ``multiprocessing.parent_process()`` holds
    a pipe whose other end only the parent holds (spawn and forkserver alike, on every
    platform), so it reads end-of-file when the parent dies, however it died; a daemon
    thread waits for that and ends the process at once, idle or coding. (Linux's
    ``PR_SET_PDEATHSIG`` would not be portable, and fires when the parent *thread* ends.)
    """
    parent = mp.parent_process()
    if parent is None:  # not started by multiprocessing (a test calling the body directly)
        return

    def watch() -> None:
        parent.join()
        os._exit(ORPHAN_EXIT)

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _worker_main(
    tasks: Queue[tuple[int, Document] | None],
    results: Connection,
    options: Options,
    factory: PipelineFactory,
) -> None:
    """Body of one worker process: build the pipeline once, then code what comes in."""
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers,
    # which would otherwise each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        pipeline = factory(options)
        # Load the model and data now, while the parent is still reading, not on the first
        # article (a pipeline without one of them simply skips it).
        warm = WARM_RESOURCES + (TYPER_RESOURCES if options.sentence_typer else ())
        for name in warm:
            getattr(pipeline, name, None)
    except Exception as exc:  # reported to the parent, which stops the run
        results.send(("fatal", -1, (type(exc).__name__, describe(exc))))
        return
    results.send(("ready", -1, None))
    while True:
        task = tasks.get()
        if task is None:
            return
        seq, document = task
        result: CodedDocument | ReadFailure
        try:
            result = code_or_failure(pipeline, document)
        except FATAL_ERRORS as exc:
            results.send(("fatal", seq, (type(exc).__name__, describe(exc))))
            return
        if isinstance(result, CodedDocument):
            result = portable(result)
        try:
            results.send(("done", seq, result))
        except Exception as exc:  # pickling failed before anything was written
            failure = ReadFailure(
                document.source, "error", f"result cannot be sent: {describe(exc)}",
                document.record,
            )  # fmt: skip
            results.send(("done", seq, failure))


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Queue[tuple[int, Document] | None]
    results: Connection
    outstanding: deque[tuple[int, Document]] = field(default_factory=deque)
    ready: bool = False
    head_since: float = 0.0  # when the oldest outstanding document started being coded


class WorkerPool:
    """N worker processes, each with its own Pipeline; see the module docstring.

    Use ``run`` once; ``close`` stops the workers (``code_stream`` does both).
    """

    def __init__(
        self,
        options: Options,
        workers: int,
        *,
        factory: PipelineFactory = Pipeline,
        timeout: float | None = None,
        start_method: str = "spawn",
    ) -> None:
        if workers < 1:
            raise DatelineError(f"workers must be at least 1 (got {workers})")
        if start_method not in ("spawn", "forkserver"):
            # fork would copy a parent that may hold threads, sockets or a loaded model.
            raise DatelineError(f"start method must be spawn or forkserver, not {start_method}")
        self.options = options
        self.factory = factory
        self.timeout = timeout
        self.context: BaseContext = mp.get_context(start_method)
        self.workers: list[_Worker] = [self._start() for _ in range(workers)]
        self.finished: dict[int, CodedDocument | ReadFailure] = {}
        self.crashes = 0

    # -- workers ------------------------------------------------------------------------
    def _start(self) -> _Worker:
        tasks: Queue[tuple[int, Document] | None] = self.context.Queue()
        receive, send = self.context.Pipe(duplex=False)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(tasks, send, self.options, self.factory),
            name="dateline-worker",
            daemon=True,
        )
        process.start()
        send.close()  # the child holds the writing end; EOF then means the child is gone
        return _Worker(process, tasks, receive)

    def _assign(self, worker: _Worker, seq: int, document: Document) -> None:
        if not worker.outstanding:
            worker.head_since = time.monotonic()
        worker.outstanding.append((seq, document))
        worker.tasks.put((seq, document))

    def _receive(self, worker: _Worker) -> bool:
        """Read one message from a worker; False when its pipe is broken (it died)."""
        try:
            kind, seq, payload = worker.results.recv()
        except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError):
            # EOF, or a half-written message from a worker that died mid-send.
            return False
        if kind == "fatal":
            name, message = payload
            if name == ModelError.__name__:
                raise ModelError(message)
            raise DatelineError(f"a worker process stopped: {message}")
        if kind == "ready":
            worker.ready = True
            worker.head_since = time.monotonic()
            return True
        head, _ = worker.outstanding.popleft()
        if head != seq:  # cannot happen while workers code their queue in order
            raise DatelineError(f"worker answered document {seq} before {head}")
        self.finished[seq] = payload
        worker.head_since = time.monotonic()
        return True

    def _replace(self, index: int, reason: str) -> None:
        """A worker died or was killed: report its current article, restart, resend the rest."""
        worker = self.workers[index]
        while True:  # keep what it finished before it died
            try:
                if not worker.results.poll() or not self._receive(worker):
                    break
            except OSError:
                break
        worker.process.join(JOIN_SECONDS)
        if worker.process.is_alive():  # its pipe broke but it lives on: it cannot be trusted
            worker.process.kill()
            worker.process.join()
        code = worker.process.exitcode
        if not worker.ready:
            raise DatelineError(
                f"a worker process exited (code {code}) before its pipeline was ready; "
                f"try 'dateline ingest' without --workers to see the error"
            )
        self._discard(worker)
        if worker.outstanding:
            seq, document = worker.outstanding.popleft()
            if reason == "timeout":
                message = f"coding took longer than {self.timeout:g}s; the worker was stopped"
            else:
                message = f"the worker process coding this article died (exit code {code})"
            self.finished[seq] = ReadFailure(document.source, reason, message, document.record)
            self.crashes += 1
        fresh = self._start()
        for seq, document in worker.outstanding:
            self._assign(fresh, seq, document)
        self.workers[index] = fresh

    @staticmethod
    def _discard(worker: _Worker) -> None:
        worker.tasks.cancel_join_thread()
        worker.tasks.close()
        worker.results.close()

    def close(self) -> None:
        """Ask every worker to leave, wait a little, then kill the ones still there."""
        for worker in self.workers:
            if worker.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    worker.tasks.put(None)
        deadline = time.monotonic() + JOIN_SECONDS
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            self._discard(worker)
        self.workers = []

    def wait_ready(self) -> None:
        """Block until every worker has built its pipeline (for benchmarks and warm starts).

        Raises ``ModelError`` or ``DatelineError`` when a worker cannot start.
        """
        while not all(w.ready for w in self.workers):
            self._wait()

    # -- the stream ---------------------------------------------------------------------
    def _wait(self) -> None:
        """Block until a worker answers, dies or overruns the timeout; handle each."""
        deadline = None
        if self.timeout is not None:
            started = [w.head_since for w in self.workers if w.ready and w.outstanding]
            if started:
                deadline = min(started) + self.timeout
        wait_for = None if deadline is None else max(0.0, deadline - time.monotonic())
        handles: list[Any] = [w.results for w in self.workers]
        handles += [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, wait_for))
        for index, worker in enumerate(list(self.workers)):
            if worker.results in ready:
                while worker.results.poll():
                    if not self._receive(worker):
                        self._replace(index, "crash")
                        break
                else:
                    continue
            elif worker.process.sentinel in ready:
                self._replace(index, "crash")
            elif (
                self.timeout is not None
                and worker.ready
                and worker.outstanding
                and time.monotonic() - worker.head_since > self.timeout
            ):
                worker.process.kill()
                self._replace(index, "timeout")

    def run(
        self, documents: Iterable[Document | ReadFailure], max_in_flight: int
    ) -> Iterator[CodedDocument | ReadFailure]:
        """Code ``documents`` and yield the results in input order (failures pass through)."""
        source = iter(documents)
        exhausted = False
        next_in = next_out = 0
        while True:
            while not exhausted:
                in_flight = len(self.finished) + sum(len(w.outstanding) for w in self.workers)
                worker = min(self.workers, key=lambda w: len(w.outstanding))
                if in_flight >= max_in_flight or len(worker.outstanding) >= PREFETCH:
                    break
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, ReadFailure):
                    self.finished[next_in] = item
                    next_in += 1
                else:
                    self._assign(worker, next_in, item)
                    next_in += 1
            if next_out in self.finished:
                yield self.finished.pop(next_out)
                next_out += 1
                continue  # room for one more document: refill before waiting
            if exhausted and next_out == next_in:
                return
            self._wait()


def code_stream(
    documents: Iterable[Document | ReadFailure],
    options: Options,
    workers: int,
    *,
    factory: PipelineFactory = Pipeline,
    max_in_flight: int | None = None,
    timeout: float | None = None,
    start_method: str = "spawn",
) -> Iterator[CodedDocument | ReadFailure]:
    """Code documents in ``workers`` processes; yield results in input order.

    Takes documents (``ReadFailure`` items are passed through in place), the options every
    worker builds its ``Pipeline`` from, and the number of worker processes. ``factory``
    builds a worker's pipeline (default ``Pipeline``; must be importable by name, since
    workers are spawned). ``max_in_flight`` bounds the documents held at once (default
    8 per worker); ``timeout`` (seconds, default none) stops a worker stuck on one article.

    Yields a ``CodedDocument`` (without the spaCy Doc) per document, or a ``ReadFailure``
    with reason ``"error"`` (the pipeline raised), ``"crash"`` (the worker died) or
    ``"timeout"``. Raises ``ModelError`` or ``DatelineError`` when the workers cannot build
    their pipeline (a setup problem, not an article's). Workers stop when the stream is
    exhausted, closed or abandoned.
    """
    pool = WorkerPool(options, workers, factory=factory, timeout=timeout, start_method=start_method)
    try:
        yield from pool.run(documents, max_in_flight or 8 * workers)
    finally:
        pool.close()
