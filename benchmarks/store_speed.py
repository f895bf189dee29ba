"""Ingest rate and query latency of the store on a database of synthetic events.

    .venv/bin/python benchmarks/store_speed.py                     # 1,000,000 events
    .venv/bin/python benchmarks/store_speed.py --events 100000 --db /tmp/s.db --keep

Builds a new database (``--db``, default a temporary file) from synthetic coded articles
through ``Store.add`` (the real write path: stories by MinHash LSH, merged events, FTS),
prints the ingest rate, then times the common queries ``--rounds`` times each with varied
parameters and prints the median and 95th percentile latency. The aim: p95 under 100 ms for
a filtered page of events on one million events. ``build_database(path, total_events)`` is
also used by ``benchmarks/api_load.py``.

About one article in ten is a republished near-copy of an earlier one from another outlet
(same events, one paragraph changed), so stories and merged events are exercised.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.models import (
    QUAD_CLASS,
    Actor,
    CodedDocument,
    Document,
    Event,
    EventPlace,
    Evidence,
)
from dateline.store import EventFilter, Store

TODAY = date(2026, 12, 31)  # "latest" on the overview: the synthetic dates end in 2026
EVENTS_PER_DOC = 10
BATCH = 500
COPY_SHARE = 0.1
COUNTRIES = (
    "UKR",
    "RUS",
    "USA",
    "GBR",
    "FRA",
    "DEU",
    "POL",
    "CAN",
    "ITA",
    "ESP",
    "NLD",
    "BEL",
    "DNK",
    "FIN",
    "SWE",
    "NOR",
    "EST",
    "LVA",
    "LTU",
    "CZE",
    "ROU",
    "TUR",
    "JPN",
    "AUS",
    "CHN",
    "HUN",
)
SECTORS = ("GOV", "MIL", "GOV", "GOV", "BUS", "")
ORGS = ("NATO", "EU", "UN", "OSCE", "IAEA", "Coalition of the Willing")
PLACES = tuple(
    (name, country, lat, lon)
    for name, country, lat, lon in (
        ("Kyiv", "UKR", 50.45, 30.52),
        ("Moscow", "RUS", 55.75, 37.62),
        ("Paris", "FRA", 48.85, 2.35),
        ("London", "GBR", 51.51, -0.13),
        ("Berlin", "DEU", 52.52, 13.41),
        ("Warsaw", "POL", 52.23, 21.01),
        ("Washington", "USA", 38.90, -77.04),
        ("Brussels", "BEL", 50.85, 4.35),
        ("Geneva", "CHE", 46.20, 6.14),
        ("Kharkiv", "UKR", 49.99, 36.23),
        ("Odesa", "UKR", 46.48, 30.73),
        ("Ottawa", "CAN", 45.42, -75.70),
        ("Rome", "ITA", 41.89, 12.48),
        ("Helsinki", "FIN", 60.17, 24.94),
    )
)
VERBS = {
    "AGREE": "agreed with",
    "CONSULT": "met",
    "SUPPORT": "backed",
    "CONCEDE": "yielded to",
    "COOPERATE": "worked with",
    "AID": "sent aid to",
    "RETREAT": "withdrew from",
    "REQUEST": "urged",
    "ACCUSE": "accused",
    "REJECT": "rejected",
    "THREATEN": "threatened",
    "PROTEST": "protested against",
    "SANCTION": "sanctioned",
    "MOBILIZE": "mobilised against",
    "COERCE": "seized assets of",
    "ASSAULT": "shelled",
}
TYPES = tuple(VERBS)
STATUSES = (
    "occurred",
    "occurred",
    "occurred",
    "planned",
    "expected",
    "denied",
    "occurring",
    "hypothetical",
)
CONTEXTS = (None, "military", "diplomatic", "economic", "humanitarian", "political")
# News words, so full-text queries find realistic numbers of hits.
_NEWS_WORDS = (
    "ceasefire talks envoy pledge troops defence sanctions shelling statement coalition "
    "guarantees monitoring mission drones frontline grain port energy truce summit minister "
    "delegation prisoners exchange corridor reconstruction loan tanks training border "
    "missile strike refinery convoy evacuation parliament vote budget aid package artillery "
    "negotiators capital region villages hospital power station talks weapons supplies"
)
VOCABULARY = tuple(_NEWS_WORDS.split())


def _words(rng: random.Random, n: int) -> str:
    # Half news words, half made-up syllable words: bodies differ, as articles do.
    syllables = ("ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "per", "den", "sol", "mar")
    out = []
    for _ in range(n):
        if rng.random() < 0.5:
            out.append(rng.choice(VOCABULARY))
        else:
            out.append("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return " ".join(out)


def _actor(rng: random.Random) -> Actor:
    if rng.random() < 0.12:
        org = rng.choice(ORGS)
        return Actor(org, org, sector="IGO", org=org, rule="synthetic")
    country = rng.choice(COUNTRIES[:12] if rng.random() < 0.7 else COUNTRIES)
    sector = rng.choice(SECTORS)
    code = f"{country} {sector}".strip()
    return Actor(
        f"officials of {country}", code, sector=sector or None, country=country, rule="synthetic"
    )


def _document(number: int, title: str, paragraphs: list[str], day: str, outlet: str) -> Document:
    return Document(
        id=Document.make_id(title, paragraphs),
        source=f"synthetic/{number}.txt",
        format="text",
        title=title,
        paragraphs=paragraphs,
        date=day,
        date_precision="day",
        outlet=outlet,
        published=day,
        language="en",
    )


def _events(
    doc: Document, plan: list[tuple[Actor, Actor, str, Any, str, str | None]]
) -> list[Event]:
    events = []
    offset = 0
    for paragraph, (src, tgt, type_, place, status, context) in zip(
        doc.paragraphs, plan, strict=True
    ):
        verb = VERBS[type_].split()[0]
        t_start = paragraph.index(verb)
        evidence = Evidence(
            sentence=paragraph,
            start=offset,
            end=offset + len(paragraph),
            trigger=verb,
            rule=f"synthetic.{type_.lower()}",
            trigger_start=offset + t_start,
            trigger_end=offset + t_start + len(verb),
            rules=["status.default"],
            doc_id=doc.id,
        )
        events.append(
            Event(
                id=Event.make_id(
                    doc.id,
                    offset,
                    offset + len(paragraph),
                    evidence.rule,
                    type_,
                    src.code or "",
                    tgt.code or "",
                ),
                type=type_,
                mode=None,
                context=context,
                status=status,
                source=[src],
                target=[tgt],
                evidence=evidence,
                place=EventPlace(place[0], place[1], place[2], place[3], rule="sentence"),
                date=doc.date,
                date_precision="day",
                doc_id=doc.id,
                quad_class=QUAD_CLASS[type_],
            )
        )
        offset += len(paragraph) + 2
    return events


def synthetic_documents(total_events: int, seed: int = 7) -> Iterator[CodedDocument]:
    """Coded articles of ``EVENTS_PER_DOC`` events each, ``total_events`` in all."""
    rng = random.Random(seed)
    made = number = 0
    recent: list[tuple[str, list[str], str, list[Any]]] = []
    while made < total_events:
        number += 1
        n = min(EVENTS_PER_DOC, total_events - made)
        if recent and rng.random() < COPY_SHARE and len(recent[-1][1]) == n:
            title, paragraphs, day, plan = rng.choice(recent)
            paragraphs = list(paragraphs)
            paragraphs[-1] = paragraphs[-1].rsplit(" ", 3)[0] + " " + _words(rng, 3) + "."
            title = f"{title} (republished)"
        else:
            day = f"202{rng.randint(4, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            plan = []
            paragraphs = []
            for _ in range(n):
                src, tgt = _actor(rng), _actor(rng)
                type_ = rng.choice(TYPES)
                plan.append(
                    (
                        src,
                        tgt,
                        type_,
                        rng.choice(PLACES),
                        rng.choice(STATUSES),
                        rng.choice(CONTEXTS),
                    )
                )
                paragraphs.append(
                    f"{src.text.capitalize()} {VERBS[type_]} {tgt.text} {_words(rng, 14)}."
                )
            title = f"Report {number}: {_words(rng, 4)}"
            recent = [*recent[-50:], (title, paragraphs, day, plan)]
        doc = _document(number, title, paragraphs, day, f"outlet {number % 60}")
        events = _events(doc, plan)
        made += len(events)
        yield CodedDocument(doc, events)


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB (Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        current = pages * resource.getpagesize() / 1e6
    except (OSError, ValueError, IndexError):
        current = float("nan")
    return current, peak


def _load() -> str:
    """The 1-minute load average, as ``uptime`` prints it (the machine is shared)."""
    return f"{os.getloadavg()[0]:.2f}"


@dataclass
class Build:
    """What building the database measured."""

    events: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time (user + system): the machine is shared
    making_seconds: float = 0.0  # of ``seconds``: generating the synthetic articles
    index_seconds: float = 0.0  # of ``seconds``: building the deferred indexes at the end
    # (events written, events/s over the last stretch, current RSS MB, peak RSS MB, load)
    samples: list[tuple[int, float, float, float, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Events per second of wall-clock time, everything included."""
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def store_rate(self) -> float:
        """Events per second of wall-clock time spent in the store (not generating)."""
        spent = self.seconds - self.making_seconds
        return self.events / spent if spent > 0 else 0.0

    @property
    def cpu_rate(self) -> float:
        """Events per second of this process's CPU time (what a quiet machine would give)."""
        return self.events / self.cpu_seconds if self.cpu_seconds else 0.0


