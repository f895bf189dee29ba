"""The example corpus and its gold: the files are what the gold says they are.

These tests check the data, not the pipeline: every article is where the gold points, every
gold evidence string is in its article, every type, status and code is one the project knows,
the near-copies and the exact copy are what deduplication expects, and the WARC archive is
rebuilt byte for byte by ``examples/make_warc.py``. The pipeline's scores on this gold are
pinned elsewhere (the event coder's quality gate).
"""

from __future__ import annotations

import gzip
import html
import importlib.util
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import feedparser
import pycountry
import pytest
from warcio.archiveiterator import ArchiveIterator

from dateline.models import PLOVER_TYPES, STATUSES

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
GOLD = REPO / "examples" / "gold" / "corpus.gold.json"
WARC = CORPUS / "2026-02-02-northern-ledger-crawl.warc.gz"

FORMATS = {".txt": "text", ".html": "html", ".rss": "feed", ".atom": "feed", ".gz": "warc",
           ".jsonl": "jsonl"}  # fmt: skip
# Codes that are not a country: international organisations and named coalitions by short name.
ORGS = {"NATO", "EU", "UN", "OSCE", "IAEA", "IGO", "World Bank", "European Investment Bank",
        "EIB", "Coalition of the Willing"}  # fmt: skip
SECTORS = {"GOV", "MIL", "POL", "JUD", "LEG", "OPP", "REB", "CVL", "MED", "BUS", "EDU", "REL",
           "IGO", "NGO"}  # fmt: skip
RECORD_RE = re.compile(r"^(item|record|line) [1-9][0-9]*$")
FIRST_DAY, LAST_DAY = "2026-01-06", "2026-02-27"


# --- reading the corpus the plain way (no pipeline code: these tests must not depend on it) ---


def _flatten(markup: str) -> str:
    """Visible text of an HTML fragment: no scripts, no tags, entities decoded, spaces collapsed."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return _squash(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _warc_pages(path: Path = WARC) -> dict[str, tuple[str, str]]:
    """{"record N": (target URI, HTML)} of each HTML response record.

    N counts every record of the archive from 1 (warcinfo, requests and metadata too), as the
    reader numbers them.
    """
    pages = {}
    with path.open("rb") as fh:
        for n, rec in enumerate(ArchiveIterator(fh), start=1):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            if "html" not in (rec.http_headers.get_header("Content-Type") or ""):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            pages[f"record {n}"] = (uri, rec.content_stream().read().decode("utf-8"))
    return pages


@cache
def _feed_entries(path: Path) -> list[Any]:
    parsed = feedparser.parse(str(path))
    assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
    return list(parsed.entries)


def _index(record: str) -> int:
    return int(record.split()[1]) - 1


def article_text(file: str, record: str | None) -> str:
    """The visible text of one article (title included), whitespace collapsed."""
    path = REPO / file
    suffix = path.suffix
    if record is None:
        raw = path.read_text(encoding="utf-8")
        return _flatten(raw) if suffix == ".html" else _squash(raw)
    if suffix in (".rss", ".atom"):
        entry = _feed_entries(path)[_index(record)]
        return _squash(entry.title + " " + _flatten(entry.content[0].value))
    if suffix == ".gz":
        return _flatten(_warc_pages()[record][1])
    if suffix == ".jsonl":
        row = json.loads(path.read_text(encoding="utf-8").splitlines()[_index(record)])
        body = _flatten(row["html"]) if "html" in row else _squash(row["text"])
        return _squash((row.get("title") or "") + " " + body)
    raise AssertionError(f"{file}: no records in a {suffix} file")


def raw_source(file: str, record: str | None) -> str:
    """The article's source as written (markup and boilerplate included)."""
    path = REPO / file
    if path.suffix == ".gz" and record:
        return _warc_pages()[record][1]
    if path.suffix == ".jsonl" and record:
        row = json.loads(path.read_text(encoding="utf-8").splitlines()[_index(record)])
        return str(row.get("html") or row.get("text"))
    return path.read_text(encoding="utf-8")


