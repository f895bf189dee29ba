"""Actor mentions of one parsed document: pieces → phrases → coded mentions, groups of
countries, appositions that teach the knowledge base, then coreference.

``find_mentions`` is what ``dateline.annotate`` calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.actors.composer import (
    Coded,
    Phrase,
    code_phrase,
    glue_phrases,
    person_pieces,
    to_mention,
)
from dateline.actors.coref import PLURAL_PRONOUNS, PRONOUNS, plural_antecedents, resolve
from dateline.actors.data import AGENT_PREFIX, ActorData
from dateline.actors.home import (
    COUNTRY_PIECES,
    cities,
    city_places,
    document_country,
    home_countries,
    of_no_other_country,
    of_this_country,
    quote_speakers,
    readout_hosts,
    speak_for_author,
)
from dateline.actors.kb import KBEntry, KnowledgeBase
from dateline.actors.matching import build_matchers, dictionary_pieces, find_pieces
from dateline.actors.origin import (
    also_located,
    apposition_origin,
    body_before_official,
    city_after,
    person_of_country,
    portfolio_holder,
    possessor_office,
)
from dateline.actors.syntax import CONJUNCTIONS
from dateline.models import Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout", "near", "around", "within"})
# Roles of domestic actors an article leaves without a country: they are the dateline's.
HOME_ROLES = frozenset(
    {"police", "protesters", "government", "official", "court", "parliament", "opposition",
     "lawmaker", "minister", "head of government", "head of state"}
)  # fmt: skip
# ... and of armed groups and attackers a story without a dateline leaves without one ("the
# gunman", "insurgents"): the country the article names most (``home.document_country``).
STORY_ROLES = frozenset({"rebels"})


def find_mentions(
    doc: Doc,
    sents: list[Span],
    nlp: Language,
    data: ActorData,
    kb: KnowledgeBase,
    day: dt.date | None,
    doc_id: str,
    learn: bool = True,
    locate: Callable[[str], str | None] | None = None,
    home: str | None = None,
) -> tuple[list[Mention], list[KBEntry], set[int]]:
    """Actor mentions of ``doc`` in order, the office-holders learned, and the token
    indexes of country names used as places ("in Ukraine").

    Learned entries are added to ``kb`` at once (when ``learn``), so later sentences
    benefit; ``annotate`` passes a fork of the run's knowledge base, so later documents
    benefit only once the store has saved them (the next run).
    ``locate`` gives the country (ISO3) of a place
    name, for titles after a town ("Kharkiv Mayor Ihor Terekhov" → ``UKR GOV``). ``home``
    is the dateline's country: domestic actors the article leaves without a country
    ("police", "the government", "Press secretary X") are taken to be from there (rule
    ``actors.dateline-country``).
    """
    matchers = build_matchers(data, nlp)
    all_pieces = find_pieces(doc, matchers)
    extra, discarded, story_discarded = dictionary_pieces(doc, data, all_pieces)
    if story_discarded:
        # The discard list names a whole story (a sports final): no actors, so no events.
        return [], [], set()
    all_pieces = sorted(all_pieces + extra, key=lambda p: p.start)
    mentions: list[Mention] = []
    learned: list[KBEntry] = []
    place_tokens: set[int] = set()
    surnames: set[str] = set()
    homeless: set[int] = set()  # ids of mentions that may take the dateline's country
    local: set[int] = set()  # ... and that may take their sentence's officials' country
    domestic: set[int] = set()  # ... and the country the text names most (no dateline)
    placed: dict[int, set[str]] = {}  # sentence → countries named as places ("in Peru")
    named = {p.value for p in all_pieces if p.kind in COUNTRY_PIECES}

    def known_surname(word: str) -> bool:
        # "Chirac" alone, in a story that names France (rule actors.dictionary-surname).
        found = data.lexicon.surname_country(word, day) if data.lexicon else None
        return found is not None and found[0] in named

    for index, sent in enumerate(sents):
        if sent.start in discarded:
            continue  # a sentence about sport or entertainment (the discard list)
        pieces = [p for p in all_pieces if p.start >= sent.start and p.end <= sent.end]
        found_people = person_pieces(doc, sent, pieces, kb, data, surnames, known_surname)
        pieces = sorted(pieces + found_people, key=lambda p: p.start)
        phrases = glue_phrases(doc, sent, pieces, data.modifiers, data.portfolio_words)
        consumed: set[int] = set()
        first = len(mentions)
        for n, phrase in enumerate(phrases):
            if id(phrase) in consumed:
                continue
            group = _group_of_countries(doc, phrase, phrases[n + 1 :], data)
            if group is not None:
                for member, coded in group:
                    consumed.add(id(member))
                    mentions.append(to_mention(doc, coded, index))
                continue
            if [p.kind for p in phrase.pieces] == ["cgroup"]:
                # "the Baltic states urged": one state actor per member.
                for iso in data.groups[int(phrase.pieces[0].value)].members:
                    coded = Coded(
                        start=phrase.start, end=phrase.end, code=f"{iso} GOV", country=iso,
                        org=None, sector="GOV", name=None, kind="group",
                        rule="actors.country-group",
                    )  # fmt: skip
                    mentions.append(to_mention(doc, coded, index))
                continue
            if _abbreviation(doc, phrase, mentions[first:], data):
                continue  # "the Democratic People's Republic of Korea (DPRK)": one actor
            if _qualifies_member(doc, phrase, phrases[n + 1 :]):
                continue  # "NATO-member Norway": the country acts, not the alliance
            if _is_place(doc, phrase) or _is_venue(doc, phrase, data):
                place_tokens.update(range(phrase.start, phrase.end))
                if _is_place(doc, phrase):
                    placed.setdefault(index, set()).add(phrase.pieces[0].value)
                continue
            coordinated: list[Coded] = []  # groups placed by coordinated countries
            found = code_phrase(doc, phrase, data, kb, day)
            if found is None:
                found = _coordinated_adjective(doc, phrase, phrases[n + 1 :], data, kb, day)
            if found is None:
                found = _agent_alone(phrase, data)
            if found is None:
                continue
            coded = found
            if (
                coded.code is None
                and coded.title is not None
                and (not coded.title.person or _officials(doc, coded))
            ) or coded.rule in ("actors.demonym", "actors.ethnic-group"):
                located = _located_group(doc, coded, phrase, phrases[n + 1 :], locate)
                if located is not None:
                    coded, where = located
                    if where is not None:
                        consumed.add(id(where))
                        for also, country in also_located(doc, coded, where, phrases[n + 1 :]):
                            consumed.add(id(country))
                            coordinated.append(also)
            if coded.rule == "actors.agent" and coded.code is None:
                if coded.sector not in DOMESTIC_SECTORS:
                    continue  # an agent noun that no country placed
                coded = replace(coded, kind="agent")  # kept only if a home country is found
            if coded.code is None and coded.title is not None and locate:
                coded = _local_office(doc, coded, locate, lambda w: _a_surname(w, data, kb))
            if coded.code is None and coded.title is not None and locate:
                coded = _office_of_place(doc, coded, locate, data)
            if coded.kind == "person" and coded.code is None:
                coded = possessor_office(doc, coded, phrase, data, kb, day)
            if coded.kind == "person" and coded.code is None:
                of_country = person_of_country(doc, coded, phrases[n + 1 :], data, kb, day)
                if of_country is not None:
                    coded, where = of_country
                    consumed.add(id(where))
            if coded.kind == "person" and coded.code is None and " " not in (coded.name or " "):
                coded = _dictionary_surname(coded, data, day, named)
            appos = _apposition(doc, phrase, phrases[n + 1 :], data, kb, day)
            # "Jan Eliasson, the UN deputy secretary-general,": an office in an
            # organisation written beside the name says more than a dictionary's
            # nationality for the person (rule dictionary:person): the text wins.
            renamed = (
                appos is not None and appos.org is not None and coded.kind == "person"
                and coded.rule.startswith("dictionary:person")
            )  # fmt: skip
            if appos is not None and coded.kind == "person" and (coded.code is None or renamed):
                coded = replace(
                    coded,
                    code=appos.code,
                    country=appos.country,
                    org=appos.org,
                    sector=appos.sector,
                    rule="actors.name,title-apposition",
                    learned=KBEntry(
                        name=coded.name or "",
                        code=appos.code or "",
                        country=appos.country,
                        org=appos.org,
                        sector=appos.sector,
                        office=appos.rule,
                        evidence=doc[phrase.start : appos.end].text,
                    ),
                )
            mention = to_mention(doc, coded, index)
            mentions.append(mention)
            mentions.extend(to_mention(doc, also, index) for also in coordinated)
            if (
                coded.code is None
                and coded.title is not None
                and (
                    coded.title.role in HOME_ROLES
                    or coded.kind == "agent"
                    or (home is None and coded.title.role in STORY_ROLES)
                )
            ):
                homeless.add(id(mention))
                if of_this_country(doc, coded):
                    local.add(id(mention))
                if of_no_other_country(doc, coded, data):
                    domestic.add(id(mention))
            elif coded.kind == "person" and coded.code is None and coded.org is None:
                # A named person nothing places ("Jane Roe said") is of the story's country.
                homeless.add(id(mention))
                domestic.add(id(mention))
            if coded.learned is not None and learn and coded.learned.code:
                entry = replace(
                    coded.learned,
                    source="learned",
                    doc_id=doc_id,
                    sentence=index,
                    provenance=f"{doc_id}#{index}",
                    since=day.isoformat() if day else None,
                )
                added = kb.learn(entry)
                if added is not None:
                    learned.append(added)
        surnames.update(m.name.split()[-1] for m in mentions[first:] if m.name)
        mentions.extend(_references(doc, sent, index, mentions[first:]))
        mentions[first:] = sorted(mentions[first:], key=lambda m: m.start)
    apposition_origin(doc, mentions)
    body_before_official(doc, mentions)
    portfolio_holder(doc, mentions, data.portfolio_words)
    resolve(mentions, doc, data)
    author = speak_for_author(doc, sents, mentions)
    barred = readout_hosts(doc, mentions, homeless, data.counterpart_words)

    def where_is(name: str) -> str | None:
        # A sizeable city, else a region ("Oxfordshire"): where the sentence happens.
        return (locate(name) if locate else None) or data.regions.get(name)

    for index, city_country in city_places(doc, sents, all_pieces, where_is):
        placed.setdefault(index, set()).add(city_country)
    if home is not None:
        home_countries(mentions, homeless, local, home, author=author, places=placed, barred=barred)
    else:
        # No dateline: the country the text names most (not the statement's author).
        home = document_country(all_pieces, author, cities(doc, all_pieces, where_is))
        home_countries(mentions, homeless, local, home, domestic, author, placed, barred)
    quote_speakers(doc, mentions)
    mentions = _expand(mentions, plural_antecedents(mentions, doc), "coref.plural")
    return _drop_unresolved(_expand_group_references(mentions)), learned, place_tokens


# First-person plural pronouns: an official statement's own voice (``home.speak_for_author``).
WE = frozenset({"we", "us"})
GROUP_RULES = frozenset({"actors.group-of-countries", "actors.country-group"})
# Sectors of agent nouns ("students", "judges") that belong to a country's own life: alone
# they take the country of the sentence's state actors or of the dateline.
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "EDU", "LAB", "AGR"})


def _expand_group_references(mentions: list[Mention]) -> list[Mention]:
    """ "The four leaders" after "the leaders of Poland and the Baltic states": a plural
    title with "the" and no code stands for the latest group of countries (within five
    sentences); it becomes one mention per member (rule ``coref.group``), each pointing at
    that member's mention. Antecedent indexes are kept valid."""
    plan: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        words = m.text.lower().split()
        if (
            m.code is not None
            or m.kind != "title"
            or words[0] != "the"
            or not words[-1].endswith("s")
        ):
            continue
        members: list[int] = []
        for j in range(i - 1, -1, -1):
            a = mentions[j]
            if m.sentence - a.sentence > 5 or (members and a.rule not in GROUP_RULES):
                break
            if a.rule in GROUP_RULES and (
                not members or a.sentence == mentions[members[-1]].sentence
            ):
                members.append(j)
        if len(members) >= 2:
            plan[i] = sorted(members)
    return _expand(mentions, plan, "coref.group")


