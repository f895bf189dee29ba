"""Composing actor phrases from pieces and coding them.

"a senior Canadian government official" = determiner + modifier + adjective(CAN) +
title(government) + title(official) → ``CAN GOV``. The last title decides the sector; a
country, capital or adjective decides the country; an organisation decides the code of
everything attached to it ("NATO Secretary-General Mark Rutte" → ``NATO``); a person's name
alone is resolved from the knowledge base. Rule ids name each decision.

Rules for a country named alone (documented here because the coder depends on them):
``actors.country-as-state`` — the country is the subject of a verb that is not a linking
verb, or the possessor ("Canada has been engaged", "Canada's move"): ``CAN GOV``;
``actors.country-addressed`` — the object of a verb that is not a military or travel verb,
or after "for", "on", "with", "against", "to" in the same sense ("accused Britain", "talks
with Russia", "aid to Ukraine"): the state is acted on, ``GBR GOV`` (evaluation matches a
bare gold ``UKR`` with ``UKR GOV``, not the other way round);
``actors.country`` — anywhere else ("the war between Ukraine and Russia"): the bare ``UKR``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.actors.data import ActorData, Title
from dateline.actors.kb import KBEntry, KnowledgeBase
from dateline.actors.lexicon import holder_on, who
from dateline.actors.matching import Piece
from dateline.actors.syntax import (
    POSSESSIVE,
    acts,
    addressed,
    adjective_as_noun,
    residence,
)
from dateline.models import Mention

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

DETERMINERS = frozenset({"a", "an", "the"})
# Things a state gives: "Italian military aid" is the Italian state's act (GOV).
GIVING_NOUNS = frozenset(
    {"aid", "assistance", "support", "help", "spending", "cooperation", "package", "delivery",
     "supply", "funding", "backing"}
)  # fmt: skip
GROUP_PREPS = frozenset({"from", "of"})
# Name particles that may stand lower case inside a person's name ("Ursula von der Leyen").
NAME_PARTICLES = frozenset({"von", "der", "de", "da", "van", "den", "bin", "al", "le", "la", "di"})


@dataclass
class Phrase:
    """Consecutive pieces glued together: one actor (or a group of actors)."""

    start: int
    end: int
    pieces: list[Piece] = field(default_factory=list)
    context: list[Piece] = field(default_factory=list)  # all pieces of the sentence

    def of_kind(self, *kinds: str) -> list[Piece]:
        """The pieces of these kinds, in order."""
        return [p for p in self.pieces if p.kind in kinds]


def person_pieces(
    doc: Doc,
    sent: Span,
    pieces: list[Piece],
    kb: KnowledgeBase,
    data: ActorData,
    surnames: set[str] | None = None,
    known_surname: Callable[[str], bool] | None = None,
) -> list[Piece]:
    """Person names in ``sent``: runs of capitalised words on tokens no piece covers that
    spaCy tags PERSON, that follow a title for one person ("Mayor Ihor Terekhov"), or that
    the knowledge base knows. A one-word name only spaCy saw counts when the document has
    named someone with that surname before (``surnames``): the small model tags many
    one-word places and products as people. A lone proper noun ``known_surname`` accepts
    (the dictionary's surname of people of a country the document names) counts whatever
    spaCy's label."""
    covered: set[int] = set()
    title_ends = set()
    for p in pieces:
        covered.update(range(p.start, p.end))
        if p.kind == "title" and data.title_by_id(p.value).person:
            title_ends.add(p.end)
    found: list[Piece] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if i in covered or tok.lower_ in DETERMINERS or not _name_word(tok, first=True):
            i += 1
            continue
        j = i + 1
        while j < sent.end and j not in covered and _name_word(doc[j], first=False):
            j += 1
        while j > i + 1 and doc[j - 1].text.lower() in NAME_PARTICLES:
            j -= 1
        text = doc[i:j].text
        is_person = any(t.ent_type_ == "PERSON" for t in doc[i:j])
        if j - i == 1:
            # A surname the document gave in full before is that person again, whatever
            # label spaCy gives the lone word ("sentenced Manafort" read as an ORG), unless
            # it reads it as a nationality or a date (rule ``actors.known-surname``).
            seen = text in (surnames or ()) or (
                known_surname is not None
                and tok.ent_type_ not in NOT_A_DICTIONARY_NAME
                and known_surname(text)
            )
            is_person = seen and (
                is_person or (tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_A_PERSON)
            )
        after_title = i in title_ends and all(t.tag_ == "NNP" for t in doc[i:j])
        # Sentence-initial capitals are not names unless something else says so. A lone
        # word spaCy reads as a date ("in May") is not the surname the knowledge base
        # knows (Theresa May); its place labels are not trusted ("Carney" as a place).
        known = not (j - i == 1 and doc[i].ent_type_ in NOT_A_SURNAME) and kb.lookup(text)
        if is_person or after_title or known:
            found.append(Piece(i, j, "person", text))
        i = j
    return found


def _name_rule(doc: Doc, person: Piece) -> str:
    """A bare name's rule: spaCy's, or ``actors.known-surname`` for a surname the document
    named in full before that spaCy did not read as a person."""
    if any(t.ent_type_ == "PERSON" for t in doc[person.start : person.end]):
        return "model:ner"
    return "actors.known-surname"


# spaCy entity labels under which a lone capitalised word is no person's surname.
NOT_A_SURNAME = frozenset({"DATE", "TIME"})
# ... and under which a lone word that is also a surname the document named is rather a
# people or a date. (Place labels are not trusted: the small model reads many surnames as
# places; country names are pieces of their own before names are looked for.)
NOT_A_PERSON = frozenset({"DATE", "TIME", "NORP"})
# ... and under which it is no dictionary person's surname either ("Kim Jong Un" is a
# name of its own; a lone word the model reads as a place is the place).
NOT_A_DICTIONARY_NAME = frozenset({"DATE", "TIME", "NORP", "GPE", "LOC", "FAC", "EVENT", "LAW"})


def _name_word(tok: Token, first: bool) -> bool:
    if tok.is_punct or tok.like_num:
        return tok.text in ("-",) and not first
    if tok.text.lower() in NAME_PARTICLES and not first:
        return True
    return tok.is_title or (tok.is_upper and len(tok) > 1 and tok.pos_ == "PROPN")


def glue_phrases(
    doc: Doc,
    sent: Span,
    pieces: list[Piece],
    modifiers: frozenset[str],
    portfolio: frozenset[str] = frozenset(),
) -> list[Phrase]:
    """Group consecutive pieces, with determiners, modifiers, hyphens and possessives
    between them, into phrases ("a senior Canadian government official"). A country an
    office deals with ("Special Envoy for Syria Jane Roe": a ``portfolio`` word after a
    capitalised title word) ends its phrase: the name after it is not of that country."""
    by_start = {p.start: p for p in pieces}
    # Tokens inside title pieces: a lower-case word modifying one of them may stand inside
    # the phrase ("Ukraine's energy ministry", "Russian transport ministry").
    in_title = {i for p in pieces if p.kind == "title" for i in range(p.start, p.end)}
    phrases: list[Phrase] = []
    i = sent.start
    while i < sent.end:
        j = i
        while j < sent.end and j not in by_start and _lead_glue(doc[j], modifiers):
            j += 1
        if j not in by_start:
            i = j + 1 if j == i else j
            continue
        phrase = Phrase(i, j, [], pieces)
        k = j
        while True:
            piece = by_start[k]
            phrase.pieces.append(piece)
            phrase.end = k = piece.end
            if len(phrase.pieces) == 1 and _portfolio(doc, piece, portfolio):
                break
            m = k
            while (
                m < sent.end
                and m not in by_start
                and (_inner_glue(doc[m], piece, modifiers) or _title_modifier(doc[m], in_title))
            ):
                m += 1
            if m < sent.end and m in by_start:
                k = m
                continue
            if m > k and doc[k].text in POSSESSIVE:
                phrase.end = k + 1  # keep "Ottawa's" whole; the span is trimmed later
            break
        phrases.append(phrase)
        i = phrase.end
    return phrases


def _portfolio(doc: Doc, piece: Piece, words: frozenset[str]) -> bool:
    """Whether a country piece follows a title and its portfolio preposition, one of
    ``words`` ("Envoy for Syria")."""
    if piece.kind != "country" or piece.start < 2:
        return False
    return f"{doc[piece.start - 2].lower_} {doc[piece.start - 1].lower_}" in words


def _lead_glue(tok: Token, modifiers: frozenset[str]) -> bool:
    low = tok.text.lower()
    return low in DETERMINERS or low in modifiers or (tok.like_num and tok.tag_ == "CD")


def _inner_glue(tok: Token, before: Piece, modifiers: frozenset[str]) -> bool:
    low = tok.text.lower()
    if low in POSSESSIVE:
        return before.kind in ("country", "capital", "org", "orgcap", "person", "seat")
    return low in DETERMINERS or low in modifiers or low in ("-", "–")


def _title_modifier(tok: Token, in_title: set[int]) -> bool:
    """A lower-case noun or adjective right before the title it modifies ("energy" in
    "Ukraine's energy ministry"): at most two words ahead, so a whole clause never glues."""
    return (
        tok.is_lower
        and tok.is_alpha
        and tok.dep_ in ("compound", "amod", "nmod")
        and tok.head.i in in_title
        and 0 < tok.head.i - tok.i <= 2
    )


@dataclass
class Coded:
    """A coded phrase before it becomes a Mention (spans in tokens)."""

    start: int
    end: int
    code: str | None
    country: str | None
    org: str | None
    sector: str | None
    name: str | None
    kind: str
    rule: str
    title: Title | None = None
    learned: KBEntry | None = None


def code_phrase(
    doc: Doc, phrase: Phrase, data: ActorData, kb: KnowledgeBase, day: dt.date | None
) -> Coded | None:
    """The code of one phrase, or None when it is not an actor on its own."""
    titles = [data.title_by_id(p.value) for p in phrase.of_kind("title")]
    title = titles[-1] if titles else None
    orgs = phrase.of_kind("org")
    countries = phrase.of_kind("country", "adj", "capital", "seat")
    demonyms = phrase.of_kind("demonym")
    persons = phrase.of_kind("person")
    orgcaps = phrase.of_kind("orgcap")
    person = persons[-1] if persons else None
    # A title of a person right before the name lets a bare surname find its holder.
    title_sector = (
        title.sector
        if person
        and title
        and title.person
        and any(p.kind == "title" and p.end == person.start for p in phrase.pieces)
        else None
    )
    gov_group = bool(
        person and title and not title.person and phrase.pieces[-1].start == person.end
    )
    if gov_group and title is not None:
        title_sector = title.sector  # "the Obama administration"
    entry = who(kb, data.lexicon, person.value, day, title_sector, gov_group) if person else None
    start, end = phrase.start, phrase.end
    if end - start > 1 and doc[end - 1].text in POSSESSIVE:
        end -= 1  # "Ottawa's" → "Ottawa"

    def make(
        code: str | None,
        country: str | None,
        org: str | None,
        sector: str | None,
        name: str | None,
        kind: str,
        rule: str,
        learned: KBEntry | None = None,
    ) -> Coded:
        return Coded(start, end, code, country, org, sector, name, kind, rule, title, learned)

    def state(iso: str, sector: str, kind: str, rule: str) -> Coded:
        """An unnamed actor of country ``iso`` in ``sector`` ("Kyiv said" → UKR GOV)."""
        return make(f"{iso} {sector}", iso, None, sector, None, kind, rule)

    orgrefs = phrase.of_kind("orgref")
    national = bool(orgs and countries and countries[0].start < orgs[0].start)
    home = data.org(orgs[0].value).country if orgs else None
    if national and home and title is None and person is None:
        # "the Afghan Taliban": the group itself; "the Pakistani Taliban": the group's
        # kind of actor in the adjective's country (rule actors.country+group).
        iso = countries[0].value
        group = data.org(orgs[0].value)
        if iso == home:
            countries = []
            national = False
        else:
            return make(
                f"{iso} {group.sector}", iso, group.code, group.sector, None, "group",
                "actors.country+group",
            )  # fmt: skip
    if national and title is None and person is None:
        # "Russia's Security Council": a country's own body named like an organisation.
        iso = countries[0].value
        return state(iso, "GOV", "group", "actors.country+institution")
    if national:
        orgs = []  # "Russia's UN ambassador": the country's official
    if not orgs and not countries and orgrefs:
        # "the coalition", "the alliance": coded by coreference when the article named it.
        org = data.org(orgrefs[0].value)
        name = person.value if person else None
        return make(None, None, org.code, org.sector, name, "org-ref", "actors.org-ref")
    if orgs:
        org = data.org(orgs[0].value)
        name = entry.name if entry else (person.value if person else None)
        kind = "person" if person else ("title" if title and title.person else "org")
        # A national body of the dictionaries ("Afghan National Army") is the state's.
        state_body = org.country is not None and org.code == f"{org.country} {org.sector}"
        return make(
            code=org.code,
            country=org.country,
            org=None if state_body else org.code,
            sector=org.sector,
            name=name,
            kind=kind,
            rule="actors.org+title+name" if person else "actors.org",
        )
    if countries:
        iso = countries[-1].value
        only = countries[-1]
        if title is None and person is None:
            if only.kind == "adj":
                if adjective_as_noun(doc, phrase):
                    # "shot a Palestinian": the adjective is a person of that nation.
                    return state(iso, "CVL", "group", "actors.adjective-as-noun")
                return None  # "Canadian spending": an adjective alone is not an actor
            if only.kind == "seat":
                return state(iso, "GOV", "capital", "actors.seat-of-government")
            if only.kind == "capital":
                if acts(doc, phrase) or addressed(doc, phrase):
                    return state(iso, "GOV", "capital", "actors.capital-as-government")
                return None  # a place
            if acts(doc, phrase):
                return state(iso, "GOV", "country", "actors.country-as-state")
            if addressed(doc, phrase):
                return state(iso, "GOV", "country", "actors.country-addressed")
            return make(
                code=iso,
                country=iso,
                org=None,
                sector=None,
                name=None,
                kind="country",
                rule="actors.country",
            )
        sector = title.sector if title else (entry.sector if entry else "GOV")
        name = entry.name if entry and entry.country == iso else (person.value if person else None)
        learned = None
        if person and title and title.person and (entry is None or entry.country != iso):
            learned = KBEntry(
                name=person.value,
                code=f"{iso} {sector}",
                country=iso,
                org=None,
                sector=sector,
                office=_office(doc, phrase),
                source="learned",
                evidence=doc[phrase.start : phrase.end].text,
            )
        kind = "person" if person else ("title" if title and title.person else "group")
        if (
            person
            and title
            and not title.person
            and title is titles[-1]
            and persons[-1] is not phrase.pieces[-1]
        ):
            kind, name = "group", None  # "the Biden administration"
        rule = "actors.country+title+name" if person else "actors.country+title"
        if person is None and title is not None and title.head and kind == "title":
            # "the Canadian prime minister": shown as the person holding that office on
            # the article's date, whoever held it when the data was written.
            holder = holder_on(kb, iso, _office(doc, phrase), day)
            if holder is not None:
                name = holder.name
        last = doc[phrase.end - 1]
        if (
            person is None
            and phrase.pieces[-1].kind == "title"
            and last.pos_ == "ADJ"
            and last.dep_ == "amod"
            and last.head.i >= phrase.end
            and last.head.lemma_ in GIVING_NOUNS
        ):
            # "Italian military aid": the adjective describes the state's act, not a body.
            sector, kind, rule = "GOV", "country", "actors.country+act"
        return make(
            code=f"{iso} {sector}",
            country=iso,
            org=None,
            sector=sector,
            name=name,
            kind=kind,
            rule=rule,
            learned=learned,
        )
    if orgcaps and acts(doc, phrase) and title is None:
        org = data.org(orgcaps[0].value)
        return make(
            code=org.code,
            country=None,
            org=org.code,
            sector=org.sector,
            name=None,
            kind="capital",
            rule="actors.org-seat",
        )
    if demonyms:
        iso = demonyms[-1].value
        sector = title.sector if title else "CVL"
        if any(t.lower_ == "ethnic" for t in doc[phrase.start : phrase.end]):
            # "ethnic Albanians in Serbia": an ethnic group is coded by the country it
            # lives in, not by its kin state; unknown → uncoded.
            home = residence(doc, phrase, iso)
            return make(
                code=f"{home} {sector}" if home else None,
                country=home,
                org=None,
                sector=sector,
                name=None,
                kind="group",
                rule="actors.ethnic-group",
            )
        return make(
            code=f"{iso} {sector}",
            country=iso,
            org=None,
            sector=sector,
            name=None,
            kind="group",
            rule="actors.demonym",
        )
    if person:
        if (
            entry is not None
            and title is not None
            and not title.person
            and phrase.pieces[-1].kind == "title"
        ):
            # "the Trump administration": the office-holder's government, not the person
            # (in office or not: "the Obama administration" is a government).
            sector = title.sector if entry.country and not entry.org else entry.sector
            return make(
                f"{entry.country} {sector}" if entry.country and not entry.org else entry.code,
                entry.country,
                entry.org,
                sector,
                None,
                "group",
                "kb:office-holder+group",
            )
        if entry is not None:
            code, sector = entry.code, entry.sector
            if (
                title_sector
                and entry.country
                and not entry.org
                and _person_rule(entry) == "dictionary:person"
                and not any(t.lower_ in data.former_words for t in doc[phrase.start : person.start])
            ):
                # "President Kagame" in 2026: the text's title says what the stale
                # dictionary cannot (rule dictionary:person+title).
                code, sector = f"{entry.country} {title_sector}", title_sector
            return make(
                code=code,
                country=entry.country,
                org=entry.org,
                sector=sector,
                name=entry.name,
                kind="person",
                rule=_person_rule(entry) + ("+title" if sector != entry.sector else ""),
            )
        return make(
            code=None,
            country=None,
            org=None,
            sector=title.sector if title else None,
            name=person.value,
            kind="person",
            rule="actors.title+name" if title else _name_rule(doc, person),
        )
    if title is not None:
        if not title.alone:
            return None  # "drones" without a country
        last = doc[phrase.end - 1]
        # A title word modifying something else ("military support") is not an actor.
        if last.dep_ in ("amod", "compound", "nmod") and last.head.i >= phrase.end:
            return None
        if last.pos_ not in ("NOUN", "PROPN", "PRON") or (
            last.dep_ == "conj" and last.head.pos_ == "ADJ"
        ):
            return None  # "political, military, and strategic support"
        return make(
            code=None,
            country=None,
            org=None,
            sector=title.sector,
            name=None,
            kind="title" if title.person else "group",
            rule="actors.title",
        )
    return None


def _person_rule(entry: KBEntry) -> str:
    """``kb:office-holder`` for the knowledge base, ``dictionary:person`` for the field's
    dictionaries (their provenance names the dictionary file and line)."""
    return "dictionary:person" if entry.provenance.startswith("Phoenix.") else "kb:office-holder"


def _office(doc: Doc, phrase: Phrase) -> str:
    titles = [p for p in phrase.pieces if p.kind == "title"]
    words = doc[titles[0].start : titles[-1].end].text if titles else ""
    return " ".join(w if w.isupper() else w.capitalize() for w in words.split())


def to_mention(doc: Doc, coded: Coded, sentence: int) -> Mention:
    """The ``Mention`` (character offsets into the text) of a coded phrase."""
    span = doc[coded.start : coded.end]
    return Mention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        code=coded.code,
        country=coded.country,
        org=coded.org,
        sector=coded.sector,
        name=coded.name,
        kind=coded.kind,
        rule=coded.rule,
        sentence=sentence,
    )
