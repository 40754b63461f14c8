"""Protocol ports the flows are written against; storage and tests implement them."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, Self

from flows.model import Group, Meeting


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class GroupRepository(Protocol):
    def get(self, group_id: int) -> Group | None: ...
    def by_name(self, name: str) -> Group | None: ...
    def add(self, group: Group) -> None: ...
    def list(self) -> list[Group]: ...


class MeetingRepository(Protocol):
    def get(self, meeting_id: int) -> Meeting | None: ...
    def add(self, meeting: Meeting) -> None:
        """Store a new meeting and set its `id`."""
        ...

    def save(self, meeting: Meeting) -> None:
        """Write the meeting if its version is unchanged in storage, then bump it.

        Raises `flows.errors.ConcurrentChange` when someone else saved first.
        """
        ...

    def latest(self, group_id: int) -> Meeting | None:
        """The group's meeting with the highest number."""
        ...

    def previous_closed(self, group_id: int, before_number: int) -> Meeting | None:
        """The latest closed meeting numbered below `before_number` ("since last")."""
        ...

    def ids_in_dialogue(self) -> list[int]:
        """Ids of meetings in one of the four dialogue steps (for the time-box ticker)."""
        ...


class UnitOfWork(Protocol):
    groups: GroupRepository
    meetings: MeetingRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
