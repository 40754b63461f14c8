"""Planning a meeting from Teams (issue 14): the typed verbs `schedule [TIME]`, `move TIME`
and `skip`, beside the console's meeting verbs that Teams reads as well (`translate`).

A verb is read in English or in Danish, as the console reads it ("planlæg", "flyt",
"spring over"); a time as the console reads it (`parse_local_time`), in the group's time
zone. A planned meeting's card offers the same as buttons: *Move* with a date and a time
input (`cards.time_inputs`, read back by `translate`), and *Skip*. Whether the time may be
used is the flows' to say; a refusal is shown to the sender.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.console import commands as console
from bot.console.session import parse_local_time
from bot.teams import translate
from bot.teams.translate import Where
from flows import commands as c
from flows.errors import InvalidInput
from flows.outputs import Text
from flows.service import Command


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

#: Every verb a message may start with to send a command (the adapter answers the rest).
TEXT_VERBS = frozenset(console.BUILDERS) | frozenset(PLANNING)


def text_command(verb: str, rest: str, where: Where) -> Command:
    """The command a typed verb (as `translate.split_text` reads it) stands for."""
    build = PLANNING.get(verb)
    return build(where, rest) if build else translate.text_command(verb, rest, where)
