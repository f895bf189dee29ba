"""Finding the pieces of actor phrases in a parsed text with spaCy's PhraseMatcher.

A *piece* is a stretch of tokens with one meaning: a country name, a country adjective, a
demonym, a capital, a seat of government, an organisation, a title, or a person's name.
``composer`` glues pieces into actor phrases. The matchers are built once per spaCy
vocabulary and cached on the ``ActorData`` object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.actors.data import AGENT_PREFIX, DICT_PREFIX, ActorData

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Kinds of pieces, by priority when two pieces of the same length overlap.
KIND_PRIORITY = {
    "cgroup": 0,
    "org": 0,
    "seat": 1,
    "country": 2,
    "demonym": 3,
    "adj": 4,
    "capital": 5,
    "orgcap": 6,
    "orgref": 7,
    "title": 8,
}


@dataclass(frozen=True)
class Piece:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # country, adj, demonym, capital, seat, org, orgcap, orgref, title, person
    value: str  # ISO3 code, organisation code, title id, or the person's name as written


@dataclass
class Matchers:
    exact: Any  # PhraseMatcher on ORTH
    lower: Any  # PhraseMatcher on LOWER


def _add(matcher: Any, nlp: Language, key: str, phrases: list[str]) -> None:
    docs = [nlp.make_doc(p) for p in phrases if p]
    if docs:
        matcher.add(key, docs)


def build_matchers(data: ActorData, nlp: Language) -> Matchers:
    """PhraseMatchers for every form in the actor data (cached per vocabulary)."""
    cached: Matchers | None = data._matchers.get(id(nlp.vocab))
    if cached is not None:
        return cached
    from spacy.matcher import PhraseMatcher

    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for code, c in data.countries.items():
        names = sorted(set(c.names) | {n for n, k in data.country_names.items() if k == code})
        _add(exact, nlp, f"country|{code}", names + [n.upper() for n in names if " " not in n])
        _add(exact, nlp, f"adj|{code}", list(c.adjectives))
        _add(exact, nlp, f"demonym|{code}", list(c.demonyms))
        _add(exact, nlp, f"capital|{code}", list(c.capitals))
        _add(exact, nlp, f"seat|{code}", list(c.seats))
    for code, o in data.orgs.items():
        _add(exact, nlp, f"org|{code}", list(o.names))
        _add(lower, nlp, f"org|{code}", list(o.phrases))
        _add(exact, nlp, f"orgcap|{code}", list(o.capitals))
        _add(lower, nlp, f"orgref|{code}", list(o.refs))
    for n, g in enumerate(data.groups):
        _add(exact, nlp, f"cgroup|{n}", list(g.names))
    for t in data.titles:
        _add(lower, nlp, f"title|{t.id}", list(t.names))
    matchers = Matchers(exact, lower)
    data._matchers[id(nlp.vocab)] = matchers
    return matchers


def find_pieces(doc: Doc, matchers: Matchers) -> list[Piece]:
    """Non-overlapping pieces of ``doc``: the longest match wins, then by kind priority."""
    found: list[Piece] = []
    strings = doc.vocab.strings
    for matcher in (matchers.exact, matchers.lower):
        for match_id, start, end in matcher(doc):
            kind, _, value = strings[match_id].partition("|")
            found.append(Piece(start, end, kind, value))
    found.sort(key=lambda p: (-(p.end - p.start), KIND_PRIORITY.get(p.kind, 9), p.start))
    taken = bytearray(len(doc))
    pieces: list[Piece] = []
    for p in found:
        if any(taken[p.start : p.end]):
            continue
        # A lower-case title inside a capitalised name that is not a title ("Security
        # Council") was matched by the org matcher first; a sentence-initial title is fine.
        taken[p.start : p.end] = b"\x01" * (p.end - p.start)
        pieces.append(p)
    pieces.sort(key=lambda p: p.start)
    # "pro-Iranian", "anti-Russian": a stance, not the group's country.
    return [p for p in pieces if not (p.kind in STANCE_KINDS and _after_stance(doc, p.start))]


REPLACEABLE = frozenset({"adj", "country", "demonym", "capital", "title"})


def dictionary_pieces(
    doc: Doc, data: ActorData, pieces: list[Piece]
) -> tuple[list[Piece], set[int], bool]:
    """Pieces from the field's dictionaries (``data.lexicon``) on the tokens no piece of
    our own data files covers: people (``person``), armed groups, national bodies and
    organisations (``org``, value "dict#N"), agent nouns (``title``, value
    "agents.jsonl#N"). A group's name that contains pieces of nationality words and titles
    replaces them in ``pieces`` (changed in place). Also returns the first tokens of
    sentences that match the discard list (sport, entertainment: not coded) and whether a
    phrase discards the whole story."""
    lexicon = data.lexicon
    if lexicon is None:
        return [], set(), False
    found: list[Piece] = []
    # A group's or body's full name that starts with a nationality word or holds a title
    # ("Rwandan Patriotic Front", "Afghan National Army") wins over those pieces.
    replaced: set[int] = set()
    for hit in lexicon.find(doc):
        if hit.kind != "actor" or lexicon.actor(hit.index).kind == "person":
            continue
        inside = [
            n for n, p in enumerate(pieces)
            if p.start < hit.end and hit.start < p.end
        ]  # fmt: skip
        if inside and all(
            pieces[n].kind in REPLACEABLE
            and hit.start <= pieces[n].start
            and pieces[n].end <= hit.end
            and pieces[n].end - pieces[n].start < hit.end - hit.start
            for n in inside
        ):
            replaced.update(inside)
            found.append(Piece(hit.start, hit.end, "org", f"{DICT_PREFIX}{hit.index}"))
    if replaced:
        pieces[:] = [p for n, p in enumerate(pieces) if n not in replaced]
    covered = bytearray(len(doc))
    for p in [*pieces, *found]:
        covered[p.start : p.end] = b"\x01" * (p.end - p.start)
    discarded: set[int] = set()
    story = False
    i = 0
    while i < len(doc):
        if covered[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j]:
            j += 1
        for hit in lexicon.find(doc, i, j):
            if hit.kind == "discard":
                sent_start = next(
                    k for k in range(hit.start, -1, -1) if k == 0 or doc[k].is_sent_start
                )
                discarded.add(sent_start)
                # A story-wide phrase discards the story only in its lead sentence.
                story = story or (lexicon.discards[hit.index][1] and sent_start == 0)
            elif hit.kind == "agent":
                found.append(Piece(hit.start, hit.end, "title", f"{AGENT_PREFIX}{hit.index}"))
            elif lexicon.actor(hit.index).kind == "person":
                found.append(Piece(hit.start, hit.end, "person", doc[hit.start : hit.end].text))
            else:
                found.append(Piece(hit.start, hit.end, "org", f"{DICT_PREFIX}{hit.index}"))
        i = j
    found += _surname_before_government(doc, data, [*pieces, *found])
    return found, discarded, story


def _surname_before_government(doc: Doc, data: ActorData, pieces: list[Piece]) -> list[Piece]:
    """ "the Obama administration", "the Assad regime": a capitalised word right before a
    government title that is the surname of exactly one dictionary office-holder."""
    lexicon = data.lexicon
    if lexicon is None:
        return []
    covered = {i for p in pieces for i in range(p.start, p.end)}
    found = []
    for p in pieces:
        if p.kind != "title" or p.start == 0 or (p.start - 1) in covered:
            continue
        title = data.title_by_id(p.value)
        word = doc[p.start - 1]
        if title.person or title.sector != "GOV" or not word.is_title or word.pos_ != "PROPN":
            continue
        before = doc[word.i - 1] if word.i > 0 else None
        if before is not None and before.is_title and before.pos_ == "PROPN":
            continue  # "Thames Valley Police": the end of a place's name, not a surname
        if lexicon.by_surname(word.text, None, "GOV", country_only=True) is not None:
            found.append(Piece(word.i, word.i + 1, "person", word.text))
    return found


STANCE_KINDS = frozenset({"adj", "country", "demonym"})


def _after_stance(doc: Doc, start: int) -> bool:
    return (
        start >= 2
        and doc[start - 1].text in ("-", "–")
        and doc[start - 2].lower_ in ("pro", "anti")
    ) or (start >= 1 and doc[start - 1].lower_ in ("pro-", "anti-"))
