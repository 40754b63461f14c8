"""Uninstall (issue 15) in Teams, over real HTTP against the fake Bot Connector: the bot
removed from a team (`installationUpdate` remove, or a `conversationUpdate` whose
membersRemoved holds the bot) freezes the groups of every channel of the team and deletes
the conversation references kept for them; the bot added again (`installationUpdate` add,
or the `conversationUpdate` adding it) thaws them and keeps the reference again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from storage.audit import AuditRow
from storage.database import make_engine
from storage.tables import GroupRow
from storage.teams_tables import TeamsConversationRow
from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import BOT_ID, NORD, TEAM, TEAM_GROUP, TENANT, Person, Team

pytestmark = pytest.mark.e2e

LEA, ALI = "29:lea", "29:ali"
SYD = "19:syd-channel@thread.tacv2"  # a second channel of the same team


@dataclass
class Channels(Team):
    """The team, its people writing in the channel `here`."""

    here: str = NORD

    def channel(self) -> dict[str, Any]:
        return {**super().channel(), "id": self.here}

    def channel_data(self) -> dict[str, Any]:
        return {**super().channel_data(), "channel": {"id": self.here}}

    def installation_update(self, by: Person, action: str) -> None:
        activity = self.base(by, self.channel())
        activity.update(type="installationUpdate", action=action, channelData=self.channel_data())
        assert 200 <= self.post(activity).status < 300

    def bot_removed(self, by: Person) -> None:
        activity = self.base(by, self.channel())
        activity.update(
            type="conversationUpdate",
            membersRemoved=[{"id": BOT_ID}],
            channelData={**self.channel_data(), "eventType": "teamMemberRemoved"},
        )
        assert 200 <= self.post(activity).status < 300


def _read(tmp_path) -> dict[str, Any]:
    """The raw rows: each group's name -> (archived, frozen), the kept channel references,
    and the audit rows about installing."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    wanted = ("installed", "uninstalled", "group_frozen", "group_thawed")
    try:
        with engine.connect() as conn:
            groups = conn.execute(select(GroupRow.name, GroupRow.archived_at, GroupRow.frozen_at))
            keys = conn.execute(select(TeamsConversationRow.key)).scalars()
            audit = select(AuditRow.actor, AuditRow.action, AuditRow.reference)
            return {
                "groups": {name: (archived, frozen) for name, archived, frozen in groups},
                "channels": sorted(k for k in keys if k.startswith("channel:")),
                "audit": [
                    tuple(row)
                    for row in conn.execute(audit.order_by(AuditRow.id))
                    if row.action in wanted
                ],
            }
    finally:
        engine.dispose()


def _all_frozen_by_the_removal(state: dict[str, Any]) -> bool:
    return all(frozen is not None and archived == frozen
               for archived, frozen in state["groups"].values())  # fmt: skip


UNINSTALLED = (LEA, "uninstalled", f"tenant:{TENANT} conversation:channel")
FROZEN = [("system", "group_frozen", f"team:{TEAM_GROUP}")] * 2
THAWED = [("system", "group_thawed", f"team:{TEAM_GROUP}")] * 2
WHERE = f"tenant:{TENANT} conversation:channel"


def test_removing_the_bot_freezes_the_teams_groups_and_adding_it_thaws_them(
    served: ServedBot, connector: FakeConnector, tmp_path
) -> None:
    team = Channels(served.url, connector)
    lea, ali = team.person(LEA, "Lea"), team.person(ALI, "Ali")
    team.install(lea)
    lea.says("setup Team Nord", ali)
    connector.wait_for(NORD, "The group Team Nord is set up")
    team.here = SYD
    lea.says("setup Team Syd", ali)
    connector.wait_for(SYD, "The group Team Syd is set up")
    team.here = NORD
    before = _read(tmp_path)
    assert before["channels"] == [f"channel:{NORD}", f"channel:{SYD}"]
    assert before["groups"] == {"Team Nord": (None, None), "Team Syd": (None, None)}

    team.installation_update(lea, "remove")  # Teams answers once the work is done
    state = _read(tmp_path)
    assert _all_frozen_by_the_removal(state)  # both channels' groups, archived by the freeze
    assert state["channels"] == []  # the team's references deleted
    assert state["audit"] == [(LEA, "installed", WHERE), UNINSTALLED, *FROZEN]

    team.installation_update(lea, "add")
    state = _read(tmp_path)
    assert state["groups"] == {"Team Nord": (None, None), "Team Syd": (None, None)}
    assert state["channels"] == [f"channel:{NORD}"]  # kept again, where the bot was added
    assert state["audit"][4:] == THAWED

    mark = connector.mark()
    team.bot_removed(lea)  # the other way Teams tells it
    state = _read(tmp_path)
    assert _all_frozen_by_the_removal(state)
    assert state["channels"] == []
    assert state["audit"][6:] == [UNINSTALLED, *FROZEN]

    team.install(lea)  # the conversationUpdate adding the bot: thawed, and welcomed
    connector.wait_for(NORD, after=mark)
    state = _read(tmp_path)
    assert state["groups"] == {"Team Nord": (None, None), "Team Syd": (None, None)}
    assert state["audit"][9:] == [*THAWED, (LEA, "installed", WHERE)]
    assert TEAM not in "".join(state["channels"])  # the team's id is no channel of a group
