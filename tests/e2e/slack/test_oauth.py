"""Multi-workspace installation: /slack/install -> Slack -> /slack/oauth_redirect -> stored.

The installation lands in the project's database through slack_sdk's SQLAlchemy
stores, and requests from that workspace are then answered with its own bot token.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from sqlalchemy import select

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
        tmp_path, slack, port, SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="oauth-client-secret"
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


def test_a_workspace_installs_the_app_and_is_then_served_with_its_own_token(
    oauth_served: ServedBot, slack: FakeSlack, tmp_path
) -> None:
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
    (exchange,) = slack.of("oauth.v2.access")
    assert exchange.params["code"] == "the-code"

    engine = make_engine(f"sqlite:///{tmp_path / 'datadialog.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(installations_table.c.team_id)).all()
    finally:
        engine.dispose()
    assert [r.team_id for r in rows] == ["T0NORD"]

    # Requests from the installed workspace are answered with its bot token.
    workspace = Workspace(f"{oauth_served.url}/slack/events", SECRET, slack)
    set_up_team_nord(workspace, Bot(workspace))
    posted = slack.of("chat.postMessage")[-1]
    assert posted.token == "xoxb-installed-token"
    assert "oauth-client-secret" not in "\n".join(oauth_served.output)
