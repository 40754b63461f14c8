"""Cancel with care in a Slack channel (issue 14): a cancelled meeting is followed by a
planned one, whose round runs; a cancel of that one is undone the same day.

`datadialog serve` against the fake Slack, as in `test_round`: Lea cancels meeting 1 with
`/dialog cancel` (asked first, only she sees the question), meeting 2 is planned at once by
the rhythm and its round starts; the step's red *Cancel* button asks in Slack's own confirm
dialog, so its click cancels; `/dialog fortryd` brings meeting 2 back where it was.
"""

from __future__ import annotations

import pytest

from flows import commands as c
from flows.steps import Step
from tests.e2e.slack.conftest import LEADER, NORD, set_up_team_nord
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e


def test_a_cancelled_meeting_is_followed_by_a_planned_one_whose_round_runs(
    workspace: Workspace, bot: Bot, slack: FakeSlack
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")

    # `/dialog cancel` asks first, only Lea sees it, and nothing changes yet.
    lea.slash("cancel", NORD)
    question = bot.tells(LEADER, "Cancel meeting 1", "Yes, cancel the meeting")
    assert not [call for call in slack.of("chat.postMessage") if "cancelled" in call.text]
    lea.click_choice(question, c.Cancel, confirmed=True)
    bot.posts(NORD, "Meeting 1 is cancelled.")
    planned = bot.posts(NORD, "The next meeting (2) is planned for", "Undo the cancellation")
    assert planned.buttons()  # the undo, for the leader, until midnight

    # The planned meeting's round runs.
    lea.slash("start", NORD)
    bot.posts(NORD, "Meeting 2 of Team Nord has started")
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")

    # The step's red button asks in Slack's confirm dialog: its click is the confirmed cancel.
    (red,) = [b for b in step1.buttons() if b["action_id"] == "dd_cancel"]
    assert red["style"] == "danger" and red["confirm"]["title"]["text"] == "Cancel the meeting?"
    lea.click_choice(step1, c.Cancel, expected_step=Step.SINCE_LAST, confirmed=True)
    bot.posts(NORD, "Meeting 2 is cancelled.")
    bot.posts(NORD, "The next meeting (3) is planned for")

    # Undone the same day, typed in Danish: meeting 2 is back in since last, 3 withdrawn.
    lea.slash("fortryd", NORD)
    bot.posts(NORD, "Meeting 2", "is on again (step: since last)")
    bot.posts(NORD, "Meeting 3, planned for", "is withdrawn")
    # The step message's buttons hold again.
    lea.click_choice(step1, c.Advance, expected_step=Step.SINCE_LAST)
    bot.posts(NORD, "Step 2 of 4 · Explore")
