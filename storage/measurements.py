"""The measurements repository: a group's data set is replaced whole by each import.

Teams re-export their whole spreadsheet from the documentation system, so an
import replaces what was there rather than adding to it (no double counting).

Two imports for one group at once must not mix their rows (on PostgreSQL the later
one's DELETE would not see the earlier one's new rows, and both sets would stay). So an
import first claims the group's data set, like `SqlMeetings.save`: one
`UPDATE measurement_sets ... WHERE version = :seen` that bumps the version, or for a
group's first import an INSERT that only the first of two can make (`storage.keys`).
When the claim matches nothing, another import got there first and `ConcurrentChange`
has the service run this one again on the data set the other left. The claim also
holds the row until commit, so the loser waits for the winner rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from flows.errors import ConcurrentChange
from flows.measurements import GoalAttainment, GoalType, Measurement, MeasurementPoint, Scale
from storage import keys
from storage.measurement_tables import MeasurementRow, MeasurementSetRow

#: Measurements inserted per statement: a 100,000-row import never holds all its rows'
#: parameters at once.
_BATCH = 1_000


@dataclass(frozen=True)
class DataSet:
    filename: str
    imported_at: datetime
    imported_by: str
    row_count: int


def _columns(group_id: int, m: Measurement) -> dict[str, object]:
    return {
        "group_id": group_id,
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
        "source_row": m.row,
    }


def _measurement(row: MeasurementRow) -> Measurement:
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
        row=row.source_row,
    )


class SqlMeasurements:
    def __init__(self, session: Session) -> None:
        self.session = session

    def replace(
        self,
        group_id: int,
        measurements: tuple[Measurement, ...] | list[Measurement],
        *,
        filename: str,
        at: datetime,
        by: str,
    ) -> int:
        """Put `measurements` in place of the group's current data set; return how many it had.

        Raises `ConcurrentChange` when another import replaced it first (see the module)."""
        seen = self.session.execute(
            select(MeasurementSetRow.version, MeasurementSetRow.row_count).where(
                MeasurementSetRow.group_id == group_id
            )
        ).one_or_none()
        about = {
            "filename": filename[:255],
            "imported_at": at,
            "imported_by": by,
            "row_count": len(measurements),
        }
        if not self._claim(group_id, seen.version if seen else None, about):
            raise ConcurrentChange(group_id)
        self.session.execute(delete(MeasurementRow).where(MeasurementRow.group_id == group_id))
        for start in range(0, len(measurements), _BATCH):
            rows = [_columns(group_id, m) for m in measurements[start : start + _BATCH]]
            self.session.execute(insert(MeasurementRow), rows)
        return seen.row_count if seen else 0

    def _claim(self, group_id: int, seen: int | None, about: dict[str, object]) -> bool:
        """Take the next version of the group's data set (the first, when `seen` is None);
        False when another import has taken it. RETURNING rather than the row count: the
        count of an INSERT is not kept by every driver (psycopg gives -1)."""
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
        return self.session.execute(claim.returning(key)).first() is not None

    def for_group(self, group_id: int) -> list[Measurement]:
        rows = self.session.scalars(
            select(MeasurementRow)
            .where(MeasurementRow.group_id == group_id)
            .order_by(MeasurementRow.id)
        )
        return [_measurement(row) for row in rows]

    def data_set(self, group_id: int) -> DataSet | None:
        row = self.session.get(MeasurementSetRow, group_id)
        if row is None:
            return None
        return DataSet(row.filename, row.imported_at, row.imported_by, row.row_count)
