"""Peak memory (from /proc) and wall time of the hostile inputs of issue 13, case 3.

    .venv/bin/python benchmarks/reliability_memory.py [--src SRC] [--only NAME ...]
                                                      [--timeout SECONDS] [--scale F]

Each case builds a small input that is expensive to read (a gzip file that expands to about
1.2 GB, the same as JSON Lines, 1.5 GB on stdin, a 19 MB HTML page, a 2 MB text article,
a gzipped body POSTed to the server), runs ``dateline`` on it in a subprocess and samples the
process's high-water mark ``VmHWM`` in ``/proc/PID/status`` every 50 ms (the kernel keeps the
peak, so a sample between two peaks loses nothing). A case still running after ``--timeout``
seconds is killed and reported with the peak so far. ``--src`` runs another checkout's code
(``--src /work/main/src`` for the figures before a change); ``--scale`` shrinks the large
inputs (0.1 = a tenth) for a quick look.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
DATELINE = [sys.executable, "-c", "from dateline.cli import main; main()"]
SENTENCE = b"The minister said on Tuesday that talks would resume in Paris next week. "
MB = 1024 * 1024


def vm_hwm(pid: int) -> int:
    """The peak resident bytes of process ``pid`` so far (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def watch(process: subprocess.Popen[bytes], timeout: float) -> tuple[int, float, str]:
    """Sample ``process`` until it ends or ``timeout`` passes: (peak bytes, seconds, outcome)."""
    start = time.perf_counter()
    peak = 0
    while process.poll() is None:
        peak = max(peak, vm_hwm(process.pid))
        if time.perf_counter() - start > timeout:
            process.kill()
            process.wait()
            return peak, time.perf_counter() - start, f"killed after {timeout:.0f} s"
        time.sleep(0.05)
    return peak, time.perf_counter() - start, f"exit {process.returncode}"


def env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "DATELINE_TODAY": "2026-02-01"}


def _last_line(stderr: bytes) -> str:
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    text = lines[-1] if lines else ""
    return text if len(text) < 160 else text[:157] + "..."


def run_cli(args: list[str], src: Path, timeout: float, stdin: Path | None = None) -> str:
    with tempfile.TemporaryFile() as err, open(stdin or os.devnull, "rb") as feed:
        process = subprocess.Popen(
            [*DATELINE, *args], stdin=feed, stdout=subprocess.DEVNULL, stderr=err, env=env(src)
        )
        peak, seconds, outcome = watch(process, timeout)
        err.seek(0)
        last = _last_line(err.read()[-4000:])
    return f"peak {peak / MB:7.0f} MB  {seconds:6.1f} s  {outcome}  | {last}"


def gz_of(path: Path, line: bytes, total: int) -> Path:
    """``path`` (.gz) holding ``line`` repeated to ``total`` bytes."""
    block = line * max(1, (4 * MB) // len(line))
    with gzip.open(path, "wb", compresslevel=9) as out:
        written = 0
        while written < total:
            out.write(block)
            written += len(block)
    return path


def case_txt_gz(work: Path, src: Path, timeout: float, scale: float) -> str:
    path = gz_of(work / "bomb.txt.gz", SENTENCE, int(1200 * MB * scale))
    return f"({path.stat().st_size / MB:.1f} MB file) " + run_cli(["read", str(path)], src, timeout)


def case_jsonl_gz(work: Path, src: Path, timeout: float, scale: float) -> str:
    line = json.dumps({"title": "Talks", "text": (SENTENCE * 1400).decode()}).encode() + b"\n"
    path = gz_of(work / "bomb.jsonl.gz", line, int(1200 * MB * scale))
    return f"({path.stat().st_size / MB:.1f} MB file) " + run_cli(["read", str(path)], src, timeout)


def case_stdin(work: Path, src: Path, timeout: float, scale: float) -> str:
    path = work / "big.txt"
    block = SENTENCE * (4 * MB // len(SENTENCE))
    with path.open("wb") as out:
        for _ in range(int(1500 * MB * scale) // len(block)):
            out.write(block)
    try:
        return run_cli(["read", "-"], src, timeout, stdin=path)
    finally:
        path.unlink()


def case_html(work: Path, src: Path, timeout: float, scale: float) -> str:
    para = b"<p>" + SENTENCE * 3 + b"</p>\n"
    body = para * int(19 * MB * scale / len(para))
    path = work / "huge.html"
    path.write_bytes(b"<html><head><title>Talks</title></head><body><article>" + body
                     + b"</article></body></html>")  # fmt: skip
    return run_cli(["read", str(path)], src, timeout)


def case_long_text(work: Path, src: Path, timeout: float, scale: float) -> str:
    path = work / "long.txt"
    path.write_bytes(b"Talks resume\n\n" + (SENTENCE * 20 + b"\n\n") * int(2 * MB / 1500))
    db = work / "long.db"
    return run_cli(["ingest", str(path), "--db", str(db)], src, timeout)


def case_post(work: Path, src: Path, timeout: float, scale: float) -> str:
    body = gz_of(work / "post.gz", SENTENCE, int(1200 * MB * scale)).read_bytes()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = work / "post.db"
    server = subprocess.Popen(
        [*DATELINE, "serve", "--db", str(db), "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**env(src), "DATELINE_TOKEN": "bench-token"},
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/api/v1/overview", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        start = time.perf_counter()
        try:
            answer = httpx.post(
                base + "/api/v1/documents",
                content=body,
                headers={"Authorization": "Bearer bench-token", "Content-Type": "text/plain"},
                timeout=timeout,
            )
            outcome = f"HTTP {answer.status_code} {answer.text[:100]}"
        except httpx.HTTPError as exc:
            outcome = f"no answer ({type(exc).__name__})"
        seconds = time.perf_counter() - start
        peak = vm_hwm(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    size = len(body) / MB
    return f"({size:.1f} MB body) peak {peak / MB:7.0f} MB  {seconds:6.1f} s  | {outcome}"


CASES: dict[str, Callable[[Path, Path, float, float], str]] = {
    "txt-gz": case_txt_gz,
    "jsonl-gz": case_jsonl_gz,
    "stdin": case_stdin,
    "html-19mb": case_html,
    "text-2mb": case_long_text,
    "post-gz": case_post,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=HERE.parent / "src")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    parser.add_argument("--timeout", type=float, default=400.0)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dateline-reliability-"))
    try:
        print(f"code: {args.src.resolve()}   scale {args.scale}")
        for name in args.only or list(CASES):
            print(f"{name:10} {CASES[name](work, args.src, args.timeout, args.scale)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
