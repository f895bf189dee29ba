"""The field's verb dictionary (CAMEO, from PETRARCH2) as data: loaded, validated, matched.

``load_lexicon(data_dir)`` reads ``cameo_verbs.jsonl`` (written by
``scripts/convert_cameo.py``; MIT notice on its first line and in ``cameo_verbs.LICENSE``) and
returns a ``Lexicon``: for each verb lemma, the dictionary entries that can code it, each with
its CAMEO code, PLOVER type, mode and context, and its source line. ``Lexicon.match(token)``
gives the most specific entry whose pattern the verb's parse satisfies: a pattern with an
object, particle, preposition or subject beats the verb alone. An entry may say "no event"
(CAMEO ``---``) or be a statement (CAMEO 01/02, no PLOVER type); the matcher makes events
only of the others. Errors are ``DataFileError`` with ``[file:line] message``.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import DataFileError
from dateline.events.patterns import PACKAGE_DATA, TOO_GENERAL, Trigger
from dateline.models import PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_FILE = "cameo_verbs.jsonl"
LISTS_FILE = "cameo_lexicon.toml"
_CODE = re.compile(r"^\d{2,4}$")
_WORD = re.compile(r"^[a-z][a-z'\-]*$")
_KINDS = ("notice", "synset", "verb", "pattern")
# Dependency labels of a verb's object, and of a passive subject (the object it was done to).
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "nsubjpass", "dative"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "compound:prt", "acomp", "dobj"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
# Markers of a clause under the verb, never one of its particles or prepositions.
INFINITIVE_DEPS = frozenset({"aux", "auxpass", "mark"})
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Entry:
    """One dictionary line that can code a verb: a pattern, or a verb alone."""

    src: str  # "CAMEO.2.0.txt:1160": the dictionary file and line
    text: str  # the dictionary line as written
    code: str | None  # full CAMEO code; None: the dictionary says this is no event
    type: str | None  # PLOVER type; None for statements and non-events
    mode: str | None
    context: str | None
    statement: bool  # CAMEO 01/02: a statement or appeal, no PLOVER event
    subject: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    mods: frozenset[str] = frozenset()
    preps: tuple[tuple[str, frozenset[str] | None], ...] = ()
    written_for: str | None = None  # the verb the pattern was first written for
    origin: str = ""  # a verb alone: its code from its own "line", its block's "head" or "block"
    line: int = 0  # line of cameo_verbs.jsonl

    @property
    def file(self) -> str:
        """The dictionary file of the entry."""
        return self.src.rsplit(":", 1)[0]

    @property
    def bare(self) -> bool:
        """Whether the entry is the verb alone, with no pattern around it."""
        return not (self.subject or self.particle or self.objects or self.preps)

    @property
    def anchors(self) -> frozenset[str]:
        """Words of which one must stand near the verb for the pattern to fit."""
        if self.objects:
            return self.objects
        if self.preps:
            return frozenset({self.preps[0][0]})
        return self.particle or self.subject

    @property
    def specificity(self) -> int:
        """How much of the parse the entry constrains: more wins."""
        return (
            2 * bool(self.objects)
            + bool(self.mods)
            + bool(self.subject)
            + bool(self.particle)
            + sum(1 + (nouns is not None) for _, nouns in self.preps)
        )

    @property
    def rule_id(self) -> str:
        """The rule id events record: ``cameo:<code>:<file>:<line>``."""
        return f"cameo:{self.code or '---'}:{self.src}"

    def trigger(self) -> Trigger:
        """The entry as a trigger pattern (type, mode, context, full CAMEO code)."""
        return Trigger(
            id=self.rule_id,
            type=self.type or "",
            mode=self.mode,
            context=self.context,
            cameo=self.code or "",
            objects=self.objects,
            preps=frozenset(p for p, _ in self.preps),
            particle=self.particle,
            line=self.line,
            source=self.src,
            text=self.text,
        )


@dataclass(frozen=True)
class VerbGroup:
    """A verb of one dictionary block: the words it needs besides itself ("call" + "off"),
    the entry of the verb alone (None when it codes nothing alone) and the block's patterns."""

    words: frozenset[str]
    alone: Entry | None
    patterns: tuple[Entry, ...]


