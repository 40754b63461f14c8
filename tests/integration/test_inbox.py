"""The inbox's rows on SQLite and PostgreSQL: a key is kept once however many processes
receive it at the same moment; a row is taken over only after its lease ran out, by one
taker; a step is recorded once (the loser is told it was superseded); what a person
wrote is gone once the row is done, and done rows are pruned after a day."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import inbox
from storage.inbox import InboxRow, Superseded

pytestmark = pytest.mark.storage

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def keep(db, key: str = "view:V1:h1", at: datetime = NOW) -> int:
    row = inbox.receive(db.engine, "slack", key, '{"text": "Drop-outs in week 3"}', at, LEASE)
    assert row is not None
    return row


def test_a_key_is_kept_once_even_when_received_at_the_same_moment(db) -> None:
    def receive(_: int) -> int | None:
        return inbox.receive(db.engine, "slack", "action:T1:U1:dd_advance:1.2", "{}", NOW, LEASE)

    with ThreadPoolExecutor(8) as pool:
        rows = list(pool.map(receive, range(16)))
    assert len([r for r in rows if r is not None]) == 1


def test_requests_kept_together_in_one_insert_each_get_their_own_row(db) -> None:
    keep(db, "event:Ev0")
    requests = [("slack", f"event:Ev{i % 4}", f'{{"n": {i}}}') for i in range(8)]
    ids = inbox.receive_many(db.engine, requests, NOW, LEASE)
    assert sorted(ids) == ["event:Ev1", "event:Ev2", "event:Ev3"]  # Ev0 was kept before
    assert len(set(ids.values())) == 3
    with Session(db.engine) as session:
        payloads = session.scalars(select(InboxRow.payload).order_by(InboxRow.id)).all()
    assert payloads[1:] == ['{"n": 1}', '{"n": 2}', '{"n": 3}']  # the first of a key wins


def test_a_row_is_taken_over_only_after_its_lease_and_by_one_taker(db) -> None:
    row = keep(db)
    assert inbox.stale(db.engine, NOW + LEASE / 2, 10) == []
    assert inbox.take(db.engine, row, NOW + LEASE / 2, LEASE) is None  # still held
    later = NOW + LEASE + timedelta(seconds=1)
    assert inbox.stale(db.engine, later, 10) == [row]
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda _: inbox.take(db.engine, row, later, LEASE), range(8)))
    winners = [t for t in taken if t is not None]
    assert len(winners) == 1
    assert winners[0].attempts == 2 and winners[0].payload == '{"text": "Drop-outs in week 3"}'


def test_renewed_and_released_leases(db) -> None:
    row = keep(db)
    inbox.renew(db.engine, [row], NOW + LEASE, LEASE)  # the owner is alive
    assert inbox.stale(db.engine, NOW + LEASE + timedelta(seconds=1), 10) == []
    inbox.release(db.engine, [row], NOW)  # it stops: others may take the row at once
    assert inbox.stale(db.engine, NOW + timedelta(seconds=1), 10) == [row]


def test_a_step_is_recorded_once_with_its_outputs_and_the_plan(db) -> None:
    row = keep(db)
    inbox.record_step_alone(db.engine, row, 0, ["posted"], plan={"commands": ["add"]})
    with pytest.raises(Superseded):  # a second process got to the same step late
        inbox.record_step_alone(db.engine, row, 0, ["posted again"])
    taken = inbox.take(db.engine, row, NOW + 2 * LEASE, LEASE)
    assert taken is not None
    assert (taken.progress, taken.outbox, taken.sent) == (1, ["posted"], 0)
    assert taken.plan == {"commands": ["add"]}
    inbox.mark_sent(db.engine, row, 1)
    assert inbox.take(db.engine, row, NOW + 4 * LEASE, LEASE).sent == 1  # type: ignore[union-attr]


def test_a_done_row_keeps_its_key_but_not_what_was_written_and_goes_after_a_day(db) -> None:
    row = keep(db, at=NOW - timedelta(days=2))
    inbox.record_step_alone(db.engine, row, 0, ["posted"], plan={"commands": ["add"]})
    inbox.finish(db.engine, row, NOW - timedelta(days=2))
    kept = keep(db, "view:V2:h2")
    inbox.finish(db.engine, kept, NOW)
    with Session(db.engine) as session:
        done = session.scalars(select(InboxRow).order_by(InboxRow.id)).all()
        assert [(d.payload, d.plan, d.outbox) for d in done] == [("", None, None)] * 2
    assert inbox.receive(db.engine, "slack", "view:V2:h2", "{}", NOW, LEASE) is None  # a retry
    assert inbox.stale(db.engine, NOW + 3 * LEASE, 10) == []  # done rows are never taken
    assert inbox.prune(db.engine, NOW) == 1
    assert inbox.receive(db.engine, "slack", "view:V1:h1", "{}", NOW, LEASE) is not None
