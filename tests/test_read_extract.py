"""The repairs made after trafilatura (read/extract.py), each on small pages written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.models import Document
from dateline.options import Options
from dateline.read import read_bytes
from dateline.read.extract import (
    ExtractSettings,
    Page,
    continue_chunks,
    extract_article,
    fallback,
    is_prose,
    load_edge_rules,
    outside_lines,
    parse_page,
    trim_edges,
    word_count,
)

SETTINGS = ExtractSettings()


def _para(label: str) -> str:
    return (
        f"{label}: the ministers agreed on a new schedule for the talks in Geneva, "
        "a spokesman for the foreign ministry said on Tuesday."
    )


def _chunk(klass: str, label: str, count: int = 3) -> str:
    body = "".join(f"<p>{_para(f'{label} paragraph {n}')}</p>" for n in range(count))
    return f'<div class="{klass}">{body}</div>'


def _chunked_page(*blocks: str) -> str:
    return (
        "<html><head><title>Talks resume</title></head><body><main><article>"
        f"<h1>Talks resume in Geneva</h1><div class='chunks'>{''.join(blocks)}</div>"
        "</article></main><footer><p>© 2026 Site</p></footer></body></html>"
    )


# -- 1. a short body: other extractors ------------------------------------------------------

ARTICLE = "".join(f"<p>{_para(f'Line {n}')}</p>" for n in range(6))
SHORT_PAGE = (
    f"<html><head><title>Talks</title></head><body><div class='story'>{ARTICLE}</div></body></html>"
)


def test_fallback_replaces_a_near_empty_body_with_a_fuller_one() -> None:
    """When the main extraction kept a sentence fragment, a candidate holding it and more
    prose is taken."""
    page = parse_page(SHORT_PAGE)
    better = fallback(SHORT_PAGE, None, "Line 0: the ministers agreed", SETTINGS, page)
    assert better is not None
    assert better.count("the ministers agreed") == 6
    assert page.repairs and page.repairs[0].startswith("fallback.")


def test_fallback_leaves_a_body_of_normal_length_alone() -> None:
    main = "\n".join(_para(f"Line {n}") for n in range(3))
    assert fallback(SHORT_PAGE, None, main, SETTINGS, parse_page(SHORT_PAGE)) is None


def test_fallback_refuses_a_longer_text_that_does_not_hold_the_body() -> None:
    """More prose is not enough: the candidate must contain what the main extractor found."""
    main = "Officials in Oslo confirmed the fishing quota deal late on Friday."
    assert fallback(SHORT_PAGE, None, main, SETTINGS, parse_page(SHORT_PAGE)) is None


# -- 2. a body split into sibling chunks ----------------------------------------------------


def test_sibling_chunks_of_the_same_class_are_added_in_page_order() -> None:
    html = _chunked_page(
        _chunk("story-chunk", "One"),
        "<div class='ad-slot'><p>Advertisement</p></div>",
        _chunk("story-chunk", "Two"),
        _chunk("story-chunk", "Three"),
    )
    first = [_para(f"One paragraph {n}") for n in range(3)]
    page = parse_page(html)
    lines = continue_chunks(first, page, SETTINGS)
    assert lines[:3] == first
    assert lines[3] == _para("Two paragraph 0")
    assert lines[-1] == _para("Three paragraph 2")
    assert len(lines) == 9
    assert "Advertisement" not in lines
    assert page.repairs == ["chunks.6"]


def test_a_short_sibling_block_is_not_a_continuation() -> None:
    """An author's box beside the story, with the same class, adds one paragraph: left out."""
    html = _chunked_page(_chunk("story-chunk", "One", 4), _chunk("story-chunk", "Bio", 1))
    first = [_para(f"One paragraph {n}") for n in range(4)]
    assert continue_chunks(first, parse_page(html), SETTINGS) == first


