"""The Teams agent: the SDK's CloudAdapter at /api/messages, one handler per activity type.

Each activity is kept in the inbox first (`bot.inbox`: its id is the dedupe claim;
the Bot Connector retries, several processes may run), its conversation
reference is remembered (first contact), then it is translated to commands
(`translate`) that run through the `Dispatcher` (worker threads) and whose
outputs the `TeamsSender` renders (`cards`) and sends. No meeting logic here. The
process's own outputs (time-boxes, reminders) go through `bot.teams.transport`.

Auth: the route (mounted by `bot.web`) is wrapped in the SDK's JWT check
(`jwt_authorization_decorator`, this route only). Outside dev mode a request without a
valid Bot Framework / Entra token for TEAMS_APP_ID is refused with 401 before anything
is read or stored; outgoing calls get tokens through the MSAL connection (TEAMS_APP_ID,
TEAMS_APP_PASSWORD, TEAMS_TENANT_ID). Only with DATADIALOG_DEV_MODE=true are anonymous
requests accepted and outgoing calls made without a token.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AgentAuthConfiguration, TurnContext

from bot.adapter_kit import dispatch_until_refused, group_in_channel
from bot.boundaries import group_of_meeting  # issue 16: its tenant's only
from bot.dispatch import Dispatcher
from bot.inbox import Inbox, Plan, plan_of
from bot.main import Runtime
from bot.teams import files, planning, presses, store_rules, translate
from bot.teams.activities import activity_channel, activity_tenant, invoke_reply, message_body
from bot.teams.blocks import Style
from bot.teams.own_cards import setup_card
from bot.teams.sender import TeamsSender, Turn
from bot.teams.translate import Where
from bot.teams.transport import auth_configuration, build_sender, teams_groups_of
from config.settings import Settings
from flows.errors import InvalidInput, NotFound, Refused
from flows.model import Group
from flows.outputs import Output, Refusal, ToActor
from flows.queries import current_meeting_id, get_group
from flows.service import Command
from storage.inbox import Item

log = logging.getLogger(__name__)

EXECUTE = "adaptiveCard/action"
#: How long a retried activity waits for another process's lease on it to run out.
RETRY_WAIT_SECONDS = 10.0
#: Keys of this request's activities left unfinished (`TeamsAdapter.process` answers 503).
_UNFINISHED: ContextVar[list[str]] = ContextVar("datadialog_teams_unfinished")


@dataclasses.dataclass
class TeamsAdapter:
    settings: Settings
    runtime: Runtime
    cloud: CloudAdapter
    auth: AgentAuthConfiguration
    sender: TeamsSender
    style: Style
    base: Dispatcher
    inbox: Inbox

    # The SDK's Agent protocol ---------------------------------------------------------

    async def on_turn(self, context: TurnContext) -> None:
        """Keep the activity in the inbox, then work on it there. The HTTP answer (the
        activity's 2xx) follows the work, so an activity Teams saw answered has been acted
        on; a retry of one whose process died mid-way carries on where it stopped, and one
        that could not be finished is answered 503, so the Bot Connector sends it again."""
        activity = context.activity
        handler = HANDLERS.get(str(activity.type))
        if handler is None:
            return
        await self.sender.remember_activity(activity)
        key = activity_key(activity)
        payload = activity.model_dump_json(by_alias=True, exclude_none=True)
        wait = min(self.inbox.lease.total_seconds() + 1, RETRY_WAIT_SECONDS)
        claimed = await self.inbox.receive_again("teams", key, payload, wait)
        if claimed is True:  # done before: answered as such
            if activity.type == ActivityTypes.invoke:
                await invoke_reply(context, message_body(""))
            return
        if claimed is False:  # still being worked on by a live process: "not yet"
            _not_done(key)
            return
        row, item = claimed
        plan = plan_of(item) if item is not None else None
        if plan is not None:
            turn = Turn(context, str(plan.answer.get("conversation") or ""), None, False)
            done = await self.inbox.work_through(row, item, lambda: self._carry_on(plan, turn))
        else:  # issue 16: inside its own tenant, typing shown while it takes long
            async with store_rules.within(context):
                done = await self.inbox.work_through(row, item, lambda: handler(self, context))
        if not done:
            _not_done(key)

    async def process(self, request: web.Request) -> web.StreamResponse:
        unfinished: list[str] = []
        _UNFINISHED.set(unfinished)
        response = await self.cloud.process(request, self)  # type: ignore[arg-type]
        if unfinished:  # not done: no 2xx, so the Bot Connector sends it again
            return web.json_response({"error": "not done yet"}, status=503,
                                     headers={"Retry-After": "1"})  # fmt: skip
        return response  # type: ignore[return-value]

    async def resume(self, item: Item) -> None:
        """Take over an activity a dead process left unfinished (`bot.inbox`): past its
        first change, the rest of its plan is carried out and answered proactively; before
        it nothing changed and the activity got no 2xx, so it is forgotten and the Bot
        Connector's retry of it is received as new."""
        plan = plan_of(item)
        if plan is None:
            await self.inbox.forget(item)
            return
        turn = Turn(None, str(plan.answer.get("conversation") or ""), None, False)
        await self.inbox.work_through(item.id, item, lambda: self._carry_on(plan, turn))

    async def _carry_on(self, plan: Plan, turn: Turn) -> None:
        if isinstance(plan.answer.get("group"), int):
            turn.group = await self.base.query(get_group, plan.answer["group"])

        async def deliver(output: Output) -> None:
            await self.sender.deliver(output, turn)

        await self.inbox.carry_out(self.base, self.inbox.current_work(), plan, deliver)
        context = turn.context
        if context is not None and context.activity.type == ActivityTypes.invoke:
            await invoke_reply(context, message_body(self.style("teams.saved")))

    async def where(self, activity: Activity, meeting_id: int | None = None) -> Where:
        actor = activity.from_property.id if activity.from_property else ""
        workspace = translate.workspace_of(activity_tenant(activity))
        personal = (activity.conversation.conversation_type or "") == "personal"
        channel = "" if personal else activity_channel(activity)
        group: Group | None = None
        if meeting_id:
            group = await group_of_meeting(self.base, meeting_id)
        elif channel:
            group = await group_in_channel(self.base, workspace, channel)
        else:
            mine = [g for g in await self.member_groups(actor) if g.workspace == workspace]
            group = mine[0] if len(mine) == 1 else None
        if group is not None and not meeting_id:
            try:
                meeting_id = await self.base.query(current_meeting_id, group.id or 0)
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
        return await teams_groups_of(self.base.query, user_id)

    async def dispatch(self, commands: list[Command], turn: Turn) -> bool:
        """Run the commands; False when one was refused (the rest are not applied)."""

        async def deliver(output: Output) -> None:  # issue 16: nothing about it to outsiders
            await self.sender.deliver(store_rules.as_told(output, turn.group), turn)

        await store_rules.check_commands(self.base, commands)  # issue 16: its tenant's only
        group = turn.group.id if turn.group is not None else None
        answer = {"conversation": turn.conversation_id, "group": group}
        return await dispatch_until_refused(self.base, commands, deliver, self.inbox, answer)

    def turn_for(self, context: TurnContext, where: Where, invoke: bool = False) -> Turn:
        conversation = context.activity.conversation.id
        personal = context.activity.conversation.conversation_type == "personal"
        return Turn(
            context,
            conversation if personal else translate.channel_of(conversation),
            where.group,
            invoke,
        )

    async def refuse(self, turn: Turn, actor: str, refused: Refused) -> None:
        refusal = store_rules.as_told(Refusal(ToActor(actor), refused.text), turn.group)
        await self.sender.deliver(refusal, turn)

    # Handlers ------------------------------------------------------------------------------

    async def on_message(self, context: TurnContext) -> None:
        activity = context.activity
        found = translate.card_action(activity.value)
        if found is not None:  # an Action.Submit (clients without Universal Actions)
            await presses.card_pressed(self, context, *found, invoke=False)
            return
        if files.shared_files(activity):  # a measurement file to import (`files`)
            await files.import_files(self, context)
            return
        text = activity.remove_recipient_mention() if activity.recipient else activity.text
        verb, rest = translate.split_text(text or "")
        where = await self.where(activity)
        turn = self.turn_for(context, where)
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
            if verb not in planning.TEXT_VERBS:  # help, or the settings card (issue 14)
                await planning.answer_itself(self, context, verb, where)
                return
            await self.dispatch([planning.text_command(verb, rest, where)], turn)
        except Refused as refused:
            await self.refuse(turn, where.actor, refused)

    async def _setup_card(self, context: TurnContext, where: Where) -> None:
        """The setup form, with the channel's members from the Bot Connector to pick from."""
        roster = await self.sender.roster(context, where.channel)
        if roster is None:
            raise InvalidInput("teams.setup.usage")
        await context.send_activity(setup_card(self.style, roster, where.actor))

    async def on_invoke(self, context: TurnContext) -> None:
        activity = context.activity
        found = translate.card_action(activity.value) if activity.name == EXECUTE else None
        if found is None:
            await invoke_reply(context, message_body(""), status=200)
            return
        await presses.card_pressed(self, context, *found, invoke=True)

    async def on_conversation_update(self, context: TurnContext) -> None:
        """Installed in a team, a group chat or a personal chat: the audit row, and a welcome
        once per install (issue 16: `store_rules.welcome`)."""
        await store_rules.welcome(self, context)


def _not_done(key: str) -> None:
    unfinished = _UNFINISHED.get(None)
    if unfinished is not None:
        unfinished.append(key)


def activity_key(activity: Activity) -> str:
    """What a retry of the activity shares (a fresh key for one without an id)."""
    if not activity.id:
        return f"teams:{uuid.uuid4()}"
    conversation = activity.conversation.id if activity.conversation else ""
    return f"{activity.channel_id}:{conversation}:{activity.type}:{activity.id}"


#: Activity type -> handler.
HANDLERS: dict[str, Callable[[TeamsAdapter, TurnContext], Awaitable[None]]] = {
    ActivityTypes.message: TeamsAdapter.on_message,
    ActivityTypes.invoke: TeamsAdapter.on_invoke,
    # Uninstall (issue 15): the bot removed (groups frozen) or added again (thawed); the
    # welcome forgotten when removed (issue 16), so an install after it is welcomed again
    ActivityTypes.conversation_update: store_rules.on_conversation_update,
    ActivityTypes.installation_update: store_rules.on_installation_update,
}


def build_teams(settings: Settings, runtime: Runtime, session: Any = None) -> TeamsAdapter | None:
    """The Teams agent for these settings; None when Teams is not configured."""
    if not settings.teams_enabled:
        return None
    style = Style(settings.language, settings.timezone)
    sender = build_sender(settings, runtime, style)
    return TeamsAdapter(
        settings=settings,
        runtime=runtime,
        cloud=sender.adapter,  # type: ignore[arg-type]
        auth=auth_configuration(settings),
        sender=sender,
        style=style,
        base=runtime.dispatcher(),  # its delivery is replaced per request
        inbox=runtime.inbox(),
    )


__all__ = ["TeamsAdapter", "build_teams"]
