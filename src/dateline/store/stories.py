"""Stories and duplicates: exact copies by hash, near-copies by MinHash LSH, merged events.

- **Exact copies**: ``body_hash`` is the sha256 of the body lower-cased with whitespace
  collapsed, so the same wire text under another headline or layout is caught.
- **Near copies**: each body gets a MinHash signature (datasketch, ``NUM_PERM`` permutations)
  of its word 5-shingles. The signature is cut into ``BANDS`` bands of ``ROWS`` values; two
  articles that share any band are candidates (the LSH scheme), and a candidate whose
  estimated Jaccard similarity reaches ``THRESHOLD`` is the same story. Band keys live in
  the ``document_lsh`` table, so finding candidates is an indexed lookup and nothing has to
  be rebuilt in memory when a database is reopened.
- **Merged events**: events with the same type, source and target actors, date and place
  are one event (``merge_key``), whichever article or story reported them.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash

from dateline.models import Actor, Document, Event

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS  # 4 rows per band: pairs above ~0.42 similarity usually collide
THRESHOLD = 0.5  # estimated Jaccard similarity from which two articles are one story
SHINGLE = 5
SEED = 1  # fixed, so signatures stored by one run compare with the next run's

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, whitespace collapsed: what the exact-copy hash is taken of."""
    return _SPACE.sub(" ", text).strip().lower()


def body_hash(document: Document) -> str:
    """sha256 (hex) of the normalised body; equal for exact copies of a text."""
    return hashlib.sha256(normalise(document.text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles of ``text`` (the whole text as one shingle when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations() -> tuple[Any, Any]:
    """The MinHash permutations of ``SEED`` and their scheme: drawn once, not for every
    article (datasketch draws ``NUM_PERM`` random pairs each time a MinHash is made; they
    depend only on the seed)."""
    first = MinHash(num_perm=NUM_PERM, seed=SEED)
    return first.permutations, first.scheme


_UINT32 = struct.Struct("<I")


def _same(value: int) -> int:
    """The hash of a value already hashed."""
    return value


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``'s shingles: ``NUM_PERM`` uint32, little-endian."""
    permutations, scheme = _permutations()
    # datasketch's own hash (sha1_hash32: the first 4 bytes of SHA-1, little-endian) taken
    # in one comprehension, and handed over as is: a call per shingle costs more than it.
    sha1, unpack = hashlib.sha1, _UINT32.unpack_from
    hashed = [unpack(sha1(s.encode("utf-8")).digest())[0] for s in sorted(shingles(text))]
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=scheme, hashfunc=_same
    )
    minhash.update_batch(hashed)
    return bytes(minhash.hashvalues.astype("<u4").tobytes())


def band_keys(sig: bytes) -> list[str]:
    """One key per band: its number and a short hash of its values."""
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8)
        keys.append(f"{band}:{digest.hexdigest()}")
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal values)."""
    if not a or len(a) != len(b):
        return 0.0
    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


def source_name(document: Document) -> str:
    """Who published the article, for ``num_sources``: outlet, else the URL's host, else the
    dateline's agency, else the file it came from (a file of unknown origin counts as its own
    source)."""
    if document.outlet:
        return document.outlet.strip().lower()
    if document.url:
        host = urlsplit(document.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    if document.dateline and document.dateline.agency:
        return document.dateline.agency.strip().lower()
    return document.source


def actor_key(actor: Actor) -> str:
    return actor.code or f"~{normalise(actor.name or actor.text)}"


def codes(actors: Iterable[Actor]) -> str:
    """Actor codes of one role, sorted and de-duplicated, ``;``-joined."""
    return ";".join(sorted({actor_key(a) for a in actors}))


def merge_key(
    event: Event, story_id: str, sources: str | None = None, targets: str | None = None
) -> str:
    """What makes two reports the same event: type, actors, date and place.

    An event without a full date is only merged within its story: without a day, two
    articles' "talks" may be months apart. Within the story a partial date still counts
    ("2027" and "2025-09" are not the same event). ``sources`` / ``targets``: the
    ``codes`` of the event's actors, when the caller has them already.
    """
    date = event.date if event.date and event.date_precision == "day" else None
    place = normalise(event.place.name) if event.place else ""
    partial = f":{event.date}" if event.date and not date else ""
    when = date[:10] if date else f"story:{story_id}{partial}"
    if sources is None:
        sources = codes(event.source)
    if targets is None:
        targets = codes(event.target)
    return "|".join((event.type, sources, targets, when, place))