def test_a_sibling_holding_another_headline_is_another_story() -> None:
    other = _chunk("story-chunk", "Other").replace(">", "><h1>Another story</h1>", 1)
    html = _chunked_page(_chunk("story-chunk", "One"), other)
    first = [_para(f"One paragraph {n}") for n in range(3)]
    assert continue_chunks(first, parse_page(html), SETTINGS) == first


# -- 3. edges: links, headline, calls to action ---------------------------------------------

EDGE_PAGE = (
    "<html><body><h1>Talks resume in Geneva</h1><article>"
    + "".join(f"<p>{_para(f'Line {n}')}</p>" for n in range(3))
    + "<p>The union urged members to sign up for the strike fund before Friday.</p>"
    + "<p>Sign up for our free morning newsletter to get the news in your inbox.</p>"
    + "<h3>More from World</h3><ul>"
    + "<li><a href='/a'>Floods close roads across the north</a></li>"
    + "<li><a href='/b'>Central bank holds rates steady</a> [Video]</li></ul>"
    + "</article></body></html>"
)


def _edge_lines() -> list[str]:
    return [
        "Talks resume in Geneva",
        *(_para(f"Line {n}") for n in range(3)),
        "The union urged members to sign up for the strike fund before Friday.",
        "Sign up for our free morning newsletter to get the news in your inbox.",
        "More from World",
        "- Floods close roads across the north",
        "- Central bank holds rates steady [Video]",
        "Email the author at desk@example.org. Follow us on Twitter for more.",
    ]


def test_edges_drop_headline_links_and_calls_to_action() -> None:
    page = parse_page(EDGE_PAGE)
    lines = trim_edges(_edge_lines(), page, load_edge_rules(), SETTINGS)
    assert lines == [
        *(_para(f"Line {n}") for n in range(3)),
        "The union urged members to sign up for the strike fund before Friday.",
    ]
    assert {"edge.headline", "edge.link", "edge.promo"} <= set(page.repairs)


def test_a_call_to_action_inside_the_article_is_kept() -> None:
    lines = [_para("Line 0"), "Sign up for our free newsletter today.", _para("Line 1")]
    assert trim_edges(lines, parse_page(EDGE_PAGE), load_edge_rules(), SETTINGS) == lines


def test_edges_never_remove_the_only_prose() -> None:
    lines = ["Floods close roads across the north", "More from World"]
    assert trim_edges(lines, parse_page(EDGE_PAGE), load_edge_rules(), SETTINGS) == lines


def test_a_short_heading_next_to_prose_stays() -> None:
    """A heading at the end with no link or call to action after it is not trimmed."""
    lines = [_para("Line 0"), "What comes next"]
    assert trim_edges(lines, Page(None), load_edge_rules(), SETTINGS) == lines


def test_extract_article_trims_a_related_list_end_to_end() -> None:
    found = extract_article(EDGE_PAGE)
    assert found is not None
    text = str(found["text"])
    assert "Floods close roads" not in text
    assert "strike fund" in text


def test_edges_file_is_validated(tmp_path: Path) -> None:
    (tmp_path / "edges.toml").write_text(
        '[[rule]]\nid = "x"\nkind = "promo"\npattern = ".*"\naction = "drop"\n', encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"edges\.toml.*too broad|too broad"):
        load_edge_rules(tmp_path)


# -- 4. scripts written without spaces -------------------------------------------------------


def test_cjk_characters_count_as_words_and_end_sentences() -> None:
    sentence = "外務大臣は火曜日、ジュネーブでの協議の新しい日程で合意したと述べた。"
    assert word_count(sentence) >= 15
    assert is_prose(sentence)


def test_a_japanese_article_is_read(options: Options) -> None:
    sentences = [
        "外務大臣は火曜日、ジュネーブでの協議の新しい日程で合意したと述べた。",
        "協議は来月再開される予定で、各国の代表団が参加する見通しだ。",
        "報道官によると、停戦の監視についても話し合われる。",
    ]
    body = "".join(f"<p>{s}</p>" for s in sentences)
    html = (
        f"<html><head><title>協議再開</title></head><body><article>{body}</article></body></html>"
    )
    (doc,) = list(read_bytes(html.encode("utf-8"), "ja.html", options, fmt="html"))
    assert isinstance(doc, Document), doc
    assert "ジュネーブ" in doc.paragraphs[0]


