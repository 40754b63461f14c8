"""Workspace boundaries (issue 16): a request from another workspace, carrying a member's
user id, changes nothing and names no group.

Team Nord meets in #team-nord of workspace T0NORD. Workspace T9999 has installed the app
too (OAuth), and someone there sends what Slack would send for Lea's user id: presses on
Team Nord's buttons (extend, cancel, next, a form, the preparation button), submits Team
Nord's forms (a contribution, the settings) and a setup form naming #team-nord, types
`/dialog cancel` in #team-nord and opens App Home. Each is answered as a request about a
meeting or group that does not exist, and every table but the inbox is exactly as before.
With one bot token (one workspace), a request from T9999, or from T0NORD under another
enterprise, is dropped before anything is looked at. A form Slack will not open for an
expired trigger is answered with a note to press again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, text

from flows import commands as c
from flows.steps import Step
from storage.database import make_engine
from tests.e2e.slack.conftest import (
    LEADER,
    NORD,
    PARTICIPANTS,
    SECRET,
    ServedBot,
    free_port,
    set_up_team_nord,
    slack_env,
)
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace
from tests.e2e.slack.test_oauth import _install

pytestmark = pytest.mark.e2e

OTHER = "T9999"
ALI = PARTICIPANTS[0]
NO_MEETING = "That meeting does not exist"
NO_GROUP = "That group does not exist"


@pytest.fixture
def two_workspaces(tmp_path, slack) -> Iterator[ServedBot]:
    """The bot with OAuth, installed in T0NORD and then in T9999."""
    port = free_port()
    env = slack_env(
        tmp_path, slack, port, SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="oauth-secret",
        DATADIALOG_SECRET_KEYS=Fernet.generate_key().decode("ascii"),
    )  # fmt: skip
    env.pop("SLACK_BOT_TOKEN")
    bot = ServedBot(env, tmp_path)
    bot.wait_for("listening on")
    bot.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    try:
        _install(bot)
        yield bot
    finally:
        bot.stop()


def rows(tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the inbox (which keeps every request, answered or not)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            names = [n for n in inspect(conn).get_table_names() if n != "inbox"]
            return {
                name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
                for name in names
            }
    finally:
        engine.dispose()


def said_since(slack: FakeSlack, mark: int) -> str:
    slack.quiet(0.7)
    return "\n".join(f"{call.method} {call.raw or call.params}" for call in slack.since(mark))


def test_requests_from_another_installed_workspace_change_nothing_and_name_no_group(
    two_workspaces: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    events = f"{two_workspaces.url}/slack/events"  # type: ignore[attr-defined]
    nord = Workspace(events, SECRET, slack)
    bot = Bot(nord)
    set_up_team_nord(nord, bot)
    lea = nord.person(LEADER, "Lea")
    lea.slash("prepare", NORD)
    invitation = bot.dms(ALI, "Prepare for the reflection meeting in Team Nord")
    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    lea.click_choice(step1, c.Advance, expected_step=Step.SINCE_LAST)
    step2 = bot.posts(NORD, "Step 2 of 4 · Explore")
    lea.click(step2, "dd_open_addobservation")
    observation_form = bot.opens("dd_form_addobservation")
    lea.slash("settings", NORD)
    settings_form = bot.opens("dd_settings")

    slack.team_id = OTHER  # workspace T9999 installs the app as well
    _install(two_workspaces)
    slack.quiet()
    before = rows(tmp_path)
    other = Workspace(events, SECRET, slack, team_id=OTHER)
    other_bot = Bot(other)
    lea_elsewhere, ali_elsewhere = other.person(LEADER, "Lea"), other.person(ALI, "Ali")
    mark = slack.mark()

    # Buttons on Team Nord's messages: the leader's controls, a form, the preparation.
    for command in (c.Extend, c.Cancel, c.Advance):
        lea_elsewhere.click_choice(step2, command)
        other_bot.tells(LEADER, NO_MEETING)
    lea_elsewhere.click(step2, "dd_open_addobservation")
    other_bot.tells(LEADER, NO_MEETING)
    ali_elsewhere.click(invitation, "dd_prepare")
    other_bot.dms(ALI, NO_MEETING)

    # Team Nord's forms submitted from T9999, and a setup form naming #team-nord.
    lea_elsewhere.submit(observation_form, text="Written in another workspace")
    other_bot.tells(LEADER, NO_MEETING)
    lea_elsewhere.submit(settings_form, name="Taken over")
    other_bot.tells(LEADER, NO_GROUP)
    lea_elsewhere.slash("setup", "C9NINE")
    setup = other_bot.opens("dd_setup")
    lea_elsewhere.submit(
        setup, name="Team Nine", leader=LEADER, participants=list(PARTICIPANTS), channel=NORD
    )
    other_bot.tells(LEADER, "A group cannot be set up in that channel from this workspace")

    # Typed in #team-nord from T9999, and App Home there.
    lea_elsewhere.slash("cancel", NORD)
    other_bot.responds("This channel has no reflection group yet")
    opened = {"type": "app_home_opened", "user": LEADER, "channel": "D0HOME", "tab": "home",
              "event_ts": f"{time.time():.6f}"}  # fmt: skip
    other.event(opened, event_id="Ev9HOME")
    other_bot.calls("views.publish")

    said = said_since(slack, mark)
    assert "Team Nord" not in said, said
    assert not [call for call in slack.since(mark) if call.method == "views.open"
                and "dd_setup" not in call.raw + str(call.params)]  # fmt: skip
    assert rows(tmp_path) == before

    # Team Nord itself goes on as before (the fake's auth.test answers for one workspace).
    slack.team_id = nord.team_id
    lea.click_choice(step2, c.Extend)
    bot.posts(NORD, "more minutes for")


def test_with_one_token_a_request_from_another_workspace_or_enterprise_is_dropped(
    workspace: Workspace, bot: Bot, slack: FakeSlack, tmp_path
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")
    lea.slash("start", NORD)
    step1 = bot.posts(NORD, "Step 1 of 4 · Since last")
    slack.quiet()
    before = rows(tmp_path)

    other = Workspace(workspace.bot_url, SECRET, slack, team_id=OTHER)
    elsewhere = other.person(LEADER, "Lea")
    assert elsewhere.click_choice(step1, c.Cancel).status == 200
    pressed = elsewhere.last
    Bot(other).says_nothing()
    assert elsewhere.slash("cancel yes", NORD).status == 200
    Bot(other).says_nothing()

    # The workspace's own team id, but another enterprise (Enterprise Grid) than the token's.
    click = {**pressed, "team": {"id": workspace.team_id, "domain": "nord"}}
    click["user"] = {**click["user"], "team_id": workspace.team_id}
    click["enterprise"] = {"id": "E0OTHER", "name": "Other"}
    click["actions"] = [{**click["actions"][0], "action_ts": f"{time.time():.6f}"}]
    assert workspace.send("interactive", click).status == 200
    bot.says_nothing()
    typed = {**lea.slash_payload("cancel yes", NORD), "enterprise_id": "E0OTHER"}
    assert workspace.send("slash_commands", typed).status == 200
    bot.says_nothing()

    assert rows(tmp_path) == before
    lea.click_choice(step1, c.Extend)  # the workspace's own requests still count
    bot.posts(NORD, "more minutes for")


def test_a_form_slack_would_not_open_is_answered_with_press_again(
    workspace: Workspace, bot: Bot, slack: FakeSlack
) -> None:
    set_up_team_nord(workspace, bot)
    lea = workspace.person(LEADER, "Lea")
    lea.slash("prepare", NORD)
    invitation = bot.dms(ALI, "Prepare for the reflection meeting in Team Nord")
    ali = workspace.person(ALI, "Ali")

    slack.fail_next("views.open", "expired_trigger_id")
    ali.click(invitation, "dd_prepare")
    bot.dms(ALI, "Slack took too long to open the form")
    ali.click(invitation, "dd_prepare")  # pressed again: the form opens
    bot.opens("dd_prep")

    slack.fail_next("views.open", "expired_trigger_id")
    lea.slash("settings", NORD)
    bot.tells(LEADER, "Slack took too long to open the form")
