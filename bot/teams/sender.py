"""Deliver flow outputs to Teams through the Agents SDK's CloudAdapter and Bot Connector.

Audience -> Teams: `ToChannel` posts in the group's channel; `ToUser`, `ToActor`
and `Refusal` go to the member's personal chat with the bot (Teams has no
ephemeral messages), except that a refusal answering an Action.Execute press is
returned in the invoke response, where only the presser sees it.

A message for the conversation the request came from is a reply in that turn;
anything else is proactive: `continue_conversation_with_claims` with the stored
conversation reference (`storage.teams_tables`). A member the bot has never
talked to gets a personal chat opened with `POST /v3/conversations` (tenant and
service URL from their group's channel), and its reference is stored.

`send` raises when Teams did not take the message, proactive sends included (the SDK
would only log an error inside a proactive turn, so the callback keeps it); rate limits,
5xx and timeouts are tried again first (`bot.teams.retry`). A channel post of an outbox
output is made once, across a crash too (`bot.teams.graph`); a personal chat's, at least once.
Long lists go in parts; the themes list is updated in place (`bot.teams.posts`, issue 16).

Also here, as the other side of the same conversations: remembering where a conversation
is on first contact, reading a channel's roster and answering an invoke in its turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core import ChannelServiceAdapter, TurnContext
from microsoft_agents.hosting.core.authorization import ClaimsIdentity
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from sqlalchemy import Engine

from bot.chart_links import ChartLinks
from bot.live import LiveMessages, is_live
from bot.teams import posts
from bot.teams.activities import activity_channel
from bot.teams.cards import Style, chart_message, messages
from bot.teams.graph import OutboxPosts, activity_team
from bot.teams.retry import FIRST_PAUSE, retryable, with_retries
from bot.transports import DeliveryFailed
from flows.model import Group
from flows.outputs import (
    Audience,
    Output,
    Refusal,
    RequestChart,
    ShowChart,
    ToActor,
    ToChannel,
    ToUser,
)
from storage.teams_tables import channel_key, load_reference, save_reference, user_key

log = logging.getLogger(__name__)

T = TypeVar("T")
GroupLookup = Callable[[int], Awaitable[Group]]
MemberGroups = Callable[[str], Awaitable[list[Group]]]


@dataclass
class Turn:
    """One request's context: its TurnContext, its conversation, and what it collected."""

    context: TurnContext | None = None
    conversation_id: str = ""  # the request's conversation, without a thread part
    group: Group | None = None
    invoke: bool = False  # an Action.Execute press: refusals go back in the invoke response
    notices: list[str] = field(default_factory=list)


class NoReference(Exception):
    """Nowhere known to send to (the bot was never installed where this should go)."""


