"""A channel post of an outbox output is made once, also across a crash (issue 11).

A process that takes over a request delivers the one output that may have gone out just
before the crash "in doubt" (`bot.inbox.sending`). In Slack the post's message metadata
says which output it is; the Bot Connector cannot read messages back, so in Teams:

- every channel post of an outbox output carries its marker as the `id` of a card
  element (`datadialog_outbox:<inbox row>:<output>`; element ids are part of the
  Adaptive Card schema, so clients and the Adaptive Cards SDK accept it silently). A
  post that is text (a `Say`) is sent as a card of one TextBlock to carry it; a chart
  (an image attachment) is not marked;
- an in-doubt post is first looked for with Microsoft Graph: `GET /teams/{team}/channels/
  {channel}/messages?$top=50&$expand=replies` (the team is the Entra group id Teams
  sends as `channelData.team.aadGroupId`, kept with the channel's conversation reference),
  with an app-only token for `https://graph.microsoft.com/.default`; the app asks for
  the resource-specific permission `ChannelMessage.Read.Group` in its manifest. A card a
  chatMessage carries is in `attachments[].content`, as a JSON string.

Only posts to a team channel are checked. Messages in a personal chat (and posts in a
group chat, which has no team) stay at-least-once: after a crash, the output being sent
may reach them twice. When Graph cannot answer (an HTTP error, a timeout, no team id
known) one line is logged and the post is made: at-least-once rather than lost.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp
from microsoft_agents.activity import Activity
from sqlalchemy import Engine

from bot import inbox
from bot.inbox import Sending
from bot.teams.blocks import CARD_TYPE, Style, block, card, card_message
from flows.outputs import Output, Say
from storage.teams_tables import team_group

log = logging.getLogger(__name__)

#: Graph answers at most 50 channel messages a page.
RECENT = 50

Token = Callable[[], Awaitable[str]]


def activity_team(activity: Activity) -> str:
    """The Entra group id of the team a channel activity comes from ("" for none)."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    return str((data.get("team") or {}).get("aadGroupId") or "")


def mark_of(kept: Sending) -> str:
    """The marker of an outbox output as a card element id."""
    marker = kept.marker()
    payload = marker["event_payload"]
    return f"{marker['event_type']}:{payload['inbox']}:{payload['output']}"


def marked(activity: Activity, output: Output, style: Style, mark: str) -> Activity:
    """The post with `mark` as the id of a card element (a text post becomes a card);
    unchanged when it has no card and is no `Say` (a chart)."""
    cards = [a for a in activity.attachments or [] if a.content_type == CARD_TYPE]
    if cards and isinstance(cards[0].content, dict):
        content = copy.deepcopy(cards[0].content)
        attachments = [a.model_copy(update={"content": content}) if a is cards[0] else a
                       for a in activity.attachments or []]  # fmt: skip
        activity = activity.model_copy(update={"attachments": attachments})
    elif isinstance(output, Say):
        text = style.card(output.text)
        content = card([block(text)])
        activity = card_message(content, text)
    else:
        return activity
    body = content.setdefault("body", [])
    if body and isinstance(body[0], dict) and "id" not in body[0]:
        body[0]["id"] = mark
    else:
        content["body"] = [{"type": "Container", "id": mark, "items": body}]
    return activity


def _ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


def carries(message: dict[str, Any], mark: str) -> bool:
    """Whether a Graph chatMessage (or one of its replies) is a card with `mark` in it."""
    for attachment in message.get("attachments") or []:
        content = attachment.get("content")
        if attachment.get("contentType") != CARD_TYPE or not isinstance(content, str):
            continue
        try:
            if mark in _ids(json.loads(content)):
                return True
        except ValueError:
            continue
    return any(carries(reply, mark) for reply in message.get("replies") or [])


@dataclass
class Graph:
    """The one Graph call the bot makes; `token` None: no Authorization (dev mode)."""

    url: str  # e.g. https://graph.microsoft.com/v1.0/
    token: Token | None = None
    timeout: float | None = None  # seconds for the whole look-up, the token included

    async def channel_messages(self, team: str, channel: str) -> list[dict[str, Any]]:
        """The channel's most recent root messages, with their replies."""
        path = f"teams/{quote(team, safe='')}/channels/{quote(channel, safe=':@')}/messages"
        headers = {"Accept": "application/json"}
        if self.token is not None:
            headers["Authorization"] = f"Bearer {await self.token()}"
        address = self.url.rstrip("/") + "/" + path
        params = {"$top": str(RECENT), "$expand": "replies"}
        async with (
            aiohttp.ClientSession() as session,
            session.get(address, params=params, headers=headers) as answer,
        ):
            answer.raise_for_status()
            found = await answer.json()
        value = found.get("value") if isinstance(found, dict) else None
        return [m for m in value or [] if isinstance(m, dict)]


def graph_scope(url: str) -> str:
    """The app-only scope for the Graph at `url` (`https://graph.microsoft.com/.default`)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/.default"


@dataclass
class OutboxPosts:
    """Marks channel posts of outbox outputs, and finds an in-doubt one made already."""

    graph: Graph | None  # None: nothing is looked for (every post is made)
    engine: Engine
    style: Style

    async def prepare(self, output: Output, built: Activity, channel: str) -> Activity | None:
        """The post to make in `channel` (marked when it is an outbox output), or None when
        it is an in-doubt output the channel has already."""
        kept = inbox.sending()
        if kept is None:
            return built
        mark = mark_of(kept)
        if kept.in_doubt and await self.posted(channel, mark):
            log.info("outbox output %d of inbox row %d was posted already", kept.index,
                     kept.row_id)  # fmt: skip
            return None
        return marked(built, output, self.style, mark)

    async def posted(self, channel: str, mark: str) -> bool:
        if self.graph is None:
            return False
        team = await asyncio.to_thread(team_group, self.engine, channel)
        if not team:
            log.warning("no team known for a channel: an in-doubt post is made without a check")
            return False
        graph = self.graph
        try:
            messages = await asyncio.wait_for(graph.channel_messages(team, channel), graph.timeout)
        except Exception as exc:  # no token, an HTTP error, a timeout: never hold a post back
            log.warning("could not read the channel from Graph (%s): posting anyway",
                        _why(exc))  # fmt: skip
            return False
        return any(carries(message, mark) for message in messages)


def _why(exc: Exception) -> str:
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"HTTP {exc.status}"
    return type(exc).__name__
