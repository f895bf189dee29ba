"""Train the fallback typer (``dateline.events.learned``) and choose when it fires, by
cross-validation on the tuning data only.

    python scripts/train_fallback_typer.py --cv          # cross-validation table, writes nothing
    python scripts/train_fallback_typer.py               # fit on all tuning data, write the weights
    python scripts/train_fallback_typer.py --check       # refit and compare with the shipped file

Training data, all in the repository: the ``"split": "tune"`` lines of
``examples/gold/news/news.jsonl`` and ``news2.jsonl`` (read with the other lines of their
article, as ``dateline evaluate`` reads them) and the codebook sentences of
``examples/gold/codebook/``. The check halves are filtered out as the files are read and
never coded; ``examples/heldout/`` and the PLOVER dev file are not read at all: they stay
checks the model never saw.

Each line is coded by the rules (no fallback) and described by
``learned.sentence_features`` (union over its sentences). A multinomial logistic regression
(numpy, full-batch gradient descent from zeros, L2; deterministic) is fitted over the
features seen at least ``MIN_COUNT`` times. Cross-validation holds out whole articles of the
tuning news (``FOLDS`` folds by sorted article name; the codebook always trains) and scores,
on the held-out lines, the hybrid exactly as the pipeline runs it: the rules, and
``learned.fallback_events`` on the sentences they leave without an event, for each
threshold and each L2 strength of ``L2S``. The script chooses both (``choose``): per L2 the
lowest threshold within ``TOLERANCE`` macro-F1 of the rules on each tuning file, then the L2
with the best mean macro-F1 there. The other settings are the constants below, each
compared in ``--cv`` runs (``--corpus yes``: train on the example corpus too). The data
file's first line records the choice, the data's checksum and the CV figures.

Last run (5 folds, fourth session's main): rules macro-F1 0.6540 / 0.5150 (news / news2
tuning halves); the hybrid at L2 0.01, threshold 0.3: 0.6550 / 0.5102 (no gain; it stays off
by default). The first run, before that session's actor rules: rules 0.6458 / 0.5206, hybrid
at L2 0.001, threshold 0.4: 0.6475 / 0.5206.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from dateline.evaluate import CodeRules, coded_lines, match_actors
from dateline.events import main_event
from dateline.events.learned import (
    NO_EVENT,
    RULE,
    TyperModel,
    cameo_roots,
    fallback_events,
    fit_softmax,
    model_lines,
    sentence_features,
)
from dateline.events.matcher import find_triggers
from dateline.events.patterns import Triggers
from dateline.models import AnnotatedDocument, CodedDocument, Document, Event
from dateline.options import Options
from dateline.pipeline import Pipeline
from dateline.scoring import macro_f1, prf, type_counts

REPO = Path(__file__).resolve().parents[1]
NEWS = ("examples/gold/news/news.jsonl", "examples/gold/news/news2.jsonl")
CODEBOOK = "examples/gold/codebook"
CORPUS_GOLD = "examples/gold/corpus.gold.json"
OUT = REPO / "src/dateline/data/fallback_typer.jsonl"
# Settings chosen by the cross-validation (``--cv``), on the tuning data only.
FOLDS = 5
WITH_CORPUS = False  # the corpus gave no CV gain (--cv --corpus yes); it stays a check
MIN_COUNT = 2
# Tell the model which training sentences the rules coded (``coded``, ``hit:`` vs ``miss:``):
# it is asked only about the others, whose share of NONE is higher.
MARK_CODED = True
STEPS = 400
RATE = 0.5
L2S = (1e-3, 3e-3, 1e-2)  # the L2 strengths the cross-validation chooses among
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# The threshold is the lowest of THRESHOLDS at which the hybrid's CV macro-F1 is less than
# TOLERANCE below the rules' on each tuning file: the most the model may add at no cost beyond
# noise. (The rules were written on these very sentences, so the ones they leave are the
# hardest: the CV is biased against the model, and the transfer sets judge it.)
TOLERANCE = 0.005


@dataclass
class Line:
    """One labelled line: its gold type, features, group (article) and where it was coded."""

    gold: str
    features: list[str]
    group: str
    source: str  # the file it came from
    unit: int  # index of the coded document it belongs to
    start: int  # its character range in that document
    end: int
    gold_codes: dict[str, list[str]]


@dataclass
class Unit:
    """One coded document (an article's tuning lines, or one codebook sentence)."""

    annotated: AnnotatedDocument
    events: list[Event]


def _records(path: Path, tune_only: bool) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if tune_only and record.get("split") != "tune":
            continue  # the check half is never coded, never looked at
        out.append(record)
    return out


def _features_of(
    annotated: AnnotatedDocument, events: list[Event], start: int, end: int, triggers: Triggers
) -> list[str]:
    """The features of the sentences that start in ``[start, end)``, together; a sentence
    is ``coded`` when the rules made one of ``events`` of it."""
    coded = {e.evidence.start for e in events}
    doc = annotated.spacy_doc
    found: set[str] = set()
    for sent in annotated.sentences:
        if not start <= sent.start < end:
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        coded_actors = sum(1 for m in sent.mentions if m.code)
        hits = find_triggers(span, triggers)
        found |= set(
            sentence_features(
                span, coded_actors, hits, triggers, MARK_CODED and sent.start in coded
            )
        )
    return sorted(found)


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


def collect_corpus(pipeline: Pipeline, lines: list[Line], units: list[Unit]) -> None:
    """The example corpus's sentences, labelled from its gold: the first type of the first
    required event whose evidence the sentence holds, NONE where no gold event's evidence is
    in it; a sentence with only optional events is left out (its label is uncertain)."""
    data = json.loads((REPO / CORPUS_GOLD).read_text(encoding="utf-8"))
    for entry in data["documents"]:
        path = REPO / entry["file"]
        document = next(
            d
            for d in pipeline.read(path)
            if isinstance(d, Document)
            and (entry.get("record") is None or d.record == entry["record"])
        )
        coded = pipeline.code(document)
        annotated = coded.annotated
        assert annotated is not None and annotated.spacy_doc is not None
        units.append(Unit(annotated, coded.events))
        required = entry["events"].get("required", [])
        optional = entry["events"].get("optional", [])
        for sent in annotated.sentences:
            text = _norm(sent.text)
            mine = [g for g in required if _norm(g["evidence"]) in text]
            if not mine and any(_norm(g["evidence"]) in text for g in optional):
                continue
            gold = mine[0]["type"][0] if mine else NO_EVENT
            codes = {
                role: [c for c in (mine[0].get(role, [""])[:1] if mine else []) if c]
                for role in ("source", "target")
            }
            lines.append(
                Line(
                    gold=gold,
                    features=_features_of(
                        annotated, coded.events, sent.start, sent.end, pipeline.triggers
                    ),
                    group="corpus",
                    source=CORPUS_GOLD,
                    unit=len(units) - 1,
                    start=sent.start,
                    end=sent.end,
                    gold_codes=codes,
                )
            )


def collect(pipeline: Pipeline, with_corpus: bool = WITH_CORPUS) -> tuple[list[Line], list[Unit]]:
    """Code every training line (rules only) and describe it."""
    lines: list[Line] = []
    units: list[Unit] = []
    sources: list[tuple[str, list[dict[str, Any]]]] = [
        (name, _records(REPO / name, tune_only=True)) for name in NEWS
    ]
    for path in sorted((REPO / CODEBOOK).glob("codebook*.jsonl")):
        sources.append((str(path.relative_to(REPO)), _records(path, tune_only=False)))
    triggers = pipeline.triggers
    for name, records in sources:
        news = name in NEWS
        coded: CodedDocument | None = None
        # News lines are read with their article's other lines, as `dateline evaluate` reads
        # them; codebook lines each alone.
        for line in coded_lines(records, name, pipeline, "article" if news else "sentence"):
            if line.coded is not coded:
                coded = line.coded
                annotated = coded.annotated
                assert annotated is not None and annotated.spacy_doc is not None
                units.append(Unit(annotated, coded.events))
            found = _features_of(annotated, coded.events, line.start, line.end, triggers)
            record = records[line.index]
            lines.append(
                Line(
                    gold=str(record.get("event") or NO_EVENT),
                    features=found,
                    group=f"{name}#{record.get('article') or line.index}" if news else "codebook",
                    source=name,
                    unit=len(units) - 1,
                    start=line.start,
                    end=line.end,
                    gold_codes={
                        role: [a["code"] for a in record.get(role) or [] if a.get("code")]
                        for role in ("source", "target")
                    },
                )
            )
    if with_corpus:
        collect_corpus(pipeline, lines, units)
    return lines, units


def fit(
    lines: list[Line], labels: list[str], cameo: dict[str, str], threshold: float, l2: float
) -> TyperModel:
    """A softmax regression over the lines' features (those seen ``MIN_COUNT`` times)."""
    counts = collections.Counter(f for line in lines for f in line.features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    x = np.zeros((len(lines), len(vocab)))
    for row, line in enumerate(lines):
        for f in line.features:
            if f in vocab:
                x[row, vocab[f]] = 1.0
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[line.gold] for line in lines])
    weights, bias = fit_softmax(x, y, len(labels), l2, STEPS, RATE)
    return TyperModel(tuple(labels), vocab, weights, bias, threshold, cameo)


