"""Retention (issue 15): one pass deletes, group by group, what is past the group's own
periods (or the defaults), and records it in the audit log.

What goes, per group and kind (`storage.retention_periods.KINDS`):

- **meetings**: closed and cancelled meetings whose date (`scheduled_at`) is older than
  the period, with everything said in them (their child rows and chart images go by the
  database's ON DELETE CASCADE; so do later meetings' reviews of their actions) and their
  reminder rows. Never an open or planned meeting, never the group's latest closed meeting
  (the agreement paper the next meeting starts from), and never its newest meeting of
  all, so meeting numbers are never given out twice;
- **measurements**: see `storage.retention_measurements`;
- **charts**: chart images drawn more than the period ago: those of a meeting by the
  meeting's group's period, those drawn for no meeting by the default (no group);
- **reminders**: closed reminder rows (sent, failed for good, expired, skipped,
  cancelled) due and sent more than the period ago (`storage.reminder_queue.closed_before`).
- **ratings** (the offer level, issue 17): the offers' core-element ratings, by the default
  measurement period, with no group (`storage.retention_ratings`).

**Batches.** Each kind is deleted `batch` rows at a time, each batch its own short
transaction, so a large backlog never holds a long lock or a long transaction. A batch
takes one row more than it deletes, to know whether it is the last.

**The audit row** (`retention_deleted`, one per group and kind that deleted anything,
counts only: `kind:meetings rows:3`) is added in the transaction of the kind's last
batch: it is committed with the last of what it records, so a finished kind always has
its row. A pass stopped between batches (the process ended) leaves its earlier batches
without a row; the next pass deletes and records the rest. A second pass right after
a first finds nothing and writes nothing. Two processes running a pass at once delete
each row once (a row already gone counts nowhere).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, select
from sqlalchemy.orm import Session

from flows.audit import SYSTEM, AuditAction, AuditEntry, ref
from flows.commands import SYSTEM_ACTOR
from flows.steps import FINAL_STEPS, Step
from storage.audit import SqlAudit
from storage.chart_images import ChartImageRow
from storage.reminder_queue import closed_before
from storage.reminder_tables import ReminderRow
from storage.retention_measurements import IN_LIST, MeasurementRetention
from storage.retention_periods import KINDS, Periods, all_periods
from storage.retention_ratings import drop_ratings, pick_ratings  # offer level (issue 17)
from storage.tables import MeetingRow

#: Picks up to `n` keys of rows to delete (in a batch's session).
Pick = Callable[[Session, int], Sequence[Any]]


@dataclass
class RetentionReport:
    """What one pass deleted: rows by (group id, kind); chart images drawn for no meeting
    under group None. `versions`: earlier data sets deleted whole, by group id."""

    deleted: dict[tuple[int | None, str], int] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)

    def total(self, kind: str) -> int:
        return sum(n for (_, k), n in self.deleted.items() if k == kind)

    def totals(self) -> dict[str, int]:
        return {kind: self.total(kind) for kind in KINDS}


@dataclass
class _Kind:
    """One kind's deletion for one group: `pick` keys, `drop` them (how many rows went);
    `finish` runs in the last batch and returns further counts for the audit row."""

    name: str
    pick: Pick
    drop: Callable[[Session, Sequence[Any]], int]
    finish: Callable[[Session], dict[str, int]] = lambda _session: {}


@dataclass(frozen=True)
class _Pass:
    engine: Engine
    now: datetime
    batch: int
    actor: str
    platform: str

    def drain(self, group_id: int | None, kind: _Kind) -> tuple[int, dict[str, int]]:
        """Delete in batches until nothing is left; (rows deleted, the finish's counts)."""
        total = 0
        while True:
            with Session(self.engine) as session, session.begin():
                keys = kind.pick(session, self.batch + 1)
                total += kind.drop(session, keys[: self.batch])
                if len(keys) > self.batch:
                    continue  # commits this batch; more to come
                more = kind.finish(session)
                if total or any(more.values()):
                    reference = ref(kind=kind.name, rows=total, **more)
                    action = AuditAction.RETENTION_DELETED
                    entry = AuditEntry(self.now, self.actor, self.platform, group_id, action,
                                       reference)  # fmt: skip
                    SqlAudit(session).add(entry)
                return total, more


def run_retention(
    engine: Engine,
    now: datetime,
    defaults: Periods,
    batch: int,
    *,
    actor: str = SYSTEM_ACTOR,
    platform: str = SYSTEM,
) -> RetentionReport:
    """One pass over every group (frozen ones too): delete what is past its periods."""
    if batch < 1:
        raise ValueError("a batch deletes at least one row")
    run = _Pass(engine, now, batch, actor, platform)
    report = RetentionReport()
    with Session(engine) as session:
        groups = all_periods(session)
    for group in groups:
        periods = group.effective(defaults)
        gid = group.group_id
        for kind in _kinds(gid, periods, now):
            rows, more = run.drain(gid, kind)
            if rows:
                report.deleted[(gid, kind.name)] = rows
            if more.get("versions"):
                report.versions[gid] = more["versions"]
    rows, _ = run.drain(None, _charts_without_meeting(now - timedelta(days=defaults.charts)))
    if rows:
        report.deleted[(None, "charts")] = rows
    # The offers' core-element ratings (issue 17): by the default measurement period.
    ratings = _Kind("ratings", pick_ratings(now - timedelta(days=defaults.measurements)),
                    drop_ratings)  # fmt: skip
    rows, _ = run.drain(None, ratings)
    if rows:
        report.deleted[(None, "ratings")] = rows
    return report


def _kinds(group_id: int, periods: Periods, now: datetime) -> list[_Kind]:
    def cutoff(kind: str) -> datetime:
        return now - timedelta(days=periods.days(kind))

    measurements = MeasurementRetention(group_id, cutoff("measurements"))
    return [
        _meetings(group_id, cutoff("meetings")),
        _Kind("measurements", measurements.pick, measurements.drop, measurements.finish),
        _charts(group_id, cutoff("charts")),
        _reminders(group_id, cutoff("reminders")),
    ]


def _drop_by(column: Any) -> Callable[[Session, Sequence[Any]], int]:
    """Delete the rows of `column`'s table whose `column` is one of the keys, `IN_LIST`
    keys per statement (a large batch stays within the drivers' limit of parameters)."""

    def drop(session: Session, keys: Sequence[Any]) -> int:
        gone = 0
        for start in range(0, len(keys), IN_LIST):
            chunk = list(keys[start : start + IN_LIST])
            statement = delete(column.class_).where(column.in_(chunk))
            done = session.execute(statement.execution_options(synchronize_session=False))
            gone += int(getattr(done, "rowcount", 0) or 0)
        return gone

    return drop


def _keys(session: Session, column: Any, n: int, *where: ColumnElement[bool]) -> list[Any]:
    return list(session.scalars(select(column).where(*where).order_by(column).limit(n)))


# Meetings ---------------------------------------------------------------------------------


def _kept_meetings(session: Session, group_id: int) -> list[int]:
    """The group's latest closed meeting and its newest meeting: never deleted here."""
    newest = select(MeetingRow.id).where(MeetingRow.group_id == group_id)
    newest = newest.order_by(MeetingRow.number.desc()).limit(1)
    closed = newest.where(MeetingRow.step == Step.CLOSED.value)
    return [i for i in (session.scalar(newest), session.scalar(closed)) if i is not None]


def _meetings(group_id: int, cutoff: datetime) -> _Kind:
    final = [step.value for step in sorted(FINAL_STEPS)]

    def pick(session: Session, n: int) -> list[Any]:
        kept = _kept_meetings(session, group_id)
        return _keys(session, MeetingRow.id, n, MeetingRow.group_id == group_id,
                     MeetingRow.step.in_(final), MeetingRow.scheduled_at < cutoff,
                     MeetingRow.id.not_in(kept))  # fmt: skip

    delete_meetings = _drop_by(MeetingRow.id)

    def drop(session: Session, ids: Sequence[Any]) -> int:
        for start in range(0, len(ids), IN_LIST):
            chunk = list(ids[start : start + IN_LIST])
            session.execute(
                delete(ReminderRow)
                .where(ReminderRow.group_id == group_id, ReminderRow.meeting_id.in_(chunk))
                .execution_options(synchronize_session=False)
            )
        return delete_meetings(session, ids)

    return _Kind("meetings", pick, drop)


# Chart images and reminder rows ---------------------------------------------------------


def _charts(group_id: int, cutoff: datetime) -> _Kind:
    of_group = select(MeetingRow.id).where(MeetingRow.group_id == group_id)

    def pick(session: Session, n: int) -> list[Any]:
        return _keys(session, ChartImageRow.key, n, ChartImageRow.meeting_id.in_(of_group),
                     ChartImageRow.created_at < cutoff)  # fmt: skip

    return _Kind("charts", pick, _drop_by(ChartImageRow.key))


def _charts_without_meeting(cutoff: datetime) -> _Kind:
    def pick(session: Session, n: int) -> list[Any]:
        return _keys(session, ChartImageRow.key, n, ChartImageRow.meeting_id.is_(None),
                     ChartImageRow.created_at < cutoff)  # fmt: skip

    return _Kind("charts", pick, _drop_by(ChartImageRow.key))


def _reminders(group_id: int, cutoff: datetime) -> _Kind:
    def pick(session: Session, n: int) -> list[Any]:
        return _keys(session, ReminderRow.id, n, ReminderRow.group_id == group_id,
                     closed_before(cutoff))  # fmt: skip

    return _Kind("reminders", pick, _drop_by(ReminderRow.id))
