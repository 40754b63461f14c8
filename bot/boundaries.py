"""Workspace and tenant boundaries (issue 16): a request acts only on its own groups.

A chat request is matched to where it comes from first: its Slack workspace
("slack:<team id>", the enterprise id checked against the installation by
`bot.slack.boundary`) or its Teams tenant ("teams:<tenant id>"). Its work then runs
`request_from` that workspace, and every group or meeting the request names by id
(a button's meeting, a modal's group, a command's meeting) is looked up through here: one
of another workspace is answered exactly as one that does not exist ("error.no_meeting",
"error.no_group"), so the answer names no group and nothing is changed. A group is found
by its channel only within the request's own workspace (`bot.adapter_kit.group_in_channel`).

Outside a request (the process's own time-box checks and reminders, the command line) no
workspace is set and nothing is restricted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from bot.dispatch import Dispatcher
from flows import queries
from flows.errors import NotFound
from flows.model import Group
from flows.service import Command

#: The workspace the request being worked on was matched to (None: no request).
_REQUEST: ContextVar[str | None] = ContextVar("datadialog_request_workspace", default=None)
#: The meetings the running request has already been let act on: a modal's meeting is
#: looked up for its form and again for its commands, and the second lookup (the group
#: and its members) need not be repeated within one request.
_ALLOWED: ContextVar[set[int] | None] = ContextVar("datadialog_request_meetings", default=None)


@contextlib.contextmanager
def request_from(workspace: str) -> Iterator[None]:
    """Work on a request from `workspace`: every lookup through here is kept inside it."""
    token, allowed_token = _REQUEST.set(workspace), _ALLOWED.set(set())
    try:
        yield
    finally:
        _ALLOWED.reset(allowed_token)
        _REQUEST.reset(token)


def request_workspace() -> str | None:
    return _REQUEST.get()


def allowed(group: Group, missing: str) -> Group:
    """`group`, when the running request may act on it; refused as `missing` (the text a
    group or meeting that does not exist gets) when it is another workspace's."""
    workspace = _REQUEST.get()
    if workspace is not None and group.workspace != workspace:
        raise NotFound(missing)
    return group


async def group_of_meeting(base: Dispatcher, meeting_id: int) -> Group:
    """The group of the meeting a request names, if the request may act on it."""
    group = allowed(await base.query(queries.group_of_meeting, meeting_id), "error.no_meeting")
    seen = _ALLOWED.get()
    if seen is not None:
        seen.add(meeting_id)
    return group


async def group_by_id(base: Dispatcher, group_id: int) -> Group:
    """A group a request names by its id, if the request may act on it."""
    return allowed(await base.query(queries.get_group, group_id), "error.no_group")


async def check_commands(base: Dispatcher, commands: Iterable[Command]) -> None:
    """Refuse, before any is sent, commands naming a meeting or group of another workspace
    (as a meeting or group that does not exist). No-op outside a request."""
    if _REQUEST.get() is None:
        return
    for command in commands:
        meeting_id = getattr(command, "meeting_id", None)
        group_id = getattr(command, "group_id", None)
        if type(meeting_id) is int and meeting_id > 0:
            if meeting_id not in (_ALLOWED.get() or ()):
                await group_of_meeting(base, meeting_id)
        elif type(group_id) is int and group_id > 0:
            await group_by_id(base, group_id)


def channel_taken_elsewhere(groups: Iterable[Group], channel: str) -> bool:
    """Whether a group of another workspace than the request's meets in `channel` (a
    group is never set up in a channel another workspace's group is bound to)."""
    workspace = _REQUEST.get()
    return any(g.channel == channel and g.workspace != workspace for g in groups if channel)