def corpus_articles() -> list[tuple[str, str | None]]:
    """Every article of the corpus as (file, record), counted from the files themselves."""
    out: list[tuple[str, str | None]] = []
    for path in sorted(CORPUS.iterdir()):
        rel = str(path.relative_to(REPO))
        if path.suffix in (".txt", ".html"):
            out.append((rel, None))
        elif path.suffix in (".rss", ".atom"):
            out += [(rel, f"item {i + 1}") for i in range(len(_feed_entries(path)))]
        elif path.name.endswith(".warc.gz"):
            out += [(rel, record) for record in _warc_pages(path)]
        elif path.suffix == ".jsonl":
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            out += [(rel, f"line {i + 1}") for i in range(len(lines))]
    return out


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def _events(gold: dict[str, Any]) -> list[tuple[dict[str, Any], str, dict[str, Any]]]:
    return [
        (doc, kind, ev)
        for doc in gold["documents"]
        for kind in ("required", "optional")
        for ev in doc["events"][kind]
    ]


# --- the corpus ---


def test_corpus_has_at_least_18_articles_in_all_five_formats() -> None:
    articles = corpus_articles()
    by_format = Counter(FORMATS[Path(f).suffix] for f, _ in articles)
    assert len(articles) >= 18, by_format
    assert set(by_format) == {"text", "html", "feed", "warc", "jsonl"}, by_format
    assert by_format["text"] >= 7 and by_format["html"] >= 4, by_format
    assert by_format["warc"] == 3 and by_format["jsonl"] == 3, by_format
    assert len(_feed_entries(CORPUS / "2026-02-18-eastern-wire.rss")) == 3
    assert len(_feed_entries(CORPUS / "2026-02-25-coalition-desk.atom")) == 2


def test_feeds_have_links_dates_and_content() -> None:
    for name in ("2026-02-18-eastern-wire.rss", "2026-02-25-coalition-desk.atom"):
        for entry in _feed_entries(CORPUS / name):
            assert entry.link.startswith("https://"), entry.title
            assert entry.get("published_parsed"), entry.title
            assert len(_flatten(entry.content[0].value)) > 400, entry.title


