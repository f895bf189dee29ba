"""Annotate a document: parse it with spaCy, split sentences, and find in each sentence the
actor mentions (``dateline.actors``), places (``dateline.places``) and time expressions
(``dateline.dates``). All offsets are character offsets into ``document.text``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from dateline.actors.finder import find_mentions
from dateline.dates import times_in
from dateline.models import AnnotatedDocument, Document, Place, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from dateline.places import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _document_day(document: Document) -> dt.date | None:
    value = document.date or (document.dateline.date if document.dateline else None)
    if not value or value.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def annotate(document: Document, pipeline: Any) -> AnnotatedDocument:
    """Annotate ``document`` with ``pipeline`` (its ``nlp``, ``actor_data``, ``kb``,
    ``gazetteer`` and ``options``).

    Returns an ``AnnotatedDocument`` whose ``spacy_doc`` is the parse of ``document.text``
    and whose ``learned`` lists the office-holders learned from it (already added to
    ``pipeline.kb``). Raises ``ModelError`` when the spaCy pipeline cannot be loaded and
    ``DataFileError`` when a data file is invalid.
    """
    doc = pipeline.nlp(document.text)
    return annotate_parsed(document, doc, pipeline)


def annotate_parsed(document: Document, doc: Doc, pipeline: Any) -> AnnotatedDocument:
    """Like ``annotate`` for a document already parsed (``nlp.pipe`` in batches)."""
    day = _document_day(document)
    sents = list(doc.sents)
    learn = bool(getattr(pipeline.options, "learn", True))
    gaz: Gazetteer = pipeline.gazetteer
    dateline_country = None
    if document.dateline and document.dateline.place:
        entry = gaz.resolve(document.dateline.place.title())
        dateline_country = entry.country if entry else None

    def locate(name: str) -> str | None:
        found = gaz.resolve(name, dateline_country)
        return found.country if found is not None and found.kind == "city" else None

    mentions, learned, place_tokens = find_mentions(
        doc, sents, pipeline.nlp, pipeline.actor_data, pipeline.kb, day, document.id, learn, locate
    )
    sentences = [_sentence(i, s) for i, s in enumerate(sents)]
    for m in mentions:
        sentences[m.sentence].mentions.append(m)
    countries = {m.country for m in mentions if m.country}
    taken = [(m.start, m.end) for m in mentions]
    for i, sent in enumerate(sents):
        sentences[i].places = _places(
            sent, i, gaz, dateline_country, countries, taken, place_tokens
        )
        words = frozenset(t.lower_ for t in sent)
        sentences[i].times = times_in(list(sent.ents), i, words, day, {})
    return AnnotatedDocument(document=document, sentences=sentences, spacy_doc=doc, learned=learned)


def _places(
    sent: Span,
    index: int,
    gaz: Gazetteer,
    dateline_country: str | None,
    countries: set[str],
    taken: list[tuple[int, int]],
    place_tokens: set[int],
) -> list[Place]:
    """Places named in one sentence: spaCy's GPE/LOC/FAC entities that the gazetteer knows
    and no actor mention covers, and countries after "in" (rule ``places.country``)."""
    found: list[Place] = []
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        text = ent.text
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        if any(s < end and start < e for s, e in taken):
            continue
        rule = "places.country" if ent.start in place_tokens else "places.gazetteer"
        place = gaz.place(text, start, end, index, dateline_country, countries, rule)
        if place is not None:
            found.append(place)
    return found


def _sentence(index: int, sent: Span) -> Sentence:
    """A Sentence without the paragraph breaks spaCy keeps at its edges."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    text = text.strip()
    return Sentence(index, start, start + len(text), text)
