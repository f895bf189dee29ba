"""Reliability suite (issue 13): hostile and careless inputs, generated here, run through the
CLI (and the API), asserting the exit status, one line per failure with its reason, every good
record kept, peak memory from ``/proc`` under a bound, and no process left behind.

Cases, numbered as in the issue: 1 a parser's exception on one input (nested JSON), 2 a bad
spot in an archive or a line, 3 small inputs that expand, 7 paths that cannot be read and
hostile file names, 8 the HTTP server (hosts, headers, token guessing, CSV formulas).
"""

from __future__ import annotations

import asyncio
import csv
import gzip
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.errors import ReadError
from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import iter_input_files, read_bytes, read_path
from dateline.read.warc import iter_html_records

DATELINE = [sys.executable, "-c", "from dateline.cli import main; main()"]
MB = 1024 * 1024
# Memory a hostile input may add over reading a small article, whatever it expands to.
MEMORY_MARGIN = 60 * MB
TOKEN = "reliability-token"


def article(number: int) -> str:
    """A short synthetic news article (numbered, so each has its own content id)."""
    return (
        f"PARIS (Reuters) - Foreign ministers of France and Germany met in Paris on Monday "
        f"for the {number}th round of talks on the ceasefire, officials said. The two "
        f"ministers agreed to meet again next week in Berlin to continue the negotiations."
    )


def page(number: int) -> bytes:
    return (
        f"<html><head><title>Ceasefire talks, round {number}</title></head><body><article>"
        f"<h1>Ceasefire talks, round {number}</h1><p>{article(number)}</p>"
        f"<p>Aid deliveries to the region will resume on Wednesday, the ministers said.</p>"
        f"</article></body></html>"
    ).encode()


# -- running the CLI, watching /proc -------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str
    peak: int  # VmHWM: the process's peak resident bytes, from /proc

    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _vm_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _session_members(session: int) -> list[int]:
    """Processes still alive in the session ``session`` (the CLI and whatever it started)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def run_cli(args: list[str], stdin: Path | None = None, **env: str) -> Run:
    """Run ``dateline ARGS`` in its own session; sample its peak memory; check that nothing
    it started outlives it."""
    environment = {**os.environ, "DATELINE_TODAY": "2026-02-01", **env}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        open(stdin or os.devnull, "rb") as feed,
    ):
        process = subprocess.Popen(
            [*DATELINE, *args], stdin=feed, stdout=out, stderr=err, env=environment,
            start_new_session=True,
        )  # fmt: skip
        peak = 0
        deadline = time.monotonic() + 600
        while process.poll() is None:
            peak = max(peak, _vm_hwm(process.pid))
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"dateline {' '.join(args)} did not finish")
            time.sleep(0.02)
        time.sleep(0.1)
        left = _session_members(process.pid)
        assert not left, f"processes left behind by dateline {args[0]}: {left}"
        out.seek(0)
        err.seek(0)
        return Run(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak,
        )


@pytest.fixture(scope="module")
def baseline_peak(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Peak memory of ``dateline read`` on one small article: the bound's starting point."""
    path = tmp_path_factory.mktemp("baseline") / "small.txt"
    path.write_text("Ceasefire talks\n\n" + article(1) + "\n")
    run = run_cli(["read", str(path)])
    assert run.code == 0, run.err
    return run.peak


def stored_documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def failure_lines(run: Run, reason: str) -> list[str]:
    return [line for line in run.lines() if f": {reason}: " in line]


# -- case 1: one input's parser exception ---------------------------------------------------


@pytest.mark.slow  # runs dateline in a subprocess
def test_nested_json_beside_a_good_article_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.jsonl").write_text("[" * 1000 + "]" * 1000 + "\n")
    (folder / "good.txt").write_text("Ceasefire talks\n\n" + article(1) + "\n")
    db = tmp_path / "d.db"
    run = run_cli(["ingest", str(folder), "--db", str(db)])
    assert "Traceback" not in run.err, run.err
    assert run.code == 1, run.err
    bad = failure_lines(run, "bad-json")
    assert len(bad) == 1 and "b.jsonl" in bad[0] and "nested too deeply" in bad[0], run.err
    assert stored_documents(db) == 1


def test_a_parser_exception_fails_only_its_record(
    monkeypatch: pytest.MonkeyPatch, options: Options
) -> None:
    import dateline.read as reader

    real = reader.read_html

    def flaky(html: str, *args: Any, **kwargs: Any) -> Any:
        if "round 2<" in html:
            raise ValueError("a bug in the extractor")
        return real(html, *args, **kwargs)

    monkeypatch.setattr(reader, "read_html", flaky)
    lines = [json.dumps({"html": page(n).decode()}) for n in (1, 2, 3)]
    items = list(read_bytes("\n".join(lines).encode(), "pages.jsonl", options))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "Document"]
    failure = items[1]
    assert isinstance(failure, ReadFailure)
    assert (failure.reason, failure.record) == ("error", "line 2")
    assert "ValueError: a bug in the extractor" in failure.message