def test_jsonl_lines_have_text_or_html_and_metadata() -> None:
    for line in (CORPUS / "2026-02-wire-digest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert ("text" in row) != ("html" in row), sorted(row)
        assert set(row) <= {"text", "html", "url", "title", "date", "source"}, sorted(row)
        assert row["url"].startswith("https://") and row["date"][:4] == "2026"


def test_readme_lists_every_corpus_file() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for path in CORPUS.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme, path.name


def test_warc_rebuild_reproduces_the_committed_archive(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_warc", REPO / "examples" / "make_warc.py")
    assert spec and spec.loader
    make_warc: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_warc)
    out = make_warc.build(tmp_path / "rebuilt.warc.gz")
    assert out.read_bytes() == WARC.read_bytes(), "run: .venv/bin/python examples/make_warc.py"
    gzip.decompress(out.read_bytes())  # a complete gzip stream, not truncated
    types: Counter[str] = Counter()
    with out.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            types[rec.rec_type] += 1
    assert types == {"warcinfo": 1, "request": 4, "response": 4, "metadata": 3}, types
    pages = _warc_pages(out)
    assert {record: uri.rsplit("/", 1)[1] for record, (uri, _) in pages.items()} == {
        "record 5": "trump-zelensky-davos",
        "record 8": "dnipro-strike-kyiv-rally",
        "record 11": "lavrov-legitimate-targets",
    }


# --- the gold's shape ---


def test_gold_shape(gold: dict[str, Any]) -> None:
    assert set(gold) == {"about", "duplicates", "documents"}
    for doc in gold["documents"]:
        where = f"{doc['file']} {doc['record']}"
        assert {"file", "record", "document", "actors", "places", "events"} <= set(doc), where
        assert doc["record"] is None or RECORD_RE.match(doc["record"]), where
        d = doc["document"]
        assert isinstance(d["title"], str) and d["title"], where
        assert {"place", "country", "text"} <= set(d["dateline"]), where
        assert d["date"] is None or FIRST_DAY <= d["date"] <= LAST_DAY, where
        assert d["byline"] and all(isinstance(a, str) and a for a in d["byline"]), where
        assert isinstance(d["body_paragraphs"], int) and d["body_paragraphs"] > 0, where
        assert all(isinstance(s, str) and s for s in d["body_must_not_contain"]), where
        assert len(d["body_must_contain"]) >= 2, where  # the first and the last paragraph
        assert set(doc["events"]) == {"required", "optional"}, where
        for actor in doc["actors"]:
            assert {"mention", "code"} <= set(actor), where
        for place in doc["places"]:
            assert pycountry.countries.get(alpha_3=place["country"]), (where, place)
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, (where, place)


def test_gold_covers_every_article_once(gold: dict[str, Any]) -> None:
    pointed = [(d["file"], d["record"]) for d in gold["documents"]]
    assert len(pointed) == len(set(pointed))
    assert sorted(pointed, key=str) == sorted(corpus_articles(), key=str)


def test_event_fields(gold: dict[str, Any]) -> None:
    ids = Counter(ev["id"] for _, _, ev in _events(gold))
    assert not [i for i, n in ids.items() if n > 1], "event ids must be unique"
    for doc, kind, ev in _events(gold):
        where = f"{doc['file']} {ev['id']}"
        assert {"id", "evidence", "type", "source", "target", "status"} <= set(ev), where
        assert isinstance(ev["evidence"], str) and len(ev["evidence"]) >= 10, where
        assert ev["type"] and set(ev["type"]) <= set(PLOVER_TYPES), where
        assert ev["status"] in STATUSES, where
        assert isinstance(ev["source"], list) and isinstance(ev["target"], list), where
        assert ev["id"].split("-")[-1][0] == ("E" if kind == "required" else "O"), where


def _code_ok(code: str) -> bool:
    if code in ("", *ORGS):
        return True
    parts = code.split(" ")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] not in SECTORS):
        return False
    return pycountry.countries.get(alpha_3=parts[0]) is not None


def test_every_actor_code_is_a_country_sector_or_known_organisation(gold: dict[str, Any]) -> None:
    bad = [
        (doc["file"], ev["id"], code)
        for doc, _, ev in _events(gold)
        for code in ev["source"] + ev["target"]
        if not _code_ok(code)
    ]
    for doc in gold["documents"]:
        for actor in doc["actors"]:
            codes = actor["code"] if isinstance(actor["code"], list) else [actor["code"]]
            bad += [(doc["file"], actor["mention"], c) for c in codes if not _code_ok(c)]
    assert not bad, bad


def test_there_are_enough_required_events(gold: dict[str, Any]) -> None:
    required = [ev for _, kind, ev in _events(gold) if kind == "required"]
    assert len(required) >= 60
    types = Counter(t for ev in required for t in ev["type"][:1])
    # The corpus should exercise most of PLOVER, not only meetings and strikes.
    assert len(types) >= 10, types
    statuses = Counter(ev["status"] for ev in required)
    assert {"occurred", "planned", "expected", "denied", "hypothetical"} <= set(statuses), statuses


# --- the gold agrees with the files ---


def test_every_evidence_occurs_verbatim_in_its_article(gold: dict[str, Any]) -> None:
    missing = []
    for doc, _, ev in _events(gold):
        text = article_text(doc["file"], doc["record"])
        if _squash(ev["evidence"]) not in text:
            missing.append((doc["file"], doc["record"], ev["id"], ev["evidence"]))
    assert not missing, missing


