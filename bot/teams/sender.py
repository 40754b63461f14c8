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
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core import ChannelServiceAdapter, TurnContext
from microsoft_agents.hosting.core.authorization import AuthenticationConstants, ClaimsIdentity
from sqlalchemy import Engine

from bot.chart_links import ChartLinks
from bot.teams.cards import Style, chart_message, message
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
from storage.teams_tables import load_reference, save_reference

log = logging.getLogger(__name__)

GroupLookup = Callable[[int], Awaitable[Group]]
MemberGroups = Callable[[str], Awaitable[list[Group]]]


def channel_key(conversation_id: str) -> str:
    return f"channel:{conversation_id}"


def user_key(user_id: str) -> str:
    return f"user:{user_id}"


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
    #: One chat opening at a time per member: a request's outputs and the reminder job
    #: may both find no chat for the same member at once.
    _opening: dict[str, asyncio.Lock] = field(default_factory=dict, repr=False)

    # References ---------------------------------------------------------------

    async def remember(self, key: str, reference: ConversationReference) -> None:
        data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
        data.pop("activityId", None)  # proactive messages start new posts, not replies
        now = datetime.now(UTC)
        await asyncio.to_thread(save_reference, self.engine, key, data, now)

    async def reference(self, key: str) -> ConversationReference | None:
        data = await asyncio.to_thread(load_reference, self.engine, key)
        return ConversationReference.model_validate(data) if data else None

    # Delivering ----------------------------------------------------------------

    async def deliver(self, output: Output, turn: Turn | None = None) -> None:
        """Send one output; never raises (failures are logged)."""
        try:
            await self.send(output, turn)
        except Exception as exc:
            log.warning("could not deliver %s to Teams: %s", type(output).__name__, exc)

    async def send(self, output: Output, turn: Turn | None = None) -> None:
        """Send one output; raises when Teams cannot be reached (reminders are retried)."""
        if isinstance(output, RequestChart):
            return
        if isinstance(output, ShowChart) and self.links is not None:
            link = await asyncio.to_thread(self.links.publish, output.png, datetime.now(UTC))
            built: Activity | None = chart_message(output, self.style, link)
        else:
            built = message(output, self.style)
        if built is None:
            return
        turn = turn or Turn()
        if isinstance(output, Refusal) and turn.invoke:
            turn.notices.append(built.text or "")
            return
        reference = await self._target(output.to, turn)
        await self.post(reference, built, turn)

    async def post(self, reference: ConversationReference, activity: Activity, turn: Turn) -> None:
        context = turn.context
        if context is not None and reference.conversation.id == turn.conversation_id:
            await context.send_activity(activity)
            return

        async def send(proactive: TurnContext) -> None:
            await proactive.send_activity(activity)

        continuation = reference.get_continuation_activity()
        continuation.id = None  # a new message (a new post in a channel), not a reply
        await self.adapter.continue_conversation_with_claims(self.claims(), continuation, send)

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
        connector = await factory.create_connector_client(
            None,
            claims,
            base.service_url,
            claims.get_token_audience(),
            use_anonymous=claims.allow_anonymous,
        )
        try:
            created = await connector.conversations.create_conversation(params)
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


def service_claims(app_id: str, anonymous: bool) -> Callable[[], ClaimsIdentity]:
    """The identity outgoing calls are made with: anonymous only in dev mode."""

    def make() -> ClaimsIdentity:
        if anonymous:
            return ClaimsIdentity({}, False)
        return ClaimsIdentity(
            {
                AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                AuthenticationConstants.APP_ID_CLAIM: app_id,
            },
            True,
        )

    return make