class ApiClient:
    """Synchronous requests to an app in process (httpx over ASGI)."""

    def __init__(self, app: Any, client: tuple[str, int] = ("127.0.0.1", 50000)) -> None:
        self.app = app
        self.client = client

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(
                app=self.app, raise_app_exceptions=False, client=self.client
            )
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())


def make_app(db: Path, **settings: Any) -> Any:
    from dateline.store import Store
    from dateline.web import create_app

    with Store.open(db):
        pass
    return create_app(Options(db_path=db, token=TOKEN, **settings))


def _envelope(response: httpx.Response) -> dict[str, Any]:
    data = response.json()
    assert set(data) == {"error"}, data
    return dict(data["error"])


@pytest.mark.parametrize("ctype", ["application/json", "application/x-ndjson"])
def test_nested_json_post_is_a_4xx_envelope(tmp_path: Path, ctype: str) -> None:
    client = ApiClient(make_app(tmp_path / "api.db"))
    response = client.request(
        "POST", "/api/v1/documents", content=b"[" * 1000 + b"]" * 1000,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": ctype},
    )  # fmt: skip
    assert 400 <= response.status_code < 500, response.text
    assert _envelope(response)["code"] == "bad-json"


# -- case 2: resynchronising readers ---------------------------------------------------------


def warc_records(count: int, gzipped: bool) -> list[bytes]:
    """``count`` WARC response records of HTML pages, each written on its own."""
    out = []
    for number in range(count):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzipped)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{number}", "response",
            payload=io.BytesIO(page(number)), http_headers=http,
        ))  # fmt: skip
        out.append(buffer.getvalue())
    return out


_PLAIN_RECORDS = warc_records(8, gzipped=False)
_GZIP_RECORDS = warc_records(8, gzipped=True)


def read_cli(path: Path) -> tuple[Run, list[dict[str, Any]]]:
    run = run_cli(["read", str(path), "--json"])
    data = json.loads(run.out) if run.out.strip() else []
    return run, data if isinstance(data, list) else [data]


@pytest.mark.slow  # runs dateline in a subprocess
def test_warc_gz_with_cut_members_keeps_every_intact_record(tmp_path: Path) -> None:
    records = warc_records(60, gzipped=True)
    for index in (10, 30, 50):  # three gzip members cut in half, the next one right after
        records[index] = records[index][: len(records[index]) // 2]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(records))
    run, docs = read_cli(path)
    assert run.code == 1
    assert len(docs) == 57
    cut = failure_lines(run, "truncated")
    assert len(cut) == 3 and len(run.lines()) == 3, run.err
    assert [line.split("(record ")[1].split(")")[0] for line in cut] == ["11", "31", "51"]


@pytest.mark.slow  # runs dateline in a subprocess
def test_warc_with_a_cut_record_keeps_the_records_after_it(tmp_path: Path) -> None:
    records = warc_records(60, gzipped=False)
    records[25] = records[25][: len(records[25]) // 2]
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    run, docs = read_cli(path)
    assert run.code == 1
    assert len(docs) == 59
    assert len(run.lines()) == 1 and "(record 26): corrupt: " in run.lines()[0], run.err


@pytest.mark.slow  # runs dateline in a subprocess
def test_warc_gzipped_as_one_member_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"".join(warc_records(40, gzipped=False))))
    run, docs = read_cli(path)
    assert run.code == 0, run.err
    assert len(docs) == 40


@settings(max_examples=150, deadline=None)
# Found by this test: the cut record's length landed on the next record's header end.
@example(gzipped=False, damaged=0, start=0.833984375, end=0.419921875)
@given(
    gzipped=st.booleans(),
    damaged=st.integers(0, 7),
    start=st.floats(0, 1),
    end=st.floats(0, 1),
)
def test_bytes_lost_inside_one_record_cost_only_that_record(
    gzipped: bool, damaged: int, start: float, end: float
) -> None:
    records = list(_PLAIN_RECORDS if not gzipped else _GZIP_RECORDS)
    record = records[damaged]
    low, high = sorted((int(start * len(record)), int(end * len(record))))
    records[damaged] = record[:low] + record[high:]
    items = list(iter_html_records(io.BytesIO(b"".join(records)), MB))
    urls = {url for _, url, _, body in items if not isinstance(body, ReadError)}
    failures = [body for _, _, _, body in items if isinstance(body, ReadError)]
    intact = {f"https://news.example/{n}" for n in range(8) if n != damaged}
    assert intact <= urls, failures
    assert len(failures) <= 1 if high == low else len(failures) <= 2


