"""Repositories implementing `flows.ports` on one SQLAlchemy session.

A meeting is saved with optimistic concurrency: one `UPDATE ... WHERE id = :id
AND version = :seen` that also bumps the version. When it matches no row,
someone else saved first and `ConcurrentChange` tells the service to re-run or
refuse. Only then are the child rows synchronised, inside the same transaction.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, select, update
from sqlalchemy.orm import Session

from flows.errors import ConcurrentChange
from flows.model import Group, Meeting
from flows.steps import DIALOGUE_STEPS, Step
from storage.child_fields import CHILDREN, sync_children
from storage.child_rows import load_children
from storage.group_schedules import schedule_row, schedule_values
from storage.mapping import (
    group_columns,
    group_from_row,
    meeting_columns,
    meeting_from_row,
    member_fields,
)
from storage.tables import GroupRow, MeetingRow, MemberRow

_MEETING_CHILDREN = list(CHILDREN)
_GROUP_CHILDREN = ["members", "schedule"]
_GROUPS = select(GroupRow)


class SqlGroups:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _one(self, query: Select[GroupRow]) -> Group | None:
        row = self.session.scalar(query)
        if row is None:
            return None
        load_children(self.session, [row], _GROUP_CHILDREN)
        return group_from_row(row)

    def get(self, group_id: int) -> Group | None:
        return self._one(_GROUPS.where(GroupRow.id == group_id))

    def by_name(self, name: str, workspace: str = "") -> Group | None:
        return self._one(_GROUPS.where(GroupRow.name == name, GroupRow.workspace == workspace))

    def by_channel(self, workspace: str, channel: str) -> Group | None:
        return self._one(
            _GROUPS.where(GroupRow.workspace == workspace, GroupRow.channel == channel)
            .order_by(GroupRow.id)
            .limit(1)
        )

    def add(self, group: Group) -> None:
        row = GroupRow(**group_columns(group))
        row.schedule = schedule_row(group)
        row.members = [MemberRow(**fields) for fields in member_fields(group)]
        self.session.add(row)
        self.session.flush()
        group.id = row.id

    def list(self) -> list[Group]:
        rows = list(self.session.scalars(_GROUPS.order_by(GroupRow.id)))
        load_children(self.session, rows, _GROUP_CHILDREN)
        return [group_from_row(row) for row in rows]

    # Group changes (issue 14)
    def save(self, group: Group) -> None:
        """Bring the stored group in line with `group`: its columns, its member rows (by
        user id: changed in place, added, deleted) and its schedule row (changed in place)."""
        row = self.session.get(GroupRow, group.id)
        assert row is not None, "save() is for stored groups; use add()"
        if any(name not in row.__dict__ for name in _GROUP_CHILDREN):
            load_children(self.session, [row], _GROUP_CHILDREN)
        for name, value in group_columns(group).items():
            setattr(row, name, value)
        row.members = sync_children(row.members, member_fields(group), MemberRow, ("user_id",))
        if row.schedule is None:
            row.schedule = schedule_row(group)
        else:
            for name, value in schedule_values(group).items():
                setattr(row.schedule, name, value)
        self.session.flush()


class SqlMeetings:
    def __init__(self, session: Session) -> None:
        self.session = session
        # The rows meetings were loaded from, held so `save` finds them: the session's
        # identity map holds rows weakly, and a row collected after `get` had `save` read
        # the meeting and its twelve kinds of children again (bench/slack_ack.py).
        self._loaded: dict[int, MeetingRow] = {}

    def _one(self, *where: ColumnElement[bool]) -> Meeting | None:
        query = select(MeetingRow).where(*where)
        row = self.session.scalar(
            query.order_by(MeetingRow.number.desc())
            .limit(1)
            .execution_options(populate_existing=True)
        )
        if row is None:
            return None
        load_children(self.session, [row], _MEETING_CHILDREN)
        self._loaded[row.id] = row
        return meeting_from_row(row)

    def get(self, meeting_id: int) -> Meeting | None:
        return self._one(MeetingRow.id == meeting_id)

    def add(self, meeting: Meeting) -> None:
        row = MeetingRow(version=meeting.version, **meeting_columns(meeting))
        for name, (row_type, _key, fields_of) in CHILDREN.items():
            setattr(row, name, [row_type(**fields) for fields in fields_of(meeting)])
        self.session.add(row)
        self.session.flush()
        meeting.id = row.id

    def save(self, meeting: Meeting) -> None:
        assert meeting.id is not None, "save() is for stored meetings; use add()"
        # An UPDATE without RETURNING gives a CursorResult (typed as a plain Result).
        bumped = cast(
            "CursorResult[Any]",
            self.session.execute(
                update(MeetingRow)
                .where(MeetingRow.id == meeting.id, MeetingRow.version == meeting.version)
                .values(version=meeting.version + 1, **meeting_columns(meeting))
                .execution_options(synchronize_session=False)
            ),
        )
        if bumped.rowcount != 1:
            raise ConcurrentChange(meeting.id)
        # The rows this session loaded the meeting from are still what is stored (the
        # version matched), so they are synchronised without being read again.
        row = self._loaded.get(meeting.id) or self.session.get(MeetingRow, meeting.id)
        assert row is not None
        if any(name not in row.__dict__ for name in _MEETING_CHILDREN):
            load_children(self.session, [row], _MEETING_CHILDREN)
        for name, (row_type, key, fields_of) in CHILDREN.items():
            synced = sync_children(getattr(row, name), fields_of(meeting), row_type, key)
            setattr(row, name, synced)
        self.session.flush()
        meeting.version += 1

    def latest(self, group_id: int) -> Meeting | None:
        return self._one(MeetingRow.group_id == group_id)

    def previous_closed(self, group_id: int, before_number: int) -> Meeting | None:
        return self._one(
            MeetingRow.group_id == group_id,
            MeetingRow.number < before_number,
            MeetingRow.step == Step.CLOSED.value,
        )

    def latest_id(self, group_id: int) -> int | None:
        newest = select(MeetingRow.id).where(MeetingRow.group_id == group_id)
        return self.session.scalar(newest.order_by(MeetingRow.number.desc()).limit(1))

    def group_id_of(self, meeting_id: int) -> int | None:
        return self.session.scalar(select(MeetingRow.group_id).where(MeetingRow.id == meeting_id))

    # Cancel with care (issue 14)
    def by_number(self, group_id: int, number: int) -> Meeting | None:
        return self._one(MeetingRow.group_id == group_id, MeetingRow.number == number)

    def ids_in_dialogue(self) -> list[int]:
        steps = [s.value for s in DIALOGUE_STEPS]
        return list(
            self.session.scalars(
                select(MeetingRow.id).where(MeetingRow.step.in_(steps)).order_by(MeetingRow.id)
            )
        )
