"""Planning a meeting from Teams (issue 14): the typed verbs `schedule [TIME]`, `move TIME`
and `skip`, beside the console's meeting verbs that Teams reads as well (`translate`).

A verb is read in English or in Danish, as the console reads it ("planlæg", "flyt",
"spring over"); a time as the console reads it (`parse_local_time`), in the group's time
zone. A planned meeting's card offers the same as buttons: *Move* with a date and a time
input (`cards.time_inputs`, read back by `translate`), and *Skip*. Whether the time may be
used is the flows' to say; a refusal is shown to the sender.

Group changes typed (issue 14) are read by `group_changes`; `settings` is answered with the
group's settings card (`answer_itself`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from microsoft_agents.hosting.core import TurnContext

from bot.console import commands as console
from bot.console.session import parse_local_time
from bot.teams import group_changes, translate
from bot.teams.blocks import text_message  # the export (issue 15)
from bot.teams.own_cards import help_card
from bot.teams.translate import Where
from flows import commands as c
from flows.errors import InvalidInput
from flows.outputs import Text
from flows.service import Command

if TYPE_CHECKING:
    from bot.teams.app import TeamsAdapter


def _schedule(w: Where, rest: str) -> Command:
    group = w.the_group()
    at = parse_local_time(rest, group.timezone) if rest else None  # None: the rhythm's slot
    return c.ScheduleMeeting(w.actor, group.id or 0, at)


def _move(w: Where, rest: str) -> Command:
    group = w.the_group()
    if not rest:
        raise InvalidInput("console.usage", usage=Text("teams.help.move"))
    return c.MoveMeeting(w.actor, w.meeting(), parse_local_time(rest, group.timezone))


def _skip(w: Where, rest: str) -> Command:
    w.the_group()
    return c.SkipMeeting(w.actor, w.meeting())


#: The planning verbs, beside the console's meeting verbs (`console.BUILDERS`).
PLANNING: dict[str, Callable[[Where, str], Command]] = {
    "schedule": _schedule,
    "move": _move,
    "skip": _skip,
}

#: Every verb a message may start with to send a command (the adapter answers the rest);
#: the group changes' (issue 14) among them.
TEXT_VERBS = frozenset(console.BUILDERS) | frozenset(PLANNING) | frozenset(group_changes.VERBS)


def text_command(verb: str, rest: str, where: Where) -> Command:
    """The command a typed verb (as `translate.split_text` reads it) stands for."""
    if verb in group_changes.VERBS:  # group changes (issue 14)
        return group_changes.group_command(verb, rest, where)
    build = PLANNING.get(verb)
    return build(where, rest) if build else translate.text_command(verb, rest, where)


async def answer_itself(
    adapter: TeamsAdapter, context: TurnContext, verb: str, where: Where
) -> None:
    """A message that sends no command: the settings card for `settings` (group changes,
    issue 14), the help card for anything else."""
    if verb == "settings":
        await group_changes.send_settings_card(adapter, context, where)
        return
    group = where.group  # the export (issue 15): no file here; told to members only (issue 16)
    if verb == "export" and group is not None and group.member(where.actor) is not None:
        said = adapter.style("export.chat.teams", group=group.name)
        await context.send_activity(text_message(said))
        return
    await context.send_activity(help_card(adapter.style))
