"""The inbox: every Slack request and Teams activity, kept before it is acknowledged.

One row per request, under its natural key (Slack's event id, a button press's
action ts, a modal's view hash, a Teams activity id): the same row is the dedupe
claim, so a retried request finds it and changes nothing. A row is worked on by
the process that holds its lease; a process that dies leaves the lease to run out
and another process (or the restarted one) takes the row over.

Working a row is a few steps, each recorded on the row so that a take-over
continues where the dead process stopped and never applies anything twice:
- `plan`: the commands the request stands for and where to answer, fixed with the
  first step;
- for each command, `progress` moves on in the same transaction as the change the
  command makes (`record_step`, with a version check), and the command's outputs are
  kept as the row's `outbox`;
- `sent` counts the outbox's outputs delivered; a take-over delivers the rest;
- `done_at` ends it; what the person wrote (payload, plan, outbox) is cleared then.

The plan and outbox are pickled: they are written and read only by this program's
own processes, and a row lives minutes, not across releases.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    LargeBinary,
    String,
    Text,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.keys import insert
from storage.tables import Base

#: Done rows are kept this long so that a retry (Slack: about an hour) is recognised.
KEEP_DONE = timedelta(days=1)


class InboxRow(Base):
    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # the request as received (JSON)
    received_at: Mapped[datetime] = mapped_column(index=True)
    lease_until: Mapped[datetime] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=1)
    plan: Mapped[bytes | None] = mapped_column(LargeBinary)
    progress: Mapped[int] = mapped_column(default=0)
    outbox: Mapped[bytes | None] = mapped_column(LargeBinary)
    sent: Mapped[int] = mapped_column(default=0)
    done_at: Mapped[datetime | None] = mapped_column(index=True)


class Superseded(Exception):
    """Another process recorded this step of the row first (it took the row over)."""


@dataclass(frozen=True)
class Item:
    """A row as a worker sees it when it takes it (over)."""

    id: int
    platform: str
    payload: str
    received_at: datetime
    attempts: int
    plan: Any | None
    progress: int
    outbox: list[Any]
    sent: int


def _item(row: InboxRow) -> Item:
    return Item(
        id=row.id,
        platform=row.platform,
        payload=row.payload,
        received_at=row.received_at,
        attempts=row.attempts,
        plan=pickle.loads(row.plan) if row.plan else None,
        progress=row.progress,
        outbox=pickle.loads(row.outbox) if row.outbox else [],
        sent=row.sent,
    )


def receive(
    engine: Engine, platform: str, key: str, payload: str, now: datetime, lease: timedelta
) -> int | None:
    """Keep a new request, leased to the caller: its row id, or None if `key` is known."""
    return receive_many(engine, [(platform, key, payload)], now, lease).get(key[:400])


def receive_many(
    bind: Engine | Connection,
    requests: list[tuple[str, str, str]],
    now: datetime,
    lease: timedelta,
) -> dict[str, int]:
    """Keep several new requests (platform, key, payload) in one INSERT and one commit:
    the row id of each key that was new (a key kept before, or twice here, is absent).
    `bind`: an engine, or a connection held by the caller (a writer thread's own) with
    no transaction open."""
    table = InboxRow.__table__
    values, seen = [], set()
    for platform, key, payload in requests:
        if key[:400] in seen:
            continue
        seen.add(key[:400])
        values.append(
            {"key": key[:400], "platform": platform, "payload": payload, "received_at": now,
             "lease_until": now + lease, "attempts": 1, "progress": 0, "sent": 0}
        )  # fmt: skip
    if not values:
        return {}
    stmt = (
        insert(bind, table)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(table.c.key, table.c.id)
    )  # one statement for any number of rows: compiled once, sent as one (insertmanyvalues)
    with _transaction(bind) as conn:
        return {str(key): int(row_id) for key, row_id in conn.execute(stmt, values)}


@contextlib.contextmanager
def _transaction(bind: Engine | Connection) -> Iterator[Connection]:
    """One transaction, committed at the end: on a new connection from the engine's pool,
    or on the caller's own connection."""
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            yield conn
    else:
        with bind.begin():
            yield bind


def take(engine: Engine, row_id: int, now: datetime, lease: timedelta) -> Item | None:
    """Take a row whose lease ran out (and which is not done); None if someone else has it."""
    with Session(engine) as session, session.begin():
        lapsed = (
            update(InboxRow)
            .where(InboxRow.id == row_id, InboxRow.done_at.is_(None))
            .where(InboxRow.lease_until < now)
            .values(lease_until=now + lease, attempts=InboxRow.attempts + 1)
        )
        taken = session.connection().execute(lapsed).rowcount
        if taken != 1:
            return None
        return _item(session.get_one(InboxRow, row_id))


def take_key(engine: Engine, key: str, now: datetime, lease: timedelta) -> Item | None:
    """`take` by the request's key (a platform that retries a request it got no answer to)."""
    with Session(engine) as session:
        row_id = session.scalar(select(InboxRow.id).where(InboxRow.key == key[:400]))
    return None if row_id is None else take(engine, row_id, now, lease)


def is_done(engine: Engine, key: str) -> bool | None:
    """Whether the request with `key` is done; None when no row has that key."""
    with Session(engine) as session:
        found = session.execute(select(InboxRow.done_at).where(InboxRow.key == key[:400])).first()
    return None if found is None else found[0] is not None


def forget(engine: Engine, row_id: int) -> None:
    """Drop a row no step was recorded on: the request was never answered, and the
    platform's own retry of it is then received as new."""
    with engine.begin() as conn:
        conn.execute(
            delete(InboxRow).where(
                InboxRow.id == row_id, InboxRow.progress == 0, InboxRow.done_at.is_(None)
            )
        )


def stale(engine: Engine, now: datetime, limit: int) -> list[int]:
    """Rows not done whose lease ran out: their process died or gave up."""
    with Session(engine) as session:
        query = (
            select(InboxRow.id)
            .where(InboxRow.done_at.is_(None), InboxRow.lease_until < now)
            .order_by(InboxRow.id)
            .limit(limit)
        )
        return list(session.scalars(query))


# Statements on a list of rows are built once: `InboxRow.id.in_(a_list)` built per call
# leaves a reference cycle behind each time (see storage.child_rows), and these run for
# every request.
_ROWS = InboxRow.id.in_(bindparam("rows", expanding=True))
_UNFINISHED = (_ROWS, InboxRow.done_at.is_(None))
_LEASE_UNFINISHED = update(InboxRow).where(*_UNFINISHED).values(lease_until=bindparam("until"))
_FINISH = (
    update(InboxRow)
    .where(_ROWS)
    .values(done_at=bindparam("done"), payload="", plan=None, outbox=None)
)


def renew(engine: Engine, row_ids: list[int], now: datetime, lease: timedelta) -> None:
    """Keep the leases of the rows this process is working on."""
    if not row_ids:
        return
    with engine.begin() as conn:
        conn.execute(_LEASE_UNFINISHED, {"rows": row_ids, "until": now + lease})


def record_step(
    session: Session, row_id: int, step: int, outputs: list[Any], plan: Any | None = None
) -> None:
    """In the caller's transaction: step `step` is done and these outputs follow it (and,
    with the first step, the plan is fixed). Raises `Superseded` when the row is not at
    that step any more: another process took it over and got there first."""
    values: dict[str, Any] = {"progress": step + 1, "outbox": pickle.dumps(list(outputs))}
    if plan is not None:
        values["plan"] = pickle.dumps(plan)
    at_step = (
        update(InboxRow)
        .where(InboxRow.id == row_id, InboxRow.progress == step)
        .values(sent=0, **values)
    )
    moved = session.connection().execute(at_step).rowcount
    if moved != 1:
        raise Superseded(f"inbox row {row_id} is past step {step}")


def record_step_alone(
    engine: Engine, row_id: int, step: int, outputs: list[Any], plan: Any | None = None
) -> None:
    """`record_step` in a transaction of its own (a step that changed nothing)."""
    with Session(engine) as session, session.begin():
        record_step(session, row_id, step, outputs, plan)


def release(engine: Engine, row_ids: list[int], now: datetime) -> None:
    """Give up the leases of rows a stopping process did not finish: others take them now."""
    with engine.begin() as conn:
        conn.execute(_LEASE_UNFINISHED, {"rows": row_ids, "until": now})


def mark_sent(engine: Engine, row_id: int, sent: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(InboxRow).where(InboxRow.id == row_id).values(sent=sent))


def finish(engine: Engine, row_id: int, now: datetime) -> None:
    """Done: the key stays (a retry is still recognised), what was written goes."""
    finish_many(engine, [row_id], now)


def finish_many(bind: Engine | Connection, row_ids: list[int], now: datetime) -> None:
    """`finish` for several rows in one statement and one commit (`bind` as in
    `receive_many`)."""
    with _transaction(bind) as conn:
        conn.execute(_FINISH, {"rows": row_ids, "done": now})


def prune(engine: Engine, now: datetime) -> int:
    """Forget done rows older than `KEEP_DONE`; returns how many went."""
    with engine.begin() as conn:
        gone = conn.execute(delete(InboxRow).where(InboxRow.done_at < now - KEEP_DONE))
        return gone.rowcount or 0
