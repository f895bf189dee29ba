"""Which event of a sentence is its main event: what a one-event-per-sentence gold file calls
the sentence's event (``main_event`` in ``dateline.events``).

The shallowest trigger (nearest the root of its sentence) wins, and two structural rules refine
that choice; each records its name in the chosen events' trace:

- ``main.adjunct``: of two triggers equally near the root, one on the verb itself or its object
  beats a noun that is only a circumstance of the clause: the object of a preposition ("in
  consultation with", "upon request from", "in a meeting with").
- ``main.specific``: a generic act (support, a deployment) gives way to a specific act it is
  tied to in the same clause: its purpose ("deployed a team to provide relief"), its
  coordinated verb ("will support Ukraine and provide it with assistance") or its subject or
  object ("humanitarian assistance supports the operations of ..."). Which types are generic for
  which specific one is codebook knowledge (PLOVER: material aid is the specific form of
  support), kept in ``SPECIFIC``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.matcher import depth

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dateline.models import Event

# specific type -> the generic types it replaces when tied to them in one clause
SPECIFIC: dict[str, frozenset[str]] = {"AID": frozenset({"SUPPORT", "MOBILIZE"})}
# links that tie a specific act to a generic one: purpose or complement clause, coordinated
# verb, subject, object
_TIES = frozenset({"advcl", "xcomp", "conj", "nsubj", "nsubjpass", "dobj", "pobj"})
_SIBLINGS = frozenset({"xcomp", "conj"})
# a noun trigger with one of these links is a circumstance of its clause, not its act
# (a noun subject is not: "the protests took place", "the killings occurred" name the act)
_ADJUNCT = frozenset({"pobj"})


def predicate(token: Token) -> Token:
    """The verb an event noun completes ("entered into an agreement", "signed a deal"): the
    noun and its verb are one predicate, as deep as the verb."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return token
    if token.dep_ in ("dobj", "attr", "oprd") and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return token


def _root(event: Event, doc: Doc) -> Token | None:
    start = event.evidence.trigger_start or 0
    span = doc.char_span(start, event.evidence.trigger_end or start + 1, alignment_mode="expand")
    return span.root if span is not None else None


def _adjunct(token: Token) -> bool:
    """A noun trigger that is a circumstance of its clause (``main.adjunct``)."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ in _ADJUNCT


def _tied(a: Token, b: Token) -> bool:
    """``a`` hangs on ``b`` (or on the verb ``b`` completes) by a purpose, complement,
    coordination, subject or object link, directly or through one preposition, or both
    complete the same verb."""
    heads = {b.i, predicate(b).i}
    head = a.head
    if a.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if (a.dep_ in _TIES and head.i in heads) or (b.dep_ == "conj" and b.head.i == a.i):
        return True
    # "will keep backing X and give it aid": both complete one catenative verb
    return a.head.i == b.head.i and {a.dep_, b.dep_} <= _SIBLINGS


def main_event(events: list[Event], doc: Doc | None) -> list[Event]:
    """The events of the main trigger of one short document (all its targets). Takes the
    events and the document's parse (``None``: the first trigger wins); returns the chosen
    trigger's events, with the structural rule that chose them, if any, added to their trace."""
    if not events:
        return []
    if doc is None:
        best = min(events, key=lambda e: e.evidence.trigger_start or 0)
        return _same_trigger(events, best)
    roots = {id(e): _root(e, doc) for e in events}

    def key(event: Event) -> tuple[int, int, int]:
        token = roots[id(event)]
        start = event.evidence.trigger_start or 0
        if token is None:
            return (99, 0, start)
        return (depth(predicate(token)), int(_adjunct(token)), start)

    ranked = sorted(events, key=key)
    best, rule = ranked[0], ""
    nearest = [e for e in ranked if key(e)[0] == key(best)[0]]
    if len({key(e)[1] for e in nearest}) > 1 and best.evidence.trigger_start != min(
        e.evidence.trigger_start or 0 for e in nearest
    ):
        rule = "main.adjunct"
    best_token = roots[id(best)]
    if best_token is not None:
        for event in ranked:
            token = roots[id(event)]
            generic = SPECIFIC.get(event.type, frozenset())
            if token is not None and best.type in generic and _tied(token, best_token):
                best, rule = event, "main.specific"
                break
    chosen = _same_trigger(events, best)
    if rule:
        for event in chosen:
            if rule not in event.evidence.rules:
                event.evidence.rules.append(rule)
    return chosen


def _same_trigger(events: list[Event], best: Event) -> list[Event]:
    return [
        e
        for e in events
        if e.evidence.trigger_start == best.evidence.trigger_start
        and e.evidence.rule == best.evidence.rule
    ]
