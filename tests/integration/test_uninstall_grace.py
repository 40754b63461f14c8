"""Uninstall (issue 15), on SQLite and PostgreSQL: a workspace's groups frozen (archived
through the flows, their reminders cancelled) and thawed (brought back only when the freeze
archived them), and the daily job that deletes, by the runtime's clock, exactly the groups
frozen longer than DATADIALOG_UNINSTALL_GRACE_DAYS, each with its GROUP_DELETED row."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.main import Runtime, start_runtime
from bot.uninstall import (
    GRACE_JOB,
    Place,
    delete_expired,
    freeze_place,
    installed_again,
    schedule_grace_deletion,
)
from config.settings import Settings
from flows import service
from flows.audit import SLACK, AuditAction, ref
from flows.commands import CreateGroup
from flows.group_commands import ArchiveGroup
from flows.model import Level
from flows.reminder_plan import ReminderStatus
from storage.tables import GroupRow, MeetingRow, MemberRow
from tests.fakes import FixedClock
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

A = AuditAction
PENDING = frozenset({ReminderStatus.PENDING})


def _runtime(db: Database, clock: FixedClock, days: int = 30) -> Runtime:
    settings = Settings(database_url=db.url, uninstall_grace_days=days)  # type: ignore[call-arg]
    return start_runtime(settings, clock)


def _place(team: str) -> Place:
    return Place(SLACK, f"slack:{team}", ref(team=team))


def _create(runtime: Runtime, team: str, name: str = "Team Nord") -> int:
    cmd = CreateGroup(
        actor="U0LEA",
        name=name,
        level=Level.CITIZEN,
        leader=("U0LEA", "Lea"),
        participants=(("U0ALI", "Ali"),),
        channel=f"C{name[-4:].upper()}",
        workspace=f"slack:{team}",
    )
    service.handle(cmd, runtime.uow_factory(), runtime.clock, runtime.calendar)
    with runtime.uow_factory() as uow:
        group = uow.groups.by_name(name, f"slack:{team}")
        assert group is not None and group.id is not None
        return group.id


def _groups(db: Database) -> dict[int, tuple[object, object]]:
    """Every group's id -> (archived_at, frozen_at)."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(GroupRow.id, GroupRow.archived_at, GroupRow.frozen_at))
        return {gid: (archived, frozen) for gid, archived, frozen in rows}


def _audit(runtime: Runtime, *actions: AuditAction) -> list[tuple[int | None, str, str]]:
    with runtime.uow_factory() as uow:
        return [(e.group_id, e.action, e.reference) for e in uow.audit.list()
                if e.action in actions]  # fmt: skip


def _pending(runtime: Runtime, group_id: int) -> int:
    with runtime.uow_factory() as uow:
        return sum(1 for r in uow.reminders.list(statuses=PENDING) if r.group_id == group_id)


def test_freezing_archives_through_the_flows_and_a_thaw_brings_back_only_that(
    db: Database,
) -> None:
    clock = FixedClock()
    runtime = _runtime(db, clock)
    try:
        nord = _create(runtime, "T0NORD", "Team Nord")
        kept = _create(runtime, "T0NORD", "Team Syd")  # archived by its leader before
        other = _create(runtime, "T0VEST", "Team Vest")  # another workspace
        service.handle(ArchiveGroup("U0LEA", kept), runtime.uow_factory(), clock)
        archived_by_leader = _groups(db)[kept][0]
        assert _pending(runtime, nord) > 0

        clock.advance(hours=1)
        assert freeze_place(runtime, _place("T0NORD")) == [nord, kept]
        assert freeze_place(runtime, _place("T0NORD")) == []  # a second time: nothing more
        groups = _groups(db)
        assert groups[nord] == (clock.now(), clock.now())  # archived by the freeze, at its time
        assert groups[kept] == (archived_by_leader, clock.now())
        assert groups[other] == (None, None)
        assert _pending(runtime, nord) == 0  # cancelled as for any archive
        frozen = [(nord, A.GROUP_FROZEN, "team:T0NORD"), (kept, A.GROUP_FROZEN, "team:T0NORD")]
        assert _audit(runtime, A.GROUP_FROZEN) == frozen
        assert (nord, A.GROUP_ARCHIVED, "") in _audit(runtime, A.GROUP_ARCHIVED)

        clock.advance(days=3)
        assert installed_again(runtime, _place("T0NORD")) == [nord, kept]
        assert installed_again(runtime, _place("T0NORD")) == []
        groups = _groups(db)
        assert groups[nord] == (None, None)  # brought back: the freeze had archived it
        assert groups[kept] == (archived_by_leader, None)  # its leader's archive stays
        assert _pending(runtime, nord) > 0  # its reminders planned again
        thawed = [(nord, A.GROUP_THAWED, "team:T0NORD"), (kept, A.GROUP_THAWED, "team:T0NORD")]
        assert _audit(runtime, A.GROUP_THAWED) == thawed
        assert _audit(runtime, A.GROUP_UNARCHIVED) == [(nord, A.GROUP_UNARCHIVED, "")]
    finally:
        runtime.close()


