"""The body of an HTML page: trafilatura first, then three general repairs.

trafilatura is the best single extractor we measured on real news pages, but it fails in
recognisable ways, each repaired here with a mechanism that looks at the page's structure,
never at one site:

1. **Short result → other candidates.** When its body holds little prose, the same page is read
   again with ``favor_recall``, with jusText and with trafilatura's ``baseline``; a candidate
   replaces the body only if it holds clearly more prose *and* keeps most of what trafilatura
   found (so a page of comments or teasers cannot win on length alone).
2. **A body split into chunks.** Many sites cut the article into sibling blocks with the same
   class, with an advert or a newsletter box between them; trafilatura keeps only the first
   block. Prose paragraphs of the sibling blocks are added, in page order.
3. **Edges.** Lines at the top or bottom of the body that are links (a related-stories list),
   the page's headline, or a call to action (``edges.toml``: "Sign up for our newsletter")
   are trimmed; the same words inside the article are left alone.

``extract_article`` returns trafilatura's JSON dict (text and metadata) with the repaired
``text``, and the repairs applied in ``"repairs"`` (for debugging; never read back).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import justext
import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError
from lxml.html import HtmlElement
from trafilatura import baseline

from dateline.read.data import BoilerplateRule, _read_text, load_boilerplate

EDGES_FILE = "edges.toml"
_WORD = re.compile(r"\w+", re.UNICODE)
# A character of a script written without spaces: counted as half a word (a two-character word).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*\s*$")
_BULLET = re.compile(r"^[-•*·▪►]\s+")
_NO_TEXT_TAGS = ("script", "style", "noscript", "template")
# Elements whose text, if it is all or nearly all link text, is a link line.
_LINKISH_XPATH = "//a | //li | //h2 | //h3 | //h4 | //h5 | //h6 | //p | //dt | //dd"
# Elements whose whole text may be one line of the extracted body.
_BLOCK_XPATH = (
    "//p | //li | //h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //blockquote | //dd | //dt"
    " | //figcaption | //td | //pre"
)
# An ancestor that is another story or a comment thread is not a chunk of this article.
_FOREIGN_XPATH = ".//h1 | .//article | .//form"


@dataclass(frozen=True)
class ExtractSettings:
    """Thresholds of the repairs (one object, passed explicitly; defaults are the tuned ones)."""

    short_words: int = 30  # a body of fewer words than this is short: fallbacks are tried
    fallback_gain: float = 1.5  # a fallback must hold this many times its words, in prose
    fallback_keeps: float = 0.6  # ... and contain this share of trafilatura's words
    prose_words: int = 8  # a paragraph of prose has at least this many words
    chunk_levels: int = 4  # how far up from the body's paragraphs to look for sibling chunks
    chunk_max_link_density: float = 0.3
    chunk_min_paragraphs: int = 3  # a continuation adds at least this many paragraphs
    chunk_min_share: float = 0.25  # ... and this share of the body's words
    link_share: float = 0.8  # a line this much covered by one link's text is a link line
    max_edge_heading_words: int = 8  # a short line without a full stop, inside an edge run
    container_share: float = 0.8  # the body's main container holds this share of its words


@dataclass
class Page:
    """A parsed page and the lookups the repairs share (built once per page)."""

    tree: HtmlElement | None
    link_texts: frozenset[str] = frozenset()
    headlines: frozenset[str] = frozenset()
    repairs: list[str] = field(default_factory=list)


def norm(text: str) -> str:
    """Text with runs of white space made one space, trimmed."""
    return " ".join(text.split())


def word_count(text: str) -> int:
    """Words of ``text``; in scripts written without spaces, two characters count as a word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


def is_prose(line: str, min_words: int = ExtractSettings.prose_words) -> bool:
    """Whether a line is a sentence of prose: enough words, ending with a full stop."""
    return word_count(line) >= min_words and bool(_SENTENCE_END.search(line.strip()))


def prose_words(text: str, settings: ExtractSettings) -> int:
    """Words in the prose lines of ``text`` (headings, link lines and labels not counted)."""
    return sum(word_count(x) for x in text.split("\n") if is_prose(x, settings.prose_words))