@dataclass(frozen=True)
class Candidate:
    """An entry as one verb may use it: the verb's own words it needs, and its rank."""

    entry: Entry
    words: frozenset[str]  # a multiword verb's words ("off" of "call off")
    specificity: int
    alone: bool  # the verb (with its own words) alone: nothing else to check


@dataclass
class Match:
    """The entry that fired and the words it fired on."""

    entry: Entry
    token: Token
    noun: Token | None = None  # the object (or preposition object) the pattern named


@dataclass
class Lexicon:
    """The dictionary, indexed by verb lemma."""

    by_verb: dict[str, list[VerbGroup]] = field(default_factory=dict)
    by_src: dict[str, Entry] = field(default_factory=dict)
    actor_nouns: frozenset[str] = frozenset()  # office and group nouns, personal pronouns
    triggers: dict[str, Trigger] = field(default_factory=dict)
    index: dict[str, dict[str, list[Candidate]]] = field(default_factory=dict)  # see _index
    # Whose bare code a verb alone may use (see ``Entry.origin``).
    alone_from: frozenset[str] = frozenset({"line", "head", "block"})
    # Files whose patterns apply to every verb of their block (PETRARCH's synonym blocks);
    # the patterns of the other files apply only to the verb they were written for.
    shared_from: frozenset[str] = frozenset({"CAMEO.2.0.txt"})
    combining: frozenset[str] = frozenset()  # codes that make no event alone ("030")
    # Verbs too general to code alone ("set", "take"); they take only the patterns written
    # for them ("set fire"), not those of the synonyms they are listed with ("set a mission").
    too_general: frozenset[str] = frozenset()

    def makes_event(self, entry: Entry) -> bool:
        """Whether an entry codes an event: not "no event", not a statement (CAMEO 01/02),
        not a code that only combines with the act it governs."""
        return entry.code is not None and not entry.statement and entry.code not in self.combining

    def __len__(self) -> int:
        return len(self.by_src)

    def entry(self, src: str) -> Entry | None:
        """The entry of a dictionary line (``"CAMEO.2.0.txt:1160"``), for ``explain``."""
        return self.by_src.get(src)

    def trigger(self, entry: Entry) -> Trigger:
        """The trigger of an entry, made once."""
        found = self.triggers.get(entry.src)
        if found is None:
            found = self.triggers[entry.src] = entry.trigger()
        return found

    def match(self, token: Token, keys: list[str], alone: bool = True) -> Match | None:
        """The most specific entry whose pattern ``token`` (a verb) satisfies, trying the
        lemma ``keys`` in order (the lemma first, then guesses from the form). A pattern
        beats the verb alone; among patterns, more constraints win, then one written for
        this very verb, then the first in the dictionary. The verb alone fires only with
        an actor-like subject or object (a name, a people, an office, a pronoun for a
        person): "needs" or "pushed" alone say nothing of who acts on whom; and not when it
        governs a clause ("is expected to meet", "aims to end"): the clause names the act, as
        PETRARCH combines the two codes. ``alone=False`` turns the verb alone off."""
        key = next((k for k in keys if k in self.by_verb), None)
        if key is None:
            return None
        index = self.index.get(key)
        if index is None:
            index = self.index[key] = self._index(key)
        # An infinitive's "to" is no particle of the verb: "are going to ensure" is the future,
        # not +GO_TO (a visit); nor is a subordinator ("that", "for") a preposition of it.
        kids = [c for c in token.children if c.dep_ not in INFINITIVE_DEPS]
        near = {w for c in kids for w in (c.lower_, c.lemma_.lower())}
        near |= {
            w
            for c in kids
            for g in c.children
            if g.dep_ not in INFINITIVE_DEPS
            for w in (g.lower_, g.lemma_.lower())
        }
        best: tuple[tuple[int, bool, int], Match] | None = None
        for word in near & index.keys():
            for candidate in index[word]:
                entry = candidate.entry
                rank = (candidate.specificity, entry.written_for == key, -entry.line)
                if best is not None and rank <= best[0]:
                    continue
                if not candidate.words <= near:
                    continue
                found = True if candidate.alone else _satisfies(entry, token)
                if found is None:
                    continue
                noun = found if found is not True and found is not False else None
                best = (rank, Match(entry, token, noun))
        if best is not None:
            return best[1]
        single = index.get("")
        if (
            single
            and alone
            and not any(c.dep_ in CLAUSE_DEPS for c in token.children)
            and self.actor_like(token)
        ):
            return Match(single[0].entry, token)
        return None

    def _index(self, key: str) -> dict[str, list[Candidate]]:
        """The entries that can code verb ``key``, by a word that must stand near the verb
        for each to fit (its object, preposition, particle or subject; a multiword verb's
        own word), so that a verb is tried only against the patterns its words allow. The
        verb alone is under "". Built once per verb, on first use."""
        index: dict[str, list[Candidate]] = {}
        for group in self.by_verb[key]:
            usable = [
                e
                for e in group.patterns
                if e.written_for in (None, key)
                or (e.file in self.shared_from and key not in self.too_general)
            ]
            for entry in usable:
                candidate = Candidate(entry, group.words, entry.specificity, False)
                for word in entry.anchors | group.words:
                    index.setdefault(word, []).append(candidate)
            if group.alone is None:
                continue
            if group.words:
                # "call off", "wage war": the verb's own words are a pattern of their own
                candidate = Candidate(group.alone, group.words, len(group.words), True)
                for word in group.words:
                    index.setdefault(word, []).append(candidate)
            elif "" not in index and group.alone.origin in self.alone_from:
                index[""] = [Candidate(group.alone, frozenset(), 0, True)]
        return index

    def actor_like(self, verb: Token) -> bool:
        """Whether the verb's subject, object or "by" agent reads as an actor."""
        heads = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | OBJECT_DEPS]
        heads += [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        if verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl") and not any(
            c.dep_ in SUBJECT_DEPS for c in verb.children
        ):
            heads.append(verb.head)  # "agreed to send", "and then dispatched": the subject above
            heads += [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        for head in heads:
            for word in [head, *(c for c in head.children if c.dep_ in ("compound", "conj"))]:
                if word.ent_type_ in ACTOR_ENTS or word.pos_ == "PROPN":
                    return True
                if word.lower_ in self.actor_nouns or word.lemma_.lower() in self.actor_nouns:
                    return True
        return False


def _satisfies(entry: Entry, verb: Token) -> Token | bool | None:
    """None when the verb's parse does not fit the entry; else the noun it named (or True)."""
    children = list(verb.children)
    if entry.subject:
        subjects = [c for c in children if c.dep_ in SUBJECT_DEPS or c.i < verb.i]
        if not any(_is(c, entry.subject) for c in subjects):
            return None
    if entry.particle and not any(
        c.dep_ in PARTICLE_DEPS and c.lower_ in entry.particle for c in children
    ):
        return None
    noun: Token | None = None
    if entry.objects:
        candidates = [c for c in children if c.dep_ in OBJECT_DEPS]
        if entry.particle:  # "put up barricades": the object may hang on the particle
            candidates += [g for c in children if c.dep_ == "prt" for g in c.children]
        candidates += [g for c in candidates for g in c.children if g.dep_ == "conj"]
        noun = next((c for c in candidates if _is(c, entry.objects)), None)
        if noun is None:
            return None
        if entry.mods and not any(_is(c, entry.mods) for c in noun.children if c.i < noun.i):
            return None
    for prep, nouns in entry.preps:
        holders = [verb] + ([noun] if noun is not None else [])
        preps = [c for h in holders for c in h.children if c.dep_ in ("prep", "prt", "agent")]
        preps = [p for p in preps if p.lower_ == prep]
        if not preps:
            return None
        if nouns is not None:
            pobj = next(
                (g for p in preps for g in p.children if g.dep_ == "pobj" and _is(g, nouns)), None
            )
            if pobj is None:
                return None
            noun = noun or pobj
    return noun if noun is not None else True


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


# -- loading ----------------------------------------------------------------------------
def _words(value: Any, where: tuple[str, int], name: str, synsets: dict[str, frozenset[str]]
           ) -> frozenset[str]:  # fmt: skip
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(*where, f"'{name}' must be a list of strings")
    out: set[str] = set()
    for word in value:
        if word.startswith("&"):
            members = synsets.get(word[1:])
            if members is None:
                raise DataFileError(*where, f"'{name}' names an unknown synonym set {word!r}")
            out |= members
        elif not _WORD.match(word):
            raise DataFileError(*where, f"'{name}' has {word!r}: one lowercase word (a lemma)")
        else:
            out.add(word)
    return frozenset(out)


def _coding(record: dict[str, Any], where: tuple[str, int]) -> dict[str, Any]:
    code = record.get("code")
    statement = record.get("statement", False)
    if not isinstance(statement, bool):
        raise DataFileError(*where, "'statement' must be true or false")
    if code is None:
        return {"code": None, "type": None, "mode": None, "context": None, "statement": False}
    if not isinstance(code, str) or not _CODE.match(code):
        raise DataFileError(*where, f"code {code!r} is not a CAMEO code (2 to 4 digits)")
    type_ = record.get("type")
    if statement != (code[:2] in ("01", "02")):
        raise DataFileError(*where, f"code {code}: CAMEO 01/02, and only they, are statements")
    if not statement and type_ not in PLOVER_TYPES:
        raise DataFileError(*where, f"type {type_!r} is not a PLOVER 2021 type")
    return {"code": code, "type": type_, "mode": record.get("mode") or None,
            "context": record.get("context") or None, "statement": statement}  # fmt: skip


def _entry(record: dict[str, Any], where: tuple[str, int],
           synsets: dict[str, frozenset[str]]) -> Entry:  # fmt: skip
    preps_raw = record.get("preps") or []
    if not isinstance(preps_raw, list):
        raise DataFileError(*where, "'preps' must be a list of [preposition, nouns or null]")
    preps: list[tuple[str, frozenset[str] | None]] = []
    for item in preps_raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not _WORD.match(item[0])
        ):
            raise DataFileError(*where, f"'preps' item {item!r}: [preposition, nouns or null]")
        nouns = None if item[1] is None else _words(item[1], where, "preps", synsets)
        preps.append((item[0], nouns))
    src, text = record.get("src"), record.get("text")
    if not isinstance(src, str) or not re.fullmatch(r"[\w.\-]+:\d+", src):
        raise DataFileError(*where, f"'src' {src!r} must be 'file:line' of the dictionary")
    if not isinstance(text, str):
        raise DataFileError(*where, "'text' (the dictionary line) is missing")
    written_for = record.get("for")
    return Entry(
        src=src,
        text=text,
        **_coding(record, where),
        subject=_words(record.get("subject"), where, "subject", synsets),
        particle=_words(record.get("particle"), where, "particle", synsets),
        objects=_words(record.get("object"), where, "object", synsets),
        mods=_words(record.get("mods"), where, "mods", synsets),
        preps=tuple(preps),
        written_for=written_for if isinstance(written_for, str) else None,
        origin=str(record.get("origin") or ""),
        line=where[1],
    )