def _expand(mentions: list[Mention], plan: dict[int, list[int]], rule: str) -> list[Mention]:
    """Mention ``i`` of ``plan`` becomes one mention per antecedent ``plan[i]`` (a group
    mention with that antecedent's code, rule ``rule``); antecedent indexes stay valid."""
    if not plan:
        return mentions
    out: list[Mention] = []
    new_index: dict[int, int] = {}
    for i, m in enumerate(mentions):
        new_index[i] = len(out)
        if i not in plan:
            out.append(m)
            continue
        for j in plan[i]:
            a = mentions[j]
            out.append(
                replace(
                    m,
                    code=a.code,
                    country=a.country,
                    org=a.org,
                    sector=a.sector,
                    name=a.name,
                    kind="group",
                    antecedent=j,
                    rule=f"{rule}({m.rule})" if m.rule else rule,
                )
            )
    for m in out:
        if m.antecedent is not None:
            m.antecedent = new_index[m.antecedent]
    return out


def _references(doc: Doc, sent: Span, index: int, taken: list[Mention]) -> list[Mention]:
    """Pronouns and "the country": mentions that only coreference can code."""
    spans = [(m.start, m.end) for m in taken]
    found: list[Mention] = []
    for tok in sent:
        low = tok.lower_
        if low in WE and tok.pos_ == "PRON":
            kind, start, end = "we", tok.idx, tok.idx + len(tok)
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            kind, start, end = "plural", tok.idx, tok.idx + len(tok)
        elif low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            kind, start, end = "it", tok.idx, tok.idx + len(tok)
        elif (low in PRONOUNS and tok.pos_ == "PRON") or (
            low in ("his", "her") and tok.tag_ == "PRP$"
        ):
            kind, start, end = "pronoun", tok.idx, tok.idx + len(tok)
        elif low == "country" and tok.i > sent.start and doc[tok.i - 1].lower_ == "the":
            kind, start, end = "country-ref", doc[tok.i - 1].idx, tok.idx + len(tok)
        else:
            continue
        if any(s <= start < e for s, e in spans):
            continue
        found.append(
            Mention(
                text=doc.text[start:end],
                start=start,
                end=end,
                code=None,
                kind=kind,
                rule="",
                sentence=index,
            )
        )
    return found


