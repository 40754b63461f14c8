"""The measurements repository: a group's data set is replaced whole by each import.

Teams re-export their whole spreadsheet from the documentation system, so an
import replaces what was there rather than adding to it (no double counting). The
replaced data set is kept as an earlier version (`storage.measurement_versions`): the
newest `keep` versions stay, and `restore` makes an earlier one current again as a new
version, so the history only grows at its newest end.

Two imports for one group at once must not mix their rows (both would add theirs as the
same next version, and both sets would be current). So an import (or a restore) first
claims the group's data set, like `SqlMeetings.save`: one
`UPDATE measurement_sets ... WHERE version = :seen` that bumps the version, or for a
group's first import an INSERT that only the first of two can make (`storage.keys`).
When the claim matches nothing, another import got there first and `ConcurrentChange`
has the service run this one again on the data set the other left. The claim also
holds the row until commit, so the loser waits for the winner rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from flows.datasets import DataSetVersion, contents_of
from flows.errors import ConcurrentChange
from flows.measurements import GoalAttainment, GoalType, Measurement, MeasurementPoint, Scale
from storage import keys, measurement_versions
from storage.measurement_tables import MeasurementRow, MeasurementSetRow
from storage.measurement_versions import KEEP_VERSIONS
from storage.offer_tables import RatingRow  # core-element ratings (issue 17)

#: Measurements inserted per statement: a 100,000-row import never holds all its rows'
#: parameters at once.
_BATCH = 1_000


@dataclass(frozen=True)
class DataSet:
    filename: str
    imported_at: datetime
    imported_by: str
    row_count: int


class _Current(NamedTuple):
    version: int
    row_count: int


def measurement_values(m: Measurement) -> dict[str, object]:
    """A measurement's columns, as the measurement and the core-element rating tables both
    spell them (`storage.offers`)."""
    return {
        "citizen": m.citizen,
        "parameter": m.parameter,
        "point_name": m.point.name,
        "point_number": m.point.number,
        "point_day": m.point.day,
        "value": m.value,
        "year": m.year,
        "subgroup": m.subgroup,
        "intervention": m.intervention,
        "scale_low": m.scale.low if m.scale else None,
        "scale_high": m.scale.high if m.scale else None,
        "goal_type": m.goal_type.value if m.goal_type else None,
        "goal_attainment": m.goal_attainment.value if m.goal_attainment else None,
        "direction": m.direction,
        "source_row": m.row,
    }


def _columns(group_id: int, version: int, m: Measurement) -> dict[str, object]:
    return {"group_id": group_id, "version": version, **measurement_values(m)}


def measurement_of(row: MeasurementRow | RatingRow) -> Measurement:
    """The measurement a row of either table holds (`measurement_values`)."""
    point = (
        MeasurementPoint(day=row.point_day)
        if row.point_day is not None
        else MeasurementPoint(name=row.point_name, number=row.point_number)
    )
    low, high = row.scale_low, row.scale_high
    return Measurement(
        citizen=row.citizen,
        parameter=row.parameter,
        point=point,
        value=row.value,
        year=row.year,
        subgroup=row.subgroup,
        intervention=row.intervention,
        scale=Scale(low, high) if low is not None and high is not None else None,
        goal_type=GoalType(row.goal_type) if row.goal_type else None,
        goal_attainment=GoalAttainment(row.goal_attainment) if row.goal_attainment else None,
        direction=_direction(row.direction),
        row=row.source_row,
    )


Better = Literal["higher", "lower"]


def _direction(stored: str | None) -> Better | None:
    return "higher" if stored == "higher" else "lower" if stored == "lower" else None


class SqlMeasurements:
    """`keep`: how many versions of a group's data set are kept, the current one included."""

    def __init__(self, session: Session, keep: int = KEEP_VERSIONS) -> None:
        if keep < 1:
            raise ValueError("at least the current version is kept")
        self.session = session
        self.keep = keep

    def replace(
        self,
        group_id: int,
        measurements: tuple[Measurement, ...] | list[Measurement],
        *,
        filename: str,
        at: datetime,
        by: str,
    ) -> int:
        """Make `measurements` the group's current data set, as its next version; return
        how many the replaced one had.

        Raises `ConcurrentChange` when another import replaced it first (see the module)."""
        seen = self._current(group_id)
        about = {
            "filename": filename[:255],
            "imported_at": at,
            "imported_by": by,
            "row_count": len(measurements),
        }
        number = self._claim(group_id, seen.version if seen else None, about)
        for start in range(0, len(measurements), _BATCH):
            rows = [_columns(group_id, number, m) for m in measurements[start : start + _BATCH]]
            self.session.execute(insert(MeasurementRow), rows)
        measurement_versions.add(self.session, group_id, number, about, contents_of(measurements))
        measurement_versions.prune(self.session, group_id, number, self.keep)
        return seen.row_count if seen else 0

    def restore(self, group_id: int, number: int, *, at: datetime, by: str) -> int | None:
        """Make version `number`'s rows current again, as the next version; its number, or
        None when the group has no such version. Raises `ConcurrentChange` like `replace`."""
        seen = self._current(group_id)
        source = measurement_versions.one(self.session, group_id, number)
        if seen is None or source is None:
            return None
        about = {
            "filename": source.filename,
            "imported_at": at,
            "imported_by": by,
            "row_count": source.contents.rows,
        }
        new = self._claim(group_id, seen.version, about)
        measurement_versions.copy_rows(self.session, group_id, number, new)
        measurement_versions.add(
            self.session, group_id, new, about, source.contents, restored_from=number
        )
        measurement_versions.prune(self.session, group_id, new, self.keep)
        return new

    def versions(self, group_id: int) -> list[DataSetVersion]:
        return measurement_versions.listed(self.session, group_id)

    def _current(self, group_id: int) -> _Current | None:
        """The current version's number and row count, if the group has a data set."""
        row = self.session.execute(
            select(MeasurementSetRow.version, MeasurementSetRow.row_count).where(
                MeasurementSetRow.group_id == group_id
            )
        ).one_or_none()
        return _Current(row.version, row.row_count) if row is not None else None

    def _claim(self, group_id: int, seen: int | None, about: dict[str, object]) -> int:
        """Take the next version of the group's data set (the first, when `seen` is None)
        and return its number; `ConcurrentChange` when another import has taken it.
        RETURNING rather than the row count: the count of an INSERT is not kept by every
        driver (psycopg gives -1)."""
        key = MeasurementSetRow.group_id
        if seen is None:
            first = keys.insert(self.session.get_bind(), MeasurementSetRow.__table__)
            claim = first.values(group_id=group_id, version=1, **about)
            claim = claim.on_conflict_do_nothing(index_elements=["group_id"])
        else:
            claim = (
                update(MeasurementSetRow)
                .where(key == group_id, MeasurementSetRow.version == seen)
                .values(version=seen + 1, **about)
                .execution_options(synchronize_session=False)
            )
        if self.session.execute(claim.returning(key)).first() is None:
            raise ConcurrentChange(group_id)
        return 1 if seen is None else seen + 1

    def for_group(self, group_id: int) -> list[Measurement]:
        current = (
            select(MeasurementSetRow.version)
            .where(MeasurementSetRow.group_id == group_id)
            .scalar_subquery()
        )
        return self._rows(group_id, current)

    def rows_of(self, group_id: int, number: int) -> list[Measurement] | None:
        """A kept version's measurements (the learning loop, issue 17: the data as it was
        when an agreement was made); None when the version is not kept."""
        if measurement_versions.one(self.session, group_id, number) is None:
            return None
        return self._rows(group_id, number)

    def _rows(self, group_id: int, version: object) -> list[Measurement]:
        rows = self.session.scalars(
            select(MeasurementRow)
            .where(MeasurementRow.group_id == group_id, MeasurementRow.version == version)
            .order_by(MeasurementRow.id)
        )
        return [measurement_of(row) for row in rows]

    # Focus parameters (issue 13): on the group's one data-set row, which imports and
    # restores update without touching it, so the choice is kept across versions.

    def focus(self, group_id: int) -> tuple[str, ...]:
        chosen = self.session.scalar(
            select(MeasurementSetRow.focus).where(MeasurementSetRow.group_id == group_id)
        )
        return tuple(str(name) for name in chosen or ())

    def choose(self, group_id: int, parameters: tuple[str, ...]) -> None:
        self.session.execute(
            update(MeasurementSetRow)
            .where(MeasurementSetRow.group_id == group_id)
            .values(focus=list(parameters))
            .execution_options(synchronize_session=False)
        )

    def data_set(self, group_id: int) -> DataSet | None:
        row = self.session.get(MeasurementSetRow, group_id)
        if row is None:
            return None
        return DataSet(row.filename, row.imported_at, row.imported_by, row.row_count)
