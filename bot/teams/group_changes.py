"""Group changes typed in Teams (issue 14), and the settings card sent when asked for.

The verbs are the console's (`bot.console.group_verbs`), in English or Danish, read by its
parsers: `member add @name | remove NAME`, `leader NAME`, `coleader NAME`, `participant
NAME`, `rename NAME`, `rhythm days N | weeks N | monthly N`, `timebox STEP MIN`,
`holidays RULE`, `archive`, `unarchive` (`medlem tilføj @navn`, `leder NAVN`, ...). A
person is named by an @mention (their Teams id) or, once in the group, by name; someone new
is added only by @mention, so a member's id is always Teams' own, never typed. A group's
channel in Teams is the channel it was set up in: there is no verb to change it.

`settings` (`indstillinger`) sends the settings card (`bot.teams.settings_card`), to the
group's leader and co-leader only.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from microsoft_agents.hosting.core import TurnContext

from bot.console.group_verbs import GROUP_BUILDERS
from bot.teams.settings_card import settings_card
from bot.teams.translate import Where, without_mentions
from flows import group_commands as gc
from flows.errors import InvalidInput, NotLeader
from flows.outputs import Text

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter

#: The verbs Teams reads (all the console's but `channel`).
VERBS = tuple(verb for verb in GROUP_BUILDERS if verb != "channel")
#: The verbs that name a person, who may be @mentioned.
PERSON_VERBS = ("member", "leader", "coleader", "participant")


def _usage(verb: str) -> InvalidInput:
    return InvalidInput("console.usage", usage=Text(f"teams.help.{verb}"))


def group_command(verb: str, rest: str, where: Where) -> gc.GroupCommand:
    """The command a typed group verb stands for, in the channel's group."""
    group = where.the_group()
    typed = without_mentions(rest)
    mentioned = list(where.names.items()) if verb in PERSON_VERBS else []
    if len(mentioned) > 1:
        raise _usage(verb)
    if mentioned:  # named by their Teams id, which `resolve_member` reads as well as a name
        typed = f"{typed} {mentioned[0][0]}"
    try:
        command = GROUP_BUILDERS[verb](where.actor, group, typed)
    except InvalidInput as bad:  # the usage as Teams' help writes it
        if bad.text.key != "console.usage":
            raise
        raise _usage(verb) from None
    if isinstance(command, gc.AddMember):
        if not mentioned:
            raise InvalidInput("teams.member.mention")
        user_id, name = mentioned[0]
        return dataclasses.replace(command, user_id=user_id, name=name or user_id)
    return command


async def send_settings_card(adapter: TeamsAdapter, context: TurnContext, where: Where) -> None:
    """`settings`: the card, with the channel's people (when it can be read) to pick from."""
    group = where.the_group()
    if not group.is_leader(where.actor):
        raise NotLeader("group.error.not_leader", leader=group.leader.name, group=group.name)
    roster = await adapter.sender.roster(context, where.channel) if where.channel else None
    await context.send_activity(settings_card(adapter.style, group, roster))
