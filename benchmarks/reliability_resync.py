"""Records kept after one bad spot (issue 13, case 2): damaged WARC and JSON Lines inputs.

    PYTHONPATH=SRC .venv/bin/python benchmarks/reliability_resync.py [--records 5000]

Builds the issue's examples (a WARC.gz of N records with 3 gzip members cut in half, a plain
WARC with record N/2 cut in half, the same WARC gzipped as one member, a JSON Lines file of 20
articles with a raw NUL byte in one line) and counts, with the reader of the code on
PYTHONPATH, the HTML records found intact and the failures reported. WARC records are counted
at the archive layer (no text extraction), so it runs in seconds.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import tempfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import dateline
from dateline.errors import ReadError
from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import read_path
from dateline.read.warc import iter_html_records


def records(count: int, gzipped: bool) -> list[bytes]:
    out = []
    for number in range(count):
        body = (
            f"<html><head><title>Talks {number}</title></head><body><p>Ministers met on "
            f"Monday for round {number} of the talks, officials said.</p></body></html>"
        ).encode()
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzipped)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{number}", "response",
            payload=io.BytesIO(body), http_headers=http,
        ))  # fmt: skip
        out.append(buffer.getvalue())
    return out


def count_warc(data: bytes) -> str:
    good = bad = 0
    for _label, _url, _day, body in iter_html_records(io.BytesIO(data), 20 * 1024 * 1024):
        if isinstance(body, ReadError):
            bad += 1
        else:
            good += 1
    return f"{good:5d} records kept, {bad} failure lines"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    n = parser.parse_args().records
    print(f"code: {Path(dateline.__file__).parent}   {n} records")
    zipped = records(n, gzipped=True)
    for index in (n // 5, n // 2, 4 * n // 5):
        zipped[index] = zipped[index][: len(zipped[index]) // 2]
    print(f"warc.gz, 3 cut members     {count_warc(b''.join(zipped))}  (intact: {n - 3})")
    plain = records(n, gzipped=False)
    cut = list(plain)
    cut[n // 2] = cut[n // 2][: len(cut[n // 2]) // 2]
    print(f"warc, record {n // 2 + 1} cut      {count_warc(b''.join(cut))}  (intact: {n - 1})")
    whole = gzip.compress(b"".join(plain))
    print(f"warc gzipped as one member {count_warc(whole)}  (intact: {n})")

    lines = [json.dumps({"title": f"Talks {i}", "text": "PARIS (Reuters) - Ministers met on "
             f"Monday for round {i} of the talks on the ceasefire, officials said in a "
             "statement after the meeting."}).encode() for i in range(20)]  # fmt: skip
    lines[6] = lines[6][:40] + b"\x00" + lines[6][40:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wire.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        items = list(read_path(path, Options()))
    docs = sum(isinstance(i, Document) for i in items)
    fails = [i.line().split(": ", 1)[1] for i in items if isinstance(i, ReadFailure)]
    print(f"jsonl, NUL in line 7       {docs:5d} documents kept, failures: {fails}  (intact: 19)")


if __name__ == "__main__":
    main()
