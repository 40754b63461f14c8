"""Group commit for the inbox: requests arriving together are kept together, and
requests finished together are marked done together.

`Inbox.receive` is on the way to every ack. Each request waiting while a batch is written
goes into the next batch: one INSERT and one commit for all of them
(`storage.inbox.receive_many`), on a thread of its own so it never queues behind the
work after the acks. A burst is acknowledged at the pace of a few commits, not one per
request. `Finisher` does the same for the last write of each request (`finish_many`).
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from storage import inbox as rows


class Receiver:
    """Group commit for `Inbox.receive`, on a writer thread of its own: it takes every
    request waiting, writes them in one batch, hands the row ids back to the event loop
    and goes straight on to the next batch. Batches follow each other without a turn of
    the event loop in between, which under load is what an ack waited for most."""

    IDLE_SECONDS = 5.0  # the thread ends after this long without a request

    def __init__(self, engine: Engine, lease: timedelta) -> None:
        self.engine, self.lease = engine, lease
        self._queue: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._writing = False

    async def receive(self, platform: str, key: str, payload: str) -> int | None:
        loop = asyncio.get_running_loop()
        kept: asyncio.Future[int | None] = loop.create_future()
        with self._lock:
            self._queue.put(_Waiting(platform, key, payload, loop, kept))
            if not self._writing:
                self._writing = True
                threading.Thread(target=self._write, name="inbox-receive", daemon=True).start()
        return await kept

    def _write(self) -> None:
        while True:
            try:
                batch = [self._queue.get(timeout=self.IDLE_SECONDS)]
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._writing = False
                        return
                continue
            with contextlib.suppress(queue.Empty):
                while True:
                    batch.append(self._queue.get_nowait())
            requests = [(w.platform, w.key, w.payload) for w in batch]
            try:
                ids: dict[str, int] | BaseException = rows.receive_many(
                    self.engine, requests, datetime.now(UTC), self.lease
                )
            except Exception as exc:  # the database is gone: no request is acknowledged
                ids = exc
            for loop in {w.loop for w in batch}:
                mine = [w for w in batch if w.loop is loop]
                with contextlib.suppress(RuntimeError):  # that loop is closed: nobody waits
                    loop.call_soon_threadsafe(_settle, mine, ids)


@dataclass(frozen=True)
class _Waiting:
    platform: str
    key: str
    payload: str
    loop: asyncio.AbstractEventLoop
    kept: asyncio.Future[int | None]


def _settle(batch: list[_Waiting], ids: dict[str, int] | BaseException) -> None:
    """On the event loop: each request's row id (None: kept before), or the write's error."""
    fresh = dict(ids) if isinstance(ids, dict) else {}
    for waiting in batch:
        if waiting.kept.done():  # its request was given up on (the client went away)
            continue
        if isinstance(ids, BaseException):
            waiting.kept.set_exception(ids)
        else:
            waiting.kept.set_result(fresh.pop(waiting.key[:400], None))  # a key twice: the first


class Finisher:
    """Group commit for `Inbox.finish`: rows finished while a batch is written go in the
    next one (one UPDATE, one commit)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="inbox-finish")

    async def finish(self, row_id: int) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((row_id, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        await done

    async def _write(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch, self._waiting = self._waiting, []
            ids, now = [row_id for row_id, _ in batch], datetime.now(UTC)
            try:
                await loop.run_in_executor(self._thread, rows.finish_many, self.engine, ids, now)
            except Exception as exc:  # left unfinished: taken over later
                for _, done in batch:
                    done.set_exception(exc)
                continue
            for _, done in batch:
                done.set_result(None)
