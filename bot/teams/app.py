"""The Teams agent: the SDK's CloudAdapter at /api/messages, one handler per activity type.

Each activity is claimed by id in the database first (`storage.teams_tables`:
the Bot Connector retries, several processes may run), its conversation
reference is remembered (first contact), then it is translated to commands
(`translate`) that run through the `Dispatcher` (worker threads) and whose
outputs the `TeamsSender` renders (`cards`) and sends. No meeting logic here.

Auth: the route is wrapped in the SDK's JWT check (`jwt_authorization_decorator`,
this route only). Outside dev mode a request without a valid Bot Framework /
Entra token for TEAMS_APP_ID is refused with 401 before anything is read or
stored; outgoing calls get tokens through the MSAL connection (TEAMS_APP_ID,
TEAMS_APP_PASSWORD, TEAMS_TENANT_ID). Only with DATADIALOG_DEV_MODE=true are
anonymous requests accepted and outgoing calls made without a token.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes, Attachment, InvokeResponse
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import AgentAuthConfiguration, TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from bot import choices
from bot.chart_links import ROUTE as CHART_ROUTE
from bot.chart_links import ChartLinks, derive_secret
from bot.dispatch import Deliver, Dispatcher, tick_forever
from bot.main import Runtime
from bot.teams import files, translate
from bot.teams.blocks import CARD_TYPE, Style, neutral, text_message
from bot.teams.cards import FieldRefusal
from bot.teams.own_cards import done_card, help_card, setup_card
from bot.teams.sender import TeamsSender, Turn, channel_key, service_claims, user_key
from bot.teams.translate import Where
from config.settings import Settings
from flows.errors import InvalidInput, NotFound, Refused
from flows.forms import FieldError, form_named
from flows.model import Group
from flows.outputs import Output, Refusal, ToActor, ToChannel, ToUser
from flows.queries import (
    current_meeting,
    get_group,
    group_for_channel,
    list_groups,
    meeting_with_previous,
)
from flows.service import Command
from storage.teams_tables import claim_activity, prune_activities

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
#: Where the SDK's JWT check finds its configuration (an aiohttp app key of the SDK's choosing).
AUTH_CONFIG_KEY = "agent_configuration"
EXECUTE = "adaptiveCard/action"
PASSED_AUTH = web.RequestKey("datadialog_teams_authorized", bool)


@dataclasses.dataclass
class TeamsAdapter:
    settings: Settings
    runtime: Runtime
    cloud: CloudAdapter
    auth: AgentAuthConfiguration
    sender: TeamsSender
    style: Style
    base: Dispatcher
    _remembered: set[str] = dataclasses.field(default_factory=set)

    # The SDK's Agent protocol ---------------------------------------------------------

    async def on_turn(self, context: TurnContext) -> None:
        activity = context.activity
        handler = HANDLERS.get(str(activity.type))
        if handler is None:
            return
        await self._remember(activity)
        if not await self._claim(activity):
            if activity.type == ActivityTypes.invoke:
                await _invoke_reply(context, _message_body(""))
            return
        await handler(self, context)

    async def process(self, request: web.Request) -> web.StreamResponse:
        return await self.cloud.process(request, self)  # type: ignore[arg-type, return-value]

    # Plumbing -----------------------------------------------------------------------------

    async def _claim(self, activity: Activity) -> bool:
        if not activity.id:
            return True
        key = f"{activity.channel_id}:{activity.conversation.id}:{activity.type}:{activity.id}"
        return await asyncio.to_thread(claim_activity, self.runtime.engine, key, _now())

    async def _remember(self, activity: Activity) -> None:
        """Save where this conversation is (first contact); once per process and key."""
        if not activity.service_url or activity.conversation is None:
            return
        kind = activity.conversation.conversation_type or ""
        if kind == "personal":
            key = user_key(activity.from_property.id if activity.from_property else "")
        else:
            key = channel_key(_channel(activity))
        seen = f"{key}|{activity.service_url}"  # a moved service URL is saved again
        if seen in self._remembered:
            return
        reference = activity.get_conversation_reference()
        if kind != "personal":
            reference.conversation = reference.conversation.model_copy(
                update={"id": _channel(activity)}
            )
        await self.sender.remember(key, reference)
        self._remembered.add(seen)

    async def prune_forever(self, interval: float = 3600) -> None:
        while True:
            try:
                await asyncio.to_thread(prune_activities, self.runtime.engine, _now())
                if self.sender.links is not None:
                    await asyncio.to_thread(self.sender.links.prune, _now())
            except Exception:
                log.exception("pruning processed Teams activities failed")
            await asyncio.sleep(interval)

    async def _where(self, activity: Activity, meeting_id: int | None = None) -> Where:
        actor = activity.from_property.id if activity.from_property else ""
        workspace = translate.workspace_of(_tenant(activity))
        personal = (activity.conversation.conversation_type or "") == "personal"
        channel = "" if personal else _channel(activity)
        group: Group | None = None
        if meeting_id:
            meeting, _ = await self.base.query(meeting_with_previous, meeting_id)
            group = await self.base.query(get_group, meeting.group_id)
        elif channel:
            group = await self.base.query(group_for_channel, workspace, channel)
        else:
            mine = await self.member_groups(actor)
            group = mine[0] if len(mine) == 1 else None
        if group is not None and not meeting_id:
            try:
                meeting_id = (await self.base.query(current_meeting, group.id or 0)).id
            except NotFound:
                meeting_id = None
        names = {
            m.mentioned.id: m.mentioned.name or m.mentioned.id
            for m in activity.get_mentions()
            if m.mentioned is not None and activity.recipient is not None
            and m.mentioned.id != activity.recipient.id
        }  # fmt: skip
        today = datetime.now(ZoneInfo(self.settings.timezone)).date()
        return Where(
            actor, workspace, channel, group, meeting_id, today, names, self.settings.timezone
        )

    async def member_groups(self, user_id: str) -> list[Group]:
        groups = await self.base.query(list_groups)
        return [g for g in groups if g.workspace.startswith("teams:") and g.member(user_id)]

    async def lookup_group(self, group_id: int) -> Group:
        return await self.base.query(get_group, group_id)

    async def dispatch(self, commands: list[Command], turn: Turn) -> bool:
        """Run the commands; False when one was refused (the rest are not applied)."""

        async def deliver(output: Output) -> None:
            await self.sender.deliver(output, turn)

        dispatcher = dataclasses.replace(self.base, deliver=deliver)
        for cmd in commands:
            outputs = await dispatcher.send(cmd)
            if any(isinstance(o, Refusal) for o in outputs):
                return False
        return True

    def _turn(self, context: TurnContext, where: Where, invoke: bool = False) -> Turn:
        conversation = context.activity.conversation.id
        personal = context.activity.conversation.conversation_type == "personal"
        return Turn(
            context,
            conversation if personal else translate.channel_of(conversation),
            where.group,
            invoke,
        )

    async def _refuse(self, turn: Turn, actor: str, refused: Refused) -> None:
        await self.sender.deliver(Refusal(ToActor(actor), refused.text), turn)

    # Handlers ------------------------------------------------------------------------------

    async def on_message(self, context: TurnContext) -> None:
        activity = context.activity
        found = translate.card_action(activity.value)
        if found is not None:  # an Action.Submit (clients without Universal Actions)
            await self._card(context, *found, invoke=False)
            return
        if files.shared_files(activity):  # a measurement file to import (`files`)
            await files.import_files(self, context)
            return
        text = activity.remove_recipient_mention() if activity.recipient else activity.text
        verb, rest = translate.split_text(text or "")
        where = await self._where(activity)
        turn = self._turn(context, where)
        try:
            if verb == "setup":
                if where.group is not None:
                    raise Refused("teams.group_exists_here", name=where.group.name)
                if not where.names and where.channel:  # no one @mentioned: the setup card
                    await self._setup_card(context, where)
                    return
                name = activity.from_property.name if activity.from_property else ""
                await self.dispatch([translate.setup_command(where, rest, name or "")], turn)
                return
            if verb not in translate.console.BUILDERS:
                await context.send_activity(help_card(self.style))
                return
            await self.dispatch([translate.text_command(verb, rest, where)], turn)
        except Refused as refused:
            await self._refuse(turn, where.actor, refused)

    async def _setup_card(self, context: TurnContext, where: Where) -> None:
        """The setup form, with the channel's members from the Bot Connector to pick from."""
        connector = context.services.get(ConnectorClientBase)
        try:
            members = await connector.conversations.get_conversation_members(where.channel)
        except Exception as exc:
            log.warning("could not read the channel's members: %s", type(exc).__name__)
            raise InvalidInput("teams.setup.usage") from None
        roster = [(m.id, m.name or m.id) for m in members if m.id and m.id.startswith("29:")]
        await context.send_activity(setup_card(self.style, roster, where.actor))

    async def on_invoke(self, context: TurnContext) -> None:
        activity = context.activity
        found = translate.card_action(activity.value) if activity.name == EXECUTE else None
        if found is None:
            await _invoke_reply(context, _message_body(""), status=200)
            return
        await self._card(context, *found, invoke=True)

    async def _card(self, context: TurnContext, verb: str, data: dict[str, Any], invoke: bool):
        activity = context.activity
        meeting = data.get("meeting")
        meeting_id = int(meeting) if str(meeting or "").isdigit() and int(meeting) else None
        actor = activity.from_property.id if activity.from_property else ""
        turn = Turn(context, "", None, invoke)
        ok = False
        try:
            if verb in choices.BUTTONABLE:  # the meeting is the one the button was shown for
                meeting_id = choices.decode(data.get("command"), actor).meeting_id
            where = await self._where(activity, meeting_id)
            turn = self._turn(context, where, invoke)
            if verb == "setup" and where.group is not None:
                raise Refused("teams.group_exists_here", name=where.group.name)
            ok = await self.dispatch(translate.card_commands(verb, data, where), turn)
        except FieldError as bad:  # shown apart from the form: the refusal names the field
            form = form_named(str(data.get("form") or ""))
            label = next(f.label for f in form.fields if f.name == bad.field)
            await self.sender.deliver(
                FieldRefusal(ToActor(actor), bad.text, form.title, label), turn
            )
        except Refused as refused:
            await self._refuse(turn, actor, refused)
        closing = ok and verb in translate.CLOSING_VERBS
        who = (activity.from_property.name if activity.from_property else "") or ""
        if invoke:
            if closing:
                done = done_card(self.style, self._done_note(verb, who))
                body = {"statusCode": 200, "type": CARD_TYPE, "value": done}
            else:
                body = _message_body(" ".join(turn.notices) or self.style("teams.saved"))
            await _invoke_reply(context, body)
        elif closing and activity.reply_to_id:
            done = done_card(self.style, self._done_note(verb, who))
            updated = Activity(
                type=ActivityTypes.message,
                id=activity.reply_to_id,
                attachments=[Attachment(content_type=CARD_TYPE, content=done)],
            )
            try:
                await context.update_activity(updated)
            except Exception as exc:
                log.warning("could not update the pressed card: %s", type(exc).__name__)

    def _done_note(self, verb: str, who: str) -> str:
        what = self.style(f"teams.verb.{verb}")
        return self.style("teams.card.done", who=neutral(who, card=True), what=what)

    async def on_conversation_update(self, context: TurnContext) -> None:
        """Installed in a team, a group chat or a personal chat: remembered, and a welcome."""
        activity = context.activity
        bot = activity.recipient.id if activity.recipient else None
        if not any(m.id == bot for m in activity.members_added or []):
            return
        personal = activity.conversation.conversation_type == "personal"
        key = "teams.welcome.personal" if personal else "teams.welcome.channel"
        await context.send_activity(text_message(self.style(key)))

    # The process's own outputs (time-box ticker, reminders) -----------------------------

    def owns(self, output: Output) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            to = output.to
            if isinstance(to, ToChannel):
                group = await self.lookup_group(to.group_id)
                return group.workspace.startswith("teams:")
            if isinstance(to, ToUser | ToActor):
                if to.user_id.startswith(("29:", "8:orgid:")):
                    return True
                return await self.sender.reference(user_key(to.user_id)) is not None
            return False

        return check

    def system_delivery(self, fallback: Deliver | None, *, strict: bool) -> Deliver:
        """Deliver the process's outputs: Teams groups and members here, the rest to `fallback`.

        `strict` (reminders) lets a failure raise, so the reminder row is retried."""

        async def deliver(output: Output) -> None:
            try:
                ours = await self.owns(output)()
            except Exception:
                log.exception("could not tell where %s goes", type(output).__name__)
                if strict:
                    raise
                return
            if not ours:
                if fallback is not None:
                    await fallback(output)
                elif strict:
                    raise LookupError("not a Teams group or member; no other transport runs")
                return
            if strict:
                await self.sender.send(output)
            else:
                await self.sender.deliver(output)

        return deliver

    def background(self, fallback: Deliver | None, *, alone: bool) -> list[asyncio.Task[Any]]:
        """Tasks the web server runs for Teams: pruning of processed activity ids and, when
        Teams is the only chat (`alone`), the time-box ticker and the reminder job.

        With Slack as well, Slack's ticker routes Teams groups here (`system_delivery`); the
        reminder job is then left to the process's shared worker, which must deliver through
        `system_delivery(slack_deliver, strict=True)`, so no Slack reminder is marked sent
        by a transport that cannot deliver it."""
        from bot.scheduler import start_scheduler

        tasks = [asyncio.create_task(self.prune_forever())]
        if not alone:
            return tasks
        dispatcher = self.runtime.dispatcher(self.system_delivery(fallback, strict=False))
        tasks.append(asyncio.create_task(tick_forever(dispatcher, self.settings.tick_seconds)))
        worker = self.runtime.reminder_worker(self.system_delivery(fallback, strict=True))
        scheduler = start_scheduler(worker, self.settings.reminder_tick_seconds)

        async def stop_scheduler_on_cancel() -> None:
            try:
                await asyncio.Event().wait()
            finally:
                scheduler.shutdown(wait=False)

        tasks.append(asyncio.create_task(stop_scheduler_on_cancel()))
        return tasks


