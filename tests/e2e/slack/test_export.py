"""The leader's export in Slack (issue 15), over real HTTP against the fake Slack: Lea types
`/dialog eksport` and gets the group's zip as a file in her DM; Ali, a participant, is
refused; both asks are in the audit log only when allowed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.audit import AuditRow
from storage.database import make_engine
from tests.e2e.slack.conftest import LEADER, NORD, PARTICIPANTS, set_up_team_nord
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e

ALI = PARTICIPANTS[0]


def test_the_leader_gets_the_export_in_her_dm_and_a_participant_is_refused(
    workspace: Workspace, bot: Bot, slack: FakeSlack, tmp_path
) -> None:
    set_up_team_nord(workspace, bot)
    lea, ali = workspace.person(LEADER, "Lea"), workspace.person(ALI, "Ali")

    lea.slash("help", NORD)
    bot.responds("export (eksport): the group's data as one zip file")

    ali.slash("export", NORD)
    bot.tells(ALI, "Only a group's meeting leader can export its data")

    lea.slash("eksport", NORD)
    done = bot.calls("files.completeUploadExternal")
    assert done.channel == f"D{LEADER}"
    assert "datadialog-export-team-nord-" in done.raw and ".zip" in done.raw
    assert [c for c in slack.of("upload") if c.params["size"] > 200]
    bot.tells(LEADER, "The export of Team Nord is in your direct messages")

    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(AuditRow.actor, AuditRow.platform, AuditRow.action)).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows if r.action == "exported"] == [(LEADER, "slack", "exported")]
