"""Whose story a document is, when its dateline does not say: the country the text names
most (``document_country``), the country an official statement speaks for
(``statement_author``), and the domestic actors that take them.

A news article without a dateline still has a home: the country most of its places and
actors belong to ("Police arrested three men" in a story about Wuhan are Chinese police). An
official statement ("The United States condemns ... We call on ...") speaks for the actor it
names in the third person with a verb in the present tense, and its "we" is that actor.
Used by ``finder``; nothing here reads a data file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dateline.actors.matching import Piece
from dateline.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Pieces that name a country by itself (its name, adjective, people or capital).
COUNTRY_PIECES = frozenset({"country", "adj", "demonym", "capital"})
# A document's home needs the country named at least this often, and more often than any
# other: one mention is no story's home.
MIN_HOME_MENTIONS = 2
CITY_WEIGHT = 2
# First-person words of a statement's author, and quotation marks that hand the words to
# someone else.
FIRST_PERSON = frozenset({"we", "our", "us", "ours"})
QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})
# Verb tags of a present-tense statement ("condemns", "is deeply concerned", "welcome").
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def document_country(
    pieces: list[Piece], exclude: str | None = None, places: Iterable[str] = ()
) -> str | None:
    """The country the document names most often (its name, adjective, people or capital,
    and twice the country of each city in ``places``), when it is named at least twice and more
    often than any other; ``exclude`` (the statement's own author) does not count. None
    when no country leads."""
    counts: Counter[str] = Counter(p.value for p in pieces if p.kind in COUNTRY_PIECES)
    # A city is where the story happens; a nationality word may name its foreigners
    # ("Mexican nationals were among the victims"): a city counts twice.
    counts.update({c: CITY_WEIGHT * n for c, n in Counter(places).items()})
    counts.pop(exclude or "", None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_HOME_MENTIONS:
        return None
    if len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _quoted(doc: Doc, sent: Span, token: Token) -> bool:
    """Whether ``token`` stands between quotation marks of its sentence (an odd number of
    marks before it), or its sentence reports someone's words ("..., he said")."""
    marks = sum(1 for t in doc[sent.start : token.i] if t.text in QUOTES)
    if marks % 2:
        return True
    return any(t.text in QUOTES for t in sent)


def statement_voice(doc: Doc, sents: list[Span]) -> list[Token]:
    """The first-person plural words ("we", "our") the document's author speaks in: outside
    quotation marks, in sentences that quote no one."""
    found: list[Token] = []
    for sent in sents:
        for tok in sent:
            if tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and not _quoted(doc, sent, tok):
                found.append(tok)
    return found


def statement_author(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The actor an official statement speaks for: a country or government that is the
    subject of a main verb in the present tense ("The United States condemns ...", "The
    Government of Canada is deeply concerned ...", "The French Embassy remains committed
    ..."), the same one each time it is so named; civilians ("five million people are in
    need") speak for no one.
    None when no such actor, or two different ones."""
    authors: dict[str, Mention] = {}
    for m in mentions:
        if not m.code or not m.country or m.org or m.kind not in ("country", "group", "org"):
            continue
        if m.sector not in (None, "GOV"):
            continue  # "five million people are in need": no one's statement
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        verb = root.head
        if root.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ROOT":
            continue
        # "condemns", "is deeply concerned", "remains committed"
        tags = {verb.tag_} | {t.tag_ for t in verb.children if t.dep_ in ("aux", "auxpass")}
        if not tags & PRESENT_TAGS:
            continue
        authors.setdefault(m.country, m)
    if len(authors) != 1:
        return None
    return next(iter(authors.values()))
