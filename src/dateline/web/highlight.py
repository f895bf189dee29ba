"""Cut article text into pieces marked by the spans that cover them (actors, triggers, events).

The result is plain data (text pieces with the kinds of span that cover them); the template
escapes each piece, so nothing from an article reaches a page as markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from dateline.models import PARAGRAPH_SEP


@dataclass(frozen=True)
class Span:
    """A marked stretch of text: ``kind`` is "actor", "trigger", "event", "place" or "time"."""

    start: int
    end: int
    kind: str
    label: str = ""  # shown on hover: an actor code, an event type
    ref: str | None = None  # an event id the piece links to


@dataclass
class Piece:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kinds": self.kinds, "labels": self.labels, "ref": self.ref}


def cut(text: str, spans: list[Span], offset: int = 0) -> list[Piece]:
    """``text`` (which starts at ``offset`` in the document) as pieces, each covered by the
    same set of spans. Spans outside the text are clipped or dropped; overlaps are fine."""
    end_of_text = offset + len(text)
    clipped = [
        Span(max(s.start, offset), min(s.end, end_of_text), s.kind, s.label, s.ref)
        for s in spans
        if s.end > offset and s.start < end_of_text and s.end > s.start
    ]
    bounds = sorted({offset, end_of_text, *(s.start for s in clipped), *(s.end for s in clipped)})
    pieces: list[Piece] = []
    for left, right in itertools.pairwise(bounds):
        covering = [s for s in clipped if s.start <= left and s.end >= right]
        piece = Piece(text[left - offset : right - offset])
        for span in covering:
            if span.kind not in piece.kinds:
                piece.kinds.append(span.kind)
            if span.label and span.label not in piece.labels:
                piece.labels.append(span.label)
            piece.ref = piece.ref or span.ref
        if (
            pieces
            and pieces[-1].kinds == piece.kinds
            and pieces[-1].ref == piece.ref
            and (pieces[-1].labels == piece.labels)
        ):
            pieces[-1].text += piece.text
        else:
            pieces.append(piece)
    return pieces


def paragraphs(paras: list[str], spans: list[Span]) -> list[list[dict[str, Any]]]:
    """Each paragraph of a document as pieces; offsets are into ``PARAGRAPH_SEP.join(paras)``."""
    out = []
    offset = 0
    for para in paras:
        out.append([p.to_dict() for p in cut(para, spans, offset)])
        offset += len(para) + len(PARAGRAPH_SEP)
    return out


def sentence(text: str, start: int, spans: list[Span]) -> list[dict[str, Any]]:
    """One evidence sentence (starting at ``start`` in the document) as pieces."""
    return [p.to_dict() for p in cut(text, spans, start)]