def _drop_unresolved(mentions: list[Mention]) -> list[Mention]:
    """Pronouns and "the country" that found no antecedent are dropped (indexes kept valid)."""
    keep = [i for i, m in enumerate(mentions) if _kept(m)]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        m = mentions[i]
        if m.antecedent is not None:
            m.antecedent = new_index.get(m.antecedent)
        if m.kind == "country-ref":
            m.kind = "country"
        out.append(m)
    return out


def _is_place(doc: Doc, phrase: Phrase) -> bool:
    """A bare country after a locative preposition ("in Ukraine") is a place, not an actor."""
    if len(phrase.pieces) != 1 or phrase.pieces[0].kind != "country":
        return False
    first = doc[phrase.start]
    return first.i > 0 and doc[first.i - 1].lower_ in LOCATIVE_PREPS and first.dep_ == "pobj"


def _group_of_countries(
    doc: Doc, phrase: Phrase, rest: list[Phrase], data: ActorData
) -> list[tuple[Phrase, Coded]] | None:
    """ "the heads of government from Denmark and Finland": a plural person title, "from"
    or "of", then coordinated countries → one ``group`` mention per country."""
    if len(phrase.pieces) != 1 or phrase.pieces[0].kind != "title":
        return None
    title = data.title_by_id(phrase.pieces[0].value)
    if not title.person or not any(
        t.tag_ in ("NNS", "NNPS") for t in doc[phrase.start : phrase.end]
    ):
        return None
    if phrase.end >= len(doc) or doc[phrase.end].lower_ not in ("from", "of"):
        return None
    members: list[tuple[Phrase, Coded]] = []
    pos = phrase.end + 1
    for member in rest:
        if member.start != pos and not (
            members and all(t.lower_ in CONJUNCTIONS for t in doc[pos : member.start])
        ):
            break
        kinds = {p.kind for p in member.pieces}
        if not kinds <= {"country", "cgroup"} or len(member.pieces) != 1:
            break
        piece = member.pieces[0]
        isos = data.groups[int(piece.value)].members if piece.kind == "cgroup" else (piece.value,)
        for iso in isos:
            coded = Coded(
                start=piece.start, end=piece.end, code=f"{iso} {title.sector}", country=iso,
                org=None, sector=title.sector, name=None, kind="group",
                rule="actors.group-of-countries", title=title,
            )  # fmt: skip
            members.append((member, coded))
        pos = member.end
    return members or None


