"""`datadialog reminders send-due` delivers each reminder on its group's own platform.

One database holds a Slack group, a Teams group and a console group, each with a note due
for its members; only Slack is configured. The command (a real subprocess) sends the Slack
group's notes to the fake Slack Web API as direct messages, prints the console group's,
leaves the Teams group's pending (never marked sent) and says so in one line.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from flows import service
from flows.commands import CreateGroup
from flows.model import Level
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus
from storage.database import make_engine, session_factory, upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import environment, run_cli
from tests.e2e.slack.fake_slack import FakeSlack
from tests.fakes import FixedClock

pytestmark = pytest.mark.e2e

TOKEN = "xoxb-send-due-token"
GROUPS = {  # name: (workspace, channel, leader, participant)
    "Team Nord": ("slack:T0NORD", "C0NORD", "U0LEA", "U0ALI"),
    "Team Syd": ("teams:72f988bf-0000-4000-8000-00000000d1a1", "19:syd@thread.tacv2",
                 "29:sara", "29:tom"),
    "Team Øst": ("", "", "mia", "noah"),
}  # fmt: skip


def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(session_factory(engine))


def three_groups_with_notes_due(engine: Engine) -> None:
    """Each group created as its platform would, its planned reminders cancelled, then a
    note due a minute ago for each member."""
    clock = FixedClock(datetime.now(UTC) - timedelta(minutes=1))
    for name, (workspace, channel, leader, participant) in GROUPS.items():
        cmd = CreateGroup(
            actor=leader, name=name, level=Level.CITIZEN, leader=(leader, leader),
            participants=((participant, participant),), channel=channel, workspace=workspace,
        )  # fmt: skip
        service.handle(cmd, uow(engine), clock)
    with uow(engine) as work:
        for planned in work.reminders.list():
            work.reminders.cancel(planned.source)
        for group in work.groups.list():
            for member in group.members:
                text = {"text": f"Note for {member.user_id}"}
                work.reminders.add(
                    Reminder(ReminderKind.NOTE, member.user_id, clock.now(), group.id or 0, "t",
                             payload=text)
                )  # fmt: skip
        work.commit()


def notes(engine: Engine) -> dict[str, Reminder]:
    with uow(engine) as work:
        return {r.recipient: r for r in work.reminders.list() if r.kind is ReminderKind.NOTE}


def test_send_due_delivers_on_each_groups_platform_and_leaves_the_unconfigured_pending(tmp_path):
    url = f"sqlite:///{tmp_path / 'three.db'}"
    upgrade(url)
    engine = make_engine(url)
    slack = FakeSlack().start()
    try:
        three_groups_with_notes_due(engine)
        env = environment(url, DATADIALOG_SLACK_API_URL=slack.api_url, SLACK_BOT_TOKEN=TOKEN)
        for key in ("SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID",
                    "SLACK_CLIENT_SECRET", "TEAMS_APP_ID", "TEAMS_APP_PASSWORD"):  # fmt: skip
            env.pop(key, None)

        done = run_cli(env, "reminders", "send-due", cwd=tmp_path)

        assert done.returncode == 0, done.stdout + done.stderr
        # Slack: a direct message each, with the bot's token.
        posted = {c.channel: c for c in slack.of("chat.postMessage")}
        assert set(posted) == {"DU0LEA", "DU0ALI"}
        assert "Note for U0ALI" in posted["DU0ALI"].text
        assert {c.token for c in posted.values()} == {TOKEN}
        # The console group's notes are printed; nothing of the Teams group's anywhere.
        assert "Note for mia" in done.stdout and "Note for noah" in done.stdout
        assert "29:" not in done.stdout and "29:" not in str([c.params for c in slack.calls])
        assert "Sent: 4" in done.stdout
        lines = [line for line in done.stdout.splitlines() if "Left pending" in line]
        assert lines == [
            "Left pending: 2 for Microsoft Teams, which is not configured here (a bot running "
            "with it sends them)."
        ]
        after = {who: (r.status, r.sent_at is None) for who, r in notes(engine).items()}
        assert after == {
            "U0LEA": (ReminderStatus.SENT, False), "U0ALI": (ReminderStatus.SENT, False),
            "mia": (ReminderStatus.SENT, False), "noah": (ReminderStatus.SENT, False),
            "29:sara": (ReminderStatus.PENDING, True), "29:tom": (ReminderStatus.PENDING, True),
        }  # fmt: skip
        assert notes(engine)["29:tom"].last_error.startswith("NoTransport: no teams transport")
    finally:
        slack.stop()
        engine.dispose()
