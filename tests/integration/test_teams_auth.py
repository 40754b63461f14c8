"""Outside dev mode, /api/messages only accepts requests carrying a valid token for our app.

The web app runs in-process on a real port. Tokens are signed with an RSA key
generated here; the SDK's signing-key lookup (normally the Bot Framework JWKS
endpoint) is pointed at that key, and MSAL's token request for outgoing calls
returns a fixed token, so the test needs no network. A refused request changes
nothing: no group, no stored conversation reference, no processed activity,
no call to the Bot Connector.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from aiohttp import ClientSession, web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt import PyJWK
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import JwtTokenValidator
from sqlalchemy import func, select

from bot.main import start_runtime
from bot.teams.app import build_teams
from bot.web import build_web_app
from config.settings import Settings
from storage.inbox import InboxRow
from storage.tables import GroupRow
from storage.teams_tables import TeamsConversationRow
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.people import BOT_ID, NORD, TENANT

pytestmark = pytest.mark.storage

APP_ID = "00000000-0000-4000-8000-0000000000a1"
ISSUER = "https://api.botframework.com"
OUR_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(key: Any = OUR_KEY, **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": APP_ID, "iat": now, "nbf": now, "exp": now + 600, **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "test-key"})


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    fake = FakeConnector().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def offline_keys(monkeypatch) -> None:
    """Signing keys from this test instead of the JWKS endpoint; MSAL returns a fixed token."""
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(OUR_KEY.public_key(), as_dict=True)
    public = PyJWK.from_json(json.dumps({**jwk, "kid": "test-key", "alg": "RS256"}))

    async def signing_key(self: Any, jwks_uri: str, header: dict[str, Any]) -> PyJWK:
        return public

    async def access_token(self: Any, resource_url: str, scopes: list[str], force_refresh=False):
        return "token-from-msal"

    monkeypatch.setattr(type(JwtTokenValidator._jwk_client_manager), "get_signing_key", signing_key)
    monkeypatch.setattr(MsalAuth, "get_access_token", access_token)


def install(connector: FakeConnector) -> dict[str, Any]:
    return {
        "type": "conversationUpdate",
        "id": "install-1",
        "serviceUrl": connector.url,
        "channelId": "msteams",
        "from": {"id": "29:lea", "name": "Lea"},
        "recipient": {"id": BOT_ID, "name": "Datadialog"},
        "conversation": {"id": NORD, "conversationType": "channel", "tenantId": TENANT},
        "membersAdded": [{"id": BOT_ID}],
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": NORD}},
    }


async def post_all(settings: Settings, requests: list[tuple[str | None, dict[str, Any]]]):
    runtime = start_runtime(settings)
    try:
        async with ClientSession() as session:
            teams = build_teams(settings, runtime, session)
            assert teams is not None
            runner = web.AppRunner(build_web_app(None, teams))
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            statuses = []
            for authorization, body in requests:
                headers = {"Authorization": authorization} if authorization else {}
                async with session.post(
                    f"http://127.0.0.1:{port}/api/messages", json=body, headers=headers
                ) as response:
                    statuses.append(response.status)
            health = await session.get(f"http://127.0.0.1:{port}/healthz")
            statuses.append(health.status)  # other routes stay outside the JWT check
            await runner.cleanup()
        with runtime.engine.connect() as conn:
            counts = {
                table.__tablename__: conn.execute(select(func.count()).select_from(table)).scalar()
                for table in (GroupRow, TeamsConversationRow, InboxRow)
            }
        return statuses, counts
    finally:
        runtime.close()


def production(tmp_path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'auth.db'}",
        teams_app_id=APP_ID,
        teams_app_password="app-secret",
        teams_tenant_id=TENANT,
        dev_mode=False,
    )


def test_requests_without_a_valid_token_are_refused_and_change_nothing(
    tmp_path, connector, offline_keys
) -> None:
    body = install(connector)
    refused = [
        None,  # no Authorization header
        "Basic bGVhOnNlY3JldA==",  # not a bearer token
        "Bearer not-a-jwt",
        f"Bearer {token(OTHER_KEY)}",  # signed by someone else's key
        f"Bearer {token(aud='someone-elses-app')}",  # for another app
        f"Bearer {token(exp=int(time.time()) - 3600, iat=int(time.time()) - 7200)}",  # expired
    ]
    statuses, counts = asyncio.run(post_all(production(tmp_path), [(a, body) for a in refused]))
    assert statuses == [401] * len(refused) + [200]
    assert counts == {
        "groups": 0,
        "teams_conversations": 0,
        "inbox": 0,
    }
    assert connector.calls == []


def test_a_request_with_a_valid_token_is_answered_with_the_msal_token(
    tmp_path, connector, offline_keys
) -> None:
    statuses, counts = asyncio.run(
        post_all(production(tmp_path), [(f"Bearer {token()}", install(connector))])
    )
    assert statuses[0] in (200, 202)
    # The request is kept in the inbox, and so is the welcome's once-per-install claim.
    assert counts["teams_conversations"] == 1 and counts["inbox"] == 2
    welcome = connector.wait_for(NORD, "Datadialog")
    assert welcome.authorization == "Bearer token-from-msal"


def test_dev_mode_accepts_anonymous_requests_and_sends_without_a_token(tmp_path, connector) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'dev.db'}", teams_app_id=APP_ID, dev_mode=True
    )
    statuses, _ = asyncio.run(post_all(settings, [(None, install(connector))]))
    assert statuses[0] in (200, 202)
    assert connector.wait_for(NORD, "Datadialog").authorization == ""


def test_without_dev_mode_teams_needs_the_app_password(tmp_path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", teams_app_id=APP_ID)
    runtime = start_runtime(settings)
    try:
        with pytest.raises(ValueError, match="TEAMS_APP_PASSWORD"):
            build_teams(settings, runtime)
    finally:
        runtime.close()
