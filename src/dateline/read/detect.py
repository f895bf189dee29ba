"""Sniff what a file is (format, compression, encoding) before reading it.

Every check here raises ``ReadError`` with a short reason key ("binary", "encoding",
"truncated", "too-large") that the reader turns into a ``ReadFailure``.
"""

from __future__ import annotations

import gzip
import re
import zlib
from io import BytesIO

from charset_normalizer import from_bytes

from dateline.errors import ReadError

FORMATS = ("text", "html", "feed", "warc", "jsonl")
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
GZIP_MAGIC = b"\x1f\x8b"
# File signatures of things that are certainly not articles.
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"MZ",
    b"BZh", b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
)  # fmt: skip
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.01


def format_from_name(name: str) -> str | None:
    """The format an input's name suggests (".warc.gz" → "warc"), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def is_article_name(name: str) -> bool:
    """Whether a file name has an extension the reader knows (a folder walk reads only these,
    so a README or a build script beside the articles is not taken for one)."""
    return format_from_name(name) is not None


def format_from_content(head: bytes) -> str:
    """The format the first bytes of (decompressed) content look like."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"warc/"):
        return "warc"
    if stripped[:1] in (b"{", b"["):
        return "jsonl"
    window = stripped[:4096]
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", window):
        return "feed"
    if re.search(rb"<(!doctype html|html|head|body|article|div|p)[\s>]", window):
        return "html"
    return "text"


def choose_format(name: str, head: bytes) -> str:
    """Extension first; but content that is plainly HTML or WARC wins over ".txt"."""
    by_name = format_from_name(name)
    by_content = format_from_content(head)
    if by_name is None:
        return by_content
    if by_name == "text" and by_content in ("html", "warc"):
        return by_content
    return by_name


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data (all members), refusing more than ``limit`` bytes of output.

    Raises ``ReadError`` "truncated" for a cut-off or corrupt stream, "too-large" past the limit.
    """
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=BytesIO(data)) as stream:
            while chunk := stream.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise ReadError("too-large", f"decompresses to more than {limit} bytes")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ReadError("truncated", f"gzip stream is cut off or corrupt ({exc})") from exc
    return bytes(out)


def check_binary(data: bytes) -> None:
    """Raise ``ReadError("binary")`` for content that is not text of any encoding."""
    if data.startswith(_BOMS):
        return  # UTF-8/16 with a byte-order mark: NUL bytes are legitimate in UTF-16
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        raise ReadError("binary", "a binary file (by its signature), not an article")
    if b"\x00" in head:
        raise ReadError("binary", "contains NUL bytes: a binary file, not text")


def decode(data: bytes, html: bool = False) -> str:
    """Bytes to text: BOM, then a declared HTML charset, then UTF-8, then charset-normalizer.

    Raises ``ReadError("encoding")`` when no encoding fits and ``ReadError("binary")`` when the
    decoded text is mostly control characters.
    """
    text = _decode(data, html)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise ReadError("binary", "mostly control characters: a binary file, not text")
    return text


def _decode(data: bytes, html: bool) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("encoding", f"a UTF-16 byte-order mark, but {exc.reason}") from exc
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("encoding", "bytes fit no known text encoding")
    return str(best)
