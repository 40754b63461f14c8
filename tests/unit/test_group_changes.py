"""A group changes (issue 14): members come and go, the leader and co-leader change, and the
group is renamed, gets another rhythm, time-boxes, holiday rule or channel, is archived and
comes back. Each change is refused when it does not fit, and nothing is saved then.

A removed member keeps what they wrote under their name; their open actions are listed to
the leader and their reminders cancelled, and they can no longer send commands.

Team Nord: Lea leads; Ali, Bo, Cai and Dina take part (`tests.transcript.team_nord`); the
clock stands at Tue 1 Dec 2026 09:00 and meeting 1 is on Tue 8 Dec 2026 09:00.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from flows.cadence import Cadence, Frequency, HolidayRule
from flows.commands import (
    AddObservation,
    Advance,
    OpenPreparation,
    ScheduleMeeting,
    ShowAgreements,
    ShowStatus,
    SubmitPoint,
)
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
from flows.model import PointKind, Role
from flows.reminder_messages import compose
from flows.reminder_plan import ReminderKind, ReminderStatus
from flows.steps import Step
from tests.transcript import Room, not_said, say, team_nord
from tests.unit.test_scheduling_defaults import close_current, local, room_at

S = Step
NOT_LEADER = "Only the meeting leader (Lea) or the co-leader can change the group Team Nord."
ARCHIVED = "The group Team Nord is archived: nothing happens in it until a meeting leader"


def refused(room: Room, actor: str, command: type, said: str, /, **fields: Any) -> None:
    """Only the sender is told `said`; nothing committed changes (reminders neither)."""
    before = (room.snapshot(), dict(room.store.reminders))
    room.play(say(actor, command, **fields), f"@{actor} (refused): {said}")
    assert (room.snapshot(), dict(room.store.reminders)) == before


def pending(room: Room, recipient: str | None = None) -> list[Any]:
    return [
        r
        for r in room.store.reminders.values()
        if r.status is ReminderStatus.PENDING and recipient in (None, r.recipient)
    ]


def closed_with_alis_action() -> Room:
    """Meeting 1 closed with Ali's open action (due Tue 15 Dec 2026); meeting 2 planned."""
    room = team_nord()
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    return room


# Members --------------------------------------------------------------------------------------


def test_a_new_participant_is_welcomed_and_invited_to_the_planned_meeting() -> None:
    room = team_nord()
    room.play(
        say("lea", AddMember, user_id="eva", name="Eva"),
        "#channel: Eva has joined Team Nord as a participant.",
        "@eva (dm): Welcome to Team Nord: you have been added as a participant (meeting "
        "leader: Lea).",
        "@eva (dm): The next meeting is meeting 1, Tue 8 Dec 2026 09:00.",
    )
    assert [(m.name, m.role) for m in room.group.participants][-1] == ("Eva", Role.PARTICIPANT)
    kinds = {r.kind for r in pending(room, "eva")}
    assert {ReminderKind.INVITATION, ReminderKind.PREPARATION_REQUEST} <= kinds
    room.walk_to(S.PREPARING)
    room.play(
        say("eva", SubmitPoint, kind=PointKind.POSITIVE, text="B-17 sleeps better"),
        "@eva (only you): Saved",
    )


def test_a_member_cannot_be_added_twice_nor_a_ninth_participant() -> None:
    room = team_nord()
    refused(
        room,
        "lea",
        AddMember,
        "Ali is already in the group (participant).",
        user_id="ali",
        name="Ali B.",
    )
    for n in range(4):
        room.must("lea", AddMember, user_id=f"p{n}", name=f"Person {n}")
    assert len(room.group.participants) == 8
    refused(
        room,
        "lea",
        AddMember,
        "Team Nord already has 8 participants, the most a group can have.",
        user_id="eva",
        name="Eva",
    )


def test_a_participant_may_not_change_the_group() -> None:
    room = team_nord()
    refused(room, "ali", AddMember, NOT_LEADER, user_id="eva", name="Eva")
    refused(room, "ali", RemoveMember, NOT_LEADER, user_id="bo")
    refused(room, "ali", SetRole, NOT_LEADER, user_id="ali", role=Role.LEADER)
    refused(room, "ali", RenameGroup, NOT_LEADER, name="Team Ali")
    refused(room, "zed", ArchiveGroup, "You are not in the group Team Nord.")


