"""An event's PLOVER context and mode from the words of its clause.

``load_contexts(data_dir)`` reads ``event_contexts.toml`` into ``ContextCues`` and
``load_modes(data_dir)`` reads ``event_modes.toml`` into ``ModeCues`` (validated, ``[file:line]``
errors). ``read_context`` gives an event its context: topic words in the trigger's own phrase
(the words it governs: "pledged to finance an air defence shield") decide first (rule
``context.cue``), then topic words elsewhere in the sentence (``context.sentence-cue``), then
the trigger's own word (``context.trigger-cue``), then the trigger pattern's own context.
``read_mode`` gives a mode, for a pattern that names none, the same way from the words of the
event's type (``mode.cue``, ``mode.sentence-cue``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import DataFileError
from dateline.events.patterns import PACKAGE_DATA, line_of, read_toml

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CONTEXTS_FILE = "event_contexts.toml"
MODES_FILE = "event_modes.toml"
_PHRASE = re.compile(r"^[a-z0-9][a-z0-9'\-]*( [a-z0-9][a-z0-9'\-]*)*$")
_NAME = re.compile(r"^[a-z][a-z_]*$")

# Phrases by their first word, the longest first: {"air": [(("air", "defence"), "military")]}.
Phrases = dict[str, list[tuple[tuple[str, ...], str]]]
Hit = tuple[int, str, str]  # (token index, the label it signals, the phrase)


@dataclass(frozen=True)
class ContextCues:
    """The PLOVER contexts, their topic phrases, and the older names that mean one of them."""

    names: frozenset[str]
    phrases: Phrases = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: str | None) -> str | None:
        """``name`` under its current PLOVER name ("refugee" → "asylum"); None for none."""
        return _canonical(name, self.aliases)


@dataclass(frozen=True)
class ModeCues:
    """For each PLOVER type, the phrases that signal each of its modes, and the older or
    finer mode names that fall under one of them."""

    phrases: dict[str, Phrases]
    aliases: dict[str, str] = field(default_factory=dict)

    def modes(self, type_: str) -> frozenset[str]:
        return frozenset(m for entries in self.phrases.get(type_, {}).values() for _, m in entries)

    def canonical(self, name: str | None) -> str | None:
        """``name`` under its name here ("demo-spon" → "demo"); None for none."""
        return _canonical(name, self.aliases)


@dataclass(frozen=True)
class CueReading:
    """A context or mode and the rule and words that decided it (None: no cue decided)."""

    value: str | None
    rule: str | None = None  # "context.cue:air defence"


def _canonical(name: str | None, aliases: dict[str, str]) -> str | None:
    if not name:
        return None
    key = name.strip().lower()
    return aliases.get(key, key)


def _folder(data_dir: Path | None, name: str) -> Path:
    return data_dir if data_dir is not None and (data_dir / name).exists() else PACKAGE_DATA


def _index(labelled: list[tuple[str, Any, int | None]], file: str, where: str) -> Phrases:
    """The phrase index of ``(label, words, line)`` lists, validated: each a list of lower-case
    words or phrases, no phrase under two labels. ``where`` names a label in errors
    ("[cues.{}]")."""
    phrases: Phrases = {}
    owner: dict[str, str] = {}
    for label, words, line in labelled:
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(file, line, f"{where.format(label)} must be a list of strings")
        for phrase in words:
            if not _PHRASE.match(phrase):
                raise DataFileError(
                    file, line, f"{where.format(label)} {phrase!r}: lower-case words separated "
                    "by single spaces",
                )  # fmt: skip
            if phrase in owner:
                message = f"{where.format(label)} {phrase!r} already signals {owner[phrase]!r}"
                raise DataFileError(file, line, message)
            owner[phrase] = label
            words_of = tuple(phrase.split())
            phrases.setdefault(words_of[0], []).append((words_of, label))
    for entries in phrases.values():
        entries.sort(key=lambda entry: -len(entry[0]))  # the longest phrase first
    return phrases


def _aliases(table: Any, known: set[str] | frozenset[str], text: str, file: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for old, new in (table or {}).items():
        if not isinstance(new, str) or new not in known:
            line = line_of(text, f"{old} =")
            raise DataFileError(file, line, f"[aliases] {old!r} → unknown name {new!r}")
        out[str(old).lower()] = new
    return out


def load_contexts(data_dir: Path | None = None) -> ContextCues:
    """Load and validate ``event_contexts.toml`` from ``data_dir`` when it has one, else the
    package's. Raises ``DataFileError`` naming the file and line."""
    data, text = read_toml(_folder(data_dir, CONTEXTS_FILE) / CONTEXTS_FILE)
    contexts = data.get("contexts")
    if not isinstance(contexts, dict) or not contexts:
        raise DataFileError(CONTEXTS_FILE, None, "missing table [contexts]")
    for name, about in contexts.items():
        if not _NAME.match(name) or not isinstance(about, str):
            line = line_of(text, f"{name} =")
            message = f"[contexts] {name!r}: a lower_case name = text"
            raise DataFileError(CONTEXTS_FILE, line, message)
    names = frozenset(contexts)
    labelled = []
    for name, table in (data.get("cues") or {}).items():
        line = line_of(text, f"[cues.{name}]")
        if name not in names:
            message = f"[cues.{name}]: no such context in [contexts]"
            raise DataFileError(CONTEXTS_FILE, line, message)
        labelled.append((name, table.get("words") if isinstance(table, dict) else None, line))
    return ContextCues(
        names=names,
        phrases=_index(labelled, CONTEXTS_FILE, "[cues.{}]"),
        aliases=_aliases(data.get("aliases"), names, text, CONTEXTS_FILE),
    )


