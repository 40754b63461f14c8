"""A group's settings form (issue 14, `bot.group_form`): what a submitted form changes, in an
order the flows accept, sent through the flows as Slack's modal and Teams' card send it.

Team Nord: Lea leads; Ali, Bo, Cai and Dina take part (`tests.transcript.team_nord`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot import group_form as gf
from flows import group_commands as gc
from flows.cadence import Cadence, Frequency, HolidayRule
from flows.forms import FieldError
from flows.model import Role
from flows.steps import Step
from tests.transcript import Room, team_nord
from tests.unit.test_scheduling_defaults import local, room_at


def edited(room: Room, **changed: Any) -> tuple[gf.GroupForm, gf.GroupForm]:
    """The form as drawn for the room's group, and as submitted with `changed`."""
    before = gf.drawn(room.group)
    return before, dataclasses.replace(before, **changed)


def applied(room: Room, commands: list[gc.GroupCommand]) -> None:
    """Each command through the flows, each accepted."""
    for command in commands:
        reply = room.send(command)
        assert not reply.refused, room.failure(reply, "refused")


def roles(room: Room) -> dict[str, Role]:
    return {m.user_id: m.role for m in room.group.members}


def test_a_form_drawn_and_sent_back_unchanged_changes_nothing() -> None:
    room = team_nord()
    before = gf.drawn(room.group)
    assert before.leader == "lea" and before.co_leader == ""
    assert before.participants == ("ali", "bo", "cai", "dina")
    assert (before.rhythm, before.interval, before.archived) == ("days", 14, False)
    again = gf.read(gf.fields(before).get)
    assert again == before
    assert gf.changes(room.group, before, again, "lea", {}) == []


def test_only_the_changed_fields_become_commands_in_an_order_the_flows_accept() -> None:
    room = team_nord()
    before, after = edited(
        room, name="Team Nordvest", participants=("ali", "bo", "cai", "eva"), rhythm="weeks",
        interval=2, timeboxes={**gf.drawn(room.group).timeboxes, Step.EXPLORE: 30},
        holidays=HolidayRule.SKIP, channel="C0SYD", archived=True,
    )  # fmt: skip
    found = gf.changes(room.group, before, after, "lea", {"eva": "Eva"})
    assert [type(c) for c in found] == [
        gc.RenameGroup, gc.AddMember, gc.RemoveMember, gc.ChangeRhythm, gc.ChangeTimeboxes,
        gc.ChangeHolidayRule, gc.ChangeChannel, gc.ArchiveGroup,
    ]  # fmt: skip
    assert found[1] == gc.AddMember("lea", room.group_id, "eva", "Eva")
    assert found[3] == gc.ChangeRhythm("lea", room.group_id, weeks=2)
    assert found[4] == gc.ChangeTimeboxes("lea", room.group_id, {Step.EXPLORE: 30})
    applied(room, found)
    group = room.group
    assert group.name == "Team Nordvest" and group.channel == "C0SYD"
    assert group.archived_at is not None
    assert group.cadence == Cadence(Frequency.WEEKLY, 2, holidays=HolidayRule.SKIP)
    assert [m.user_id for m in group.former] == ["dina"]


def test_an_archived_group_is_brought_back_before_anything_else_changes() -> None:
    room = team_nord()
    room.must("lea", gc.ArchiveGroup)
    before, after = edited(room, archived=False, name="Team Syd")
    found = gf.changes(room.group, before, after, "lea", {})
    assert [type(c) for c in found] == [gc.UnarchiveGroup, gc.RenameGroup]
    applied(room, found)


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        # A participant leads: the leader until now takes part.
        ({"leader": "ali", "participants": ("bo", "cai", "dina")},
         {"ali": Role.LEADER, "lea": Role.PARTICIPANT}),
        # A newcomer leads: added first, then made leader; the leader until now takes part.
        ({"leader": "eva", "participants": ("ali", "bo", "cai", "dina")},
         {"eva": Role.LEADER, "lea": Role.PARTICIPANT}),
        # The only participant becomes co-leader as a newcomer takes part: the addition first.
        ({"co_leader": "ali", "participants": ("eva", "bo", "cai", "dina")},
         {"ali": Role.CO_LEADER, "eva": Role.PARTICIPANT}),
    ],
)  # fmt: skip
def test_roles_and_members_change_in_an_order_that_keeps_the_group_whole(
    changed: dict[str, Any], expected: dict[str, Role]
) -> None:
    room = team_nord()
    before, after = edited(room, **changed)
    gf.check(after)
    applied(room, gf.changes(room.group, before, after, "lea", {"eva": "Eva"}))
    now = roles(room)
    assert {u: now.get(u) for u in expected} == expected


