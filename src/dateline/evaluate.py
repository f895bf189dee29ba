"""Scoring the pipeline against gold data, run exactly as ``dateline code`` runs it.

Two gold forms:

- **document form** (the seed ``paris-talks.gold.json``, or the example corpus gold with a
  ``documents`` list of such entries carrying ``file``/``record``): required and optional
  events matched by evidence containment, type, source and target, one reported
  source-target pair to one gold event at most (the best one-to-one matching). Recall over
  required events; every reported pair left unmatched counts against precision, including
  the duplicates of a gold event another pair already matched.
- **sentence form** (JSON Lines: ``text``, ``event`` (a PLOVER type, or ``"NONE"``/null for
  no event), ``source``/``target`` actors with ``code``; other fields are ignored): each line
  coded as its own short document, the main event of the line compared. Event-type accuracy,
  per-type P/R/F1 and macro-F1, and actor-code P/R/F1.

Every figure comes with a bootstrap percentile interval (``dateline.scoring``), so that one
sentence moving a type's F1 shows as the noise it is; ``ScoreOptions.split`` scores one half
of a gold file split by ``scripts/split_gold.py``.

Code normalisation of gold files (legacy CAMEO country codes, sector-only codes) is data:
``[codes]`` in ``event_cues.toml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.events import main_event
from dateline.events.context import ContextCues, ModeCues
from dateline.models import PARAGRAPH_SEP, PLOVER_TYPES, Actor, CodedDocument, Document, Event
from dateline.pipeline import Pipeline
from dateline.scoring import best_matching, bootstrap, f1, macro_f1, prf, type_counts


class GoldError(DatelineError):
    """A gold file cannot be read or has an unknown shape."""


def line_document(text: str | Sequence[str], number: int, source: str = "-") -> Document:
    """One input line as its own short document, as ``dateline code --lines`` reads it; or
    consecutive lines from ``number`` on, one paragraph each, as one document."""
    paragraphs = [text.strip()] if isinstance(text, str) else [t.strip() for t in text]
    last = number + len(paragraphs) - 1
    return Document(
        id=Document.make_id(None, paragraphs),
        source=source,
        format="line",
        title=None,
        paragraphs=paragraphs,
        record=f"line {number}" if last == number else f"lines {number}-{last}",
    )


@dataclass
class CodeRules:
    legacy: dict[str, str]
    sectors: frozenset[str]
    contexts: ContextCues | None = None  # their old names: "refugee" → "asylum"
    modes: ModeCues | None = None  # their old or finer names: "demo-spon" → "demo"

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline) -> CodeRules:
        from dateline.actors.data import load_code_aliases

        codes = pipeline.triggers.cues.get("codes", {})
        # Old CAMEO and former-state codes (JAP, ITL, VTN, USR ...) from code_aliases.toml.
        legacy = {**load_code_aliases(pipeline.options.data_dir), **codes.get("legacy", {})}
        triggers = pipeline.triggers
        return cls(legacy, frozenset(codes.get("sectors", ())), triggers.contexts, triggers.modes)

    def mode(self, name: str) -> str:
        """A mode under its name here (gold files use finer older ones: "demo-spon")."""
        return (self.modes.canonical(name) if self.modes else name.strip().lower()) or ""

    def context(self, name: str) -> str:
        """A context under its current PLOVER name (gold files use older ones: "refugee")."""
        return (self.contexts.canonical(name) if self.contexts else name.strip().lower()) or ""

    def normal(self, code: str) -> str:
        parts = code.split()
        if parts and parts[0] in self.legacy:
            parts[0] = self.legacy[parts[0]]
        return " ".join(parts)

    def matches(self, gold: str, actor: Actor | None) -> bool:
        """Whether ``actor`` matches the gold code: on country or organisation, on sector
        where the gold gives one; a sector-only gold ("IGO") matches any actor of it;
        "" matches no actor (or an uncoded one)."""
        if gold == "":
            return actor is None or actor.code is None
        if actor is None or actor.code is None:
            return False
        gold = self.normal(gold)
        code = self.normal(actor.code)
        if gold in self.sectors:
            return actor.sector == gold or code.split()[-1] == gold
        parts = gold.split()
        sector = None
        if (
            len(parts) == 2
            and re.fullmatch(r"[A-Z]{3}", parts[0])
            and re.fullmatch(r"[A-Z]{3}", parts[1])
        ):
            head, sector = parts
        else:
            head = gold
        owners = {code, code.split()[0], actor.country or "", actor.org or ""}
        if head not in owners:
            return False
        return sector is None or actor.sector == sector or code.endswith(" " + sector)


def _norm(text: str) -> str:
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return re.sub(r"\s+", " ", text).strip().lower()


def _pairs(event: Event) -> list[tuple[Actor | None, Actor | None]]:
    sources: list[Actor | None] = list(event.source) or [None]
    targets: list[Actor | None] = list(event.target) or [None]
    return [(s, t) for s in sources for t in targets]


def _gold_match(
    gold: dict[str, Any], event: Event, pair: tuple[Actor | None, Actor | None], rules: CodeRules
) -> bool:
    if _norm(gold["evidence"]) not in _norm(event.evidence.sentence):
        return False
    if event.type not in gold.get("type", []):
        return False
    for role, actor in zip(("source", "target"), pair, strict=True):
        alternatives = gold.get(role, [])
        if alternatives and not any(rules.matches(g, actor) for g in alternatives):
            return False
    return True


@dataclass(frozen=True)
class ScoreOptions:
    """How ``evaluate`` scores: which half of a split gold file, and the bootstrap.

    ``split`` keeps only the gold entries whose ``"split"`` field has that value (None: all).
    ``draws`` bootstrap resamples (0: no intervals) from ``random.Random(seed)``, giving
    ``confidence`` percentile intervals.
    """

    split: str | None = None
    # "article": the sentence lines that name one article (their "article" field), in file
    # order, are read together as one document, as dateline reads an article, so a line has
    # the context its annotator had; "sentence": every line alone.
    context: str = "article"
    draws: int = 1000
    seed: int = 1
    confidence: float = 0.95


SPLITS = ("tune", "check")
CONTEXTS = ("article", "sentence")
NO_EVENT = "NONE"


@dataclass
class DocScore:
    """One document's counts. ``correct`` pairs are matched one-to-one to required events,
    ``optional`` ones to optional events; ``extra`` counts every other pair, among them the
    ``duplicates`` that fit a gold event another pair already took."""

    name: str
    required: int = 0
    found: int = 0
    status_right: int = 0
    # Of the found required events whose gold names a place / a date: how many have it.
    place_scored: int = 0
    place_right: int = 0
    date_scored: int = 0
    date_right: int = 0
    attribution_scored: int = 0
    attribution_right: int = 0
    reported: int = 0
    correct: int = 0
    optional: int = 0
    duplicates: int = 0
    extra: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def _describe(event: Event, pair: tuple[Actor | None, Actor | None]) -> str:
    def code(a: Actor | None) -> str:
        return "-" if a is None else (a.code or f"'{a.text}'")

    return (
        f"{event.type} {code(pair[0])} -> {code(pair[1])} [{event.status}] "
        f"'{event.evidence.trigger}' ({event.evidence.rule}) in: {event.evidence.sentence[:90]}"
    )


def _match_weights(
    golds: list[dict[str, Any]],
    n_required: int,
    pairs: list[tuple[Event, tuple[Actor | None, Actor | None]]],
    fits: set[tuple[int, int]],
) -> dict[tuple[int, int], int]:
    """Weights that make the best matching first find the most required events, then get
    the most of their statuses right, then cover the most optional events: each step is worth
    more than everything the later steps can add."""
    optional_step = 1
    status_step = len(golds) + 1
    required_step = status_step * (len(golds) + 1)
    weights = {}
    for g, j in fits:
        if g >= n_required:
            weights[(g, j)] = optional_step
            continue
        event = pairs[j][0]
        right = event.status == golds[g].get("status", event.status)
        weights[(g, j)] = required_step + (status_step if right else 0)
    return weights


def score_document(
    events: list[Event], gold_events: dict[str, Any], name: str, rules: CodeRules
) -> DocScore:
    """Score one document's events against its gold ``events`` (``required``/``optional``).

    Each reported source-target pair is matched to at most one gold event and each gold event
    to at most one pair (the best one-to-one matching); a pair that fits only gold events
    other pairs took is a duplicate and counts against precision.
    """
    required = gold_events.get("required", [])
    golds = [*required, *gold_events.get("optional", [])]
    score = DocScore(name, required=len(required))
    pairs = [(e, p) for e in events for p in _pairs(e)]
    score.reported = len(pairs)
    fits = {
        (g, j)
        for g, gold in enumerate(golds)
        for j, (event, pair) in enumerate(pairs)
        if _gold_match(gold, event, pair, rules)
    }
    matching = best_matching(_match_weights(golds, len(required), pairs, fits))
    for g, gold in enumerate(required):
        j = matching.get(g)
        if j is None:
            why = (
                "each event that fits it was matched to another gold event"
                if any(fit[0] == g for fit in fits)
                else f"'{gold['evidence'][:70]}'"
            )
            score.misses.append(
                f"{gold.get('id')}: {'/'.join(gold.get('type', []))} "
                f"{gold.get('source')} -> {gold.get('target')}: {why}"
            )
            continue
        score.found += 1
        event = pairs[j][0]
        status = event.status
        if status == gold.get("status", status):
            score.status_right += 1
        else:
            score.misses.append(f"{gold.get('id')}: status {status} != {gold.get('status')}")
        if "place" in gold:
            score.place_scored += 1
            place = event.place.name if event.place is not None else None
            if _norm(place or "") == _norm(gold["place"] or ""):
                score.place_right += 1
            else:
                score.misses.append(f"{gold.get('id')}: place {place} != {gold['place']}")
        if "attributed_to" in gold:
            score.attribution_scored += 1
            said = event.attributed_to
            if _same_speaker(said, gold["attributed_to"]):
                score.attribution_right += 1
            else:
                score.misses.append(
                    f"{gold.get('id')}: attributed to {said.text if said else None} "
                    f"!= {gold['attributed_to']}"
                )
        if "date" in gold:
            score.date_scored += 1
            if event.date == gold["date"]:
                score.date_right += 1
            else:
                score.misses.append(f"{gold.get('id')}: date {event.date} != {gold['date']}")
    score.correct = score.found
    taken = {j: g for g, j in matching.items()}
    for j, (event, pair) in enumerate(pairs):
        if j in taken:
            score.optional += taken[j] >= len(required)
            continue
        score.extra += 1
        fitting = sorted(g for g, k in fits if k == j)
        if fitting:
            score.duplicates += 1
            ids = ", ".join(str(golds[g].get("id")) for g in fitting)
            score.extras.append(
                f"{_describe(event, pair)} (duplicate of a matched gold event: {ids})"
            )
        else:
            score.extras.append(_describe(event, pair))
    return score


def _same_speaker(said: Actor | None, gold: str | None) -> bool:
    """Whether the reported speaker is the gold's: no speaker for none; else the same words,
    one phrase inside the other ("Merz" in "German Chancellor Friedrich Merz"), or the
    speaker's resolved name's surname among the gold's words."""
    if not gold:
        return said is None
    if said is None:
        return False
    mine, theirs = (re.sub(r"^(the|a|an) ", "", _norm(t)) for t in (said.text, gold))
    if mine and (mine in theirs or theirs in mine):
        return True
    surname = _norm(said.name).split()[-1] if said.name else ""
    return bool(surname) and surname in theirs.split()


