"""Whom a stance is about, when it names no one directly: the doer of what the concern,
regret, welcome or allegation is about.

News states a view on an act rather than on an actor: "voiced concern after a Chinese warship
sailed close", "is concerned by reports that Iranian police are beating protesters", "alleged
the government was hiding the toll", "appreciates the Qatari government hosting the talks",
"regrets that restrictions imposed by the authorities forced ...". The target of such an
event is the doer of that act: the subject of the clause the view is about (a thing as
subject gives way to the actor in its own phrase). The kinds of event read this way, the
words that introduce the clause and the prepositions of the noun that carries it are data
(``[roles] stance_*`` in ``event_cues.toml``); the coder names the finding
``roles.stance-content`` in the trace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.roles import agent_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers


def _clauses(hit: Hit, triggers: Triggers) -> list[Token]:
    """The clauses that say what the stance is about: a complement of the trigger
    ("alleged the government was hiding", "appreciate X hosting"), an adverbial clause
    opened by a word of ``stance_clause_marks`` ("after a warship sailed"), and a clause on
    a noun under one of ``stance_content_preps`` ("concerned by reports that X ...")."""
    marks = triggers.cue("roles", "stance_clause_marks")
    governors = [t for t in (hit.token, hit.noun, hit.support) if t is not None]
    out: list[Token] = []
    preps = triggers.cue("roles", "stance_content_preps")
    for governor in governors:
        for clause in governor.children:
            opened = any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)
            if clause.dep_ == "ccomp" or (clause.dep_ == "advcl" and opened):
                out.append(clause)
        # "concerned by reports that": the passive's "by" is parsed as its agent.
        nouns = [
            noun
            for prep in governor.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
            for noun in prep.children
            if noun.dep_ == "pobj"
        ]
        out += [
            c
            for noun in nouns
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ]
    return list(dict.fromkeys(out))


def stance_subjects(hit: Hit, triggers: Triggers) -> list[Token]:
    """The doers of the clauses a stance (a type of ``[roles] stance_types``) is about: an
    active clause's subject, a passive one's agent; empty for a trigger of another type.
    The caller turns them into actors."""
    if hit.pattern.type not in triggers.cue("roles", "stance_types"):
        return []
    out: list[Token] = []
    for clause in _clauses(hit, triggers):
        # A passive clause's doer is its agent ("concerned after a journalist was detained
        # by the police"); its subject is the one the act was done to.
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if doer is None and any(c.dep_ == "nsubjpass" for c in clause.children):
            doer = agent_of(clause)
        if doer is not None:
            out.append(doer)
    return out