def _apposition(
    doc: Doc,
    phrase: Phrase,
    rest: list[Phrase],
    data: ActorData,
    kb: KnowledgeBase,
    day: dt.date | None,
) -> Coded | None:
    """ "X, Canada's prime minister,": the coded title phrase right after a name and a comma.
    Its ``rule`` carries the office as written (a small abuse kept private to this module)."""
    if not rest or phrase.end >= len(doc) or doc[phrase.end].text != ",":
        return None
    nxt = rest[0]
    if nxt.start != phrase.end + 1 or any(p.kind == "person" for p in nxt.pieces):
        return None
    if not any(p.kind == "title" for p in nxt.pieces):
        return None
    if doc[nxt.start : nxt.end].root.dep_ != "appos":
        return None  # "…Maduro, the official stressed": a new clause, not an apposition
    coded = code_phrase(doc, nxt, data, kb, day)
    if coded is None or coded.code is None or coded.title is None or not coded.title.person:
        return None
    titles = [p for p in nxt.pieces if p.kind == "title"]
    office = doc[titles[0].start : titles[-1].end].text
    return replace(coded, rule=" ".join(w.capitalize() for w in office.split()))


def _kept(m: Mention) -> bool:
    """A pronoun needs an antecedent that is coded or named, "the country" a code; a
    one-word name only spaCy saw ("Patriot") needs an antecedent or a code."""
    if m.kind == "pronoun":
        # "He was charged": a pronoun stands when it reaches a named actor, coded or not,
        # or a noun for one person ("a man"), which may take its country later.
        return m.code is not None or (
            m.antecedent is not None
            and (m.name is not None or m.rule.startswith("coref.pronoun-noun"))
        )
    if m.kind in ("country-ref", "org-ref", "agent", "we", "plural", "it"):
        return m.code is not None
    if m.rule in ("model:ner", "actors.known-surname") and " " not in m.text:
        return m.antecedent is not None or m.code is not None
    return True


