"""Turn raw pieces of an article (title, paragraphs, metadata) into a clean ``Document``.

Every format reader ends here, so boilerplate, bylines, datelines, dates and language are
decided the same way whatever the input was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from dateline.models import DateDecision, Document, ReadFailure
from dateline.options import Options
from dateline.read.boilerplate import strip_boilerplate
from dateline.read.data import ReadingData, load_reading_data
from dateline.read.dateline import Patterns, parse_byline, parse_dateline, resolve_dateline
from dateline.read.dates import bare_date, take_date_lines
from dateline.read.extract import word_count

# A dateline stands in the first paragraphs (after a kicker or a byline), never deeper.
_DATELINE_PARAGRAPHS = 3
_MIN_LANGUAGE_SHARE = 0.15
# Fewer words than this is a page's furniture ("Home World"), an error page, not an article.
MIN_ARTICLE_WORDS = 15
# An article has at least one sentence of prose: this many words ending in a full stop (or
# ?, !, a closing quote). A section front's teaser headlines have none.
MIN_SENTENCE_WORDS = 8
# (Chinese and Japanese end a sentence with "。", and put no space after it.)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$|[.!?][\"'”’)\]]*\s+[\"'“‘(\[]?[A-Z0-9]|[。！？]")
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTRIBUTORS = re.compile(r"^\W*additional\s+reporting\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# spaCy refuses a text over its ``max_length`` (1,000,000 characters by default) with a long
# E088 message, after the article has been read; it is refused here, in one line, instead.
MAX_TEXT_CHARS = 1_000_000


class Reader:
    """The options and the loaded reading data, shared by every format reader of one run."""

    def __init__(self, options: Options, data: ReadingData | None = None) -> None:
        self.options = options
        self.data = data or load_reading_data(options.data_dir)

    @cached_property
    def patterns(self) -> Patterns:
        return Patterns(self.data)


@dataclass
class Raw:
    """What a format reader found, before cleaning."""

    source: str
    format: str
    title: str | None
    paragraphs: list[str]
    published: str | None = None  # as the input gave it
    published_rule: str = "published.meta"  # where it came from, for the decision record
    url: str | None = None
    outlet: str | None = None
    record: str | None = None
    authors: list[str] = field(default_factory=list)  # authors from metadata, unchecked
    extra_bylines: list[str] = field(default_factory=list)  # short lines to search for a byline
    refused_published: str | None = None  # a date an extractor proposed that we refused
    captured: date | None = None  # when an archive captured the page (WARC-Date): an upper bound


def parse_published(value: str | None) -> date | None:
    """A full calendar day from a metadata date, or None.

    Year-only and month-only values are refused: "© 2026" must never become 2026-01-01.
    """
    if not value or not value.strip():
        return None
    text = bare_date(value)  # "Published: 6 January 2026" → "6 January 2026"
    match = _ISO_DAY.match(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # RFC 822 dates of RSS feeds

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow import; only for free-form dates ("January 6, 2026")

    parsed = dateparser.parse(
        text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def guess_language(text: str, data: ReadingData) -> str | None:
    """The language whose stop words make up the largest share of the words (≥15%), or None."""
    words = [w.lower() for w in _WORD.findall(text)[:2000]]
    if len(words) < 5:
        return None
    best, share = None, 0.0
    for lang, stops in data.stopwords.items():
        lang_share = sum(1 for w in words if w in stops) / len(words)
        if lang_share > share:
            best, share = lang, lang_share
    return best if share >= _MIN_LANGUAGE_SHARE else None


def _clean(paragraph: str) -> str:
    # NUL is not whitespace to str.split; a JSON "\\u0000" or a stray byte must not be stored
    return " ".join(paragraph.replace("\x00", " ").split())


def build_document(raw: Raw, reader: Reader) -> Document | ReadFailure:
    """Clean ``raw`` into a ``Document``: drop boilerplate, take out the byline and the
    dateline, decide the dates, guess the language, and compute the content id.

    Returns ``ReadFailure("no-article")`` when no body is left.
    """
    data, patterns = reader.data, reader.patterns
    raw_length = sum(len(p) for p in raw.paragraphs)
    if raw_length > 2 * MAX_TEXT_CHARS:  # refused before cleaning costs time on it
        return _too_long(raw, raw_length)
    title = (_clean(raw.title) or None) if raw.title else None
    # Boilerplate goes first, while a text's lines are still apart ("Share ...\nRelated:").
    cleaned = strip_boilerplate([p for p in raw.paragraphs if p and p.strip()], data)
    # A date written alone at the top ("Published: 6 January 2026") is not article text; an
    # extractor keeps it in the body. It dates the article when nothing else does.
    kept, date_line = take_date_lines(cleaned.paragraphs)
    paragraphs = [_clean(p) for p in kept]
    published_text, published_rule = raw.published, raw.published_rule
    if date_line and not parse_published(raw.published):
        published_text, published_rule = date_line, "published.date-line"

    byline: list[str] = []
    contributors: list[str] = []  # "Additional reporting by C": helpers, not the writer
    body: list[str] = []
    for paragraph in paragraphs:
        found = parse_byline(paragraph, patterns)
        if found is None:
            body.append(paragraph)
            continue
        names = contributors if _CONTRIBUTORS.match(paragraph) else byline
        names += [n for n in found[0] if n not in names]
    if not byline:
        # Of the page's "By A" lines outside the body, the first that names the metadata's
        # author wins (a show's "By Any Means Necessary" above the real byline does not);
        # with no such line, the first.
        candidates = [
            f[0]
            for line in raw.extra_bylines
            if not _CONTRIBUTORS.match(line) and (f := parse_byline(_clean(line), patterns))
        ]
        meta_words = {w.lower() for a in raw.authors for w in _WORD.findall(a) if len(w) > 2}
        agreeing = [
            c for c in candidates if meta_words & {w.lower() for n in c for w in _WORD.findall(n)}
        ]
        byline = (agreeing or candidates or [[]])[0]
    if not byline:
        byline = [a for a in _split_authors(raw.authors) if not data.is_form_label(a)]
    if not byline:
        byline = contributors

    dateline_parsed = None
    for index, paragraph in enumerate(body[:_DATELINE_PARAGRAPHS]):
        dateline_parsed = parse_dateline(paragraph, patterns)
        if dateline_parsed:
            body[index] = dateline_parsed.rest
            break
    if title and body and body[0] == title:
        body = body[1:]
    if not body:
        return ReadFailure(raw.source, "no-article", "no article text left", raw.record)
    length = sum(len(p) + 2 for p in body)
    if length > MAX_TEXT_CHARS:
        return _too_long(raw, length)
    words = sum(word_count(p) for p in body)
    if words < MIN_ARTICLE_WORDS:
        return ReadFailure(
            raw.source, "no-article", f"only {words} words of text: not an article", raw.record
        )
    if not any(_is_prose(p) for p in body):
        return ReadFailure(
            raw.source, "no-article", "no sentence of prose (headlines or links only)", raw.record
        )

    decisions: list[DateDecision] = []
    published = parse_published(published_text)
    if raw.refused_published:  # recorded even when a date line then dates the article
        decisions.append(DateDecision(
            "published", None, "unknown", raw.published_rule,
            f"The extractor proposed {raw.refused_published}, but the page never writes that "
            "day; it came from a year alone (such as a '© 2026' footer), and a year is never "
            "taken as the publication date.",
        ))  # fmt: skip
    if published:
        decisions.append(DateDecision(
            "published", published.isoformat(), "day", published_rule,
            f"Publication date {published.isoformat()} from {published_text!r}.",
        ))  # fmt: skip
    elif raw.published and not raw.refused_published:
        decisions.append(DateDecision(
            "published", None, "unknown", "published.refused-partial",
            f"{raw.published!r} does not name a full day; a year or month alone is never "
            "taken as the publication date.",
        ))  # fmt: skip

    dateline = None
    if dateline_parsed:
        text = "\n\n".join(body)
        bound, bound_label = _year_bound(raw, reader)
        dateline, decision = resolve_dateline(
            dateline_parsed, published, text, bound, patterns, today_label=bound_label
        )
        if decision:
            decisions.append(decision)

    doc_date, precision = None, "unknown"
    if dateline and dateline.date and dateline.precision == "day":
        doc_date, precision = dateline.date, "day"
        rule, reason = "document.dateline", "The document date is the dateline's date."
    elif published:
        doc_date, precision = published.isoformat(), "day"
        rule, reason = "document.published", "No dated dateline; the publication date is used."
    elif dateline and dateline.date:
        doc_date, precision = dateline.date, dateline.precision
        rule, reason = "document.dateline-no-year", "Only the dateline's day, without a year."
    else:
        rule, reason = "document.none", "Neither a dateline date nor a publication date."
    decisions.append(DateDecision("document", doc_date, precision, rule, reason))  # type: ignore[arg-type]

    return Document(
        id=Document.make_id(title, body),
        source=raw.source,
        format=raw.format,
        title=title,
        paragraphs=body,
        byline=byline,
        dateline=dateline,
        published=published.isoformat() if published else None,
        date=doc_date,
        date_precision=precision,  # type: ignore[arg-type]
        language=guess_language("\n".join([title or "", *body]), data),
        url=raw.url,
        outlet=raw.outlet or cleaned.copyright_owner(),
        record=raw.record,
        date_decisions=decisions,
    )


def _too_long(raw: Raw, length: int) -> ReadFailure:
    return ReadFailure(
        raw.source, "too-large",
        f"the article text is {length} characters, over the {MAX_TEXT_CHARS} the language "
        "model reads at once: split it into articles", raw.record,
    )  # fmt: skip


def _is_prose(paragraph: str) -> bool:
    """Whether a paragraph holds a sentence: enough words, and a full stop ending one."""
    return word_count(paragraph) >= MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(paragraph))


def _year_bound(raw: Raw, reader: Reader) -> tuple[date, str]:
    """The latest date the article can bear, and how to name it: the reading date, or the
    archive's capture date when that is earlier (a page is published before it is crawled)."""
    today = reader.options.reading_date()
    if raw.captured and raw.captured < today:
        return raw.captured, "the archive's capture date"
    return today, "the reading date"


def _split_authors(authors: list[str]) -> list[str]:
    out: list[str] = []
    for value in authors:
        for part in re.split(r"\s*[;|]\s*|\s+and\s+", value or ""):
            part = _clean(part)
            if part and part not in out:
                out.append(part)
    return out