def test_a_full_group_lets_someone_go_before_a_newcomer_comes() -> None:
    room = team_nord()
    for n in range(4):
        room.must("lea", gc.AddMember, user_id=f"p{n}", name=f"Person {n}")
    before = gf.drawn(room.group)
    swapped = (*(u for u in before.participants if u != "ali"), "eva")
    after = dataclasses.replace(before, participants=swapped)
    found = gf.changes(room.group, before, after, "lea", {"eva": "Eva"})
    assert [type(c) for c in found] == [gc.RemoveMember, gc.AddMember]
    applied(room, found)
    assert "ali" not in roles(room) and roles(room)["eva"] is Role.PARTICIPANT


def test_a_co_leader_who_loses_the_role_takes_part_and_a_cleared_one_too() -> None:
    room = team_nord()
    room.must("lea", gc.SetRole, user_id="ali", role=Role.CO_LEADER)
    before, after = edited(room, co_leader="")
    found = gf.changes(room.group, before, after, "lea", {})
    assert found == [gc.SetRole("lea", room.group_id, "ali", Role.PARTICIPANT)]
    applied(room, found)
    assert roles(room)["ali"] is Role.PARTICIPANT


def test_what_cannot_fit_is_sent_as_it_is_for_the_flows_to_refuse() -> None:
    room = team_nord()
    for n in range(4):
        room.must("lea", gc.AddMember, user_id=f"p{n}", name=f"Person {n}")
    before, after = edited(room, leader="eva")  # a ninth participant would come first
    found = gf.changes(room.group, before, after, "lea", {"eva": "Eva"})
    assert found == [gc.AddMember("lea", room.group_id, "eva", "Eva")]
    reply = room.send(found[0])
    assert reply.refused and "already has 8 participants" in reply.text


@pytest.mark.parametrize(
    ("changed", "field", "key"),
    [
        ({"name": "  "}, "name", "error.text_empty"),
        ({"name": "x" * 301}, "name", "error.text_too_long"),
        ({"participants": ()}, "participants", "error.participant_count"),
        ({"participants": tuple(f"p{n}" for n in range(9))}, "participants",
         "error.participant_count"),
        ({"co_leader": "lea"}, "co_leader", "error.duplicate_member"),
        ({"participants": ("ali", "lea")}, "participants", "error.duplicate_member"),
        ({"participants": ("ali", "ali")}, "participants", "error.duplicate_member"),
    ],
)  # fmt: skip
def test_the_form_alone_refuses_beside_its_field(
    changed: dict[str, Any], field: str, key: str
) -> None:
    _, after = edited(team_nord(), **changed)
    with pytest.raises(FieldError) as refused:
        gf.check(after)
    assert (refused.value.field, refused.value.text.key) == (field, key)


@pytest.mark.parametrize(
    ("rhythm", "interval", "command"),
    [
        ("days", 21, {"days": 21}),
        ("weeks", 3, {"weeks": 3}),
        ("monthly_2", 1, {"nth": 2}),
        ("monthly_last", 1, {"nth": -1}),
    ],
)
def test_each_rhythm_on_the_form_is_a_rhythm_of_the_flows(
    rhythm: str, interval: int, command: dict[str, int]
) -> None:
    room = room_at(local(2026, 12, 1))  # with the process calendar (weekday rules)
    before, after = edited(room, rhythm=rhythm, interval=interval)
    (found,) = gf.changes(room.group, before, after, "lea", {})
    assert found == gc.ChangeRhythm("lea", room.group_id, **command)
    applied(room, [found])
    assert gf.rhythm_of(room.group) == (rhythm, interval)


def test_a_number_that_is_not_whole_is_refused_beside_its_field() -> None:
    fields = {**gf.fields(gf.drawn(team_nord().group)), gf.INTERVAL: "1e3"}
    with pytest.raises(FieldError) as refused:
        gf.read(fields.get)
    assert refused.value.field == gf.INTERVAL
    assert gf.read({**fields, gf.INTERVAL: "21.0"}.get).interval == 21
    with pytest.raises(FieldError) as refused:  # one user id where a list of them belongs
        gf.read({**fields, gf.PARTICIPANTS: "ali"}.get)
    assert refused.value.field == gf.PARTICIPANTS
