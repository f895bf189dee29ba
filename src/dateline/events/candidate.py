"""The coder's decision object: one candidate event per trigger hit, refined stage by stage.

A ``Candidate`` holds what has been decided about an event so far (type, participants,
status, attribution, place, date); each stage of ``coder`` reads and refines those typed
fields. The ``Trace`` beside it records the rule ids that fired, in order, for ``dateline
explain``: stages only ever append to it, and nothing reads it back to decide anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from dateline.models import Actor, EventPlace, Precision

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.matcher import Hit


# What made an act's type: its own trigger ("as-is"), an AGREE trigger kept ("agree"), a
# promised cooperative act ("cooperate"), an announced hostile act ("threaten"), a promise
# refused ("refused"), an intention voiced ("voiced") or an act failed ("failed").
IntentKind = Literal["as-is", "agree", "cooperate", "threaten", "refused", "voiced", "failed"]


class Trace:
    """Rule ids in the order they fired: written by the stages, read only for the evidence."""

    __slots__ = ("_rules",)

    def __init__(self, first: str | None = None) -> None:
        self._rules: list[str] = [first] if first else []

    def append(self, rule: str) -> None:
        """Record that ``rule`` fired."""
        self._rules.append(rule)

    def extend(self, rules: list[str]) -> None:
        """Record several rules, in order."""
        self._rules.extend(rules)

    def rules(self) -> list[str]:
        """A copy of the rule ids, for the event's evidence."""
        return list(self._rules)


@dataclass
class Intent:
    """What ``decide.intent`` made of an announced act.

    ``kind`` (``IntentKind``) says which convention applied: the trigger's own type, an AGREE
    trigger kept, a promised cooperative act (AGREE), an announced hostile act (THREATEN), a
    promise refused (REJECT), an intention voiced (an announced meeting: AGREE) or an act
    failed ("failed to agree": REJECT). ``governor`` is the verb or adjective that made a
    promise of the act ("offered [to send]", "failed [to agree]"), whose tense dates it.
    """

    type: str
    mode: str | None
    context: str | None
    cameo: str
    kind: IntentKind = "as-is"
    governor: Token | None = None


@dataclass
class Candidate:
    """One event in the making: the trigger hit and everything decided about it so far."""

    hit: Hit
    type: str
    mode: str | None
    context: str | None
    cameo: str
    trace: Trace
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    # Actors who do the act beside the subject ("together with X"): no symmetric pairs then.
    joint: list[Actor] = field(default_factory=list)
    status: str = "occurred"
    attributed_to: Actor | None = None
    place: EventPlace | None = None
    date: str | None = None
    precision: Precision = "unknown"

    @classmethod
    def of(cls, hit: Hit) -> Candidate:
        """A fresh candidate for ``hit``, typed as its pattern says."""
        pattern = hit.pattern
        return cls(
            hit=hit,
            type=pattern.type,
            mode=pattern.mode,
            context=pattern.context,
            cameo=pattern.cameo,
            trace=Trace(pattern.id),
        )

    def actors(self) -> list[Actor]:
        """Sources then targets."""
        return self.sources + self.targets