def test_actor_mentions_and_places_occur_in_their_article(gold: dict[str, Any]) -> None:
    missing = []
    for doc in gold["documents"]:
        text = article_text(doc["file"], doc["record"])
        for item in doc["actors"]:
            if item["mention"] not in text:
                missing.append((doc["file"], doc["record"], item["mention"]))
            missing += [
                (doc["file"], doc["record"], also)
                for also in item.get("also", [])
                if not re.search(rf"\b{re.escape(also)}\b", text)
            ]
        # A place may be named only in the dateline, in capitals ("BRUSSELS —").
        missing += [
            (doc["file"], doc["record"], p["mention"])
            for p in doc["places"]
            if p["mention"].lower() not in text.lower()
        ]
    assert not missing, missing


def test_document_fields_agree_with_the_source(gold: dict[str, Any]) -> None:
    for doc in gold["documents"]:
        where = f"{doc['file']} {doc['record']}"
        d = doc["document"]
        text = article_text(doc["file"], doc["record"])
        raw = raw_source(doc["file"], doc["record"])
        assert _squash(d["title"]) in text, where
        if "warc_target_uri" in doc:
            assert _warc_pages()[doc["record"]][0] == doc["warc_target_uri"], where
        assert d["dateline"]["text"] in text, where
        for author in d["byline"]:
            assert author in raw, (where, author)
        for s in d.get("body_must_contain", []):
            assert s in text, (where, s)
        # Boilerplate the reader must drop is really there; otherwise the check would be empty.
        for s in d["body_must_not_contain"]:
            assert s in raw or s in (REPO / doc["file"]).read_text(errors="replace"), (where, s)


def test_near_copies_are_near_and_the_exact_copy_is_exact(gold: dict[str, Any]) -> None:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}

    for a, b in gold["duplicates"]["near_copies"]:
        ta, tb = article_text(a["file"], a["record"]), article_text(b["file"], b["record"])
        sa, sb = shingles(ta), shingles(tb)
        jaccard = len(sa & sb) / len(sa | sb)
        # Same wire story, different headline, boilerplate and one paragraph trimmed.
        assert ta != tb and 0.5 < jaccard < 0.95, jaccard
    for a, b in gold["duplicates"]["exact_copies"]:
        row = (REPO / b["file"]).read_text(encoding="utf-8").splitlines()[_index(b["record"])]
        body_b = _squash(json.loads(row)["text"])
        assert body_b in article_text(a["file"], a["record"])
        assert len(body_b) > 1500


def test_body_paragraph_counts_agree_with_the_source(gold: dict[str, Any]) -> None:
    """Count the paragraphs from the dateline's to the one holding the last body_must_contain."""
    wrong = []
    for doc in gold["documents"]:
        d = doc["document"]
        raw = raw_source(doc["file"], doc["record"])
        if "<p" in raw:
            paras = [_flatten(p) for p in re.findall(r"(?s)<p\b[^>]*>(.*?)</p>", raw)]
        else:
            paras = [_squash(p) for p in re.split(r"\n\s*\n", raw) if p.strip()]
        first = next(i for i, p in enumerate(paras) if d["dateline"]["text"] in p)
        last = next(i for i, p in enumerate(paras) if d["body_must_contain"][-1] in p)
        if last - first + 1 != d["body_paragraphs"]:
            wrong.append((doc["file"], doc["record"], last - first + 1, d["body_paragraphs"]))
    assert not wrong, wrong


def test_event_attribution_place_and_date_are_grounded(gold: dict[str, Any]) -> None:
    """Who says so and where it happens are named in the article; dates are ISO and in range."""
    bad = []
    for doc, _, ev in _events(gold):
        text = article_text(doc["file"], doc["record"])
        if "attributed_to" in ev and ev["attributed_to"] not in text:
            bad.append((ev["id"], "attributed_to", ev["attributed_to"]))
        if "place" in ev and ev["place"].lower() not in text.lower():
            bad.append((ev["id"], "place", ev["place"]))
        if "date" in ev and not re.fullmatch(r"20(2[6-7])(-[01][0-9](-[0-3][0-9])?)?", ev["date"]):
            bad.append((ev["id"], "date", ev["date"]))
    assert not bad, bad
