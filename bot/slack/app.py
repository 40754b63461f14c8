"""The Bolt AsyncApp: listeners that ack, claim the request, translate, dispatch and send.

Every listener keeps the request in the inbox (`bot.inbox`: one INSERT under the
request's natural key, so a retried event or a double-submitted payload is acted on
once, across processes) and only then acknowledges it (Slack allows 3 seconds). The
rest runs after the ack, from the inbox row: lookups and flows through the
`Dispatcher` (worker threads), outputs through the `SlackSender`. A row whose process
died is taken over by another process (`resume`), which continues where it stopped.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapter_kit import dispatch_until_refused, group_in_channel
from bot.after_ack import AckFirst, AfterAck
from bot.boundaries import check_commands, group_by_id, group_of_meeting, request_from  # issue 16
from bot.dispatch import Dispatcher
from bot.drain import Drain
from bot.inbox import Inbox, Plan, plan_of
from bot.main import Runtime
from bot.slack import corrections, files, ids, modal_flow, planning, translate
from bot.slack.blocks import Style, help_message, text_message
from bot.slack.boundary import press_again  # issue 16: a modal's trigger refused
from bot.slack.export import send_export  # the export (issue 15)
from bot.slack.home import home_view
from bot.slack.modals import preparation_view, setup_view
from bot.slack.requests import body_of, kept_form, request_key, team_of
from bot.slack.sender import Reply, SlackSender
from bot.slack.settings import open_settings  # group changes (issue 14)
from bot.slack.stores import AsyncInstallations
from bot.slack.translate import Where, workspace_of
from bot.slack.transport import SlackTransport
from bot.slack.uninstall import is_uninstall, slack_uninstalled  # uninstall (issue 15)
from config.settings import Settings
from flows.commands import MoveMeeting
from flows.errors import Refused
from flows.forms import form_named
from flows.model import Group
from flows.outputs import Output, Refusal, ToActor, t
from flows.queries import current_meeting_id, preparation_of
from flows.service import Command
from flows.steps import Step
from storage.inbox import Item

log = logging.getLogger(__name__)


@dataclasses.dataclass
class SlackAdapter:
    settings: Settings
    runtime: Runtime
    app: AsyncApp
    sender: SlackSender
    style: Style
    base: Dispatcher
    inbox: Inbox
    oauth_flow: AsyncOAuthFlow | None = None
    installations: AsyncInstallations | None = None
    #: Requests worked on at once after their ack. Acks never wait for this; bounding the
    #: work keeps the event loop (and the GIL) free to verify and ack the next requests.
    busy_limit: int = 2
    acks: AckFirst = dataclasses.field(default_factory=AckFirst)
    #: Work after an ack counts as in flight from the moment it is queued: on SIGTERM,
    #: bot/web.py waits for it (up to DATADIALOG_DRAIN_SECONDS) before exiting.
    drain: Drain = dataclasses.field(default_factory=Drain)
    _after: AfterAck | None = None

    @property
    def after_ack(self) -> AfterAck:
        """The queue of work after acks (made on first use: bot/web.py sets `drain`)."""
        if self._after is None:
            self._after = AfterAck(self.busy_limit, self.acks, self.drain)
        return self._after

    # Plumbing ------------------------------------------------------------------

    async def keep(self, body: dict[str, Any]) -> int | None:
        """Keep the request before its ack: its inbox row, or None when it is a retry."""
        key = request_key(body) or f"slack:{uuid.uuid4()}"
        return await self.inbox.receive("slack", key, kept_form(body))

    async def work(
        self, row_id: int, body: dict[str, Any], client: AsyncWebClient, respond: Any,
        item: Item | None = None,
    ) -> None:  # fmt: skip
        """Work on a kept request (after its ack, or taken over from a dead process)."""
        plan = plan_of(item) if item is not None else None
        if plan is None:  # issue 16: within the workspace it was matched to (`boundary`)
            with request_from(workspace_of(team_of(body))):
                await self.inbox.work_through(
                    row_id, item, lambda: self.handle(body, client, respond)
                )
        else:  # its first change was made: carry on with what it fixed
            await self.inbox.work_through(row_id, item, lambda: self._carry_on(plan, client))

    async def _carry_on(self, plan: Plan, client: AsyncWebClient) -> None:
        answer = plan.answer
        reply = Reply(client, str(answer.get("channel") or ""))
        if isinstance(answer.get("group"), int):
            reply.group = await self.lookup_group(answer["group"])
        going = self.inbox.carry_out(
            self.base, self.inbox.current_work(), plan, self._deliver_to(reply)
        )
        await self._guarded(reply, str(answer.get("actor") or ""), going)

    async def keep_and_ack(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: AsyncWebClient,
        respond: Any = None,
    ) -> None:  # fmt: skip
        """Keep the request, ack it, and queue its work: the listener returns and Bolt
        answers at once (`process_before_response`, no 10 ms ack poll)."""
        row = await self.keep(body)
        await ack()
        if row is not None:
            self.after_ack.queue(lambda: self.work(row, body, client, respond))

    async def resume(self, item: Item) -> None:
        """Take over a request a dead process had kept: a client for its workspace, then on."""
        body = body_of(item.payload)
        client = self.app.client
        if self.installations is not None and not is_uninstall(body):  # its tokens may be gone
            transport = SlackTransport(self.sender, self.app.client, self.installations)
            client = await transport.client_for_team(team_of(body))
        respond = AsyncRespond(response_url=body.get("response_url"))
        async with self.after_ack.slot():
            await self.work(item.id, body, client, respond, item)

    async def handle(self, body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
        """The work after the ack, by the kind of request."""
        if body.get("command"):
            actor, channel = body.get("user_id", ""), body.get("channel_id", "")
            reply = Reply(client, channel)
            await self._guarded(reply, actor, self._command(body, client, respond, actor, reply))
        elif body.get("type") == "block_actions":
            actor = (body.get("user") or {}).get("id", "")
            reply = Reply(client, (body.get("channel") or {}).get("id", ""))
            await self._guarded(reply, actor, self._action(body, client, actor, reply))
        elif body.get("type") == "view_submission":
            view = body.get("view") or {}
            actor = (body.get("user") or {}).get("id", "")
            reply = Reply(client, str(translate.meta(view).get("channel") or ""))
            submitted = modal_flow.submitted(self, body, view, client, actor, reply)
            await self._guarded(reply, actor, submitted)
        elif (body.get("event") or {}).get("type") == "app_home_opened":
            await self.publish_home(client, team_of(body), body["event"].get("user", ""))
        elif (body.get("event") or {}).get("type") == "message":
            await files.import_kept_files(self, body, body["event"], client)
        elif is_uninstall(body):  # uninstall (issue 15): tokens deleted, groups frozen
            await slack_uninstalled(self, body)

    def _deliver_to(self, reply: Reply) -> Callable[[Output], Awaitable[None]]:
        return lambda output: self.sender.deliver(output, reply)

    async def lookup_group(self, group_id: int) -> Group:
        return await group_by_id(self.base, group_id)  # issue 16: its own workspace's only

    async def dispatch(self, commands: list[Command], reply: Reply, actor: str = "") -> None:
        group = reply.group.id if reply.group is not None else None
        answer = {"channel": reply.channel, "group": group, "actor": actor}
        await check_commands(self.base, commands)  # issue 16: another workspace's: not found
        deliver = self._deliver_to(reply)
        await dispatch_until_refused(self.base, commands, deliver, self.inbox, answer)

    async def refuse(self, reply: Reply, actor: str, refused: Refused) -> None:
        await self.sender.deliver(Refusal(ToActor(actor), refused.text), reply)

    async def _guarded(self, reply: Reply, actor: str, work: Awaitable[Any]) -> None:
        """Refusals are answered; anything else leaves the request to be taken over."""
        try:
            await work
        except Refused as refused:
            await self.refuse(reply, actor, refused)
        except SlackApiError as failed:  # issue 16: a modal that could not open: press again
            await self.refuse(reply, actor, press_again(failed))

    async def group_here(self, team: str, channel: str) -> Group | None:
        return await group_in_channel(self.base, workspace_of(team), channel)

    # Slash command ------------------------------------------------------------

    on_command = keep_and_ack  # Bolt passes it ack, body, client and respond

    async def _command(
        self, body: dict[str, Any], client: AsyncWebClient, respond: Callable[..., Awaitable[Any]],
        actor: str, reply: Reply,
    ) -> None:  # fmt: skip
        sub = planning.subcommand(body.get("text", ""))  # in English or Danish
        command = self.settings.slack_command
        if sub == "help":
            await respond(response_type="ephemeral", **help_message(self.style, command))
            return
        if sub == "setup":
            timeboxes = {Step(k): v for k, v in self.settings.timeboxes().items()}
            view = setup_view(self.style, reply.channel, timeboxes)
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        group = await self.group_here(team_of(body), reply.channel)
        if group is None:
            note = text_message(self.style, t("slack.no_group", command=command))
            await respond(response_type="ephemeral", **note)
            return
        reply.group = group
        if sub == "settings":  # group changes (issue 14): the group's settings modal
            await open_settings(self, body, client, actor, group, reply)
            return
        if sub == "export":  # the export (issue 15): the zip in the leader's DM
            await send_export(self, client, actor, group, reply)
            return
        meeting_id = await self.base.query(current_meeting_id, group.id or 0)
        where = Where(actor, workspace_of(team_of(body)), reply.channel, meeting_id)
        await self.dispatch([planning.slash_command(body["text"], where, group)], reply, actor)

    # Buttons --------------------------------------------------------------------

    on_action = keep_and_ack  # Bolt passes it ack, body, client (and respond, unused)

    async def _action(
        self, body: dict[str, Any], client: AsyncWebClient, actor: str, reply: Reply
    ) -> None:
        action = (body.get("actions") or [{}])[0]
        action_id, value = action.get("action_id", ""), action.get("value") or ""
        team = team_of(body)
        if action_id == ids.PREPARE:
            meeting_id = int(value)
            await group_of_meeting(self.base, meeting_id)  # issue 16: its own workspace's only
            current = await self.base.query(preparation_of, meeting_id, actor)
            view = preparation_view(self.style, meeting_id, current, reply.channel)
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        reply.group = await self.group_here(team, reply.channel)
        if action_id == ids.CORRECT:  # Ret / Fjern on a contribution's message (issue 14)
            chosen = (action.get("selected_option") or {}).get("value") or ""
            await group_of_meeting(self.base, corrections.chosen(chosen)[1].meeting_id)  # issue 16
            await corrections.open_correction(self, body, client, actor, reply, chosen)
            return
        if action_id.startswith(ids.OPEN_FORM) and value.isdigit():
            form = form_named(action_id.removeprefix(ids.OPEN_FORM))
            await modal_flow.open_form(self, body, client, actor, reply, form, int(value))
            return
        if not translate.is_choice(action):
            return
        where = Where(actor, workspace_of(team), reply.channel)
        command = translate.button(action, where)
        if isinstance(command, MoveMeeting):  # *Move*: the new time is picked in a modal first
            await planning.open_move(self, body, client, reply, command)
            return
        await self.dispatch([command], reply, actor)
        if (body.get("view") or {}).get("type") == "home":
            await self.publish_home(client, team, actor)  # show the action's new state

    # Modals --------------------------------------------------------------------

    async def on_view(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], client: AsyncWebClient,
        context: Any = None,
    ) -> None:  # fmt: skip
        view = body.get("view") or {}
        today = translate.local_today(view, self.settings.timezone)  # its group's, if known
        bot_user = str(getattr(context, "bot_user_id", None) or "")  # the installation's bot
        try:  # pure and quick, no query (the modal carries the members): a bad field keeps it open
            modal_flow.view_commands(view, Where("", "", today=today), bot_user=bot_user)
        except translate.FieldError as bad:
            await ack(response_action="errors", errors={bad.block_id: self.style.plain(bad.text)})
            return
        except Exception:
            pass  # anything else is answered after the ack, as a refusal
        await self.keep_and_ack(ack, body, client)

    # Events ------------------------------------------------------------------------

    async def on_home(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], event: dict[str, Any],
        client: AsyncWebClient,
    ) -> None:  # fmt: skip
        if event.get("tab", "home") != "home":
            await ack()
            return
        await self.keep_and_ack(ack, body, client)

    async def publish_home(self, client: AsyncWebClient, team: str, user: str) -> None:
        try:
            view = await home_view(self.base, self.style, workspace_of(team), user,
                                   self.settings.slack_command)  # fmt: skip
            await client.views_publish(user_id=user, view=view)
        except Exception:
            log.exception("App Home could not be published")
