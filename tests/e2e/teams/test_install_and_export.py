"""Teams and issue 15, over real HTTP against the fake Bot Connector: installing the bot in
a team writes an audit row (who added it, in which tenant, to what), and a leader who
types `eksport` is told that the operator exports on the command line (Teams gets no
file here), which logs no export."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.audit import AuditRow
from storage.database import make_engine
from tests.e2e.teams.conftest import ServedBot
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import NORD, TENANT, Team

pytestmark = pytest.mark.e2e

LEA, ALI = "29:lea", "29:ali"


def _audit(tmp_path) -> list[tuple[str, ...]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            query = select(AuditRow.actor, AuditRow.platform, AuditRow.action, AuditRow.reference)
            return [tuple(row) for row in conn.execute(query.order_by(AuditRow.id))]
    finally:
        engine.dispose()


def test_an_install_is_logged_and_the_export_is_the_operators(
    team: Team, connector: FakeConnector, served: ServedBot, tmp_path
) -> None:
    lea, ali = team.person(LEA, "Lea"), team.person(ALI, "Ali")
    team.install(lea)
    lea.says("setup Team Nord", ali)
    connector.wait_for(NORD, "The group Team Nord is set up")
    installed = _audit(tmp_path)[0]
    assert installed[:3] == (LEA, "teams", "installed")
    assert installed[3].startswith(f"tenant:{TENANT} conversation:")

    mark = connector.mark()
    lea.says("eksport")
    connector.wait_for(NORD, "The operator can export Team Nord on the command line",
                       "datadialog export --group", after=mark)  # fmt: skip
    assert "exported" not in {row[2] for row in _audit(tmp_path)}
