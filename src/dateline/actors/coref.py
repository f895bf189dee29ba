"""Within-document coreference for actor mentions.

Later mentions take the code of the actor they refer to, and ``antecedent`` points at
that actor's first mention (an index into the document's mention list):

- ``coref.surname``: "Carney" after "Prime Minister Mark Carney";
- ``coref.apposition``: "Canada's prime minister" right after "Mark Carney,";
- ``coref.title``: "the official", "the prime minister" → the latest mention with that role;
- ``coref.the-country``: "the country" → the latest country (added by ``annotate``);
- ``coref.pronoun``: "he", "she", "his", "her" → the latest person within two sentences;
- ``coref.pronoun-noun``: ... else the latest one person named by a noun ("a man");
- ``coref.plural``: "they", "them", "their" → the actors the previous sentence has as its
  subject, when they are several or a group; a subject "it" → a country or organisation
  that was it (``plural_antecedents``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.actors.data import ActorData
from dateline.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

PRONOUNS = frozenset({"he", "she", "him", "his", "her", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
PERSON_KINDS = frozenset({"person", "title"})


def _root(mentions: list[Mention], index: int) -> int:
    seen = set()
    nxt = mentions[index].antecedent
    while nxt is not None and index not in seen:
        seen.add(index)
        index, nxt = nxt, mentions[nxt].antecedent
    return index


def _take(mentions: list[Mention], i: int, j: int, rule: str) -> None:
    """Mention ``i`` refers to mention ``j``: copy its code and point at its root."""
    root = _root(mentions, j)
    m, a = mentions[i], mentions[root]
    m.antecedent = root
    m.code, m.country, m.org, m.sector = a.code, a.country, a.org, a.sector
    m.name = a.name or m.name
    m.rule = f"{rule}({m.rule})" if m.rule else rule


def resolve(mentions: list[Mention], doc: Doc, data: ActorData) -> None:
    """Fill ``antecedent`` (and the code) of later mentions, in place."""
    roles = {name: t.role for t in data.titles for name in t.names}
    for i, m in enumerate(mentions):
        if m.kind == "org-ref":
            for j in range(i - 1, -1, -1):
                if mentions[j].org == m.org and mentions[j].code:
                    _take(mentions, i, j, "coref.org-ref")
                    m.kind = "org"
                    break
            continue
        if m.kind == "person" and m.code is None and i and _reverse_apposition(mentions, i, doc):
            _take(mentions, i, i - 1, "coref.apposition")
            m.name = m.text
            continue
        if m.kind == "person" and m.name:
            last = m.name.split()[-1]
            if len(m.text.split()) == 1 or m.code is None:
                for j in range(i - 1, -1, -1):
                    a = mentions[j]
                    if (
                        a.kind == "person"
                        and a.name
                        and a.name != m.text
                        and a.name.split()[-1] == last
                    ):
                        _take(mentions, i, j, "coref.surname")
                        break
            continue
        if m.kind == "title":
            prev = mentions[i - 1] if i else None
            between = doc.text[prev.end : m.start] if prev else ""
            if (
                prev is not None
                and prev.kind == "person"
                and between.strip() == ","
                and _appos(doc, m)
            ):
                if prev.code is None:
                    prev.code, prev.country, prev.org, prev.sector = (
                        m.code,
                        m.country,
                        m.org,
                        m.sector,
                    )
                m.antecedent = _root(mentions, i - 1)
                m.name = prev.name
                continue
            if m.code is None and m.text.split()[0].lower() == "the":
                _by_role(mentions, i, roles, PERSON_KINDS)
            continue
        if m.kind == "group" and m.code is None and m.text.split()[0].lower() == "the":
            _by_role(mentions, i, roles, frozenset({"group"}))
            continue
        if m.kind == "country-ref":
            for j in range(i - 1, -1, -1):
                a = mentions[j]
                if a.kind in ("country", "capital") and a.country:
                    _take(mentions, i, j, "coref.the-country")
                    break
            continue
        if m.kind == "pronoun":
            found = _pronoun_antecedent(mentions, i, doc)
            if found is not None:
                _take(mentions, i, found, "coref.pronoun")
            else:
                found = _noun_antecedent(mentions, i, doc, data.person_words)
                if found is not None:
                    _take(mentions, i, found, "coref.pronoun-noun")


def _role_of(m: Mention, roles: dict[str, str]) -> str | None:
    """The role of the title a mention ends with ("a senior ... official" → "official")."""
    words = m.text.lower().split()
    for n in range(min(4, len(words)), 0, -1):
        role = roles.get(" ".join(words[-n:]))
        if role:
            return role
    if m.name:
        # A named person: match their title word anywhere ("Prime Minister Mark Carney").
        for n in (3, 2, 1):
            for k in range(len(words) - n + 1):
                role = roles.get(" ".join(words[k : k + n]))
                if role:
                    return role
    return None


def _appos(doc: Doc, m: Mention) -> bool:
    """Whether the phrase at ``m`` is an apposition (its head token is tagged ``appos``)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "appos"


