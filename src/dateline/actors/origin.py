"""Where an actor is from when a phrase names it only through another word: a city
("police in Lyon"), countries coordinated with the one that placed a group ("authorities
in Portugal and Greece"), a country's body after a person's name ("Jane Roe of the UK's
National Crime Agency"), the office-holder who owns a title ("Macron's spokeswoman"), or
the actor an apposition names beside a person ("X, head of Iran's Quds Force").
Used by ``finder``; every function returns the coded phrase (or what it used up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.actors.composer import Coded, Phrase, code_phrase
from dateline.actors.data import ActorData
from dateline.actors.kb import KnowledgeBase
from dateline.actors.lexicon import who
from dateline.actors.syntax import CONJUNCTIONS, POSSESSIVE
from dateline.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def also_located(
    doc: Doc, coded: Coded, where: Phrase, rest: list[Phrase]
) -> list[tuple[Coded, Phrase]]:
    """ "authorities in Portugal and Greece", "agencies from Germany, Spain and Italy": the
    countries coordinated with the one that placed a group each place one more group of
    the same kind (rule ``actors.group+in-country(coordinated)``). It spans the group's
    words, as the first one does: "authorities" names both groups, and whoever reads
    the sentence's roles finds both on the same words. The countries' phrases are used
    up."""
    found: list[tuple[Coded, Phrase]] = []
    last = where
    for nxt in rest[rest.index(where) + 1 :] if where in rest else []:
        between = doc[last.end : nxt.start]
        if not len(between) or not all(t.lower_ in CONJUNCTIONS for t in between):
            break
        if len(nxt.pieces) != 1 or nxt.pieces[0].kind not in ("country", "capital"):
            break
        if nxt.end != nxt.pieces[0].end:
            break  # "Greece's coast guard": an actor of its own
        iso = nxt.pieces[0].value
        found.append((
            replace(
                coded, code=f"{iso} {coded.sector}",
                country=iso, rule="actors.group+in-country(coordinated)",
            ),
            nxt,
        ))  # fmt: skip
        last = nxt
    return found


def city_after(
    doc: Doc, i: int, rest: list[Phrase], locate: Callable[[str], str | None]
) -> str | None:
    """The country of the city named from token ``i`` on ("Lyon", "the city of Lyon" is
    not taken: only a name right there, or after "the"), unless an actor's phrase starts
    there (an organisation or a country is no city)."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title:
        j += 1
    if j == i or any(p.start <= i < p.end for p in rest):
        return None
    return locate(doc[i:j].text)


# Words of a person's job between "NAME of" and the country ("Jane Doe of Canada").
PERSON_OF = frozenset({"of", "from"})


def person_of_country(
    doc: Doc,
    coded: Coded,
    rest: list[Phrase],
    data: ActorData,
    kb: KnowledgeBase,
    day: dt.date | None,
) -> tuple[Coded, Phrase] | None:
    """ "Jane Doe of Canada's border agency", "Muhammadu Buhari of Nigeria", "Jane Doe of
    the Polish Supreme Court": a person the data do not know, then "of" and a country's
    body or the country itself, is of that country (rule ``actors.person+of-country``)
    with the body's sector when the body is coded ("CAN GOV", "POL JUD"), or the bare
    country when only the country is named. The country's phrase is used up (returned):
    it names where the person comes from, not a second actor."""
    if not rest or coded.end >= len(doc) or doc[coded.end].lower_ not in PERSON_OF:
        return None
    nxt = rest[0]
    if nxt.start != coded.end + 1 or not nxt.pieces:
        return None
    body = code_phrase(doc, nxt, data, kb, day)
    if body is None or body.country is None or body.org is not None:
        return None
    kinds = [p.kind for p in nxt.pieces]
    if kinds[0] not in ("country", "adj") or body.kind == "person":
        return None
    code: str | None = body.code
    sector: str | None = body.sector
    if kinds == ["country"]:
        # "of the UK's National Crime Agency": a state body the data do not name; the
        # country alone says whose, not in which role.
        code, sector = body.country, None
    person = replace(
        coded, code=code, country=body.country, sector=sector,
        rule=f"actors.person+of-country({coded.rule})",
    )  # fmt: skip
    return person, nxt


def possessor_office(
    doc: Doc,
    coded: Coded,
    phrase: Phrase,
    data: ActorData,
    kb: KnowledgeBase,
    day: dt.date | None,
) -> Coded:
    """ "Macron's spokeswoman Jane Roe", "Guterres' envoy Paul Roe": a government title
    owned by a known office-holder makes the named person part of the owner's government
    or organisation (rule ``actors.possessor+title``); "Heyer's mother" (no government
    title) stays uncoded."""
    if coded.title is None or coded.title.sector != "GOV":
        return coded
    people = phrase.of_kind("person")
    if len(people) < 2 or people[0].end >= len(doc) or doc[people[0].end].text not in POSSESSIVE:
        return coded
    owner = who(kb, data.lexicon, people[0].value, day)
    if owner is None or not owner.code:
        return coded
    code: str = owner.code
    sector: str | None = owner.sector
    if owner.country and not owner.org:
        code, sector = f"{owner.country} GOV", "GOV"
    return replace(
        coded, code=code, country=owner.country, org=owner.org, sector=sector,
        rule=f"actors.possessor+title({coded.rule})",
    )  # fmt: skip


