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
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from dateline.places import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "near", "outside", "at", "from", "to", "into", "around"})
NOT_PLACES = frozenset({"DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL", "PERCENT"})


def _document_day(document: Document) -> dt.date | None:
    value = document.date or (document.dateline.date if document.dateline else None)
    if not value or value.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dateline_country(document: Document, gaz: Gazetteer, names: dict[str, str]) -> str | None:
    """The country of the dateline's place ("PARIS" → FRA, "DAVOS, Switzerland" → CHE)."""
    if not document.dateline or not document.dateline.place:
        return None
    parts = [p.strip() for p in document.dateline.place.split(",") if p.strip()]
    for part in parts[1:]:
        code = names.get(part) or names.get(part.title())
        if code:
            return code
    entry = gaz.resolve(parts[0].title()) if parts else None
    return entry.country if entry else None


def annotate(document: Document, pipeline: Any) -> AnnotatedDocument:
    """Annotate ``document`` with ``pipeline`` (its ``nlp``, ``actor_data``, ``kb``,
    ``gazetteer`` and ``options``).

    Returns an ``AnnotatedDocument`` whose ``spacy_doc`` is the parse of ``document.text``
    and whose ``learned`` lists the office-holders learned from it (already added to
    ``pipeline.kb``). Raises ``ModelError`` when the spaCy pipeline cannot be loaded and
    ``DataFileError`` when a data file is invalid.
    """
    nlp = pipeline.nlp
    ensure_paragraph_breaks(nlp)
    return annotate_parsed(document, nlp(document.text), pipeline)


def _paragraph_breaks(doc: Doc) -> Doc:
    """A new paragraph starts a new sentence (the parser otherwise glues a closing quote
    to the next paragraph's first sentence)."""
    for tok in doc[:-1]:
        if "\n\n" in tok.text or "\n\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
            # A closing quote or bracket ending the paragraph stays with its sentence.
            prev = tok if tok.is_punct else (doc[tok.i - 1] if tok.is_space and tok.i > 0 else None)
            if prev is not None and prev.is_punct and prev.i > 0:
                prev.is_sent_start = False
    return doc


PARAGRAPH_PIPE = "dateline_paragraph_breaks"


def ensure_paragraph_breaks(nlp: Language) -> None:
    """Add the paragraph-break component before the parser of ``nlp`` (once)."""
    if PARAGRAPH_PIPE in nlp.pipe_names:
        return
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(PARAGRAPH_PIPE):
        SpacyLanguage.component(PARAGRAPH_PIPE, func=_paragraph_breaks)
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe(PARAGRAPH_PIPE, before=before)
    else:
        nlp.add_pipe(PARAGRAPH_PIPE, first=True)


def annotate_parsed(document: Document, doc: Doc, pipeline: Any) -> AnnotatedDocument:
    """Like ``annotate`` for a document already parsed (``nlp.pipe`` in batches)."""
    day = _document_day(document)
    sents = list(doc.sents)
    learn = bool(getattr(pipeline.options, "learn", True))
    gaz: Gazetteer = pipeline.gazetteer
    dateline_country = _dateline_country(document, gaz, pipeline.actor_data.country_names)

    def locate(name: str) -> str | None:
        found = gaz.resolve(name, dateline_country)
        return found.country if found is not None and found.kind == "city" else None

    mentions, learned, place_tokens = find_mentions(
        doc,
        sents,
        pipeline.nlp,
        pipeline.actor_data,
        pipeline.kb,
        day,
        document.id,
        learn,
        locate,
        dateline_country,
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
            taken = [*taken, (start, end)]
    # The small model tags some towns as people ("met in Valencia"): a capitalised name
    # right after a locative preposition is looked up too.
    for tok in sent:
        if tok.lower_ not in PLACE_PREPS or tok.i + 1 >= sent.end:
            continue
        j = tok.i + 1
        while j < sent.end and sent.doc[j].pos_ == "PROPN" and sent.doc[j].is_title:
            j += 1
        run = sent.doc[tok.i + 1 : j]
        if not len(run) or any(t.ent_type_ in NOT_PLACES for t in run):
            continue
        start, end = run.start_char, run.end_char
        if any(s < end and start < e for s, e in taken):
            continue
        place = gaz.place(
            run.text, start, end, index, dateline_country, countries, "places.after-preposition"
        )
        if place is not None and place.kind == "city":
            found.append(place)
    found.sort(key=lambda p: p.start)
    return found


def _sentence(index: int, sent: Span) -> Sentence:
    """A Sentence without the paragraph breaks spaCy keeps at its edges."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    text = text.strip()
    return Sentence(index, start, start + len(text), text)