def _dictionary_surname(
    coded: Coded, data: ActorData, day: dt.date | None, named: set[str]
) -> Coded:
    """ "Chirac was convicted", "Panetta said": a lone surname of dictionary people of one
    country, which the document names, is of that country (with the sector of the role one
    of them holds on the day, if any): rule ``actors.dictionary-surname``."""
    found = data.lexicon.surname_country(coded.name or "", day) if data.lexicon else None
    if found is None or found[0] not in named:
        return coded
    country, sector = found
    return replace(
        coded, code=f"{country} {sector}" if sector else country, country=country,
        sector=sector, rule="actors.dictionary-surname",
    )  # fmt: skip


def _a_surname(word: str, data: ActorData, kb: KnowledgeBase) -> bool:
    """Whether ``word`` is the surname of someone the knowledge base or the dictionary
    knows ("Bush")."""
    lexicon = data.lexicon
    return (lexicon is not None and lexicon.has_surname(word)) or kb.lookup(word) is not None


def _local_office(
    doc: Doc,
    coded: Coded,
    locate: Callable[[str], str | None],
    surname: Callable[[str], bool] = lambda _: False,
) -> Coded:
    """A title or agent noun right after a city's name, or after its possessive
    ("Kharkiv Mayor ...", "Odesa governor ...", "Lyon's police chief", "Gdansk residents")
    takes the city's country (rule ``actors.place+title``); the span grows to the place."""
    start = coded.start
    if start > 1 and doc[start - 1].text in ("'s", "’s"):
        start -= 1  # the possessive belongs to the place
    person_title = bool(coded.title and coded.title.person)
    # The small model tags a sentence's first word, even a city's name, as a noun.
    tags = ("PROPN",) if person_title else ("PROPN", "NOUN")
    first = start
    while first > max(0, start - 3) and doc[first - 1].pos_ in tags and doc[first - 1].is_title:
        first -= 1
    if first == start or doc[first:start].sent.start != doc[start].sent.start:
        return coded
    if not person_title and (doc[first].ent_type_ == "ORG" or surname(doc[first].text)):
        # "the Bush administration", "Boeing workers": a person's or a firm's name that
        # is also some town's; with a person's title ("Bush Mayor ...") the town is meant.
        return coded
    country = locate(doc[first:start].text)
    if country is None or coded.sector is None:
        return coded
    return replace(
        coded, start=first, code=f"{country} {coded.sector}", country=country,
        rule=f"actors.place+title({coded.rule})",
    )  # fmt: skip


MEMBER_WORDS = frozenset({"-", "–", "member", "members", "state", "country", "nation"})


