"""Slack requests the bot must refuse or act on once, and Web API failures it must survive."""

from __future__ import annotations

import time

import pytest

from flows.commands import Cancel
from tests.e2e.slack.conftest import LEADER, NORD, ServedBot, set_up_team_nord
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e


def test_a_wrong_signature_gets_401_and_changes_nothing(workspace: Workspace, bot: Bot) -> None:
    lea = workspace.person(LEADER, "Lea")
    payload = lea.slash_payload("setup", NORD)
    from urllib.parse import urlencode

    answer = workspace.post(
        urlencode(payload), "application/x-www-form-urlencoded", secret="not-the-secret"
    )
    assert answer.status == 401
    bot.says_nothing()


def test_a_request_older_than_five_minutes_gets_401_and_changes_nothing(
    workspace: Workspace, bot: Bot
) -> None:
    lea = workspace.person(LEADER, "Lea")
    payload = lea.slash_payload("setup", NORD)
    from urllib.parse import urlencode

    stale = int(time.time()) - 6 * 60
    answer = workspace.post(
        urlencode(payload), "application/x-www-form-urlencoded", timestamp=stale
    )
    assert answer.status == 401
    bot.says_nothing()


def test_a_retried_event_is_acted_on_once(workspace: Workspace, bot: Bot, slack: FakeSlack) -> None:
    set_up_team_nord(workspace, bot)
    opened = {
        "type": "app_home_opened",
        "user": LEADER,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }
    assert workspace.event(opened, event_id="Ev0HOME1").status == 200
    home = bot.calls("views.publish", "Your reflection groups", "Team Nord")
    assert home.params["user_id"] == LEADER
    assert workspace.event(opened, event_id="Ev0HOME1", retry=1).status == 200
    bot.says_nothing()
    assert len(slack.of("views.publish")) == 1


def test_the_same_button_click_delivered_twice_changes_nothing_the_second_time(
    workspace: Workspace, bot: Bot
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")
    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    lea.click(step1, "dd_advance")
    bot.posts(NORD, "Step 2 of 4 · Explore")
    bot.posts(NORD, "Stay with what the data shows")  # the step's last message, after its chart
    lea.resend()
    bot.says_nothing()
    lea.slash("status", NORD)
    bot.tells(LEADER, "explore")


def test_web_api_failures_are_retried_or_told_to_the_leader_and_never_crash(
    workspace: Workspace, bot: Bot, slack: FakeSlack, served: ServedBot
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")

    # A participant whose account is deactivated: the leader is told who.
    slack.inactive.add("U0ALI")
    lea.slash("prepare", NORD)
    bot.dms(LEADER, "I could not send a direct message to Ali")
    slack.quiet()

    # Rate limited once: slack_sdk's retry handler waits Retry-After and posts again.
    slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)
    lea.slash("start", NORD)
    bot.posts(NORD, "Meeting 1 of Team Nord has started")

    # Not in the channel: the leader hears about it in a direct message.
    step1 = bot.posts(NORD, "Step 1 of 4")
    slack.quiet()
    slack.fail_next("chat.postMessage", "not_in_channel")
    lea.click(step1, "dd_advance")
    bot.dms(LEADER, "I cannot post in <#C0NORD>")

    lea.slash("cancel", NORD)  # asked first (issue 14), then confirmed
    lea.click_choice(bot.tells(LEADER, "Cancel meeting 1"), Cancel, confirmed=True)
    bot.posts(NORD, "Meeting 1 is cancelled")
    lea.slash("schedule", NORD)  # the cancel planned meeting 2 already (issue 14)
    bot.tells(LEADER, "Meeting 2", "is already scheduled and not closed")
    assert served.proc.poll() is None  # still running

    # A revoked token is logged without the token.
    slack.fail_next("chat.postEphemeral", "token_revoked")
    lea.slash("status", NORD)
    slack.quiet(0.5)
    assert served.proc.poll() is None
    assert served.stop() == 0
    log = "\n".join(served.output)
    assert "xoxb-test-bot-token" not in log and "test-signing-secret" not in log
