"""The one "code this document or report why not" step that every engine runs.

Serial ingest, the worker processes of ``engines.local`` and the Spark tasks of
``engines.spark`` all call ``code_or_failure``: an article the pipeline raises on becomes a
``ReadFailure`` (reason ``error``) with the same message everywhere, while a setup error
(the model or a data file: every article would fail the same way) stops the run.
"""

from __future__ import annotations

from typing import Protocol

from dateline.errors import DataFileError, ModelError
from dateline.models import CodedDocument, Document, ReadFailure

# Errors about the setup, not one article.
FATAL_ERRORS: tuple[type[BaseException], ...] = (ModelError, DataFileError)


class Coder(Protocol):
    """What the engines need of a pipeline: ``dateline.pipeline.Pipeline`` is one."""

    def code(self, document: Document) -> CodedDocument: ...


def describe(exc: BaseException) -> str:
    """``"KeyError: 'x'"``: the exception's type and the first line of its message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def code_or_failure(pipeline: Coder, document: Document) -> CodedDocument | ReadFailure:
    """Code ``document``; an error in this one article comes back as a ``ReadFailure``.

    Raises the ``FATAL_ERRORS`` (a setup problem) and ``BaseException``s that are not
    ``Exception`` (Ctrl-C, exit).
    """
    try:
        return pipeline.code(document)
    except FATAL_ERRORS:
        raise
    except Exception as exc:  # one bad article must not stop the run; it is reported
        message = f"coding failed: {describe(exc)}"
        return ReadFailure(document.source, "error", message, document.record)
