"""`/dialog export` (Danish `eksport`) in Slack (issue 15): the group's leader gets the
group's export as a zip file in their direct messages with Datadialog.

The flows decide who may ask (`ExportGroup`'s rule: a leader of the group) and log the
export; the zip is put together from what is stored (`bot.export`) and uploaded with
files_upload_v2, the path charts and calendar invitations take (`bot.slack.sender`).
An upload that fails is told to the leader, who may ask again.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from slack_sdk.web.async_client import AsyncWebClient

from bot.adapter_kit import dispatch_until_refused
from bot.export import group_export
from bot.members import slug
from flows.export import ExportGroup
from flows.model import Group
from flows.outputs import Output, t

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter
    from bot.slack.sender import Reply

log = logging.getLogger(__name__)


async def send_export(
    adapter: SlackAdapter, client: AsyncWebClient, actor: str, group: Group, reply: Reply
) -> None:
    async def deliver(output: Output) -> None:
        await adapter.sender.deliver(output, reply)

    answer = {"channel": reply.channel, "group": group.id, "actor": actor}
    cmd = ExportGroup(actor, group.id or 0)
    if not await dispatch_until_refused(adapter.base, [cmd], deliver, adapter.inbox, answer):
        return
    style, now = adapter.style, adapter.base.clock.now()
    uow_factory = adapter.runtime.uow_factory
    done = await asyncio.to_thread(group_export, uow_factory, group.id or 0, style.lang,
                                   style.tz, now)  # fmt: skip
    name = f"datadialog-export-{slug(group.name)}-{now:%Y-%m-%d}.zip"
    try:
        channel = await adapter.sender.dm_channel(client, actor)
        await client.files_upload_v2(channel=channel, file=done.data, filename=name, title=name)
    except Exception:  # Slack refused or could not be reached: the leader may ask again
        log.exception("the export of group %s could not be uploaded to Slack", group.id)
        await adapter.sender.say(reply, actor, t("export.chat.failed", group=group.name))
        return
    await adapter.sender.say(reply, actor, t("export.chat.sent", group=group.name, file=name))
