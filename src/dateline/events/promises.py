"""When a modal or a word of intent on a cooperative act is no promise.

CAMEO's convention (``decide.intent``) makes a cooperative act announced with "will", "would"
or "is ready to" an AGREE, intent to cooperate (CAMEO 03). Two wordings look like that and
promise nothing; each is a rule id in the trace:

- ``intent.means-subject``: the act's doer is a means or a measure, not an actor: "the new
  funding will help deliver food", "a bill that would fund the agency", "the strikes were
  intended to defend our forces". Money, laws and attacks do not pledge; the act stays the
  act it names (or, a clause with no actor, no event at all).
- ``intent.performative``: a polite frame around a speech act done by saying it: "I would
  like to thank the minister", "we wish to congratulate": the thanks are given, not promised.

The word lists are ``[intent] means_subjects``, ``performative_verbs`` and
``polite_governors`` in ``event_cues.toml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dateline.events.patterns import Triggers

_SUBJECTS = ("nsubj", "nsubjpass")
# Words standing for the noun a relative clause hangs on ("a bill that would fund").
_RELATIVES = ("that", "which")


def _chain(anchor: Token, top: Token) -> list[Token]:
    """The verbs from the act up to the verb that carries the modal or cue, act first."""
    out = [anchor]
    current = anchor
    while current.i != top.i and current.head.i != current.i and len(out) < 6:
        current = current.head
        out.append(current)
    return out


def _doer(chain: list[Token]) -> Token | None:
    """The subject of the lowest verb of the chain that has one; for a relative pronoun,
    the noun the relative clause describes."""
    for verb in chain:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            continue
        if subject.lower_ in _RELATIVES and verb.dep_ == "relcl":
            return verb.head
        return subject
    return None


def no_promise(anchor: Token, top: Token, triggers: Triggers) -> str | None:
    """The rule id that keeps an announced-looking act from being a promise, or ``None``.

    Takes the act's verb ``anchor``, the verb ``top`` whose modal or cue announced it (the
    act itself when its own modal did) and the triggers (for the cue lists)."""
    chain = _chain(anchor, top)
    doer = _doer(chain)
    if (
        doer is not None
        and doer.pos_ == "NOUN"
        and doer.ent_type_ == ""
        and doer.lemma_.lower() in triggers.cue("intent", "means_subjects")
    ):
        return "intent.means-subject"
    if anchor.lemma_.lower() in triggers.cue("intent", "performative_verbs") and any(
        verb.lemma_.lower() in triggers.cue("intent", "polite_governors") for verb in chain[1:]
    ):
        return "intent.performative"
    return None