@lru_cache(maxsize=8)
def load_edge_rules(data_dir: Path | None = None) -> tuple[BoilerplateRule, ...]:
    """The call-to-action lines of ``edges.toml``, validated as boilerplate rules are.

    Raises ``DataFileError`` naming the file and line of the first problem.
    """
    text, where = _read_text(EDGES_FILE, data_dir)
    return load_boilerplate(text, where)


def parse_page(html: str) -> Page:
    """Parse ``html`` and index its link texts and headlines; an unparsable page gives a
    ``Page`` without a tree (the repairs that need one are then skipped)."""
    try:
        tree = lxml_html.fromstring(html)
    except ValueError:  # a str with an XML encoding declaration: parse its bytes instead
        try:
            tree = lxml_html.fromstring(html.encode("utf-8"))
        except (ParserError, XMLSyntaxError, ValueError):
            return Page(None)
    except (ParserError, XMLSyntaxError):
        return Page(None)
    for bad in tree.xpath("//" + " | //".join(_NO_TEXT_TAGS)):
        bad.drop_tree()
    links: set[str] = set()
    for element in tree.xpath(_LINKISH_XPATH):
        text = norm(element.text_content())
        if not text:
            continue
        if element.tag == "a":
            links.add(text)
            continue
        linked = sum(len(norm(a.text_content())) for a in element.iter("a"))
        if linked >= 0.9 * len(text):
            links.add(text)
    heads = frozenset(norm(h.text_content()) for h in tree.iter("h1") if norm(h.text_content()))
    return Page(tree, frozenset(links), heads)


def _trafilatura(
    html: str, url: str | None, favor_recall: bool = False
) -> dict[str, object] | None:
    result = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        output_format="json",
        with_metadata=True,
        favor_recall=favor_recall,
    )
    if not result:
        return None
    found: dict[str, object] = json.loads(result)
    return found


def _justext(html: str) -> str:
    try:
        paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    except (ValueError, TypeError, ParserError, XMLSyntaxError):
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _baseline(html: str) -> str:
    try:
        return baseline(html)[1] or ""
    except (ValueError, TypeError, ParserError, XMLSyntaxError):
        return ""


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def _keeps(candidate: str, main: str) -> float:
    """Share of ``main``'s word trigrams that ``candidate`` also has (single words would not
    do: any long text holds most of a short one's words)."""
    wanted = _trigrams(main)
    if not wanted:
        return 1.0
    return len(wanted & _trigrams(candidate)) / len(wanted)


def fallback(
    html: str, url: str | None, main: str, settings: ExtractSettings, page: Page
) -> str | None:
    """A better body than ``main`` from another extractor when ``main`` holds little prose,
    else None. Candidates, in order: trafilatura ``favor_recall``, jusText, ``baseline``."""
    # the short body's words all count (its lines may be one sentence broken by <br>), but
    # only a candidate's prose counts, so a page's menus and teasers cannot win on length
    have = word_count(main)
    if have >= settings.short_words:
        return None
    candidates: Iterator[tuple[str, str]] = (
        (name, make())
        for name, make in (
            (
                "favor-recall",
                lambda: str((_trafilatura(html, url, favor_recall=True) or {}).get("text") or ""),
            ),
            ("justext", lambda: _justext(html)),
            ("baseline", lambda: _baseline(html)),
        )
    )
    for name, text in candidates:
        if prose_words(text, settings) < max(settings.fallback_gain * have, 1):
            continue
        if _keeps(text, main) >= settings.fallback_keeps:
            page.repairs.append(f"fallback.{name}")
            return text
    return None


def _paragraph_elements(page: Page) -> dict[str, list[HtmlElement]]:
    out: dict[str, list[HtmlElement]] = {}
    if page.tree is not None:
        for element in page.tree.iter("p"):
            text = norm(element.text_content())
            if text:
                out.setdefault(text, []).append(element)
    return out