#: Activity type -> handler.
HANDLERS: dict[str, Callable[[TeamsAdapter, TurnContext], Awaitable[None]]] = {
    ActivityTypes.message: TeamsAdapter.on_message,
    ActivityTypes.invoke: TeamsAdapter.on_invoke,
    ActivityTypes.conversation_update: TeamsAdapter.on_conversation_update,
}


def _now() -> datetime:
    return datetime.now(UTC)


def _tenant(activity: Activity) -> str:
    if activity.conversation is not None and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    return str((data.get("tenant") or {}).get("id") or "")


def _channel(activity: Activity) -> str:
    """The conversation id a group meets in: the team channel's id, or the chat's."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = (data.get("channel") or {}).get("id")
    return str(channel or translate.channel_of(activity.conversation.id))


def _message_body(text: str) -> dict[str, Any]:
    return {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": text}


async def _invoke_reply(context: TurnContext, body: dict[str, Any], status: int = 200) -> None:
    await context.send_activity(
        Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=status, body=body))
    )


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    return AgentAuthConfiguration(
        client_id=settings.teams_app_id.get_secret_value() or None,
        tenant_id=settings.teams_tenant_id.get_secret_value() or None,
        client_secret=settings.teams_app_password.get_secret_value() or None,
        anonymous_allowed=settings.dev_mode,
    )


def build_teams(settings: Settings, runtime: Runtime, session: Any = None) -> TeamsAdapter | None:
    """The Teams agent for these settings; None when Teams is not configured."""
    if not settings.teams_enabled:
        return None
    if not settings.dev_mode and not settings.teams_app_password.get_secret_value():
        raise ValueError("TEAMS_APP_PASSWORD is required to answer Microsoft Teams")
    auth = auth_configuration(settings)
    connections = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth})
    cloud = CloudAdapter(connection_manager=connections)

    async def on_error(context: TurnContext, error: Exception) -> None:
        # The SDK's default tells the user the exception text; we only log it.
        log.error("Teams turn failed: %s", type(error).__name__, exc_info=error)

    cloud.on_turn_error = on_error
    # Anonymous (dev-mode) turns have no app id; the SDK warns about that on every turn.
    logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
        logging.ERROR
    )
    style = Style(settings.language, settings.timezone)

    async def _no_delivery(output: Output) -> None:  # replaced per request
        return None

    adapter: TeamsAdapter

    async def lookup(group_id: int) -> Group:
        return await adapter.lookup_group(group_id)

    async def member_groups(user_id: str) -> list[Group]:
        return await adapter.member_groups(user_id)

    sender = TeamsSender(
        cloud,
        runtime.engine,
        service_claims(settings.teams_app_id.get_secret_value(), anonymous=settings.dev_mode),
        style,
        lookup,
        member_groups,
        links=chart_links(settings, runtime),
    )
    adapter = TeamsAdapter(
        settings=settings,
        runtime=runtime,
        cloud=cloud,
        auth=auth,
        sender=sender,
        style=style,
        base=runtime.dispatcher(_no_delivery),
    )
    return adapter


def mount_teams(app: web.Application, teams: TeamsAdapter) -> None:
    """POST /api/messages behind the SDK's JWT check (this route only)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # aiohttp prefers AppKey; the SDK reads this str key
        app[AUTH_CONFIG_KEY] = teams.auth

    @jwt_authorization_decorator
    async def authorized(request: web.Request) -> web.StreamResponse:
        request[PASSED_AUTH] = True
        return await teams.process(request)

    async def messages(request: web.Request) -> web.StreamResponse:
        try:
            return await authorized(request)
        except Exception:
            if request.get(PASSED_AUTH):
                raise
            # A token the SDK's check trips over (e.g. no "kid" header) is refused, not a 500.
            log.warning("Teams request refused: the token could not be checked")
            return web.json_response(
                {"error": "Invalid token or authentication failed."}, status=401
            )

    app.router.add_post(MESSAGES_PATH, messages)
    if teams.sender.links is not None:
        app.router.add_get(CHART_ROUTE, teams.sender.links.serve)  # signed, expiring links


def chart_links(settings: Settings, runtime: Runtime) -> ChartLinks | None:
    """Signed chart links when Teams can reach us (a public address is set), else None
    (charts then go inline, which real Teams may refuse as too large)."""
    url = settings.teams_public_url
    if url == Settings.model_fields["teams_public_url"].default:
        return None
    material = (
        settings.teams_app_password.get_secret_value() or settings.teams_app_id.get_secret_value()
    )
    return ChartLinks(runtime.engine, derive_secret(material), url)


__all__ = ["MESSAGES_PATH", "TeamsAdapter", "build_teams", "mount_teams"]
