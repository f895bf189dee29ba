"""Convert PETRARCH2's CAMEO verb dictionary into dateline's ``data/cameo_verbs.jsonl``.

    python scripts/convert_cameo.py [--lexicons DIR] [--plover CSV] [--out FILE]

Reads ``CAMEO.2.0.txt`` (synonym sets, verb synonym blocks ``--- NAME [code] ---`` and their
patterns ``- PRE * POST [code] # VERB``; format in ``dictionaries.rst``) and, where it adds
verbs or simple patterns the first file lacks, ``CAMEO.verbpatterns.150430.txt`` (TABARI-style
flat phrases: only the short ones that read as object / preposition patterns are kept). Each
CAMEO code is mapped to a PLOVER type, mode and context through ``cameo2plover_2021.csv``;
CAMEO 01 and 02 (statements and appeals) have no PLOVER type and are kept flagged
``statement``. Words are turned into the lemmas spaCy gives in context (plural nouns to the
singular, past forms to the base), with the lemmatiser of the model dateline uses.

Writes one JSON object a line: a ``notice`` line (the MIT notice of the source, sources and
counts), then ``verb`` lines (a verb lemma, its required particle words, its block and the
code the verb alone carries, or none) and ``pattern`` lines (subject / particle / object /
preposition constraints and the code); every line keeps its provenance (source file and line)
and the source text. Prints the counts of what was kept and what was dropped, by reason.
Re-running it on the same inputs writes the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO.parent.parent / "shared" / "lexicons" / "petrarch2"
PLOVER_CSV = REPO.parent.parent / "shared" / "gold" / "cameo2plover_2021.csv"
OUT = REPO / "src" / "dateline" / "data" / "cameo_verbs.jsonl"
MAIN_FILE = "CAMEO.2.0.txt"
EXTRA_FILE = "CAMEO.verbpatterns.150430.txt"

# Word lists (verbs too general alone, particles) live in the data, beside the output.
WORD_LISTS = REPO / "src" / "dateline" / "data" / "cameo_lexicon.toml"
_LISTS = tomllib.loads(WORD_LISTS.read_text(encoding="utf-8"))
TOO_GENERAL = frozenset(_LISTS["too_general_alone"]) | frozenset(_LISTS["not_acts_alone"])
PARTICLES = frozenset(_LISTS["particles"])
ARTICLES = frozenset({"a", "an", "the"})
# Placeholders for actors in PETRARCH patterns: they constrain nothing we can check here.
ACTOR_MARKS = frozenset({"+", "$", "^", "%"})
NOTICE_PATH = "LICENSE"


@dataclass
class Counts:
    """What the conversion kept and dropped, by reason."""

    kept: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)


class Lemmas:
    """spaCy's lemmatiser and its word index, for dictionary words taken out of context."""

    def __init__(self) -> None:
        from spacy.tokens import Doc

        from dateline.nlp import load_model
        from dateline.options import Options

        self.nlp = load_model(Options().model)
        self.lemmatizer = self.nlp.get_pipe("lemmatizer")
        index = self.lemmatizer.lookups.get_table("lemma_index")
        self.nouns = frozenset(index["noun"])
        self.verbs = frozenset(index["verb"])
        self.adjs = frozenset(index["adj"])
        self.advs = frozenset(index["adv"])
        self.stop_words = frozenset(self.nlp.Defaults.stop_words)  # "will", "would", "must"
        self._doc = Doc

    def _lemma(self, word: str, pos: str, tag: str) -> str:
        doc = self._doc(self.nlp.vocab, words=[word], pos=[pos], tags=[tag])
        return str(self.lemmatizer(doc)[0].lemma_).lower()

    def noun(self, word: str) -> list[str]:
        """The forms a noun of the dictionary may take as a token lemma ("talks" → talk, and
        "talks" itself, for a tagger that reads it as singular)."""
        word = word.lower()
        forms = [word]
        if word not in self.nouns:
            lemma = self._lemma(word, "NOUN", "NNS")
            if lemma != word:
                forms.append(lemma)
        return forms

    def verb(self, word: str) -> str | None:
        """The lemma of a verb of the dictionary, or None when the word is no English verb."""
        word = word.lower()
        if word in self.verbs:
            return word
        for tag in ("VBD", "VBG", "VBZ", "VBN"):
            lemma = self._lemma(word, "VERB", tag)
            if lemma in self.verbs:
                return lemma
        return None

    def is_verb_only(self, word: str) -> bool:
        """A word that is a verb and no noun or adjective: a clause, not an object."""
        word = word.lower()
        base = self.verb(word)
        return (
            base is not None
            and word not in self.nouns
            and word not in self.adjs
            and not any(f in self.nouns for f in self.noun(word))
        )