def test_a_removed_members_open_actions_go_to_the_leader_and_their_reminders_stop() -> None:
    room = closed_with_alis_action()
    assert pending(room, "ali"), "Ali is reminded of meeting 2 and of the action"
    room.play(
        say("lea", RemoveMember, user_id="ali"),
        "#channel: Ali has left Team Nord. Everything Ali wrote stays.",
        "@lea (only you): Ali had 1 open action:",
        "@lea (only you): 1. A fixed evening routine with B-17 (meeting 1, due Tue 15 Dec 2026)",
        "@lea (only you): Give each to someone else by editing it (edit action N",
    )
    assert pending(room, "ali") == []
    assert [m.user_id for m in room.group.former] == ["ali"]
    # What Ali wrote keeps Ali's name; Ali can no longer take part.
    room.play(say("lea", ShowAgreements), "owner Ali, follow-up Lea")
    room.walk_to(S.PREPARING)
    refused(
        room,
        "ali",
        SubmitPoint,
        "You are not in the group Team Nord.",
        kind=PointKind.POSITIVE,
        text="Still here",
    )
    # Reminders planned later do not reach Ali either (a new leader re-plans the follow-ups).
    room.must("lea", SetRole, user_id="bo", role=Role.LEADER)
    assert pending(room, "ali") == []
    assert {r.kind for r in pending(room, "bo")} >= {ReminderKind.ACTION_OVERDUE}


def test_a_co_leader_removing_someone_tells_the_leader_too() -> None:
    room = closed_with_alis_action()
    room.must("lea", SetRole, user_id="cai", role=Role.CO_LEADER)
    room.play(
        say("cai", RemoveMember, user_id="ali"),
        "@cai (only you): Ali had 1 open action:",
        "@lea (dm): Ali had 1 open action:",
        "@lea (dm): 1. A fixed evening routine with B-17 (meeting 1, due Tue 15 Dec 2026)",
    )


def test_removing_without_open_actions_lists_nothing_and_a_former_member_can_come_back() -> None:
    room = team_nord()
    room.play(say("lea", RemoveMember, user_id="dina"), "#channel: Dina has left", not_said("open"))
    refused(room, "lea", RemoveMember, "Dina is not in the group Team Nord.", user_id="dina")
    room.play(say("lea", AddMember, user_id="dina", name="Dina"), "#channel: Dina has joined")
    group = room.group
    assert group.member("dina") is not None and group.former == []


def test_the_leader_and_the_last_participant_cannot_be_removed() -> None:
    room = team_nord(participants=(("ali", "Ali"),), co_leader=("kim", "Kim"))
    refused(
        room,
        "kim",
        RemoveMember,
        "Lea leads the group and cannot be removed. Make someone else the meeting leader first.",
        user_id="lea",
    )
    refused(
        room,
        "lea",
        RemoveMember,
        "Ali is the only participant in Team Nord; a group needs at least one.",
        user_id="ali",
    )
    room.play(say("lea", RemoveMember, user_id="kim"), "#channel: Kim has left Team Nord.")


# Roles ----------------------------------------------------------------------------------------


def test_a_new_leader_takes_over_and_the_old_one_takes_part() -> None:
    room = team_nord()
    room.play(
        say("lea", SetRole, user_id="bo", role=Role.LEADER),
        "#channel: Bo is now the meeting leader of Team Nord.",
        "#channel: Lea is now a participant.",
    )
    group = room.group
    assert (group.leader.user_id, group.member("lea").role) == ("bo", Role.PARTICIPANT)
    refused(room, "lea", OpenPreparation, "Only the meeting leader (Bo) can steer the meeting.")
    leaders = {r.recipient for r in pending(room) if r.kind is ReminderKind.LEADER_STATUS}
    assert leaders == {"bo"}
    room.play(say("bo", OpenPreparation), "#channel: ")


def test_one_co_leader_at_a_time() -> None:
    room = team_nord(co_leader=("kim", "Kim"))
    room.play(
        say("lea", SetRole, user_id="ali", role=Role.CO_LEADER),
        "#channel: Ali is now the co-leader of Team Nord.",
        "#channel: Kim is now a participant.",
    )
    room.play(
        say("ali", SetRole, user_id="ali", role=Role.PARTICIPANT),
        "#channel: Ali is now a participant in Team Nord.",
    )
    assert [m.role for m in room.group.members].count(Role.CO_LEADER) == 0


def test_roles_that_do_not_fit_are_refused() -> None:
    room = team_nord(participants=(("ali", "Ali"),))
    refused(
        room,
        "lea",
        SetRole,
        "Lea is the meeting leader, and a group always has one. Make "
        "someone else the meeting leader instead.",
        user_id="lea",
        role=Role.PARTICIPANT,
    )
    refused(
        room,
        "lea",
        SetRole,
        "Ali's role is already participant.",
        user_id="ali",
        role=Role.PARTICIPANT,
    )
    refused(
        room,
        "lea",
        SetRole,
        "A member can be made meeting leader, co-leader or participant.",
        user_id="ali",
        role=Role.FORMER,
    )
    refused(
        room,
        "lea",
        SetRole,
        "A group needs between 1 and 8 participants.",
        user_id="ali",
        role=Role.CO_LEADER,
    )
    refused(
        room, "lea", SetRole, "zed is not in the group Team Nord.", user_id="zed", role=Role.LEADER
    )


