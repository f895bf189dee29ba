"""Bounded HTTP load on loopback against ``dateline serve`` over a large database.

    python benchmarks/api_load.py                      # 1,000,000 events, 3,000 requests
    python benchmarks/api_load.py --events 100000 --requests 1000 --concurrency 4
    python benchmarks/api_load.py --db /work/tmp/api-load-1000000.db   # reuse a database
    python benchmarks/api_load.py --workers 1          # one server process (default 2)

Builds the database once (``--db``, default ``test-artifacts/api-load-<N>.db``) from
synthetic coded articles through ``Store.add`` (the store engineer's
``benchmarks/store_speed.py`` generator is used instead when it offers ``build_database``),
starts ``dateline serve --workers 2`` (one process a core on this 2-core machine) on a free
127.0.0.1 port, waits until it says it has built its start-up pages (``/api/v1/ready``),
sends a fixed number of requests (a mix
of every kind of page: the events list with each filter, sorted, searched; an event, a
document, an actor, the map, the overview, the coalition, the lists of actors, documents,
outlets, dyads and stories; and the first byte of each download) from
``--concurrency`` clients, stops at ``--requests`` or ``--seconds``, whichever comes first,
and prints requests per second and latency percentiles, overall and by kind of request,
with the load average (the machine may be shared). The server keeps pages by URL until the
database changes (``dateline.web.pagecache``): a URL the mix draws again is answered from
there, as a busy server would answer the second visitor of a page; the script prints how
many requests repeated a URL. Traffic never leaves the loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from dateline.models import (
    QUAD_CLASS,
    Actor,
    CodedDocument,
    Document,
    Event,
    EventPlace,
    Evidence,
)

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
COUNTRIES = (
    "UKR", "RUS", "USA", "GBR", "FRA", "DEU", "POL", "CAN", "ITA", "ESP", "NLD", "BEL", "DNK",
    "FIN", "SWE", "NOR", "EST", "LVA", "LTU", "CZE", "ROU", "TUR", "JPN", "AUS", "CHN", "HUN",
)  # fmt: skip
SECTORS = ("GOV", "MIL", "GOV", "GOV", "")
ORGS = ("NATO", "EU", "UN", "OSCE", "IAEA", "Coalition of the Willing")
PLACES = (
    ("Kyiv", "UKR", 50.45, 30.52), ("Moscow", "RUS", 55.75, 37.62), ("Paris", "FRA", 48.85, 2.35),
    ("London", "GBR", 51.51, -0.13), ("Berlin", "DEU", 52.52, 13.41),
    ("Warsaw", "POL", 52.23, 21.01), ("Washington", "USA", 38.90, -77.04),
    ("Brussels", "BEL", 50.85, 4.35), ("Geneva", "CHE", 46.20, 6.14),
    ("Kharkiv", "UKR", 49.99, 36.23), ("Odesa", "UKR", 46.48, 30.73),
    ("Ottawa", "CAN", 45.42, -75.70), ("Rome", "ITA", 41.89, 12.48),
)  # fmt: skip
TYPES = tuple(QUAD_CLASS)
STATUSES = ("occurred",) * 6 + ("planned", "expected", "denied", "hypothetical", "occurring")
CONTEXTS = ("military", "diplomatic", "economic", "humanitarian", "political", None)
VERBS = {
    "AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "backed", "CONCEDE": "conceded to",
    "COOPERATE": "worked with", "AID": "sent aid to", "RETREAT": "withdrew from",
    "REQUEST": "asked", "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened",
    "PROTEST": "protested against", "SANCTION": "sanctioned", "MOBILIZE": "deployed against",
    "COERCE": "seized from", "ASSAULT": "attacked",
}  # fmt: skip
EVENTS_PER_DOC = 10


def _words(rng: random.Random, n: int) -> str:
    # Random syllable words: bodies differ, so stories (MinHash LSH) stay small, as in news.
    syllables = ("ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "per", "den", "sol", "mar")
    return " ".join(
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(n)
    )


def _actor(rng: random.Random) -> tuple[str, str | None, str | None, str | None]:
    """(text, code, country, org) of a random actor."""
    if rng.random() < 0.12:
        org = rng.choice(ORGS)
        return org, org, None, org
    country = rng.choice(COUNTRIES[:12] if rng.random() < 0.7 else COUNTRIES)
    sector = rng.choice(SECTORS)
    code = f"{country} {sector}".strip()
    return f"officials of {country}", code, country, None


def synthetic_documents(total_events: int, seed: int = 7) -> Iterator[CodedDocument]:
    """``total_events`` events in articles of ``EVENTS_PER_DOC`` sentences each."""
    rng = random.Random(seed)
    made = 0
    number = 0
    while made < total_events:
        number += 1
        day = f"202{rng.randint(4, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences: list[tuple[str, tuple[Any, ...], tuple[Any, ...], str]] = []
        for _ in range(min(EVENTS_PER_DOC, total_events - made)):
            src, tgt = _actor(rng), _actor(rng)
            event_type = rng.choice(TYPES)
            verb = VERBS[event_type]
            text = f"{src[0].capitalize()} {verb} {tgt[0]} {_words(rng, 8)}."
            sentences.append((text, src, tgt, event_type))
        paragraphs = [s[0] for s in sentences]
        title = f"Report {number}: {_words(rng, 4)}"
        doc = Document(
            id=Document.make_id(title, paragraphs), source=f"synthetic/{number}.txt",
            format="text", title=title, paragraphs=paragraphs, date=day, date_precision="day",
            outlet=f"outlet {number % 50}", published=day,
        )  # fmt: skip
        events = []
        offset = 0
        for text, src, tgt, event_type in sentences:
            verb = VERBS[event_type]
            s_end = len(src[0])
            t_start = text.index(verb, s_end)
            tgt_start = t_start + len(verb) + 1
            place = rng.choice(PLACES)
            evidence = Evidence(
                sentence=text, start=offset, end=offset + len(text), trigger=verb.split()[0],
                rule=f"synthetic.{event_type.lower()}", trigger_start=offset + t_start,
                trigger_end=offset + t_start + len(verb.split()[0]), rules=["status.default"],
                doc_id=doc.id,
            )  # fmt: skip
            source = Actor(src[0], src[1], country=src[2], org=src[3], start=offset,
                           end=offset + s_end, rule="synthetic")  # fmt: skip
            target = Actor(tgt[0], tgt[1], country=tgt[2], org=tgt[3], start=offset + tgt_start,
                           end=offset + tgt_start + len(tgt[0]), rule="synthetic")  # fmt: skip
            events.append(
                Event(
                    id=Event.make_id(doc.id, offset, offset + len(text), evidence.rule,
                                     event_type, src[1] or "", tgt[1] or ""),
                    type=event_type, mode=None, context=rng.choice(CONTEXTS),
                    status=rng.choice(STATUSES), source=[source], target=[target],
                    evidence=evidence, place=EventPlace(place[0], place[1], place[2], place[3],
                                                        rule="sentence"),
                    date=day, date_precision="day", doc_id=doc.id,
                    quad_class=QUAD_CLASS[event_type],
                )
            )  # fmt: skip
            offset += len(text) + 2
        made += len(events)
        yield CodedDocument(doc, events)


def build_database(path: Path, total_events: int) -> None:
    """Write ``total_events`` synthetic events into a new database at ``path``."""
    store_speed = REPO / "benchmarks" / "store_speed.py"
    if store_speed.is_file():
        spec = importlib.util.spec_from_file_location("store_speed", store_speed)
        if spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if hasattr(module, "build_database"):
                module.build_database(path, total_events)
                return
    from dateline.store import Store

    started = time.perf_counter()
    batch: list[CodedDocument] = []
    written = 0
    with Store.open(path) as store:
        for coded in synthetic_documents(total_events):
            batch.append(coded)
            if len(batch) >= 500:
                written += store.add(batch).events
                batch = []
                rate = written / (time.perf_counter() - started)
                print(f"  built {written:,} events ({rate:,.0f}/s)", file=sys.stderr, end="\r")
        if batch:
            written += store.add(batch).events
    took = time.perf_counter() - started
    print(f"built {written:,} events in {took:.0f} s into {path}", file=sys.stderr)


def sample_ids(path: Path, n: int) -> tuple[list[str], list[str]]:
    """Some event ids and document ids to ask for (read-only)."""
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        total = conn.execute("SELECT max(rowid) FROM documents").fetchone()[0] or 0
        rng = random.Random(11)
        rowids = [rng.randint(1, total) for _ in range(n)] if total else []
        marks = ",".join("?" * len(rowids))
        sql = f"SELECT id FROM documents WHERE rowid IN ({marks})"
        docs = [r[0] for r in conn.execute(sql, rowids)]
        sql = f"SELECT id FROM events WHERE doc_id IN ({','.join('?' * len(docs))})"
        events = [r[0] for r in conn.execute(sql, docs)]
    finally:
        conn.close()
    return events, docs


SORTS = ("type", "-type", "source", "-target", "status", "place", "date", "-date")
WORDS = ("ceasefire", "sanctions", "troops summit", "drones", "grain port", "accused")
FORMATS = ("csv", "json", "jsonl", "geojson", "parquet")


def request_mix(events: list[str], docs: list[str], rng: random.Random) -> tuple[str, str]:
    """(kind, path) of one request: every kind of page (HTML, as a browser asks for it) and
    download, each drawn with equal weight and random parameters so the view cache hits only
    as often as real visitors would make it."""
    country = rng.choice(COUNTRIES[:12])
    code = f"{country} GOV"
    since = f"2025-{rng.randint(1, 12):02d}-01"
    until = since[:8] + "14"
    kinds: dict[str, Any] = {
        "events": lambda: f"/events?page={rng.randint(1, 5)}",
        "events type": lambda: f"/events?type={rng.choice(TYPES)}",
        "events types": lambda: "/events?type=" + ",".join(rng.sample(TYPES, 3)),
        "events actor": lambda: f"/events?actor={rng.choice([code, country])}",
        "events dyad": lambda: f"/events?source={code}&target={rng.choice(COUNTRIES[:12])} GOV",
        "events status": lambda: f"/events?status={rng.choice(STATUSES[-5:])}",
        "events context": lambda: f"/events?context={rng.choice(CONTEXTS[:-1])}",
        "events place": lambda: f"/events?place={rng.choice(PLACES)[0]}",
        "events dates": lambda: f"/events?since={since}&until={until}",
        "events mixed": lambda: (
            f"/events?type={rng.choice(TYPES)}&actor={country}&since={since[:4]}-01-01"
        ),
        "events sorted": lambda: f"/events?sort={rng.choice(SORTS)}&page={rng.randint(1, 3)}",
        "events sorted+f": lambda: f"/events?sort={rng.choice(SORTS)}&type={rng.choice(TYPES)}",
        "events words": lambda: f"/events?text={rng.choice(WORDS)}",
        "events undated": lambda: "/events?undated=true",
        "event": lambda: f"/events/{rng.choice(events)}",
        "document": lambda: f"/documents/{rng.choice(docs)}",
        "actor page": lambda: f"/actors/{rng.choice([code, country, rng.choice(ORGS[:4])])}",
        "map": lambda: "/map" + rng.choice(["", f"?type={rng.choice(TYPES)}", f"?actor={country}"]),
        "overview": lambda: "/" + rng.choice(["", "?by=month", "?group=type"]),
        "overview range": lambda: f"/?since={since}&until=2025-12-31",
        "coalition": lambda: "/coalition",
        "actors list": lambda: "/actors" + rng.choice(["", "?page=2", f"?q={country[:2]}"]),
        "documents list": lambda: f"/documents?page={rng.randint(1, 20)}",
        "documents search": lambda: f"/documents?q={rng.choice(WORDS).split()[0]}",
        "outlets list": lambda: "/outlets",
        "dyads list": lambda: "/dyads" + rng.choice(["", "?page=2", f"?actor={code}"]),
        "stories list": lambda: "/stories",
        **{
            f"download {fmt}": (
                lambda fmt=fmt: (
                    f"/api/v1/events.{fmt}?type={rng.choice(TYPES)}"
                    + rng.choice(["", f"&actor={country}"])
                )
            )
            for fmt in FORMATS
        },
    }
    kind = rng.choice(sorted(kinds))
    return kind, kinds[kind]()


async def run_load(
    base: str, events: list[str], docs: list[str], requests: int, seconds: float, workers: int
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Send ``requests`` requests (or stop after ``seconds``); latencies by kind, statuses.

    A download's latency is the time to its first bytes of body; the rest is not read (the
    response is closed), as a browser's next click does not wait for a download either."""
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, int] = defaultdict(int)
    rng = random.Random(5)
    plan = [request_mix(events, docs, rng) for _ in range(requests)]
    statuses["repeats"] = len(plan) - len({path for _, path in plan})
    deadline = time.perf_counter() + seconds
    queue = iter(plan)
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)

    async def worker(client: httpx.AsyncClient) -> None:
        for kind, path in queue:
            if time.perf_counter() > deadline:
                return
            t0 = time.perf_counter()
            if kind.startswith("download"):
                async with client.stream("GET", path) as response:
                    async for _ in response.aiter_raw():
                        latencies[kind].append(time.perf_counter() - t0)
                        break
                    else:
                        latencies[kind].append(time.perf_counter() - t0)
                    statuses[str(response.status_code)] += 1
                    # The rest of the download is not timed; closing drops it.
                continue
            response = await client.get(path)
            latencies[kind].append(time.perf_counter() - t0)
            statuses[str(response.status_code)] += 1
            if response.status_code != 200:
                statuses[f"{response.status_code} {kind}"] += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(workers)))
    return latencies, statuses, time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop after this long")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (dateline serve --workers)"
    )
    parser.add_argument(
        "--page-cache-mb",
        type=int,
        default=None,
        help="the server's page cache (DATELINE_PAGE_CACHE_MB; 0: none; default its own, 32)",
    )
    args = parser.parse_args()
    db = args.db or REPO / "test-artifacts" / f"api-load-{args.events}.db"
    if not db.is_file():
        db.parent.mkdir(parents=True, exist_ok=True)
        build_database(db, args.events)
    events, docs = sample_ids(db, 200)
    port = free_port()
    exe = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
    server = subprocess.Popen(
        [exe, "serve", "--db", str(db), "--host", HOST, "--port", str(port),
         "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, **({"DATELINE_PAGE_CACHE_MB": str(args.page_cache_mb)}
                              if args.page_cache_mb is not None else {})},
    )  # fmt: skip
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/api/v1/events?per_page=1", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise SystemExit("dateline serve did not answer")
        before = os.getloadavg()
        t0 = time.perf_counter()
        # The load starts once the server says it has built its start-up pages (the
        # overview, the first coalition, the map, the dyads), as a load balancer would wait.
        # Each server process answers for itself: wait until a run of answers says ready.
        ready_in_a_row = 0
        while ready_in_a_row < 4 * args.workers:
            ok = httpx.get(base + "/api/v1/ready", timeout=600).status_code == 200
            ready_in_a_row = ready_in_a_row + 1 if ok else 0
            if not ok:
                time.sleep(0.2)
        print(f"ready (start-up pages built): {time.perf_counter() - t0:.1f} s")
        latencies, statuses, took = asyncio.run(
            run_load(base, events, docs, args.requests, args.seconds, args.concurrency)
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # busy finishing answers: do not hide the error
            server.kill()
            server.wait()
    repeats = statuses.pop("repeats", 0)
    done = sum(len(v) for v in latencies.values())
    every = [x for v in latencies.values() for x in v]
    load = os.getloadavg()
    print(f"database: {db} ({args.events:,} events); {args.concurrency} clients on loopback; "
          f"{args.workers} server process{'es' if args.workers > 1 else ''}; page cache "
          f"{'32 (default)' if args.page_cache_mb is None else args.page_cache_mb} MB")  # fmt: skip
    print(
        f"load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, after "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs, shared)"
    )
    print(f"{done} requests in {took:.1f} s: {done / took:.1f} requests/s "
          f"(of the requests planned, {repeats} repeat a URL planned before)")  # fmt: skip
    print(f"statuses: {dict(statuses)}")
    print(f"{'request':<20}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind, values in [*sorted(latencies.items()), ("all", every)]:
        print(
            f"{kind:<20}{len(values):>6}{statistics.median(values) * 1000:>10.1f}"
            f"{pct(values, 95):>10.1f}{pct(values, 99):>10.1f}{max(values) * 1000:>10.1f}"
        )


if __name__ == "__main__":
    main()
