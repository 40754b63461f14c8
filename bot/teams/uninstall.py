"""Teams' uninstall (issue 15): the bot removed from a team, a group chat or a personal chat,
and added again.

Teams says so twice: an `installationUpdate` (action `remove`, or `add`) and a
`conversationUpdate` whose `membersRemoved` (or `membersAdded`) holds the bot. Either is
acted on, once per activity (its inbox row, `TeamsAdapter.on_turn`), and writes its own
`UNINSTALLED` row (who removed it, in which tenant, from what kind of conversation, like
the install's row); freezing and thawing are done once (`bot.uninstall`).

Removed: the conversation references kept for the conversation (a team's: every channel
whose reference names the team, the team's own id and the activity's channel; a personal
chat's: the member's) are deleted, and the groups meeting in those channels frozen, their
`GROUP_FROZEN` rows naming the team (`team:<Entra group id>`, or `chat:<id>`). Added
again: the groups in the activity's channels are thawed, and the conversation's reference
is kept again (this process forgets what it had remembered, so it is written whatever it
saw before). A team's other channels have no reference any more until someone writes
there, so their groups are found by the `GROUP_FROZEN` rows naming the team: thawed now,
and frozen again by a later removal (`bot.uninstall.groups_of`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from microsoft_agents.activity import Activity, ChannelAccount
from microsoft_agents.hosting.core import TurnContext

from bot.main import Runtime
from bot.teams.activities import activity_channel, activity_tenant
from bot.teams.graph import activity_team
from bot.teams.translate import workspace_of
from bot.uninstall import Place, installed_again, uninstalled
from flows.audit import TEAMS, ref
from storage.database import session_factory
from storage.freezing import forget_conversations, team_channels
from storage.teams_tables import channel_key, user_key

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter

REMOVE, ADD = "remove", "add"


def _personal(activity: Activity) -> bool:
    return (activity.conversation.conversation_type or "") == "personal"


def _team_id(activity: Activity) -> str:
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    return str((data.get("team") or {}).get("id") or "")


def place_of(activity: Activity, channels: tuple[str, ...]) -> Place:
    """The team's (or chat's) groups: those meeting in `channels` of the activity's tenant,
    named in the audit log by the team's Entra group id (else its id) or the chat's id."""
    team = activity_team(activity) or _team_id(activity)
    reference = ref(team=team) if team else ref(chat=activity_channel(activity))
    return Place(TEAMS, workspace_of(activity_tenant(activity)), reference, channels)


def own_channels(activity: Activity) -> tuple[str, ...]:
    """The channels the activity itself names: its conversation's, and the team's own id."""
    if _personal(activity):
        return ()
    return tuple(dict.fromkeys(c for c in (activity_channel(activity), _team_id(activity)) if c))


def removed(runtime: Runtime, activity: Activity) -> None:
    """The bot was removed: references deleted, the event's audit row, the groups frozen.
    Runs in a worker thread."""
    sessions = session_factory(runtime.engine)
    actor = activity.from_property.id if activity.from_property else ""
    with sessions() as session:
        channels = own_channels(activity)
        if not _personal(activity):
            known = team_channels(session, activity_team(activity))
            channels = tuple(dict.fromkeys([*channels, *known]))
            keys = [channel_key(channel) for channel in channels]
        else:
            keys = [user_key(actor)]
        forget_conversations(session, keys)
        session.commit()
    kind = activity.conversation.conversation_type or "?"
    reference = ref(tenant=activity_tenant(activity), conversation=kind)
    place = place_of(activity, channels)
    uninstalled(runtime, place, actor, reference, freeze=True)


async def teams_removed(adapter: TeamsAdapter, activity: Activity) -> None:
    await asyncio.to_thread(removed, adapter.runtime, activity)


async def teams_added(adapter: TeamsAdapter, activity: Activity) -> None:
    """Added again: the conversation's reference kept anew, its frozen groups thawed."""
    adapter.sender._remembered.clear()  # what this process saw before may be deleted since
    await adapter.sender.remember_activity(activity)
    place = place_of(activity, own_channels(activity))
    await asyncio.to_thread(installed_again, adapter.runtime, place)


def _has_bot(activity: Activity, members: list[ChannelAccount] | None) -> bool:
    bot = activity.recipient.id if activity.recipient else None
    return bot is not None and any(m.id == bot for m in members or [])


async def on_installation_update(adapter: TeamsAdapter, context: TurnContext) -> None:
    """`installationUpdate`: the app removed from (or added to) a team or chat."""
    activity = context.activity
    if activity.action == REMOVE:
        await teams_removed(adapter, activity)
    elif activity.action == ADD:
        await teams_added(adapter, activity)


async def on_conversation_update(adapter: TeamsAdapter, context: TurnContext) -> None:
    """`conversationUpdate`: the bot removed (frozen), or added (thawed, then the adapter's
    own: the install's audit row and the welcome)."""
    activity = context.activity
    if _has_bot(activity, activity.members_removed):
        await teams_removed(adapter, activity)
        return
    if _has_bot(activity, activity.members_added):
        await teams_added(adapter, activity)
    await adapter.on_conversation_update(context)
