"""Which event of a sentence is its main event: what a one-event-per-sentence gold file calls
the sentence's event (``main_event`` in ``dateline.events``).

The shallowest trigger (nearest the root of its sentence) wins, and four structural rules
refine that choice; each records its name in the chosen events' trace. Their word lists and
type table are in ``data/main_event.toml`` (``MainRules``):

- ``main.background``: an act noun or gerund inside a time adjunct ("a week after an attack
  on ...", "after meeting the minister", "before the war began") dates the news and is not the
  news: it is never the main event, and a sentence whose every act is one reports none.

- ``main.adjunct``: of two triggers equally near the root, one on the verb itself or its object
  beats a noun that is only a circumstance of the clause: the object of a preposition ("in
  consultation with", "upon request from", "in a meeting with").
- ``main.response``: a refusal joined by "but" to the sentence's act is its news ("the
  government asked the judge to delay his ruling, but he declined").
- ``main.specific``: a generic act (support, a deployment) gives way to a specific act it is
  tied to in the same clause: its purpose ("deployed a team to provide relief"), its
  coordinated verb ("will support Ukraine and provide it with assistance") or its subject or
  object ("humanitarian assistance supports the operations of ..."). Which types are generic for
  which specific one is codebook knowledge (PLOVER: material aid is the specific form of
  support).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import DataFileError
from dateline.events.matcher import depth
from dateline.events.patterns import PACKAGE_DATA, line_of
from dateline.models import PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from dateline.models import Event

MAIN_FILE = "main_event.toml"


@dataclass(frozen=True)
class MainRules:
    """The word lists and type table of the main-event rules (``data/main_event.toml``)."""

    time_words: frozenset[str] = frozenset()
    contrast_words: frozenset[str] = frozenset()
    response_types: frozenset[str] = frozenset()
    # specific type -> the generic types it replaces when tied to them in one clause
    specific: dict[str, frozenset[str]] = field(default_factory=dict)


def _fail(path: Path, text: str, needle: str, message: str) -> DataFileError:
    return DataFileError(str(path), line_of(text, needle), message)


def _words(path: Path, text: str, table: dict[str, Any], key: str) -> frozenset[str]:
    words = table.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise _fail(path, text, key, f"{key} must be a list of non-empty words")
    return frozenset(w.lower() for w in words)


def parse_main_rules(text: str, path: Path) -> MainRules:
    """Read ``main_event.toml`` text. Returns the ``MainRules``; raises ``DataFileError``
    ("[file:line] message") on unknown tables or keys, empty words or unknown types."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(str(path), None, f"not valid TOML: {error}") from error
    unknown = set(data) - {"background", "response", "specific"}
    if unknown:
        name = sorted(unknown)[0]
        raise _fail(
            path, text, name, f"unknown table {name!r}; use [background], [response], [[specific]]"
        )
    response = data.get("response", {})
    if set(response) - {"contrast_words", "types"}:
        raise _fail(path, text, "[response]", "[response] holds only contrast_words and types")
    response_types = frozenset(str(t).upper() for t in _words(path, text, response, "types"))
    if response_types - set(PLOVER_TYPES):
        raise _fail(path, text, "types", "[response] types must be PLOVER types")
    background = data.get("background", {})
    if set(background) - {"time_words"}:
        raise _fail(path, text, "[background]", "[background] holds only time_words")
    specific: dict[str, frozenset[str]] = {}
    for n, entry in enumerate(data.get("specific", []), start=1):
        type_, over = entry.get("type"), entry.get("over")
        types = [type_, *(over if isinstance(over, list) else [None])]
        if set(entry) != {"type", "over"} or not over or any(t not in PLOVER_TYPES for t in types):
            raise _fail(
                path, text, "[[specific]]" if n == 1 else f'type = "{type_}"',
                "each [[specific]] names a PLOVER type and the PLOVER types it is 'over'",
            )  # fmt: skip
        specific[str(type_)] = frozenset(str(t) for t in over) - {type_}
    return MainRules(
        _words(path, text, background, "time_words"),
        _words(path, text, response, "contrast_words"),
        response_types,
        specific,
    )


