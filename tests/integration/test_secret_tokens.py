"""Secrets at rest (issue 15): no token in plain text in any table, keys that rotate.

Workspaces are installed through slack_sdk's installation store on our tables (the one
Bolt's OAuth flow saves with), then every column of every table is read back with a
plain connection: no bot token, user token, refresh token or webhook URL may appear.
Rotating the key keeps every installation usable with the new key alone; tokens stored
in plain text before encryption came are sealed on first use; an expiring bot token is
exchanged (Slack's token rotation, through the fake Slack) before the bot sends on its
own, and the new pair is stored sealed too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from alembic import command
from cryptography.fernet import Fernet
from pydantic import SecretStr
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, column, inspect, select, table, text
from sqlalchemy import insert as sql_insert
from sqlalchemy.exc import StatementError

from bot.main import start_runtime
from bot.slack.stores import AsyncInstallations
from bot.slack.transport import build_slack_transport
from bot.transports import Undeliverable
from config.settings import Settings
from storage.database import alembic_config, make_engine, upgrade
from storage.secret_column import Keyring, SecretKeyError
from storage.slack_tables import BOTS_TABLE, INSTALLATIONS_TABLE, installation_store, reseal_tokens
from tests.e2e.slack.fake_slack import FakeSlack
from tests.integration.conftest import Database

pytestmark = pytest.mark.storage

CLIENT = "111.222"
TEAMS = ("T0NORD", "T0SYD", "T0VEST")
FAR = 4_102_444_800  # 2100-01-01: a token that does not expire while the test runs


def _secrets(team: str) -> dict[str, str]:
    return {
        "bot_token": f"xoxb-{team}-bot-secret",
        "bot_refresh_token": f"xoxe-1-{team}-bot-refresh",
        "user_token": f"xoxp-{team}-user-secret",
        "user_refresh_token": f"xoxe-1-{team}-user-refresh",
        "incoming_webhook_url": f"https://hooks.slack.com/services/{team}/B1/hook-secret",
    }


def _installation(team: str, **changes: object) -> Installation:
    fields: dict[str, object] = {
        "app_id": "A0DIALOG",
        "enterprise_id": None,
        "team_id": team,
        "team_name": f"Team {team}",
        "bot_id": "B0BOT",
        "bot_user_id": "U0BOT",
        "bot_scopes": "commands,chat:write",
        "bot_token_expires_at": FAR,
        "user_id": "U0LEA",
        "user_scopes": "search:read",
        "user_token_expires_at": FAR,
        "incoming_webhook_channel_id": "C0NORD",
        **_secrets(team),
        **changes,
    }
    return Installation(**fields)  # type: ignore[arg-type]


def _key() -> str:
    return Fernet.generate_key().decode("ascii")


def _every_stored_value(engine: Engine) -> str:
    """Every value of every row of every table, as text, read with a plain connection (in
    a fixed order: PostgreSQL lists tables and returns rows in no order of their own)."""
    found: list[str] = []
    with engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{name}"'))
            found += sorted(repr(tuple(row)) for row in rows)
    return "\n".join(found)


def _assert_no_secret(engine: Engine, teams: tuple[str, ...] = TEAMS) -> None:
    stored = _every_stored_value(engine)
    for team in teams:
        assert team in stored  # the rows are there: a team id is no secret
        for name, secret in _secrets(team).items():
            assert secret not in stored, f"{name} of {team} stored in plain text"
            assert secret.split("-", 1)[1] not in stored  # nor any recognisable part of it


def _assert_usable(keyring: Keyring, engine: Engine, teams: tuple[str, ...] = TEAMS) -> None:
    store = installation_store(engine, CLIENT, keyring)
    for team in teams:
        found = store.find_installation(enterprise_id=None, team_id=team)
        assert found is not None
        assert {name: getattr(found, name) for name in _secrets(team)} == _secrets(team)
        bot = store.find_bot(enterprise_id=None, team_id=team)
        assert bot is not None and bot.bot_token == _secrets(team)["bot_token"]
        assert bot.bot_refresh_token == _secrets(team)["bot_refresh_token"]


def test_no_token_appears_in_plain_text_in_any_table(db: Database) -> None:
    keyring = Keyring([_key()])
    installations = AsyncInstallations(installation_store(db.engine, CLIENT, keyring))
    for team in TEAMS:
        asyncio.run(installations.async_save(_installation(team)))
    _assert_no_secret(db.engine)
    _assert_usable(keyring, db.engine)


def test_without_a_key_no_token_is_stored(db: Database) -> None:
    store = installation_store(db.engine, CLIENT, None)
    with pytest.raises(StatementError) as refused:
        store.save(_installation("T0NORD"))
    assert isinstance(refused.value.orig, SecretKeyError)
    with db.engine.connect() as conn:
        for name in (INSTALLATIONS_TABLE, BOTS_TABLE):
            assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one() == 0


def test_rotating_the_key_keeps_every_installation_usable(db: Database) -> None:
    old, new = _key(), _key()
    store = installation_store(db.engine, CLIENT, Keyring([old]))
    for team in TEAMS:
        store.save(_installation(team))
    before = _every_stored_value(db.engine)

    # Two rows a transaction: each table takes two batches.
    assert reseal_tokens(db.engine, Keyring([new, old]), batch=2) == 2 * len(TEAMS)

    _assert_usable(Keyring([new]), db.engine)  # the old key removed: everything still opens
    _assert_no_secret(db.engine)
    assert _every_stored_value(db.engine) != before
    with pytest.raises(SecretKeyError):  # and the old key alone opens nothing any more
        installation_store(db.engine, CLIENT, Keyring([old])).find_bot(
            enterprise_id=None, team_id="T0NORD"
        )


def test_rotating_without_the_old_key_changes_nothing(db: Database) -> None:
    old = _key()
    store = installation_store(db.engine, CLIENT, Keyring([old]))
    store.save(_installation("T0NORD"))
    before = _every_stored_value(db.engine)
    with pytest.raises(SecretKeyError):
        reseal_tokens(db.engine, Keyring([_key()]))
    assert _every_stored_value(db.engine) == before
    _assert_usable(Keyring([old]), db.engine, ("T0NORD",))


def test_tokens_stored_before_encryption_are_sealed_on_first_use(db: Database) -> None:
    secrets = _secrets("T0OLD")
    installations = table(
        INSTALLATIONS_TABLE,
        *(column(name) for name in ("client_id", "app_id", "team_id", "user_id", "installed_at")),
        *(column(name) for name in ("is_enterprise_install", *secrets)),
    )
    bots = table(
        BOTS_TABLE,
        *(column(name) for name in ("client_id", "app_id", "team_id", "installed_at")),
        *(column(name) for name in ("is_enterprise_install", "bot_token", "bot_refresh_token")),
    )
    row = {"client_id": CLIENT, "app_id": "A0DIALOG", "team_id": "T0OLD"}
    when = {"installed_at": "2026-11-01 10:00:00", "is_enterprise_install": False}
    with db.engine.begin() as conn:  # as a version before 0016_encrypted_tokens wrote them
        conn.execute(sql_insert(installations).values(**row, **when, user_id="U0LEA", **secrets))
        conn.execute(
            sql_insert(bots).values(
                **row,
                **when,
                bot_token=secrets["bot_token"],
                bot_refresh_token=secrets["bot_refresh_token"],
            )
        )
    keyring = Keyring([_key()])
    store = AsyncInstallations(installation_store(db.engine, CLIENT, keyring))

    bot = asyncio.run(store.async_find_bot(enterprise_id=None, team_id="T0OLD"))

    assert bot is not None and bot.bot_token == secrets["bot_token"]
    _assert_no_secret(db.engine, ("T0OLD",))
    _assert_usable(keyring, db.engine, ("T0OLD",))
    assert asyncio.run(store.seal_plain_tokens()) == 0  # once per process


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(token_expires_in=43_200).start()
    try:
        yield fake
    finally:
        fake.stop()


def test_an_expiring_bot_token_is_exchanged_before_the_bot_sends(
    db: Database, slack: FakeSlack
) -> None:
    settings = Settings(
        database_url=db.url,
        slack_client_id=SecretStr(CLIENT),
        slack_client_secret=SecretStr("oauth-client-secret"),
        slack_bot_token=SecretStr(""),
        secret_keys=SecretStr(_key()),
        slack_api_url=slack.api_url,
    )
    runtime = start_runtime(settings)
    transport = build_slack_transport(settings, runtime)
    assert transport.installations is not None
    store = transport.installations.store
    slack.refresh_token = "xoxe-1-T0NORD-bot-refresh"  # the one Slack takes now
    store.save(_installation("T0NORD", bot_token_expires_at=1))  # long expired
    store.save(_installation("T0SYD", bot_token_expires_at=1))  # Slack no longer takes its refresh
    try:
        client = asyncio.run(transport.client_for_team("T0NORD"))
        (exchange,) = slack.of("oauth.v2.access")
        assert exchange.params["grant_type"] == "refresh_token"
        assert exchange.params["refresh_token"] == "xoxe-1-T0NORD-bot-refresh"
        assert client.token is not None and client.token.startswith("xoxe.xoxb-1-rotated-")

        again = asyncio.run(transport.client_for_team("T0NORD"))  # fresh now: no exchange
        assert again.token == client.token and len(slack.of("oauth.v2.access")) == 1
        installed = store.find_installation(enterprise_id=None, team_id="T0NORD")
        assert installed is not None and installed.bot_token == client.token
        assert installed.bot_refresh_token == slack.refresh_token
        stored = _every_stored_value(db.engine)
        assert client.token not in stored and slack.refresh_token not in stored

        with pytest.raises(Undeliverable):
            asyncio.run(transport.client_for_team("T0SYD"))

        # A workspace with a bot but no installation row: the bot's token alone is exchanged.
        store.save(_installation("T0VEST", bot_token_expires_at=1))
        with db.engine.begin() as conn:
            conn.execute(text(f"DELETE FROM {INSTALLATIONS_TABLE} WHERE team_id = 'T0VEST'"))
        slack.refresh_token = "xoxe-1-T0VEST-bot-refresh"
        vest = asyncio.run(transport.client_for_team("T0VEST"))
        assert vest.token is not None and vest.token.startswith("xoxe.xoxb-1-rotated-")
        bot = store.find_bot(enterprise_id=None, team_id="T0VEST")
        assert bot is not None and bot.bot_token == vest.token
        assert bot.bot_refresh_token == slack.refresh_token
    finally:
        runtime.close()


def test_downgrading_below_encryption_is_refused_while_sealed_tokens_are_stored(
    database_url: str,
) -> None:
    upgrade(database_url, "0016_encrypted_tokens")  # this revision alone, not later ones
    engine = make_engine(database_url)
    try:
        installation_store(engine, CLIENT, Keyring([_key()])).save(_installation("T0NORD"))
        with pytest.raises(RuntimeError, match="encrypted tokens"), engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0015_focus_parameters")
        with engine.begin() as conn:
            conn.execute(text(f"DELETE FROM {INSTALLATIONS_TABLE}"))
            conn.execute(text(f"DELETE FROM {BOTS_TABLE}"))
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0015_focus_parameters")
        with engine.connect() as conn:
            version = select(column("version_num")).select_from(table("alembic_version"))
            assert conn.execute(version).scalars().all() == ["0015_focus_parameters"]
            columns = {c["name"]: c["type"] for c in inspect(conn).get_columns(BOTS_TABLE)}
        assert getattr(columns["bot_token"], "length", None) == 200
    finally:
        engine.dispose()
