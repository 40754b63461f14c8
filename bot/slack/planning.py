"""Planning a meeting from Slack (issue 14): the `/dialog` subcommands `schedule [TIME]`,
`move TIME` and `skip`, and the modal a planned meeting's *Move* button opens; and the
corrections typed the same way, `edit WHAT N TEXT` and `remove WHAT N`; and the charts'
focus parameters (issue 13), `parameters [NAME; NAME ... | all]`.

A subcommand is read in English or in Danish, as the console reads its verbs
(`bot.console.words.verb_of`: "planlæg" is schedule, "flyt" move, "spring" skip, "aflys"
cancel). A typed time is read as the console reads it (`parse_local_time`), in the group's
time zone; the modal asks with Slack's date and time pickers, starting where the meeting is
now. Whether the time may be used (not past, not a holiday the group keeps free) is the
flows' to say: a refusal comes back ephemerally; a time already past keeps the modal open.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import DatePickerElement, InputBlock, TimePickerElement
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot import learning_help
from bot.boundaries import group_of_meeting  # issue 16: the request's own workspace's only
from bot.console import commands as console
from bot.console.group_verbs import GROUP_BUILDERS  # group changes (issue 14)
from bot.console.session import parse_local_time
from bot.console.words import verb_of
from bot.slack import ids, translate
from bot.slack.blocks import Style
from bot.slack.sender import Reply
from bot.slack.translate import FieldError, Where
from flows import commands as c
from flows.errors import InvalidInput
from flows.export import ExportGroup  # the export (issue 15)
from flows.model import Group
from flows.outputs import Text
from flows.service import Command

if TYPE_CHECKING:
    from bot.slack.app import SlackAdapter

#: The move modal's blocks.
DATE, TIME = "date", "time"


# Slash command -------------------------------------------------------------------------


def _schedule(w: Where, group: Group, rest: str) -> Command:
    at = parse_local_time(rest, group.timezone) if rest else None  # None: the rhythm's slot
    return c.ScheduleMeeting(w.actor, group.id or 0, at)


def _move(w: Where, group: Group, rest: str) -> Command:
    if not rest:
        raise InvalidInput("console.usage", usage=Text("slack.help.move"))
    return c.MoveMeeting(w.actor, w.meeting(), parse_local_time(rest, group.timezone))


def _skip(w: Where, group: Group, rest: str) -> Command:
    return c.SkipMeeting(w.actor, w.meeting())


def _typed(verb: str) -> Callable[[Where, Group, str], Command]:
    """A correction, read as the console reads it (`/dialog ret tema 2 ...` is `/ret tema 2
    ...`): `bot.console.commands` names the item by the verb that added it."""

    def build(w: Where, group: Group, rest: str) -> Command:
        at = console.Where(w.actor, group, w.meeting(), w.today)
        return console.BUILDERS[verb](at, rest)

    return build


def _parameters(w: Where, group: Group, rest: str) -> Command:
    """Focus parameters (issue 13), read as the console reads them (no meeting needed)."""
    return console.parameters(console.Where(w.actor, group, 0, w.today), rest)


#: The planning subcommands, beside `translate.SUBCOMMANDS`: each builder gets the channel's
#: group and the rest of the text (a time). Corrections (issue 14) read the rest likewise.
PLANNING: dict[str, Callable[[Where, Group, str], Command]] = {
    "schedule": _schedule,
    "move": _move,
    "skip": _skip,
    "edit": _typed("edit"),
    "remove": _typed("remove"),
    "parameters": _parameters,  # focus parameters (issue 13)
}

# Group changes (issue 14): `archive` and `unarchive`, read as the console reads them
# (`/dialog arkivér`, `/dialog genåbn`); `settings` (Danish `indstillinger`) opens the
# settings modal (`bot.slack.settings`), answered by the adapter as `setup` is.
SETTINGS_WORDS = {"indstillinger": "settings"}


def _group_change(verb: str) -> Callable[[Where, Group, str], Command]:
    def build(w: Where, group: Group, rest: str) -> Command:
        try:
            return GROUP_BUILDERS[verb](w.actor, group, rest)
        except InvalidInput as bad:  # the usage as Slack's help writes it
            if bad.text.key != "console.usage":
                raise
            raise InvalidInput("console.usage", usage=Text(f"slack.help.{verb}")) from None

    return build


PLANNING.update({verb: _group_change(verb) for verb in ("archive", "unarchive")})
# The export (issue 15): `/dialog export` (`eksport`); the adapter uploads the zip itself
# (`bot.slack.export`) once the command is allowed.
PLANNING["export"] = lambda w, group, rest: ExportGroup(w.actor, group.id or 0)
# The learning loop and the offer level (issue 17): `/dialog læring`, `/dialog overblik` ...
PLANNING.update({verb: _typed(verb) for verb in learning_help.VERBS})


def _known(word: str) -> bool:
    return word in PLANNING or word in translate.SUBCOMMANDS or word in translate.UI_SUBCOMMANDS


def _split(text: str) -> tuple[str, str]:
    word, _, rest = (text or "").strip().partition(" ")
    return word.casefold(), rest.strip()


def subcommand(text: str) -> str:
    """The subcommand a `/dialog` text names, in English or Danish; "help" for anything else."""
    word, _ = _split(text)
    for candidate in (word, verb_of(word) or "", SETTINGS_WORDS.get(word, "")):
        if _known(candidate):
            return candidate
    return "help"


def slash_command(text: str, where: Where, group: Group) -> Command:
    """The command a `/dialog` text stands for in the channel of `group` (the adapter
    answers `help` and `setup` itself, before this)."""
    sub, (_, rest) = subcommand(text), _split(text)
    build = PLANNING.get(sub)
    return build(where, group, rest) if build else translate.SUBCOMMANDS[sub](where)


# The move modal --------------------------------------------------------------------------


def move_view(s: Style, command: c.MoveMeeting, tz: str, channel: str) -> dict[str, Any]:
    """The *Move* button's modal: a date and a time in the group's zone, set to where the
    meeting is now."""
    local = command.at.astimezone(ZoneInfo(tz))
    meta = {"meeting": command.meeting_id, "channel": channel, "tz": tz}
    day = DatePickerElement(action_id="value", initial_date=local.date().isoformat())
    hour = TimePickerElement(action_id="value", initial_time=f"{local:%H:%M}", timezone=tz)
    view = View(
        type="modal",
        callback_id=ids.MOVE,
        title=s("slack.move.title")[:24],
        submit=s("slack.save")[:24],
        close=s("slack.cancel")[:24],
        private_metadata=json.dumps(meta, separators=(",", ":")),
        blocks=[
            InputBlock(block_id=DATE, label=s("slack.move.date"), element=day),
            InputBlock(block_id=TIME, label=s("slack.move.time"), element=hour),
        ],
    )
    return view.to_dict()


def _picked(values: dict[str, Any], block_id: str, key: str) -> str:
    element: Any = next(iter(values.get(block_id, {}).values()), {})
    found = element.get(key) if isinstance(element, dict) else None
    if not isinstance(found, str) or not found.strip():
        raise FieldError(block_id, "error.field_empty")
    return found.strip()


def move_commands(view: dict[str, Any], where: Where) -> list[Command]:
    """The move modal's command: the meeting it was opened for, to the time picked. A time
    already past is refused beside the date before the ack, as the flows would refuse it."""
    values = view.get("state", {}).get("values", {})
    meta = translate.meta(view)
    meeting, tz = meta.get("meeting"), str(meta.get("tz") or "")
    if type(meeting) is not int or meeting <= 0:
        raise InvalidInput("error.bad_button")
    try:
        ZoneInfo(tz)
    except (ValueError, KeyError):  # not a zone name (ZoneInfoNotFoundError is a KeyError)
        raise InvalidInput("error.bad_button") from None
    day, hour = _picked(values, DATE, "selected_date"), _picked(values, TIME, "selected_time")
    at = parse_local_time(f"{day} {hour}", tz)
    if at <= where.now:
        raise FieldError(DATE, "error.time_in_past", at=at)
    return [c.MoveMeeting(where.actor, meeting, at)]


async def open_move(
    adapter: SlackAdapter, body: dict[str, Any], client: AsyncWebClient, reply: Reply,
    command: c.MoveMeeting,
) -> None:  # fmt: skip
    """A *Move* button pressed: its modal, in the time zone of the meeting's group."""
    group = await group_of_meeting(adapter.base, command.meeting_id)
    view = move_view(adapter.style, command, group.timezone, reply.channel)
    await client.views_open(trigger_id=body["trigger_id"], view=view)
