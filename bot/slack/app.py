"""The Bolt AsyncApp: listeners that ack, claim the request, translate, dispatch and send.

Every listener acknowledges first (Slack allows 3 seconds), then claims the
request's natural key in the database (`storage.slack_tables.claim_request`) so
a retried event or a double-submitted payload is acted on once, across
processes. The rest runs after the ack: lookups and flows through the
`Dispatcher` (worker threads), outputs through the `SlackSender`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapter_kit import dispatch_until_refused, group_in_channel
from bot.dispatch import Dispatcher
from bot.drain import Drain
from bot.main import Runtime
from bot.slack import ids, translate
from bot.slack.blocks import Style, help_message, text_message
from bot.slack.home import home_view
from bot.slack.modals import form_view, preparation_view, setup_view
from bot.slack.requests import AckFirst, request_key, team_of
from bot.slack.sender import Reply, SlackSender
from bot.slack.stores import AsyncInstallations
from bot.slack.translate import Where, workspace_of
from config.settings import Settings
from flows.errors import InvalidInput, Refused
from flows.forms import Form, form_named, unavailable
from flows.model import Group
from flows.outputs import Output, Refusal, ToActor, t
from flows.queries import (
    current_meeting,
    get_group,
    meeting_with_previous,
    preparation_of,
)
from flows.service import Command
from flows.steps import Step
from storage.slack_tables import claim_request

log = logging.getLogger(__name__)


@dataclasses.dataclass
class SlackAdapter:
    settings: Settings
    runtime: Runtime
    app: AsyncApp
    sender: SlackSender
    style: Style
    base: Dispatcher
    oauth_flow: AsyncOAuthFlow | None = None
    installations: AsyncInstallations | None = None
    #: Requests worked on at once after their ack. Acks never wait for this; bounding the
    #: work keeps the event loop (and the GIL) free to verify and ack the next requests.
    #: With `AckFirst` and bot/web.py's gc.freeze(), bench/slack_ack.py's p99 at
    #: concurrency 50 went from 3-8x bare Bolt to about 1x.
    busy_limit: int = 2
    acks: AckFirst = dataclasses.field(default_factory=AckFirst)
    #: Work after an ack counts as in flight from the moment it waits for a slot: on
    #: SIGTERM, bot/web.py waits for it (up to DATADIALOG_DRAIN_SECONDS) before exiting.
    drain: Drain = dataclasses.field(default_factory=Drain)
    _slots: asyncio.Semaphore | None = None

    @contextlib.asynccontextmanager
    async def slots(self) -> AsyncIterator[None]:
        """A turn to work on an acknowledged request: after pending acks, a few at a time."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.busy_limit)
        with self.drain.tracked():
            async with self._slots:
                await self.acks.idle()
                yield

    # Plumbing ------------------------------------------------------------------

    async def claim(self, body: dict[str, Any]) -> bool:
        key = request_key(body)
        if key is None:
            return True
        now = datetime.now(UTC)
        return await asyncio.to_thread(claim_request, self.runtime.engine, key, now)

    async def lookup_group(self, group_id: int) -> Group:
        return await self.base.query(get_group, group_id)

    async def dispatch(self, commands: list[Command], reply: Reply) -> None:
        async def deliver(output: Output) -> None:
            await self.sender.deliver(output, reply)

        await dispatch_until_refused(self.base, commands, deliver)

    async def refuse(self, reply: Reply, actor: str, refused: Refused) -> None:
        await self.sender.deliver(Refusal(ToActor(actor), refused.text), reply)

    async def _guarded(self, reply: Reply, actor: str, work: Awaitable[None]) -> None:
        try:
            await work
        except Refused as refused:
            await self.refuse(reply, actor, refused)
        except Exception:
            log.exception("Slack request failed after ack")

    async def _group_here(self, team: str, channel: str) -> Group | None:
        return await group_in_channel(self.base, workspace_of(team), channel)

    # Slash command ------------------------------------------------------------

    async def on_command(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: AsyncWebClient,
        respond: Callable[..., Awaitable[Any]],
    ) -> None:  # fmt: skip
        await ack()
        async with self.slots():
            if not await self.claim(body):
                return
            actor, channel = body.get("user_id", ""), body.get("channel_id", "")
            reply = Reply(client, channel)
            await self._guarded(reply, actor, self._command(body, client, respond, actor, reply))

    async def _command(
        self, body: dict[str, Any], client: AsyncWebClient, respond: Callable[..., Awaitable[Any]],
        actor: str, reply: Reply,
    ) -> None:  # fmt: skip
        sub = translate.subcommand(body.get("text", ""))
        command = self.settings.slack_command
        if sub == "help":
            await respond(response_type="ephemeral", **help_message(self.style, command))
            return
        if sub == "setup":
            timeboxes = {Step(k): v for k, v in self.settings.timeboxes().items()}
            view = setup_view(self.style, reply.channel, timeboxes)
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        group = await self._group_here(team_of(body), reply.channel)
        if group is None:
            note = text_message(self.style, t("slack.no_group", command=command))
            await respond(response_type="ephemeral", **note)
            return
        reply.group = group
        meeting = await self.base.query(current_meeting, group.id or 0)
        where = Where(actor, workspace_of(team_of(body)), reply.channel, meeting.id)
        await self.dispatch([translate.SUBCOMMANDS[sub](where)], reply)

    # Buttons --------------------------------------------------------------------

    async def on_action(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        async with self.slots():
            if not await self.claim(body):
                return
            actor = (body.get("user") or {}).get("id", "")
            channel = (body.get("channel") or {}).get("id", "")
            reply = Reply(client, channel)
            await self._guarded(reply, actor, self._action(body, client, actor, reply))

    async def _action(
        self, body: dict[str, Any], client: AsyncWebClient, actor: str, reply: Reply
    ) -> None:
        action = (body.get("actions") or [{}])[0]
        action_id, value = action.get("action_id", ""), action.get("value") or ""
        team = team_of(body)
        if action_id == ids.PREPARE:
            meeting_id = int(value)
            current = await self.base.query(preparation_of, meeting_id, actor)
            view = preparation_view(self.style, meeting_id, current, reply.channel)
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        reply.group = await self._group_here(team, reply.channel)
        if action_id.startswith(ids.OPEN_FORM) and value.isdigit():
            form = form_named(action_id.removeprefix(ids.OPEN_FORM))
            await self._open(body, client, actor, reply, form, int(value))
            return
        if not translate.is_choice(action):
            return
        where = Where(actor, workspace_of(team), reply.channel)
        await self.dispatch([translate.button(action, where)], reply)
        if (body.get("view") or {}).get("type") == "home":
            await self.publish_home(client, team, actor)  # show the action's new state

    async def _open(
        self, body: dict[str, Any], client: AsyncWebClient, actor: str, reply: Reply,
        form: Form, meeting_id: int,
    ) -> None:  # fmt: skip
        meeting, previous = await self.base.query(meeting_with_previous, meeting_id)
        group = reply.group or await self.lookup_group(meeting.group_id)
        why = unavailable(form, meeting, previous)
        if why is not None:  # nothing to pick from yet: say so instead of an empty form
            await self.sender.deliver(Refusal(ToActor(actor), why), reply)
            return
        view = form_view(form, self.style, group, meeting, previous, reply.channel)
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    # Modals --------------------------------------------------------------------

    async def on_view(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        view = body.get("view") or {}
        today = translate.local_today(view, self.settings.timezone)  # its group's, if known
        try:  # pure and quick, no query (the modal carries the members): a bad field keeps it open
            translate.view_submission(view, Where("", "", today=today))
        except translate.FieldError as bad:
            await ack(response_action="errors", errors={bad.block_id: self.style.plain(bad.text)})
            return
        except Exception:
            pass  # anything else is answered after the ack, as a refusal
        await ack()
        async with self.slots():
            if not await self.claim(body):
                return
            actor = (body.get("user") or {}).get("id", "")
            channel = str(translate.meta(view).get("channel") or "")
            reply = Reply(client, channel)
            await self._guarded(reply, actor, self._view(body, view, client, actor, reply))

    async def _view(
        self, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient, actor: str,
        reply: Reply,
    ) -> None:  # fmt: skip
        team = team_of(body)
        names: dict[str, str] = {}
        if view.get("callback_id") == ids.SETUP:
            chosen = translate.field_value(view.get("state", {}).get("values", {}), "channel")
            reply.channel = chosen or reply.channel
            existing = await self._group_here(team, reply.channel)
            if existing is not None:
                raise InvalidInput("slack.group_exists_here", name=existing.name)
            names = {uid: await self._display_name(client, uid) for uid in translate.users_in(view)}
        else:
            reply.group = await self._group_here(team, reply.channel)
        meeting_id = translate.meta(view).get("meeting")
        group = reply.group
        if isinstance(meeting_id, int) and meeting_id:
            meeting, _ = await self.base.query(meeting_with_previous, meeting_id)
            group = await self.lookup_group(meeting.group_id)
        today = datetime.now(ZoneInfo(group.timezone if group else self.settings.timezone))
        where = Where(actor, workspace_of(team), reply.channel, None, names, today.date())
        await self.dispatch(translate.view_submission(view, where, group), reply)

    async def _display_name(self, client: AsyncWebClient, user_id: str) -> str:
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

    # Events ------------------------------------------------------------------------

    async def on_home(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], event: dict[str, Any],
        client: AsyncWebClient,
    ) -> None:  # fmt: skip
        await ack()
        if event.get("tab", "home") != "home" or not await self.claim(body):
            return
        await self.publish_home(client, team_of(body), event.get("user", ""))

    async def publish_home(self, client: AsyncWebClient, team: str, user: str) -> None:
        try:
            view = await home_view(self.base, self.style, workspace_of(team), user,
                                   self.settings.slack_command)  # fmt: skip
            await client.views_publish(user_id=user, view=view)
        except Exception:
            log.exception("App Home could not be published")
