"""Allegations made by reporting a wrong: "the judge found that Manafort had lied", "critics
claim the government is muzzling the press".

A verb of wrongdoing names no PLOVER event by itself when someone reports it: the report is
the event, an accusation (ACCUSE, mode allege, CAMEO 112) by whoever says or finds it against
whoever is said to have done the wrong. Trigger patterns marked ``reported`` fire only where
``reported_clause`` holds; the coder then blames the clause's actor (``blamed_patterns`` in
``event_cues.toml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.roles import MentionIndex, actors_of
from dateline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.patterns import Triggers

# Links from a reported clause up to the verb that reports it: its complement ("said [X had
# lied]"), a clause beside it ("X lied, the court found"), or a second wrong coordinated
# with the first ("had lied and [violated] the deal").
REPORT_LINKS = frozenset({"ccomp", "parataxis"})
MAX_STEPS = 4


def _report_head(verb: Token, heads: frozenset[str]) -> Token | None:
    """The verb of saying or judging whose report ``verb`` heads (see ``reported_clause``)."""
    current = verb
    for _ in range(MAX_STEPS):
        parent = current.head
        if parent.i == current.i:
            return None
        if current.dep_ in REPORT_LINKS:
            return parent if parent.lemma_.lower() in heads else None
        if current.dep_ == "xcomp" or (current.dep_ == "conj" and parent.pos_ in ("VERB", "AUX")):
            current = parent
            continue
        return None
    return None


def reported_clause(verb: Token, heads: frozenset[str]) -> bool:
    """Whether ``verb`` heads what someone reports, finds or rules: the complement of one of
    the lemmas ``heads`` (verbs of saying and judging), reached through coordinated verbs
    ("said X had lied and violated the deal") and passive or control verbs above it ("claimed
    he was wrongfully imprisoned", "alleged it continued to interfere"). Takes the verb and
    the lemmas; returns True or False."""
    return _report_head(verb, heads) is not None


def finder(verb: Token, index: MentionIndex, triggers: Triggers) -> Actor | None:
    """Who reports the wrong at ``verb`` by a verb of judging ("the court ruled that ...",
    "investigators concluded ..."): the first actor of that verb's subject; None when no verb
    of judging reports it or its subject names no actor."""
    heads = triggers.cue("roles", "report_heads")
    head = _report_head(verb, heads | triggers.cue("attribution", "verbs"))
    if head is None or head.lemma_.lower() not in heads:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    actors = actors_of(subject, index, triggers)
    return actors[0] if actors else None