def _qualifies_member(doc: Doc, phrase: Phrase, rest: list[Phrase]) -> bool:
    """Whether an organisation only says which body a country belongs to: "NATO-member
    Norway", "EU member state Hungary" (the country's phrase follows right after)."""
    if [p.kind for p in phrase.pieces] != ["org"] or not rest:
        return False
    between = doc[phrase.end : rest[0].start]
    if not any(t.lower_ == "member" for t in between):
        return False
    if not all(t.lower_ in MEMBER_WORDS for t in between):
        return False
    return any(p.kind == "country" for p in rest[0].pieces)


# Person titles whose plural names a body of the state where it sits ("officials in Hanoi"
# → VNM GOV); "diplomats in Beijing" or "ministers in Brussels" are mostly visitors.
LOCATED_PERSON_ROLES = frozenset({"official"})


def _officials(doc: Doc, coded: Coded) -> bool:
    """Whether ``coded`` is a plural generic official title ("officials", "government
    officials"), which "in" + a country or capital places (``actors.group+in-country``)."""
    title = coded.title
    return (
        title is not None
        and title.role in LOCATED_PERSON_ROLES
        and doc[coded.end - 1].tag_ in ("NNS", "NNPS")
    )


REGION_WORDS = frozenset(
    {"the", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "occupied", "neighbouring", "neighboring"}
)  # fmt: skip


def _located_group(
    doc: Doc,
    coded: Coded,
    phrase: Phrase,
    rest: list[Phrase],
    locate: Callable[[str], str | None] | None = None,
) -> tuple[Coded, Phrase | None] | None:
    """ "security forces in Chad", "militias in Tripoli", "the Albanians of southern
    Serbia": a group without a country (or a people), then "in", "inside" or "of", words
    of region, and a country or its capital, takes that country (rule
    ``actors.group+in-country``); the span stays on the group and the country's phrase is
    used up (returned, so it does not become a second actor). "police in Lyon": after
    "in", a city ``locate`` knows places the group too (rule ``actors.group+in-city``;
    nothing is used up, a city being no actor)."""
    if phrase.end >= len(doc) or doc[phrase.end].lower_ not in ("in", "inside", "of", "from"):
        return None
    if doc[phrase.end].lower_ == "from" and (
        coded.sector in ("MIL", "REB") or not phrase.start <= doc[phrase.end].head.i < phrase.end
    ):
        # "police from Kenya" says where they come from; "pulled its troops from Iraq"
        # where they leave (troops are withdrawn from places far more often than they
        # are named by their origin, and the parse often hangs "from" on them).
        return None
    if locate is not None and doc[phrase.end].lower_ != "of" and coded.sector is not None:
        in_city = city_after(doc, phrase.end + 1, rest, locate)
        if in_city is not None:
            located = replace(
                coded, code=f"{in_city} {coded.sector}", country=in_city,
                rule=f"actors.group+in-city({coded.rule})",
            )  # fmt: skip
            return located, None
    if not rest:
        return None
    nxt = rest[0]
    between = doc[phrase.end + 1 : nxt.start]
    if len(between) > 2 or any(
        t.lower_ not in REGION_WORDS and not t.lower_.endswith("-occupied") for t in between
    ):
        return None
    if len(nxt.pieces) != 1 or coded.sector is None:
        return None
    piece = nxt.pieces[0]
    possessive = nxt.end == piece.end + 1 and doc[piece.end].text in ("'s", "’s")
    if piece.kind not in ("country", "capital") or (piece.end != nxt.end and not possessive):
        return None
    iso = piece.value
    located = replace(
        coded, code=f"{iso} {coded.sector}", country=iso,
        rule=f"actors.group+in-country({coded.rule})",
    )  # fmt: skip
    return located, nxt


def _abbreviation(doc: Doc, phrase: Phrase, taken: list[Mention], data: ActorData) -> bool:
    """Whether ``phrase`` is an abbreviation in brackets right after an actor of the same
    country or organisation ("the Democratic People's Republic of Korea (DPRK)")."""
    if phrase.start < 1 or doc[phrase.start - 1].text != "(" or not taken:
        return False
    if phrase.end >= len(doc) or doc[phrase.end].text != ")":
        return False
    before = taken[-1]
    if before.end != doc[phrase.start - 1].idx and before.end + 1 != doc[phrase.start - 1].idx:
        return False
    values = {p.value for p in phrase.pieces}
    # A dictionary group's piece ("dict#12") stands for its organisation code.
    values |= {data.org(p.value).code for p in phrase.pieces if p.kind == "org"}
    return bool(values & {before.country, before.org, before.code})


