"""Peak memory of ``dateline ingest --workers 2`` on a corpus 10 times larger than another.

    .venv/bin/python benchmarks/memory.py [--documents 22] [--workers 2]

Writes the example corpus repeated to N and 10 N articles (JSON Lines), ingests each into a
fresh database, and samples the resident memory (RSS) of the whole process tree (the
command and its workers) every 50 ms. Prints both peaks and their ratio: a streaming
ingest keeps it near 1.0 whatever the corpus size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from _corpus import BIN, example_documents, machine, repeated, write_jsonl

from dateline.options import Options


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def peak_rss(args: list[str]) -> tuple[int, float]:
    """Run a command, sampling its process tree; return (peak bytes, wall seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    if process.returncode != 0:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()}")
    return peak, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=22)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    docs = example_documents(Options())
    results = []
    with tempfile.TemporaryDirectory(prefix="dateline-mem-") as tmp:
        for scale in (1, 10):
            folder = Path(tmp) / f"x{scale}"
            n = write_jsonl(repeated(docs, args.documents * scale), folder)
            command = [str(BIN / "dateline"), "ingest", str(folder), "--db",
                       str(Path(tmp) / f"x{scale}.db"), "--workers", str(args.workers)]  # fmt: skip
            peak, wall = peak_rss(command)
            results.append((n, peak, wall))
    print(f"machine: {machine()}")
    for n, peak, wall in results:
        print(f"{n:6d} documents: peak RSS {peak / 2**20:7.1f} MiB (ingest --workers "
              f"{args.workers}, {wall:.1f}s)")  # fmt: skip
    print(f"peak ratio 10x/1x: {results[1][1] / results[0][1]:.2f} (bounded: close to 1.0)")


if __name__ == "__main__":
    main()
