"""Sniff what a file is (format, compression, encoding) before reading it.

Every check here raises ``ReadError`` with a short reason key ("binary", "encoding",
"truncated", "too-large") that the reader turns into a ``ReadFailure``.
"""

from __future__ import annotations

import gzip
import io
import re
import tempfile
import zlib
from typing import Any, BinaryIO

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
# Share of NUL bytes above which content is binary; below it they are damage and removed.
MAX_NUL_SHARE = 0.01


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


class GzipReader(io.RawIOBase):
    """The decompressed bytes of a gzip stream (all members), read as a file.

    Nothing is decompressed ahead of what is asked for, so a reader that stops after N bytes
    has spent memory for N bytes whatever the stream expands to. A cut-off or corrupt stream
    raises ``ReadError("truncated")`` at the point where it is found.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=stream, mode="rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            return self._gzip.readinto(buffer)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ReadError("truncated", f"gzip stream is cut off or corrupt ({exc})") from exc


def open_decompressed(stream: BinaryIO) -> io.BufferedReader:
    """``stream`` decompressed as it is read (see ``GzipReader``), with ``readline``."""
    return io.BufferedReader(GzipReader(stream), 1 << 16)


def read_capped(stream: BinaryIO, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of ``stream``; raises ``ReadError("too-large")`` when there are
    more (``what`` names them: "the file", "the page once decompressed"), having read only
    ``limit + 1`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ReadError("too-large", f"{what} is over the limit of {limit} bytes")
    return data


# An input that cannot seek (stdin, a pipe) is copied aside to be read, and refused past this.
MAX_SPOOL_BYTES = 1 << 30


def spool(stream: BinaryIO, memory: int, limit: int) -> BinaryIO:
    """A seekable copy of the unseekable ``stream`` (stdin): in memory up to ``memory`` bytes,
    then in a temporary file. Raises ``ReadError("too-large")`` past ``limit`` bytes, having
    read only ``limit + 1``."""
    copy = tempfile.SpooledTemporaryFile(max_size=memory)  # noqa: SIM115 - returned open
    total = 0
    while chunk := stream.read(min(1 << 20, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            copy.close()
            raise ReadError("too-large", f"the input is over the limit of {limit} bytes")
        copy.write(chunk)
    copy.seek(0)
    return copy  # type: ignore[return-value]


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data (all members), refusing more than ``limit`` bytes of output.

    Raises ``ReadError`` "truncated" for a cut-off or corrupt stream, "too-large" past the limit.
    """
    return read_capped(open_decompressed(io.BytesIO(data)), limit, "the data once decompressed")


def check_binary(data: bytes) -> bytes:
    """``data`` without stray NUL bytes; raises ``ReadError("binary")`` for content that is
    not text of any encoding (a known binary signature, or NUL bytes making up more than
    ``MAX_NUL_SHARE`` of it).

    A few NUL bytes in a text are damage, not a sign of a binary file: they are removed
    wherever they are, so no NUL reaches the stored text.
    """
    if data.startswith(_BOMS):
        return data  # UTF-8/16 with a byte-order mark: NUL bytes are legitimate in UTF-16
    if data[:16].startswith(_BINARY_MAGIC):
        raise ReadError("binary", "a binary file (by its signature), not an article")
    nuls = data.count(b"\x00")
    if not nuls:
        return data
    if nuls > len(data) * MAX_NUL_SHARE:
        raise ReadError("binary", "contains NUL bytes: a binary file, not text")
    return data.replace(b"\x00", b"")


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a container (JSON Lines) say the whole file is binary; a
    stray NUL further on only spoils its own record."""
    try:
        check_binary(head)
    except ReadError:
        return True
    return False


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
