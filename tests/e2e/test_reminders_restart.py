"""A process stopped across a day and started again: what still makes sense is sent, the
rest is expired (a preparation reminder for a meeting already held never goes out).

Real processes on one SQLite file: `datadialog reminders send-due` runs the reminder job
once, as every `datadialog serve` does on each tick. The day the bot is down is simulated
by moving the meeting and every reminder three days back in the database between the two
runs, so "now" is a day after the meeting when the second process starts.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from flows.reminder_plan import Reminder, ReminderKind
from storage.database import make_engine, session_factory
from storage.reminder_tables import ReminderRow
from storage.tables import MeetingRow
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.serve import environment, run_cli

pytestmark = pytest.mark.e2e

DOWN = timedelta(days=3)


def _rows(url: str) -> dict[int, tuple[str, str]]:
    """Every reminder row: id -> (kind, status)."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            return {r.id: (r.kind, r.status) for r in session.scalars(select(ReminderRow))}
    finally:
        engine.dispose()


def _a_day_passes_while_nobody_runs(url: str) -> None:
    """Everything scheduled moves three days earlier: the meeting is now yesterday."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            for meeting in session.scalars(select(MeetingRow)):
                meeting.scheduled_at -= DOWN
            for row in session.scalars(select(ReminderRow)):
                row.due_at -= DOWN
                row.available_at -= DOWN
                if row.expires_at is not None:
                    row.expires_at -= DOWN
                if "at" in (row.payload or {}):
                    at = datetime.fromisoformat(row.payload["at"]) - DOWN
                    row.payload = {**row.payload, "at": at.isoformat()}
            session.commit()
        # A note someone queued for yesterday afternoon: it still makes sense today.
        with SqlUnitOfWork(session_factory(engine)) as uow:
            (group,) = uow.groups.list()
            yesterday = datetime.now().astimezone() - timedelta(days=1)
            note = Reminder(ReminderKind.NOTE, group.leader.user_id, yesterday, group.id or 0,
                            "operator", payload={"text": "Bring the printed charts"})  # fmt: skip
            uow.reminders.add(note)
            uow.commit()
    finally:
        engine.dispose()


def test_a_process_stopped_across_a_day_sends_what_makes_sense_and_expires_the_rest(tmp_path):
    url = f"sqlite:///{tmp_path / 'team.db'}"
    env = environment(url)
    first = (datetime.now() + timedelta(days=2)).replace(hour=9, minute=0, second=0)
    made = run_cli(env, "group", "create", "Team Nord", "--leader", "Lea", "--participant", "Ali",
                   "--participant", "Bo", "--holidays", "keep",
                   "--first", f"{first:%Y-%m-%d %H:%M}", cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr

    # The bot runs: the invitations go out, and the preparation requests (due three days
    # before a meeting two days away, so already due) too.
    running = run_cli(env, "reminders", "send-due", cwd=tmp_path)
    assert running.returncode == 0, running.stderr
    before = _rows(url)
    kinds = Counter(before.values())
    assert kinds[("invitation", "sent")] == 3
    assert kinds[("preparation_request", "sent")] == 2
    waiting = {i: kind for i, (kind, status) in before.items() if status == "pending"}
    assert {"leader_status", "start_nudge"} <= set(waiting.values())

    _a_day_passes_while_nobody_runs(url)

    restarted = run_cli(env, "reminders", "send-due", cwd=tmp_path)
    assert restarted.returncode == 0, restarted.stderr
    assert "Bring the printed charts" in restarted.stdout  # still makes sense: sent
    after = _rows(url)
    assert [status for kind, status in after.values() if kind == "note"] == ["sent"]
    # Everything that waited was about the meeting, which is now over: expired, not sent.
    assert {i: after[i] for i in waiting} == {i: (kind, "expired") for i, kind in waiting.items()}
    after = Counter(after.values())
    print(f"\n  after a day down: {dict(after)}")