def _find_file(gold_path: Path, relative: str) -> Path:
    for base in (gold_path.parent, *gold_path.parents, Path.cwd()):
        candidate = base / relative
        if candidate.exists():
            return candidate
    raise GoldError(f"{gold_path}: cannot find the article {relative!r} it scores")


def _code_file(path: Path, record: str | None, pipeline: Pipeline) -> list[Event]:
    for item in pipeline.read(path):
        if isinstance(item, Document) and (record is None or item.record == record):
            return pipeline.code(item).events
    raise GoldError(f"{path}: no article {record or ''} was read from it")


def _select_split(
    items: list[dict[str, Any]], split: str | None, gold_path: Path
) -> list[dict[str, Any]]:
    """The entries of one half of a split gold file (all of them when ``split`` is None).

    Raises ``GoldError`` when no entry carries a ``"split"`` field, or none is in that half.
    """
    if split is None:
        return items
    if not any("split" in item for item in items):
        raise GoldError(
            f"{gold_path}: no entry has a 'split' field; add one with scripts/split_gold.py"
        )
    chosen = [item for item in items if item.get("split") == split]
    if not chosen:
        raise GoldError(f"{gold_path}: no entry is in the {split!r} half")
    return chosen


def _document_figures(scores: list[DocScore], sample: Sequence[int]) -> dict[str, float | None]:
    """Precision, recall and F1 summed over the documents in ``sample`` (indices, repeats
    allowed); a figure is None where its denominator is empty."""
    correct = sum(scores[i].correct for i in sample)
    extra = sum(scores[i].extra for i in sample)
    found = sum(scores[i].found for i in sample)
    required = sum(scores[i].required for i in sample)
    precision = correct / (correct + extra) if correct + extra else None
    recall = found / required if required else None
    both = None if precision is None or recall is None else f1(precision, recall)
    return {"precision": precision, "recall": recall, "f1": both}


