"""Scoring the pipeline against gold data, run exactly as ``dateline code`` runs it.

Two gold forms:

- **document form** (the seed ``paris-talks.gold.json``, or the example corpus gold with a
  ``documents`` list of such entries carrying ``file``/``record``): required and optional
  events matched by evidence containment, type, source and target. Recall over required
  events; every reported source-target pair that matches neither list counts against precision.
- **sentence form** (JSON Lines: ``text``, ``event``, ``source``/``target`` actors with
  ``code``): each line coded as its own short document, the main event of the line compared.
  Event-type accuracy, per-type P/R/F1 and macro-F1, and actor-code P/R/F1.

Code normalisation of gold files (legacy CAMEO country codes, sector-only codes) is data:
``[codes]`` in ``event_cues.toml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.events import main_event
from dateline.models import PLOVER_TYPES, Actor, Document, Event
from dateline.pipeline import Pipeline


class GoldError(DatelineError):
    """A gold file cannot be read or has an unknown shape."""


def line_document(text: str, number: int, source: str = "-") -> Document:
    """One input line as its own short document, as ``dateline code --lines`` reads it."""
    paragraphs = [text.strip()]
    doc = Document(
        id=Document.make_id(None, paragraphs),
        source=source,
        format="line",
        title=None,
        paragraphs=paragraphs,
        record=f"line {number}",
    )
    return doc


@dataclass
class CodeRules:
    legacy: dict[str, str]
    sectors: frozenset[str]

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline) -> CodeRules:
        from dateline.actors.data import load_code_aliases

        codes = pipeline.triggers.cues.get("codes", {})
        # Old CAMEO and former-state codes (JAP, ITL, VTN, USR ...) from code_aliases.toml.
        legacy = {**load_code_aliases(pipeline.options.data_dir), **codes.get("legacy", {})}
        return cls(legacy, frozenset(codes.get("sectors", ())))

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


@dataclass
class DocScore:
    name: str
    required: int = 0
    found: int = 0
    status_right: int = 0
    reported: int = 0
    correct: int = 0
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


def score_document(
    events: list[Event], gold_events: dict[str, Any], name: str, rules: CodeRules
) -> DocScore:
    """Score one document's events against its gold ``events`` (``required``/``optional``)."""
    required = gold_events.get("required", [])
    optional = gold_events.get("optional", [])
    score = DocScore(name, required=len(required))
    pairs = [(e, p) for e in events for p in _pairs(e)]
    score.reported = len(pairs)
    for gold in required:
        hits = [(e, p) for e, p in pairs if _gold_match(gold, e, p, rules)]
        if hits:
            score.found += 1
            if any(e.status == gold.get("status", e.status) for e, _ in hits):
                score.status_right += 1
            else:
                score.misses.append(
                    f"{gold.get('id')}: status {hits[0][0].status} != {gold.get('status')}"
                )
        else:
            score.misses.append(
                f"{gold.get('id')}: {'/'.join(gold.get('type', []))} "
                f"{gold.get('source')} -> {gold.get('target')}: '{gold['evidence'][:70]}'"
            )
    for event, pair in pairs:
        if any(_gold_match(g, event, pair, rules) for g in required):
            score.correct += 1
        elif not any(_gold_match(g, event, pair, rules) for g in optional):
            score.extra += 1
            score.extras.append(_describe(event, pair))
    return score


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


def evaluate_documents(gold_path: Path, data: dict[str, Any], pipeline: Pipeline) -> dict[str, Any]:
    """Score the document-form gold (seed or corpus). Returns the report as a dict."""
    rules = CodeRules.from_pipeline(pipeline)
    entries = data.get("documents", [data])
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
    required = sum(s.required for s in scores)
    found = sum(s.found for s in scores)
    correct = sum(s.correct for s in scores)
    extra = sum(s.extra for s in scores)
    precision = correct / (correct + extra) if correct + extra else 0.0
    recall = found / required if required else 0.0
    return {
        "form": "documents", "gold": str(gold_path), "documents": len(scores),
        "required": required, "found": found,
        "status_right": sum(s.status_right for s in scores),
        "reported_pairs": sum(s.reported for s in scores), "correct_pairs": correct,
        "extra_pairs": extra, "precision": precision, "recall": recall,
        "f1": _f1(precision, recall),
        "per_document": [
            {"name": s.name, "required": s.required, "found": s.found,
             "status_right": s.status_right, "extra": s.extra,
             "misses": s.misses, "extras": s.extras}
            for s in scores
        ],
    }  # fmt: skip


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match_actors(gold: list[str], predicted: list[Actor], rules: CodeRules) -> int:
    free = list(predicted)
    hits = 0
    for code in gold:
        match = next((a for a in free if rules.matches(code, a)), None)
        if match is not None:
            free.remove(match)
            hits += 1
    return hits


