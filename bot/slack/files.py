"""A measurement file shared with the bot in a direct message is imported like
`datadialog data import`: same checks, same messages, and the same rule in the flows
(`ImportMeasurements`): only the group's leader may.

A member of one group just shares the file; a member of several writes the group's
name in the message. A file with errors imports nothing; sharing it again
with the word "gyldige" (or "valid") imports the valid rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapter_kit import group_for
from bot.data_import import import_file
from bot.slack.sender import Reply
from bot.slack.translate import workspace_of
from flows.outputs import ListItems, Say, ToUser, t
from flows.queries import list_groups

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx")
ACCEPT_WORDS = ("gyldige", "valid")


def is_shared_file(event: dict[str, Any]) -> bool:
    """A person (not a bot) shared one or more files in a direct message with the bot."""
    return (
        bool(event.get("files")) and event.get("channel_type") == "im" and not event.get("bot_id")
    )


async def _download(client: AsyncWebClient, url: str) -> bytes:
    headers = {"Authorization": f"Bearer {client.token}"}
    session = client.session or aiohttp.ClientSession()
    try:
        async with session.get(url, headers=headers) as response:
            response.raise_for_status()
            return await response.read()
    finally:
        if client.session is None:
            await session.close()


async def import_shared_files(
    adapter: SlackAdapter, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
) -> None:
    actor, text = event.get("user", ""), event.get("text", "")
    reply = Reply(client, event.get("channel", ""))
    to = ToUser(actor)

    async def say(key: str, **params: object) -> None:
        await adapter.sender.deliver(Say(to, t(key, **params)), reply)

    workspace = workspace_of(body.get("team_id", ""))
    groups = [g for g in await adapter.base.query(list_groups) if g.workspace == workspace]
    found = group_for(groups, actor, text)
    if isinstance(found, list):
        if not found:
            await say("slack.import.not_leader")
        else:
            await say("slack.import.which_group", groups=", ".join(g.name for g in found))
        return
    for shared in event.get("files") or []:
        name = str(shared.get("name") or "")
        if not name.casefold().endswith(SUFFIXES):
            await say("slack.import.not_a_data_file", name=name)
            continue
        if int(shared.get("size") or 0) > MAX_BYTES:
            await say("slack.import.too_big", name=name, limit=MAX_BYTES // (1024 * 1024))
            continue
        data = await _download(client, str(shared.get("url_private_download", "")))
        outcome = await asyncio.to_thread(
            import_file,
            adapter.runtime.uow_factory,
            adapter.runtime.clock,
            group_id=found.id or 0,
            data=data,
            filename=name,
            actor=actor,
            lang=adapter.settings.language,
            max_rows=adapter.settings.import_max_rows,
            accept_valid=any(word in text.casefold() for word in ACCEPT_WORDS),
        )
        if outcome.refused:  # not the group's leader: every other file would be refused too
            await adapter.sender.deliver(Say(to, outcome.summary), reply)
            return
        heading = t("slack.import.result", name=name, group=found.name, summary=outcome.summary)
        await adapter.sender.deliver(ListItems(to, heading, outcome.problems), reply)
        if outcome.change is not None:  # what it replaced, and how to get that back
            change = ListItems(to, t("dataset.heading"), outcome.change.lines(found.name))
            await adapter.sender.deliver(change, reply)
        if outcome.stored == 0 and outcome.problems:
            await say("slack.import.valid_hint")


async def import_kept_files(
    adapter: SlackAdapter, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
) -> None:
    """Import what a kept `message` event shared; a failure is told to the sender."""
    try:
        await import_shared_files(adapter, body, event, client)
    except Exception:
        log.exception("importing a shared file failed")
        reply = Reply(client, event.get("channel", ""))
        fail = Say(ToUser(event.get("user", "")), t("slack.import.failed"))
        await adapter.sender.deliver(fail, reply)


def on_message(adapter: SlackAdapter) -> Callable[..., Awaitable[None]]:
    """The `message` event listener: files shared in a DM are imported; the rest is ignored."""

    async def listener(
        ack: Callable[..., Awaitable[Any]], body: dict[str, Any], event: dict[str, Any],
        client: AsyncWebClient,
    ) -> None:  # fmt: skip
        if not is_shared_file(event):
            await ack()
            return
        await adapter.keep_and_ack(ack, body, client)

    return listener
