"""`datadialog group add-member|remove-member|set-role|rename|rhythm|timebox|holidays|channel|
archive|unarchive GROUP ...`: a group changes from the command line (issue 14).

Each sends one of `flows.group_commands` as the operator (who may do what a group's leader
may) and prints what the group is told. A refusal, a person or a word that cannot be read
is one line on stderr in the configured language and exit code 1, never a traceback. A
new member's user id is their name as a slug, as `group create` makes it (`--id` to give
another). Roles, holiday rules and steps are read as the console reads them
(`bot.console.group_verbs`): in either language, or as their value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from bot.cli_support import fail, open_runtime, settings_or_exit, text
from bot.console.group_verbs import holiday_rule_of, role_of, step_of
from bot.console.render import TEXTS as CONSOLE_TEXTS
from bot.members import slug
from flows import group_commands as gc
from flows.commands import OPERATOR_ACTOR
from flows.errors import InvalidInput, Refused
from flows.forms import resolve_member
from flows.group_settings import MAX_TIMEBOX
from flows.model import Group
from flows.outputs import ToUser
from flows.queries import find_group
from flows.service import handle
from flows.text.plain import plain

GroupName = Annotated[str, typer.Argument(help="The group's name.")]
Person = Annotated[str, typer.Argument(help="The member's name (or user id).")]


def _change(group_name: str, make: Callable[[Group], gc.GroupCommand]) -> None:
    """Send the change `make` builds for the named group; print what the group is told
    (direct messages to members are theirs, not the operator's)."""
    settings = settings_or_exit()
    runtime = open_runtime(settings)
    lang, tz = settings.language, settings.timezone
    try:
        group = find_group(runtime.uow_factory(), group_name)
        outputs = handle(make(group), runtime.uow_factory(), runtime.clock, runtime.calendar)
        for output in outputs:
            if not isinstance(getattr(output, "to", None), ToUser):
                typer.echo(plain(output, lang, tz, CONSOLE_TEXTS))
    except Refused as refused:
        fail(text(settings, refused.text, CONSOLE_TEXTS))
    finally:
        runtime.close()


def add_member(
    group: GroupName,
    name: Annotated[str, typer.Argument(help="The new participant's name.")],
    user_id: Annotated[
        str | None, typer.Option("--id", help="Their user id (default: from the name).")
    ] = None,
) -> None:
    """Add a participant (a former member comes back)."""
    _change(group, lambda g: gc.AddMember(OPERATOR_ACTOR, g.id or 0, user_id or slug(name), name))


def remove_member(group: GroupName, name: Person) -> None:
    """Remove a member: what they wrote stays; their open actions are listed."""
    _change(group, lambda g: gc.RemoveMember(OPERATOR_ACTOR, g.id or 0, resolve_member(g, name)))


def set_role(
    group: GroupName,
    name: Person,
    role: Annotated[str, typer.Argument(help="leader, co_leader or participant.")],
) -> None:
    """Make a member the meeting leader, the co-leader or a participant."""
    _change(
        group,
        lambda g: gc.SetRole(OPERATOR_ACTOR, g.id or 0, resolve_member(g, name), role_of(role)),
    )


def rename(
    group: GroupName, new_name: Annotated[str, typer.Argument(help="The group's new name.")]
) -> None:
    """Give the group a new name (unique among the groups)."""
    _change(group, lambda g: gc.RenameGroup(OPERATOR_ACTOR, g.id or 0, new_name))


def rhythm(
    group: GroupName,
    cadence: Annotated[int | None, typer.Option(help="Every N days.")] = None,
    weekly: Annotated[int | None, typer.Option(help="Every N weeks.")] = None,
    monthly: Annotated[
        int | None, typer.Option(help="Monthly on the Nth (1-4, -1 = last) weekday.")
    ] = None,
) -> None:
    """Change the rhythm (one option); the planned meeting stays where it is."""
    _change(
        group,
        lambda g: gc.ChangeRhythm(OPERATOR_ACTOR, g.id or 0, cadence, weekly, monthly),
    )


def timebox(
    group: GroupName,
    step: Annotated[str, typer.Argument(help="1-4 or the step's name, e.g. explore.")],
    minutes: Annotated[str, typer.Argument(help="Minutes for the step.")],
) -> None:
    """Change a dialogue step's time-box."""

    def make(g: Group) -> gc.GroupCommand:
        which = step_of(step)
        if not minutes.strip().isdigit():
            raise InvalidInput("group.error.timebox_minutes", step=which, limit=MAX_TIMEBOX)
        return gc.ChangeTimeboxes(OPERATOR_ACTOR, g.id or 0, {which: int(minutes)})

    _change(group, make)


def holidays(
    group: GroupName,
    rule: Annotated[str, typer.Argument(help="keep, skip or next_working_day.")],
) -> None:
    """What a meeting of the rhythm on a public holiday does from now on."""
    _change(group, lambda g: gc.ChangeHolidayRule(OPERATOR_ACTOR, g.id or 0, holiday_rule_of(rule)))


def channel(
    group: GroupName, name: Annotated[str, typer.Argument(help="The chat channel.")]
) -> None:
    """Move the group to another channel (one group per channel)."""
    _change(group, lambda g: gc.ChangeChannel(OPERATOR_ACTOR, g.id or 0, name))


def archive(group: GroupName) -> None:
    """Archive the group: no meetings or reminders until it is unarchived; nothing is deleted."""
    _change(group, lambda g: gc.ArchiveGroup(OPERATOR_ACTOR, g.id or 0))


def unarchive(group: GroupName) -> None:
    """Bring an archived group back; its planned meeting and reminders are planned again."""
    _change(group, lambda g: gc.UnarchiveGroup(OPERATOR_ACTOR, g.id or 0))


#: The commands, by the name typed after `datadialog group`.
COMMANDS = {
    "add-member": add_member,
    "remove-member": remove_member,
    "set-role": set_role,
    "rename": rename,
    "rhythm": rhythm,
    "timebox": timebox,
    "holidays": holidays,
    "channel": channel,
    "archive": archive,
    "unarchive": unarchive,
}


def register(group_app: typer.Typer) -> None:
    """Add the group changes to `datadialog group`."""
    for name, command in COMMANDS.items():
        group_app.command(name)(command)