def evaluate_documents(
    gold_path: Path, data: dict[str, Any], pipeline: Pipeline, options: ScoreOptions | None = None
) -> dict[str, Any]:
    """Score the document-form gold (seed or corpus). Returns the report as a dict.

    Intervals resample whole documents, since the events of one article are not independent.
    """
    options = options or ScoreOptions()
    rules = CodeRules.from_pipeline(pipeline)
    entries = _select_split(data.get("documents", [data]), options.split, gold_path)
    scores: list[DocScore] = []
    for entry in entries:
        if "file" in entry:
            path = _find_file(gold_path, entry["file"])
        else:
            path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            if not path.exists():
                raise GoldError(f"{gold_path}: no 'file' and no {path.name} beside it")
        events = _code_file(path, entry.get("record"), pipeline)
        name = path.name + (f" ({entry['record']})" if entry.get("record") else "")
        scores.append(score_document(events, entry.get("events", {}), name, rules))
    point = _document_figures(scores, range(len(scores)))
    intervals = _intervals(len(scores), lambda s: _document_figures(scores, s), options)
    return {
        "form": "documents", "gold": str(gold_path), "split": options.split,
        "documents": len(scores),
        "required": sum(s.required for s in scores), "found": sum(s.found for s in scores),
        "status_right": sum(s.status_right for s in scores),
        "place_scored": sum(s.place_scored for s in scores),
        "place_right": sum(s.place_right for s in scores),
        "date_scored": sum(s.date_scored for s in scores),
        "date_right": sum(s.date_right for s in scores),
        "attribution_scored": sum(s.attribution_scored for s in scores),
        "attribution_right": sum(s.attribution_right for s in scores),
        "reported_pairs": sum(s.reported for s in scores),
        "correct_pairs": sum(s.correct for s in scores),
        "optional_pairs": sum(s.optional for s in scores),
        "extra_pairs": sum(s.extra for s in scores),
        "duplicate_pairs": sum(s.duplicates for s in scores),
        "precision": point["precision"] or 0.0, "recall": point["recall"] or 0.0,
        "f1": point["f1"] or 0.0,
        "precision_ci": intervals.get("precision"), "recall_ci": intervals.get("recall"),
        "f1_ci": intervals.get("f1"),
        "bootstrap": _bootstrap_note(options, "document"),
        "per_document": [
            {"name": s.name, "required": s.required, "found": s.found,
             "status_right": s.status_right, "extra": s.extra, "duplicates": s.duplicates,
             "misses": s.misses, "extras": s.extras}
            for s in scores
        ],
    }  # fmt: skip