def _kept(event: Event, threshold: float) -> bool:
    """Whether the event stands at this threshold: a rule's always, the model's when its
    probability reaches it."""
    if event.evidence.rule != RULE:
        return True
    for rule in event.evidence.rules:
        if rule.startswith("model.probability:"):
            return float(rule.split(":", 1)[1]) >= threshold
    return False


def hybrid(
    lines: list[Line], units: list[Unit], pipeline: Pipeline, model: TyperModel | None
) -> dict[int, list[Event]]:
    """Each line's events (rules, plus the model's where the rules have none, every
    threshold: the model's own is 0)."""
    events: dict[int, list[Event]] = {}
    for u in sorted({line.unit for line in lines}):
        unit = units[u]
        found = unit.events
        if model is not None:
            doc = unit.annotated.spacy_doc
            found = fallback_events(
                unit.annotated, doc, found, pipeline.triggers, pipeline.capitals, model
            )
        events[u] = found
    return events


def score(
    lines: list[Line],
    units: list[Unit],
    events: dict[int, list[Event]],
    threshold: float,
    rules: CodeRules,
) -> dict[str, float]:
    """Macro-F1 (types in the gold), accuracy and actor F1 of the lines, as ``evaluate``."""
    pairs: list[tuple[str, str]] = []
    actors = [0, 0, 0]
    for line in lines:
        mine = [
            e
            for e in events[line.unit]
            if line.start <= (e.evidence.trigger_start or 0) < line.end and _kept(e, threshold)
        ]
        main = main_event(mine, units[line.unit].annotated)
        pairs.append((line.gold, main[0].type if main else NO_EVENT))
        for role in ("source", "target"):
            coded = list({id(a): a for e in main for a in getattr(e, role) if a.code}.values())
            hits = match_actors(line.gold_codes[role], coded, rules)
            actors[0] += hits
            actors[1] += len(coded) - hits
            actors[2] += len(line.gold_codes[role]) - hits
    return {
        "macro_f1": macro_f1(type_counts(pairs, NO_EVENT)) or 0.0,
        "accuracy": sum(gold == guess for gold, guess in pairs) / len(lines),
        "actor_f1": prf(*actors)[2],
    }


