"""A bare annotation for coding when the actor annotator (``dateline.annotate``) is not
installed: sentences from spaCy and country mentions from its named entities (pycountry
names). It keeps ``dateline code`` and ``dateline evaluate`` usable on a partial tree; the
real annotator always wins when it is importable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.models import AnnotatedDocument, CodedDocument, Document, Mention, Sentence

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline


def _country(text: str) -> str | None:
    import pycountry

    name = text.removeprefix("the ").strip()
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def bare_annotate(document: Document, pipeline: Pipeline) -> AnnotatedDocument:
    """Sentences and entity mentions of ``document`` from spaCy alone (rule ``fallback.ner``)."""
    doc = pipeline.nlp(document.text)
    sentences: list[Sentence] = []
    for number, sent in enumerate(doc.sents):
        mentions = []
        for ent in sent.ents:
            if ent.label_ not in ("GPE", "NORP", "ORG", "PERSON"):
                continue
            code = _country(ent.text) if ent.label_ == "GPE" else None
            mentions.append(
                Mention(
                    ent.text,
                    ent.start_char,
                    ent.end_char,
                    code,
                    country=code,
                    kind=ent.label_.lower(),
                    rule="fallback.ner",
                    sentence=number,
                )
            )
        sentences.append(Sentence(number, sent.start_char, sent.end_char, sent.text, mentions))
    return AnnotatedDocument(document, sentences, doc)


def code_document(document: Document, pipeline: Pipeline) -> CodedDocument:
    """``pipeline.code(document)``; when the annotator is not installed, the bare annotation."""
    try:
        return pipeline.code(document)
    except ModuleNotFoundError as exc:
        if exc.name not in ("dateline.annotate", "dateline.actors", "dateline.places"):
            raise
    from dateline.events import code_events

    annotated = bare_annotate(document, pipeline)
    return CodedDocument(document, code_events(annotated, pipeline), annotated)