def _intervals(
    units: int,
    statistic: Callable[[Sequence[int]], Mapping[str, float | None]],
    options: ScoreOptions,
) -> dict[str, list[float] | None]:
    if not options.draws or not units:
        return {}
    return bootstrap(units, statistic, options.draws, options.seed, options.confidence)


def _bootstrap_note(options: ScoreOptions, unit: str) -> dict[str, Any] | None:
    if not options.draws:
        return None
    return {
        "unit": unit,
        "draws": options.draws,
        "seed": options.seed,
        "confidence": options.confidence,
    }


def match_actors(gold: list[str], predicted: list[Actor], rules: CodeRules) -> int:
    """How many of the ``gold`` codes find an actor of ``predicted`` (each used once)."""
    free = list(predicted)
    hits = 0
    for code in gold:
        match = next((a for a in free if rules.matches(code, a)), None)
        if match is not None:
            free.remove(match)
            hits += 1
    return hits


@dataclass(frozen=True)
class LineScore:
    """One gold line: its gold and predicted type (``NONE`` for no event) and the actor
    codes matched (tp), reported but not in the gold (fp) and missed (fn)."""

    gold: str
    predicted: str
    actor_tp: int
    actor_fp: int
    actor_fn: int
    # On a line whose type is right and whose gold names one: whether the reported mode /
    # context is the gold's (None: not scored on this line).
    mode_right: bool | None = None
    context_right: bool | None = None


