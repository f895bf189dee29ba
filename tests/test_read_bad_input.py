"""Every kind of bad input gives one ReadFailure with a reason, and the rest is still read."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import iter_input_files, read_bytes, read_path


@pytest.fixture()
def read_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "read"


def _only_failure(items: list[Document | ReadFailure]) -> ReadFailure:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadFailure), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("rel", "reason"),
    [
        ("bad/empty.txt", "empty"),
        ("bad/blank.txt", "empty"),
        ("bad/image.png.txt", "binary"),
        ("bad/nul-bytes.txt", "binary"),
        ("bad/undecodable.txt", "encoding"),
        ("bad/truncated.txt.gz", "truncated"),
        ("html/no-article.html", "no-article"),
        ("feed/not-xml.rss", "not-xml"),
    ],
)
def test_bad_file_gives_one_failure(
    read_dir: Path, options: Options, rel: str, reason: str
) -> None:
    failure = _only_failure(list(read_path(read_dir / rel, options)))
    assert failure.reason == reason
    assert failure.source == str(read_dir / rel)
    assert failure.line().startswith(str(read_dir / rel))


@pytest.mark.parametrize("name", ["truncated.warc", "truncated.warc.gz"])
def test_truncated_warc_keeps_the_records_before(
    read_dir: Path, options: Options, name: str
) -> None:
    items = list(read_path(read_dir / "warc" / name, options))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, ReadFailure)]
    assert [d.url for d in docs] == ["https://crawl.example/a/ceasefire-monitors"]
    assert [(f.reason, f.record) for f in fails] == [("truncated", "record 4")]


def test_bad_json_line_is_skipped(read_dir: Path, options: Options) -> None:
    items = list(read_path(read_dir / "jsonl" / "articles.jsonl", options))
    bad = [i for i in items if isinstance(i, ReadFailure)]
    assert {f.reason for f in bad} == {"bad-json"}
    assert sum(isinstance(i, Document) for i in items) == 3


def test_missing_file_is_unreadable(tmp_path: Path, options: Options) -> None:
    failure = _only_failure(list(read_path(tmp_path / "nope.txt", options)))
    assert failure.reason == "unreadable"


def test_text_over_the_size_limit(read_dir: Path) -> None:
    small = Options(max_record_bytes=200)
    failure = _only_failure(list(read_path(read_dir / "text" / "kyiv-reuters.txt", small)))
    assert failure.reason == "too-large"


def test_container_file_is_read_line_by_line_whatever_its_size(tmp_path: Path) -> None:
    # issue 13: a container is no longer refused at 64 records' worth; it streams, each line
    # under the record limit, so its size costs no memory
    path = tmp_path / "huge.jsonl"
    path.write_text('{"text": "x"}\n' * 100)
    items = list(read_path(path, Options(max_record_bytes=20)))
    assert len(items) == 100
    assert {i.reason for i in items if isinstance(i, ReadFailure)} == {"no-article"}


def test_gzip_bomb_over_the_limit(options: Options) -> None:
    data = gzip.compress(b"a" * 100_000)
    small = options.replace(max_record_bytes=1000)
    failure = _only_failure(list(read_bytes(data, "bomb.txt.gz", small)))
    assert failure.reason == "too-large"


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    body = "KYIV (Reuters) - " + "Talks on air defence went on. " * 10
    big = '{"title": "Big", "text": "' + "x " * 300 + '"}'
    path.write_text('{"title": "Small", "text": "' + body + '"}\n' + big + "\n")
    items = list(read_path(path, Options(max_record_bytes=400)))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], ReadFailure) and items[1].reason == "too-large"
    assert items[1].record == "line 2"


def _warc_with(pages: list[bytes]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for number, body in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        url = f"https://crawl.example/{number}"
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return out.getvalue()


def test_warc_record_over_the_limit(options: Options) -> None:
    def page(paragraphs: int) -> bytes:
        body = "".join(
            f"<p>Germany pledged {n} air defence systems to Ukraine, officials said.</p>"
            for n in range(paragraphs)
        )
        return f"<html><body><article>{body}</article></body></html>".encode()

    data = _warc_with([page(3), page(40), page(3)])
    items = list(read_bytes(data, "c.warc.gz", options.replace(max_record_bytes=1500)))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "Document"]
    failure = items[1]
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "too-large" and failure.record == "record 2"


def test_warc_without_html(options: Options) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warc_record("urn:x", "warcinfo", payload=io.BytesIO(b"x")))
    failure = _only_failure(list(read_bytes(out.getvalue(), "info.warc", options)))
    assert failure.reason == "no-article"


def test_feed_item_over_the_limit(read_dir: Path) -> None:
    items = list(read_path(read_dir / "feed" / "wire.rss", Options(max_record_bytes=150)))
    reasons = [(i.reason, i.record) for i in items if isinstance(i, ReadFailure)]
    assert ("too-large", "item 1") in reasons


def test_a_folder_with_bad_files_reads_the_good_ones(read_dir: Path, options: Options) -> None:
    items = [i for f in iter_input_files([read_dir]) for i in read_path(f, options)]
    reasons = {i.reason for i in items if isinstance(i, ReadFailure)}
    assert {
        "empty",
        "binary",
        "encoding",
        "truncated",
        "no-article",
        "not-xml",
        "bad-json",
    } <= reasons
    assert sum(isinstance(i, Document) for i in items) >= 15


def test_section_front_of_headlines_is_not_an_article(options: Options) -> None:
    items = "".join(
        f'<li><a href="/s{n}">Kremlin rejects plan for foreign troops, report {n}</a>'
        "<span>2 hours ago</span></li>"
        for n in range(30)
    )
    page = (
        "<html><head><title>Europe | Site</title></head><body><main><h1>Europe</h1>"
        f"<ul>{items}</ul></main><footer>© 2026 Site</footer></body></html>"
    )
    failure = _only_failure(list(read_bytes(page.encode(), "front.html", options)))
    assert failure.reason == "no-article" and "prose" in failure.message
