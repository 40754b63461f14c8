"""A modal refused for a reason the form alone decides stays open, over real HTTP.

`datadialog serve` answers the view_submission itself with `response_action: errors`,
the text beside the field, and does nothing else: no message, no lookup, nothing stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.slack.conftest import LEADER, NORD, PARTICIPANTS, set_up_team_nord
from tests.e2e.slack.people import Bot, Response, Workspace

pytestmark = pytest.mark.e2e

ALI = PARTICIPANTS[0]


def _errors(answer: Response) -> dict[str, str]:
    assert answer.status == 200
    body = json.loads(answer.body)
    assert body["response_action"] == "errors"
    errors: dict[str, str] = body["errors"]
    return errors


def test_setup_with_a_person_twice_or_a_first_meeting_past_stays_open(
    workspace: Workspace, bot: Bot
) -> None:
    lea = workspace.person(LEADER, "Lea")
    lea.slash("setup", NORD)
    setup = bot.opens("dd_setup")
    fields = {"name": "Team Nord", "leader": LEADER, "channel": NORD}
    twice = lea.submit(setup, **fields, participants=[ALI, LEADER])
    assert "listed more than once" in _errors(twice)["participants"]
    bot.says_nothing()  # not even users.info: refused before anything is looked up
    past = int((datetime.now(UTC) - timedelta(hours=1)).timestamp())
    late = lea.submit(setup, **fields, participants=[ALI], first=past)
    assert "already passed" in _errors(late)["first"]
    bot.says_nothing()


def test_an_action_due_in_the_past_stays_open_and_nothing_is_stored(
    workspace: Workspace, bot: Bot
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")
    lea.slash("start", NORD)
    step = bot.posts(NORD, "Step 1 of 4")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 2 of 4")
    lea.click(step, "dd_open_proposetheme")
    lea.submit(bot.opens("dd_form_proposetheme"), title="Evening routines")
    bot.posts(NORD, "Themes (most votes first)")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 3 of 4")
    # A step's content ends with its hint, after its chart: wait for it, so that nothing
    # of this step is still on its way when the silence below is checked.
    bot.posts(NORD, "Look for several explanations")
    lea.click(step, "dd_open_choosefocus")
    lea.submit(bot.opens("dd_form_choosefocus"), theme_number=1)
    bot.posts(NORD, "Focus area: Evening routines")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 4 of 4")
    bot.posts(NORD, "Write the agreement paper")
    lea.click(step, "dd_open_addaction")
    form = bot.opens("dd_form_addaction")
    today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    action = {"what": "Fixed evening routine", "owner": ALI, "follow_up": LEADER}

    yesterday = (today - timedelta(days=1)).isoformat()
    past = lea.submit(form, **action, due=yesterday)
    assert "has already passed" in _errors(past)["due"]
    bot.says_nothing()
    stranger = lea.submit(form, **{**action, "owner": "U0STRANGER"}, due=today.isoformat())
    assert "is not in the group Team Nord" in _errors(stranger)["owner"]
    bot.says_nothing()

    # The same form, filled in right, is saved: the first action of the paper.
    lea.submit(form, **action, due=(today + timedelta(days=14)).isoformat())
    bot.posts(NORD, "New action: 1. Fixed evening routine")


def test_setup_with_the_bot_itself_as_a_member_stays_open(workspace: Workspace, bot: Bot) -> None:
    """Slack's people pickers offer the app's own bot user (Datadialog: U0BOT, as auth.test
    says); picked as a participant or as the leader, it is refused beside its field."""
    lea = workspace.person(LEADER, "Lea")
    lea.slash("setup", NORD)
    setup = bot.opens("dd_setup")
    picked = lea.submit(setup, name="Team Nord", leader=LEADER, participants=[ALI, "U0BOT"],
                        channel=NORD)  # fmt: skip
    assert "Datadialog itself cannot be a member" in _errors(picked)["participants"]
    bot.says_nothing()
    leading = lea.submit(setup, name="Team Nord", leader="U0BOT", participants=[ALI], channel=NORD)
    assert "Datadialog itself cannot be a member" in _errors(leading)["leader"]
    bot.says_nothing()
