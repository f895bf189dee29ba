"""The reader never raises for bad input: any bytes, in any format, cut anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import Reader, read_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"
OPTIONS = Options(max_record_bytes=1 << 20)
READER = Reader(OPTIONS)
FORMATS = [None, "text", "html", "feed", "warc", "jsonl"]
SAMPLES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and p.parent.name != "bad"
)  # every good fixture, in every format


def _read_all(data: bytes, name: str, fmt: str | None) -> list[Document | ReadFailure]:
    items = list(read_bytes(data, name, OPTIONS, fmt, reader=READER))
    for item in items:
        assert isinstance(item, Document | ReadFailure)
        if isinstance(item, ReadFailure):
            assert item.reason and item.message and "\n" not in item.message
        else:
            assert item.paragraphs and item.id.startswith("doc-")
    return items


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(FORMATS), st.sampled_from(["x.txt", "x.gz", "x"]))
def test_any_bytes(data: bytes, fmt: str | None, name: str) -> None:
    _read_all(data, name, fmt)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(FORMATS))
def test_any_text(text: str, fmt: str | None) -> None:
    _read_all(text.encode("utf-8"), "x.txt", fmt)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_every_fixture_cut_anywhere(path: Path) -> None:
    data = path.read_bytes()
    step = max(1, len(data) // 40)
    for cut in range(0, len(data), step):
        _read_all(data[:cut], path.name, None)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_every_fixture_with_corrupted_bytes(path: Path, data: st.DataObject) -> None:
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _read_all(bytes(raw), path.name, None)
