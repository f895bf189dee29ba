"""Trigger patterns and coder cues, loaded from data files and validated.

``load_patterns(data_dir)`` reads ``event_triggers.toml`` and ``event_cues.toml`` (from
``data_dir`` when given, else the package's ``data`` folder) and returns ``Triggers``: lookup
tables by lemma, built once per ``Pipeline`` (``Pipeline.triggers``). Errors are raised as
``DataFileError`` with ``[file:line] message``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import DataFileError
from dateline.models import PLOVER_TYPES

if TYPE_CHECKING:
    from dateline.events.context import ContextCues, ModeCues
    from dateline.events.lexicon import Lexicon

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"
TRIGGERS_FILE = "event_triggers.toml"
CUES_FILE = "event_cues.toml"

# Words so common that a trigger on them alone would match nearly every sentence.
TOO_GENERAL = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "make",
        "get",
        "go",
        "take",
        "give",
        "come",
        "put",
        "set",
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "it",
        "this",
        "that",
        "thing",
        "",
        "*",
    }
)
_WORD = re.compile(r"^[a-z][a-z'\-]*$")
# An object may name its modifier too ("visa restriction", "travel ban"): the head noun's
# lemma after the lemma of a noun or adjective that modifies it; or the noun an "of" phrase
# says the kind of ("state of emergency").
_MODIFIED = re.compile(r"^[a-z][a-z'\-]*( of)? [a-z][a-z'\-]*$")
_FIELDS = {"id", "type", "mode", "context", "cameo", "verbs", "objects", "preps", "particle",
           "nouns", "modals", "priority", "unless_objects", "intransitive", "reported",
           "object_preps", "modifiers", "transitive"}  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """One trigger pattern of the data file."""

    id: str
    type: str
    mode: str | None
    context: str | None
    cameo: str
    verbs: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()  # fires on any verb with this modal under a verb of saying
    # The verb does not fire with one of these as its object ("released a statement").
    unless_objects: frozenset[str] = frozenset()
    # The verb fires only without a direct object ("thousands demonstrated", not
    # "demonstrated its resolve").
    intransitive: bool = False
    # The verb fires only as what someone says or finds: in the clause a verb of saying or
    # judging governs ("said X had lied", "ruled that X violated the law"), not on its own.
    reported: bool = False
    # With objects: the object word fires only with one of these prepositions on it
    # ("was critical of Turkey", not "is critical to the economy").
    object_preps: frozenset[str] = frozenset()
    # With nouns: the noun fires only with one of these words as its compound or adjective
    # ("a hunger strike", "a general strike"; a bare "strike" is left to other triggers).
    modifiers: frozenset[str] = frozenset()
    # The verb fires only with an object or a passive subject ("returned the bodies", "the
    # villages were returned"; not "returned to Kyiv").
    transitive: bool = False
    priority: int = 0
    line: int = 0
    source: str = ""  # a dictionary entry's own line ("CAMEO.2.0.txt:1160"); "" for the TOML
    text: str = ""  # that dictionary line as written


@dataclass
class Triggers:
    """Trigger patterns indexed by lemma, with the cue lists of the coder."""

    patterns: list[Trigger]
    by_verb: dict[str, list[Trigger]] = field(default_factory=dict)
    by_noun: dict[str, list[Trigger]] = field(default_factory=dict)
    object_nouns: frozenset[str] = frozenset()
    modal_patterns: list[Trigger] = field(default_factory=list)
    cues: dict[str, Any] = field(default_factory=dict)
    lexicon: Lexicon | None = None  # the CAMEO verb dictionary, filling in where none fires
    contexts: ContextCues | None = None  # PLOVER contexts and their topic words
    modes: ModeCues | None = None  # PLOVER modes by type and the words that signal them

    def cue(self, table: str, key: str) -> frozenset[str]:
        """The cue word list ``[table] key`` as a set (empty when absent)."""
        return frozenset(self.cues.get(table, {}).get(key, ()))


def line_of(text: str, needle: str, nth: int = 1) -> int | None:
    """The line number of the ``nth`` line holding ``needle`` (for a data file's errors)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            nth -= 1
            if nth == 0:
                return number
    return None


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A data file's table and text; ``DataFileError`` with the line of a TOML error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc}") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataFileError(path.name, int(match.group(1)) if match else None, str(exc)) from exc


def _words(
    value: Any, where: tuple[str, int | None], name: str, modified: bool = False
) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(*where, f"'{name}' must be a list of strings")
    words = [v.strip().lower() for v in value]
    for word in words:
        if modified and _MODIFIED.match(word):
            continue
        if not _WORD.match(word):
            raise DataFileError(*where, f"'{name}' has {word!r}: one lowercase word (a lemma)")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:  # a slip when editing a long list; say so rather than hide it in a set
        raise DataFileError(*where, f"'{name}' lists {', '.join(map(repr, repeated))} twice")
    return frozenset(words)


def _trigger(entry: dict[str, Any], text: str, name: str, seen: set[str]) -> Trigger:
    rule_id = entry.get("id")
    nth = 2 if rule_id in seen else 1
    line = line_of(text, f'id = "{rule_id}"', nth) if isinstance(rule_id, str) else None
    where = (name, line)
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise DataFileError(*where, "a [[trigger]] has no 'id'")
    if rule_id in seen:
        raise DataFileError(*where, f"duplicate trigger id {rule_id!r}")
    seen.add(rule_id)
    unknown = set(entry) - _FIELDS
    if unknown:
        raise DataFileError(*where, f"unknown field(s) {sorted(unknown)} in {rule_id!r}")
    type_ = entry.get("type")
    if type_ not in PLOVER_TYPES:
        raise DataFileError(*where, f"{rule_id!r}: type {type_!r} is not a PLOVER 2021 type")
    cameo = str(entry.get("cameo", ""))
    if not re.fullmatch(r"\d\d", cameo):
        raise DataFileError(*where, f"{rule_id!r}: cameo must be a two-digit root code")
    verbs = _words(entry.get("verbs"), where, "verbs")
    nouns = _words(entry.get("nouns"), where, "nouns")
    objects = _words(entry.get("objects"), where, "objects", modified=True)
    preps = _words(entry.get("preps"), where, "preps")
    particle = _words(entry.get("particle"), where, "particle")
    modals = _words(entry.get("modals"), where, "modals")
    unless_objects = _words(entry.get("unless_objects"), where, "unless_objects")
    intransitive = entry.get("intransitive", False)
    transitive = entry.get("transitive", False)
    for name, flag in (("intransitive", intransitive), ("transitive", transitive)):
        if not isinstance(flag, bool):
            raise DataFileError(*where, f"{rule_id!r}: {name} must be true or false")
    if (unless_objects or intransitive or transitive) and (objects or not verbs):
        raise DataFileError(
            *where,
            f"{rule_id!r}: unless_objects/intransitive/transitive need 'verbs' and no 'objects'",
        )
    reported = entry.get("reported", False)
    if not isinstance(reported, bool):
        raise DataFileError(*where, f"{rule_id!r}: reported must be true or false")
    if reported and not verbs:
        raise DataFileError(*where, f"{rule_id!r}: reported needs 'verbs'")
    object_preps = _words(entry.get("object_preps"), where, "object_preps")
    if object_preps and not objects:
        raise DataFileError(*where, f"{rule_id!r}: object_preps need 'objects'")
    modifiers = _words(entry.get("modifiers"), where, "modifiers")
    if modifiers and not nouns:
        raise DataFileError(*where, f"{rule_id!r}: modifiers need 'nouns'")
    if intransitive and transitive:
        raise DataFileError(*where, f"{rule_id!r}: a verb cannot be both transitive and not")
    if not verbs and not nouns and not modals:
        raise DataFileError(*where, f"{rule_id!r} has neither 'verbs', 'nouns' nor 'modals'")
    if modals & {"will", "be", "have", "do"}:
        raise DataFileError(
            *where, f"{rule_id!r}: modal {sorted(modals)} would match nearly every report"
        )
    if (objects or particle) and not verbs:
        raise DataFileError(*where, f"{rule_id!r}: objects/particle need 'verbs'")
    if preps and not (verbs or nouns):
        raise DataFileError(*where, f"{rule_id!r}: preps need 'verbs' or 'nouns'")
    if preps and verbs and nouns:
        raise DataFileError(
            *where, f"{rule_id!r}: preps apply to verbs or to nouns; give them in two triggers"
        )
    # A bare trigger on a word that is in almost every sentence would match everything.
    bare = (verbs if not (objects or preps or particle) else frozenset()) | nouns
    general = sorted(bare & TOO_GENERAL)
    if general:
        raise DataFileError(
            *where,
            f"{rule_id!r}: {general} alone would match nearly "
            "every sentence; give 'objects', 'preps' or 'particle'",
        )
    priority = entry.get("priority", 0)
    if not isinstance(priority, int):
        raise DataFileError(*where, f"{rule_id!r}: priority must be an integer")
    return Trigger(
        id=rule_id,
        type=type_,
        mode=entry.get("mode") or None,
        context=entry.get("context") or None,
        cameo=cameo,
        verbs=verbs,
        objects=objects,
        preps=preps,
        particle=particle,
        nouns=nouns,
        modals=modals,
        unless_objects=unless_objects,
        intransitive=intransitive,
        reported=reported,
        object_preps=object_preps,
        modifiers=modifiers,
        transitive=transitive,
        priority=priority,
        line=line or 0,
    )


def _check_cues(cues: dict[str, Any], text: str, name: str) -> None:
    for table in ("status", "attribution", "roles", "codes", "intent"):
        if not isinstance(cues.get(table), dict):
            raise DataFileError(name, None, f"missing table [{table}]")
    for table in ("status", "attribution", "roles", "intent"):
        for key, value in cues[table].items():
            line = line_of(text, f"{key} =")
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DataFileError(name, line, f"[{table}] {key} must be a list of strings")
            if any(not v.strip() for v in value):
                raise DataFileError(name, line, f"[{table}] {key} has an empty word")
            if len(set(value)) != len(value):
                raise DataFileError(name, line, f"[{table}] {key} lists a word twice")


def load_patterns(data_dir: Path | None = None, *, lexicon: bool = True) -> Triggers:
    """Load and validate the trigger patterns and cues, and (unless ``lexicon`` is False)
    the CAMEO verb dictionary (``lexicon.load_lexicon``).

    Takes an alternative data folder (files of the same names) or ``None`` for the package's.
    Returns ``Triggers``. Raises ``DataFileError`` (``[file:line] message``) on a bad file,
    including a pattern that would match nearly every sentence.
    """
    folder = (
        data_dir if data_dir is not None and (data_dir / TRIGGERS_FILE).exists() else PACKAGE_DATA
    )
    data, text = read_toml(folder / TRIGGERS_FILE)
    entries = data.get("trigger")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(TRIGGERS_FILE, None, "no [[trigger]] entries")
    seen: set[str] = set()
    patterns = [_trigger(e, text, TRIGGERS_FILE, seen) for e in entries]
    cue_folder = (
        data_dir if data_dir is not None and (data_dir / CUES_FILE).exists() else PACKAGE_DATA
    )
    cues, cue_text = read_toml(cue_folder / CUES_FILE)
    _check_cues(cues, cue_text, CUES_FILE)
    from dateline.events.context import CONTEXTS_FILE, load_contexts, load_modes

    contexts = load_contexts(data_dir)
    for pattern in patterns:
        name = contexts.canonical(pattern.context)
        if name is not None and name not in contexts.names:
            raise DataFileError(
                TRIGGERS_FILE, pattern.line,
                f"{pattern.id}: context {pattern.context!r} is not in {CONTEXTS_FILE} [contexts]",
            )  # fmt: skip
    triggers = Triggers(patterns=patterns, cues=cues, contexts=contexts, modes=load_modes(data_dir))
    objects: set[str] = set()
    for pattern in patterns:
        for verb in pattern.verbs:
            triggers.by_verb.setdefault(verb, []).append(pattern)
        for noun in pattern.nouns:
            triggers.by_noun.setdefault(noun, []).append(pattern)
        objects |= pattern.objects
        if pattern.modals:
            triggers.modal_patterns.append(pattern)
    for table in (triggers.by_verb, triggers.by_noun):
        for plist in table.values():
            plist.sort(key=lambda p: -p.priority)
    triggers.object_nouns = frozenset(objects)
    if lexicon:
        from dateline.events.lexicon import load_lexicon

        triggers.lexicon = load_lexicon(data_dir)
    return triggers