def load_modes(data_dir: Path | None = None) -> ModeCues:
    """Load and validate ``event_modes.toml`` (``data_dir``'s when it has one, else the
    package's). Raises ``DataFileError`` naming the file and line."""
    from dateline.models import PLOVER_TYPES

    data, text = read_toml(_folder(data_dir, MODES_FILE) / MODES_FILE)
    aliases = data.pop("aliases", {})
    out: dict[str, Phrases] = {}
    for type_, modes in data.items():
        if type_ not in PLOVER_TYPES or not isinstance(modes, dict):
            line = line_of(text, f"[{type_}]")
            raise DataFileError(MODES_FILE, line, f"[{type_}] is not a PLOVER type")
        labelled = [(mode, words, line_of(text, f"{mode} =")) for mode, words in modes.items()]
        out[type_] = _index(labelled, MODES_FILE, f"[{type_}] {{}}:")
    known = {mode for index in out.values() for entries in index.values() for _, mode in entries}
    return ModeCues(out, _aliases(aliases, known, text, MODES_FILE))


def _hits(tokens: list[Token], phrases: Phrases) -> list[Hit]:
    """Each phrase among ``tokens`` (consecutive tokens of one sentence), the longest at each
    place, matched on lemma or form."""
    found: list[Hit] = []
    words = [(t.lemma_.lower(), t.lower_) for t in tokens]
    i = 0
    while i < len(tokens):
        step = 1
        for phrase, label in phrases.get(words[i][0], []) + phrases.get(words[i][1], []):
            end = i + len(phrase)
            if end <= len(tokens) and all(want in words[i + k] for k, want in enumerate(phrase)):
                found.append((tokens[i].i, label, " ".join(phrase)))
                step = len(phrase)
                break
        i += step
    return found


def _clause_hits(anchor: Token, phrases: Phrases) -> list[Hit]:
    """The phrases of the trigger's own phrase: its subtree without its subject (the army's
    spokesman who "accused the court" speaks about the court), each matched within a run of
    adjacent tokens so that no phrase spans the subject's gap."""
    subject = {t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    hits: list[Hit] = []
    run: list[Token] = []
    for token in anchor.subtree:  # in text order
        if token.i in subject:
            continue
        if run and token.i != run[-1].i + 1:
            hits += _hits(run, phrases)
            run = []
        run.append(token)
    return hits + _hits(run, phrases)


def _best(hits: list[Hit], anchor: Token) -> tuple[str, str]:
    """The label most often signalled; a tie goes to a thing named ("air defence") over an
    act ("finance": what is financed is the topic), then to the phrase nearest the trigger."""
    doc = anchor.doc
    counts = Counter(label for _, label, _ in hits)
    top = max(counts.values())
    near = min(
        (h for h in hits if counts[h[1]] == top),
        key=lambda h: (doc[h[0]].pos_ == "VERB", abs(h[0] - anchor.i)),
    )
    return near[1], near[2]


def _decide(
    anchor: Token, span: Span, phrases: Phrases, rule: str, *, own_word_last: bool
) -> CueReading | None:
    """The label of the words the trigger governs, else of the rest of the sentence, and,
    with ``own_word_last``, the trigger's own word only after both (else it counts with the
    words it governs); None when no phrase is found."""
    clause = _clause_hits(anchor, phrases)
    governed = [h for h in clause if h[0] != anchor.i] if own_word_last else clause
    if governed:
        label, phrase = _best(governed, anchor)
        return CueReading(label, f"{rule}.cue:{phrase}")
    rest = [h for h in _hits(list(span), phrases) if h[0] != anchor.i]
    if rest:
        label, phrase = _best(rest, anchor)
        return CueReading(label, f"{rule}.sentence-cue:{phrase}")
    word = [h for h in clause if h[0] == anchor.i]
    if word:
        return CueReading(word[0][1], f"{rule}.trigger-cue:{word[0][2]}")
    return None


def read_context(anchor: Token, span: Span, default: str | None, cues: ContextCues) -> CueReading:
    """The context of the event whose trigger is ``anchor`` in sentence ``span``: topic words
    the trigger governs (the offence of "convicted of corruption" over the verdict), then
    those elsewhere in the sentence, then the trigger's own word ("sentenced" is legal), then
    the pattern's ``default``, which is often only the broadest fit of its verb ("condemned"
    is diplomatic unless the sentence says about what)."""
    found = _decide(anchor, span, cues.phrases, "context", own_word_last=True)
    return found or CueReading(cues.canonical(default))


def read_mode(anchor: Token, span: Span, type_: str, cues: ModeCues) -> CueReading:
    """The mode of an event of ``type_`` whose trigger is ``anchor``, for a pattern that names
    none: the words of the trigger's own phrase, its own word included ("shelled" is heavy
    weapons), then the rest of the sentence."""
    phrases = cues.phrases.get(type_)
    found = _decide(anchor, span, phrases, "mode", own_word_last=False) if phrases else None
    return found or CueReading(None)
