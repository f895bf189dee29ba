"""Rebuild the example WARC archive from the HTML pages in ``examples/warc-src/``.

Usage::

    .venv/bin/python examples/make_warc.py [--out PATH]

The archive has the shape of a news crawl: one ``warcinfo`` record, then for each page a
``request`` record, an HTTP ``response`` record holding the HTML, and a ``metadata`` record;
plus one non-HTML response (``robots.txt``) that a reader must skip. Record ids and dates
are derived from the page URLs, so the same sources always give the same bytes.
"""

from __future__ import annotations

import argparse
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc-src"
DEFAULT_OUT = HERE / "corpus" / "2026-02-02-northern-ledger-crawl.warc.gz"
SITE = "https://northern-ledger.example"

# (source file, URL path, capture time): the order of the records in the archive.
PAGES = (
    ("davos-trump-zelensky.html", "/world/2026/01/22/trump-zelensky-davos",
     "2026-01-22T18:02:11Z"),
    ("dnipro-strike-kyiv-protest.html", "/world/2026/01/30/dnipro-strike-kyiv-rally",
     "2026-01-30T21:15:40Z"),
    ("lavrov-peacekeepers.html", "/world/2026/02/02/lavrov-legitimate-targets",
     "2026-02-02T16:03:27Z"),
)  # fmt: skip

ROBOTS = b"User-agent: *\nDisallow: /search\nSitemap: https://northern-ledger.example/sitemap.xml\n"


def _record_id(*parts: str) -> str:
    """A stable WARC-Record-ID from the record's URL and type."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def _fixed(record: object, rid: str, when: str) -> object:
    headers = record.rec_headers  # type: ignore[attr-defined]
    headers.replace_header("WARC-Record-ID", rid)
    headers.replace_header("WARC-Date", when)
    return record


def _write_capture(writer: WARCWriter, url: str, when: str, body: bytes, ctype: str) -> str:
    """Write a request and its response; return the response's record id."""
    resp_id = _record_id(url, "response")
    http = StatusAndHeaders(
        "200 OK",
        [("Content-Type", ctype), ("Content-Length", str(len(body))), ("Server", "nginx")],
        protocol="HTTP/1.1",
    )
    resp = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Record-ID": resp_id, "WARC-Date": when},
    )
    req_http = StatusAndHeaders(
        "GET " + url.removeprefix(SITE) + " HTTP/1.1",
        [("Host", SITE.removeprefix("https://")), ("User-Agent", "dateline-example-crawler/1.0")],
        is_http_request=True,
    )
    req = writer.create_warc_record(
        url,
        "request",
        http_headers=req_http,
        warc_headers_dict={
            "WARC-Record-ID": _record_id(url, "request"),
            "WARC-Date": when,
            "WARC-Concurrent-To": resp_id,
        },
    )
    writer.write_record(req)
    writer.write_record(resp)
    return resp_id


def build(out: Path = DEFAULT_OUT) -> Path:
    """Write the archive to ``out`` and return its path. Raises OSError if a source is missing."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(
            DEFAULT_OUT.name,  # fixed, so that a rebuild elsewhere gives the same bytes
            {
                "software": "dateline examples/make_warc.py (warcio)",
                "format": "WARC File Format 1.0",
                "description": "Synthetic news pages written for the dateline example corpus",
                "isPartOf": "dateline-example-crawl",
            },
        )
        writer.write_record(_fixed(info, _record_id(DEFAULT_OUT.name, "warcinfo"), PAGES[0][2]))

        robots_url = SITE + "/robots.txt"
        _write_capture(writer, robots_url, PAGES[0][2], ROBOTS, "text/plain")

        for name, path, when in PAGES:
            url = SITE + path
            body = (SRC / name).read_bytes()
            resp_id = _write_capture(writer, url, when, body, "text/html; charset=utf-8")
            meta = writer.create_warc_record(
                url,
                "metadata",
                payload=BytesIO(f"fetchTimeMs: 412\nsource-file: {name}\n".encode()),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _record_id(url, "metadata"),
                    "WARC-Date": when,
                    "WARC-Refers-To": resp_id,
                },
            )
            writer.write_record(meta)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the archive")
    args = parser.parse_args()
    print(build(args.out))


if __name__ == "__main__":
    main()
