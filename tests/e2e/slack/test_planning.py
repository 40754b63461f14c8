"""Planning in a Slack channel (issue 14), over real HTTP against the fake Slack.

Lea moves Team Nord's first meeting with `/dialog flyt` (the Danish word), skips it with
the *Skip* button on the message that says so, and moves it again with its *Move* button:
a modal with a date and a time picker. A time already past keeps the modal open; Ali may
open it but not move the meeting. `/dialog schedule` is refused while a meeting is
planned, and plans one for a group that has none (as a cancel left a group before issue
14), which `/dialog skip` then skips.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from flows import commands as c
from flows.text.render import format_datetime
from tests.e2e.slack.conftest import LEADER, NORD, PARTICIPANTS, set_up_team_nord
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace
from tests.e2e.slack.planning_scene import at, cancelled_as_before_issue_14, working_day

pytestmark = pytest.mark.e2e

ALI = PARTICIPANTS[0]


def _when(day_ahead: int, clock: str) -> str:
    """A meeting time as the bot writes it in English."""
    return format_datetime(at(working_day(day_ahead), clock), "en", "Europe/Copenhagen")


def test_a_leader_schedules_moves_and_skips_a_meeting_from_slack(
    workspace: Workspace, bot: Bot, slack: FakeSlack, tmp_path
) -> None:
    set_up_team_nord(workspace, bot)
    lea, ali = workspace.person(LEADER, "Lea"), workspace.person(ALI, "Ali")

    # The help lists the planning subcommands.
    lea.slash("help", NORD)
    bot.responds("schedule [YYYY-MM-DD HH:MM]", "move YYYY-MM-DD HH:MM", "skip: skip")

    # A move typed in Danish; the channel is told, with Move and Skip on the message.
    first = working_day(10)
    lea.slash(f"flyt {first.isoformat()} 10:00", NORD)
    moved = bot.posts(NORD, "Meeting 1 has moved", f"to {_when(10, '10:00')}")
    assert {b["action_id"] for b in moved.buttons()} == {"dd_movemeeting", "dd_skipmeeting"}
    lea.slash("move", NORD)  # without a time: how to write it, only to Lea
    bot.tells(LEADER, "Usage: move YYYY-MM-DD HH:MM")

    # Skip: the rhythm's next slot.
    lea.click_choice(moved, c.SkipMeeting)
    skipped = bot.posts(NORD, "Meeting 1 is skipped")

    # Move: a modal with a date and a time picker, set to where the meeting is now.
    lea.click_choice(skipped, c.MoveMeeting)
    modal = bot.opens("dd_move")
    pickers = {b["block_id"]: b["element"]["type"] for b in modal.params["view"]["blocks"]}
    assert pickers == {"date": "datepicker", "time": "timepicker"}
    yesterday = (working_day(0) - timedelta(days=1)).isoformat()
    past = lea.submit(modal, date=yesterday, time="10:00")
    assert json.loads(past.body)["response_action"] == "errors"
    assert "has already passed" in json.loads(past.body)["errors"]["date"]
    bot.says_nothing()
    lea.submit(modal, date=working_day(12).isoformat(), time="13:30")
    bot.posts(NORD, "Meeting 1 has moved", f"to {_when(12, '13:30')}")

    # Ali may open the modal (the button is the channel's) but not move the meeting.
    ali.click_choice(moved, c.MoveMeeting)
    ali.submit(bot.opens("dd_move"), date=working_day(14).isoformat(), time="09:00")
    bot.tells(ALI, "Only the meeting leader (Lea)")

    # The status offers the same buttons, to Lea only.
    lea.slash("status", NORD)
    status = bot.tells(LEADER, "You can move it or skip it")
    assert {b["action_id"] for b in status.buttons()} == {"dd_movemeeting", "dd_skipmeeting"}

    # Scheduling while a meeting is planned is refused, only to Lea.
    lea.slash("schedule", NORD)
    bot.tells(LEADER, "Meeting 1", "is already scheduled")

    # A group a cancel left with nothing planned (before issue 14): Slack plans the next.
    assert cancelled_as_before_issue_14(tmp_path, "Team Nord", "slack:T0NORD") == 1
    lea.slash("planlæg", NORD)
    scheduled = bot.posts(NORD, "Meeting 2 is scheduled for")
    assert {b["action_id"] for b in scheduled.buttons()} == {"dd_movemeeting", "dd_skipmeeting"}
    lea.slash("skip", NORD)
    bot.posts(NORD, "Meeting 2 is skipped")
