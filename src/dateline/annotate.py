"""Annotate a document: parse it with spaCy, split sentences, and find in each sentence the
actor mentions (``dateline.actors``), places (``dateline.places``) and time expressions
(``dateline.dates``). All offsets are character offsets into ``document.text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.actors.finder import find_mentions
from dateline.dates import document_day, times_in
from dateline.models import AnnotatedDocument, Document, Place, Sentence
from dateline.places import find_places

# A town before a title gives its country only if it is at least this big.
LOCAL_OFFICE_POPULATION = 100_000

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from dateline.actors.data import ActorData
    from dateline.actors.kb import KnowledgeBase
    from dateline.places import Gazetteer


def dateline_place(document: Document, gaz: Gazetteer, names: dict[str, str]) -> Place | None:
    """The dateline's place ("PARIS" → Paris, FRA; "DAVOS, Switzerland" → a Swiss place, or
    Switzerland itself when the town is not in the gazetteer), rule ``places.dateline``.
    Its ``start``/``end`` are -1: the dateline is not part of ``document.text``."""
    if not document.dateline or not document.dateline.place:
        return None
    parts = [p.strip() for p in document.dateline.place.split(",") if p.strip()]
    if not parts:
        return None
    country = next(
        (
            names.get(p) or names.get(p.title())
            for p in parts[1:]
            if names.get(p) or names.get(p.title())
        ),
        None,
    )
    place = gaz.place(parts[0].title(), -1, -1, -1, country, (), "places.dateline")
    if place is not None and (country is None or place.country == country):
        place.text = document.dateline.place
        return place
    if country is not None:
        whole = gaz.place(parts[-1].title(), -1, -1, -1, country, (), "places.dateline")
        if whole is not None:
            whole.text = document.dateline.place
            return whole
    return None


def annotate(
    document: Document,
    nlp: Language,
    actor_data: ActorData,
    gazetteer: Gazetteer,
    kb: KnowledgeBase,
    *,
    learn: bool = True,
) -> AnnotatedDocument:
    """Annotate ``document``: parse it with ``nlp``, find actors with ``actor_data`` and the
    office-holders of ``kb`` (learning new ones from the text when ``learn``), places with
    ``gazetteer``, and time expressions.

    Returns an ``AnnotatedDocument`` whose ``spacy_doc`` is the parse of ``document.text``
    and whose ``learned`` lists the office-holders learned from it (used for the rest of
    this document; ``kb`` itself is not changed: the store saves them for later runs).
    Raises ``DataFileError`` when a data file is invalid.
    """
    ensure_paragraph_breaks(nlp)
    return annotate_parsed(
        document, nlp(document.text), nlp, actor_data, gazetteer, kb, learn=learn
    )


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
        return
    nlp.add_pipe(PARAGRAPH_PIPE, first=True)
    if "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        # A pipeline without a parser still needs sentences (and the coder, its own
        # fallbacks): punctuation-based splitting.
        nlp.add_pipe("sentencizer", after=PARAGRAPH_PIPE)


def annotate_parsed(
    document: Document,
    doc: Doc,
    nlp: Language,
    actor_data: ActorData,
    gazetteer: Gazetteer,
    kb: KnowledgeBase,
    *,
    learn: bool = True,
) -> AnnotatedDocument:
    """Like ``annotate`` for a document already parsed (``nlp.pipe`` in batches); ``nlp`` is
    the pipeline that parsed it (the actor finder matches its patterns with it)."""
    day = document_day(document)
    sents = [s for s in doc.sents if s.text.strip()]  # no whitespace-only "sentences"
    gaz = gazetteer
    home = dateline_place(document, gaz, actor_data.country_names)
    dateline_country = home.country if home else None

    def locate(name: str) -> str | None:
        # Only sizeable cities: small towns share names with words ("Federal", "Bush").
        found = gaz.resolve(name, dateline_country)
        if found is None or found.kind != "city" or found.population < LOCAL_OFFICE_POPULATION:
            return None
        return found.country

    mentions, learned, place_tokens = find_mentions(
        doc,
        sents,
        nlp,
        actor_data,
        kb.fork(),  # see KnowledgeBase.fork: coding must not depend on run order
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
    names = actor_data.country_names
    taken = [(m.start, m.end) for m in mentions]
    for i, sent in enumerate(sents):
        sentences[i].places = find_places(
            sent, i, gaz, dateline_country, countries, taken, place_tokens, names
        )
        words = frozenset(t.lower_ for t in sent)
        sentences[i].times = times_in(list(sent.ents), i, words, day)
    return AnnotatedDocument(
        document=document, sentences=sentences, spacy_doc=doc, learned=learned, dateline_place=home
    )


def _sentence(index: int, sent: Span) -> Sentence:
    """A Sentence without the paragraph breaks spaCy keeps at its edges."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    text = text.strip()
    return Sentence(index, start, start + len(text), text)
