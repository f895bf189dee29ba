"""An event's PLOVER context from the topic words of its clause.

``load_contexts(data_dir)`` reads ``event_contexts.toml`` (validated, ``[file:line]`` errors)
into ``ContextCues``; ``read_context`` gives an event its context: topic words in the
trigger's own phrase (the words it governs: "pledged to finance an air defence shield")
decide first (rule ``context.cue``), then topic words elsewhere in the sentence
(``context.sentence-cue``), then the trigger's own words (``context.trigger-cue``), then the
trigger pattern's own context.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CONTEXTS_FILE = "event_contexts.toml"
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"
_PHRASE = re.compile(r"^[a-z0-9][a-z0-9'\-]*( [a-z0-9][a-z0-9'\-]*)*$")
_NAME = re.compile(r"^[a-z][a-z_]*$")


@dataclass(frozen=True)
class ContextCues:
    """The PLOVER contexts, the topic phrases that signal each (by first word), and the
    older names that mean one of them."""

    names: frozenset[str]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: str | None) -> str | None:
        """``name`` under its current PLOVER name ("refugee" → "asylum"); None for none."""
        if not name:
            return None
        key = name.strip().lower()
        return self.aliases.get(key, key)


@dataclass(frozen=True)
class ContextReading:
    """An event's context and the rule and words that decided it."""

    context: str | None
    rule: str | None = None  # "context.cue:air defence"; None when the pattern's stood


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _refuse(line: int | None, message: str) -> DataFileError:
    return DataFileError(CONTEXTS_FILE, line, message)


def load_contexts(data_dir: Path | None = None) -> ContextCues:
    """Load and validate ``event_contexts.toml`` from ``data_dir`` when it has one, else the
    package's. Raises ``DataFileError`` naming the file and line."""
    folder = (
        data_dir if data_dir is not None and (data_dir / CONTEXTS_FILE).exists() else PACKAGE_DATA
    )
    path = folder / CONTEXTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise DataFileError(CONTEXTS_FILE, None, f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise _refuse(int(match.group(1)) if match else None, str(exc)) from exc
    contexts = data.get("contexts")
    if not isinstance(contexts, dict) or not contexts:
        raise DataFileError(CONTEXTS_FILE, None, "missing table [contexts]")
    for name, about in contexts.items():
        if not _NAME.match(name) or not isinstance(about, str):
            line = _line_of(text, f"{name} =")
            raise _refuse(line, f"[contexts] {name!r}: a lower_case name = text")
    names = frozenset(contexts)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    owner: dict[str, str] = {}
    for name, table in (data.get("cues") or {}).items():
        line = _line_of(text, f"[cues.{name}]")
        if name not in names:
            raise _refuse(line, f"[cues.{name}]: no such context in [contexts]")
        words = table.get("words") if isinstance(table, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _refuse(line, f"[cues.{name}] words must be a list of strings")
        for phrase in words:
            if not _PHRASE.match(phrase):
                raise _refuse(
                    _line_of(text, f'"{phrase}"'),
                    f"[cues.{name}] {phrase!r}: lower-case words separated by single spaces",
                )
            if phrase in owner:
                raise _refuse(
                    _line_of(text, f'"{phrase}"'),
                    f"[cues.{name}] {phrase!r} is already a cue of {owner[phrase]!r}",
                )
            owner[phrase] = name
            words_of = tuple(phrase.split())
            phrases.setdefault(words_of[0], []).append((words_of, name))
    for entries in phrases.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # the longest phrase first
    aliases: dict[str, str] = {}
    for old, new in (data.get("aliases") or {}).items():
        if not isinstance(new, str) or new not in names:
            line = _line_of(text, f"{old} =")
            raise _refuse(line, f"[aliases] {old!r} → unknown context {new!r}")
        aliases[old.lower()] = new
    return ContextCues(names=names, phrases=phrases, aliases=aliases)


def _hits(tokens: list[Token], cues: ContextCues) -> list[tuple[int, str, str]]:
    """``(token index, context, phrase)`` for each topic phrase among ``tokens`` (consecutive
    tokens of one sentence), the longest phrase at each place, matched on lemma or form."""
    found: list[tuple[int, str, str]] = []
    words = [(t.lemma_.lower(), t.lower_) for t in tokens]
    i = 0
    while i < len(tokens):
        step = 1
        for phrase, name in cues.phrases.get(words[i][0], []) + cues.phrases.get(words[i][1], []):
            end = i + len(phrase)
            if end <= len(tokens) and all(
                want in words[i + k] for k, want in enumerate(phrase)
            ):
                found.append((tokens[i].i, name, " ".join(phrase)))
                step = len(phrase)
                break
        i += step
    return found


def _best(hits: list[tuple[int, str, str]], anchor: Token) -> tuple[str, str]:
    """The context most often signalled; a tie goes to a thing named ("air defence") over an
    act ("finance": what is financed is the topic), then to the cue nearest the trigger."""
    doc = anchor.doc
    counts = Counter(name for _, name, _ in hits)
    top = max(counts.values())
    near = min(
        (h for h in hits if counts[h[1]] == top),
        key=lambda h: (doc[h[0]].pos_ == "VERB", abs(h[0] - anchor.i)),
    )
    return near[1], near[2]


def read_context(
    anchor: Token,
    span: Span,
    default: str | None,
    cues: ContextCues,
    trigger: frozenset[int] = frozenset(),
) -> ContextReading:
    """The context of the event whose trigger is ``anchor`` in sentence ``span``
    (``trigger``: the token indexes of the trigger's own word, by default the anchor; the
    object nouns of a pattern, "exchanged intelligence", are topic words like any other).

    Topic words the trigger governs (its syntactic subtree: objects, complements, their
    prepositional phrases) decide: the offence of "convicted of corruption" over the verdict;
    then topic words elsewhere in the sentence; then the trigger's own words ("sentenced" is
    legal); then the pattern's ``default``, which is often only the broadest fit of its verb
    ("condemned" is diplomatic unless the sentence says about what). The subject's words are not the
    trigger's: "the army's spokesman accused the court" is about the court."""
    default = cues.canonical(default)
    trigger = trigger or frozenset({anchor.i})
    subject = {
        t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
    }
    own = [t for t in anchor.subtree if t.i not in subject]
    hits = _hits_in_runs(own, cues)
    governed = [h for h in hits if h[0] not in trigger]
    if governed:
        name, phrase = _best(governed, anchor)
        return ContextReading(name, f"context.cue:{phrase}")
    rest = [h for h in _hits(list(span), cues) if h[0] not in trigger]
    if rest:
        name, phrase = _best(rest, anchor)
        return ContextReading(name, f"context.sentence-cue:{phrase}")
    if hits:
        name, phrase = _best(hits, anchor)
        return ContextReading(name, f"context.trigger-cue:{phrase}")
    return ContextReading(default)


def _hits_in_runs(tokens: list[Token], cues: ContextCues) -> list[tuple[int, str, str]]:
    """Topic phrases among ``tokens`` (in order, maybe with gaps), each matched within a run
    of adjacent tokens so that no phrase spans a gap."""
    hits: list[tuple[int, str, str]] = []
    run: list[Token] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if run and token.i != run[-1].i + 1:
            hits += _hits(run, cues)
            run = []
        run.append(token)
    return hits + _hits(run, cues)


# -- modes ---------------------------------------------------------------------------------
MODES_FILE = "event_modes.toml"


@dataclass(frozen=True)
class ModeCues:
    """For each PLOVER type, its modes and the words that signal each (by first word)."""

    phrases: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]]
    aliases: dict[str, str] = field(default_factory=dict)  # older mode names → these

    def modes(self, type_: str) -> frozenset[str]:
        return frozenset(name for entries in self.phrases.get(type_, {}).values()
                         for _, name in entries)  # fmt: skip