def _office_of_place(
    doc: Doc, coded: Coded, locate: Callable[[str], str | None], data: ActorData
) -> Coded:
    """ "the governor of the Tyumen region", "the president of Ukraine": a title, "of",
    then a country or a place the gazetteer knows, takes that country (rule
    ``actors.title+of-place``); the span stays on the title."""
    i = coded.end
    if i >= len(doc) or doc[i].lower_ != "of" or coded.sector is None:
        return coded
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title:
        j += 1
    if j == i:
        return coded
    name = doc[i:j].text
    country = data.country_names.get(name) or data.country_names.get(f"the {name}")
    if country is None and j + 1 < len(doc) and doc[j].lower_ == "of":
        # "the President of the Republic of Korea", "the Government of the State of
        # Eritrea": a state's formal name, or its style before its name.
        country = _formal_name(doc, i, data) or _formal_name(doc, j + 1, data)
    if country is None:
        country = locate(name)
    if country is None:
        return coded
    return replace(
        coded, code=f"{country} {coded.sector}", country=country,
        rule=f"actors.title+of-place({coded.rule})",
    )  # fmt: skip


def _formal_name(doc: Doc, i: int, data: ActorData) -> str | None:
    """The country of the longest name of capitalised words (and "of") from token ``i`` on
    (after "the"), if any."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < len(doc) and j - i < 6 and (doc[j].is_title or doc[j].lower_ == "of"):
        j += 1
    for end in range(j, i, -1):
        name = doc[i:end].text
        found = data.country_names.get(name) or data.country_names.get(f"the {name}")
        if found is not None:
            return found
    return None


def _coordinated_adjective(
    doc: Doc,
    phrase: Phrase,
    rest: list[Phrase],
    data: ActorData,
    kb: KnowledgeBase,
    day: dt.date | None,
) -> Coded | None:
    """ "British and French troops": the first adjective shares the head of the next
    phrase (rule ``actors.coordinated-adjective``)."""
    if [p.kind for p in phrase.pieces] != ["adj"] or not rest:
        return None
    nxt = rest[0]
    between = doc[phrase.end : nxt.start]
    if not len(between) or not all(t.lower_ in CONJUNCTIONS for t in between):
        return None
    if not nxt.pieces or nxt.pieces[0].kind != "adj":
        return None
    coded = code_phrase(doc, nxt, data, kb, day)
    if coded is None or coded.title is None or coded.sector is None or coded.kind == "person":
        return None
    iso = phrase.pieces[0].value
    return Coded(
        start=phrase.pieces[0].start, end=phrase.pieces[0].end, code=f"{iso} {coded.sector}",
        country=iso, org=None, sector=coded.sector, name=None, kind="group",
        rule="actors.coordinated-adjective", title=coded.title,
    )  # fmt: skip


def _agent_alone(phrase: Phrase, data: ActorData) -> Coded | None:
    """An agent noun of the dictionaries alone ("farmers", "militiamen"): not an actor by
    itself, but a candidate that "in/of COUNTRY" may place (``_located_group``); the
    caller drops it when nothing does."""
    if len(phrase.pieces) != 1 or phrase.pieces[0].kind != "title":
        return None
    piece = phrase.pieces[0]
    if not piece.value.startswith(AGENT_PREFIX):
        return None
    title = data.title_by_id(piece.value)
    return Coded(
        start=phrase.start, end=phrase.end, code=None, country=None, org=None,
        sector=title.sector, name=None, kind="group", rule="actors.agent", title=title,
    )  # fmt: skip


def _is_venue(doc: Doc, phrase: Phrase, data: ActorData) -> bool:
    """ "on the sidelines of the World Economic Forum", "at the Munich Security
    Conference": an organisation named as a gathering (its last word is in titles.toml's
    [gatherings]) right after a venue word is where something happened, not an actor."""
    if [p.kind for p in phrase.pieces] != ["org"] or phrase.start == 0:
        return False
    last = doc[phrase.pieces[0].end - 1].lower_
    if last not in data.gatherings:
        return False
    before = doc[max(0, phrase.start - 3) : phrase.start]
    words = [t.lower_ for t in before]
    return any(" ".join(words[n:]) in data.venue_words for n in range(len(words)))
