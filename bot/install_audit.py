"""Installs in the audit log (issue 15): the app installed in a Slack workspace (OAuth) or
added to a Teams team, group chat or personal chat.

An install names no group (groups are set up afterwards), so its row has none; its
reference is the workspace's or tenant's id and, for Teams, the kind of conversation.
The row is written in a small transaction of its own right after the platform's
install is stored (Slack: Bolt's OAuth success callback, after the installation store
saved it; Teams: the `conversationUpdate` that adds the bot, which stores nothing else).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from microsoft_agents.activity import Activity
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.response import BoltResponse

from bot.teams.activities import activity_tenant
from flows.audit import SLACK, TEAMS, AuditAction, AuditEntry, ref
from flows.ports import Clock, UnitOfWork


def record_install(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, platform: str, actor: str, reference: str
) -> None:
    entry = AuditEntry(clock.now(), actor, platform, None, AuditAction.INSTALLED, reference)
    with uow_factory() as uow:
        uow.audit.add(entry)
        uow.commit()


async def slack_installed(
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    installer: str | None,
    team_id: str | None,
    enterprise_id: str | None,
) -> None:
    """Slack: who installed the app (their user id), in which workspace (or organisation)."""
    where = ref(team=team_id) if team_id else ref(enterprise=enterprise_id or "")
    await asyncio.to_thread(record_install, uow_factory, clock, SLACK, installer or "", where)


async def teams_installed(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, activity: Activity
) -> None:
    """Teams (the `conversationUpdate` adding the bot): who added it, in which tenant, to
    what kind of conversation (a team's channel, a group chat, a personal chat)."""
    adder = activity.from_property.id if activity.from_property else ""
    kind = activity.conversation.conversation_type if activity.conversation else None
    where = ref(tenant=activity_tenant(activity), conversation=kind or "?")
    await asyncio.to_thread(record_install, uow_factory, clock, TEAMS, adder, where)


def slack_callbacks(uow_factory: Callable[[], UnitOfWork], clock: Clock) -> AsyncCallbackOptions:
    """Bolt's OAuth callbacks: on success (the installation is stored) the install is
    recorded, then Bolt's own page is shown; a failure is Bolt's own page."""

    async def success(args: AsyncSuccessArgs) -> BoltResponse:
        done = args.installation
        await slack_installed(uow_factory, clock, done.user_id, done.team_id, done.enterprise_id)
        return await args.default.success(args)

    async def failure(args: AsyncFailureArgs) -> BoltResponse:
        return await args.default.failure(args)

    return AsyncCallbackOptions(success=success, failure=failure)
