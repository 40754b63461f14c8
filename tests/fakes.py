"""Test doubles for what the flows talk to: an in-memory unit of work and a settable clock.

The in-memory store hands out copies, like a database would, so a test sees
exactly what a real commit would have kept, and version conflicts are real.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Self

from flows.audit import AuditEntry  # the audit log (issue 15)
from flows.datasets import DataSetVersion, contents_of
from flows.errors import ConcurrentChange
from flows.measurements import Measurement
from flows.model import Group, Meeting
from flows.outputs import Output
from flows.reminder_plan import Reminder, ReminderKind, ReminderStatus, still_to_send
from flows.steps import DIALOGUE_STEPS
from tests.fakes_offers import InMemoryOffers, OfferStore  # the offer level (issue 17)


@dataclass
class FixedClock:
    current: datetime = field(default_factory=lambda: datetime(2026, 12, 1, 8, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Store:
    groups: dict[int, Group] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)
    reminders: dict[int, Reminder] = field(default_factory=dict)
    measurements: dict[int, DataSet] = field(default_factory=dict)  # by group id
    audit: list[AuditEntry] = field(default_factory=list)  # the audit log (issue 15)
    offers: OfferStore = field(default_factory=OfferStore)  # the offer level (issue 17)


@dataclass(frozen=True)
class DataSet:
    """A group's imported measurements (replaced whole by each import): version `number`,
    with the versions it replaced (`earlier`, newest first; every one is kept here)."""

    measurements: tuple[Measurement, ...]
    filename: str
    imported_at: datetime
    imported_by: str
    number: int = 1
    earlier: tuple[DataSet, ...] = ()
    restored_from: int | None = None
    #: Focus parameters (issue 13): chosen for the group's charts, kept by every version.
    focus: tuple[str, ...] = ()

    def version(self) -> DataSetVersion:
        contents = contents_of(self.measurements)
        return DataSetVersion(self.number, self.filename, self.imported_at, self.imported_by,
                              contents, self.restored_from)  # fmt: skip


class InMemoryGroups:
    def __init__(self, staged: dict[int, Group]) -> None:
        self._staged = staged

    def get(self, group_id: int) -> Group | None:
        return copy.deepcopy(self._staged.get(group_id))

    def by_name(self, name: str, workspace: str = "") -> Group | None:
        found = next(
            (g for g in self._staged.values() if (g.name, g.workspace) == (name, workspace)), None
        )
        return copy.deepcopy(found)

    def by_channel(self, workspace: str, channel: str) -> Group | None:
        found = next(
            (g for g in self._staged.values() if (g.workspace, g.channel) == (workspace, channel)),
            None,
        )
        return copy.deepcopy(found)

    def add(self, group: Group) -> None:
        group.id = max(self._staged, default=0) + 1
        self._staged[group.id] = copy.deepcopy(group)

    def list(self) -> list[Group]:
        return [copy.deepcopy(g) for g in self._staged.values()]

    # Group changes (issue 14)
    def save(self, group: Group) -> None:
        assert group.id in self._staged, "save() is for stored groups; use add()"
        self._staged[group.id] = copy.deepcopy(group)


class InMemoryMeetings:
    def __init__(self, staged: dict[int, Meeting], committed: dict[int, Meeting]) -> None:
        self._staged = staged
        self._committed = committed

    def get(self, meeting_id: int) -> Meeting | None:
        return copy.deepcopy(self._staged.get(meeting_id))

    def add(self, meeting: Meeting) -> None:
        meeting.id = max(self._staged, default=0) + 1
        self._staged[meeting.id] = copy.deepcopy(meeting)

    def save(self, meeting: Meeting) -> None:
        assert meeting.id is not None
        stored = self._committed.get(meeting.id) or self._staged[meeting.id]
        if stored.version != meeting.version:
            raise ConcurrentChange(meeting.id)
        meeting.version += 1
        self._staged[meeting.id] = copy.deepcopy(meeting)

    def latest(self, group_id: int) -> Meeting | None:
        mine = [m for m in self._staged.values() if m.group_id == group_id]
        return copy.deepcopy(max(mine, key=lambda m: m.number, default=None))

    def previous_closed(self, group_id: int, before_number: int) -> Meeting | None:
        mine = [
            m
            for m in self._staged.values()
            if m.group_id == group_id and m.number < before_number and m.step == "closed"
        ]
        return copy.deepcopy(max(mine, key=lambda m: m.number, default=None))

    def ids_in_dialogue(self) -> list[int]:
        return [i for i, m in self._staged.items() if m.step in DIALOGUE_STEPS]

    def latest_id(self, group_id: int) -> int | None:
        latest = self.latest(group_id)
        return latest.id if latest is not None else None

    def group_id_of(self, meeting_id: int) -> int | None:
        meeting = self._staged.get(meeting_id)
        return meeting.group_id if meeting is not None else None

    # Cancel with care (issue 14)
    def by_number(self, group_id: int, number: int) -> Meeting | None:
        found = next(
            (m for m in self._staged.values() if (m.group_id, m.number) == (group_id, number)),
            None,
        )
        return copy.deepcopy(found)


class InMemoryReminders:
    def __init__(self, staged: dict[int, Reminder]) -> None:
        self._staged = staged

    def add(self, reminder: Reminder) -> None:
        reminder.id = max(self._staged, default=0) + 1
        self._staged[reminder.id] = copy.deepcopy(reminder)

    def replace(self, source: str, reminders: list[Reminder]) -> None:
        self.cancel(source)
        for reminder in still_to_send(reminders, self.list(source=source)):
            self.add(reminder)

    def cancel(
        self,
        source: str,
        kinds: frozenset[ReminderKind] | None = None,
        action_number: int | None = None,
    ) -> int:
        hits = [
            r
            for r in self._staged.values()
            if r.source == source
            and r.status is ReminderStatus.PENDING
            and (kinds is None or r.kind in kinds)
            and (action_number is None or r.action_number == action_number)
        ]
        for r in hits:
            r.status = ReminderStatus.CANCELLED
        return len(hits)

    def list(
        self, *, source: str | None = None, statuses: frozenset[ReminderStatus] | None = None
    ) -> list[Reminder]:
        found = [
            copy.deepcopy(r)
            for r in self._staged.values()
            if (source is None or r.source == source) and (statuses is None or r.status in statuses)
        ]
        return sorted(found, key=lambda r: (r.due_at, r.id or 0))

    # Group changes (issue 14)
    def cancel_for_group(
        self,
        group_id: int,
        *,
        recipient: str | None = None,
        kinds: frozenset[ReminderKind] | None = None,
    ) -> int:
        hits = [
            r
            for r in self._staged.values()
            if r.group_id == group_id
            and r.status is ReminderStatus.PENDING
            and (recipient is None or r.recipient == recipient)
            and (kinds is None or r.kind in kinds)
        ]
        for r in hits:
            r.status = ReminderStatus.CANCELLED
        return len(hits)


class InMemoryMeasurements:
    """Each import replaces the group's data set whole, like `storage.measurements`."""

    def __init__(self, staged: dict[int, DataSet]) -> None:
        self._staged = staged

    def replace(
        self,
        group_id: int,
        measurements: tuple[Measurement, ...] | list[Measurement],
        *,
        filename: str,
        at: datetime,
        by: str,
    ) -> int:
        previous = self._staged.get(group_id)
        data_set = DataSet(tuple(measurements), filename, at, by)
        self._staged[group_id] = self._next(group_id, data_set)
        return len(previous.measurements) if previous else 0

    def _next(self, group_id: int, data_set: DataSet) -> DataSet:
        previous = self._staged.get(group_id)
        if previous is None:
            return data_set
        earlier = (dataclasses.replace(previous, earlier=()), *previous.earlier)
        number, focus = previous.number + 1, previous.focus
        return dataclasses.replace(data_set, number=number, earlier=earlier, focus=focus)

    def versions(self, group_id: int) -> list[DataSetVersion]:
        found = self._staged.get(group_id)
        return [d.version() for d in (found, *found.earlier)] if found else []

    def restore(self, group_id: int, number: int, *, at: datetime, by: str) -> int | None:
        found = self._staged.get(group_id)
        kept = (found, *found.earlier) if found else ()
        source = next((d for d in kept if d.number == number), None)
        if source is None:
            return None
        again = DataSet(source.measurements, source.filename, at, by, restored_from=number)
        self._staged[group_id] = self._next(group_id, again)
        return self._staged[group_id].number

    def for_group(self, group_id: int) -> list[Measurement]:
        found = self._staged.get(group_id)
        return list(found.measurements) if found else []

    def data_set(self, group_id: int) -> DataSet | None:
        return self._staged.get(group_id)

    # Focus parameters (issue 13)
    def focus(self, group_id: int) -> tuple[str, ...]:
        found = self._staged.get(group_id)
        return found.focus if found else ()

    def choose(self, group_id: int, parameters: tuple[str, ...]) -> None:
        found = self._staged.get(group_id)
        if found is not None:
            self._staged[group_id] = dataclasses.replace(found, focus=parameters)

    # The learning loop (issue 17)
    def rows_of(self, group_id: int, number: int) -> list[Measurement] | None:
        found = self._staged.get(group_id)
        kept = (found, *found.earlier) if found else ()
        version = next((d for d in kept if d.number == number), None)
        return list(version.measurements) if version is not None else None


