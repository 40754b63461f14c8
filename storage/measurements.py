"""The measurements repository: a group's data set is replaced whole by each import.

Teams re-export their whole spreadsheet from the documentation system, so an
import replaces what was there rather than adding to it (no double counting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from flows.measurements import GoalAttainment, GoalType, Measurement, MeasurementPoint, Scale
from storage.measurement_tables import MeasurementRow, MeasurementSetRow


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
        """Put `measurements` in place of the group's current data set; return how many it had."""
        previous = self.data_set(group_id)
        self.session.execute(delete(MeasurementRow).where(MeasurementRow.group_id == group_id))
        self.session.execute(
            delete(MeasurementSetRow).where(MeasurementSetRow.group_id == group_id)
        )
        if measurements:
            self.session.execute(
                insert(MeasurementRow), [_columns(group_id, m) for m in measurements]
            )
        self.session.add(
            MeasurementSetRow(
                group_id=group_id,
                filename=filename[:255],
                imported_at=at,
                imported_by=by,
                row_count=len(measurements),
            )
        )
        self.session.flush()
        return previous.row_count if previous else 0

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