def _link_density(element: HtmlElement) -> float:
    text = len(norm(element.text_content())) or 1
    return sum(len(norm(a.text_content())) for a in element.iter("a")) / text


def continue_chunks(lines: list[str], page: Page, settings: ExtractSettings) -> list[str]:
    """``lines`` with the prose paragraphs of the body's sibling chunks added, in page order.

    The body's last paragraph is found in the page; going up from its parent, the first
    ancestor with siblings of the same tag and class (the chunks) decides: each chunk's
    ``<p>`` prose, not already in the body, is inserted after the body line that precedes it
    in the page. Chunks holding a headline, an ``<article>`` or a form are another story or a
    comment thread, and are skipped.
    """
    by_text = _paragraph_elements(page)
    in_body = {norm(x) for x in lines}
    anchors = [by_text[norm(x)][0] for x in lines if norm(x) in by_text]
    if len(anchors) < 2:
        return lines
    node = anchors[-1].getparent()
    for _ in range(settings.chunk_levels):
        if node is None or node.getparent() is None:
            return lines
        klass = norm(node.get("class") or "")
        parent = node.getparent()
        chunks = [
            s
            for s in parent
            if s is not node and s.tag == node.tag and klass and norm(s.get("class") or "") == klass
        ]
        chunks = [c for c in chunks if not c.xpath(_FOREIGN_XPATH)]
        chunks = [c for c in chunks if _link_density(c) <= settings.chunk_max_link_density]
        if chunks:
            return _merge(lines, [node, *chunks], parent, in_body, page, settings)
        node = parent
    return lines


def _merge(
    lines: list[str],
    blocks: list[HtmlElement],
    parent: HtmlElement,
    in_body: set[str],
    page: Page,
    settings: ExtractSettings,
) -> list[str]:
    """Insert the prose ``<p>`` of ``blocks`` missing from ``lines``, in page order, if they
    are a real continuation: several paragraphs, and a good share of the body's length (an
    author's box or a company's blurb in a sibling block is one or two short paragraphs)."""
    order = {id(child): i for i, child in enumerate(parent)}
    position = {norm(x): i for i, x in enumerate(lines)}
    inserts: list[tuple[int, str]] = []  # (index of the body line it follows, text)
    after = -1
    for block in sorted(blocks, key=lambda b: order[id(b)]):
        for p in block.iter("p"):
            text = norm(p.text_content())
            if text in position:
                after = position[text]
            elif (
                text not in in_body
                and is_prose(text, settings.prose_words)
                and _link_density(p) <= settings.chunk_max_link_density
            ):
                inserts.append((after, text))
                in_body.add(text)
    added = sum(word_count(text) for _, text in inserts)
    body = sum(word_count(x) for x in lines)
    if len(inserts) < settings.chunk_min_paragraphs or added < settings.chunk_min_share * body:
        return lines
    page.repairs.append(f"chunks.{len(inserts)}")
    out: list[str] = []
    for index in range(-1, len(lines)):
        if index >= 0:
            out.append(lines[index])
        out.extend(text for at, text in inserts if at == index)
    return out


def _is_link_line(line: str, page: Page, settings: ExtractSettings) -> bool:
    text = _BULLET.sub("", norm(line))  # trafilatura writes a list item as "- text"
    if not text:
        return False
    if text in page.link_texts:
        return True
    # "Title [Video]": a link's text that covers most of the line
    return any(
        link in text and len(link) >= settings.link_share * len(text)
        for link in page.link_texts
        if len(link) >= settings.link_share * len(text) and len(link) <= len(text)
    )


def _text_elements(page: Page) -> dict[str, HtmlElement]:
    """Normalised text → the first element whose whole text it is (block-level elements)."""
    out: dict[str, HtmlElement] = {}
    if page.tree is not None:
        for element in page.tree.xpath(_BLOCK_XPATH):
            out.setdefault(norm(element.text_content()), element)
    return out