def folds(lines: list[Line]) -> dict[str, int]:
    """Article → fold: the sorted articles of the tuning news dealt round-robin."""
    articles = sorted({line.group for line in lines if line.source in NEWS})
    return {a: i % FOLDS for i, a in enumerate(articles)}


def cross_validate(
    lines: list[Line], units: list[Unit], pipeline: Pipeline, labels: list[str], l2: float
) -> dict[str, Any]:
    """Out-of-fold events of every tuning news line under the hybrid, then the figures per
    file and threshold, beside the rules alone."""
    fold_of = folds(lines)
    cameo = cameo_roots(pipeline.triggers, labels)
    news = [line for line in lines if line.source in NEWS]
    out_of_fold: dict[int, list[Event]] = {}
    for k in range(FOLDS):
        train = [line for line in lines if fold_of.get(line.group, -1) != k]
        model = fit(train, labels, cameo, 0.0, l2)
        held = [line for line in news if fold_of[line.group] == k]
        out_of_fold.update(hybrid(held, units, pipeline, model))
    rules = CodeRules.from_pipeline(pipeline)
    table: dict[str, Any] = {}
    for name in NEWS:
        mine = [line for line in news if line.source == name]
        alone = {line.unit: units[line.unit].events for line in mine}
        table[f"{name} rules"] = score(mine, units, alone, 2.0, rules)
        for threshold in THRESHOLDS:
            table[f"{name} hybrid@{threshold}"] = score(mine, units, out_of_fold, threshold, rules)
    return table


def training_labels(lines: list[Line]) -> list[str]:
    return sorted({line.gold for line in lines})