def _type_counts(rows: list[LineScore], sample: Iterable[int]) -> dict[str, list[int]]:
    """``{type: [tp, fp, fn]}`` over the lines in ``sample`` (``scoring.type_counts``)."""
    return type_counts(((rows[i].gold, rows[i].predicted) for i in sample), NO_EVENT)


def _line_figures(rows: list[LineScore], sample: Sequence[int]) -> dict[str, float | None]:
    """The sentence-form figures over the lines in ``sample`` (indices, repeats allowed):
    type accuracy, macro-F1 over the types present in the gold, ``f1:TYPE`` for each type
    seen, and actor-code P/R/F1; None where a figure is undefined."""
    figures: dict[str, float | None] = {}
    counts = _type_counts(rows, sample)
    for type_, (tp, fp, fn) in counts.items():
        figures[f"f1:{type_}"] = prf(tp, fp, fn)[2]
    figures["macro_f1"] = macro_f1(counts)
    right = sum(1 for i in sample if rows[i].gold == rows[i].predicted)
    figures["type_accuracy"] = right / len(sample) if sample else None
    tp = sum(rows[i].actor_tp for i in sample)
    fp = sum(rows[i].actor_fp for i in sample)
    fn = sum(rows[i].actor_fn for i in sample)
    precision, recall, both = prf(tp, fp, fn)
    figures["actor_precision"] = precision if tp + fp else None
    figures["actor_recall"] = recall if tp + fn else None
    figures["actor_f1"] = both if tp + fp + fn else None
    return figures


def article_groups(records: list[dict[str, Any]], context: str) -> list[list[int]]:
    """Indices of the lines read together: runs of consecutive lines with the same non-empty
    "article" field under the "article" context; otherwise each line alone."""
    groups: list[list[int]] = []
    for i, record in enumerate(records):
        article = record.get("article") if context == "article" else None
        if article and groups and records[groups[-1][-1]].get("article") == article:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


@dataclass(frozen=True)
class CodedLine:
    """One gold line as dateline read it: its index among the records, its characters in
    the document it was read in (alone or with its article's other lines), and that
    document coded."""

    index: int
    start: int
    end: int
    coded: CodedDocument

    @property
    def events(self) -> list[Event]:
        """The events whose trigger is in this line."""
        return [
            e for e in self.coded.events if self.start <= (e.evidence.trigger_start or 0) < self.end
        ]


def coded_lines(
    records: list[dict[str, Any]], source: str, pipeline: Pipeline, context: str = "article"
) -> Iterator[CodedLine]:
    """Each line of a sentence gold file coded as ``dateline evaluate`` codes it: alone, or
    with the other lines of its article (``context``; each line one paragraph of the
    document, so that no sentence spans two lines), in file order."""
    if context not in CONTEXTS:
        raise GoldError(f"unknown context {context!r}; choose one of {', '.join(CONTEXTS)}")
    for group in article_groups(records, context):
        document = line_document([records[i]["text"] for i in group], group[0] + 1, source)
        coded = pipeline.code(document)
        start = 0
        for i, text in zip(group, document.paragraphs, strict=True):
            end = start + len(text)
            yield CodedLine(i, start, end, coded)
            start = end + len(PARAGRAPH_SEP)


def _code_lines(
    records: list[dict[str, Any]], source: str, pipeline: Pipeline, context: str
) -> list[list[Event]]:
    """The main events of each line (``main_event``); an event belongs to the line its
    trigger is in."""
    out: list[list[Event]] = [[] for _ in records]
    for line in coded_lines(records, source, pipeline, context):
        out[line.index] = main_event(line.events, line.coded.annotated)
    return out


