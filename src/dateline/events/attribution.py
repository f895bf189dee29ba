"""Who says so: "according to X", "X said", "X told reporters", "X noted that"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.events.roles import MentionIndex, actors_of
from dateline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dateline.events.patterns import Triggers


def attribution(
    anchor: Token, sentence: Span, index: MentionIndex, triggers: Triggers
) -> tuple[Actor | None, str | None]:
    """The actor the sentence attributes the event at ``anchor`` to, and the rule.

    A verb of saying that governs the event's clause (or sits beside it, "..., the official
    added") gives its subject; "according to X" anywhere in the sentence gives X.
    """
    verbs = triggers.cue("attribution", "verbs")
    according = triggers.cue("attribution", "according")
    for token in sentence:
        if token.lower_ in according:
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in (to or token).children if c.dep_ == "pobj"), None)
            if obj is not None:
                actors = actors_of(obj, index, triggers)
                if actors:
                    return actors[0], "attribution.according-to"
    current = anchor
    for _ in range(8):
        if current.head.i == current.i:
            break
        parent = current.head
        if parent.lemma_.lower() in verbs and current.dep_ in (
            "ccomp",
            "parataxis",
            "conj",
            "advcl",
            "xcomp",
        ):
            subject = next((c for c in parent.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None and parent.dep_ == "advcl" and parent.head.i != parent.i:
                # "X went further, writing that ...": the participle's speaker is X.
                subject = next(
                    (c for c in parent.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
            if subject is not None:
                actors = actors_of(subject, index, triggers)
                if actors:
                    return actors[0], f"attribution.say:{parent.lemma_.lower()}"
        current = parent
    # "X, the official said": the verb of saying is the root and the event clause hangs
    # under it as its complement or beside it.
    root = sentence.root
    if root.lemma_.lower() in verbs and root.i != anchor.i and anchor in root.subtree:
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and anchor not in subject.subtree:
            actors = actors_of(subject, index, triggers)
            if actors:
                return actors[0], f"attribution.say:{root.lemma_.lower()}"
    return None, None
