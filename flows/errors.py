"""Typed refusals: a command that does not fit raises one, carrying user-facing text."""

from __future__ import annotations

from typing import Any

from flows.outputs import Text


class Refused(Exception):
    """Base: the command was not applied; `text` tells the user why."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.text = Text(key, params)


class NotFound(Refused):
    pass


class NotAMember(Refused):
    pass


class NotLeader(Refused):
    pass


class WrongStep(Refused):
    pass


class InvalidInput(Refused):
    pass


class AlreadyMovedOn(Refused):
    """Someone else changed the meeting first (concurrent leader control)."""


class ConcurrentChange(Exception):
    """Raised by storage when the meeting's version moved under us."""
