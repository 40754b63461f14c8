"""Protocol ports the flows are written against; storage and tests implement them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self

from flows.audit import AuditRepository  # the audit log (issue 15)
from flows.datasets import DataSetVersion
from flows.measurements import Measurement
from flows.model import Group, Meeting
from flows.offer_model import Offer, Overseer  # the offer level (issue 17)
from flows.outputs import Output
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class GroupRepository(Protocol):
    def get(self, group_id: int) -> Group | None: ...
    def by_name(self, name: str, workspace: str = "") -> Group | None: ...
    def by_channel(self, workspace: str, channel: str) -> Group | None:
        """The group whose channel this is in that workspace (Slack, Teams)."""
        ...

    def add(self, group: Group) -> None: ...
    def list(self) -> list[Group]: ...

    # Group changes (issue 14)
    def save(self, group: Group) -> None:
        """Write a stored group's changes: its own fields, members (former ones too), rhythm."""
        ...


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

    def latest_id(self, group_id: int) -> int | None:
        """The id of the group's meeting with the highest number (the meeting not loaded)."""
        ...

    def group_id_of(self, meeting_id: int) -> int | None:
        """The id of the meeting's group, without loading the meeting."""
        ...

    # Cancel with care (issue 14)
    def by_number(self, group_id: int, number: int) -> Meeting | None:
        """The group's meeting with that number."""
        ...


class ReminderRepository(Protocol):
    def add(self, reminder: Reminder) -> None:
        """Store a new pending reminder and set its `id`."""
        ...

    def replace(self, source: str, reminders: list[Reminder]) -> None:
        """Cancel the pending reminders of `source`, then add `reminders` (a re-plan)."""
        ...

    def cancel(
        self,
        source: str,
        kinds: frozenset[ReminderKind] | None = None,
        action_number: int | None = None,
    ) -> int:
        """Cancel pending reminders of `source` (of those kinds, for that action)."""
        ...

    def list(
        self, *, source: str | None = None, statuses: frozenset[ReminderStatus] | None = None
    ) -> list[Reminder]:
        """Reminders by due time (for operators and tests)."""
        ...

    # Group changes (issue 14)
    def cancel_for_group(
        self,
        group_id: int,
        *,
        recipient: str | None = None,
        kinds: frozenset[ReminderKind] | None = None,
    ) -> int:
        """Cancel the group's pending reminders (to that recipient, of those kinds)."""
        ...


class MeasurementRepository(Protocol):
    def replace(
        self,
        group_id: int,
        measurements: tuple[Measurement, ...] | list[Measurement],
        *,
        filename: str,
        at: datetime,
        by: str,
    ) -> int:
        """Make `measurements` the group's current data set, as a new version (the
        previous versions are kept, the newest few); return how many the replaced one had."""
        ...

    def for_group(self, group_id: int) -> list[Measurement]:
        """The group's current data set, in the order it was imported."""
        ...

    def versions(self, group_id: int) -> list[DataSetVersion]:
        """The group's kept versions, newest (the current one) first."""
        ...

    def restore(self, group_id: int, number: int, *, at: datetime, by: str) -> int | None:
        """Make version `number`'s rows current again, as a new version; its number, or
        None when the group has no such version."""
        ...

    # Focus parameters (issue 13)
    def focus(self, group_id: int) -> tuple[str, ...]:
        """The parameters chosen for the group's data charts (`flows.parameters`); () for
        none chosen (every parameter is drawn)."""
        ...

    def choose(self, group_id: int, parameters: tuple[str, ...]) -> None:
        """Keep `parameters` as the group's choice, with its data set (it has one)."""
        ...

    # The learning loop (issue 17)
    def rows_of(self, group_id: int, number: int) -> list[Measurement] | None:
        """The measurements of the group's kept version `number`, in the order they were
        imported; None when no such version is kept."""
        ...


class OfferRepository(Protocol):
    """Offers and their theory of change, the people who oversee them, their ratings
    (the offer level, issue 17)."""

    def get(self, offer_id: int) -> Offer | None: ...
    def by_name(self, name: str, workspace: str = "") -> Offer | None: ...
    def add(self, offer: Offer) -> None:
        """Store a new offer and set its `id`."""
        ...

    def save(self, offer: Offer) -> None:
        """Write the offer (name, elements, results) if its version is unchanged in
        storage, then bump it; `flows.errors.ConcurrentChange` when someone saved first."""
        ...

    def groups(self, offer_id: int) -> list[Group]:
        """The groups that belong to the offer (either level), by name."""
        ...

    def overseers(self, workspace: str | None = None) -> list[Overseer]:
        """The overseers (of that workspace; every one for None), by name."""
        ...

    def add_overseer(self, overseer: Overseer) -> None: ...
    def remove_overseer(self, overseer: Overseer) -> bool:
        """Remove the overseer with that user id, workspace and offer; False if none."""
        ...

    def replace_ratings(
        self, offer_id: int, ratings: list[Measurement], *, filename: str, at: datetime, by: str
    ) -> int:
        """Make `ratings` the offer's core-element ratings (each a `Measurement` whose
        parameter is a core element's name); return how many the replaced set had."""
        ...

    def ratings(self, offer_id: int) -> list[Measurement]:
        """The offer's current ratings, in the order they were imported."""
        ...

    def list(self, workspace: str | None = None) -> list[Offer]:
        """Offers by name (of that workspace; every workspace's for None)."""
        ...


class UnitOfWork(Protocol):
    groups: GroupRepository
    meetings: MeetingRepository
    reminders: ReminderRepository
    measurements: MeasurementRepository
    audit: AuditRepository  # the audit log (issue 15)
    offers: OfferRepository  # the offer level (issue 17)

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self, outputs: Sequence[Output] = ()) -> None:
        """Make the changes durable. `outputs` are what must follow them (the posts and
        replies the change causes): a unit of work may keep them in the same transaction
        (an outbox), so that a crash after the commit delays them but never loses them."""
        ...

    def rollback(self) -> None: ...


class BatchUnitOfWork(UnitOfWork, Protocol):
    def commit_each(self, outputs: Sequence[Sequence[Output]]) -> None:
        """Like `commit`, for several commands applied together: each one's outputs."""
        ...
