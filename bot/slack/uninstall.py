"""Slack's uninstall events (issue 15): `app_uninstalled` and `tokens_revoked`.

Both are kept in the inbox before their ack like every request (`SlackAdapter.keep_and_ack`:
its event id is the dedupe claim, so a retried event is acted on once, across processes),
and worked on right after it (`SlackAdapter.handle` -> `slack_uninstalled`), also when a
process that died on one is taken over. Acting twice on one (a take-over after a crash) only
deletes what is gone already and freezes nothing twice (`storage.freezing`).

- `app_uninstalled`: every token of the workspace (its bot, every installation: bot and
  user tokens, refresh tokens, the webhook) is deleted through the installation store
  (Bolt's `async_delete_all`), and the workspace's groups are frozen (`bot.uninstall`).
- `tokens_revoked`: the installations of the people whose user tokens were revoked are
  deleted; when the bot's tokens were revoked, every token of the workspace goes (each
  installation row holds the revoked bot token too, and Datadialog can do nothing without
  its bot) and the groups are frozen. Revoking user tokens only freezes nothing.

Each event writes one `UNINSTALLED` row (actor `system`: Slack does not say who; reference
`team:T…`, for `tokens_revoked` with how many user and bot tokens went).

Installed again (OAuth), the workspace's frozen groups are thawed (`thawing`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncSuccessArgs
from slack_bolt.request.internals import (
    extract_enterprise_id,
    extract_is_enterprise_install,
    extract_team_id,
)
from slack_bolt.response import BoltResponse

from bot.main import Runtime
from bot.slack.translate import workspace_of
from bot.uninstall import Place, installed_again, uninstalled
from flows.audit import SLACK, ref
from flows.commands import SYSTEM_ACTOR

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

APP_UNINSTALLED, TOKENS_REVOKED = "app_uninstalled", "tokens_revoked"
UNINSTALL_EVENTS = (APP_UNINSTALLED, TOKENS_REVOKED)


def place_of(team: str) -> Place:
    """A Slack workspace's groups, named in the audit log by its team id."""
    return Place(SLACK, workspace_of(team), ref(team=team))


def is_uninstall(body: dict[str, Any]) -> bool:
    return (body.get("event") or {}).get("type") in UNINSTALL_EVENTS


def listen_for_uninstalls(adapter: SlackAdapter) -> None:
    """Bolt listeners for both events: kept and acknowledged like every request."""

    async def on_uninstall(
        ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: Any
    ) -> None:
        await adapter.keep_and_ack(ack, body, client)

    for name in UNINSTALL_EVENTS:
        adapter.app.event(name)(on_uninstall)


async def slack_uninstalled(adapter: SlackAdapter, body: dict[str, Any]) -> None:
    """The work of an uninstall event, after its ack: its tokens deleted at once, then its
    audit row and (the bot gone) the workspace's groups frozen."""
    event = body.get("event") or {}
    team = extract_team_id(body) or ""
    enterprise = extract_enterprise_id(body)
    org_wide = bool(extract_is_enterprise_install(body))
    where = {"enterprise_id": enterprise, "team_id": None if org_wide else team}
    store = adapter.installations  # None: one workspace, its token a setting
    reference = ref(team=team) if team else ref(enterprise=enterprise or "")
    bot_gone = True
    if event.get("type") == TOKENS_REVOKED:
        tokens = event.get("tokens") or {}
        users, bots = list(tokens.get("oauth") or []), list(tokens.get("bot") or [])
        if store is not None:
            for user in users:
                await store.async_delete_installation(**where, user_id=str(user))
        bot_gone = bool(bots)
        reference = f"{reference} {ref(users=len(users), bots=len(bots))}"
    if store is not None and bot_gone:
        await store.async_delete_all(**where)
    if store is not None and not bot_gone:  # the bot may have been revoked before
        found = await store.async_find_bot(**where, is_enterprise_install=org_wide)
        bot_gone = found is None
    place = place_of(team)
    await asyncio.to_thread(
        uninstalled, adapter.runtime, place, SYSTEM_ACTOR, reference, bot_gone and bool(team)
    )


def thawing(callbacks: AsyncCallbackOptions, runtime: Runtime) -> AsyncCallbackOptions:
    """Bolt's OAuth callbacks with the workspace's frozen groups thawed on success, after
    the install is stored and recorded (`bot.install_audit.slack_callbacks`)."""

    async def success(args: AsyncSuccessArgs) -> BoltResponse:
        page = await callbacks.success(args)
        team = args.installation.team_id
        if team:
            await asyncio.to_thread(installed_again, runtime, place_of(team))
        return page

    return AsyncCallbackOptions(success=success, failure=callbacks.failure)