def gold_type(record: dict[str, Any]) -> str:
    """The gold event type of a sentence line; ``NONE`` (or null) means no event."""
    event = record.get("event")
    return NO_EVENT if event is None else str(event)


def evaluate_lines(
    gold_path: Path,
    records: list[dict[str, Any]],
    pipeline: Pipeline,
    options: ScoreOptions | None = None,
) -> dict[str, Any]:
    """Score the sentence-form gold (JSON Lines). Returns the report as a dict.

    Intervals resample sentences. A no-event gold line counts for type accuracy, and what
    the coder reports on it is a false positive of that type; NONE is no type of the macro
    average. Fields other than text, event, source and target are ignored.
    """
    options = options or ScoreOptions()
    rules = CodeRules.from_pipeline(pipeline)
    records = _select_split(records, options.split, gold_path)
    rows: list[LineScore] = []
    misses: list[dict[str, Any]] = []
    coded_lines = _code_lines(records, str(gold_path), pipeline, options.context)
    for number, (record, events) in enumerate(zip(records, coded_lines, strict=True), start=1):
        guess = events[0].type if events else NO_EVENT
        sources: list[Actor] = []
        targets: list[Actor] = []
        for event in events:
            sources += [a for a in event.source if a.code and a not in sources]
            targets += [a for a in event.target if a.code and a not in targets]
        row_tp = row_gold = row_fp = 0
        for role, mine in (("source", sources), ("target", targets)):
            gold_codes = [a["code"] for a in record.get(role) or [] if a.get("code")]
            hits = match_actors(gold_codes, mine, rules)
            row_tp += hits
            row_gold += len(gold_codes)
            row_fp += len(mine) - hits
        rows.append(LineScore(gold_type(record), guess, row_tp, row_fp, row_gold - row_tp,
                              *_facets(record, events[0] if events else None, rules)))  # fmt: skip
        if guess != rows[-1].gold or row_tp < row_gold:
            gold_actors = [
                f"{role}:{a.get('code')}"
                for role in ("source", "target")
                for a in record.get(role) or []
            ]
            mine_actors = [f"source:{a.code}" for a in sources]
            mine_actors += [f"target:{a.code}" for a in targets]
            misses.append({
                "id": record.get("id", f"line {number}"),
                "gold": rows[-1].gold,
                "predicted": guess,
                "gold_actors": gold_actors,
                "actors": mine_actors,
                "trigger": events[0].evidence.trigger if events else None,
                "rule": events[0].evidence.rule if events else None,
                "text": record["text"],
            })  # fmt: skip
    everything = range(len(rows))
    point = _line_figures(rows, everything)
    intervals = _intervals(len(rows), lambda s: _line_figures(rows, s), options)
    per_type: dict[str, dict[str, Any]] = {}
    for type_, (tp, fp, fn) in sorted(_type_counts(rows, everything).items(),
                                      key=lambda item: _type_order(item[0])):  # fmt: skip
        precision, recall, both = prf(tp, fp, fn)
        per_type[type_] = {
            "precision": precision,
            "recall": recall,
            "f1": both,
            "support": tp + fn,
            "f1_ci": intervals.get(f"f1:{type_}"),
        }
    counts = {
        "tp": sum(r.actor_tp for r in rows),
        "fp": sum(r.actor_fp for r in rows),
        "fn": sum(r.actor_fn for r in rows),
    }
    a_prec, a_rec, a_f1 = prf(counts["tp"], counts["fp"], counts["fn"])
    facets = {
        name: [getattr(r, f"{name}_right") for r in rows if getattr(r, f"{name}_right") is not None]
        for name in ("mode", "context")
    }
    return {
        "form": "sentences", "gold": str(gold_path), "split": options.split,
        # What was done: lines that name no article are read alone under either context.
        "context": options.context if any(r.get("article") for r in records) else "sentence",
        "sentences": len(rows),
        "type_accuracy": point["type_accuracy"] or 0.0,
        "type_accuracy_ci": intervals.get("type_accuracy"),
        "macro_f1": point["macro_f1"] or 0.0, "macro_f1_ci": intervals.get("macro_f1"),
        "per_type": per_type,
        "no_event": sum(1 for r in rows if r.predicted == NO_EVENT),
        "gold_no_event": sum(1 for r in rows if r.gold == NO_EVENT),
        "actor_precision": a_prec, "actor_recall": a_rec, "actor_f1": a_f1,
        "actor_precision_ci": intervals.get("actor_precision"),
        "actor_recall_ci": intervals.get("actor_recall"),
        "actor_f1_ci": intervals.get("actor_f1"),
        "actor_counts": counts,
        # Of the lines with the right type whose gold names a mode / context, the share
        # whose main event carries it.
        "mode_accuracy": sum(facets["mode"]) / len(facets["mode"]) if facets["mode"] else None,
        "mode_scored": len(facets["mode"]),
        "context_accuracy": (
            sum(facets["context"]) / len(facets["context"]) if facets["context"] else None
        ),
        "context_scored": len(facets["context"]),
        "bootstrap": _bootstrap_note(options, "sentence"),
        "misses": misses,
    }  # fmt: skip


