"""Slack modals after their ack: opening a form for a step, and what a submitted one
stands for (its commands, with the setup form's members named by Slack's profiles; the
move modal's through `planning`, the settings modal's through `settings`).
A field the form alone can refuse never gets here: `SlackAdapter.on_view` answers it
in the ack, beside its field."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slack_sdk.web.async_client import AsyncWebClient

from bot.boundaries import group_of_meeting  # issue 16: the request's own workspace's only
from bot.slack import corrections, ids, planning, settings, translate
from bot.slack.boundary import check_setup_channel
from bot.slack.modals import form_view
from bot.slack.requests import team_of
from bot.slack.sender import Reply
from bot.slack.translate import Where, workspace_of
from flows.errors import InvalidInput
from flows.forms import Form, unavailable
from flows.model import Group
from flows.outputs import Refusal, ToActor
from flows.queries import list_groups, meeting_with_previous
from flows.service import Command

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

log = logging.getLogger(__name__)


async def open_form(
    adapter: SlackAdapter, body: dict[str, Any], client: AsyncWebClient, actor: str, reply: Reply,
    form: Form, meeting_id: int,
) -> None:  # fmt: skip
    group = await group_of_meeting(adapter.base, meeting_id)
    meeting, previous = await adapter.base.query(meeting_with_previous, meeting_id)
    why = unavailable(form, meeting, previous)
    if why is not None:  # nothing to pick from yet: say so instead of an empty form
        await adapter.sender.deliver(Refusal(ToActor(actor), why), reply)
        return
    view = form_view(form, adapter.style, group, meeting, previous, reply.channel)
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def submitted(
    adapter: SlackAdapter, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient,
    actor: str, reply: Reply,
) -> None:  # fmt: skip
    team = team_of(body)
    if view.get("callback_id") == ids.SETTINGS:  # group changes (issue 14)
        await settings.submitted(adapter, view, client, actor, reply, display_name)
        return
    names: dict[str, str] = {}
    if view.get("callback_id") == ids.SETUP:
        chosen = translate.field_value(view.get("state", {}).get("values", {}), "channel")
        check_setup_channel(await adapter.base.query(list_groups), chosen or reply.channel)
        reply.channel = chosen or reply.channel
        existing = await adapter.group_here(team, reply.channel)
        if existing is not None:
            raise InvalidInput("slack.group_exists_here", name=existing.name)
        names = {uid: await display_name(client, uid) for uid in translate.users_in(view)}
    meeting_id = translate.meta(view).get("meeting")
    group = None
    if isinstance(meeting_id, int) and meeting_id:  # the meeting the form was opened for
        group = await group_of_meeting(adapter.base, meeting_id)
    here = group is not None and (group.workspace, group.channel) == (
        workspace_of(team),
        reply.channel,
    )
    if here:
        reply.group = group
    elif view.get("callback_id") != ids.SETUP:
        reply.group = await adapter.group_here(team, reply.channel)
    group = group or reply.group
    today = datetime.now(ZoneInfo(group.timezone if group else adapter.settings.timezone))
    where = Where(actor, workspace_of(team), reply.channel, None, names, today.date())
    await adapter.dispatch(view_commands(view, where, group), reply, actor)


def view_commands(
    view: dict[str, Any], where: Where, group: Group | None = None, bot_user: str = ""
) -> list[Command]:
    """What a submitted modal stands for (`translate.view_submission`), the move modal's
    (`planning`) included; with `bot_user` (known before the ack, from the installation)
    the setup form refuses the bot itself as a member, beside its field."""
    if view.get("callback_id") == ids.MOVE:
        return planning.move_commands(view, where)
    if view.get("callback_id") in (ids.EDIT_ITEM, ids.REMOVE_ITEM):  # issue 14: Ret / Fjern
        return corrections.commands(view, where.actor)
    if view.get("callback_id") == ids.SETTINGS:  # group changes (issue 14): sent after the ack
        return settings.commands(view, where.actor, group, bot_user=bot_user)
    if view.get("callback_id") == ids.SETUP and bot_user:
        values = view.get("state", {}).get("values", {})
        for block in ("leader", "co_leader", "participants"):
            picked = translate.field_value(values, block)
            if bot_user in ([picked] if isinstance(picked, str) else list(picked or ())):
                raise translate.FieldError(block, "slack.setup.bot_member")
    return translate.view_submission(view, where, group)


async def display_name(client: AsyncWebClient, user_id: str) -> str:
    try:
        user = (await client.users_info(user=user_id))["user"]
    except Exception:
        log.warning("users.info failed for a member; using the user id as name")
        return user_id
    profile = user.get("profile") or {}
    return (
        profile.get("display_name")
        or profile.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user_id
    )
