"""Outside dev mode `datadialog serve` refuses Teams requests without a valid token.

The process runs with an app id and password as in production; a request with
no token, a malformed header or a token that is not a valid JWT is answered 401
before anything is read, and changes nothing: no call to the Bot Connector, no
row in the database. (Tokens signed with a wrong key, for another app, or expired,
are checked offline in tests/integration/test_teams_auth.py.)
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.database import make_engine
from storage.inbox import InboxRow
from storage.tables import GroupRow
from storage.teams_tables import TeamsConversationRow
from tests.e2e.serve import run_cli
from tests.e2e.teams.conftest import free_port, serve, teams_env
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import Team

pytestmark = pytest.mark.e2e


def test_without_dev_mode_requests_without_a_valid_token_are_refused(
    tmp_path, connector: FakeConnector
) -> None:
    bot = serve(tmp_path, DATADIALOG_DEV_MODE="false", TEAMS_APP_PASSWORD="app-secret")
    try:
        team = Team(bot.url, connector)
        lea = team.person("29:lea", "Lea")
        for token in ("", "not-a-jwt", "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0."):
            team.token = token
            assert team.install(lea).status == 401
            assert lea.says("setup Team Nord", team.person("29:ali", "Ali")).status == 401
    finally:
        assert bot.stop() == 0
    assert connector.calls == []
    engine = make_engine(bot.env["DATADIALOG_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            for table in (GroupRow, TeamsConversationRow, InboxRow):
                assert conn.execute(select(func.count()).select_from(table)).scalar() == 0
    finally:
        engine.dispose()
    assert "app-secret" not in "\n".join(bot.output)


def test_without_dev_mode_and_without_the_password_serve_will_not_start(tmp_path) -> None:
    env = teams_env(tmp_path, free_port(), DATADIALOG_DEV_MODE="false")
    result = run_cli(env, "serve", cwd=tmp_path)
    assert result.returncode == 2
    assert "TEAMS_APP_PASSWORD is required" in result.stderr
