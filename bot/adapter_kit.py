"""What the Slack and Teams adapters share: running a form's commands until one is
refused, finding the group a request is about, and keeping user text inert.

Adapters translate and render; everything here is plumbing between a platform's request
and the flows, with no method rule of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any

from bot.dispatch import Deliver, Dispatcher
from bot.inbox import Inbox, current
from flows import queries
from flows.model import Group
from flows.outputs import Refusal, Text
from flows.queries import group_for_channel, list_groups
from flows.service import Command


async def dispatch_until_refused(
    base: Dispatcher, commands: list[Command], deliver: Deliver, inbox: Inbox | None = None,
    answer: dict[str, Any] | None = None,
) -> bool:  # fmt: skip
    """Run a request's commands in order, each output to `deliver`; stop at the first
    refusal (the rest of a form is not applied after one). False when one was refused.

    A request kept in the `inbox` runs them as its plan (`answer`: where to answer when
    another process has to finish it), each command's change committed with its outputs."""
    if inbox is not None and current() is not None:
        return await inbox.run_plan(base, commands, answer or {}, deliver)
    dispatcher = dataclasses.replace(base, deliver=deliver)
    for cmd in commands:
        outputs = await dispatcher.send(cmd)
        if any(isinstance(o, Refusal) for o in outputs):
            return False
    return True


async def group_in_channel(base: Dispatcher, workspace: str, channel: str) -> Group | None:
    """The group that meets in this channel of this workspace, if any."""
    if not channel:
        return None
    return await base.query(group_for_channel, workspace, channel)


async def group_of_meeting(base: Dispatcher, meeting_id: int) -> Group:
    return await base.query(queries.group_of_meeting, meeting_id)


async def groups_of_member(base: Dispatcher, workspace_kind: str, user_id: str) -> list[Group]:
    """The groups of one platform ("slack", "teams") that `user_id` belongs to."""
    groups = await base.query(list_groups)
    prefix = f"{workspace_kind}:"
    return [g for g in groups if g.workspace.startswith(prefix) and g.member(user_id)]


def group_for(groups: list[Group], actor: str, text: str) -> Group | list[Group]:
    """The one group a shared file is for, or the candidates when the message must name
    one (by writing the group's name). Whether the sender may import for it is the
    flows' rule, not decided here."""
    mine = [g for g in groups if g.member(actor) is not None]
    named = [g for g in mine if g.name.casefold() in text.casefold()]
    if len(named) == 1:
        return named[0]
    return mine[0] if len(mine) == 1 else mine


def user_text_made_inert(value: Any, inert: Callable[[str], str]) -> Any:
    """`value` (a catalogue `Text` and its parameters, a tuple, a string) with every string a
    person wrote passed through the platform's `inert` (Slack's escaping, Teams'
    neutralising). Catalogue texts are ours and keep their markup; enums render by name."""
    if isinstance(value, str) and not isinstance(value, Enum):
        return inert(value)
    if isinstance(value, Text):
        params = {k: user_text_made_inert(v, inert) for k, v in value.params.items()}
        return Text(value.key, params)
    if isinstance(value, tuple):
        return tuple(user_text_made_inert(v, inert) for v in value)
    return value