def outside_lines(lines: list[str], page: Page, settings: ExtractSettings) -> frozenset[str]:
    """The lines whose element lies outside the body's main container.

    The main container is the deepest element that holds the elements of at least
    ``settings.container_share`` of the body's words; a teaser from a sidebar that the
    extractor put at an edge of the body is found in the page, but elsewhere. Lines not found
    in the page as one element's whole text are never "outside".
    """
    elements = _text_elements(page)
    found = [(elements[t], word_count(t)) for t in map(norm, lines) if t in elements]
    total = sum(words for _, words in found)
    if len(found) < 3 or not total:
        return frozenset()
    weight: dict[int, int] = {}
    depth: dict[int, int] = {}
    by_id: dict[int, HtmlElement] = {}
    for element, words in found:
        for level, ancestor in enumerate(reversed([element, *element.iterancestors()])):
            weight[id(ancestor)] = weight.get(id(ancestor), 0) + words
            depth[id(ancestor)], by_id[id(ancestor)] = level, ancestor
    holding = [k for k, w in weight.items() if w >= settings.container_share * total]
    container = by_id[max(holding, key=lambda k: depth[k])]
    return frozenset(
        norm(t)
        for t in lines
        if norm(t) in elements
        and elements[norm(t)] is not container
        and container not in elements[norm(t)].iterancestors()
    )


def trim_edges(
    lines: list[str],
    page: Page,
    rules: tuple[BoilerplateRule, ...],
    settings: ExtractSettings,
    outside: frozenset[str] = frozenset(),
) -> list[str]:
    """``lines`` without the runs at the top and bottom that are not the article.

    A run at an edge is made of link lines, headlines of the page, call-to-action lines
    (``rules``), lines from outside the body's main container (``outside``) and short lines
    without a full stop (a "Related" or "Most read" heading); it is trimmed when it holds at
    least one line of the first four kinds, and never when it would leave no prose.
    """

    def kind(line: str) -> str | None:
        text = norm(line)
        if text in outside:
            return "outside"
        if text in page.headlines:
            return "headline"
        if any(rule.matches(text) for rule in rules):
            return "promo"
        if _is_link_line(text, page, settings):
            return "link"
        if word_count(text) <= settings.max_edge_heading_words and not _SENTENCE_END.search(text):
            return "heading"
        return None

    def run_length(ordered: list[str]) -> tuple[int, list[str]]:
        length, kinds = 0, list[str]()
        for line in ordered:
            found = kind(line)
            if found is None:
                break
            length, kinds = length + 1, [*kinds, found]
        # the run ends at its last line of a strong kind: a heading next to prose stays
        while kinds and kinds[-1] == "heading":
            kinds.pop()
            length -= 1
        return length, kinds

    out = list(lines)
    tail, kinds = run_length(out[::-1])
    if tail and any(is_prose(x, settings.prose_words) for x in out[: len(out) - tail]):
        page.repairs.extend(f"edge.{k}" for k in kinds if k != "heading")
        out = out[: len(out) - tail]
    head, kinds = run_length(out)
    if head and any(is_prose(x, settings.prose_words) for x in out[head:]):
        page.repairs.extend(f"edge.{k}" for k in kinds if k != "heading")
        out = out[head:]
    return out


def extract_article(
    html: str, url: str | None = None, settings: ExtractSettings | None = None
) -> dict[str, object] | None:
    """trafilatura's reading of a page (``text`` and metadata, as its JSON output names them)
    with the body repaired as the module docstring describes; None when no extractor finds
    an article. The repairs applied are listed under ``"repairs"``.

    Raises ``DataFileError`` only if the packaged ``edges.toml`` is invalid.
    """
    settings = settings or ExtractSettings()
    found = _trafilatura(html, url)
    main = str((found or {}).get("text") or "")
    page = parse_page(html)
    better = fallback(html, url, main, settings, page)
    if better is not None:
        main = better
    if found is None:
        if not main:
            return None
        found = {}
    lines = [x for x in main.split("\n") if x.strip()]
    lines = continue_chunks(lines, page, settings)
    outside = outside_lines(lines, page, settings)
    lines = trim_edges(lines, page, load_edge_rules(), settings, outside)
    found["text"] = "\n".join(lines)
    found["repairs"] = page.repairs
    return found
