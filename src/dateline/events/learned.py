"""The fallback typer: a small learned model that proposes an event where no rule found one.

The rules come first. For a sentence they give no event, ``fallback_events`` reads the
sentence's features (``sentence_features``: lemmas of the root verb and its dependents, the
sentence's verbs and nouns, negation and modals, whether coded actors are present, the types
the coder's data gives its words, and the coder's near misses: the types of triggers that
fired on the sentence but were filtered out), and a softmax regression (``TyperModel``,
numpy) gives a PLOVER type or ``NONE`` with its probability. Above the model's threshold
the sentence becomes a candidate whose trigger is the verb the model leaned on most; from
there the coder's own stages decide it exactly as they decide a rule's candidate: sources
and targets (``coder.assign_roles``), whether anyone could code it (``coder.worth_coding``),
status, attribution, place and date. The event's rule is ``model:fallback-typer`` and its
trace names the probability and the word, so ``dateline explain`` can say why. The mode is
left empty: too few labelled sentences per type to learn it.

The weights are data: ``data/fallback_typer.jsonl``, written by
``scripts/train_fallback_typer.py`` from the tuning halves of the labelled news and the
codebook sentences (its first line records how), validated on load with ``[file:line]``
errors (``load_model``) and loaded once per ``Pipeline`` (``Pipeline.typer``).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from dateline.errors import DataFileError
from dateline.events.attribution import attribution
from dateline.events.candidate import Candidate
from dateline.events.coder import assign_roles, document_index, to_events, worth_coding
from dateline.events.decide import place_and_date
from dateline.events.matcher import Hit, find_triggers
from dateline.events.patterns import PACKAGE_DATA, Trigger
from dateline.events.status import read_status
from dateline.models import PLOVER_TYPES, AnnotatedDocument, Event, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dateline.events.patterns import Triggers
    from dateline.events.roles import MentionIndex

MODEL_FILE = "fallback_typer.jsonl"
RULE = "model:fallback-typer"
NO_EVENT = "NONE"
FORMAT = "dateline-fallback-typer/1"
# Links from the root to the clauses whose verb may carry the event ("said [it would send]",
# "vowed [to retaliate]", "met X and [signed] ..."): the trigger is chosen among them.
CLAUSE_DEPS = ("ccomp", "xcomp", "conj", "advcl")
CONTENT_POS = ("VERB", "NOUN", "ADJ", "PROPN")
_HEADER_KEYS = {"format", "labels", "threshold", "cameo", "bias", "provenance"}


@dataclass(frozen=True)
class Prediction:
    """The model's answer for one sentence: its best label and that label's probability."""

    label: str
    probability: float


@dataclass(frozen=True)
class TyperModel:
    """A multinomial logistic regression over binary sentence features.

    ``labels`` are PLOVER types and ``NONE``; ``weights[row(feature), label]`` and ``bias``
    give each label's score; a sentence is proposed as an event only when its best label is
    a type with probability at least ``threshold``. ``cameo`` gives the CAMEO root the event
    of each type carries; ``provenance`` says how the weights were made.
    """

    labels: tuple[str, ...]
    features: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    cameo: dict[str, str]
    provenance: dict[str, Any] = field(default_factory=dict)

    def scores(self, features: Iterable[str]) -> np.ndarray:
        """The label probabilities of a sentence with these features (unknown ones ignored)."""
        rows = sorted({self.features[f] for f in features if f in self.features})
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        z = np.exp(z - z.max())
        return np.asarray(z / z.sum())

    def predict(self, features: Iterable[str]) -> Prediction:
        """The best label and its probability."""
        p = self.scores(features)
        best = int(p.argmax())
        return Prediction(self.labels[best], float(p[best]))

    def weight(self, feature: str, label: str) -> float:
        """How much ``feature`` speaks for ``label`` (0.0 for a feature the model lacks)."""
        row = self.features.get(feature)
        return 0.0 if row is None else float(self.weights[row, self.labels.index(label)])


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def clause_verbs(span: Span) -> list[Token]:
    """The root and the verbs of the clauses it governs, two links deep, shallowest first:
    where the sentence's main event can live."""
    root = span.root
    found = [root]
    for token in found[:]:
        found += [c for c in token.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")]
    for token in found[1:]:
        found += [c for c in token.children if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")]
    return list(dict.fromkeys(found))


def _known_types(token: Token, triggers: Triggers) -> set[str]:
    """The event types the coder's data gives the word whatever its context: the hand
    triggers of the verb or event noun, else the CAMEO dictionary's entry for the verb
    alone (``statement`` for a statement or appeal)."""
    lemma = _lemma(token)
    if token.pos_ in ("NOUN", "PROPN"):
        return {p.type for p in triggers.by_noun.get(lemma, ())}
    found = {p.type for p in triggers.by_verb.get(lemma, ())}
    lexicon = triggers.lexicon
    if found or lexicon is None:
        return found
    for group in lexicon.by_verb.get(lemma, ()):
        entry = group.alone
        if entry is not None and not group.words:
            found.add("statement" if entry.statement else entry.type or "none")
    return found


def sentence_features(
    span: Span, coded_actors: int, hits: list[Hit], triggers: Triggers, coded: bool = False
) -> list[str]:
    """The binary features of one parsed sentence, as names.

    Takes the sentence, how many coded actor mentions it holds, the trigger hits the rules
    found in it (near misses where they made no event), and whether the rules made an event
    of it (the stage asks only about sentences they did not). Returns sorted feature names:
    ``root:`` the root's lemma, ``kid:DEP:`` its dependents, ``cl:`` the verbs of the clauses
    it governs, ``w:`` every content word, ``neg``/``modal:`` negation and modals on those
    verbs, ``actors:`` how many coded actors (0, 1, 2+), ``subj-actor`` whether the root's
    subject is one, the types of the triggers that fired (``hit:`` when the rules made an
    event of the sentence, ``coded`` says so, ``miss:`` when they did not), and the types the
    coder's data knows for the clause verbs (``vt:``), every verb (``at:``) and every noun
    (``nt:``), matched or not.
    """
    root = span.root
    found = {f"root:{_lemma(root)}", f"rootpos:{root.pos_}"}
    for child in root.children:
        if child.pos_ in CONTENT_POS or child.dep_ in ("neg", "aux", "prep"):
            found.add(f"kid:{child.dep_}:{_lemma(child)}")
    for verb in clause_verbs(span)[1:]:
        found.add(f"cl:{_lemma(verb)}")
    for verb in clause_verbs(span):
        found |= {f"vt:{t}" for t in _known_types(verb, triggers)}
    for token in span:
        if token.pos_ in ("NOUN", "PROPN"):
            found |= {f"nt:{t}" for t in _known_types(token, triggers)}
        elif token.pos_ == "VERB":
            found |= {f"at:{t}" for t in _known_types(token, triggers)}
    for verb in clause_verbs(span):
        for child in verb.children:
            if child.dep_ == "neg":
                found.add("neg")
            elif child.tag_ == "MD":
                found.add(f"modal:{child.lower_}")
    for token in span:
        if token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha:
            found.add(f"w:{_lemma(token)}")
    found.add(f"actors:{min(coded_actors, 2)}")
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
        found.add("subj-actor")
    for hit in hits:
        # A trigger the rules kept and one they filtered out are different evidence.
        found.add(f"{'hit' if coded else 'miss'}:{hit.pattern.type}")
    if coded:
        found.add("coded")  # the rules made an event of it (only ever so in training)
    if any(t.text in ('"', "\u201c", "\u201d") for t in span):
        found.add("quote")
    return sorted(found)


def _anchor(span: Span, model: TyperModel, label: str) -> Token:
    """The clause verb whose lemma speaks most for ``label``: the event's trigger; the
    shallowest on a tie (the root when no clause verb is known to the model)."""
    verbs = clause_verbs(span)
    best = verbs[0]
    best_weight = 0.0
    for verb in verbs:
        lemma = _lemma(verb)
        weight = max(model.weight(f"w:{lemma}", label), model.weight(f"root:{lemma}", label))
        weight = max(weight, model.weight(f"cl:{lemma}", label))
        if weight > best_weight:
            best, best_weight = verb, weight
    return best


def fallback_events(
    annotated: AnnotatedDocument,
    doc: Doc,
    events: list[Event],
    triggers: Triggers,
    capitals: dict[str, str],
    model: TyperModel,
) -> list[Event]:
    """The rules' ``events`` of ``annotated`` (parsed as ``doc``) with the model's events
    added on the sentences that have none, in text order.

    A sentence gets one when the model's best label is a type with probability at least
    its threshold, and the coder's stages find someone to code in it (``worth_coding``) and
    no condition ("if ...") around it.
    """
    covered = {e.evidence.start for e in events}
    index = document_index(annotated, doc, capitals)
    added: list[Event] = []
    for sent in annotated.sentences:
        if sent.start in covered:
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        coded = sum(1 for m in sent.mentions if m.code)
        features = sentence_features(span, coded, find_triggers(span, triggers), triggers)
        guess = model.predict(features)
        if guess.label == NO_EVENT or guess.probability < model.threshold:
            continue
        anchor = _anchor(span, model, guess.label)
        trace = [f"model.probability:{guess.probability:.2f}", f"model.word:{_lemma(anchor)}"]
        added += propose(
            annotated, doc, sent, span, triggers, capitals, RULE, guess.label,
            model.cameo[guess.label], trace, anchor=anchor, index=index,
        )  # fmt: skip
    if not added:
        return events
    return sorted(events + added, key=lambda e: (e.evidence.start, e.evidence.trigger_start or 0))


def propose(
    annotated: AnnotatedDocument,
    doc: Doc,
    sent: Sentence,
    span: Span,
    triggers: Triggers,
    capitals: dict[str, str],
    rule: str,
    label: str,
    cameo: str,
    trace: list[str],
    anchor: Token | None = None,
    index: MentionIndex | None = None,
) -> list[Event]:
    """A model's proposal that sentence ``sent`` (parsed as ``span``) reports a ``label``
    event, decided by the coder's own stages as a rule's candidate is: sources and targets,
    whether anyone could code it (``worth_coding``), status (no event under a condition,
    "if ..."), attribution, place and date. The trigger is ``anchor`` (default: the
    sentence's main clause verb); the trace opens with ``rule``, then ``trace``."""
    if index is None:
        index = document_index(annotated, doc, capitals)
    if anchor is None:
        anchor = clause_verbs(span)[0]
    pattern = Trigger(id=rule, type=label, mode=None, context=None, cameo=cameo)
    candidate = Candidate.of(Hit(pattern, anchor))  # its trace opens with the rule
    candidate.trace.extend(trace)
    assign_roles(candidate, span, index, triggers, None)
    if not worth_coding(candidate, sent, span, triggers, index):
        return []
    reading = read_status(anchor, triggers)
    if reading.basis == "condition":
        return []  # "if Russia attacked": a condition, not a reported event
    candidate.status = reading.status
    candidate.trace.append(reading.rule)
    said_by, said_rule = attribution(anchor, span, index, triggers)
    if said_rule:
        candidate.trace.append(said_rule)
    candidate.attributed_to = said_by
    candidate.place, candidate.date, candidate.precision = place_and_date(
        annotated, sent, candidate.status, candidate.trace, candidate.hit, candidate.actors()
    )
    return to_events(candidate, annotated.document, sent, triggers)


# -- the data file -------------------------------------------------------------------------
def _fail(path: Path, line: int | None, message: str) -> DataFileError:
    return DataFileError(str(path), line, message)


def read_numbers(value: Any, size: int, path: Path, line: int, what: str) -> list[float]:
    if not isinstance(value, list) or len(value) != size:
        raise _fail(path, line, f"{what} must be a list of {size} numbers (one per label)")
    if not all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value
    ):
        raise _fail(path, line, f"{what} holds something that is not a finite number")
    return [float(v) for v in value]


def read_header(
    record: Any, path: Path, keys: set[str] = _HEADER_KEYS, form: str = FORMAT
) -> tuple[tuple[str, ...], float, dict[str, str]]:
    """The labels, threshold and CAMEO roots of a model file's first line, validated; the
    line must hold exactly ``keys`` and name the format ``form``."""
    if not isinstance(record, dict) or set(record) != keys:
        raise _fail(path, 1, f"the first line must hold exactly {sorted(keys)}")
    if record["format"] != form:
        raise _fail(path, 1, f"format {record['format']!r} is not {form!r}")
    labels = record["labels"]
    known = (*PLOVER_TYPES, NO_EVENT)
    if (
        not isinstance(labels, list)
        or NO_EVENT not in labels
        or len(set(labels)) != len(labels)
        or any(label not in known for label in labels)
    ):
        raise _fail(path, 1, "labels must be distinct PLOVER types and NONE, NONE included")
    threshold = record["threshold"]
    if not isinstance(threshold, int | float) or not 0.0 <= threshold <= 1.0:
        raise _fail(path, 1, f"threshold {threshold!r} is not a probability")
    cameo = record["cameo"]
    types = [label for label in labels if label != NO_EVENT]
    if not isinstance(cameo, dict) or sorted(cameo) != sorted(types):
        raise _fail(path, 1, "cameo must give a CAMEO root for every type among the labels")
    if any(not (isinstance(c, str) and len(c) == 2 and c.isdigit()) for c in cameo.values()):
        raise _fail(path, 1, "a cameo root must be two digits")
    return tuple(labels), float(threshold), dict(cameo)


def read_records(path: Path) -> list[Any]:
    """The JSON values of a model file's lines; ``DataFileError`` for a file that cannot be
    read, a line that is not JSON, or no line at all."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _fail(path, None, f"cannot read: {exc}") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"not JSON: {exc.msg}") from exc
    if not records:
        raise _fail(path, None, "empty file: no header and no weights")
    return records


def fit_softmax(
    x: np.ndarray,
    y: np.ndarray,
    labels: int,
    l2: float,
    steps: int,
    rate: float,
    sample: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A multinomial logistic regression by full-batch gradient descent from zeros
    (deterministic): ``(weights, bias)`` for rows ``x`` with label indices ``y``, L2 ``l2`` on
    the weights; ``sample`` weighs the rows (default: all alike). Both typers' scripts fit
    with it."""
    share = np.full(len(y), 1.0 / len(y)) if sample is None else sample / sample.sum()
    weights = np.zeros((x.shape[1], labels))
    bias = np.zeros(labels)
    rows = np.arange(len(y))
    for _ in range(steps):
        z = x @ weights + bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        p[rows, y] -= 1.0
        p *= share[:, None]
        weights -= rate * (x.T @ p + l2 * weights)
        bias -= rate * p.sum(axis=0)
    return weights, bias


def cameo_roots(triggers: Triggers, labels: Iterable[str]) -> dict[str, str]:
    """Each type's CAMEO root, for a model's events: the commonest among the hand trigger
    patterns of that type."""
    roots: dict[str, Counter[str]] = defaultdict(Counter)
    for pattern in triggers.patterns:
        roots[pattern.type][pattern.cameo[:2]] += 1
    return {t: roots[t].most_common(1)[0][0] for t in labels if t != NO_EVENT}


def load_model(data_dir: Path | None = None) -> TyperModel:
    """Read and validate ``fallback_typer.jsonl`` (from ``data_dir`` when it has one, else
    the package's data folder).

    The first line holds the format, labels, threshold, CAMEO roots, bias and provenance;
    each later line one feature and its weights, one per label. Raises ``DataFileError``
    (``[file:line] message``) for a file that is missing, not JSON, or malformed: a weight
    row of the wrong length, a number that is not finite, a feature named twice, an unknown
    label, or no feature at all (a model that would answer the same for every sentence).
    """
    path = PACKAGE_DATA / MODEL_FILE
    if data_dir is not None and (data_dir / MODEL_FILE).exists():
        path = data_dir / MODEL_FILE
    records = read_records(path)
    labels, threshold, cameo = read_header(records[0], path)
    bias = read_numbers(records[0]["bias"], len(labels), path, 1, "bias")
    provenance = records[0]["provenance"]
    if not isinstance(provenance, dict):
        raise _fail(path, 1, "provenance must be an object")
    features: dict[str, int] = {}
    rows: list[list[float]] = []
    for number, record in enumerate(records[1:], start=2):
        if not isinstance(record, dict) or set(record) != {"f", "w"}:
            raise _fail(path, number, 'a weight line must hold exactly "f" and "w"')
        name = record["f"]
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, number, "a feature name must be a non-empty string")
        if name in features:
            raise _fail(path, number, f"feature {name!r} is given twice")
        features[name] = len(rows)
        rows.append(read_numbers(record["w"], len(labels), path, number, f"weights of {name!r}"))
    if not rows:
        raise _fail(path, None, "no feature weights: the model would answer alike for everything")
    return TyperModel(
        labels=labels,
        features=features,
        weights=np.array(rows),
        bias=np.array(bias),
        threshold=threshold,
        cameo=cameo,
        provenance=provenance,
    )


def model_lines(model: TyperModel, digits: int = 5) -> list[str]:
    """The model as the lines of its data file (``load_model`` reads them back)."""
    header = {
        "format": FORMAT,
        "labels": list(model.labels),
        "threshold": model.threshold,
        "cameo": model.cameo,
        "bias": [round(float(b), digits) for b in model.bias],
        "provenance": model.provenance,
    }
    lines = [json.dumps(header, sort_keys=True)]
    for name, row in sorted(model.features.items()):
        weights = [round(float(w), digits) for w in model.weights[row]]
        lines.append(json.dumps({"f": name, "w": weights}))
    return lines