# Name and channel -------------------------------------------------------------------------------


def test_a_group_is_renamed_once_its_new_name_is_free() -> None:
    room = team_nord()
    room.create_group("Team Syd", leader=("mia", "Mia"), participants=(("ole", "Ole"),))
    room.group_id = 1
    refused(room, "lea", RenameGroup, "There is already a group called Team Syd.", name="Team Syd")
    refused(room, "lea", RenameGroup, "The group is already called Team Nord.", name="Team Nord")
    room.play(
        say("lea", RenameGroup, name="  Team Nordvest "),
        "#channel: The group Team Nord is now called Team Nordvest.",
    )
    assert room.group.name == "Team Nordvest"


def test_a_group_moves_to_a_free_channel() -> None:
    room = team_nord(channel="team-nord")
    room.create_group(
        "Team Syd", leader=("mia", "Mia"), participants=(("ole", "Ole"),), channel="team-syd"
    )
    room.group_id = 1
    refused(
        room,
        "lea",
        ChangeChannel,
        "#team-syd already belongs to the group Team Syd.",
        channel="team-syd",
    )
    refused(
        room, "lea", ChangeChannel, "The group already meets in #team-nord.", channel="#team-nord"
    )
    room.play(
        say("lea", ChangeChannel, channel="#familie-nord"),
        "#channel: Team Nord now meets in #familie-nord.",
    )
    assert room.group.channel == "familie-nord"


# Rhythm, time-boxes, holidays -----------------------------------------------------------------


def test_a_new_rhythm_keeps_the_planned_meeting_and_plans_the_next_by_it() -> None:
    room = team_nord()
    room.play(
        say("lea", ChangeRhythm, weeks=2),
        "#channel: Team Nord now meets every 2 weeks on Tuesday.",
        "#channel: Meeting 1 stays at Tue 8 Dec 2026 09:00; the meeting after it will be "
        "Tue 22 Dec 2026 09:00.",
    )
    assert room.group.cadence == Cadence(Frequency.WEEKLY, 2)
    room.walk_to(S.CLOSED)
    room.latest_meeting()
    assert room.meeting.scheduled_at == local(2026, 12, 22)


def test_a_monthly_rhythm_with_the_process_calendar() -> None:
    room = room_at(local(2026, 12, 1))
    room.play(
        say("lea", ChangeRhythm, nth=-1),
        "#channel: Team Nord now meets on the last Tuesday of the month.",
        "the meeting after it will be Tue 29 Dec 2026 09:00.",
    )
    close_current(room)
    assert room.meeting.scheduled_at == local(2026, 12, 29)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"days": 14, "weeks": 2}, "Choose one rhythm: every 14 days or every 2 weeks?"),
        ({"weeks": 1, "nth": 1}, "Choose one rhythm: every week or monthly?"),
        ({"weeks": 0}, "Every N weeks: N must be from 1 to 52, not 0."),
        ({"nth": 5}, "A monthly rhythm meets on the 1st, 2nd, 3rd or 4th weekday"),
        ({"days": 400}, "The meeting interval must be between 1 and 365 days."),
        ({}, "Say the new rhythm: every N days, every N weeks or monthly"),
    ],
    ids=["days-and-weeks", "weeks-and-monthly", "weeks-0", "monthly-5", "days-400", "none"],
)
def test_a_rhythm_that_does_not_fit_is_refused(fields: dict[str, int], said: str) -> None:
    refused(team_nord(), "lea", ChangeRhythm, said, **fields)


def test_new_time_boxes_apply_from_the_next_step() -> None:
    room = team_nord()
    room.play(
        say("lea", ChangeTimeboxes, minutes={S.EXPLORE: 25, S.INTERPRET: 15}),
        "#channel: Time-boxes of Team Nord (from the next step a meeting starts):",
        "#channel: since last: 15 min",
        "#channel: explore: 25 min",
        "#channel: interpret: 15 min",
    )
    room.walk_to(S.SINCE_LAST)
    room.play(say("lea", ChangeTimeboxes, minutes={S.SINCE_LAST: 30}), "since last: 30 min")
    assert room.meeting.step_deadline == room.meeting.step_started_at + timedelta(minutes=15)
    room.play(
        say("lea", Advance, expected_step=S.SINCE_LAST), "#channel: Step 2 of 4 · Explore (25 min)"
    )


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        ({S.SCHEDULED: 10}, "Only the four dialogue steps have time-boxes, not scheduled."),
        ({S.EXPLORE: 0}, "A time-box for explore is 1 to 240 minutes."),
        ({S.EXPLORE: 241}, "A time-box for explore is 1 to 240 minutes."),
        ({}, "Say which step and how many minutes."),
    ],
    ids=["not-a-dialogue-step", "zero", "too-long", "none"],
)
def test_time_boxes_that_do_not_fit_are_refused(minutes: dict[Step, int], said: str) -> None:
    refused(team_nord(), "lea", ChangeTimeboxes, said, minutes=minutes)


