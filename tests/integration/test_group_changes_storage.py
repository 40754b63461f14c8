"""Group changes are stored as the method leaves them, on SQLite and PostgreSQL: members
added and removed (a removed one kept as a former member, so their name still renders),
roles, name, rhythm, time-boxes, holiday rule, channel and archiving; and the reminders
a change cancels or plans, in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from flows import service
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.commands import Advance, OpenPreparation, StartMeeting
from flows.group_commands import (
    AddMember,
    ArchiveGroup,
    ChangeChannel,
    ChangeHolidayRule,
    ChangeRhythm,
    ChangeTimeboxes,
    RemoveMember,
    RenameGroup,
    SetRole,
    UnarchiveGroup,
)
from flows.model import Role
from flows.reminder_plan import ReminderStatus
from flows.steps import Step
from storage.tables import MemberRow
from tests.integration.conftest import Database
from tests.integration.test_storage import Mirror, _create
from tests.transcript import Room

pytestmark = pytest.mark.storage

PENDING = frozenset({ReminderStatus.PENDING})


def test_group_changes_are_stored_as_the_method_left_them(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create(channel="team-nord")
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", AddMember, user_id="eva", name="Eva")
    say("lea", RemoveMember, user_id="ali")
    say("lea", SetRole, user_id="bo", role=Role.CO_LEADER)
    say("lea", SetRole, user_id="cai", role=Role.LEADER)
    say("cai", RenameGroup, name="Team Nordvest")
    say("cai", ChangeRhythm, weeks=2)
    say("cai", ChangeHolidayRule, rule=HolidayRule.KEEP)
    say("cai", ChangeTimeboxes, minutes={Step.EXPLORE: 25, Step.INTERPRET: 15})
    say("cai", ChangeChannel, channel="familie-nord")
    say("cai", ArchiveGroup)
    say.assert_same_state()

    with db.uow() as uow:
        group = uow.groups.get(1)
        assert group is not None and uow.groups.by_name("Team Nordvest") == group
        assert uow.groups.by_channel("", "familie-nord") == group
        assert [(m.user_id, m.role) for m in group.members] == [
            ("lea", Role.PARTICIPANT),
            ("bo", Role.CO_LEADER),
            ("cai", Role.LEADER),
            ("dina", Role.PARTICIPANT),
            ("eva", Role.PARTICIPANT),
        ]
        assert [(m.user_id, m.name, m.role) for m in group.former] == [("ali", "Ali", Role.FORMER)]
        assert group.name_of("ali") == "Ali"
        assert group.cadence == Cadence(Frequency.WEEKLY, 2, holidays=HolidayRule.KEEP)
        assert (group.timeboxes[Step.EXPLORE], group.timeboxes[Step.INTERPRET]) == (25, 15)
        assert group.archived_at == room.clock.now()
        assert uow.reminders.list(statuses=PENDING) == []  # archived: none left
        rows = uow.groups.session.scalars(select(MemberRow).order_by(MemberRow.position))
        assert [(r.user_id, r.role) for r in rows][-1] == ("ali", "former")

    say("cai", UnarchiveGroup)
    say("cai", AddMember, user_id="ali", name="Ali")  # back again
    say.assert_same_state()
    with db.uow() as uow:
        group = uow.groups.get(1)
        assert group is not None and group.archived_at is None and group.former == []
        recipients = {r.recipient for r in uow.reminders.list(statuses=PENDING)}
    assert {"ali", "eva", "cai"} <= recipients


def test_a_removed_members_reminders_are_cancelled_in_the_database(db: Database) -> None:
    room = Room()
    room.clock.current = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    say = Mirror(room, db)
    create = _create()
    assert service.run(create, db.uow(), room.clock) == room.send(create).outputs
    room.group_id = 1
    room.latest_meeting()
    say("lea", OpenPreparation)
    with db.uow() as uow:
        before = [r for r in uow.reminders.list(statuses=PENDING) if r.recipient == "dina"]
    assert before, "Dina is asked to prepare"
    say("lea", RemoveMember, user_id="dina")
    say("lea", StartMeeting)
    say("lea", Advance, expected_step=Step.SINCE_LAST)
    say.assert_same_state()
    with db.uow() as uow:
        mine = [r for r in uow.reminders.list() if r.recipient == "dina"]
    assert mine and {r.status for r in mine} <= {ReminderStatus.CANCELLED, ReminderStatus.SENT}
    assert not [r for r in mine if r.status is ReminderStatus.PENDING]