def test_a_gzip_member_cut_short_does_not_swallow_the_next_one() -> None:
    """A member cut in half, followed by a whole one: the inflater reads on into the next
    member, and for some bytes it finds no error before the end of the file; the next member
    must still be read. (Record ids and dates differ in every archive written, so 40 archives
    are tried: the bug lost the next record in about one of five.)"""
    for _ in range(40):
        records = warc_records(8, gzipped=True)
        records[6] = records[6][: len(records[6]) // 2]
        items = list(iter_html_records(io.BytesIO(b"".join(records)), MB))
        urls = {url for _, url, _, body in items if not isinstance(body, ReadError)}
        failures = [body for _, _, _, body in items if isinstance(body, ReadError)]
        assert "https://news.example/7" in urls, failures
        assert len(failures) == 1


@pytest.mark.slow  # runs dateline in a subprocess
def test_a_nul_byte_in_one_jsonl_line_fails_that_line(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"Talks {n}", "text": article(n)}).encode() for n in range(20)]
    lines[6] = lines[6][:40] + b"\x00" + lines[6][40:]
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "d.db"
    run = run_cli(["ingest", str(path), "--db", str(db)])
    assert run.code == 1
    bad = [line for line in run.lines() if "wire.jsonl" in line]
    assert len(bad) == 1 and "(line 7): binary: " in bad[0], run.err
    assert stored_documents(db) == 19


# -- case 3: bounded memory ------------------------------------------------------------------


