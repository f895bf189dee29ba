"""Corpora for the benchmarks: the example corpus, repeated with varied ids to any size."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from dateline.models import Document
from dateline.options import Options
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
BIN = Path(sys.executable).parent


def example_documents(options: Options) -> list[Document]:
    """The documents of the example corpus, read once."""
    return [d for d in Pipeline(options).read_many([CORPUS]) if isinstance(d, Document)]


def repeated(documents: list[Document], count: int) -> Iterator[Document]:
    """``count`` documents cycling through ``documents``; copy k gets its own id and title,
    so a store keeps every copy as a new article."""
    for n in range(count):
        doc = documents[n % len(documents)]
        copy = n // len(documents)
        if copy == 0:
            yield doc
            continue
        title = f"{doc.title or 'Untitled'} ({copy})"
        yield replace(doc, id=Document.make_id(title, doc.paragraphs), title=title,
                      source=f"{doc.source}#copy{copy}")  # fmt: skip


def write_jsonl(documents: Iterator[Document], folder: Path, per_file: int = 50) -> int:
    """Write documents as JSON Lines files (what a crawl export looks like); returns the
    number written. Each line carries title, url, date and the body text."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    handle = None
    try:
        for doc in documents:
            if written % per_file == 0:
                if handle:
                    handle.close()
                handle = (folder / f"part-{written // per_file:05d}.jsonl").open("w")
            record = {
                "url": f"https://bench.example/{written}", "title": doc.title,
                "date": doc.date or doc.published, "text": doc.text,
            }  # fmt: skip
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    finally:
        if handle:
            handle.close()
    return written


def timed_run(args: list[str], env: dict[str, str] | None = None) -> float:
    """Run a command to the end; return its wall time in seconds. Raises on failure."""
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def machine() -> str:
    """One line describing the machine, for the benchmark tables."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"load average {load} (the machine is shared)"
    )