# Links inside an apposition that start a clause of their own: a country named there does
# not say where the person is from ("X, who fled Syria").
CLAUSE_LINKS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})
# Mention kinds that only point at another actor.
POINTERS = frozenset({"pronoun", "plural", "it", "we", "country-ref", "org-ref"})


def _uncoded_people(doc: Doc, mentions: list[Mention]) -> Iterator[tuple[Mention, Span]]:
    """The named people nothing else coded (no code, no organisation), with their tokens."""
    for m in mentions:
        if m.kind != "person" or m.code is not None or m.org:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            yield m, span


def _adopt(
    m: Mention, code: str | None, country: str | None, sector: str | None, rule: str
) -> None:
    """Give ``m`` a code by ``rule``, keeping the rule that found it inside the new one."""
    m.code, m.country, m.sector = code, country, sector
    m.rule = f"{rule}({m.rule})" if m.rule else rule


def apposition_origin(doc: Doc, mentions: list[Mention]) -> None:
    """ "Qasem Soleimani, head of Iran's Quds Force,", "Ruslan Gatin, a senior officer in
    Russia's army,", "Maria Lopez, a nurse from Colombia,": a named person nothing else
    codes takes the code of the first coded actor in the phrase set beside the name (rule
    ``actors.apposition-origin``), in place. Clauses inside the apposition do not count."""
    starts = {m.start: n for n, m in enumerate(mentions)}
    for m, span in _uncoded_people(doc, mentions):
        appos = next((c for c in span.root.children if c.dep_ == "appos"), None)
        if appos is None:
            continue
        inside: list[int] = []
        stack = [appos]
        while stack:
            token = stack.pop()
            inside.append(token.idx)
            stack.extend(c for c in token.children if c.dep_ not in CLAUSE_LINKS)
        found = sorted(
            (mentions[starts[i]] for i in inside if i in starts),
            key=lambda x: x.start,
        )
        coded = next((x for x in found if x.code and x.kind not in POINTERS), None)
        if coded is None:
            continue
        m.org = coded.org
        _adopt(m, coded.code, coded.country, coded.sector, "actors.apposition-origin")


def body_before_official(doc: Doc, mentions: list[Mention]) -> None:
    """ "U.S. Agency for International Development (USAID) Administrator Jane Roe": a named
    person nothing else codes, written right after a body of one country and its acronym
    in brackets, is that body's official and takes its code (rule
    ``actors.body-official``), in place. Without the brackets the phrase is one already
    ("USAID Administrator Jane Roe")."""
    ends = {m.end: m for m in mentions if m.code and m.country and m.kind != "person"}
    for m, span in _uncoded_people(doc, mentions):
        if span.start < 3:
            continue
        opening, acronym, closing = doc[span.start - 3 : span.start]
        if not (opening.text == "(" and closing.text == ")" and acronym.text.isupper()):
            continue
        body = ends.get(opening.idx) or ends.get(opening.idx - 1)
        if body is None:
            continue
        _adopt(m, body.code, body.country, body.sector, "actors.body-official")


def portfolio_holder(doc: Doc, mentions: list[Mention], words: frozenset[str]) -> None:
    """ "US Special Representative for Iran Jane Roe", "the British Envoy to Yemen John
    Doe": a named person nothing else codes, right after the country an office deals with
    (a title and its preposition of ``words`` before that country), is an official of the
    country named before the title (rule ``actors.portfolio-holder``), in place."""
    by_end = {m.end: m for m in mentions}
    for m, span in _uncoded_people(doc, mentions):
        if span.start < 1:
            continue
        before = doc[span.start - 1]
        dealt = by_end.get(before.idx + len(before.text))
        if dealt is None or dealt.kind != "country":
            continue
        place = doc.char_span(dealt.start, dealt.end, alignment_mode="expand")
        if place is None or place.start < 2:
            continue
        if f"{doc[place.start - 2].lower_} {doc[place.start - 1].lower_}" not in words:
            continue
        # The holder's country: the nearest coded mention ending before the preposition,
        # within the title's few words ("US Special Representative", "British Envoy").
        prep = doc[place.start - 1].idx
        near = [
            x for x in mentions
            if x.code and x.country and x.end <= prep and prep - x.end <= 40
        ]  # fmt: skip
        if not near:
            continue
        holder = max(near, key=lambda x: x.end)
        _adopt(m, f"{holder.country} GOV", holder.country, "GOV", "actors.portfolio-holder")