def _facets(
    record: dict[str, Any], event: Event | None, rules: CodeRules
) -> tuple[bool | None, bool | None]:
    """Whether ``event`` (the line's main event) has the gold's mode and context, on a line
    whose type it has right; None where the gold names none. A gold context may list several
    ("diplomatic, military"): any of them counts, read through the scorer's context aliases
    (older PLOVER names such as "refugee")."""
    if event is None or event.type != gold_type(record):
        return None, None
    mode_right = context_right = None
    gold_mode = record.get("mode")
    if isinstance(gold_mode, str) and gold_mode.strip():
        mode_right = rules.mode(event.mode or "") == rules.mode(gold_mode)
    named = record.get("context") or ""  # "diplomatic, military" or a list of names
    listed = re.split(r"[,;]", named) if isinstance(named, str) else [str(c) for c in named]
    gold_contexts = {rules.context(c) for c in listed if c.strip()}
    if gold_contexts:
        context_right = rules.context(event.context or "") in gold_contexts
    return mode_right, context_right


def _type_order(type_: str) -> int:
    return PLOVER_TYPES.index(type_) if type_ in PLOVER_TYPES else len(PLOVER_TYPES)


def _check_line(record: Any, where: str) -> None:
    """Refuse a gold line without text, with an unknown event type or split."""
    if not isinstance(record, dict) or "text" not in record or "event" not in record:
        raise GoldError(f"{where}: a gold line needs 'text' and 'event'")
    event = record["event"]
    if event is not None and event != NO_EVENT and event not in PLOVER_TYPES:
        raise GoldError(
            f'{where}: event {event!r} is not a PLOVER type (use "NONE" or null for none)'
        )
    if "split" in record and record["split"] not in SPLITS:
        raise GoldError(f"{where}: split {record['split']!r} is not one of {', '.join(SPLITS)}")