@pytest.mark.parametrize(
    ("rule", "said", "next_at"),
    [
        (HolidayRule.KEEP, "From now on Team Nord meets on public holidays too.", (12, 25)),
        (HolidayRule.NEXT_WORKING_DAY, "moves to the next working day.", (12, 28)),
        (HolidayRule.SKIP, "skips a meeting on a public holiday", (1, 8)),
    ],
    ids=str,
)
def test_the_holiday_rule_decides_where_later_meetings_land(rule, said, next_at) -> None:
    """Weekly on Fridays from Fri 18 Dec 2026: the next is Christmas Day (then New Year's)."""
    room = room_at(
        local(2026, 12, 1),
        cadence=Cadence(Frequency.WEEKLY, 1, holidays=rule),
        first_meeting_at=local(2026, 12, 18),
    )
    other = next(r for r in HolidayRule if r is not rule)
    room.must("lea", ChangeHolidayRule, rule=other)
    room.play(say("lea", ChangeHolidayRule, rule=rule), said)
    assert room.group.cadence == Cadence(Frequency.WEEKLY, 1, holidays=rule)
    close_current(room)
    month, day = next_at
    assert room.meeting.scheduled_at == local(2027 if month == 1 else 2026, month, day)


# Archiving -------------------------------------------------------------------------------------


def test_an_archived_group_gets_no_reminders_and_refuses_meeting_commands() -> None:
    room = closed_with_alis_action()
    room.play(
        say("lea", ArchiveGroup),
        "#channel: Team Nord is archived: no meetings and no reminders until a meeting leader "
        "brings it back. Everything is kept.",
    )
    assert pending(room) == []
    for actor, command, fields in [
        ("lea", OpenPreparation, {}),
        ("ali", AddObservation, {"text": "Evenings are calmer"}),
        ("lea", ScheduleMeeting, {}),
        ("lea", RenameGroup, {"name": "Team Gammel"}),
        ("lea", ArchiveGroup, {}),
    ]:
        refused(room, actor, command, ARCHIVED, **fields)
    room.play(say("ali", ShowStatus), "Meeting 2")
    room.play(say("ali", ShowAgreements), "A fixed evening routine with B-17")
    refused(room, "ali", UnarchiveGroup, NOT_LEADER)


def test_a_reminder_left_for_an_archived_group_is_skipped_when_due() -> None:
    room = team_nord()
    (reminder, *_) = pending(room, "ali")
    room.must("lea", ArchiveGroup)
    composed = compose(reminder, room.group, room.meeting, None, room.clock.now())
    assert composed.instead is ReminderStatus.SKIPPED and not composed.outputs


def test_a_meeting_under_way_keeps_the_group_from_being_archived() -> None:
    room = team_nord()
    room.walk_to(S.EXPLORE)
    refused(
        room,
        "lea",
        ArchiveGroup,
        "Meeting 1 is under way. Close or cancel it before archiving the group.",
    )


def test_an_unarchived_group_plans_its_meeting_again_past_the_time_it_missed() -> None:
    room = team_nord()
    refused(room, "lea", UnarchiveGroup, "Team Nord is not archived.")
    room.must("lea", ArchiveGroup)
    room.clock.current = datetime.fromisoformat("2026-12-10T08:00:00+00:00")
    room.play(
        say("lea", UnarchiveGroup),
        "#channel: Team Nord is active again.",
        "#channel: Meeting 1 has moved from Tue 8 Dec 2026 09:00 to Tue 22 Dec 2026 09:00.",
    )
    assert room.group.archived_at is None
    assert {r.kind for r in pending(room, "ali")} >= {ReminderKind.PREPARATION_REQUEST}
    room.play(say("lea", OpenPreparation), not_said("refused"))


def test_an_unarchived_group_whose_meeting_is_still_ahead_keeps_it() -> None:
    room = team_nord()
    room.must("lea", ArchiveGroup)
    room.play(
        say("lea", UnarchiveGroup),
        "#channel: Team Nord is active again.",
        "#channel: Meeting 1 is scheduled for Tue 8 Dec 2026 09:00.",
    )
    assert {r.recipient for r in pending(room) if r.kind is ReminderKind.START_NUDGE} == {"lea"}
