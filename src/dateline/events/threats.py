"""Threats named by what the threatened side will undergo, and acts that count only as
announced or only when forces do them.

Rules listed by pattern id in ``event_cues.toml`` (``[intent]``, and ``[roles]
undergoer_patterns``):

- ``unrealised_patterns``: wording that names an act only when it is foretold, supposed,
  conditional or announced ("Tehran will face consequences", "vowed to respond to any
  attack"). Reported as done ("has faced sanctions for years", "responded to the attack with
  airstrikes") the pattern makes no event of its own and frames none
  (``announced_or_foretold``).
- ``force_subject_patterns``: wording that names an act only when forces do it ("troops
  left Iraq"; ``by_forces``).
- ``actor_subject_patterns``: wording that makes an event only when someone is its subject
  ("rising sea levels threaten the Maldives" threatens no one; ``done_by_someone``).
- ``undergoer_patterns`` (``[roles]``): the clause's actor is the one the act befalls ("Serbia
  would pay a heavy price"; roles set by ``allegation.undergone``); of a threat, the one who
  threatens is whoever says so (``speaker_threatens``, rule ``threaten.speaker-threatens``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.candidate import Trace
from dateline.events.decide import intent
from dateline.events.status import read_status

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.candidate import Candidate
    from dateline.events.matcher import Hit
    from dateline.events.patterns import Triggers


def _on_condition(anchor: Token, conditions: frozenset[str]) -> bool:
    """Whether the anchor's clause carries a condition ("faces sanctions if it ...")."""
    return any(
        clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in conditions for m in clause.children)
        for clause in anchor.children
    )


def _foretelling(anchor: Token, triggers: Triggers) -> bool:
    """Whether the anchor, or a verb governing it through control or coordination, carries a
    modal ("will face", "could face", "would hold [them] responsible") or is governed by a
    verb of intent, plan or expectation ("vowed [to hold]", "is expected [to face]"). The
    clause's own marks, not a status read from far above: "a process to foster
    reconciliation and to hold [abusers] accountable" foretells nothing."""
    cue = triggers.cue
    modals = cue("status", "future_modals") | cue("status", "hypothetical_modals")
    governing = cue("intent", "cues") | cue("status", "planned") | cue("status", "expected")
    current = anchor
    for depth in range(4):
        if any(c.dep_ == "aux" and c.lower_ in modals for c in current.children):
            return True
        if depth > 0 and current.lemma_.lower() in governing:
            return True
        if current.dep_ not in ("xcomp", "acomp", "conj") or current.head.i == current.i:
            return False
        current = current.head
    return False


def foretold(hit: Hit, triggers: Triggers) -> bool:
    """Whether a hit of an ``unrealised_patterns`` trigger stands: its act is foretold,
    supposed or announced in its own clause (``_foretelling``), the intent convention makes
    it a threat ("vowed to respond"), or it is put on a condition. Hits of other triggers
    always stand. Takes the hit and the triggers (for the cue lists)."""
    pattern = hit.pattern
    if pattern.id not in triggers.cue("intent", "unrealised_patterns"):
        return True
    if _foretelling(hit.anchor, triggers):
        return True
    turned = intent(hit, read_status(hit.anchor, triggers).status, triggers, Trace()).type
    if pattern.type != "THREATEN" and turned == "THREATEN":
        return True
    return _on_condition(hit.anchor, triggers.cue("status", "conditions"))


def by_forces(hit: Hit, triggers: Triggers) -> bool:
    """Whether a hit of a ``force_subject_patterns`` trigger has forces as its subject
    ("US troops left Iraq"; not "the minister left Kyiv"). Hits of other triggers always
    stand."""
    if hit.pattern.id not in triggers.cue("intent", "force_subject_patterns"):
        return True
    forces = triggers.cue("roles", "military_nouns")
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in forces for c in hit.anchor.children)


def announced_or_foretold(hits: list[Hit], triggers: Triggers) -> list[Hit]:
    """The sentence's hits without those of ``unrealised_patterns`` reported as done
    ("responded to the attack with airstrikes"), so that they frame no act of the sentence
    (the airstrikes stand), and without those of ``force_subject_patterns`` done by anyone
    but forces."""
    return [h for h in hits if foretold(h, triggers) and by_forces(h, triggers)]


def done_by_someone(candidate: Candidate, triggers: Triggers) -> bool:
    """Whether a candidate of an ``actor_subject_patterns`` trigger has someone, not a
    thing, as its subject: its head is no act noun of the triggers, no ``[roles]
    non_actor_nouns`` or ``hazard_nouns``, no ``[intent] thing_subjects`` ("rising sea levels
    threaten the Maldives", "the war threatens Europe's energy security", "the idea appeals
    to voters": no one threatens or asks). A text that acts for its author ("the resolution
    urges") counts as someone. Candidates of other triggers, and clauses with no subject,
    always stand."""
    hit = candidate.hit
    cue = triggers.cue
    if hit.pattern.id not in cue("intent", "actor_subject_patterns"):
        return True
    subject = next((c for c in hit.anchor.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return True
    lemma = subject.lemma_.lower()
    if lemma in cue("roles", "instrument_nouns"):
        return True
    things = (
        cue("roles", "non_actor_nouns")
        | cue("roles", "hazard_nouns")
        | cue("intent", "thing_subjects")
    )
    return lemma not in things and lemma not in triggers.by_noun


def speaker_threatens(candidate: Candidate, triggers: Triggers) -> None:
    """A threat of an ``undergoer_patterns`` trigger ("Serbia would pay a heavy price") with
    no one named as its source is made by whoever says so (rule
    ``threaten.speaker-threatens``); the roles themselves are set by
    ``allegation.undergone``."""
    said_by = candidate.attributed_to
    if (
        candidate.type == "THREATEN"
        and not candidate.sources
        and said_by is not None
        and candidate.hit.pattern.id in triggers.cue("roles", "undergoer_patterns")
    ):
        candidate.trace.append("threaten.speaker-threatens")
        candidate.sources = [said_by]


def threat_voiced(candidate: Candidate, triggers: Triggers) -> None:
    """A threat of an ``unrealised_patterns`` or ``voiced_threats`` trigger that someone
    makes ("the US will hold them accountable", "Moscow said Oslo would face a response",
    "this will not go unpunished") has occurred: the warning is what happened. With no one
    making it ("Iran could face sanctions") it keeps the status its clause gives."""
    worded = triggers.cue("intent", "unrealised_patterns") | triggers.cue(
        "intent", "voiced_threats"
    )
    if candidate.type == "THREATEN" and candidate.sources and candidate.hit.pattern.id in worded:
        candidate.status = "occurred"