# -- the benchmark's own helpers ---------------------------------------------------------------


def _benchmark():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "read_quality.py"
    spec = importlib.util.spec_from_file_location("read_quality", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["read_quality"] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_halves_and_markup() -> None:
    bench = _benchmark()
    split = bench.halves(["d", "a", "c", "b", "e"])
    assert split == {"tune": ["a", "c", "e"], "check": ["b", "d"], "all": ["a", "b", "c", "d", "e"]}
    html = (
        b'<html><head><meta property="article:published_time" content="2026-01-15T08:00:00Z">'
        b'<meta name="author" content="https://example.org/staff">'
        b'<script type="application/ld+json">{"@graph": [{"author": {"name": "Lea Fontaine"}}]}'
        b"</script></head><body><p>x</p></body></html>"
    )
    markup = bench.page_markup(html)
    assert markup.day == "2026-01-15" and markup.authors == ["Lea Fontaine"]
    assert bench.byline_agrees("Lea Fontaine; Tom Ward", markup.authors)
    assert not bench.byline_agrees("Tom Ward", markup.authors)


def test_the_byline_line_that_names_the_metadata_author_wins(options: Options) -> None:
    """Two "By ..." lines outside the body: a programme's title and the real byline; the page's
    author metadata says which is the writer's."""
    body = "".join(f"<p>{_para(f'Line {n}')}</p>" for n in range(4))
    html = (
        '<html><head><meta name="author" content="Nora Lind"><title>Talks</title></head><body>'
        "<div class='show'><span>By Any Means Necessary</span></div>"
        f"<article><h1>Talks resume</h1><div class='meta'><span>by Nora Lind</span></div>{body}"
        "</article></body></html>"
    )
    (doc,) = list(read_bytes(html.encode("utf-8"), "byline.html", options, fmt="html"))
    assert isinstance(doc, Document), doc
    assert doc.byline == ["Nora Lind"]


def test_a_teaser_from_outside_the_body_container_is_trimmed_at_the_edge() -> None:
    """A sidebar's teaser paragraph the extractor put at the top lies outside the element that
    holds the body's paragraphs: trimmed; the same kind of line inside the body stays."""
    teaser = "Night trains return to the Alps this winter, the rail operator said on Monday."
    body = [_para(f"Line {n}") for n in range(4)]
    html = (
        f"<html><body><aside><div class='teaser'><p>{teaser}</p></div></aside>"
        f"<div class='story'>{''.join(f'<p>{x}</p>' for x in body)}</div></body></html>"
    )
    page = parse_page(html)
    outside = outside_lines([teaser, *body], page, SETTINGS)
    assert outside == frozenset({teaser})
    assert trim_edges([teaser, *body], page, load_edge_rules(), SETTINGS, outside) == body
    assert page.repairs == ["edge.outside"]


def test_additional_reporting_names_helpers_not_the_writer(options: Options) -> None:
    """ "Additional reporting by C" under a story whose page names its writer: the writer is
    the byline; with no writer named anywhere, the contributors are kept."""
    body = "".join(f"<p>{_para(f'Line {n}')}</p>" for n in range(4))
    extra = "<p>Additional reporting by Omar Haddad</p>"
    meta = '<meta name="author" content="Nora Lind">'
    for head, expected in ((meta, ["Nora Lind"]), ("", ["Omar Haddad"])):
        html = f"<html><head>{head}<title>T</title></head><body><article>{body}{extra}</article>"
        (doc,) = list(read_bytes(html.encode("utf-8"), "c.html", options, fmt="html"))
        assert isinstance(doc, Document), doc
        assert doc.byline == expected
        assert not any("Additional reporting" in p for p in doc.paragraphs)
