"""The themes and votes list in Slack: posted once per meeting step, then `chat.update`d
with the kept `ts` (issue 16; `bot.live` says where it is kept and how the first post is
claimed). A list whose message is gone (deleted, or the group moved to another channel) is
posted again and its new `ts` kept.

The first post carries the outbox marker like every channel post of a kept request; a
take-over delivering it in doubt finds it in the channel's history by that marker and keeps
its `ts` instead of posting a second list.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import inbox
from bot.live import LiveMessages, Next, claimant
from flows.outputs import ThemeList

#: What `chat.update` answers when the message to edit is not there any more.
GONE = frozenset({"message_not_found", "cant_update_message", "channel_not_found", "is_archived"})

Message = dict[str, Any]


async def post_or_update(
    live: LiveMessages, client: AsyncWebClient, channel: str, output: ThemeList, built: Message
) -> None:
    """Edit the step's list where it is, or post it (once) and keep where."""
    who = claimant()
    found = await live.claim(output, who)
    editable = found.next is Next.EDIT and found.channel == channel
    if editable and await _updated(client, channel, found.ids[0], built):
        return
    try:
        ts = await _post(client, channel, built)
    except Exception:
        if found.next is Next.POST:
            await live.release(output, who)
        raise
    if found.next is Next.POST:
        await live.keep(output, channel, [ts], who)
    elif found.next is Next.EDIT:  # the kept one is gone: this one is the list now
        await live.keep(output, channel, [ts])


async def _updated(client: AsyncWebClient, channel: str, ts: str, built: Message) -> bool:
    """True when the message was edited; False when it is gone."""
    try:
        await client.chat_update(channel=channel, ts=ts, **built)
    except SlackApiError as exc:
        error = exc.response.get("error") if hasattr(exc.response, "get") else None
        if error in GONE:
            return False
        raise
    return True


async def _post(client: AsyncWebClient, channel: str, built: Message) -> str:
    """Post the list (marked as the outbox output it is) and answer its `ts`; in doubt, the
    `ts` of the post a dead process made of it, when the channel has it."""
    kept = inbox.sending()
    if kept is not None and kept.in_doubt:
        ts = await _posted_before(client, channel, kept)
        if ts is not None:
            return ts
    marked = {**built, "metadata": kept.marker()} if kept is not None else built
    answer = await client.chat_postMessage(channel=channel, **marked)
    return str(answer["ts"])


async def _posted_before(client: AsyncWebClient, channel: str, kept: inbox.Sending) -> str | None:
    """The `ts` of this output's post, if a dead process made it just before it died."""
    answer = await client.conversations_history(
        channel=channel, limit=200, include_all_metadata=True
    )
    marker = kept.marker()
    for message in answer.get("messages") or []:
        if message.get("metadata") == marker and message.get("ts"):
            return str(message["ts"])
    return None