def checksum(lines: list[Line]) -> str:
    """sha256 of the training lines' labels and features: what the weights were fitted on."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(json.dumps([line.gold, line.features]).encode("utf-8"))
    return digest.hexdigest()


def choose_threshold(cv: dict[str, Any]) -> float:
    """The lowest threshold whose CV macro-F1 is within ``TOLERANCE`` of the rules' on every
    tuning file (the highest threshold when none is)."""
    for threshold in THRESHOLDS:
        if all(
            cv[f"{name} rules"]["macro_f1"] - cv[f"{name} hybrid@{threshold}"]["macro_f1"]
            < TOLERANCE
            for name in NEWS
        ):
            return threshold
    return THRESHOLDS[-1]


def _mean_f1(cv: dict[str, Any], threshold: float) -> float:
    return sum(cv[f"{name} hybrid@{threshold}"]["macro_f1"] for name in NEWS) / len(NEWS)


def choose(tables: dict[float, dict[str, Any]]) -> tuple[float, float]:
    """(L2, threshold): each L2 at its threshold (``choose_threshold``), the one whose mean
    CV macro-F1 over the tuning files is highest (the first of ``L2S`` on a tie)."""
    best = max(tables, key=lambda l2: (_mean_f1(tables[l2], choose_threshold(tables[l2])), -l2))
    return best, choose_threshold(tables[best])


def build(pipeline: Pipeline, lines: list[Line], tables: dict[float, dict[str, Any]]) -> list[str]:
    """The data file's lines for the model fitted on every training line, with the L2 and
    threshold the cross-validation ``tables`` chose."""
    labels = training_labels(lines)
    l2, threshold = choose(tables)
    cv = tables[l2]
    model = fit(lines, labels, cameo_roots(pipeline.triggers, labels), threshold, l2)
    counts = collections.Counter(line.source for line in lines)
    provenance: dict[str, Any] = {
        "script": "scripts/train_fallback_typer.py",
        "trained_on": {name: counts[name] for name in sorted(counts)},
        "not_trained_on": [
            "the check halves of examples/gold/news/*.jsonl",
            "examples/heldout/",
            "../shared/gold/plover-gsr-dev.jsonl",
        ],
        "model": f"softmax regression, {STEPS} steps of gradient descent at {RATE}, L2 {l2} "
        f"(of {list(L2S)}, by the best mean CV macro-F1 at each one's threshold), "
        f"features seen at least {MIN_COUNT} times",
        "threshold": f"{threshold}: the lowest whose {FOLDS}-fold cross-validated macro-F1 "
        f"(folds by article, tuning halves only) is within {TOLERANCE} of the rules' on each "
        "tuning file",
        "data_sha256": checksum(lines),
        "spacy_model": pipeline.options.model,
    }
    provenance["cv_mean_macro_f1"] = {
        str(k): round(_mean_f1(t, choose_threshold(t)), 4) for k, t in tables.items()
    }
    provenance["cv"] = {k: {m: round(v, 3) for m, v in row.items()} for k, row in cv.items()}
    model = replace(model, provenance=provenance)
    return model_lines(model)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="print the cross-validation table only")
    parser.add_argument("--check", action="store_true", help="refit; compare with the shipped file")
    parser.add_argument(
        "--corpus", choices=("yes", "no"), help="train on the example corpus too (CV only)"
    )
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    pipeline = Pipeline(Options(fallback_typer=False))
    with_corpus = WITH_CORPUS if args.corpus is None else args.corpus == "yes"
    if with_corpus != WITH_CORPUS and not args.cv:
        parser.error("--corpus only compares in --cv; the weights use WITH_CORPUS")
    lines, units = collect(pipeline, with_corpus)
    labels = training_labels(lines)
    tables = {l2: cross_validate(lines, units, pipeline, labels, l2) for l2 in L2S}
    if args.cv:
        for l2, table in tables.items():
            print(f"L2 {l2}:")
            for key, row in table.items():
                print(f"  {key:<45} " + "  ".join(f"{m} {v:.4f}" for m, v in row.items()))
            threshold = choose_threshold(table)
            print(f"  threshold {threshold}: mean macro-F1 {_mean_f1(table, threshold):.4f}")
        print("chosen (L2, threshold): {} {}".format(*choose(tables)))
        return 0
    text = "\n".join(build(pipeline, lines, tables)) + "\n"
    if args.check:
        same = args.output.read_text(encoding="utf-8") == text
        print("the shipped weights are reproduced" if same else "the weights differ")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print("wrote {} ({} features; L2 {}, threshold {})".format(
        args.output, len(text.splitlines()) - 1, *choose(tables)))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
