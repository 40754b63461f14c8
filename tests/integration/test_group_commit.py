"""The inbox's writer threads (`bot.inbox_receiver`) on SQLite and PostgreSQL: each holds
one connection while it has work, instead of taking one from the pool for every batch on
the way to the acks, and a connection the database dropped under it (a server restart,
an administrator ending the session) is replaced, the batch written on the new one."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from bot.inbox_receiver import Finisher, Receiver
from storage.inbox import InboxRow

pytestmark = pytest.mark.storage

LEASE = timedelta(seconds=30)


def handed_out(engine: Any) -> list[Any]:
    """The DBAPI connections the engine's pool hands out, in order."""
    seen: list[Any] = []
    event.listen(engine, "checkout", lambda dbapi, _record, _proxy: seen.append(dbapi))
    return seen


def drop(db: Any, dbapi_connection: Any) -> None:
    """The database ends this connection, as a restarted server would."""
    if db.engine.dialect.name == "postgresql":
        admin = create_engine(db.url, poolclass=NullPool)  # not a connection of db.engine's
        try:
            with admin.connect() as conn:
                pid = dbapi_connection.info.backend_pid
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        finally:
            admin.dispose()
    else:
        dbapi_connection.close()


def keys(db: Any) -> list[str]:
    with Session(db.engine) as session:
        return list(session.scalars(select(InboxRow.key).order_by(InboxRow.id)))


def test_one_connection_is_held_for_batch_after_batch(db) -> None:
    connections = handed_out(db.engine)
    receiver, finisher = Receiver(db.engine, LEASE), Finisher(db.engine)

    async def one_after_another() -> list[int | None]:
        rows = [await receiver.receive("slack", f"event:Ev{i}", "{}") for i in range(5)]
        await finisher.finish(rows[0])  # type: ignore[arg-type]
        await finisher.finish(rows[1])  # type: ignore[arg-type]
        return rows

    rows = asyncio.run(one_after_another())
    assert len(set(rows)) == 5 and None not in rows
    assert len(connections) == 2  # one for the receiving thread, one for the finishing one
    with Session(db.engine) as session:
        done = session.scalar(select(func.count()).where(InboxRow.done_at.is_not(None)))
    assert done == 2


def test_a_batch_whose_held_connection_was_dropped_is_written_on_a_new_one(db) -> None:
    connections = handed_out(db.engine)
    receiver = Receiver(db.engine, LEASE)

    async def across_a_dropped_connection() -> tuple[int | None, int | None, int | None]:
        first = await receiver.receive("slack", "event:Ev1", "{}")
        drop(db, connections[-1])
        second = await receiver.receive("slack", "event:Ev2", "{}")
        again = await receiver.receive("slack", "event:Ev2", "{}")  # a retry: kept before
        return first, second, again

    first, second, again = asyncio.run(across_a_dropped_connection())
    assert first is not None and second is not None and first != second
    assert again is None
    assert len(connections) == 2  # the dropped one, and the one that replaced it
    assert keys(db) == ["event:Ev1", "event:Ev2"]
