"""Peak memory of ``dateline serve`` while it sends a download of 10,000 and of 100,000
events, in each format, side by side: a download that streams holds about the same memory
whatever its length, so the ratio of the two peaks stays near 1.

    python benchmarks/download_memory.py --db /work/tmp/api-load-1000000.db
    python benchmarks/download_memory.py --events 200000     # builds test-artifacts/...db

The database is the one ``benchmarks/api_load.py`` builds (built here when missing). The
server runs on a free loopback port; before each download its peak RSS is reset (Linux
``/proc/PID/clear_refs``), and read after the download was received in full (``VmHWM``).
The downloads are the newest N merged events (``since=`` the date that leaves N of them);
each is read in chunks and dropped, so the client's memory is not the server's. One run, no
timing: the figures are memory only.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_load  # the database builder beside this file

FORMATS = ("csv", "json", "jsonl", "geojson", "parquet")
SIZES = (10_000, 100_000)


def since_for(db: Path, n: int) -> tuple[str, int]:
    """The date from which the newest ``n`` or so merged events run, and their number."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        merged = "FROM events e JOIN merged_events m ON m.event_id = e.id"
        row = conn.execute(
            f"SELECT e.date {merged} WHERE e.date IS NOT NULL ORDER BY e.date DESC LIMIT 1 "
            "OFFSET ?",
            (n,),
        ).fetchone()
        since = str(row[0])[:10]
        count = conn.execute(f"SELECT count(*) {merged} WHERE e.date >= ?", (since,)).fetchone()
    finally:
        conn.close()
    return since, int(count[0])


def rss_kib(pid: int, field: str) -> int:
    """``VmRSS`` or ``VmHWM`` (peak) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def reset_peak(pid: int) -> None:
    """Reset the process's peak RSS to its current RSS (Linux 4.0 and later)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or api_load.REPO / "test-artifacts" / f"api-load-{args.events}.db"
    if not db.is_file():
        db.parent.mkdir(parents=True, exist_ok=True)
        api_load.build_database(db, args.events)
    windows = {n: since_for(db, n) for n in SIZES}
    warm_since = since_for(db, 100)[0]
    port = api_load.free_port()
    exe = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
    server = subprocess.Popen(
        [exe, "serve", "--db", str(db), "--host", api_load.HOST, "--port", str(port),
         "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://{api_load.HOST}:{port}"
    peaks: dict[tuple[str, int], tuple[int, int, int]] = {}
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/api/v1/events?per_page=1", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit("dateline serve did not answer")
        httpx.get(base + "/api/v1/overview", timeout=600)  # start-up work out of the way
        for fmt in FORMATS:
            # Once unmeasured: imports (pyarrow) and caches are not the download's memory.
            with httpx.stream("GET", f"{base}/api/v1/events.{fmt}?since={warm_since}",
                              timeout=600) as warm:  # fmt: skip
                for _ in warm.iter_raw():
                    pass
            for n in SIZES:
                since, _ = windows[n]
                before = rss_kib(server.pid, "VmRSS")
                reset_peak(server.pid)
                received = 0
                with httpx.stream("GET", f"{base}/api/v1/events.{fmt}?since={since}",
                                  timeout=600) as response:  # fmt: skip
                    response.raise_for_status()
                    for chunk in response.iter_raw():
                        received += len(chunk)
                peaks[(fmt, n)] = (before, rss_kib(server.pid, "VmHWM"), received)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"database: {db}; downloads of the newest merged events (since= a date)")
    for n in SIZES:
        print(f"  {n:,} asked: since={windows[n][0]} gives {windows[n][1]:,} events")
    head = f"{'format':<9}"
    for n in SIZES:
        head += f"{f'{n // 1000}k MB':>10}{f'{n // 1000}k +MB':>10}{f'{n // 1000}k size MB':>14}"
    print(head + f"{'peak ratio':>12}")
    for fmt in FORMATS:
        line = f"{fmt:<9}"
        for n in SIZES:
            before, peak, received = peaks[(fmt, n)]
            line += f"{peak / 1024:>10.1f}{(peak - before) / 1024:>10.1f}{received / 2**20:>14.1f}"
        small, large = peaks[(fmt, SIZES[0])], peaks[(fmt, SIZES[1])]
        line += f"{large[1] / small[1]:>12.2f}"
        print(line)
    print("MB: the server's peak RSS during the download; +MB: above its RSS just before; "
          "size: the download; ratio: the 100k peak over the 10k peak (the 10k download runs "
          "first: 1.00 = ten times the rows needed no more memory)")  # fmt: skip


if __name__ == "__main__":
    main()