def test_the_grace_period_job_deletes_exactly_the_groups_frozen_longer_than_it(
    db: Database,
) -> None:
    clock = FixedClock()
    runtime = _runtime(db, clock, days=30)
    try:
        teams = ("T0ONE", "T0TWO", "T0THREE", "T0THAW", "T0NEVER")
        ids = {team: _create(runtime, team, f"Team {team[2:]}") for team in teams}
        freeze_place(runtime, _place("T0ONE"))  # frozen at day 0
        clock.advance(days=1)
        freeze_place(runtime, _place("T0TWO"))  # day 1
        clock.advance(days=1)
        freeze_place(runtime, _place("T0THREE"))  # day 2
        freeze_place(runtime, _place("T0THAW"))
        clock.advance(days=1)
        installed_again(runtime, _place("T0THAW"))  # thawed within the grace period
        clock.advance(days=28)  # day 31: ONE frozen 31 days, TWO exactly 30, THREE 29

        assert asyncio.run(delete_expired(runtime)) == 1
        assert sorted(_groups(db)) == sorted(ids[t] for t in teams if t != "T0ONE")
        (deleted,) = _audit(runtime, A.GROUP_DELETED)
        assert deleted[:2] == (ids["T0ONE"], A.GROUP_DELETED)
        assert deleted[2].startswith("uninstalled:30d rows:")
        with db.engine.connect() as conn:  # removed whole: its meetings and members too
            for table in (MeetingRow.group_id, MemberRow.group_id):
                count = select(func.count()).where(table == ids["T0ONE"])
                assert conn.execute(count).scalar_one() == 0
        assert asyncio.run(delete_expired(runtime)) == 0  # nothing more is past it

        clock.advance(seconds=1)  # TWO is now past its 30 days
        assert asyncio.run(delete_expired(runtime)) == 1
        clock.advance(days=1)
        assert asyncio.run(delete_expired(runtime)) == 1  # THREE
        assert sorted(_groups(db)) == [ids["T0THAW"], ids["T0NEVER"]]
        assert [row[0] for row in _audit(runtime, A.GROUP_DELETED)] == [
            ids["T0ONE"], ids["T0TWO"], ids["T0THREE"],
        ]  # fmt: skip
    finally:
        runtime.close()


def test_the_job_is_on_the_scheduler_daily_and_runs_soon_after_start(db: Database) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    clock = FixedClock()
    runtime = _runtime(db, clock, days=0)
    gone = _create(runtime, "T0NORD")
    freeze_place(runtime, _place("T0NORD"))
    clock.advance(seconds=1)

    async def run() -> dict[int, tuple[object, object]]:
        scheduler = AsyncIOScheduler()
        schedule_grace_deletion(scheduler, runtime)
        scheduler.start()
        try:
            job = scheduler.get_job(GRACE_JOB)
            assert job.trigger.interval == timedelta(days=1)
            for _ in range(100):  # the first pass, about two seconds after start
                if gone not in await asyncio.to_thread(_groups, db):
                    break
                await asyncio.sleep(0.05)
            return await asyncio.to_thread(_groups, db)
        finally:
            scheduler.shutdown(wait=False)

    try:
        assert asyncio.run(run()) == {}
    finally:
        runtime.close()
