"""Uninstall (issue 15), over real HTTP: Slack's signed `app_uninstalled` and `tokens_revoked`
events to `datadialog serve` (OAuth, several workspaces) delete the workspace's tokens at
once (the raw rows are read) and freeze its groups; a retried event (the same event id) is
acted on once, and installing the app again thaws the groups."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.audit import AuditRow
from storage.database import make_engine
from storage.slack_tables import bots_table, installations_table
from storage.tables import GroupRow
from tests.e2e.slack.conftest import SECRET, ServedBot, set_up_team_nord
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace
from tests.e2e.slack.test_oauth import _install, oauth_served

pytestmark = pytest.mark.e2e

__all__ = ["oauth_served"]  # the fixture, used by name


def _read(tmp_path, query: Callable[[Any], Any]) -> Any:
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            return query(conn)
    finally:
        engine.dispose()


def _state(tmp_path) -> dict[str, Any]:
    """The raw rows: how many installations and bots are stored, the group's archive and
    freeze, and the audit rows about installing."""

    def read(conn: Any) -> dict[str, Any]:
        count = select(func.count())
        audit = select(AuditRow.actor, AuditRow.platform, AuditRow.action, AuditRow.reference)
        wanted = ("installed", "uninstalled", "group_frozen", "group_thawed", "group_archived")
        return {
            "installations": conn.execute(count.select_from(installations_table)).scalar_one(),
            "bots": conn.execute(count.select_from(bots_table)).scalar_one(),
            "group": tuple(conn.execute(select(GroupRow.archived_at, GroupRow.frozen_at)).one()),
            "audit": [
                tuple(row)
                for row in conn.execute(audit.order_by(AuditRow.id))
                if row.action in wanted
            ],
        }

    return _read(tmp_path, read)


def _until(tmp_path, done: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict:
    """The state once `done` holds (the work runs right after the ack)."""
    deadline = time.monotonic() + timeout
    while True:
        state = _state(tmp_path)
        if done(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def _installed_with_team_nord(oauth_served: ServedBot, slack: FakeSlack, tmp_path) -> Workspace:
    _install(oauth_served)
    workspace = Workspace(f"{oauth_served.url}/slack/events", SECRET, slack)
    set_up_team_nord(workspace, Bot(workspace))
    state = _state(tmp_path)
    assert (state["installations"], state["bots"], state["group"]) == (1, 1, (None, None))
    return workspace


INSTALLED = ("U0LEA", "slack", "installed", "team:T0NORD")
FROZEN = ("system", "slack", "group_frozen", "team:T0NORD")
ARCHIVED = ("system", "system", "group_archived", "")
THAWED = ("system", "slack", "group_thawed", "team:T0NORD")


def test_app_uninstalled_deletes_the_tokens_at_once_freezes_and_a_retry_acts_once(
    oauth_served: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    workspace = _installed_with_team_nord(oauth_served, slack, tmp_path)

    uninstall = {"type": "app_uninstalled"}
    assert workspace.event(uninstall, event_id="Ev0UNINSTALL").status == 200
    state = _until(tmp_path, lambda s: s["group"][1] is not None)
    assert (state["installations"], state["bots"]) == (0, 0)  # every token gone
    archived, frozen = state["group"]
    assert frozen is not None and archived == frozen  # frozen, archived by the freeze
    uninstalled = ("system", "slack", "uninstalled", "team:T0NORD")
    assert state["audit"] == [INSTALLED, uninstalled, ARCHIVED, FROZEN]

    _install(oauth_served)  # installed again within the grace period: thawed
    state = _until(tmp_path, lambda s: s["group"] == (None, None))
    assert (state["installations"], state["bots"], state["group"]) == (1, 1, (None, None))
    assert state["audit"][4:] == [INSTALLED, THAWED]

    # Slack retries the first event (same event id): it was acted on, so nothing happens.
    assert workspace.event(uninstall, event_id="Ev0UNINSTALL", retry=1).status == 200
    time.sleep(1.0)
    again = _state(tmp_path)
    assert (again["installations"], again["bots"], again["group"]) == (1, 1, (None, None))
    assert again["audit"] == state["audit"]


def test_tokens_revoked_deletes_them_and_freezes_only_when_the_bot_is_gone(
    oauth_served: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    workspace = _installed_with_team_nord(oauth_served, slack, tmp_path)

    revoked = {"type": "tokens_revoked", "tokens": {"oauth": ["U0LEA"]}}
    assert workspace.event(revoked, event_id="Ev0USER").status == 200
    state = _until(tmp_path, lambda s: len(s["audit"]) == 2)
    assert (state["installations"], state["bots"], state["group"]) == (0, 1, (None, None))
    users = ("system", "slack", "uninstalled", "team:T0NORD users:1 bots:0")
    assert state["audit"] == [INSTALLED, users]  # the bot is still there: nothing frozen

    revoked = {"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}}
    assert workspace.event(revoked, event_id="Ev0BOT").status == 200
    state = _until(tmp_path, lambda s: s["group"][1] is not None)
    assert (state["installations"], state["bots"]) == (0, 0)
    bots = ("system", "slack", "uninstalled", "team:T0NORD users:0 bots:1")
    assert state["audit"] == [INSTALLED, users, bots, ARCHIVED, FROZEN]