class Plover:
    """CAMEO code → (type, mode, context) from the CAMEO2PLOVER table."""

    def __init__(self, path: Path) -> None:
        self.table: dict[str, tuple[str, str, str]] = {}
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = row["cameo"].strip()
                if code not in self.table:  # "08" is listed twice: CONCEDE first, as CAMEO has it
                    self.table[code] = (
                        row["plover_event"].strip(),
                        row["plover_mode"].strip(),
                        row["plover_context"].strip(),
                    )

    def map(self, code: str) -> dict[str, Any] | None:
        """The PLOVER fields of a code, ``statement`` for CAMEO 01/02, None when unknown."""
        if code[:2] in ("01", "02"):
            return {"code": code, "type": None, "mode": None, "context": None, "statement": True}
        for key in (code, code[:3], code[:2]):
            if key in self.table:
                type_, mode, context = self.table[key]
                return {
                    "code": code,
                    "type": type_,
                    "mode": mode or None,
                    # "crime; corruption": the first context is PLOVER's main one
                    "context": context.split(";")[0].strip() or None,
                    "statement": False,
                }
        return None


def _tokens(text: str) -> list[str]:
    """Pattern words, keeping ``{...}`` and ``(...)`` groups whole."""
    out: list[str] = []
    for match in re.finditer(r"\{[^}]*\}|\([^)]*\)|\S+", text):
        out.append(match.group(0))
    return out


@dataclass
class Source:
    """One dictionary file read into synsets, blocks, verbs and patterns."""

    name: str
    synsets: dict[str, list[str]] = field(default_factory=dict)


