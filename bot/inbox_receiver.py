"""Group commit for the inbox: requests arriving together are kept together, and
requests finished together are marked done together.

`Inbox.receive` is on the way to every ack. Each request waiting while a batch is written
goes into the next batch: one INSERT and one commit for all of them
(`storage.inbox.receive_many`). `Inbox`'s last write of each request is batched the same
way (`finish_many`). Each runs on a writer thread of its own (`GroupCommit`), so it never
queues behind the work after the acks: the thread takes every item waiting, writes them
in one batch, hands the results back to the event loop and goes straight on to the next
batch, without a turn of the event loop in between (under load, what an ack waited for
most). A burst is acknowledged at the pace of a few commits, not one per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from storage import inbox as rows

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class _Waiting(Generic[T, R]):
    item: T
    loop: asyncio.AbstractEventLoop
    result: asyncio.Future[R]


class GroupCommit(Generic[T, R]):
    """`write` (a connection and a batch of items -> one result per item, in order) on a
    thread of its own, with a connection of its own.

    The thread holds its connection while it has work: taking one from the pool and
    giving it back for each batch (and, on PostgreSQL, its pre-ping) cost as much as the
    write itself, on the way to every ack. A connection found broken (the database server
    restarted) is replaced and the batch written again; nothing was committed on it."""

    IDLE_SECONDS = 5.0  # the thread ends after this long without an item, closing its connection

    def __init__(
        self, engine: Engine, write: Callable[[Connection, list[T]], Sequence[R]], name: str
    ) -> None:
        self._engine, self._write_batch, self._name = engine, write, name
        self._queue: queue.SimpleQueue[_Waiting[T, R]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._writing = False

    async def submit(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        result: asyncio.Future[R] = loop.create_future()
        with self._lock:
            self._queue.put(_Waiting(item, loop, result))
            if not self._writing:
                self._writing = True
                threading.Thread(target=self._write, name=self._name, daemon=True).start()
        return await result

    def _write(self) -> None:
        held = _Held(self._engine)
        try:
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
                items = [w.item for w in batch]
                try:
                    results: Sequence[R] | BaseException = held.write(self._write_batch, items)
                except Exception as exc:  # the database is gone: nothing is acknowledged
                    results = exc
                for loop in {w.loop for w in batch}:
                    mine = [(i, w) for i, w in enumerate(batch) if w.loop is loop]
                    with contextlib.suppress(RuntimeError):  # that loop is closed: nobody waits
                        loop.call_soon_threadsafe(_settle, mine, results)
        finally:
            held.close()


class _Held:
    """A writer thread's own connection, taken when first needed."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None

    def write(
        self, write: Callable[[Connection, list[T]], Sequence[R]], items: list[T]
    ) -> Sequence[R]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self.engine.connect()
            try:
                return write(self.conn, items)
            except DBAPIError as error:
                self.close()
                if attempt == 2 or not error.connection_invalidated:
                    raise
            except Exception:
                self.close()
                raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):  # a connection already broken
                self.conn.close()
            self.conn = None


def _settle(batch: list[tuple[int, _Waiting[T, R]]], results: Sequence[R] | BaseException) -> None:
    """On the event loop: each item's result, or the write's error."""
    for index, waiting in batch:
        if waiting.result.done():  # its request was given up on (the client went away)
            continue
        if isinstance(results, BaseException):
            waiting.result.set_exception(results)
        else:
            waiting.result.set_result(results[index])


class Receiver:
    """Group commit for `Inbox.receive`: each request's new row id, or None when its key
    was kept before (or came twice in one batch: the first wins)."""

    def __init__(self, engine: Engine, lease: timedelta) -> None:
        self.engine, self.lease = engine, lease
        self._commit: GroupCommit[tuple[str, str, str], int | None] = GroupCommit(
            engine, self._receive_many, "inbox-receive"
        )

    async def receive(self, platform: str, key: str, payload: str) -> int | None:
        return await self._commit.submit((platform, key, payload))

    def _receive_many(
        self, conn: Connection, requests: list[tuple[str, str, str]]
    ) -> list[int | None]:
        ids = rows.receive_many(conn, requests, datetime.now(UTC), self.lease)
        return [ids.pop(key[:400], None) for _, key, _ in requests]


class Finisher:
    """Group commit for `Inbox.finish`: one UPDATE and one commit for the rows waiting."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._commit: GroupCommit[int, None] = GroupCommit(
            engine, self._finish_many, "inbox-finish"
        )

    async def finish(self, row_id: int) -> None:
        await self._commit.submit(row_id)

    def _finish_many(self, conn: Connection, row_ids: list[int]) -> list[None]:
        rows.finish_many(conn, row_ids, datetime.now(UTC))
        return [None] * len(row_ids)