def _gzip_of(path: Path, block: bytes, total: int) -> Path:
    with gzip.open(path, "wb", compresslevel=6) as out:
        for _ in range(total // len(block)):
            out.write(block)
    return path


@pytest.mark.slow  # runs dateline in a subprocess
def test_a_small_txt_gz_that_expands_stays_in_memory_bounds(
    tmp_path: Path, baseline_peak: int
) -> None:
    block = (article(1) + "\n\n").encode() * 4000
    path = _gzip_of(tmp_path / "bomb.txt.gz", block, 60 * MB)
    assert path.stat().st_size < 2 * MB
    run = run_cli(["read", str(path)], DATELINE_MAX_RECORD_BYTES=str(MB))
    assert run.code == 1
    assert len(run.lines()) == 1 and ": too-large: " in run.lines()[0], run.err
    assert run.peak < baseline_peak + MEMORY_MARGIN, (run.peak, baseline_peak)


@pytest.mark.slow  # runs dateline in a subprocess
def test_a_jsonl_gz_that_expands_is_read_line_by_line(tmp_path: Path, baseline_peak: int) -> None:
    line = json.dumps({"text": "x" + " " * 200_000}).encode() + b"\n"
    path = _gzip_of(tmp_path / "bomb.jsonl.gz", line * 10, 60 * MB)
    run = run_cli(["read", str(path)], DATELINE_MAX_RECORD_BYTES=str(MB))
    assert run.code == 1
    assert len(failure_lines(run, "no-article")) == len(run.lines()) > 250, run.err[-500:]
    assert run.peak < baseline_peak + MEMORY_MARGIN, (run.peak, baseline_peak)


@pytest.mark.slow  # runs dateline in a subprocess
def test_stdin_is_bounded(tmp_path: Path, baseline_peak: int) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        block = (article(1) + "\n\n").encode() * 4000
        for _ in range(200 * MB // len(block)):
            out.write(block)
    run = run_cli(["read", "-"], stdin=path, DATELINE_MAX_RECORD_BYTES=str(MB))
    assert run.code == 1
    assert len(run.lines()) == 1 and "<stdin>: too-large: " in run.lines()[0], run.err
    assert run.peak < baseline_peak + MEMORY_MARGIN, (run.peak, baseline_peak)


@pytest.mark.slow  # runs dateline in a subprocess
def test_a_gzipped_post_body_is_read_within_the_body_limit(tmp_path: Path) -> None:
    # The server's own peak memory, from /proc, in a process of its own.
    script = f"""
import gzip, asyncio, httpx, sys
from pathlib import Path
from dateline.options import Options
from dateline.store import Store
from dateline.web import create_app
db = Path({str(tmp_path / "post.db")!r})
with Store.open(db):
    pass
app = create_app(Options(db_path=db, token="t"))
body = gzip.compress(b"Talks resumed in Paris on Monday, officials said. " * 6_000_000, 1)
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
before = hwm()
async def go():
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
        return await c.post("/api/v1/documents", content=body,
                            headers={{"Authorization": "Bearer t", "Content-Type": "text/plain"}})
answer = asyncio.run(go())
print(answer.status_code, hwm() - before, answer.text[:200])
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
        env={**os.environ, "DATELINE_TODAY": "2026-02-01"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    status, grown, text = done.stdout.split(" ", 2)
    assert status == "422" and '"too-large"' in text, done.stdout
    assert int(grown) < MEMORY_MARGIN, done.stdout


def test_a_huge_html_page_is_refused_before_extraction(options: Options) -> None:
    paragraph = "<p>" + article(1) + "</p>\n"
    html = "<html><body><article>" + paragraph * (4 * MB // len(paragraph)) + "</article></body>"
    started = time.monotonic()
    items = list(read_bytes(html.encode(), "huge.html", options))
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items[:1]
    assert items[0].reason == "too-large" and "extraction" in items[0].message
    assert time.monotonic() - started < 20  # refused, not extracted (about a minute)


def test_a_text_longer_than_the_model_reads_is_one_clear_failure(options: Options) -> None:
    text = "Ceasefire talks\n\n" + "\n\n".join([article(1)] * 6000)
    assert len(text) > 1_000_000
    items = list(read_bytes(text.encode(), "long.txt", options))
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items[:1]
    assert items[0].reason == "too-large" and "language model" in items[0].message
    assert "E088" not in items[0].line() and "\n" not in items[0].line()


# -- case 7: every skipped path has a line; names escaped; NUL bytes -------------------------


@pytest.mark.slow  # runs dateline in a subprocess
def test_every_path_that_cannot_be_read_has_one_escaped_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("Ceasefire talks\n\n" + article(1) + "\n")
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder linking back above itself
    forged = "evil.txt\nfake.txt: empty: a forged line.txt"
    (folder / forged).write_text("")
    db = tmp_path / "d.db"
    run = run_cli(["ingest", str(folder), "--db", str(db)])
    assert run.code == 1
    assert stored_documents(db) == 1
    lines = run.lines()
    assert not any(line.startswith("fake.txt") for line in lines), lines
    names = ("broken.txt", "loop-a.txt", "loop-b.txt", "sub/up", "evil.txt")
    by_name = {name: [line for line in lines if f"/{name}" in line] for name in names}
    assert all(len(found) == 1 for found in by_name.values()), lines
    assert "broken symbolic link" in by_name["broken.txt"][0]
    assert "loop" in by_name["loop-a.txt"][0] and "loop" in by_name["sub/up"][0]
    assert "evil.txt\\nfake.txt" in by_name["evil.txt"][0]


def test_a_folder_that_cannot_be_listed_has_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: Options
) -> None:
    # Tests may run as root, who can list any folder: the refusal is simulated.
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(article(1))
    (tmp_path / "open.txt").write_text("Ceasefire talks\n\n" + article(2) + "\n")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = [i for f in iter_input_files([tmp_path]) for i in read_path(f, options)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(failures) == 1 and failures[0].source.endswith("locked")
    assert failures[0].reason == "unreadable" and "Permission denied" in failures[0].message
    assert sum(isinstance(i, Document) for i in items) == 1


def test_a_named_pipe_is_read(tmp_path: Path, options: Options) -> None:
    # ``dateline ingest <(zcat a.txt.gz)``: a pipe has no size and cannot seek
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w") as out:
            out.write("Ceasefire talks\n\n" + article(1) + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    items = list(read_path(fifo, options))
    writer.join(10)
    if writer.is_alive():  # the pipe was never opened for reading: release the writer
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
    assert [type(i).__name__ for i in items] == ["Document"], items


@pytest.mark.parametrize("where", [100, 20_000])
def test_nul_bytes_never_reach_the_text(tmp_path: Path, options: Options, where: int) -> None:
    body = ("Ceasefire talks\n\n" + (article(1) + "\n\n") * 60).encode()
    path = tmp_path / "a.txt"
    path.write_bytes(body[:where] + b"\x00" + body[where:])
    (doc,) = list(read_path(path, options))
    assert isinstance(doc, Document) and "\x00" not in doc.text


def test_nul_escapes_in_json_never_reach_the_text(options: Options) -> None:
    line = json.dumps({"title": "Talks\u0000", "text": article(1) + "\u0000 More."})
    (doc,) = list(read_bytes(line.encode(), "a.jsonl", options))
    assert isinstance(doc, Document)
    assert "\x00" not in doc.text and "\x00" not in (doc.title or "")


# -- case 8: the HTTP server -----------------------------------------------------------------


def test_other_hosts_are_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path / "h.db", allowed_hosts=("news.internal",))
    client = ApiClient(app)
    for host in ("localhost:8000", "127.0.0.1", "[::1]:80", "news.internal"):
        assert client.request("GET", "/api/v1/overview", headers={"Host": host}).status_code == 200
    refused = client.request("GET", "/api/v1/overview", headers={"Host": "evil.example:8000"})
    assert refused.status_code == 400 and _envelope(refused)["code"] == "bad-host"


def test_large_headers_are_refused(tmp_path: Path) -> None:
    client = ApiClient(make_app(tmp_path / "h.db"))
    response = client.request("GET", "/api/v1/overview", headers={"X-Pad": "a" * 70_000})
    assert response.status_code == 431 and _envelope(response)["code"] == "headers-too-large"


def test_repeated_wrong_tokens_back_off(tmp_path: Path) -> None:
    client = ApiClient(make_app(tmp_path / "h.db"))
    statuses = []
    for number in range(7):
        response = client.request(
            "POST", "/api/v1/documents", content=b"x",
            headers={"Authorization": f"Bearer guess-{number}", "Content-Type": "text/plain"},
        )  # fmt: skip
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429, 429], statuses
    assert int(response.headers["retry-after"]) >= 1
    # another client is not held back
    other = ApiClient(client.app, client=("127.0.0.2", 50000))
    response = other.request(
        "POST", "/api/v1/documents", content=b"x",
        headers={"Authorization": "Bearer wrong", "Content-Type": "text/plain"},
    )  # fmt: skip
    assert response.status_code == 401


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(params=[1, 2], ids=["one-process", "two-workers"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """``dateline serve --allow-host news.internal`` on a free loopback port, in one
    process and in two (each worker builds its app with the same settings)."""
    port = _free_port()
    process = subprocess.Popen(
        [*DATELINE, "serve", "--db", str(tmp_path / "s.db"), "--port", str(port),
         "--allow-host", "news.internal", "--workers", str(request.param)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/v1/overview", timeout=2)
                break
            except httpx.HTTPError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(20)
        time.sleep(0.1)
        assert not _session_members(process.pid)


@pytest.mark.slow  # runs dateline in a subprocess
def test_served_hosts_and_headers(served: str) -> None:
    assert httpx.get(served + "/api/v1/overview").status_code == 200
    allowed = httpx.get(served + "/api/v1/overview", headers={"Host": "news.internal"})
    assert allowed.status_code == 200
    rebound = httpx.get(served + "/api/v1/overview", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400
    try:
        large = httpx.get(served + "/api/v1/overview", headers={"X-Pad": "a" * 70_000})
        assert large.status_code in (400, 431)
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
        # The HTTP parser dropped the connection: refused either way. Whether the client sees
        # a closed connection or a reset depends on how much of the header it had sent.
        pass


# A cell starting with "\r" is covered by test_safe_cell: Python's csv writer leaves a lone
# "\r" unquoted with lineterminator="\n", so it cannot be read back as one cell here.
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1:A9)", "+cmd|' /C calc'!A0",
            "-2+3", "\tTab"]  # fmt: skip


def _formula_store(tmp_path: Path) -> Path:
    from dateline.store import Store
    from fixtures.store.factory import corpus

    docs = corpus()
    events = [e for coded in docs for e in coded.events]
    for event, formula in zip(events, FORMULAS, strict=False):
        event.evidence.sentence = formula
        if event.source:
            event.source[0].text = formula
    path = tmp_path / "csv.db"
    with Store.open(path) as store:
        store.add(docs)
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.slow  # runs dateline in a subprocess
def test_csv_exports_neutralise_formulas(tmp_path: Path) -> None:
    db = _formula_store(tmp_path)
    out = tmp_path / "events.csv"
    exported = run_cli(["export", "--format", "csv", "--raw", "--out", str(out), "--db", str(db)])
    assert exported.code == 0, exported.err
    listed = run_cli(["events", "--format", "csv", "--raw", "--db", str(db)])
    assert listed.code == 0, listed.err
    with out.open(encoding="utf-8", newline="") as handle:  # keep a "\r" inside a cell
        written = handle.read()
    for text in (written, listed.out):
        cells = _cells(text)
        for formula in FORMULAS:
            assert "'" + formula in cells, formula
            assert formula not in cells, formula
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""), (-33.8, -33.8), (None, None)],
)  # fmt: skip
def test_safe_cell(value: Any, safe: Any) -> None:
    from dateline.csvcells import safe_cell

    assert safe_cell(value) == safe
