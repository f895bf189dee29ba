"""Within-document coreference for actor mentions.

Later mentions take the code of the actor they refer to, and ``antecedent`` points at
that actor's first mention (an index into the document's mention list):

- ``coref.surname``: "Carney" after "Prime Minister Mark Carney";
- ``coref.apposition``: "Canada's prime minister" right after "Mark Carney,";
- ``coref.title``: "the official", "the prime minister" → the latest mention with that role;
- ``coref.the-country``: "the country" → the latest country (added by ``annotate``);
- ``coref.pronoun``: "he", "she", "his", "her" → the latest person within two sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.actors.data import ActorData
from dateline.models import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

PRONOUNS = frozenset({"he", "she", "him", "his", "her", "hers"})
PERSON_KINDS = frozenset({"person", "title"})


def _root(mentions: list[Mention], index: int) -> int:
    seen = set()
    while mentions[index].antecedent is not None and index not in seen:
        seen.add(index)
        index = mentions[index].antecedent  # type: ignore[assignment]
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
                role = roles.get(" ".join(m.text.lower().split()[1:]))
                for j in range(i - 1, -1, -1):
                    a = mentions[j]
                    if a.code and a.kind in PERSON_KINDS and role and _role_of(a, roles) == role:
                        _take(mentions, i, j, "coref.title")
                        break
            continue
        if m.kind == "country-ref":
            for j in range(i - 1, -1, -1):
                a = mentions[j]
                if a.kind in ("country", "capital") and a.country:
                    _take(mentions, i, j, "coref.the-country")
                    break
            continue
        if m.kind == "pronoun":
            for j in range(i - 1, -1, -1):
                a = mentions[j]
                if m.sentence - a.sentence > 2:
                    break
                if a.kind in PERSON_KINDS and a.code and a.kind != "pronoun":
                    _take(mentions, i, j, "coref.pronoun")
                    break


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
