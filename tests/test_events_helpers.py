"""Hand-built annotated documents for the event coder's tests (no actor annotator needed)."""

from __future__ import annotations

from dateline.models import AnnotatedDocument, Dateline, Document, Mention, Place, Sentence
from dateline.pipeline import Pipeline


def annotated(
    pipeline: Pipeline,
    text: str,
    actors: dict[str, str],
    *,
    places: dict[str, tuple[str, float, float]] | None = None,
    dateline: str | None = None,
    date: str | None = None,
    antecedents: dict[str, str] | None = None,
) -> AnnotatedDocument:
    """``text`` parsed, with a mention for every occurrence of each ``actors`` key (its code:
    "CAN GOV" gives country CAN, sector GOV; anything else is an organisation), places by
    name (country, lat, lon) and pronoun-like mentions pointing at an antecedent's text."""
    document = Document(
        id=Document.make_id(None, [text]), source="test", format="text", title=None,
        paragraphs=[text], date=date, date_precision="day" if date else "unknown",
        dateline=Dateline(dateline, dateline, date, "day") if dateline else None,
    )  # fmt: skip
    doc = pipeline.nlp(text)
    mentions: list[Mention] = []
    for phrase, code in actors.items():
        start = text.find(phrase)
        while start != -1:
            parts = code.split()
            country = parts[0] if len(parts[0]) == 3 and parts[0].isupper() else None
            sector = parts[1] if len(parts) == 2 else None
            mentions.append(
                Mention(phrase, start, start + len(phrase), code, country=country,
                        org=None if country else code, sector=sector, rule="test")
            )  # fmt: skip
            start = text.find(phrase, start + 1)
    for phrase, target in (antecedents or {}).items():
        start = text.find(phrase)
        index = next(i for i, m in enumerate(mentions) if m.text == target)
        mentions.append(Mention(phrase, start, start + len(phrase), None, kind="pronoun",
                                rule="test.coref", antecedent=index))  # fmt: skip
    mentions.sort(key=lambda m: m.start)
    # Antecedent indexes point into the sorted list.
    sentences: list[Sentence] = []
    for number, sent in enumerate(doc.sents):
        inside = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        found = []
        for name, (country, lat, lon) in (places or {}).items():
            at = text.find(name, sent.start_char, sent.end_char)
            if at != -1:
                found.append(Place(name, at, at + len(name), name, country, lat, lon))
        sentences.append(Sentence(number, sent.start_char, sent.end_char, sent.text, inside, found))
    result = AnnotatedDocument(document, sentences, doc)
    flat = result.mentions
    for mention in flat:
        if mention.antecedent is not None:
            target = mentions_by_text(flat, antecedents or {}, mention.text)
            mention.antecedent = target
    return result


def mentions_by_text(flat: list[Mention], antecedents: dict[str, str], text: str) -> int | None:
    wanted = antecedents.get(text)
    return next((i for i, m in enumerate(flat) if m.text == wanted), None)
