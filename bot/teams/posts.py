"""Teams posts of an output that takes more than one message, and the live themes list.

An output may be several messages (`cards.messages`: a long list in numbered parts, each
under Teams' 28 KB). A channel post of an outbox output carries its marker (`bot.teams.graph`)
so a take-over does not post it twice; the first part carries the output's marker, the
second `<marker>:2` and so on, and each is looked for on its own.

The themes and votes list (issue 16; `bot.live` keeps where it is) is posted once per
meeting step, as a post of its own in the channel (never a reply in someone's thread), and
after that each of its messages is updated in place (the Bot Connector's `PUT
/v3/conversations/{id}/activities/{id}`, `update_activity` in the Agents SDK). A list that
grew a part gets it posted after it; one that lost a part has the surplus deleted. When
Teams answers that a message is gone (404), the list is posted again and its new ids kept.
A take-over delivering the first post in doubt finds it through Graph by its marker and
keeps its id instead of posting it again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import aiohttp
from microsoft_agents.activity import Activity, ConversationReference
from microsoft_agents.hosting.core import TurnContext

from bot import inbox
from bot.live import LiveMessages, Next, claimant
from bot.teams.graph import carries, mark_of, marked
from bot.teams.retry import with_retries
from flows.outputs import Output, ThemeList, ToChannel
from storage.teams_tables import team_group

if TYPE_CHECKING:
    from bot.teams.sender import TeamsSender

Do = Callable[[TurnContext], Awaitable[Any]]


def part_mark(kept: inbox.Sending, part: int) -> str:
    """The marker of part `part` (from 1) of an outbox output."""
    mark = mark_of(kept)
    return mark if part == 1 else f"{mark}:{part}"


async def marked_parts(
    sender: TeamsSender, output: Output, parts: list[Activity], reference: ConversationReference
) -> list[Activity]:
    """The parts to post, each marked when it is a channel post of an outbox output; in
    doubt, the ones the channel has already are left out."""
    kept = inbox.sending()
    if sender.outbox is None or kept is None or not isinstance(output.to, ToChannel):
        return parts
    channel = reference.conversation.id
    found = []
    for number, part in enumerate(parts, 1):
        mark = part_mark(kept, number)
        if kept.in_doubt and await sender.outbox.posted(channel, mark):
            continue
        found.append(marked(part, output, sender.style, mark))
    return found


async def post_or_update(
    sender: TeamsSender,
    live: LiveMessages,
    reference: ConversationReference,
    output: ThemeList,
    parts: list[Activity],
) -> None:
    """Update the step's list where it is, or post it (once) and keep where."""
    who = claimant()
    found = await live.claim(output, who)
    channel = reference.conversation.id
    if found.next is Next.EDIT and found.channel == channel:
        ids = await _updated(sender, reference, list(found.ids), parts)
        if ids is not None:
            if ids != list(found.ids):
                await live.keep(output, channel, ids)
            return
    try:
        ids = await _posted(sender, reference, output, parts)
    except Exception:
        if found.next is Next.POST:
            await live.release(output, who)
        raise
    if found.next is Next.POST:
        await live.keep(output, channel, ids, who)
    elif found.next is Next.EDIT:  # the kept one is gone: these are the list now
        await live.keep(output, channel, ids)


async def _updated(
    sender: TeamsSender, reference: ConversationReference, ids: list[str], parts: list[Activity]
) -> list[str] | None:
    """Each kept message updated with its part (a new part posted, a surplus one deleted):
    the list's ids now, or None when a kept message is gone."""
    now: list[str] = []
    for index, part in enumerate(parts):
        if index >= len(ids):  # a post of its own, never a reply in someone's thread
            now.append(await sender.post(reference, part))
            continue
        changed = part.model_copy(update={"id": ids[index]})
        try:
            await _retried(sender, lambda p, a=changed: p.update_activity(a), reference)
        except aiohttp.ClientResponseError as exc:
            if exc.status == 404:
                return None
            raise
        now.append(ids[index])
    for surplus in ids[len(parts) :]:  # gone already, or not ours: the list is whole anyway
        with contextlib.suppress(aiohttp.ClientResponseError):
            await _retried(sender, lambda p, gone=surplus: p.delete_activity(gone), reference)
    return now


async def _posted(
    sender: TeamsSender, reference: ConversationReference, output: ThemeList,
    parts: list[Activity],
) -> list[str]:  # fmt: skip
    """Post the list's parts (marked as outbox posts) and answer their ids; in doubt, a
    part a dead process posted already is found and its id kept."""
    kept = inbox.sending()
    ids = []
    for number, part in enumerate(parts, 1):
        if kept is None or sender.outbox is None:
            ids.append(await sender.post(reference, part))
            continue
        mark = part_mark(kept, number)
        there = await _find(sender, reference.conversation.id, mark) if kept.in_doubt else None
        if there is None:
            there = await sender.post(reference, marked(part, output, sender.style, mark))
        ids.append(there)
    return ids


async def _find(sender: TeamsSender, channel: str, mark: str) -> str | None:
    """The id of the channel message carrying `mark`, when Graph can say (None: not there,
    or Graph could not answer: then it is posted, at least once rather than lost)."""
    outbox = sender.outbox
    if outbox is None or outbox.graph is None:
        return None
    team = await asyncio.to_thread(team_group, sender.engine, channel)
    if not team:
        return None
    try:
        found = await asyncio.wait_for(
            outbox.graph.channel_messages(team, channel), outbox.graph.timeout
        )
    except Exception:  # an HTTP error, a timeout: never hold a post back
        return None
    every: list[dict[str, Any]] = [*found, *(r for m in found for r in m.get("replies") or [])]
    for message in every:
        if carries({**message, "replies": []}, mark) and message.get("id"):
            return str(message["id"])
    return None


async def _retried(sender: TeamsSender, do: Do, reference: ConversationReference) -> None:
    what = f"an update in {reference.conversation.id}"
    await with_retries(lambda: sender.proactively(reference, do), what, sender.retry_pause)
