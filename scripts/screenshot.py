#!/usr/bin/env python3
"""Make docs/screenshot.png: the overview page of `dateline serve` on the example corpus.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshot.png]

Ingests examples/corpus into a temporary database, serves it on a free loopback port, and takes
a 1366x900 picture with Debian's headless Chromium (/usr/bin/chromium) driven by Playwright.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    """Ingest, serve, photograph; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    dateline = str(Path(sys.executable).with_name("dateline"))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "shot.db")
        subprocess.run([dateline, "ingest", str(REPO / "examples" / "corpus"), "--db", db],
                       check=True, capture_output=True)  # fmt: skip
        port = _free_port()
        server = subprocess.Popen(
            [dateline, "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.goto(url, wait_until="networkidle")
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
