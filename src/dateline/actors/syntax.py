"""Syntactic tests on actor phrases: does a place-like phrase act, is it addressed, does
an adjective stand as a noun, where does an ethnic group live. Used by ``composer``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.actors.composer import Phrase

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
CONJUNCTIONS = frozenset({",", "and", "or", "as well as"})
LINKING_VERBS = frozenset({"be", "remain", "become", "seem", "appear", "look", "stay"})
ADDRESS_PREPS = frozenset({"for", "on", "with", "against", "to"})
# Verbs and nouns after which a capital is the city, not its government.
PLACE_VERBS = frozenset(
    {"travel", "fly", "go", "come", "return", "arrive", "move", "head", "send", "deploy",
     "take", "capture", "seize", "attack", "strike", "hit", "shell", "bomb", "visit", "leave",
     "reach", "enter", "surround", "evacuate", "march", "relocate", "drive", "bring", "invite",
     "invade", "occupy", "annex"}
)  # fmt: skip
ATTACK_NOUNS = frozenset(
    {"strike", "attack", "assault", "raid", "offensive", "shelling", "bombardment", "march",
     "trip", "visit", "flight", "journey", "road", "train", "return"}
)  # fmt: skip
# Verbs after which "on" addresses a state or a government ("called on Russia").
ON_VERBS = frozenset(
    {"call", "press", "rely", "depend", "impose", "urge", "lean", "prevail", "turn"}
)


def residence(doc: Doc, phrase: Phrase, kin: str) -> str | None:
    """The country an ethnic group lives in: a country other than its kin state named
    after "in" in the same sentence ("ethnic Albanians in south Serbia")."""
    for ent in phrase.context:
        if ent.kind != "country" or ent.value == kin:
            continue
        tok = doc[ent.end - 1]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "inside", "across", "throughout"):
            return ent.value
    return None


def adjective_as_noun(doc: Doc, phrase: Phrase) -> bool:
    """Whether a nationality adjective stands as a noun: after "a", "an" or a number, heading
    a subject or object and not modifying a following noun ("a Palestinian was hurt", "two
    Israelis"; not "a Palestinian official")."""
    last = doc[phrase.end - 1]
    if phrase.end - phrase.start < 2:
        return False
    before = doc[phrase.end - 2]
    if not (before.lower_ in ("a", "an", "one") or before.like_num):
        return False
    if phrase.end < len(doc) and doc[phrase.end].pos_ in ("NOUN", "PROPN", "ADJ"):
        return False
    return last.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def addressed(doc: Doc, phrase: Phrase) -> bool:
    """Whether a capital is addressed as a government: the object of a verb that is not a
    military or travel verb ("accused Kyiv", "told Washington"), or after "for", "on",
    "with", "against", "to" when these do not mean a place ("aid to Kyiv", "pressure on
    Moscow"; not "flown to Moscow", "a strike on Kyiv")."""
    root = doc[phrase.start : phrase.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "dobj":
        return root.head.lemma_ not in PLACE_VERBS
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ not in ADDRESS_PREPS:
        return False
    if prep.lower_ == "on" and prep.head.pos_ in ("VERB", "AUX"):
        # "called on Moscow", "pressed on Kyiv" address it; "beaten on the West Bank" is a place.
        return prep.head.lemma_ in ON_VERBS
    return prep.head.lemma_ not in PLACE_VERBS and prep.head.lemma_ not in ATTACK_NOUNS


def acts(doc: Doc, phrase: Phrase) -> bool:
    """Whether a place-like phrase acts: possessor, or subject of a non-linking verb."""
    for tok in doc[phrase.start : phrase.end]:
        if tok.head.i >= phrase.start and tok.head.i < phrase.end and tok.head.i != tok.i:
            continue  # inside the phrase
        if tok.dep_ == "poss" or (phrase.end < len(doc) and doc[phrase.end].text in POSSESSIVE):
            return True
        # "London and Paris said": the second conjunct acts like the first.
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head.lemma_ not in LINKING_VERBS
    return False
