"""Who receives what an event gives: the recipients an amount of aid names ("pledged $50
million in aid to X"), and the beneficiaries a purpose clause of aid names ("will provide
food to help the two million people suffering inside Yemen", "announced $3 million to meet
the needs caused by the floods in Malawi"; rule ``roles.aid-purpose``).
Used by ``participants``; the words are ``[roles]`` cues in ``event_cues.toml``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.roles import MentionIndex, actors_of, object_tokens, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers
    from dateline.models import Actor


def amount_recipients(hit: Hit, triggers: Triggers) -> list[Token]:
    """ "pledged $50 million in aid to X", "sent 200 tonnes of wheat to X and Y": an amount
    given is measured in a noun ("in aid", "of wheat") whose "to" or "for" names the
    recipients."""
    if hit.token.pos_ not in ("VERB", "AUX"):
        return []
    amounts = [h for h in object_tokens(hit.token, None) if is_amount(h)]
    if hit.noun is not None and is_amount(hit.noun):
        amounts.append(hit.noun)
    measures = triggers.cue("roles", "amount_preps")
    return [
        head
        for amount in dict.fromkeys(amounts)
        for measured in prep_objects(amount, measures)
        for head in prep_objects(measured, triggers.cue("roles", "amount_recipient_preps"))
    ]


def is_amount(token: Token) -> bool:
    """A sum or a counted quantity: "$5 million", "30 million euros", "200 tonnes"."""
    if token.ent_type_ in ("MONEY", "QUANTITY"):
        return True
    return any(c.dep_ == "nummod" or c.like_num for c in token.children if c.dep_ != "prep")


def purpose_recipients(hit: Hit, index: MentionIndex, triggers: Triggers) -> list[Actor]:
    """Coded beneficiaries of aid (a type of ``[roles] purpose_recipient_types``) named in
    its purpose clause: the clause's object ("to assist the victims in X"), the subject of
    the clause that object heads ("to help [the people suffering inside X]"), else a place
    or actor one preposition inside such an object or the things it qualifies ("to meet
    the needs caused by the floods in X"). Empty for other types."""
    if hit.pattern.type not in triggers.cue("roles", "purpose_recipient_types"):
        return []
    verb = hit.anchor
    clauses = [
        c
        for c in verb.children
        if c.dep_ in ("advcl", "xcomp")
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    heads: list[Token] = []
    for clause in clauses:
        heads += object_tokens(clause, None)
        heads += [
            s for c in clause.children if c.dep_ == "ccomp"
            for s in c.children if s.dep_ == "nsubj"
        ]  # fmt: skip
    found = [a for h in heads for a in actors_of(h, index, triggers) if a.code]
    if found:
        return found
    inner = triggers.cue("roles", "object_preps")
    # "the needs caused by the floods in X": through a participle and its agent.
    deeper = [
        d
        for h in heads
        for d in [h, *(a for c in h.children if c.dep_ == "acl" for a in _agents(c))]
    ]
    return [
        a
        for h in deeper
        for o in prep_objects(h, inner)
        for a in actors_of(o, index, triggers)
        if a.code
    ]


def _agents(clause: Token) -> list[Token]:
    """The objects of a participle's "by" phrase."""
    return [o for c in clause.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
