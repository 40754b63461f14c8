"""The Teams agent: the SDK's CloudAdapter at /api/messages, one handler per activity type.

Each activity is claimed by id in the database first (`storage.teams_tables`:
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

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from microsoft_agents.activity import Activity, ActivityTypes, Attachment
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AgentAuthConfiguration, TurnContext

from bot import choices
from bot.adapter_kit import dispatch_until_refused, group_in_channel, group_of_meeting
from bot.dispatch import Dispatcher
from bot.main import Runtime
from bot.teams import files, translate
from bot.teams.blocks import CARD_TYPE, Style, neutral, text_message
from bot.teams.cards import FieldRefusal
from bot.teams.own_cards import done_card, help_card, setup_card
from bot.teams.sender import (
    TeamsSender,
    Turn,
    activity_channel,
    activity_tenant,
    invoke_reply,
    message_body,
)
from bot.teams.translate import Where
from bot.teams.transport import auth_configuration, build_sender, teams_groups_of
from config.settings import Settings
from flows.errors import InvalidInput, NotFound, Refused
from flows.forms import FieldError, form_named
from flows.model import Group
from flows.outputs import Output, Refusal, ToActor
from flows.queries import current_meeting
from flows.service import Command
from storage.teams_tables import claim_activity

log = logging.getLogger(__name__)

EXECUTE = "adaptiveCard/action"


@dataclasses.dataclass
class TeamsAdapter:
    settings: Settings
    runtime: Runtime
    cloud: CloudAdapter
    auth: AgentAuthConfiguration
    sender: TeamsSender
    style: Style
    base: Dispatcher

    # The SDK's Agent protocol ---------------------------------------------------------

    async def on_turn(self, context: TurnContext) -> None:
        activity = context.activity
        handler = HANDLERS.get(str(activity.type))
        if handler is None:
            return
        await self.sender.remember_activity(activity)
        if not await self._claim(activity):
            if activity.type == ActivityTypes.invoke:
                await invoke_reply(context, message_body(""))
            return
        await handler(self, context)

    async def process(self, request: web.Request) -> web.StreamResponse:
        return await self.cloud.process(request, self)  # type: ignore[arg-type, return-value]

    # Plumbing -----------------------------------------------------------------------------

    async def _claim(self, activity: Activity) -> bool:
        if not activity.id:
            return True
        key = f"{activity.channel_id}:{activity.conversation.id}:{activity.type}:{activity.id}"
        return await asyncio.to_thread(claim_activity, self.runtime.engine, key, datetime.now(UTC))

    async def _where(self, activity: Activity, meeting_id: int | None = None) -> Where:
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
        return await teams_groups_of(self.base.query, user_id)

    async def dispatch(self, commands: list[Command], turn: Turn) -> bool:
        """Run the commands; False when one was refused (the rest are not applied)."""

        async def deliver(output: Output) -> None:
            await self.sender.deliver(output, turn)

        return await dispatch_until_refused(self.base, commands, deliver)

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
        await self._card(context, *found, invoke=True)

    async def _card(
        self, context: TurnContext, verb: str, data: dict[str, Any], invoke: bool
    ) -> None:
        """A card's button or form: its commands, then the answer to the press itself (an
        invoke response, or the pressed card replaced by a done card when it closes)."""
        turn, ok = await self._card_commands(context, verb, data, invoke)
        closing = ok and verb in translate.CLOSING_VERBS
        activity = context.activity
        if invoke:
            if closing:
                body = {"statusCode": 200, "type": CARD_TYPE, "value": self._done(verb, activity)}
            else:
                body = message_body(" ".join(turn.notices) or self.style("teams.saved"))
            await invoke_reply(context, body)
        elif closing and activity.reply_to_id:
            done = Attachment(content_type=CARD_TYPE, content=self._done(verb, activity))
            updated = Activity(type=ActivityTypes.message, id=activity.reply_to_id,
                               attachments=[done])  # fmt: skip
            try:
                await context.update_activity(updated)
            except Exception as exc:
                log.warning("could not update the pressed card: %s", type(exc).__name__)

    async def _card_commands(
        self, context: TurnContext, verb: str, data: dict[str, Any], invoke: bool
    ) -> tuple[Turn, bool]:
        """Run what a card sent; (the turn, whether every command was applied)."""
        activity = context.activity
        actor = activity.from_property.id if activity.from_property else ""
        turn = Turn(context, "", None, invoke)
        try:
            meeting_id = translate.meeting_of(data.get("meeting"))  # InvalidInput: not a number
            if verb in choices.BUTTONABLE:  # the meeting is the one the button was shown for
                meeting_id = choices.decode(data.get("command"), actor).meeting_id
            where = await self._where(activity, meeting_id)
            turn = self._turn(context, where, invoke)
            if verb == "setup" and where.group is not None:
                raise Refused("teams.group_exists_here", name=where.group.name)
            return turn, await self.dispatch(translate.card_commands(verb, data, where), turn)
        except FieldError as bad:  # shown apart from the form: the refusal names the field
            form = form_named(str(data.get("form") or ""))
            label = next(f.label for f in form.fields if f.name == bad.field)
            refusal = FieldRefusal(ToActor(actor), bad.text, form.title, label)
            await self.sender.deliver(refusal, turn)
        except Refused as refused:
            await self._refuse(turn, actor, refused)
        return turn, False

    def _done(self, verb: str, activity: Activity) -> dict[str, Any]:
        """The card that replaces a closed form: who did what."""
        who = (activity.from_property.name if activity.from_property else "") or ""
        what = self.style(f"teams.verb.{verb}")
        note = self.style("teams.card.done", who=neutral(who, card=True), what=what)
        return done_card(self.style, note)

    async def on_conversation_update(self, context: TurnContext) -> None:
        """Installed in a team, a group chat or a personal chat: remembered, and a welcome."""
        activity = context.activity
        bot = activity.recipient.id if activity.recipient else None
        if not any(m.id == bot for m in activity.members_added or []):
            return
        personal = activity.conversation.conversation_type == "personal"
        key = "teams.welcome.personal" if personal else "teams.welcome.channel"
        await context.send_activity(text_message(self.style(key)))


#: Activity type -> handler.
HANDLERS: dict[str, Callable[[TeamsAdapter, TurnContext], Awaitable[None]]] = {
    ActivityTypes.message: TeamsAdapter.on_message,
    ActivityTypes.invoke: TeamsAdapter.on_invoke,
    ActivityTypes.conversation_update: TeamsAdapter.on_conversation_update,
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
    )


__all__ = ["TeamsAdapter", "build_teams"]
