"""A download whose client leaves stops being written (regression: at 1M events every
download the load benchmark closed after its first bytes went on to write a Parquet row
group of 10,000 events, half a second of processor, while other pages waited)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator

from dateline.web.downloads import until_closed


def test_a_cancelled_stream_sets_stop_and_its_chunk_ends_at_the_next_row() -> None:
    stop = threading.Event()
    made: list[int] = []

    def chunks() -> Iterator[bytes]:
        yield b"first"
        for row in range(1000):  # the next chunk: many slow rows
            if stop.is_set():
                return
            made.append(row)
            time.sleep(0.01)
        yield b"second"

    async def client_leaves_after_first_bytes() -> None:
        body = until_closed(chunks(), stop)

        async def read() -> None:
            async for _ in body:
                pass

        task = asyncio.create_task(read())
        await asyncio.sleep(0.1)  # the first chunk is sent, the second is being made
        task.cancel()
        started = time.perf_counter()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert time.perf_counter() - started < 0.5  # not waiting for the chunk's thread
        assert stop.is_set()

    asyncio.run(client_leaves_after_first_bytes())
    time.sleep(0.1)
    assert 0 < len(made) < 100  # the abandoned chunk saw ``stop`` and ended


def test_a_stream_read_to_its_end_gives_every_chunk() -> None:
    stop = threading.Event()

    async def read_all() -> list[bytes]:
        return [chunk async for chunk in until_closed(iter([b"a", b"b", b"c"]), stop)]

    assert asyncio.run(read_all()) == [b"a", b"b", b"c"]
    assert stop.is_set()