@dataclass
class TeamsSender:
    adapter: ChannelServiceAdapter
    engine: Engine
    claims: Callable[[], ClaimsIdentity]  # the bot's identity for outgoing calls
    style: Style
    group_lookup: GroupLookup
    member_groups: MemberGroups  # a member's Teams groups (to open a chat with no request)
    links: ChartLinks | None = None  # charts by signed link (Teams caps inline image size)
    timeout: float | None = None  # seconds per Bot Connector call (the SDK's: aiohttp's 300)
    outbox: OutboxPosts | None = None  # marks outbox posts to a channel, finds in-doubt ones
    retry_pause: float = FIRST_PAUSE  # before the second try of a failed post, then doubled
    live: LiveMessages | None = None  # the themes list updated in place (None: re-posted)
    #: One chat opening at a time per member: a request's outputs and the reminder job
    #: may both find no chat for the same member at once.
    _opening: dict[str, asyncio.Lock] = field(default_factory=dict, repr=False)
    _remembered: set[str] = field(default_factory=set, repr=False)  # key|service URL saved

    # References ---------------------------------------------------------------

    async def remember_activity(self, activity: Activity) -> None:
        """Save where an activity's conversation is (first contact); once per process and key."""
        if not activity.service_url or activity.conversation is None:
            return
        personal = (activity.conversation.conversation_type or "") == "personal"
        if personal:
            key = user_key(activity.from_property.id if activity.from_property else "")
        else:
            key = channel_key(activity_channel(activity))
        team = "" if personal else activity_team(activity)
        seen = f"{key}|{activity.service_url}|{team}"  # a moved service URL is saved again
        if seen in self._remembered:
            return
        reference = activity.get_conversation_reference()
        if not personal:
            reference.conversation = reference.conversation.model_copy(
                update={"id": activity_channel(activity)}
            )
        await self.remember(key, reference, team)
        self._remembered.add(seen)

    async def remember(self, key: str, reference: ConversationReference, team: str = "") -> None:
        data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
        data.pop("activityId", None)  # proactive messages start new posts, not replies
        now = datetime.now(UTC)
        await asyncio.to_thread(save_reference, self.engine, key, data, now, team)

    async def reference(self, key: str) -> ConversationReference | None:
        data = await asyncio.to_thread(load_reference, self.engine, key)
        return ConversationReference.model_validate(data) if data else None

    # Delivering ----------------------------------------------------------------

    async def deliver(self, output: Output, turn: Turn | None = None) -> None:
        """Send one output answering a request; a refusal for good is logged, a failure
        that may pass raises `DeliveryFailed` (the request is tried again from the inbox)."""
        try:
            await self.send(output, turn)
        except Exception as exc:
            if retryable(exc):
                raise DeliveryFailed(f"Teams did not take {type(output).__name__}") from exc
            log.warning("could not deliver %s to Teams: %s", type(output).__name__, exc)

    async def send(self, output: Output, turn: Turn | None = None) -> None:
        """Send one output; raises when Teams cannot be reached (reminders are retried)."""
        if isinstance(output, RequestChart):
            return
        if isinstance(output, ShowChart) and self.links is not None:
            now = datetime.now(UTC)
            link = await asyncio.to_thread(self.links.publish, output.png, now, output.meeting_id)
            built = [chart_message(output, self.style, link)]
        else:
            built = messages(output, self.style)
        turn = turn or Turn()
        if built and isinstance(output, Refusal) and turn.invoke:
            turn.notices.append(built[0].text or "")
        if not built or (isinstance(output, Refusal) and turn.invoke):
            return
        reference = await self._target(output.to, turn)
        if self.live is not None and is_live(output):
            await posts.post_or_update(self, self.live, reference, output, built)
            return
        for part in await posts.marked_parts(self, output, built, reference):
            await self.post(reference, part, turn)

    async def post(
        self, reference: ConversationReference, activity: Activity, turn: Turn | None = None
    ) -> str:
        """Post, trying again on a rate limit, a 5xx or a timeout (`bot.teams.retry`); the
        posted activity's id. Without a turn, a post of its own (never a reply)."""
        what, here = f"a message to {reference.conversation.id}", turn or Turn()
        return await with_retries(
            lambda: self._post_once(reference, activity, here), what, self.retry_pause
        )

    async def _post_once(self, reference: ConversationReference, activity: Activity,
                         turn: Turn) -> str:  # fmt: skip
        context = turn.context
        if context is not None and reference.conversation.id == turn.conversation_id:
            sent = await self._bounded(context.send_activity(activity))
        else:
            sent = await self.proactively(reference, lambda p: p.send_activity(activity))
        return str(getattr(sent, "id", "") or "")

    async def proactively(
        self, reference: ConversationReference, do: Callable[[TurnContext], Awaitable[T]]
    ) -> T:
        """`do` in a turn of its own in the conversation of `reference` (a new post, not a
        reply); what went wrong in it is raised."""
        done: list[T] = []
        failed: list[Exception] = []

        async def run(proactive: TurnContext) -> None:
            try:
                done.append(await do(proactive))
            except Exception as exc:  # the SDK would only log it (`on_turn_error`)
                failed.append(exc)

        continuation = reference.get_continuation_activity()
        continuation.id = None  # a new message (a new post in a channel), not a reply
        turn = self.adapter.continue_conversation_with_claims(self.claims(), continuation, run)
        await self._bounded(turn)
        if failed:
            raise failed[0]
        return done[0]

    async def _bounded(self, call: Awaitable[T]) -> T:
        return await (call if self.timeout is None else asyncio.wait_for(call, self.timeout))

    async def _target(self, to: Audience, turn: Turn) -> ConversationReference:
        if isinstance(to, ToChannel):
            group = await self._group(to.group_id, turn)
            found = await self.reference(channel_key(group.channel))
            if found is None:
                raise NoReference(f"no conversation reference for group {to.group_id}'s channel")
            return found
        assert isinstance(to, ToUser | ToActor)
        found = await self.reference(user_key(to.user_id))
        if found is not None:
            return found
        async with self._opening.setdefault(to.user_id, asyncio.Lock()):
            found = await self.reference(user_key(to.user_id))  # opened while we waited
            if found is not None:
                return found
            return await self.open_personal_chat(to.user_id, turn)

    async def _group(self, group_id: int, turn: Turn) -> Group:
        if turn.group is not None and turn.group.id == group_id:
            return turn.group
        return await self.group_lookup(group_id)

    async def open_personal_chat(self, user_id: str, turn: Turn) -> ConversationReference:
        """Create the 1:1 chat with a member (POST /v3/conversations) and remember it."""
        base = await self._somewhere_near(user_id, turn)
        tenant = base.conversation.tenant_id or ""
        params = ConversationParameters(
            is_group=False,
            agent=base.agent,
            members=[ChannelAccount(id=user_id)],
            tenant_id=tenant or None,
            channel_data={"tenant": {"id": tenant}} if tenant else None,
        )
        claims = self.claims()
        factory = self.adapter._channel_service_client_factory
        connector = await self._bounded(
            factory.create_connector_client(
                None,
                claims,
                base.service_url,
                claims.get_token_audience(),
                use_anonymous=claims.allow_anonymous,
            )
        )
        try:
            created = await self._bounded(connector.conversations.create_conversation(params))
        finally:
            await connector.close()
        reference = ConversationReference(
            channel_id=base.channel_id,
            service_url=base.service_url,
            agent=base.agent,
            user=ChannelAccount(id=user_id),
            conversation=ConversationAccount(
                id=created.id, conversation_type="personal", tenant_id=tenant or None
            ),
        )
        await self.remember(user_key(user_id), reference)
        return reference

    async def roster(self, context: TurnContext, channel: str) -> list[tuple[str, str]] | None:
        """A channel's people as (id, name), from the Bot Connector; None when unreadable."""
        connector = context.services.get(ConnectorClientBase)
        try:
            members = await self._bounded(connector.conversations.get_conversation_members(channel))
        except Exception as exc:
            log.warning("could not read the channel's members: %s", type(exc).__name__)
            return None
        return [(m.id, m.name or m.id) for m in members if m.id and m.id.startswith("29:")]

    async def _somewhere_near(self, user_id: str, turn: Turn) -> ConversationReference:
        """A reference with the service URL, tenant and bot account to open a chat from:
        the request's, else the channel of a group the member belongs to."""
        context = turn.context
        if context is not None and context.activity.service_url:
            return context.activity.get_conversation_reference()
        groups = [turn.group] if turn.group is not None else []
        groups += await self.member_groups(user_id)
        for group in groups:
            found = await self.reference(channel_key(group.channel))
            if found is not None:
                return found
        raise NoReference("no Teams channel known to open a personal chat from")
