"""The status of an event: occurred, occurring, planned, expected, denied or hypothetical.

Read from the trigger's clause and the clauses that govern it: negation ("did not meet") and
verbs of denial ("denied attacking") → denied; conditions ("if") and hypothetical modals
("could", "would") → hypothetical; governing cue verbs ("is scheduled to", "plans to") and
future modals ("will") → planned; "is expected to", "likely to" → expected; progressive
or present tense → occurring; otherwise occurred. Each decision carries a rule id.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.patterns import Triggers

# Links that keep the governing verb's say over the trigger ("scheduled [to hold]").
# "denied claims [that its forces had struck]", "announced plans [to hold talks]": through the
# noun that carries the clause too.
_GOVERNING = ("xcomp", "advcl", "acl", "conj", "relcl", "ccomp", "pcomp", "pobj", "prep", "dobj")


def climb(token: Token, deps: frozenset[str] | tuple[str, ...], steps: int) -> list[Token]:
    """``token`` and the heads it hangs from through ``deps`` links, nearest first, at most
    ``steps`` of them; stops at the sentence root."""
    chain = [token]
    current = token
    for _ in range(steps):
        if current.dep_ not in deps or current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain


def _chain(anchor: Token) -> list[Token]:
    """The anchor and the verbs (or adjectives) that govern it through infinitive, purpose and
    complement links, nearest first."""
    return climb(anchor, _GOVERNING, 5)


def _has_child(token: Token, deps: tuple[str, ...], words: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps and c.lower_ in words), None)


def _reported(verb: Token, saying: frozenset[str]) -> bool:
    """Whether ``verb`` heads the complement of a verb of saying ("said [it would send]"),
    or is coordinated with one that does ("said it would pay ... and would station")."""
    for _ in range(3):
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in saying


@dataclass(frozen=True)
class StatusReading:
    """A status, the rule that decided it, and what kind of clause decided it: a condition
    ("if Russia attacked"), the future of reported speech ("X said it would send"), a
    negation ("did not meet") or the clause's other wording (``"clause"``)."""

    status: str
    rule: str
    basis: Literal["clause", "condition", "reported-future", "negation"] = "clause"


def event_status(anchor: Token, triggers: Triggers) -> tuple[str, str]:
    """Status of the event whose clause is headed by ``anchor`` (a verb, or the verb that
    carries an event noun), and the rule that decided it."""
    reading = read_status(anchor, triggers)
    return reading.status, reading.rule


def read_status(anchor: Token, triggers: Triggers) -> StatusReading:
    """The ``StatusReading`` of the event whose clause is headed by ``anchor``."""
    cue = triggers.cue
    negators = cue("status", "negators")
    conditions = cue("status", "conditions")
    future = cue("status", "future_modals")
    modal_hyp = cue("status", "hypothetical_modals")
    if (
        anchor.pos_ in ("NOUN", "PROPN")
        and anchor.dep_ in ("nsubj", "nsubjpass")
        and anchor.head.pos_ in ("VERB", "AUX")
    ):
        # "Talks will resume next week", "new talks are expected": an event noun that is a
        # clause's subject happens when its verb says.
        anchor = anchor.head
    chain = _chain(anchor)
    # A verb of denial governs whatever the clause's own tense says ("denied that its forces
    # had struck").
    for below, verb in pairwise(chain):
        if below.dep_ == "conj":
            break  # "denied X and said Y had attacked": a coordinated verb governs nothing
        if verb.lemma_.lower() in cue("status", "denied"):
            return StatusReading("denied", f"status.denied-by:{verb.lemma_.lower()}")
    for depth, verb in enumerate(chain):
        lemma = verb.lemma_.lower()
        if depth > 0 and lemma in cue("status", "denied") and chain[depth - 1].dep_ != "conj":
            return StatusReading("denied", f"status.denied-by:{lemma}")
        if _has_child(verb, ("neg",), negators) is not None and (
            depth == 0 or verb.dep_ != "ROOT" or chain[depth - 1].dep_ == "xcomp"
        ):
            return StatusReading("denied", "status.negation", "negation")
        if _has_child(verb, ("mark",), conditions) is not None:
            return StatusReading("hypothetical", "status.condition", "condition")
        modal = _has_child(verb, ("aux",), modal_hyp)
        if modal is not None:
            if modal.lower_ in ("would", "'d") and _reported(verb, cue("attribution", "verbs")):
                # "X said it would send": the future of reported speech, not a supposition.
                return StatusReading("planned", "status.reported-future", "reported-future")
            return StatusReading("hypothetical", "status.modal")
        if _has_child(verb, ("aux",), future) is not None:
            return StatusReading("planned" if depth == 0 else "expected", "status.future")
        if depth > 0 and lemma in cue("status", "planned"):
            return StatusReading("planned", f"status.cue:{lemma}")
        if lemma in cue("status", "expected") and (
            depth > 0 or any(c.dep_ == "auxpass" for c in verb.children)
        ):
            # "is expected to meet", and "talks are expected next month"
            return StatusReading("expected", f"status.cue:{lemma}")
        if depth > 0 and lemma in cue("status", "hypothetical"):
            return StatusReading("hypothetical", f"status.cue:{lemma}")
        if (
            depth > 0
            and lemma == "be"
            and chain[depth - 1].dep_ == "xcomp"
            and _has_child(chain[depth - 1], ("aux",), frozenset({"to"})) is not None
        ):
            # "Ghana is to join the bloc", "the envoy was to arrive on Friday": an
            # arrangement, English's scheduled future.
            return StatusReading("planned", "status.be-to")
        # A finite verb decides tense; an infinitive or participle defers to its governor.
        if verb.tag_ in ("VBD",):
            return StatusReading("occurred", "status.past")
        if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux"):
            return StatusReading("occurred", "status.perfect")
        if verb.tag_ == "VBG" and any(
            c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children if c.dep_ == "aux"
        ):
            return StatusReading("occurring", "status.progressive")
        if verb.tag_ in ("VBZ", "VBP"):
            if any(c.dep_ == "aux" and c.tag_ in ("VBD",) for c in verb.children):
                return StatusReading("occurred", "status.past")
            if verb.lemma_ == "be" or verb.pos_ == "AUX" or depth > 0:
                return StatusReading("occurring", "status.present")
            return StatusReading("occurred", "status.present-report")
        if verb.tag_ == "VBN" and any(
            c.dep_ == "auxpass" and c.tag_ in ("VBD",) for c in verb.children
        ):
            return StatusReading("occurred", "status.past")
        if verb.tag_ == "VBN" and any(
            c.dep_ in ("auxpass", "aux") and c.tag_ in ("VBZ", "VBP") for c in verb.children
        ):
            return StatusReading("occurring", "status.present")
    return StatusReading("occurred", "status.default")
