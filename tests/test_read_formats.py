"""Every input format the reader takes, read from tests/fixtures/read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import iter_input_files, read_bytes, read_path

Item = Document | ReadFailure


def _read(path: Path, options: Options) -> list[Item]:
    return list(read_path(path, options))


def _docs(items: list[Item]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _fails(items: list[Item]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


@pytest.fixture()
def read_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "read"


def test_text_with_boilerplate_and_trailing_agency_byline(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "text" / "kyiv-reuters.txt", options))
    assert doc.format == "text"
    assert doc.title == "Ukraine says allies will speed up air defence deliveries"
    assert doc.dateline is not None and doc.dateline.place == "KYIV"
    assert doc.dateline.agency == "Reuters"
    assert doc.byline == ["Olena Kovalenko"]
    assert len(doc.paragraphs) == 3
    for junk in ("Share on Facebook", "Related:", "©", "All rights reserved", "Olena"):
        assert junk not in doc.text


def test_text_byline_above_dateline(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "text" / "washington-ap.txt", options))
    assert doc.byline == ["Anna Novak", "Mark Davies"]
    assert doc.dateline is not None
    assert doc.dateline.text == "WASHINGTON, Jan. 12 (AP)"
    assert doc.dateline.agency == "AP"
    assert doc.date == "2026-01-12"  # 'on Monday', reading date 2026-11-25
    assert doc.paragraphs[0].startswith("American and European envoys")


def test_text_comment_form_cut(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "text" / "brussels.txt", options))
    assert len(doc.paragraphs) == 2
    assert "Leave a Reply" not in doc.text and "Name" not in doc.text
    assert doc.dateline is not None and doc.dateline.date is None
    assert doc.date is None and doc.date_precision == "unknown"


def test_text_no_year_is_kept_open(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "text" / "no-year.txt", options))
    assert doc.dateline is not None
    assert doc.dateline.date == "--03-04" and doc.dateline.precision == "day-no-year"
    assert doc.date == "--03-04" and doc.date_precision == "day-no-year"
    assert "dateline.no-year" in [d.rule for d in doc.date_decisions]


def test_gzipped_text_reads_like_the_plain_file(read_dir: Path, options: Options) -> None:
    (plain,) = _docs(_read(read_dir / "text" / "washington-ap.txt", options))
    (zipped,) = _docs(_read(read_dir / "text" / "washington-ap.txt.gz", options))
    assert zipped.id == plain.id and zipped.paragraphs == plain.paragraphs


def test_encodings_and_line_endings(read_dir: Path, options: Options) -> None:
    (cp1252,) = _docs(_read(read_dir / "text" / "cp1252.txt", options))
    (utf16,) = _docs(_read(read_dir / "text" / "utf16.txt", options))
    assert "café" in cp1252.text and "ministers’" in cp1252.text
    assert cp1252.id == utf16.id
    (crlf,) = _docs(_read(read_dir / "text" / "crlf.txt", options))
    assert crlf.title == "Talks continue" and len(crlf.paragraphs) == 2
    assert "\r" not in crlf.text


def test_html_page(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "html" / "dated.html", options))
    assert doc.format == "html"
    assert doc.title == "Kharkiv shelled overnight"
    assert doc.published == "2026-02-11"
    assert doc.dateline is not None and doc.dateline.date == "2026-02-11"
    assert [d.rule for d in doc.date_decisions if d.field == "dateline"] == [
        "dateline.published-year"
    ]
    assert doc.byline == ["Iryna Bondar"]
    assert len(doc.paragraphs) == 3


def test_rss_feed_one_document_per_item(read_dir: Path, options: Options) -> None:
    docs = _docs(_read(read_dir / "feed" / "wire.rss", options))
    assert [d.record for d in docs] == ["item 1", "item 2"]
    first, second = docs
    assert first.format == "feed" and first.outlet == "Synthetic Wire: Europe"
    assert first.url == first.source == "https://wire.example/europe/trainers"
    assert first.published == "2026-01-15" and first.date == "2026-01-15"
    assert len(first.paragraphs) == 2
    assert second.dateline is not None and second.dateline.place == "MOSCOW"
    assert second.date == "2026-01-16" and second.date_precision == "day"


def test_atom_feed(read_dir: Path, options: Options) -> None:
    (doc,) = _docs(_read(read_dir / "feed" / "desk.atom", options))
    assert doc.byline == ["Lea Fontaine"]
    assert doc.published == "2026-02-20"
    assert doc.dateline is not None and doc.dateline.agency == "AFP"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_one_document_per_html_response(read_dir: Path, options: Options, name: str) -> None:
    items = _read(read_dir / "warc" / name, options)
    assert not _fails(items)
    docs = _docs(items)
    assert [d.url for d in docs] == [
        "https://crawl.example/a/ceasefire-monitors",
        "https://crawl.example/b/patriot",
    ]
    assert all(d.format == "warc" and d.record for d in docs)
    assert docs[1].dateline is not None and docs[1].dateline.date == "2026-03-04"


def test_warc_and_warc_gz_give_the_same_ids(read_dir: Path, options: Options) -> None:
    plain = [d.id for d in _docs(_read(read_dir / "warc" / "crawl.warc", options))]
    zipped = [d.id for d in _docs(_read(read_dir / "warc" / "crawl.warc.gz", options))]
    assert plain == zipped


def test_jsonl_text_html_and_bad_lines(read_dir: Path, options: Options) -> None:
    items = _read(read_dir / "jsonl" / "articles.jsonl", options)
    docs, fails = _docs(items), _fails(items)
    assert [d.record for d in docs] == ["line 1", "line 2", "line 4"]
    assert [(f.reason, f.record) for f in fails] == [("bad-json", "line 3"), ("bad-json", "line 5")]
    text_doc, html_doc, untitled = docs
    assert text_doc.title == "Canada pledges air defence funds"
    assert text_doc.outlet == "Maple Courier" and text_doc.published == "2026-01-21"
    assert text_doc.source == text_doc.url == "https://maple.example/pledge"
    assert html_doc.title == "Poland to host hub" and html_doc.published == "2026-01-23"
    assert untitled.title == "Turkey offers talks"


def test_json_array_file(tmp_path: Path, options: Options) -> None:
    path = tmp_path / "two.json"
    text = "KYIV (Reuters) - " + "Ukraine and its allies discussed air defence on Tuesday. " * 3
    path.write_text(json.dumps([{"title": "A", "text": text}, {"title": "B", "text": text}]))
    docs = _docs(_read(path, options))
    assert [d.title for d in docs] == ["A", "B"]
    assert [d.record for d in docs] == ["item 1", "item 2"]


def test_read_bytes_detects_the_format_from_content(read_dir: Path, options: Options) -> None:
    data = (read_dir / "html" / "dated.html").read_bytes()
    (doc,) = _docs(list(read_bytes(data, "posted", options)))
    assert doc.format == "html" and doc.title == "Kharkiv shelled overnight"
    (forced,) = _docs(list(read_bytes(data, "posted", options, fmt="html")))
    assert forced.id == doc.id


def test_rereading_gives_identical_ids(read_dir: Path, options: Options) -> None:
    files = list(iter_input_files([read_dir]))
    first = [i.id for f in files for i in _read(f, options) if isinstance(i, Document)]
    second = [i.id for f in files for i in _read(f, options) if isinstance(i, Document)]
    assert first == second and len(first) > 10


def test_same_article_from_two_places_same_id(
    read_dir: Path, options: Options, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes((read_dir / "text" / "kyiv-reuters.txt").read_bytes())
    (a,) = _docs(_read(read_dir / "text" / "kyiv-reuters.txt", options))
    (b,) = _docs(_read(copy, options))
    assert a.id == b.id and a.source != b.source


def test_iter_input_files_sorted_recursive_skips_hidden(tmp_path: Path) -> None:
    names = ["b.txt", "a/z.html", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/.cache/y.txt"]
    names += ["README.md", "a/make_warc.py", "a/d.warc.gz", "a/e.jsonl"]
    for rel in names:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    explicit = tmp_path / ".hidden.txt"
    got = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path, explicit])]
    assert got == ["a/c.txt", "a/d.warc.gz", "a/e.jsonl", "a/z.html", "b.txt", ".hidden.txt"]


@pytest.mark.parametrize(
    "rel", ["html/dated.html", "feed/wire.rss", "feed/desk.atom", "jsonl/articles.jsonl"]
)
def test_gz_of_any_format_reads_like_the_plain_file(
    read_dir: Path, options: Options, tmp_path: Path, rel: str
) -> None:
    import gzip

    plain = read_dir / rel
    zipped = tmp_path / (plain.name + ".gz")
    zipped.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    ids = [i.id for i in _docs(_read(plain, options))]
    assert ids and [i.id for i in _docs(_read(zipped, options))] == ids


def test_pretty_printed_json_object(tmp_path: Path, options: Options) -> None:
    path = tmp_path / "one.json"
    body = "OSLO (Reuters) - Norway pledged new funds for Ukraine's air defence on Monday. " * 2
    path.write_text(
        json.dumps({"title": "Norway pledges", "text": body, "date": "2026-02-02"}, indent=2)
    )
    (doc,) = _docs(_read(path, options))
    assert doc.title == "Norway pledges" and doc.published == "2026-02-02"


@pytest.mark.parametrize(
    "line",
    ['{"title": "No body"}', '{"text": 42}', '"just a string"', '{"html": ["not", "a", "str"]}'],
)
def test_jsonl_records_without_a_body_are_bad_json(
    tmp_path: Path, options: Options, line: str
) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n")
    (failure,) = _read(path, options)
    assert isinstance(failure, ReadFailure) and failure.reason == "bad-json"
    assert failure.record == "line 1"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Les ministres de la coalition se sont réunis à Paris pour discuter des garanties "
         "de sécurité pour l'Ukraine, a déclaré le porte-parole du gouvernement.", "fr"),
        ("Die Minister der Koalition haben sich in Berlin getroffen, um über die "
         "Sicherheitsgarantien für die Ukraine zu sprechen, sagte ein Sprecher.", "de"),
        ("Міністри коаліції зустрілися в Києві, щоб обговорити гарантії безпеки для України, "
         "і сказали, що це важливо.", "uk"),
        ("The ministers of the coalition met in Paris to discuss security guarantees for "
         "Ukraine, a government spokesman said on Tuesday.", "en"),
    ],
)  # fmt: skip
def test_language_guess(options: Options, text: str, language: str) -> None:
    data = f"Title\n\n{text}\n\n{text}\n".encode()
    (doc,) = _docs(list(read_bytes(data, "x.txt", options)))
    assert doc.language == language


def test_warc_capture_date_bounds_the_weekday_year(options: Options) -> None:
    """March 4 fell on a Wednesday in 2015, 2020 and 2026; a page captured in 2021 cannot
    report a 2026 day, so the capture date, not the reading date, bounds the year."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        b"<html><body><article><h1>Ministers meet</h1><p>BERLIN, March 4 - Foreign ministers met "
        b"on Wednesday to discuss security guarantees for Ukraine, the ministry said.</p>"
        b"<p>They agreed to meet again within a month, officials added.</p></article></body></html>"
    )
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://crawl.example/berlin",
            "response",
            payload=io.BytesIO(page),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2021-06-01T08:00:00Z"},
        )
    )
    (doc,) = _docs(list(read_bytes(out.getvalue(), "c.warc.gz", options)))
    assert doc.dateline is not None and doc.dateline.date == "2020-03-04"
    (decision,) = [d for d in doc.date_decisions if d.field == "dateline"]
    assert "capture date 2021-06-01" in decision.reason
