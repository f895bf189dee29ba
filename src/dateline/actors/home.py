"""Whose story a document is, when its dateline does not say: the country the text names
most (``document_country``), the country an official statement speaks for
(``statement_author``), and the domestic actors that take them.

A news article without a dateline still has a home: the country most of its places and
actors belong to ("Police arrested three men" in a story about Wuhan are Chinese police). An
official statement ("The United States condemns ... We call on ...") speaks for the actor it
names in the third person with a verb in the present tense, and its "we" is that actor.
Also the country domestic actors take when their phrase names none (``home_countries``:
their sentence's officials', the dateline's, or the document's). Used by ``finder``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from dateline.actors.composer import Coded
from dateline.actors.data import ActorData
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
# How a statement names whom it acts upon: an object, or "call on X", "steps against X".
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
ADDRESSED_PREPS = frozenset({"on", "upon", "against"})
SMALL_CLAUSE = frozenset({"ccomp", "xcomp", "oprd"})
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


def statement_author(doc: Doc, mentions: list[Mention], any_tense: bool = False) -> Mention | None:
    """The actor an official statement speaks for: a country or government that is the
    subject of a main verb in the present tense ("The United States condemns ...", "The
    Government of Canada is deeply concerned ...", "The French Embassy remains committed
    ..."), the same one each time it is so named; civilians ("five million people are in
    need") speak for no one. With no such subject and ``any_tense`` (the statement's "we"
    speaks in the present: ``speak_for_author``), one that is the subject of a main verb in
    another tense ("The U.S. government will provide ...", "the United States was able to
    ...") when every such subject is of one country (rule
    ``home.statement-author-any-tense``).
    None when no such actor, or two different ones."""
    found = _author(doc, mentions, any_tense)
    return found[0] if found is not None else None


def _in_present(voice: list[Token]) -> bool:
    """Whether the author's "we" is the subject of a main verb in the present tense ("We
    condemn ...", "We are grateful ..."): a statement speaking now, not a report of what
    someone once did or will do ("We will keep watching, the editors wrote")."""
    for tok in voice:
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.dep_ != "ROOT":
            continue
        tags = {verb.tag_} | {t.tag_ for t in verb.children if t.dep_ in ("aux", "auxpass")}
        if tags & PRESENT_TAGS and "MD" not in tags:
            return True
    return False


def _author(
    doc: Doc, mentions: list[Mention], any_tense: bool = False, about: frozenset[str] = frozenset()
) -> tuple[Mention, str] | None:
    """``statement_author`` and the rule that found it; a subject in another tense only
    with ``any_tense``; never a country in ``about`` (the one the "we" speaks of)."""
    present = _main_subjects(doc, mentions, present_only=True)
    present = {c: m for c, m in present.items() if c not in about}
    if len(present) == 1:
        return next(iter(present.values())), "actors.statement-author"
    if present or not any_tense:
        return None
    anytense = _main_subjects(doc, mentions, present_only=False)
    anytense = {c: m for c, m in anytense.items() if c not in about}
    if len(anytense) != 1:
        return None
    return next(iter(anytense.values())), "home.statement-author-any-tense"


# Mentions that can speak for a statement: a country, a government or body named as such,
# and a seat of government standing for it ("The State Department released ...", "the
# Kremlin said ..."; not a capital city: "Moscow has flouted" is whom a statement is about).
AUTHOR_KINDS = frozenset({"country", "group", "org", "capital"})
AUTHOR_SEAT_RULE = "actors.seat-of-government"


def _main_subjects(doc: Doc, mentions: list[Mention], present_only: bool) -> dict[str, Mention]:
    """Country → its first state mention that is the subject of a main verb (in the present
    tense when ``present_only``)."""
    authors: dict[str, Mention] = {}
    for m in mentions:
        if not m.code or not m.country or m.org or m.kind not in AUTHOR_KINDS:
            continue
        if m.kind == "capital" and m.rule != AUTHOR_SEAT_RULE:
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
        if present_only and not tags & PRESENT_TAGS:
            continue
        authors.setdefault(m.country, m)
    return authors


# State actors whose country the domestic actors of their sentence share ("police fired on
# students": the students are the police's compatriots); an army may be abroad.
STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})


def of_this_country(doc: Doc, coded: Coded) -> bool:
    """Whether an actor without a country may be of its sentence's officials' country: not
    a group of governments or envoys ("diplomats", "European governments", "delegates
    from 60 countries"), which gathers many countries, and not one a capitalised word
    places elsewhere ("European", "Western")."""
    if coded.start > 0:
        before = doc[coded.start - 1]
        if before.is_title and before.pos_ in ("ADJ", "PROPN") and before.head.i >= coded.start:
            return False
    if coded.end < len(doc) and doc[coded.end].lower_ == "from":
        return False
    head = doc[coded.end - 1]
    return not (coded.sector == "GOV" and head.tag_ in ("NNS", "NNPS"))


def speak_for_author(doc: Doc, sents: list[Span], mentions: list[Mention]) -> str | None:
    """An official statement's "we" (outside quotations) is the actor the statement
    speaks for (``home.statement_author``): each such "we" becomes a mention of it (rule
    ``actors.statement-author``). Returns the author's country (None: no statement). A
    text that never speaks in the first person outside quotations is a report, not a
    statement ("The United States is calling for ..." in a news story).
    """
    spoken = statement_voice(doc, sents)
    voice = {tok.idx for tok in spoken}
    about = spoken_of(doc, spoken, mentions)
    found = _author(doc, mentions, _in_present(spoken), about) if voice else None
    if found is None:
        return None
    author, rule = found
    root = next(i for i, m in enumerate(mentions) if m is author)
    for m in mentions:
        if m.kind == "we" and m.start in voice and m.code is None:
            m.code, m.country, m.org, m.sector = author.code, author.country, None, author.sector
            m.antecedent, m.name, m.rule = root, author.name, rule
    return author.country


def spoken_of(doc: Doc, spoken: list[Token], mentions: list[Mention]) -> frozenset[str]:
    """The states the author's "we" acts upon: a country or government that is an object
    in a sentence the author speaks in ("we will hold Iran accountable", "we condemn
    Iran's actions", "we call on Russia to ..."). A statement is not addressed to its
    author, so none of them is the author (``statement_author`` skips them, and the "we"
    keeps rule ``actors.statement-author`` of the one left); its own country may still be
    named there otherwise ("flown back to the United States", "U.S. citizen Jane Roe")."""
    sentences = {tok.sent.start for tok in spoken}
    found: set[str] = set()
    for m in mentions:
        if not m.country or m.kind in ("we", "person") or m.org:
            continue
        if m.sector not in (None, "GOV"):
            continue  # "detaining U.S. nationals": the author's own people, not a state
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.sent.start not in sentences:
            continue
        root = span.root
        if root.dep_ == "poss":
            root = root.head  # "Iran's actions": whose actions
        if root.dep_ == "nsubj" and root.head.pos_ == "ADJ" and root.head.dep_ in SMALL_CLAUSE:
            found.add(m.country)  # "hold Iran accountable", "find Iran responsible"
            continue
        if root.dep_ in OBJECT_DEPS or (
            root.dep_ == "pobj" and root.head.lower_ in ADDRESSED_PREPS
        ):
            found.add(m.country)
    return frozenset(found)


# Rules that gave an official a country from its context, not from its own phrase.
CONTEXT_RULES = ("actors.sentence", "actors.document", "actors.dateline", "coref", "home.")


def _named_foreigner(m: Mention) -> bool:
    """Whether ``m`` is an official whose own words place it ("French President Jane
    Roe", "President Roe" of the knowledge base), not its sentence or document."""
    return (
        m.code is not None and m.country is not None and m.org is None
        and m.kind in ("title", "person") and m.sector in STATE_SECTORS
        and not m.rule.startswith(CONTEXT_RULES)
    )  # fmt: skip


def readout_hosts(
    doc: Doc, mentions: list[Mention], homeless: set[int], counterpart_words: frozenset[str]
) -> dict[int, frozenset[str]]:
    """A readout names its own official by title alone and the official met by country
    ("The President spoke with French President Jane Roe", "Deputy Secretary John Doe met
    with Ruritanian Foreign Minister Jane Roe", "Director Doe and Ruritanian Prosecutor
    General Roe signed ..."): a government title no country qualifies, subject of a verb
    whose object, "with" phrase (``counterpart_words``) or coordinated subject is an
    official its own words place, is of the other side. Returns mention id → the countries
    it is not of (the officials met), for it and for the same bare title later in the text
    ("The Deputy Secretary"), which take no such country from their sentence or from the
    country the text names most (rule ``actors.readout-host``)."""
    hosts: dict[str, set[str]] = {}
    by_token: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            by_token.update({t.i: m for t in span})
    for m in mentions:
        if not _bare_official(m, homeless):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "nsubj":
            continue
        verb = span.root.head
        met = [t for t in verb.children if t.dep_ in OBJECT_DEPS]
        met += [
            p for c in verb.children
            if c.dep_ == "prep" and c.lower_ in counterpart_words
            for p in c.children if p.dep_ == "pobj"
        ]  # fmt: skip
        met += [c for t in met for c in t.conjuncts]
        others = {
            by_token[t.i].country or ""
            for t in met
            if t.i in by_token and _named_foreigner(by_token[t.i])
        }
        if others:
            hosts.setdefault(span.text.lower(), set()).update(others)
    barred: dict[int, frozenset[str]] = {}
    for m in mentions:
        if not _bare_official(m, homeless):
            continue
        bare = m.text.lower().removeprefix("the ")
        no = {c for host, countries in hosts.items() if bare in host for c in countries}
        if no:
            barred[id(m)] = frozenset(no)
            m.rule = f"actors.readout-host({m.rule})"
    return barred


def _bare_official(m: Mention, homeless: set[int]) -> bool:
    """A government official whose phrase names no country ("The President", "Deputy
    Secretary John Doe")."""
    return (
        id(m) in homeless and m.code is None and m.kind in ("title", "person")
        and m.sector == "GOV"
    )  # fmt: skip


def cities(doc: Doc, pieces: list[Piece], locate: Callable[[str], str | None] | None) -> list[str]:
    """The country of each sizeable city the parser names (a GPE no actor piece covers)."""
    if locate is None:
        return []
    covered = {i for p in pieces for i in range(p.start, p.end)}
    found = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and not any(t.i in covered for t in ent):
            country = locate(ent.text)
            if country is not None:
                found.append(country)
    return found


def city_places(
    doc: Doc, sents: list[Span], pieces: list[Piece], locate: Callable[[str], str | None] | None
) -> list[tuple[int, str]]:
    """(sentence index, country) of each sizeable city the parser names in a sentence (a
    GPE no actor piece covers but a capital's: "in Dhaka" is a place too)."""
    if locate is None:
        return []
    covered = {i for p in pieces if p.kind != "capital" for i in range(p.start, p.end)}
    found = []
    for index, sent in enumerate(sents):
        for ent in sent.ents:
            if ent.label_ in ("GPE", "LOC") and not any(t.i in covered for t in ent):
                country = locate(ent.text)
                if country is not None:
                    found.append((index, country))
    return found


def of_no_other_country(doc: Doc, coded: Coded, data: ActorData) -> bool:
    """Whether a group without a country may be of the country an article names most: not
    one a word places abroad ("foreign governments", "other delegations", the data's
    [foreign] words), nor one a capitalised adjective places elsewhere ("Western
    diplomats", not at a sentence's start; "Thames Valley Police" is a local force), nor
    "delegates from 60 countries"."""
    if any(t.lower_ in data.foreign_words for t in doc[max(coded.start - 1, 0) : coded.end]):
        return False
    if coded.start > 0:
        before = doc[coded.start - 1]
        if (
            before.is_title and not before.is_sent_start
            and (before.pos_ == "ADJ" or before.ent_type_ == "NORP")
            and before.head.i >= coded.start
        ):  # fmt: skip
            return False
    return not (coded.end < len(doc) and doc[coded.end].lower_ == "from")


def home_countries(
    mentions: list[Mention],
    homeless: set[int],
    local: set[int],
    home: str | None,
    domestic: set[int] | None = None,
    author: str | None = None,
    places: dict[int, set[str]] | None = None,
    barred: dict[int, frozenset[str]] | None = None,
) -> None:
    """Domestic actors left without a country ("opposition candidates", "the spokeswoman",
    "students") take the country of their sentence's state actors when those are of one
    country (rule ``actors.sentence-country``: a Berlin-datelined story quoting a Kremlin
    spokeswoman about "the ministry" is Russian), else the dateline's country (rule
    ``actors.dateline-country``). Civilians take the sentence's country only when its
    state actors are all officials or bodies such as the police (not troops, a strike or
    a country named alone), else only the dateline's. With ``domestic`` given, ``home`` is
    not a dateline's but the country the article names most (rule
    ``actors.document-country``): only the ``domestic`` mentions take it, and so do named
    people nothing else places. In an official statement (``author``: the country it
    speaks for), a named official whose title no country qualifies ("Secretary of State
    Jane Roe") is the author's own (rule ``actors.author-official``): statements name their
    own officials so, and give foreign ones their country. ``barred`` (mention id → countries,
    ``readout_hosts``) names countries a mention is known not to be of.
    """
    barred = barred or {}
    home_rule = "actors.dateline-country" if domestic is None else "actors.document-country"
    states: dict[int, set[str]] = {}
    # Sentences whose state actors are all officials or bodies named as such (a title, a
    # person, "police"):
    # there, civilians are theirs ("police fired on protesters"); a strike, an army or a
    # country named alone may act abroad.
    civil: dict[int, bool] = {}
    for m in mentions:
        if m.kind == "we":
            continue  # the statement's author speaks about others
        if m.code and m.country and not m.org and m.sector in (STATE_SECTORS | {"MIL"}):
            official = (
                m.sector in STATE_SECTORS
                and m.kind in ("title", "person", "group")
                and "country+act" not in m.rule
            )
            civil[m.sentence] = civil.get(m.sentence, True) and official
    for m in mentions:
        # Officials, police and courts named with their country; a country acted upon
        # ("aid to Ukraine") says nothing about who the sentence's officials are.
        if (
            m.code and m.country and m.sector in STATE_SECTORS and not m.org
            and m.rule not in ("actors.country-addressed", "actors.country")
            and m.kind != "we"  # the statement's author speaks about others
        ):  # fmt: skip
            states.setdefault(m.sentence, set()).add(m.country)
    for m in mentions:
        if id(m) not in homeless or m.code is not None or m.antecedent is not None:
            continue
        no = barred.get(id(m), frozenset())
        if no:
            # A readout's own official: the countries its text names are those it deals
            # with; only the statement's author says whose it is.
            if author is not None and author not in no:
                m.code, m.country = f"{author} GOV", author
                m.rule = f"actors.author-official({m.rule})"
            continue
        if m.kind == "person" and author is not None and m.sector == "GOV":
            m.code, m.country, m.rule = f"{author} GOV", author, f"actors.author-official({m.rule})"
            continue
        if m.kind == "person" and home is not None and domestic is not None:
            m.code, m.country, m.rule = home, home, f"{home_rule}({m.rule})"
            continue
        if not m.sector:
            continue
        # Civilians placed by soldiers or a strike could be anyone's: those a state's
        # strike killed are seldom its own people.
        found = states.get(m.sentence, set())
        if m.sector == "CVL" and not civil.get(m.sentence, False):
            found = set()
        if id(m) not in local:
            found = set()
        where = (places or {}).get(m.sentence, set())
        if len(found) == 1:
            country = next(iter(found))
            rule = f"actors.sentence-country({m.rule})"
        elif len(where) == 1 and id(m) in local and m.kind in ("group", "agent"):
            # "Students protested in Dhaka": where the sentence happens, when it names one
            # country only; one official there ("an ambassador in Hanoi") may be a visitor.
            country = next(iter(where))
            rule = f"actors.sentence-place({m.rule})"
        elif home is not None and (domestic is None or id(m) in domestic):
            # A country the text only names most is weaker than a dateline: "foreign
            # governments" or "Western diplomats" are not its own.
            country, rule = home, f"{home_rule}({m.rule})"
        else:
            continue
        m.code, m.country, m.rule = f"{country} {m.sector}", country, rule
        if m.kind == "agent":
            m.kind = "group"
    for m in mentions:
        # "He", "Roe" after a person who has just taken the home country.
        if m.code is None and m.antecedent is not None and mentions[m.antecedent].code:
            a = mentions[m.antecedent]
            m.code, m.country, m.org, m.sector = a.code, a.country, a.org, a.sector


# Quotation marks as characters of the text.
QUOTE_CHARS = frozenset({'"', "\u201c", "\u201d"})


def quote_speakers(doc: Doc, mentions: list[Mention]) -> None:
    """A "we" inside a quotation with no code yet is the side of whoever the quotation is
    attributed to in another sentence: the subject of the verb right after the closing
    mark and a comma ('"We are continuing to investigate. ...", said Inspector Jane Roe')
    or of the sentence that opens it with a colon ("The spokeswoman hailed the move:")
    (rule ``home.quote-speaker``). In place; run once home countries are given."""
    text = doc.text
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.kind != "we" or m.code is not None:
            continue
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        end = len(text) if end < 0 else end
        before = [i for i in range(start, m.start) if text[i] in QUOTE_CHARS]
        if len(before) % 2 == 0:
            continue  # not inside a quotation
        opening = before[-1]
        closing = next((i for i in range(m.end, end) if text[i] in QUOTE_CHARS), None)
        speaker = None
        if closing is not None:
            speaker = _attributed_after(doc, closing)
        if speaker is None and text[:opening].rstrip().endswith(":"):
            speaker = _colon_subject(doc, text[:opening].rstrip())
        if speaker is None or speaker.sent == _token_at(doc, m.start).sent:
            continue
        said_by = by_start.get(speaker.left_edge.idx) or by_start.get(speaker.idx)
        if said_by is None or said_by.code is None:
            continue
        m.code, m.country, m.org, m.sector = (
            said_by.code,
            said_by.country,
            said_by.org,
            said_by.sector,
        )
        m.name, m.rule = said_by.name, "home.quote-speaker"
        m.antecedent = mentions.index(said_by)


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    assert span is not None
    return span[0]


def _attributed_after(doc: Doc, closing: int) -> Token | None:
    """The subject of the verb that attributes a quotation closing at character
    ``closing``: '...," she said', '...", said Jane Roe'; None without a comma at the
    close or with no such verb within a few words."""
    mark = _token_at(doc, closing)
    after = doc[mark.i + 1 : mark.i + 6]
    comma = doc.text[closing - 1] == "," or (len(after) > 0 and after[0].text == ",")
    if not comma:
        return None
    for tok in after:
        if tok.pos_ == "VERB":
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if tok.is_sent_start:
            return None
    return None


def _colon_subject(doc: Doc, before: str) -> Token | None:
    """The subject of the sentence that ends with the colon opening a quotation."""
    colon = _token_at(doc, len(before) - 1)
    root = colon.sent.root
    return next((c for c in root.children if c.dep_ == "nsubj"), None)
