"""Multi-workspace installation: /slack/install -> Slack -> /slack/oauth_redirect -> stored.

The installation lands in the project's database through slack_sdk's SQLAlchemy
stores, and requests from that workspace are then answered with its own bot token.
No token is stored in plain text (issue 15: every column of every table is read back),
and with Slack's token rotation an expiring token is exchanged before it is used.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, select, text

from storage.database import make_engine
from storage.slack_tables import installations_table
from tests.e2e.slack.conftest import SECRET, ServedBot, free_port, set_up_team_nord, slack_env
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.slack.people import Bot, Workspace

pytestmark = pytest.mark.e2e


@pytest.fixture
def oauth_served(tmp_path, slack) -> Iterator[ServedBot]:
    port = free_port()
    env = slack_env(
        tmp_path,
        slack,
        port,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="oauth-client-secret",
        DATADIALOG_SECRET_KEYS=Fernet.generate_key().decode("ascii"),
    )
    env.pop("SLACK_BOT_TOKEN")
    bot = ServedBot(env, tmp_path)
    bot.wait_for("listening on")
    bot.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    try:
        yield bot
    finally:
        bot.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _install(oauth_served: ServedBot) -> None:
    """A person installs the app in Slack's workspace Nord, through the bot's OAuth pages."""
    browser = urllib.request.build_opener(NoRedirect)
    with browser.open(f"{oauth_served.url}/slack/install", timeout=10) as answer:
        page = answer.read().decode()
        # Bolt marks the state cookie Secure (production runs behind HTTPS); over the
        # test's plain HTTP the browser's part is played by hand.
        cookie = answer.headers["Set-Cookie"].split(";")[0]
    authorize = next(part for part in page.split('"') if "oauth/v2/authorize" in part)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize.replace("&amp;", "&")).query)
    assert query["client_id"] == ["111.222"] and "commands" in query["scope"][0]
    state = query["state"][0]

    # Slack sends the person back with a code; the bot exchanges it and stores the installation.
    callback = urllib.request.Request(
        f"{oauth_served.url}/slack/oauth_redirect?code=the-code&state={state}",
        headers={"Cookie": cookie},
    )
    with browser.open(callback, timeout=10) as answer:
        assert answer.status == 200


def _stored(tmp_path) -> str:
    """Every value of every row of every table of the bot's database, as text."""
    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(select(installations_table.c.team_id)).scalars().all() == ["T0NORD"]
            return "\n".join(
                repr(tuple(row))
                for name in inspect(conn).get_table_names()
                for row in conn.execute(text(f'SELECT * FROM "{name}"'))
            )
    finally:
        engine.dispose()


def test_a_workspace_installs_the_app_and_is_then_served_with_its_own_token(
    oauth_served: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    _install(oauth_served)
    (exchange,) = slack.of("oauth.v2.access")
    assert exchange.params["code"] == "the-code"
    stored = _stored(tmp_path)
    assert "xoxb-installed-token" not in stored and "installed-token" not in stored

    # Requests from the installed workspace are answered with its bot token.
    workspace = Workspace(f"{oauth_served.url}/slack/events", SECRET, slack)
    set_up_team_nord(workspace, Bot(workspace))
    posted = slack.of("chat.postMessage")[-1]
    assert posted.token == "xoxb-installed-token"
    assert "oauth-client-secret" not in "\n".join(oauth_served.output)


def test_an_expiring_token_is_exchanged_before_it_is_used_and_stored_encrypted(
    oauth_served: ServedBot, slack: FakeSlack, tmp_path
) -> None:
    slack.token_expires_in = 60  # expires within Bolt's two hours: exchanged on first use
    _install(oauth_served)
    first_refresh = slack.refresh_token

    workspace = Workspace(f"{oauth_served.url}/slack/events", SECRET, slack)
    set_up_team_nord(workspace, Bot(workspace))

    (rotation,) = [c for c in slack.of("oauth.v2.access") if "refresh_token" in c.params]
    assert rotation.params["grant_type"] == "refresh_token"
    assert rotation.params["refresh_token"] == first_refresh
    posted = slack.of("chat.postMessage")[-1]
    assert posted.token is not None and posted.token.startswith("xoxe.xoxb-1-rotated-")
    stored = _stored(tmp_path)
    for secret in ("xoxb-installed-token", posted.token, first_refresh, slack.refresh_token):
        assert secret not in stored
