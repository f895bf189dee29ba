"""The reader against the example corpus's gold (``examples/gold/corpus.gold.json``, "document").

Every article of every format is read and compared field by field: title, dateline (text as
written; place as the gazetteer spells it once normalised), document date, byline, number of
body paragraphs, and the strings the body must and must not contain.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline.models import Document
from dateline.options import Options
from dateline.read import Reader, iter_input_files, read_path
from dateline.read.dateline import place_name

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "examples" / "gold" / "corpus.gold.json"
READING_DATE = date(2026, 11, 25)  # as in conftest.py; module-scoped, so not the fixture


def _gold_documents() -> list[dict[str, Any]]:
    if not GOLD.is_file():
        return []
    docs: list[dict[str, Any]] = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    return docs


def _words(text: str) -> str:
    return " ".join(w.lower() for w in re.findall(r"\w+", text))


@pytest.fixture(scope="module")
def corpus_read() -> dict[str, list[Document]]:
    """Every corpus file read once: file (relative to the repository) → its documents."""
    options = Options(today=READING_DATE)
    reader = Reader(options)
    out: dict[str, list[Document]] = {}
    for path in iter_input_files([REPO / "examples" / "corpus"]):
        docs = [d for d in read_path(path, options, reader) if isinstance(d, Document)]
        out[str(path.relative_to(REPO))] = docs
    return out


def _find(corpus_read: dict[str, list[Document]], entry: dict[str, Any]) -> Document:
    docs = corpus_read[entry["file"]]
    if entry["record"] is None:
        assert len(docs) == 1, [d.record for d in docs]
        return docs[0]
    matching = [d for d in docs if d.record == entry["record"]]
    assert matching, (entry["record"], [d.record for d in docs])
    return matching[0]


@pytest.mark.parametrize(
    "entry", _gold_documents(), ids=lambda e: f"{Path(e['file']).name}:{e['record'] or ''}"
)
def test_corpus_document_matches_gold(
    entry: dict[str, Any], corpus_read: dict[str, list[Document]]
) -> None:
    gold = entry["document"]
    doc = _find(corpus_read, entry)
    assert doc.title == gold["title"]
    if gold.get("dateline"):
        assert doc.dateline is not None
        assert doc.dateline.text == gold["dateline"]["text"]
        # the dateline keeps "DAVOS, Switzerland"; the gazetteer name is its first part
        assert (place_name(doc.dateline.place) or "").split(", ")[0] == gold["dateline"]["place"]
    else:
        assert doc.dateline is None or doc.dateline.place is None
    assert doc.date == gold["date"], [d.reason for d in doc.date_decisions]
    assert doc.byline == gold["byline"]
    assert len(doc.paragraphs) == gold["body_paragraphs"], doc.paragraphs
    body = doc.text
    for wanted in gold.get("body_must_contain", []):
        assert _words(wanted) in _words(body), wanted
    for banned in gold.get("body_must_not_contain", []):
        assert banned not in body, banned
        assert banned not in (doc.title or "")
    assert doc.language == "en"


def test_gold_was_found() -> None:
    if not GOLD.is_file():
        pytest.skip("the corpus gold is not written yet")
    assert len(_gold_documents()) >= 15


def test_every_decided_date_has_a_reason(corpus_read: dict[str, list[Document]]) -> None:
    for docs in corpus_read.values():
        for doc in docs:
            fields = [d.field for d in doc.date_decisions]
            assert "document" in fields, doc.source
            for decision in doc.date_decisions:
                assert decision.rule and decision.reason, decision


def test_exact_copy_in_two_formats_has_one_id(corpus_read: dict[str, list[Document]]) -> None:
    """The Brussels article as a text scrape and as a JSON Lines record is one document."""
    if not GOLD.is_file():
        pytest.skip("the corpus gold is not written yet")
    copies = json.loads(GOLD.read_text(encoding="utf-8"))["duplicates"]["exact_copies"]
    for group in copies:
        ids = {_find(corpus_read, member).id for member in group}
        assert len(ids) == 1, group