# The audit log (issue 15)
class InMemoryAudit:
    """Append-only, like `storage.audit`: add, list, purge by age."""

    def __init__(self, staged: list[AuditEntry]) -> None:
        self._staged = staged

    def add(self, entry: AuditEntry) -> None:
        self._staged.append(dataclasses.replace(entry, id=len(self._staged) + 1))

    def list(
        self,
        *,
        group_id: int | None = None,
        actor: str | None = None,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        return [
            e
            for e in sorted(self._staged, key=lambda e: (e.at, e.id or 0))
            if (group_id is None or e.group_id == group_id)
            and (actor is None or e.actor == actor)
            and (since is None or e.at >= since)
        ]

    def purge_before(self, before: datetime) -> int:
        kept = [e for e in self._staged if e.at >= before]
        gone = len(self._staged) - len(kept)
        self._staged[:] = kept
        return gone


class InMemoryUnitOfWork:
    """Changes are staged and become visible to the next unit of work only on commit."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store()
        self.commits = 0

    def __enter__(self) -> Self:
        self._groups = copy.deepcopy(self.store.groups)
        self._meetings = copy.deepcopy(self.store.meetings)
        self._reminders = copy.deepcopy(self.store.reminders)
        self._measurements = dict(self.store.measurements)  # a data set is replaced, never edited
        self._audit = list(self.store.audit)  # the audit log (issue 15)
        self.audit = InMemoryAudit(self._audit)
        self.groups = InMemoryGroups(self._groups)
        self.meetings = InMemoryMeetings(self._meetings, self.store.meetings)
        self.reminders = InMemoryReminders(self._reminders)
        self.measurements = InMemoryMeasurements(self._measurements)
        self._offers = copy.deepcopy(self.store.offers)
        self.offers = InMemoryOffers(self._offers, self.store.offers, self._groups)
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self, outputs: Sequence[Output] = ()) -> None:
        self.store.groups = self._groups
        self.store.meetings = self._meetings
        self.store.reminders = self._reminders
        self.store.measurements = self._measurements
        self.store.audit = self._audit  # the audit log (issue 15)
        self.store.offers = self._offers
        self.commits += 1
        self.__enter__()

    def commit_each(self, outputs: Sequence[Sequence[Output]]) -> None:
        self.commit([o for each in outputs for o in each])

    def rollback(self) -> None:
        self._groups = copy.deepcopy(self.store.groups)
        self._meetings = copy.deepcopy(self.store.meetings)
        self._reminders = copy.deepcopy(self.store.reminders)
        self._measurements = dict(self.store.measurements)
        self._audit = list(self.store.audit)  # the audit log (issue 15)
        self._offers = copy.deepcopy(self.store.offers)
