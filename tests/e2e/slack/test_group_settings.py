"""A group changes from Slack (issue 14), over real HTTP against the fake Slack.

Ali may not open the settings; Lea runs meeting 1 to its close with an action Ali owns, then
opens `/dialog settings` (a modal holding the group as it is) and takes Ali out of the
participants: the channel is told, Lea is told about Ali's open action, and Ali's pending
reminders are cancelled, as the SQLite file the process wrote shows. A person twice keeps
the modal open, the error beside the field. She renames the group through the modal opened
in Danish (`/dialog indstillinger`), and archives and unarchives it typed in Danish.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from flows.reminder_plan import Reminder, ReminderStatus
from storage.database import make_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.slack.conftest import LEADER, NORD, PARTICIPANTS, set_up_team_nord
from tests.e2e.slack.fake_slack import Call
from tests.e2e.slack.people import Bot, Person, Workspace

pytestmark = pytest.mark.e2e

ALI, BO, CAI, DINA = PARTICIPANTS


def pending_reminders(tmp_path: Path) -> list[Reminder]:
    """The reminders still to be sent, read from the database the process writes."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        uow = SqlUnitOfWork(session_factory(engine))
        with uow:
            return uow.reminders.list(statuses=frozenset({ReminderStatus.PENDING}))
    finally:
        engine.dispose()


def close_meeting_with_alis_action(lea: Person, bot: Bot) -> None:
    """Meeting 1 from its start to its close (a theme, the focus, a goal), with one action:
    Ali's."""

    def fill_in(step: Call, form: str, **values: Any) -> None:
        lea.click(step, f"dd_open_{form}")
        lea.submit(bot.opens(f"dd_form_{form}"), **values)

    lea.slash("start", NORD)
    step = bot.posts(NORD, "Step 1 of 4 · Since last")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 2 of 4 · Explore")
    fill_in(step, "proposetheme", title="Evening routines")
    bot.posts(NORD, "Themes (most votes first)", "Evening routines")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 3 of 4 · Interpret")
    fill_in(step, "choosefocus", theme_number=1)
    bot.posts(NORD, "Focus area: Evening routines")
    lea.click(step, "dd_advance")
    step = bot.posts(NORD, "Step 4 of 4 · Prepare action")
    fill_in(step, "setgoal", long_term="short", text="Calm evenings")
    bot.posts(NORD, "Goal by the next meeting: Calm evenings")
    due = (date.today() + timedelta(days=14)).isoformat()
    fill_in(step, "addaction", what="Fixed evening routine", owner=ALI, follow_up=LEADER, due=due)
    bot.posts(NORD, "New action: 1. Fixed evening routine: owner Ali")
    lea.click(step, "dd_advance")
    bot.posts(NORD, "Meeting 1 is closed")
    bot.posts(NORD, "The next meeting (2) is scheduled")


def test_a_leader_changes_the_group_in_the_settings_modal(
    workspace: Workspace, bot: Bot, tmp_path: Path
) -> None:
    set_up_team_nord(workspace, bot)
    lea, ali = workspace.person(LEADER, "Lea"), workspace.person(ALI, "Ali")

    # Only a leader gets the modal; Ali is told so, only Ali sees it.
    ali.slash("settings", NORD)
    bot.tells(ALI, "Only the meeting leader (Lea) or the co-leader can change the group")

    close_meeting_with_alis_action(lea, bot)
    workspace.slack.quiet()
    assert [r for r in pending_reminders(tmp_path) if r.recipient == ALI]

    # The modal holds the group as it is.
    lea.slash("settings", NORD)
    modal = bot.opens("dd_settings")
    blocks = {b["block_id"]: b["element"] for b in modal.params["view"]["blocks"]}
    assert blocks["participants"]["initial_users"] == list(PARTICIPANTS)
    assert blocks["leader"]["initial_user"] == LEADER
    assert blocks["name"]["initial_value"] == "Team Nord"

    # A person twice keeps it open, the error beside the participants; nothing is sent.
    twice = lea.submit(modal, participants=[BO, CAI, LEADER])
    assert json.loads(twice.body)["response_action"] == "errors"
    assert "more than once" in json.loads(twice.body)["errors"]["participants"]
    bot.says_nothing()

    # Ali taken out: the channel is told, Lea gets Ali's open action, Ali's reminders stop.
    lea.submit(modal, participants=[BO, CAI, DINA])
    bot.posts(NORD, "Ali has left Team Nord. Everything Ali wrote stays.")
    bot.tells(LEADER, "Ali had 1 open action", "Fixed evening routine (meeting 1")
    bot.tells(LEADER, "Give each to someone else by editing it")
    workspace.slack.quiet()
    left = pending_reminders(tmp_path)
    assert not [r for r in left if r.recipient == ALI]
    assert [r for r in left if r.recipient == BO]  # the others are still reminded

    # Renamed in the modal opened in Danish; only the name changed, so only it is said.
    lea.slash("indstillinger", NORD)
    lea.submit(bot.opens("dd_settings"), name="Team Nordvest")
    bot.posts(NORD, "The group Team Nord is now called Team Nordvest.")
    workspace.slack.quiet()
    said = [c.text for c in workspace.slack.since(workspace.turn_start) if c.method[:5] == "chat."]
    assert len(said) == 1, said

    # Archived and brought back, typed in Danish; archived, a meeting command is refused.
    lea.slash("arkivér", NORD)
    bot.posts(NORD, "Team Nordvest is archived")
    lea.slash("start", NORD)
    bot.tells(LEADER, "The group Team Nordvest is archived")
    lea.slash("genåbn", NORD)
    bot.posts(NORD, "Team Nordvest is active again.")