@cache
def load_main_rules(data_dir: Path = PACKAGE_DATA) -> MainRules:
    """The main-event rules of ``data_dir/main_event.toml`` (read once per directory)."""
    path = data_dir / MAIN_FILE
    return parse_main_rules(path.read_text(encoding="utf-8"), path)


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


def _background(token: Token, time_words: frozenset[str]) -> bool:
    """The trigger is an act noun or a gerund in a time adjunct (``main.background``): the
    object of a time preposition, a gerund after one, or a noun in a clause a time
    subordinator opens, at any height. A finite verb there is left alone: a clause can report
    a new act ("... before police removed the camp"), an act noun names a known one."""
    if token.pos_ not in ("NOUN", "PROPN") and token.dep_ != "pcomp":
        return False
    for _ in range(50):
        head = token.head
        if token.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in time_words:
            return True
        if any(c.dep_ == "mark" and c.lower_ in time_words for c in token.children):
            return True
        if head.i == token.i:
            return False
        token = head
    return False


def _answers(event: Event, act: Event, roots: dict[int, Token | None], rules: MainRules) -> bool:
    """``event`` is a refusal joined to ``act`` by a contrast ("asked ..., but he declined")."""
    token, head = roots[id(event)], roots[id(act)]
    if event.type not in rules.response_types or act.type in rules.response_types:
        return False
    if token is None or head is None:
        return False
    token, head = predicate(token), predicate(head)
    if token.dep_ != "conj" or token.head.i != head.i:
        return False
    between = [*token.children, *head.children]
    return any(c.dep_ == "cc" and c.lower_ in rules.contrast_words for c in between)


def main_event(events: list[Event], doc: Doc | None, rules: MainRules | None = None) -> list[Event]:
    """The events of the main trigger of one short document (all its targets). Takes the
    events, the document's parse (``None``: the first trigger wins) and the rules (default:
    the package's ``main_event.toml``); returns the chosen trigger's events, with the
    structural rule that chose them, if any, added to their trace, or none when every act is
    background (``main.background``)."""
    if not events:
        return []
    if doc is None:
        best = min(events, key=lambda e: e.evidence.trigger_start or 0)
        return _same_trigger(events, best)
    rules = rules or load_main_rules()
    roots = {id(e): _root(e, doc) for e in events}
    foreground = [
        e
        for e in events
        if (token := roots[id(e)]) is None or not _background(token, rules.time_words)
    ]
    trace = ["main.background"] if len(foreground) < len(events) else []

    def key(event: Event) -> tuple[int, int, int]:
        token = roots[id(event)]
        start = event.evidence.trigger_start or 0
        if token is None:
            return (99, 0, start)
        return (depth(predicate(token)), int(_adjunct(token)), start)

    ranked = sorted(foreground, key=key)
    if not ranked:
        return []
    best = ranked[0]
    nearest = [e for e in ranked if key(e)[0] == key(best)[0]]
    if len({key(e)[1] for e in nearest}) > 1 and best.evidence.trigger_start != min(
        e.evidence.trigger_start or 0 for e in nearest
    ):
        trace.append("main.adjunct")
    best_token = roots[id(best)]
    answer = next((e for e in ranked if _answers(e, best, roots, rules)), None)
    if answer is not None:
        best, best_token = answer, None
        trace.append("main.response")
    if best_token is not None:
        for event in ranked:
            token = roots[id(event)]
            generic = rules.specific.get(event.type, frozenset())
            if token is not None and best.type in generic and _tied(token, best_token):
                best = event
                trace.append("main.specific")
                break
    chosen = _same_trigger(events, best)
    for event in chosen:
        event.evidence.rules.extend(r for r in trace if r not in event.evidence.rules)
    return chosen


def _same_trigger(events: list[Event], best: Event) -> list[Event]:
    return [
        e
        for e in events
        if e.evidence.trigger_start == best.evidence.trigger_start
        and e.evidence.rule == best.evidence.rule
    ]