def load_modes(data_dir: Path | None = None) -> ModeCues:
    """Load and validate ``event_modes.toml`` (``data_dir``'s when it has one, else the
    package's). Raises ``DataFileError`` naming the file and line."""
    from dateline.models import PLOVER_TYPES

    folder = data_dir if data_dir is not None and (data_dir / MODES_FILE).exists() else PACKAGE_DATA
    try:
        text = (folder / MODES_FILE).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise DataFileError(MODES_FILE, None, f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataFileError(MODES_FILE, int(match.group(1)) if match else None, str(exc)) from exc
    out: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
    aliases = data.pop("aliases", {})
    for type_, modes in data.items():
        if type_ not in PLOVER_TYPES or not isinstance(modes, dict):
            line = _line_of(text, f"[{type_}]")
            raise DataFileError(MODES_FILE, line, f"[{type_}] is not a PLOVER type")
        owner: dict[str, str] = {}
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for mode, words in modes.items():
            line = _line_of(text, f"{mode} =")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DataFileError(MODES_FILE, line, f"[{type_}] {mode} must be a list of strings")
            for phrase in words:
                if not _PHRASE.match(phrase):
                    raise DataFileError(MODES_FILE, line, f"[{type_}] {mode}: bad word {phrase!r}")
                if phrase in owner:
                    raise DataFileError(
                        MODES_FILE, line,
                        f"[{type_}] {mode}: {phrase!r} already signals {owner[phrase]!r}",
                    )  # fmt: skip
                owner[phrase] = mode
                words_of = tuple(phrase.split())
                index.setdefault(words_of[0], []).append((words_of, mode))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        out[type_] = index
    known = {mode for index in out.values() for entries in index.values() for _, mode in entries}
    for old, new in aliases.items():
        if new not in known:
            line = _line_of(text, f"{old} =")
            raise DataFileError(MODES_FILE, line, f"[aliases] {old!r} → unknown mode {new!r}")
    return ModeCues(out, {str(k).lower(): str(v) for k, v in aliases.items()})


def read_mode(anchor: Token, span: Span, type_: str, cues: ModeCues) -> ContextReading:
    """The mode of an event of ``type_`` whose trigger is ``anchor``, for a pattern that names
    none: words of the trigger's own phrase (the trigger and what it governs, not its
    subject) decide, then words elsewhere in the sentence (rules ``mode.cue``,
    ``mode.sentence-cue``). The reading's ``context`` field holds the mode."""
    index = cues.phrases.get(type_)
    if not index:
        return ContextReading(None)
    table = ContextCues(names=frozenset(), phrases=index)
    subject = {
        t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
    }
    hits = _hits_in_runs([t for t in anchor.subtree if t.i not in subject], table)
    if hits:
        name, phrase = _best(hits, anchor)
        return ContextReading(name, f"mode.cue:{phrase}")
    hits = _hits(list(span), table)
    if hits:
        name, phrase = _best(hits, anchor)
        return ContextReading(name, f"mode.sentence-cue:{phrase}")
    return ContextReading(None)