def evaluate_lines(
    gold_path: Path, records: list[dict[str, Any]], pipeline: Pipeline
) -> dict[str, Any]:
    """Score the sentence-form gold (JSON Lines). Returns the report as a dict."""
    rules = CodeRules.from_pipeline(pipeline)
    gold_types: list[str] = []
    predicted: list[str] = []
    actor_tp = actor_fp = actor_fn = 0
    misses: list[dict[str, Any]] = []
    for number, record in enumerate(records, start=1):
        document = line_document(record["text"], number, str(gold_path))
        coded = pipeline.code(document)
        events = main_event(coded.events, coded.annotated)
        guess = events[0].type if events else "NONE"
        gold_types.append(record["event"])
        predicted.append(guess)
        sources: list[Actor] = []
        targets: list[Actor] = []
        for event in events:
            sources += [a for a in event.source if a.code and a not in sources]
            targets += [a for a in event.target if a.code and a not in targets]
        row_tp = 0
        row_gold = 0
        for role, mine in (("source", sources), ("target", targets)):
            gold_codes = [a["code"] for a in record.get(role) or [] if a.get("code")]
            hits = _match_actors(gold_codes, mine, rules)
            row_tp += hits
            row_gold += len(gold_codes)
            actor_tp += hits
            actor_fn += len(gold_codes) - hits
            actor_fp += len(mine) - hits
        if guess != record["event"] or row_tp < row_gold:
            gold_actors = [
                f"{role}:{a.get('code')}"
                for role in ("source", "target")
                for a in record.get(role) or []
            ]
            mine_actors = [f"source:{a.code}" for a in sources]
            mine_actors += [f"target:{a.code}" for a in targets]
            misses.append({
                "id": record.get("id", f"line {number}"),
                "gold": record["event"],
                "predicted": guess,
                "gold_actors": gold_actors,
                "actors": mine_actors,
                "trigger": events[0].evidence.trigger if events else None,
                "rule": events[0].evidence.rule if events else None,
                "text": record["text"],
            })  # fmt: skip
    per_type: dict[str, dict[str, float]] = {}
    for type_ in sorted(set(gold_types) | (set(predicted) - {"NONE"}), key=_type_order):
        tp = sum(1 for g, p in zip(gold_types, predicted, strict=True) if g == p == type_)
        fp = sum(1 for g, p in zip(gold_types, predicted, strict=True) if p == type_ and g != type_)
        fn = sum(1 for g, p in zip(gold_types, predicted, strict=True) if g == type_ and p != type_)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per_type[type_] = {
            "precision": prec,
            "recall": rec,
            "f1": _f1(prec, rec),
            "support": tp + fn,
        }
    in_gold = [t for t in per_type if per_type[t]["support"]]
    macro = sum(per_type[t]["f1"] for t in in_gold) / len(in_gold) if in_gold else 0.0
    correct = sum(1 for g, p in zip(gold_types, predicted, strict=True) if g == p)
    a_prec = actor_tp / (actor_tp + actor_fp) if actor_tp + actor_fp else 0.0
    a_rec = actor_tp / (actor_tp + actor_fn) if actor_tp + actor_fn else 0.0
    return {
        "form": "sentences", "gold": str(gold_path), "sentences": len(records),
        "type_accuracy": correct / len(records) if records else 0.0,
        "macro_f1": macro, "per_type": per_type,
        "no_event": predicted.count("NONE"),
        "actor_precision": a_prec, "actor_recall": a_rec, "actor_f1": _f1(a_prec, a_rec),
        "actor_counts": {"tp": actor_tp, "fp": actor_fp, "fn": actor_fn},
        "misses": misses,
    }  # fmt: skip


def _type_order(type_: str) -> int:
    return PLOVER_TYPES.index(type_) if type_ in PLOVER_TYPES else len(PLOVER_TYPES)


def load_gold(path: Path) -> tuple[str, Any]:
    """Read a gold file: ``("documents", dict)`` or ``("sentences", list)``.

    Raises ``GoldError`` when the file cannot be read or has neither form.
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
        if not isinstance(record, dict) or "text" not in record or "event" not in record:
            raise GoldError(f"{path}:{number}: a gold line needs 'text' and 'event'")
        records.append(record)
    return "sentences", records


def evaluate(gold_path: Path, pipeline: Pipeline) -> dict[str, Any]:
    """Score ``pipeline`` against the gold file at ``gold_path`` (either form).

    Returns a JSON-ready report (see ``format_report``). Raises ``GoldError`` for a bad gold
    file, and whatever the pipeline raises (``ModelError``, ``DataFileError``).
    """
    form, data = load_gold(gold_path)
    if form == "documents":
        return evaluate_documents(gold_path, data, pipeline)
    return evaluate_lines(gold_path, data, pipeline)


def format_report(report: dict[str, Any], max_misses: int = 40) -> str:
    """The report as text for the terminal."""
    lines: list[str] = []
    if report["form"] == "documents":
        lines.append(f"gold: {report['gold']} ({report['documents']} documents)")
        lines.append(
            f"required events found: {report['found']}/{report['required']} "
            f"(recall {report['recall']:.3f}); right status: {report['status_right']}"
        )
        lines.append(
            f"reported pairs: {report['reported_pairs']}; matching required: "
            f"{report['correct_pairs']}; outside required/optional: {report['extra_pairs']}"
        )
        lines.append(
            f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  "
            f"F1 {report['f1']:.3f}"
        )
        for doc in report["per_document"]:
            for miss in doc["misses"][:max_misses]:
                lines.append(f"  miss  {doc['name']}: {miss}")
            for extra in doc["extras"][:max_misses]:
                lines.append(f"  extra {doc['name']}: {extra}")
        return "\n".join(lines)
    lines.append(f"gold: {report['gold']} ({report['sentences']} sentences)")
    lines.append(
        f"event-type accuracy: {report['type_accuracy']:.3f}   "
        f"macro-F1: {report['macro_f1']:.3f}   no event: {report['no_event']}"
    )
    lines.append(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for type_, row in report["per_type"].items():
        lines.append(
            f"{type_:<10} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['f1']:>6.3f} {row['support']:>4}"
        )
    c = report["actor_counts"]
    lines.append(
        f"actor codes: P {report['actor_precision']:.3f}  R {report['actor_recall']:.3f}  "
        f"F1 {report['actor_f1']:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"
    )
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