def build(
    path: Path,
    total_events: int,
    *,
    quiet: bool = False,
    samples: int = 10,
    budget: float | None = None,
) -> Build:
    """Write ``total_events`` synthetic events into the database at ``path`` with
    ``Store.add`` in batches of ``BATCH`` articles inside ``Store.bulk`` (indexes that no
    write reads are built once at the end, and counted in the time); sample the rate and
    the resident memory ``samples`` times on the way. With ``budget`` (seconds), stop
    adding when it is spent (the database is then smaller than asked: ``events`` says)."""
    out = Build()
    started = last_time = time.perf_counter()
    cpu = time.process_time()
    last_written = 0
    step = max(total_events // samples, 1)
    batch: list[CodedDocument] = []
    with Store.open(path) as store:
        with store.bulk():
            making = synthetic_documents(total_events)
            while True:
                made = time.perf_counter()
                coded = next(making, None)
                out.making_seconds += time.perf_counter() - made
                if coded is None:
                    break
                batch.append(coded)
                if len(batch) >= BATCH:
                    out.events += store.add(batch).events
                    batch = []
                    if budget is not None and time.perf_counter() - started > budget:
                        break
                    if out.events - last_written >= step:
                        now = time.perf_counter()
                        rate = (out.events - last_written) / (now - last_time)
                        out.samples.append((out.events, rate, *_rss_mb(), _load()))
                        last_time, last_written = now, out.events
                        if not quiet:
                            print(
                                f"  {out.events:,} events, {rate:,.0f}/s lately, "
                                f"RSS {out.samples[-1][2]:,.0f} MB (peak "
                                f"{out.samples[-1][3]:,.0f}), load {out.samples[-1][4]}",
                                file=sys.stderr,
                            )
            if batch:
                out.events += store.add(batch).events
            indexing = time.perf_counter()
        out.index_seconds = time.perf_counter() - indexing
    out.seconds = time.perf_counter() - started
    out.cpu_seconds = time.process_time() - cpu
    if not quiet:
        print(f"built {out.events:,} events in {out.seconds:.0f} s into {path}", file=sys.stderr)
    return out


def build_database(path: Path, total_events: int, *, quiet: bool = False) -> float:
    """Build as ``build`` does; return the events per second (``benchmarks/api_load.py``)."""
    return build(path, total_events, quiet=quiet).rate


def _queries(store: Store, rng: random.Random) -> dict[str, Callable[[], Any]]:
    """Name → a call with fresh random parameters each time."""
    from dateline.web import data as web_data

    ids = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY random() LIMIT 200")]
    docs = [
        r[0] for r in store.conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 200")
    ]

    def code() -> str:
        return rng.choice([f"{c} GOV" for c in COUNTRIES[:12]] + list(COUNTRIES[:12]))

    def month() -> tuple[str, str]:
        y, m = rng.randint(2024, 2026), rng.randint(1, 12)
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"

    def page(f: EventFilter, merged: bool = True) -> Callable[[], Any]:
        return lambda: store.events(f, 50, rng.choice((0, 0, 50, 500)), merged)

    return {
        "page (no filter)": lambda: page(EventFilter())(),
        "page, raw reports": lambda: page(EventFilter(), merged=False)(),
        "page --actor": lambda: page(EventFilter(actor=code()))(),
        "page --source --target": lambda: page(EventFilter(source=code(), target=code()))(),
        "page --type": lambda: page(EventFilter(type=rng.choice(TYPES)))(),
        "page --type --status": lambda: page(
            EventFilter(type=rng.choice(TYPES), status=rng.choice(STATUSES))
        )(),
        "page --since --until (1 month)": lambda: page(EventFilter(*((None,) * 6), *month()))(),
        "page --actor --type --since": lambda: page(
            EventFilter(actor=code(), type=rng.choice(TYPES), since=month()[0])
        )(),
        "page --place": lambda: page(EventFilter(place=rng.choice(PLACES)[0]))(),
        "page --text": lambda: page(EventFilter(text=rng.choice(VOCABULARY)))(),
        "page --text (2 words) --actor": lambda: page(
            EventFilter(text=" ".join(rng.sample(VOCABULARY, 2)), actor=code())
        )(),
        "count --actor --type": lambda: store.count_events(
            EventFilter(actor=code(), type=rng.choice(TYPES))
        ),
        "get_event": lambda: store.get_event(rng.choice(ids)),
        "get_document": lambda: store.get_document(rng.choice(docs)),
        "search (documents)": lambda: store.search(" ".join(rng.sample(VOCABULARY, 2)), 20),
        "timeline --by month --actor": lambda: store.timeline(EventFilter(actor=code()), "month"),
        "timeline --by week --classes (all)": lambda: store.timeline(
            EventFilter(), "week", classes=True
        ),
        "summary": store.summary,
        "overview page data (web)": lambda: web_data.overview(store, "week", TODAY),
        "actor page data (web)": lambda: web_data.actor_detail(store, code(), "week"),
        "dyads --since --until (1 month)": lambda: store.dyads(
            EventFilter(*((None,) * 6), *month()), limit=50
        ),
    }


def measure(path: Path, rounds: int, seed: int = 11) -> list[tuple[str, float, float]]:
    """(query, median ms, p95 ms) of each common query on the database at ``path``."""
    rng = random.Random(seed)
    results = []
    with Store.open(path, readonly=True) as store:
        for name, call in _queries(store, rng).items():
            call()  # warm the page cache for this access path
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results.append((name, statistics.median(times), p95))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="default: a temporary file")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time queries on an existing --db")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--same-process", action="store_true", help="time the queries in the building process"
    )
    parser.add_argument(
        "--budget", type=float, default=None, help="stop building after this many seconds"
    )
    args = parser.parse_args()
    folder = None
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="store-speed-"))
        args.db = folder / "speed.db"
    if not args.reuse:
        if args.db.exists():
            sys.exit(f"{args.db} exists; remove it, or pass --reuse to time queries on it")
        load = _load()
        made = build(args.db, args.events, budget=args.budget)
        print(
            f"ingest: {made.events:,} events at {made.rate:,.0f} events/s "
            f"({made.rate / EVENTS_PER_DOC:,.0f} articles/s; {made.seconds:,.0f} s, of which "
            f"{made.index_seconds:,.0f} s building the deferred indexes and "
            f"{made.making_seconds:,.0f} s generating articles; "
            f"load {load} at start, {_load()} at end)"
        )
        print(
            f"  in the store alone: {made.store_rate:,.0f} events/s; per CPU second of this "
            f"process: {made.cpu_rate:,.0f} events/s ({made.cpu_seconds:,.0f} s CPU)"
        )
        print(f"{'events':>12} {'events/s':>9} {'RSS MB':>8} {'peak MB':>8} {'load':>5}")
        for written, rate, rss, peak, at in made.samples:
            print(f"{written:>12,} {rate:>9,.0f} {rss:>8,.0f} {peak:>8,.0f} {at:>5}")
        if not args.same_process:
            # Time the queries in a new process, as a server started after the build
            # would run them (it also runs the query code as it is now, not as it was when a
            # long build began).
            command = [sys.executable, __file__, "--reuse", "--db", str(args.db)]
            sys.stdout.flush()
            subprocess.run([*command, "--rounds", str(args.rounds)], check=True)
            if folder is not None and not args.keep:
                shutil.rmtree(folder)
            return
    # A database built by an older version of this code is brought up to date first (the
    # schema migrations), as any writer would.
    Store.open(args.db).close()
    size = args.db.stat().st_size / 1e6
    with Store.open(args.db, readonly=True) as store:
        counts = store.conn.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events), "
            "(SELECT count(*) FROM documents)"
        ).fetchone()
    print(
        f"database: {counts[0]:,} events, {counts[1]:,} merged, {counts[2]:,} documents, "
        f"{size:,.0f} MB; load {_load()}"
    )
    print(f"{'query':<34} {'median ms':>10} {'p95 ms':>8}")
    worst = 0.0
    for name, median, p95 in measure(args.db, args.rounds):
        print(f"{name:<34} {median:>10.1f} {p95:>8.1f}")
        if name.startswith("page"):
            worst = max(worst, p95)
    aim = 50 if counts[0] <= 1_500_000 else 100  # issue 12: 50 ms at 1M, 100 ms at 10M
    verdict = "meets" if worst < aim else "misses"
    print(
        f"worst p95 of a filtered page: {worst:.1f} ms ({verdict} the {aim} ms aim); load {_load()}"
    )
    if folder is not None and not args.keep:
        shutil.rmtree(folder)
    elif args.keep:
        print(f"kept {args.db}", file=sys.stderr)


if __name__ == "__main__":
    main()