class Converter:
    """Reads the dictionary files and builds the output records."""

    def __init__(self, lemmas: Lemmas, plover: Plover) -> None:
        self.lemmas = lemmas
        self.plover = plover
        self.counts = Counts()
        self.synsets: dict[str, list[str]] = {}
        self.records: list[dict[str, Any]] = []
        self.seen_verbs: set[tuple[str, tuple[str, ...]]] = set()
        self.seen_patterns: set[tuple[Any, ...]] = set()
        self.used_synsets: set[str] = set()
        self.synset_src: dict[str, str] = {}

    # -- words --------------------------------------------------------------------------
    def _heads(self, token: str) -> tuple[list[str], list[str]] | None:
        """A noun token (word, ``{MOD HEAD}``, ``&SYNSET``) → (head forms, modifier forms)."""
        token = token.strip()
        if token.startswith("{") and token.endswith("}"):
            words = [w for w in token[1:-1].split() if w.lower() not in ARTICLES]
            if not words:
                return None
            heads = self._heads(words[-1])
            if heads is None:
                return None
            mods: list[str] = []
            for word in words[:-1]:
                inner = self._heads(word)
                if inner is None:
                    return None
                mods.extend(inner[0])
            return heads[0], mods
        if token.startswith("&"):
            name = token[1:].rstrip("_")
            if not self.synset_words(name):
                return None
            self.used_synsets.add(name)
            return ["&" + name], []
        word = token.strip("_").replace("_", " ").split()[-1:] if token.strip("_") else []
        if not word or not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", word[0]):
            return None
        return self.lemmas.noun(word[0]), []

    def synset_words(self, name: str) -> list[str]:
        """The head lemmas of a synonym set's phrases ("PRIME_MINISTER" → minister)."""
        forms: list[str] = []
        phrases = [p.strip("_").upper() for p in self.synsets.get(name, [])]
        singles = {p for p in phrases if "_" not in p}
        for phrase in phrases:
            last = phrase.split("_")[-1]
            # "AIR_DEFENSE_SYSTEM": the head alone ("system") is no member; a parse gives only
            # the head, so such a phrase is left out rather than widened to every system
            if "_" in phrase and last not in singles:
                continue
            if re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", last):
                forms.extend(self.lemmas.noun(last))
        return sorted(set(forms))

    # -- reading --------------------------------------------------------------------------
    def read_synsets(self, lines: list[str], name: str) -> None:
        current: str | None = None
        for number, raw in enumerate(lines, start=1):
            line = raw.split("#", 1)[0].strip()
            if raw.strip().startswith("#"):
                continue  # a comment inside a set does not end it
            if line.startswith("&"):
                current = line[1:].rstrip("_").strip()
                if current not in self.synsets:
                    self.synsets[current] = []
                    self.synset_src[current] = f"{name}:{number}"
                else:
                    current = None  # the second file repeats the sets: the first one stands
            elif line.startswith("+") and current is not None:
                self.synsets[current].append(line[1:].strip())
            elif line.startswith("---"):
                return
            elif not line:
                current = None

    def convert(self, path: Path, extra: bool) -> None:
        """Read one dictionary file; ``extra`` keeps only what adds coverage."""
        lines = path.read_text(encoding="latin-1").splitlines()
        self.read_synsets(lines, path.name)
        block: dict[str, Any] | None = None
        in_verbs = False
        for number, raw in enumerate(lines, start=1):
            if "VERB PATTERNS" in raw and raw.startswith("#"):
                in_verbs = True
                continue
            if not in_verbs and not raw.startswith("---"):
                continue
            in_verbs = True
            src = f"{path.name}:{number}"
            code_part, _, comment = raw.partition("#")
            line = code_part.strip()
            if not line:
                continue
            header = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---", line)
            if header:
                block = {"name": header.group(1), "code": header.group(2).strip(), "src": src,
                         "verbs": []}  # fmt: skip
                continue
            if block is None or line.startswith(("&", "~")):
                if line.startswith("~"):
                    self.counts.dropped["transformation (verb-verb rule)"] += 1
                continue
            if line.startswith("-"):
                self._pattern(line[1:], comment, block, src, raw.strip(), extra)
            else:
                self._verb(line, block, src, raw.strip(), extra)

    def _code(self, text: str) -> tuple[str | None, str | None]:
        """(code, reason dropped) from ``[...]``; ``---`` is the null code."""
        if ":" in text:
            return None, "disputed active:passive code [a:b]"
        if text in ("", "---"):
            return "---", None
        if not re.fullmatch(r"\d{2,4}", text):
            return None, "unparseable code"
        return text, None

    def _verb(self, line: str, block: dict[str, Any], src: str, text: str, extra: bool) -> None:
        match = re.match(r"^(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$", line)
        if not match:
            self.counts.dropped["verb: unparseable line"] += 1
            return
        word = match.group(1)
        own = match.group(3)
        code_text = own[1:-1].strip() if own else block["code"]
        if "_" in word or word.startswith("+"):
            parts = word.split("_")
            marked = [i for i, p in enumerate(parts) if p.startswith("+")]
            index = marked[0] if marked else 0
            if index > 0:
                self.counts.dropped["verb: word before the verb (WIRE_+TAP)"] += 1
                return
            head, rest = parts[0].lstrip("+"), [p.lower() for p in parts[1:] if p]
            if any(w in ("and", "or") or not re.fullmatch(r"[a-z][a-z'\-]*", w) for w in rest):
                self.counts.dropped["verb: unparseable multiword"] += 1
                return
        else:
            head, rest = word, []
        lemma = self.lemmas.verb(head)
        if lemma is None and rest and re.fullmatch(r"[A-Za-z]+", head):
            lemma = head.lower()  # "CORDON_OFF": a phrasal verb the word index lists as a noun
        if lemma is None:
            self.counts.dropped["verb: not an English verb"] += 1
            return
        block["verbs"].append(lemma)
        key = (lemma, tuple(rest))
        code, reason = self._code(code_text)
        if key in self.seen_verbs:
            # kept as a member of this block (its patterns apply to it); its bare code is the
            # one of its first listing, which the loader takes
            self.counts.kept["verb listed again (another block or form)"] += 1
        self.seen_verbs.add(key)
        # where the code of the verb alone comes from: its own line, or its block's header,
        # the block being named after this verb ("head") or after a sense ("block")
        head = block["name"].split("_")[0].lower() == lemma
        origin = "line" if own else ("head" if head else "block")
        record: dict[str, Any] = {"kind": "verb", "lemma": lemma, "words": rest,
                                  "block": block["src"], "origin": origin}  # fmt: skip
        if reason is not None:
            self.counts.dropped[f"bare verb: {reason}"] += 1
            code = "---"
        if code != "---" and not rest and lemma in TOO_GENERAL:
            self.counts.dropped["bare verb: too general or no act alone (be/have/say/die...)"] += 1
            code = "---"
        assert code is not None
        if code != "---":
            mapped = self.plover.map(code)
            if mapped is None:
                self.counts.dropped["bare verb: code not in CAMEO2PLOVER"] += 1
                code = "---"
            else:
                record.update(mapped)
        if code == "---":
            record.update({"code": None, "type": None, "mode": None, "context": None,
                           "statement": False})  # fmt: skip
        record.update({"src": src, "text": text})
        self.counts.kept["verb" + (" (verbpatterns)" if extra else "")] += 1
        if record["code"]:
            self.counts.kept[f"verb coding alone, code from its {origin}"] += 1
        self.records.append(record)

    def _pattern(
        self, body: str, comment: str, block: dict[str, Any], src: str, text: str, extra: bool
    ) -> None:
        code_match = re.search(r"\[([^\]]*)\]\s*$", body.strip())
        if not code_match:
            self.counts.dropped["pattern: no code"] += 1
            return
        code, reason = self._code(code_match.group(1).strip())
        if reason is not None:
            self.counts.dropped[f"pattern: {reason}"] += 1
            return
        assert code is not None
        words = body.strip()[: code_match.start()].strip()
        if "*" not in words:
            self.counts.dropped["pattern: no verb position (*)"] += 1
            return
        pre_text, _, post_text = words.partition("*")
        parsed = self._parse(pre_text, post_text, extra)
        if isinstance(parsed, str):
            self.counts.dropped[f"pattern: {parsed}"] += 1
            return
        if not any(parsed.values()):
            self.counts.dropped["pattern: constrains nothing (the verb alone)"] += 1
            return
        key = (block["src"] if not extra else tuple(sorted(set(block["verbs"]))),
               json.dumps(parsed, sort_keys=True))  # fmt: skip
        if extra:
            main_key = (tuple(sorted(set(block["verbs"]))), json.dumps(parsed, sort_keys=True))
            if main_key in self.seen_patterns:
                self.counts.dropped["pattern (verbpatterns): already in CAMEO.2.0"] += 1
                return
            key = main_key
        else:
            self.seen_patterns.add((tuple(sorted(set(block["verbs"]))),
                                    json.dumps(parsed, sort_keys=True)))  # fmt: skip
        if key in self.seen_patterns and extra:
            return
        if code == "---":
            mapped: dict[str, Any] = {"code": None, "type": None, "mode": None, "context": None,
                                      "statement": False}  # fmt: skip
        else:
            found = self.plover.map(code)
            if found is None:
                self.counts.dropped["pattern: code not in CAMEO2PLOVER"] += 1
                return
            mapped = found
        verb = comment.strip().split(" ")[0].split(",")[0].strip().lower() if comment else ""
        # "CALLED_OFF", "SET_UP": the verb the pattern was written for, as a lemma
        verb = (
            (self.lemmas.verb(verb.split("_")[0]) or "") if re.fullmatch(r"[a-z_]+", verb) else ""
        )
        record = {"kind": "pattern", "block": block["src"], **parsed, **mapped,
                  "for": verb or None,
                  "src": src, "text": text}  # fmt: skip
        if not block["verbs"] and extra:
            self.counts.dropped["pattern (verbpatterns): block with no verb kept"] += 1
            return
        self.counts.kept["pattern" + (" (verbpatterns)" if extra else "")] += 1
        kind = "statement" if mapped["statement"] else ("no event" if not mapped["code"] else
                                                        "event")  # fmt: skip
        self.counts.kept[f"pattern making: {kind}"] += 1
        self.records.append(record)

    def _parse(self, pre_text: str, post_text: str, extra: bool) -> dict[str, Any] | str:
        """Pattern constraints, or the reason it cannot be read."""
        subject: list[str] = []
        for token in _tokens(pre_text):
            if token in ACTOR_MARKS:
                continue
            if extra:
                # TABARI phrases put any words before the verb ("SAID WOULD BE *"), not its
                # subject: a parse cannot check them
                return "flat phrase with words before the verb (verbpatterns)"
            if token.startswith("("):
                return "preposition before the verb"
            if not token.startswith(("{", "&")) and (
                token.lower() not in self.lemmas.nouns or token.lower() in self.lemmas.stop_words
            ):
                return "word before the verb is no noun (WILL *, ABRUPTLY *)"
            heads = self._heads(token)
            if heads is None:
                return "unparseable word before the verb"
            subject.extend(heads[0])
        tokens = [t for t in _tokens(post_text) if t not in ACTOR_MARKS]
        if extra:
            tokens = self._flat(tokens)
            if isinstance(tokens, str):
                return tokens
        particle: list[str] = []
        objects: list[str] = []
        mods: list[str] = []
        preps: list[list[Any]] = []
        plain: list[str] = []
        for position, token in enumerate(tokens):
            if token.startswith("("):
                inner = [t for t in _tokens(token[1:-1]) if t not in ACTOR_MARKS]
                if not inner or not re.fullmatch(r"[A-Za-z]+", inner[0]):
                    return "unparseable preposition phrase"
                prep = inner[0].lower()
                nouns: list[str] | None = None
                rest = [t for t in inner[1:] if t.lower() not in ARTICLES]
                if rest:
                    if len(rest) > 1 and not all(r.startswith(("{", "&")) for r in rest[-1:]):
                        rest = ["{" + " ".join(rest) + "}"]
                    heads = self._heads(rest[-1])
                    if heads is None:
                        return "unparseable preposition object"
                    nouns = heads[0]
                preps.append([prep, nouns])
                continue
            if preps:
                return "words after a preposition phrase"
            if position == 0 and token.lower() in PARTICLES and not token.startswith(("{", "&")):
                particle.append(token.lower())
                continue
            plain.append(token)
        words = [p for p in plain if p.lower() not in ARTICLES]
        if words:
            if any(w.lower() in ("not", "to", "no", "will", "would") for w in words):
                return "a clause after the verb (NOT/TO ...)"
            bare = [w for w in words if not w.startswith(("{", "&"))]
            if any(self.lemmas.is_verb_only(w) for w in bare):
                return "a verb after the verb (a clause)"
            if len(words) > 1:
                if any(w.startswith("{") for w in words[:-1]):
                    return "two noun phrases after the verb"
                heads = self._heads("{" + " ".join(w.strip("{}") for w in words) + "}")
            else:
                heads = self._heads(words[0])
            if heads is None:
                return "unparseable object"
            objects, mods = heads
        if extra and not objects and not any(nouns for _, nouns in preps):
            return "flat phrase without an object noun (verbpatterns)"
        return {
            "subject": sorted(set(subject)),
            "particle": particle,
            "object": sorted(set(objects)),
            "mods": sorted(set(mods)),
            "preps": preps,
        }

    def _flat(self, tokens: list[str]) -> list[str] | str:
        """A TABARI flat phrase (``OUTPOST IN``) read as ``OUTPOST (IN)``, when short."""
        if len(tokens) > 3 or any(t.startswith("(") for t in tokens):
            return "long flat phrase (verbpatterns)"
        out: list[str] = []
        for i, token in enumerate(tokens):
            low = token.lower()
            if i > 0 and low in PARTICLES and not token.startswith(("{", "&")):
                out.append("(" + " ".join(tokens[i:]) + ")")
                return out
            out.append(token)
        return out


