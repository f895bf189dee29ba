"""The event coder: from annotated sentences to PLOVER events.

``code_events(annotated, triggers, capitals)`` finds triggers in each sentence (``matcher``)
and makes each a ``Candidate`` (``candidate``) that the stages of ``coder`` refine: sources and
targets (``participants``, on the dependency roles of ``roles``), status (``status``),
attribution (``attribution``), intent, place and date (``decide``). It returns ``Event``
objects with their evidence and the rule ids that fired (the candidate's trace).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.coder import code_document
from dateline.events.mainline import main_event as choose_main
from dateline.models import AnnotatedDocument, Event

if TYPE_CHECKING:
    from spacy.language import Language

    from dateline.events.patterns import Triggers

__all__ = ["code_events", "main_event"]


def code_events(
    annotated: AnnotatedDocument,
    triggers: Triggers,
    capitals: dict[str, str],
    nlp: Language | None = None,
) -> list[Event]:
    """Code the events of an annotated document.

    Takes the ``AnnotatedDocument`` (its ``spacy_doc`` is used when present, else the text is
    parsed with ``nlp``), the trigger patterns and cues, and ``capitals`` (capital name →
    ISO3 code: a capital names its government). Returns the events in text order. Raises
    ``ValueError`` when the document comes without its parse and no ``nlp`` is given.
    """
    doc = annotated.spacy_doc
    if doc is None:
        if nlp is None:
            raise ValueError(
                "code_events: the annotated document has no parse; pass the spaCy pipeline (nlp)"
            )
        doc = nlp(annotated.document.text)
    return code_document(annotated, doc, triggers, capitals)


def main_event(events: list[Event], annotated: AnnotatedDocument | None = None) -> list[Event]:
    """The events of the main trigger of one short document (``mainline``): what a
    one-event-per-sentence gold file calls the sentence's event. Takes the events of the
    document and its annotation (its parse); returns the events of the main trigger (all
    targets)."""
    doc = annotated.spacy_doc if annotated is not None else None
    return choose_main(events, doc)
