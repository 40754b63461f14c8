"""A group's retention periods (issue 15): its own, kept on its row
(`groups.retention_<kind>_days`, set with `datadialog group retention`), or where it has
none (NULL) the installation's defaults (`DATADIALOG_<KIND>_RETENTION_DAYS`).

Storage does not read the settings: the defaults come in as `Periods`, built by the bot.
A change of a group's own periods is committed with its `retention_changed` audit row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from flows.audit import AuditAction, AuditEntry, ref
from storage.audit import SqlAudit
from storage.tables import GroupRow

#: What is kept for a period, in the order it is shown and deleted.
KINDS = ("meetings", "measurements", "charts", "reminders")
#: Each kind's column on `groups` (migration 0018_retention_and_freezing).
COLUMNS = {
    "meetings": GroupRow.retention_meeting_days,
    "measurements": GroupRow.retention_measurement_days,
    "charts": GroupRow.retention_chart_days,
    "reminders": GroupRow.retention_reminder_days,
}
#: The shortest and longest period a group may set (config.governance.MAX_DAYS).
MIN_DAYS, MAX_DAYS = 1, 3650


@dataclass(frozen=True)
class Periods:
    """Days each kind is kept: meeting content (after the meeting's date), measurements
    (after their date; an earlier data set after it was replaced), chart images (after
    they were drawn) and closed reminder rows (after they were due or sent)."""

    meetings: int
    measurements: int
    charts: int
    reminders: int

    def days(self, kind: str) -> int:
        return int(getattr(self, kind))


@dataclass(frozen=True)
class GroupPeriods:
    """A group's own periods by kind (None: the default)."""

    group_id: int
    own: Mapping[str, int | None]

    def effective(self, defaults: Periods) -> Periods:
        chosen = {kind: days for kind, days in self.own.items() if days is not None}
        return replace(defaults, **chosen)


def _own(row: object) -> dict[str, int | None]:
    return {kind: getattr(row, column.key) for kind, column in COLUMNS.items()}


def all_periods(session: Session) -> list[GroupPeriods]:
    """Every group's own periods, by group id."""
    rows = session.execute(select(GroupRow.id, *COLUMNS.values()).order_by(GroupRow.id))
    return [GroupPeriods(row.id, _own(row)) for row in rows]


def group_periods(engine: Engine, group_id: int) -> GroupPeriods:
    """The group's own periods (every kind None when the group is not there)."""
    with Session(engine) as session:
        row = session.execute(
            select(GroupRow.id, *COLUMNS.values()).where(GroupRow.id == group_id)
        ).one_or_none()
    return GroupPeriods(group_id, _own(row) if row is not None else dict.fromkeys(KINDS))


def audit_reference(changes: Mapping[str, int | None]) -> str:
    """The changed kinds with their new days, or "default": numbers and fixed words only."""
    return ref(**{kind: "default" if days is None else days for kind, days in changes.items()})


def set_periods(
    engine: Engine,
    group_id: int,
    changes: Mapping[str, int | None],
    *,
    at: datetime,
    actor: str,
    platform: str,
) -> GroupPeriods:
    """Set the group's own periods for the kinds in `changes` (None: back to the default),
    with a `retention_changed` audit row in the same transaction; the periods after."""
    unknown = set(changes) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    for days in changes.values():
        if days is not None and not MIN_DAYS <= days <= MAX_DAYS:
            raise ValueError(f"days out of range: {days}")
    values = {COLUMNS[kind].key: days for kind, days in changes.items()}
    with Session(engine) as session, session.begin():
        session.execute(
            update(GroupRow)
            .where(GroupRow.id == group_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        reference = audit_reference({k: changes[k] for k in KINDS if k in changes})
        entry = AuditEntry(at, actor, platform, group_id, AuditAction.RETENTION_CHANGED, reference)
        SqlAudit(session).add(entry)
    return group_periods(engine, group_id)
