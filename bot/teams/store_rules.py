"""What the Teams Store asks of a bot (issue 16), beside the tenant boundary.

- **Its own tenant only.** An activity is answered `within` its tenant ("teams:<tenant
  id>", `bot.boundaries`): a card or a message naming a meeting of another tenant's group
  is answered as one that does not exist, and changes nothing; no group is set up in a
  channel another tenant's group meets in (`check_commands`).
- **Nothing about a group told to non-members.** A refusal to someone who is not a member
  of the group the activity is about becomes one line naming no group (`as_told`).
- **Bare verbs.** A command's usage is shown as Teams reads it, "vote NO" (its line of the
  help card), never the console's "/vote NO": Teams Store validation refuses "/" commands.
- **A typing indicator** while a message takes more than two seconds to answer (the Agents
  SDK's `TypingIndicator`: a task of its own, so the event loop stays free; it stops at the
  first message of the answer).
- **The welcome once per install.** Teams sends `conversationUpdate` (the bot among
  `membersAdded`) again, e.g. when the app is updated; only the first of them is welcomed.
  The welcome is claimed in the inbox under the conversation's key (`bot.inbox`, the same
  dedupe claim a request is kept under), so two processes cannot both send it; removing the
  bot forgets the claim, so installing it again is welcomed again. Like every inbox row the
  claim is kept a day (`storage.inbox.KEEP_DONE`): a `conversationUpdate` sent again later
  than that is welcomed again.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from microsoft_agents.activity import Activity, ActivityTypes, ChannelAccount
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app import TypingIndicator, TypingOptions
from sqlalchemy import Engine, delete

from bot import boundaries
from bot.boundaries import request_from
from bot.dispatch import Dispatcher
from bot.install_audit import teams_installed  # the audit log (issue 15)
from bot.teams import uninstall
from bot.teams.activities import activity_channel, activity_tenant
from bot.teams.blocks import text_message
from bot.teams.text_en import CATALOGUE as TEAMS_TEXTS  # the same keys in both languages
from bot.teams.translate import workspace_of
from flows.commands import CreateGroup
from flows.errors import InvalidInput
from flows.model import Group
from flows.outputs import Output, Refusal, Text
from flows.queries import list_groups
from flows.service import Command
from storage import inbox as rows

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter

#: Teams' typing indicator: first after two seconds, then every three while still working.
TYPING = TypingOptions(initial_delay_ms=2000, interval_ms=3000)


@contextlib.asynccontextmanager
async def within(context: TurnContext) -> AsyncIterator[None]:
    """Answer an activity: inside its own tenant, and typing shown while a message's answer
    takes longer than two seconds."""
    async with contextlib.AsyncExitStack() as stack:
        stack.enter_context(request_from(workspace_of(activity_tenant(context.activity))))
        if context.activity.type == ActivityTypes.message:
            await stack.enter_async_context(TypingIndicator(context, typing_options=TYPING))
        yield


async def check_commands(base: Dispatcher, commands: list[Command]) -> None:
    """Refuse commands naming another tenant's meeting or group (`bot.boundaries`), and a
    new group in a channel another tenant's group meets in, before any is sent."""
    await boundaries.check_commands(base, commands)
    for command in commands:
        if isinstance(command, CreateGroup) and command.channel:
            groups = await base.query(list_groups)
            if boundaries.channel_taken_elsewhere(groups, command.channel):
                raise InvalidInput("teams.setup.channel_elsewhere")


#: Console verbs whose usage Teams shows by another verb's help line.
_HELP_LINE = {"open": "prepare", "longgoal": "goal"}


def as_told(output: Output, group: Group | None) -> Output:
    """A refusal as Teams tells it: to someone outside `group`, one line naming neither it
    nor anyone in it; a command's usage by its bare verb. Anything else as it is."""
    if not isinstance(output, Refusal):
        return output
    if group is not None and group.member(output.to.user_id) is None:
        return dataclasses.replace(output, text=Text("teams.members_only"))
    return dataclasses.replace(output, text=bare_usage(output.text))


def bare_usage(text: Text) -> Text:
    """`console.usage` naming the console's help line ("/vote NO: ...") names Teams' own
    ("vote NO: ...") instead, where Teams has one."""
    usage = text.params.get("usage")
    if text.key != "console.usage" or not isinstance(usage, Text):
        return text
    verb = usage.key.removeprefix("console.help.")
    line = f"teams.help.{_HELP_LINE.get(verb, verb)}"
    if usage.key == verb or line not in TEAMS_TEXTS:
        return text
    return Text(text.key, {**text.params, "usage": Text(line)})


# The welcome -----------------------------------------------------------------------------


def _bot_in(activity: Activity, members: list[ChannelAccount] | None) -> bool:
    bot = activity.recipient.id if activity.recipient else None
    return bot is not None and any(m.id == bot for m in members or [])


def _claim_key(activity: Activity) -> str:
    """The welcome's claim: one per conversation (a team's channel, a group or personal chat)."""
    personal = (activity.conversation.conversation_type or "") == "personal"
    return f"teams:welcome:{activity.conversation.id if personal else activity_channel(activity)}"


async def _first_welcome(adapter: TeamsAdapter, activity: Activity) -> bool:
    """Claim the conversation's welcome: False when it was sent since the bot was added."""
    row = await adapter.inbox.receive("teams", _claim_key(activity), "")
    if row is None:
        return False
    adapter.inbox.working.discard(row)  # nothing to work on: done at once
    await asyncio.to_thread(rows.finish, adapter.inbox.engine, row, datetime.now(UTC))
    return True


def _forget(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(rows.InboxRow).where(rows.InboxRow.key == key[:400]))


async def welcome(adapter: TeamsAdapter, context: TurnContext) -> None:
    """Installed in a team, a group chat or a personal chat: the install's audit row, and a
    welcome the first time only."""
    activity = context.activity
    if not _bot_in(activity, activity.members_added):
        return
    await teams_installed(adapter.runtime.uow_factory, adapter.runtime.clock, activity)  # audit
    if not await _first_welcome(adapter, activity):
        return
    personal = activity.conversation.conversation_type == "personal"
    key = "teams.welcome.personal" if personal else "teams.welcome.channel"
    await context.send_activity(text_message(adapter.style(key)))


async def on_conversation_update(adapter: TeamsAdapter, context: TurnContext) -> None:
    """`bot.teams.uninstall`'s, the welcome forgotten first when the bot is removed."""
    if _bot_in(context.activity, context.activity.members_removed):
        await asyncio.to_thread(_forget, adapter.inbox.engine, _claim_key(context.activity))
    await uninstall.on_conversation_update(adapter, context)


async def on_installation_update(adapter: TeamsAdapter, context: TurnContext) -> None:
    """`bot.teams.uninstall`'s, the welcome forgotten first when the app is removed."""
    if context.activity.action == uninstall.REMOVE:
        await asyncio.to_thread(_forget, adapter.inbox.engine, _claim_key(context.activity))
    await uninstall.on_installation_update(adapter, context)
