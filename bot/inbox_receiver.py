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
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from storage import inbox as rows


class Receiver:
    """Group commit for `Inbox.receive`: whoever waits while a batch is written goes in
    the next one."""

    def __init__(self, engine: Engine, lease: timedelta) -> None:
        self.engine, self.lease = engine, lease
        self._waiting: list[tuple[str, str, str, asyncio.Future[int | None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="inbox-receive")

    async def receive(self, platform: str, key: str, payload: str) -> int | None:
        kept: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((platform, key, payload, kept))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await kept

    async def _write(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch, self._waiting = self._waiting, []
            requests = [(platform, key, payload) for platform, key, payload, _ in batch]
            now = datetime.now(UTC)
            try:
                ids = await loop.run_in_executor(
                    self._thread, rows.receive_many, self.engine, requests, now, self.lease
                )
            except Exception as exc:  # the database is gone: no request is acknowledged
                for *_, kept in batch:
                    if not kept.done():
                        kept.set_exception(exc)
                continue
            for _, key, _, kept in batch:
                if not kept.done():
                    kept.set_result(ids.pop(key[:400], None))  # a key twice: the first wins


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
