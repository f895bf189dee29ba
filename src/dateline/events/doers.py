"""Who must do an act for a pattern to be an event: someone, or more than one.

Two lists of ``[roles]`` in ``event_cues.toml`` name the patterns; ``coder.worth_coding``
drops a hit of one when its clause's subject does not fit:

- ``doer_patterns``: the subject, when there is one, must be someone, not a thing: "the
  junta allowed rallies" concedes, "the break will allow him to plan" does not
  (``thing_as_doer``; the actor nouns are those of the actor data and ``doer_nouns``).
- ``joint_patterns``: the subject must be more than one party: "the two leaders spoke about
  Syria" are talks, "he spoke about the alliance" is a statement (``joint_doers``).
- ``partner_nouns``: an operation, a project or a programme is cooperation only with a
  partner: "France and Britain conducted a joint operation", not "Israel launched an
  operation" (``joint_act``; the partner words are ``[intent] partner_words``,
  ``partner_preps`` and ``joint_adverbs``).

``act_modifiers`` gives the words that say whose act an event noun is ("U.S. assistance"):
the coder keeps the source's own country out of its targets there (``roles.own-act``).
``military_move`` says whether what a verb moves is an armed force (its destination is then
no target: ``roles.destination``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.roles import SUBJECTS, MentionIndex, actors_of, in_quote, object_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers

# Words standing for the noun a relative clause hangs on ("an emergency, which would allow").
_RELATIVES = ("that", "which")
# Pronouns that stand for more than one party.
_PLURAL_PRONOUNS = ("they", "we")
# Dependencies of a word that qualifies a noun before it ("U.S. aid", "American support").
_MODIFIERS = ("compound", "amod", "nmod", "poss")


def thing_as_doer(verb: Token, triggers: Triggers) -> bool:
    """Whether the verb's subject is a thing, not someone: a common noun that names no
    entity and is no actor noun of the actor data ("the break will allow him to plan", "its
    scope allows it to advise", "an emergency, which would allow him to act").

    Takes the verb and the triggers (for the actor nouns of the CAMEO lexicon and ``[roles]
    doer_nouns``). A verb with no subject of its own (a passive, an infinitive) or with a
    pronoun as subject ("it would allow observers": the government, named before) is not
    judged: ``False``."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
        subject = verb.head
    if subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    people = triggers.cue("roles", "doer_nouns")
    if triggers.lexicon is not None:
        people |= triggers.lexicon.actor_nouns
    words = [subject, *(c for c in subject.children if c.dep_ in ("compound", "conj"))]
    return not any(
        w.ent_type_ or w.pos_ == "PROPN" or w.lemma_.lower() in people or w.lower_ in people
        for w in words
    )


def joint_doers(verb: Token) -> bool:
    """Whether the verb's subject is more than one party: conjoined names ("Trump and Putin
    spoke about"), a plural noun ("the two ministers", "the leaders") or "they"/"we"; in
    quoted speech ("while our partners are talking about a ceasefire") the words are talk in
    general, no talks held: ``False``."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or in_quote(verb):
        return False
    return (
        any(c.dep_ == "conj" for c in subject.children)
        or subject.lower_ in _PLURAL_PRONOUNS
        or subject.tag_ in ("NNS", "NNPS")
    )


def joint_act(hit: Hit, triggers: Triggers) -> bool:
    """Whether an act named by its noun has a partner: a partner word on the noun ("joint",
    "bilateral"), a "with"/"alongside" phrase on the noun or its verb, a "jointly"/"together"
    on the verb, or conjoined subjects ("France and Britain conducted"). A plural subject
    alone ("Nigerian troops conducted an operation") is one party."""
    noun = hit.noun if hit.noun is not None else hit.token
    anchor = hit.anchor
    if any(c.lemma_.lower() in triggers.cue("intent", "partner_words") for c in noun.children):
        return True
    preps = triggers.cue("intent", "partner_preps")
    if any(c.dep_ == "prep" and c.lower_ in preps for h in (noun, anchor) for c in h.children):
        return True
    if any(c.lower_ in triggers.cue("intent", "joint_adverbs") for c in anchor.children):
        return True
    subject = next((c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ == "conj" for c in subject.children)


def act_modifiers(hit: Hit, triggers: Triggers) -> list[Token]:
    """The words that qualify the event's own noun, or the noun an amount of it is measured
    in: "U.S." in "delivered U.S. assistance", "announced U.S. support", "provided $18 million
    in U.S. aid"; and the words of whoever asked for the act ("at President X's direction",
    a ``[roles] requester_nouns`` phrase). Such words name whose act it is, not whom it is
    aimed at, when they are of the doer's own country."""
    nouns = [t for t in (hit.noun, hit.token) if t is not None and t.pos_ in ("NOUN", "NUM")]
    amounts = [n for n in nouns if n.ent_type_ in ("MONEY", "QUANTITY") or n.like_num]
    for noun in amounts:
        nouns += [
            measured
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in triggers.cue("roles", "amount_preps")
            for measured in prep.children
            if measured.dep_ == "pobj"
        ]
    words = [c for n in dict.fromkeys(nouns) for c in n.children if c.dep_ in _MODIFIERS]
    # "at President X's direction, U.S. forces struck": who asked for the act is its side.
    requesters = triggers.cue("roles", "requester_nouns")
    adjuncts = triggers.cue("roles", "requester_preps")
    for verb in {hit.anchor, hit.token}:
        words += [
            t
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in adjuncts
            for asked in prep.children
            if asked.dep_ == "pobj" and asked.lemma_.lower() in requesters
            for t in asked.subtree
        ]
    return words


def military_move(verb: Token, index: MentionIndex, triggers: Triggers) -> bool:
    """Whether what ``verb`` moves is an armed force: its object ("moved forces", "sent
    2,000 troops") or, with no object, its subject ("soldiers will reposition"), is a
    military noun or names a military actor."""
    movers = object_tokens(verb, None) or [c for c in verb.children if c.dep_ in SUBJECTS]
    military = triggers.cue("roles", "military_nouns")
    for mover in movers:
        words = [mover] + [t for c in mover.children if c.dep_ == "prep" for t in c.subtree]
        if any(t.lemma_.lower() in military for t in words):
            return True
        if any(a.sector == "MIL" for a in actors_of(mover, index, triggers)):
            return True
    return False