def _by_role(mentions: list[Mention], i: int, roles: dict[str, str], kinds: frozenset[str]) -> None:
    """ "the official", "the administration": the latest coded mention with that role."""
    m = mentions[i]
    role = roles.get(" ".join(m.text.lower().split()[1:]))
    if role is None:
        return
    # "The President consulted with President Sarkozy": one the sentence names beside
    # the title is someone else.
    beside = {
        word.split()[-1]
        for k, other in enumerate(mentions)
        if k != i and other.sentence == m.sentence and other.kind == "person"
        for word in (other.name, other.text)
        if word
    }
    for j in range(i - 1, -1, -1):
        a = mentions[j]
        if a.code and a.kind in kinds and _role_of(a, roles) == role:
            holder = [mentions[_root(mentions, j)].name, a.name, a.text]
            if any(h and h.split()[-1] in beside for h in holder):
                return  # the latest holder is named beside it: no antecedent
            _take(mentions, i, j, "coref.title")
            return


def _pronoun_antecedent(mentions: list[Mention], i: int, doc: Doc) -> int | None:
    """The person a pronoun refers to: the latest person earlier in its sentence, else the
    salient one of the nearest earlier sentence with a person, looking back two sentences.
    Coded or not: a pronoun for an unknown person must not jump to an earlier, known one."""
    m = mentions[i]
    for back in range(0, 3):
        sentence = m.sentence - back
        people = [
            j
            for j in range(i - 1, -1, -1)
            if mentions[j].sentence == sentence and mentions[j].kind in PERSON_KINDS
        ]
        if not people:
            continue
        if back == 0:
            return people[0]
        # Salience: the main clause's subject, then its object, then a subject elsewhere
        # ("A jury convicted Marcus Tellford, who had sued Mayor Hale. He ..." → Tellford).
        ranked = []
        for j in people:
            span = doc.char_span(mentions[j].start, mentions[j].end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            main = root.head.dep_ == "ROOT" or root.head.i == root.i
            if root.dep_ in ("nsubj", "nsubjpass"):
                ranked.append((0 if main else 2, -j))
            elif root.dep_ in ("dobj", "obj") and main:
                ranked.append((1, -j))
        return -min(ranked)[1] if ranked else people[0]
    return None


def _noun_antecedent(
    mentions: list[Mention], i: int, doc: Doc, words: frozenset[str]
) -> int | None:
    """ "A man stabbed two people ... He was arrested": with no person within reach, a
    "he" or "she" stands for the latest mention, in its sentence or the two before, of one
    person named by a noun ("a man", "the attacker": the data's [person] words). The noun
    may get its country only later (``home_countries``): the roles follow the link."""
    m = mentions[i]
    for j in range(i - 1, -1, -1):
        a = mentions[j]
        if m.sentence - a.sentence > 2:
            break
        if a.kind not in ("group", "title"):
            continue
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or span.root.tag_ != "NN":
            continue
        last = span.root.lower_
        two = f"{doc[span.root.i - 1].lower_} {last}" if span.root.i > 0 else last
        if last in words or two in words:
            return j
    return None


def _reverse_apposition(mentions: list[Mention], i: int, doc: Doc) -> bool:
    """ "his French counterpart, Catherine Vautrin": a name in apposition to a coded title."""
    prev, m = mentions[i - 1], mentions[i]
    if prev.kind != "title" or prev.code is None or doc.text[prev.end : m.start].strip() != ",":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "appos"


def plural_antecedents(mentions: list[Mention], doc: Doc) -> dict[int, list[int]]:
    """ "Minister A and Minister B met. They discussed ...": a plural pronoun with no
    antecedent yet stands for the coded subjects of the previous sentence's main clause
    (with whoever its verb was done "with": "A spoke with B. They ..."), when they are two
    or more actors or one group ("Police ... They"), or a "they" that was that subject
    ("... They released him. They also ..."); a subject "it" stands for a country or
    organisation that was that subject alone ("Kenya ... It also urged ..."). Returns
    ``{pronoun: [antecedents]}`` (mention indexes)."""
    plan: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.kind not in ("plural", "it") or m.code is not None:
            continue
        subjects = [
            j for j, a in enumerate(mentions)
            if a.sentence == m.sentence - 1 and a.code and a.kind not in ("plural", "it")
            and _main_subject(doc, a)
        ]  # fmt: skip
        if m.kind == "it":
            # "The United States ... It also called for ...": one state or organisation,
            # the subject itself (not whoever it acted with).
            subjects = [j for j in subjects if _main_subject(doc, mentions[j], partners=False)]
            if len(subjects) == 1 and mentions[subjects[0]].kind in ("country", "org"):
                plan[i] = subjects
        elif len(subjects) >= 2 or (subjects and mentions[subjects[0]].kind == "group"):
            plan[i] = subjects
        elif not subjects and m.kind == "plural":
            # "They released him ... On Saturday they arrested ...": a "they" that was the
            # previous sentence's subject hands on what it stood for (``coref.plural``).
            before = next(
                (j for j in plan if mentions[j].sentence == m.sentence - 1
                 and mentions[j].kind == "plural" and _main_subject(doc, mentions[j])),
                None,
            )  # fmt: skip
            if before is not None:
                plan[i] = plan[before]
    return plan


def _main_subject(doc: Doc, m: Mention, partners: bool = True) -> bool:
    """Whether ``m`` is (a conjunct of) the subject of its sentence's main verb, or (with
    ``partners``) the one that verb was done with."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
        return True
    if not partners:
        return False
    # "A spoke with B": the partner of the main verb
    prep = root.head
    return (
        root.dep_ == "pobj" and prep.lower_ == "with" and prep.head.dep_ == "ROOT"
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in prep.head.children)
    )  # fmt: skip
