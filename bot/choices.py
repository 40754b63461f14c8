"""Typed choices <-> button values: one codec for Slack buttons, Teams card data and the
console's numbered buttons.

A `Choice` holds the exact command its button stands for, with the actor left open.
`encode` writes that command as a short token ("advance:12:explore"): the command's
name, then each field but the actor in declaration order. `decode` reads a token
back into the same command with the presser as actor. Only commands whose fields
are all plain values (numbers, steps, answers, dates, times: a time as whole seconds
since the epoch) can be buttons, so a token never carries anything a person typed; a
token that does not read back exactly (unknown name, wrong field count, a value of the
wrong kind) is refused as `InvalidInput`, the same for every platform. A button whose
command's time the presser picks (`flows.rules.PICKS_TIME`: moving a meeting) carries
the time it stands at now, which the platform's picker starts from.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Any

from flows.commands import MeetingCommand
from flows.errors import InvalidInput
from flows.outputs import Choice
from flows.rules import RULES

SEPARATOR = ":"
MAX_TOKEN = 200


def tag(command: type[MeetingCommand]) -> str:
    """The name a command goes by in a token (and in Slack action ids, Teams verbs)."""
    return command.__name__.casefold()


@cache
def _fields(command: type[MeetingCommand]) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(command)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(command) if f.name != "actor")


def _is_plain(kind: Any) -> bool:
    if isinstance(kind, UnionType) or typing.get_origin(kind) is typing.Union:
        return all(_is_plain(k) for k in typing.get_args(kind))
    return kind in (int, bool, date, datetime, NoneType) or (
        isinstance(kind, type) and issubclass(kind, Enum)
    )


#: Every meeting command that can stand behind a button, by its tag.
BUTTONABLE: dict[str, type[MeetingCommand]] = {
    tag(command): command
    for command in RULES
    if issubclass(command, MeetingCommand) and all(_is_plain(k) for _, k in _fields(command))
}


def _dump(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):  # before `date`: a datetime is one
        return str(int(value.timestamp()))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def encode(choice: Choice | MeetingCommand) -> str:
    command = choice.command if isinstance(choice, Choice) else choice
    name = tag(type(command))
    if name not in BUTTONABLE:
        raise ValueError(f"{type(command).__name__} cannot be a button")
    values = [_dump(getattr(command, field)) for field, _ in _fields(type(command))]
    return SEPARATOR.join([name, *values])


def _load(raw: str, kind: Any) -> Any:
    if isinstance(kind, UnionType) or typing.get_origin(kind) is typing.Union:
        options = typing.get_args(kind)
        if raw == "" and NoneType in options:
            return None
        (kind,) = [k for k in options if k is not NoneType]
    if kind is int:
        if not raw.isdigit() or len(raw) > 9:
            raise ValueError(raw)
        return int(raw)
    if kind is bool:
        return {"1": True, "0": False}[raw]
    if kind is datetime:
        if not raw.isascii() or not raw.isdigit() or len(raw) > 11:
            raise ValueError(raw)
        return datetime.fromtimestamp(int(raw), UTC)
    if kind is date:
        return date.fromisoformat(raw)
    return kind(raw)  # an Enum: its value


def decode(token: Any, actor: str) -> MeetingCommand:
    """The command behind a pressed button, sent by `actor`; `InvalidInput` if it is not one."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
        raise InvalidInput("error.bad_button")
    name, *values = token.split(SEPARATOR)
    command = BUTTONABLE.get(name)
    if command is None or len(values) != len(_fields(command)):
        raise InvalidInput("error.bad_button")
    try:
        loaded = {
            field: _load(raw, kind)
            for (field, kind), raw in zip(_fields(command), values, strict=True)
        }
    except (ValueError, KeyError):
        raise InvalidInput("error.bad_button") from None
    return command(actor=actor, **loaded)


def is_token(token: Any) -> bool:
    return isinstance(token, str) and token.split(SEPARATOR, 1)[0] in BUTTONABLE