def dictionary_notice(path: Path) -> str:
    """The copyright and MIT notice in the dictionary's own header comment."""
    lines = path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if "The MIT License" in line)
    end = next(i for i in range(start, len(lines)) if "OTHER DEALINGS IN THE SOFTWARE" in lines[i])
    return "\n".join(line.lstrip("#")[1:] for line in lines[start : end + 1])


def notice(lexicons: Path, counts: Counts) -> dict[str, Any]:
    """The first line: the source's MIT notice, the sources and the counts."""
    return {
        "kind": "notice",
        "about": "CAMEO verb dictionary of PETRARCH2, converted by scripts/convert_cameo.py; "
        "each line keeps its source file and line ('src') and text ('text').",
        "sources": [MAIN_FILE, EXTRA_FILE, "cameo2plover_2021.csv (PLOVER, CC BY-SA 4.0)"],
        "license": (lexicons / NOTICE_PATH).read_text(encoding="utf-8"),
        "dictionary_notice": dictionary_notice(lexicons / MAIN_FILE),
        "kept": dict(sorted(counts.kept.items())),
        "dropped": dict(sorted(counts.dropped.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicons", type=Path, default=LEXICONS)
    parser.add_argument("--plover", type=Path, default=PLOVER_CSV)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    converter = Converter(Lemmas(), Plover(args.plover))
    converter.convert(args.lexicons / MAIN_FILE, extra=False)
    converter.convert(args.lexicons / EXTRA_FILE, extra=True)
    synsets = [
        {"kind": "synset", "name": name, "words": converter.synset_words(name),
         "src": converter.synset_src[name]}
        for name in sorted(converter.used_synsets)
    ]  # fmt: skip
    converter.counts.kept["synonym set used"] = len(synsets)
    head = notice(args.lexicons, converter.counts)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in [head, *synsets, *converter.records]:
            if "text" in record:
                record["text"] = " ".join(record["text"].split())
            if record["kind"] in ("verb", "pattern"):
                # empty fields are left out: the loader reads them as empty
                record = {k: v for k, v in record.items() if v not in (None, [], False, "")}
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    license_copy = args.out.with_suffix(".LICENSE")
    license_copy.write_text((args.lexicons / NOTICE_PATH).read_text(encoding="utf-8"))
    for title, table in (("kept", head["kept"]), ("dropped", head["dropped"])):
        print(f"{title}:", file=sys.stdout)
        for reason, n in table.items():
            print(f"  {n:6d}  {reason}", file=sys.stdout)
    print(f"wrote {args.out} ({len(converter.records)} entries)", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