def load_gold(path: Path) -> tuple[str, Any]:
    """Read a gold file: ``("documents", dict)`` or ``("sentences", list)``.

    Raises ``GoldError`` when the file cannot be read, has neither form, or a line has no
    text, an event that is neither a PLOVER type nor ``NONE``/null, or an unknown split.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc}") from exc
    stripped = text.lstrip()
    if stripped.startswith("{") and path.suffix != ".jsonl":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from exc
        if "events" in data or "documents" in data:
            return "documents", data
        raise GoldError(f"{path}: neither 'events' nor 'documents': not a gold file")
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: not JSON: {exc.msg}") from exc
        _check_line(record, f"{path}:{number}")
        records.append(record)
    return "sentences", records


def evaluate(
    gold_path: Path, pipeline: Pipeline, options: ScoreOptions | None = None
) -> dict[str, Any]:
    """Score ``pipeline`` against the gold file at ``gold_path`` (either form).

    Returns a JSON-ready report (see ``format_report``). Raises ``GoldError`` for a bad gold
    file or a split it lacks, and whatever the pipeline raises (``ModelError``,
    ``DataFileError``).
    """
    form, data = load_gold(gold_path)
    if form == "documents":
        return evaluate_documents(gold_path, data, pipeline, options)
    return evaluate_lines(gold_path, data, pipeline, options)


def _ci(interval: list[float] | None) -> str:
    return f" [{interval[0]:.3f}, {interval[1]:.3f}]" if interval else ""


def _bootstrap_line(report: dict[str, Any]) -> str:
    note = report.get("bootstrap")
    if not note:
        return "no intervals (--bootstrap 0)"
    units = report.get("documents", report.get("sentences"))
    alone = f"; one {note['unit']} only, so no spread" if units == 1 else ""
    return (
        f"[low, high]: {note['confidence']:.0%} bootstrap percentile interval, "
        f"{note['draws']} resamples of the {note['unit']}s, seed {note['seed']}{alone}"
    )


def format_report(report: dict[str, Any], max_misses: int = 40) -> str:
    """The report as text for the terminal."""
    lines: list[str] = []
    half = f", {report['split']} half" if report.get("split") else ""
    if report["form"] == "documents":
        count = report["documents"]
        lines.append(f"gold: {report['gold']} ({count} document{'s' * (count != 1)}{half})")
        lines.append(
            f"required events found: {report['found']}/{report['required']} "
            f"(recall {report['recall']:.3f}); right status: {report['status_right']}"
            + "".join(
                f", right {name}: {report[f'{name}_right']} of {report[f'{name}_scored']}"
                for name in ("place", "date", "attribution")
                if report.get(f"{name}_scored")
            )
        )
        lines.append(
            f"reported pairs: {report['reported_pairs']}; matched one-to-one to required: "
            f"{report['correct_pairs']}, to optional: {report['optional_pairs']}; "
            f"outside required/optional: {report['extra_pairs']} "
            f"({report['duplicate_pairs']} duplicates of a matched gold event)"
        )
        lines.append(
            f"precision {report['precision']:.3f}{_ci(report['precision_ci'])}  "
            f"recall {report['recall']:.3f}{_ci(report['recall_ci'])}  "
            f"F1 {report['f1']:.3f}{_ci(report['f1_ci'])}"
        )
        lines.append(_bootstrap_line(report))
        for doc in report["per_document"]:
            for miss in doc["misses"][:max_misses]:
                lines.append(f"  miss  {doc['name']}: {miss}")
            for extra in doc["extras"][:max_misses]:
                lines.append(f"  extra {doc['name']}: {extra}")
        return "\n".join(lines)
    count = report["sentences"]
    read = (
        "each read with the other lines of its article"
        if report.get("context") == "article"
        else "each read alone"
    )
    lines.append(f"gold: {report['gold']} ({count} sentence{'s' * (count != 1)}{half}; {read})")
    lines.append(
        f"event-type accuracy: {report['type_accuracy']:.3f}{_ci(report['type_accuracy_ci'])}"
        f"   macro-F1: {report['macro_f1']:.3f}{_ci(report['macro_f1_ci'])}"
    )
    lines.append(
        f"no event reported: {report['no_event']}; no-event gold lines: {report['gold_no_event']}"
    )
    lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'F1 interval':>16} {'n':>4}")
    for type_, row in report["per_type"].items():
        lines.append(
            f"{type_:<10} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['f1']:>6.3f} {_ci(row['f1_ci']):>16} {row['support']:>4}"
        )
    c = report["actor_counts"]
    lines.append(
        f"actor codes: P {report['actor_precision']:.3f}  R {report['actor_recall']:.3f}  "
        f"F1 {report['actor_f1']:.3f}{_ci(report['actor_f1_ci'])}  "
        f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"
    )
    facets = [
        f"{name} {report[f'{name}_accuracy']:.3f} of {report[f'{name}_scored']}"
        for name in ("mode", "context")
        if report.get(f"{name}_accuracy") is not None
    ]
    if facets:
        lines.append("on lines with the right type: " + ", ".join(facets))
    lines.append(_bootstrap_line(report))
    lines.append(f"misses ({len(report['misses'])}):")
    for miss in report["misses"][:max_misses]:
        lines.append(
            f"  {miss['id']}: gold {miss['gold']} got {miss['predicted']} "
            f"({miss['rule']}: {miss['trigger']}) actors {miss['actors']} "
            f"gold {miss['gold_actors']}: {miss['text'][:100]}"
        )
    return "\n".join(lines)


def iter_type_names() -> Iterable[str]:
    return iter(PLOVER_TYPES)
