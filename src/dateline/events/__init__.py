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
from dateline.events.matcher import depth
from dateline.models import AnnotatedDocument, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

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


def _predicate(token: Token) -> Token:
    """The verb an event noun completes ("entered into an agreement", "signed a deal"): the
    noun and its verb are one predicate, as deep as the verb."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return token
    if token.dep_ in ("dobj", "attr", "oprd") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return token


def main_event(events: list[Event], annotated: AnnotatedDocument | None = None) -> list[Event]:
    """The events of the shallowest trigger (nearest the root of its sentence): what a
    one-event-per-sentence gold file calls the sentence's event. Takes the events of one
    short document; returns the events of its main trigger (all targets)."""
    if not events:
        return []
    doc = annotated.spacy_doc if annotated is not None else None

    def key(event: Event) -> tuple[int, int]:
        start = event.evidence.trigger_start or 0
        if doc is None:
            return (0, start)
        span = doc.char_span(
            start, event.evidence.trigger_end or start + 1, alignment_mode="expand"
        )
        return (depth(_predicate(span.root)) if span is not None else 99, start)

    best = min(events, key=key)
    return [
        e
        for e in events
        if e.evidence.trigger_start == best.evidence.trigger_start
        and e.evidence.rule == best.evidence.rule
    ]
