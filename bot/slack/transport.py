"""Slack as a transport for the process's own outputs (time-box ticker, reminders).

The group names the workspace; with OAuth (several workspaces) its installation's bot
token is used, else the app's token. The `SlackSender` the listeners answer with does
the sending; its `send` raises `DeliveryFailed` or `Undeliverable` (`bot.transports`).
A workspace the app is not (or no longer) installed in is `Undeliverable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from bot.live import LiveMessages
from bot.main import Runtime
from bot.slack.blocks import Style
from bot.slack.requests import retry_handlers
from bot.slack.sender import Reply, SlackSender
from bot.slack.stores import AsyncInstallations
from bot.transports import SLACK, Undeliverable
from config.settings import Settings
from flows.model import Group
from flows.outputs import Output
from flows.queries import get_group
from storage.secret_column import keyring_of
from storage.slack_tables import installation_store


@dataclass
class SlackTransport:
    sender: SlackSender
    client: AsyncWebClient  # the app's client: its token in a single workspace
    installations: AsyncInstallations | None = None  # OAuth: each workspace's bot token
    kind: str = SLACK

    async def client_for(self, group: Group) -> AsyncWebClient:
        """The Web API client for a group's workspace (there is no request to ride on)."""
        return await self.client_for_team(group.workspace.removeprefix("slack:"))

    async def client_for_team(self, team: str) -> AsyncWebClient:
        """The Web API client for a workspace (by team id)."""
        if self.installations is None:
            return self.client
        try:
            bot = await self.installations.fresh_bot(team)  # an expiring token exchanged first
        except SlackTokenRotationError as exc:  # e.g. the refresh token was revoked
            raise Undeliverable(f"Slack did not renew the token of workspace {team}") from exc
        if bot is None:
            raise Undeliverable(f"Datadialog is not installed in Slack workspace {team}")
        base = self.client
        return AsyncWebClient(
            token=bot.bot_token,
            base_url=base.base_url,
            session=base.session,
            timeout=base.timeout,
            retry_handlers=base.retry_handlers,
        )

    async def send(self, output: Output, group: Group) -> None:
        client = await self.client_for(group)
        await self.sender.send(output, Reply(client, group=group))


def web_client(settings: Settings, session: Any = None) -> AsyncWebClient:
    """The app's Web API client: the bot token (if any), slack_sdk's retries, each call
    bounded by DATADIALOG_OUTBOUND_TIMEOUT_SECONDS.

    slack_sdk applies `timeout` only to the sessions it opens itself (no `session`
    given); a shared `session` must carry the same timeout (`bot.web.serve_web` does)."""
    token = settings.slack_bot_token.get_secret_value()
    return AsyncWebClient(
        token=token or None,
        base_url=settings.slack_api_url,
        session=session,
        timeout=outbound_timeout(settings),
        retry_handlers=retry_handlers(),
    )


def outbound_timeout(settings: Settings) -> int:
    """The timeout as slack_sdk takes it: annotated `int`, handed to aiohttp as a float."""
    return cast(int, settings.outbound_timeout_seconds)


def installations_for(settings: Settings, runtime: Runtime) -> AsyncInstallations | None:
    """The workspaces' installations when the app is installed by OAuth (no bot token):
    their tokens sealed with DATADIALOG_SECRET_KEYS, exchanged before they expire."""
    client_id = settings.slack_client_id.get_secret_value()
    if not client_id or settings.slack_bot_token.get_secret_value():
        return None
    keyring = keyring_of(settings.secret_key_list())
    rotator = AsyncTokenRotator(
        client_id=client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        client=AsyncWebClient(base_url=settings.slack_api_url, timeout=outbound_timeout(settings)),
    )
    return AsyncInstallations(installation_store(runtime.engine, client_id, keyring), rotator)


def build_slack_transport(settings: Settings, runtime: Runtime) -> SlackTransport:
    """Slack for a process that sends but does not listen (`reminders send-due`)."""
    query = runtime.transports().query

    async def lookup(group_id: int) -> Group:
        return await query(get_group, group_id)

    style = Style(settings.language, settings.timezone)
    sender = SlackSender(style, lookup, live=LiveMessages(runtime.engine))
    return SlackTransport(sender, web_client(settings), installations_for(settings, runtime))