def _toml(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name if (folder / name).exists() else PACKAGE_DATA / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(name, None, f"cannot read: {exc}") from exc


def _lists(folder: Path) -> dict[str, frozenset[str]]:
    """The word lists of ``cameo_lexicon.toml``, checked."""
    data = _toml(folder, LISTS_FILE)
    out: dict[str, frozenset[str]] = {}
    for key in ("too_general_alone", "not_acts_alone", "particles", "combining_codes",
                "alone_from", "shared_patterns_from", "actor_pronouns"):  # fmt: skip
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(LISTS_FILE, None, f"'{key}' must be a list of strings")
        out[key] = frozenset(words)
    unknown = out["alone_from"] - {"line", "head", "block"}
    if unknown:
        raise DataFileError(LISTS_FILE, None, f"'alone_from' has {sorted(unknown)}: "
                            "one of line, head, block")  # fmt: skip
    out["too_general_alone"] |= TOO_GENERAL
    return out


def _actor_nouns(folder: Path) -> frozenset[str]:
    """Office and group nouns of the actor data ("minister", "troops"), for the actor guard."""
    data = _toml(folder, "titles.toml")
    words: set[str] = set()
    for title in data.get("title", []):
        for name in title.get("names", []):
            last = str(name).lower().split()[-1:]
            words.update(last)
            words.update(w[:-1] for w in last if w.endswith("s"))
    return frozenset(words)


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Load and validate the verb dictionary.

    Takes an alternative data folder holding ``cameo_verbs.jsonl`` (else the package's).
    Returns the ``Lexicon``. Raises ``DataFileError`` (``[cameo_verbs.jsonl:line] message``)
    on a bad line: invalid JSON, an unknown kind or field value, a code that is no CAMEO
    code, a type that is no PLOVER type, a verb that would code nearly every sentence.
    """
    folder = data_dir if data_dir is not None and (data_dir / LEXICON_FILE).exists() else (
        PACKAGE_DATA
    )  # fmt: skip
    path = folder / LEXICON_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read: {exc}") from exc
    lists = _lists(folder)
    too_general = lists["too_general_alone"]
    lexicon = Lexicon(
        actor_nouns=_actor_nouns(folder) | lists["actor_pronouns"],
        alone_from=lists["alone_from"],
        shared_from=lists["shared_patterns_from"],
        combining=lists["combining_codes"],
        too_general=too_general,
    )
    synsets: dict[str, frozenset[str]] = {}
    blocks: dict[str, list[Entry]] = {}
    verbs: list[tuple[str, frozenset[str], str, Entry]] = []
    for number, line in enumerate(lines, start=1):
        where = (LEXICON_FILE, number)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(*where, f"not JSON: {exc.msg}") from exc
        kind = record.get("kind") if isinstance(record, dict) else None
        if kind not in _KINDS:
            raise DataFileError(*where, f"kind {kind!r} is not one of {', '.join(_KINDS)}")
        if number == 1 and (kind != "notice" or "MIT" not in str(record.get("license"))):
            raise DataFileError(*where, "the first line must be the notice with the MIT licence")
        if kind == "synset":
            name = record.get("name")
            if not isinstance(name, str) or not name:
                raise DataFileError(*where, "a synset has no 'name'")
            synsets[name] = _words(record.get("words"), where, "words", synsets)
        elif kind == "pattern":
            entry = _entry(record, where, synsets)
            if entry.bare:
                raise DataFileError(*where, "a pattern must constrain something besides the verb")
            blocks.setdefault(str(record.get("block")), []).append(entry)
            lexicon.by_src[entry.src] = entry
        elif kind == "verb":
            lemma = record.get("lemma")
            if not isinstance(lemma, str) or not _WORD.match(lemma):
                raise DataFileError(*where, f"verb lemma {lemma!r}: one lowercase word")
            words = _words(record.get("words"), where, "words", synsets)
            entry = _entry(record, where, synsets)
            if entry.code is not None and not words and lemma in too_general:
                raise DataFileError(
                    *where, f"{lemma!r} alone would code nearly every sentence: give a pattern"
                )
            if entry.code is not None and not words and lemma in lists["not_acts_alone"]:
                raise DataFileError(*where, f"{lemma!r} alone names no act ({LISTS_FILE})")
            lexicon.by_src[entry.src] = entry
            verbs.append((lemma, words, str(record.get("block")), entry))
    seen: set[tuple[str, frozenset[str]]] = set()
    for lemma, words, block, listed in verbs:
        # a verb listed again (another block, the second file) keeps its first code alone
        alone = listed if listed.code is not None and (lemma, words) not in seen else None
        seen.add((lemma, words))
        lexicon.by_verb.setdefault(lemma, []).append(
            VerbGroup(words, alone, tuple(blocks.get(block, ())))
        )
    return lexicon
