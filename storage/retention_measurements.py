"""Retention of a group's measurements (issue 15), for `storage.retention`.

Two things are past the period (`cutoff`):

- a measurement **dated** before it: a dated point (`point_day`) before the cutoff's day;
  a named point (start, follow-up...; only its `year` is known) once its whole year is
  before the cutoff's day (`year` < the cutoff's year). In every kept version, the
  current one included;
- an **earlier version** of the data set (not the current one) replaced before it: its
  rows and its `measurement_versions` row. A version is replaced when the next one is
  imported or restored (the earliest `imported_at` of the versions after it).

The data set stays loadable: the current version keeps its number, and what the
versions say they hold (rows, citizens, parameters, years and days; `datadialog data
history`) and the data set's row count are brought in line with the rows left, in the
last batch's transaction. A version whose every row was past the period stays, empty,
until it is replaced like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, distinct, func, or_, select, update
from sqlalchemy.orm import Session

from storage.measurement_tables import MeasurementRow, MeasurementSetRow, MeasurementVersionRow

M, V = MeasurementRow, MeasurementVersionRow
#: Keys per DELETE ... IN (...): a batch of up to 100,000 rows (DATADIALOG_RETENTION_BATCH)
#: stays within what SQLite and psycopg take as parameters of one statement.
IN_LIST = 500


def dated_before(cutoff: datetime) -> ColumnElement[bool]:
    """Measurements whose date is before `cutoff`'s day (a year-only one: its whole year)."""
    day = cutoff.date()
    return or_(
        and_(M.point_day.is_not(None), M.point_day < day),
        and_(M.point_day.is_(None), M.year < day.year),
    )


class MeasurementRetention:
    """The measurements kind of one group's pass: `pick`, `drop`, `finish` (`_Kind`)."""

    def __init__(self, group_id: int, cutoff: datetime) -> None:
        self.group_id = group_id
        self.cutoff = cutoff
        self.touched: set[int] = set()  # versions that lost rows

    def expired_versions(self, session: Session) -> list[int]:
        """The group's earlier versions replaced before the cutoff."""
        current = session.scalar(
            select(MeasurementSetRow.version).where(MeasurementSetRow.group_id == self.group_id)
        )
        rows = session.execute(
            select(V.number, V.imported_at).where(V.group_id == self.group_id).order_by(V.number)
        ).all()
        expired = []
        for i, row in enumerate(rows):
            later = [r.imported_at for r in rows[i + 1 :]]
            if row.number != current and later and min(later) < self.cutoff:
                expired.append(row.number)
        return expired

    def pick(self, session: Session, n: int) -> list[Any]:
        old = dated_before(self.cutoff)
        expired = self.expired_versions(session)
        where = or_(M.version.in_(expired), old) if expired else old
        query = select(M.id, M.version).where(M.group_id == self.group_id, where)
        return [tuple(row) for row in session.execute(query.order_by(M.id).limit(n))]

    def drop(self, session: Session, keys: Sequence[Any]) -> int:
        self.touched.update(version for _, version in keys)
        gone = 0
        for start in range(0, len(keys), IN_LIST):
            ids = [key for key, _ in keys[start : start + IN_LIST]]
            done = session.execute(
                delete(M).where(M.id.in_(ids)).execution_options(synchronize_session=False)
            )
            gone += int(getattr(done, "rowcount", 0) or 0)
        return gone

    def finish(self, session: Session) -> dict[str, int]:
        """Delete the expired versions' own rows (their measurements are gone by now) and
        bring what the kept versions say in line; {"versions": how many went}."""
        expired = self.expired_versions(session)
        if expired:
            session.execute(
                delete(V)
                .where(V.group_id == self.group_id, V.number.in_(expired))
                .execution_options(synchronize_session=False)
            )
        for number in sorted(self.touched - set(expired)):
            self._recount(session, number)
        return {"versions": len(expired)} if expired else {}

    def _recount(self, session: Session, number: int) -> None:
        of_version = (M.group_id == self.group_id, M.version == number)
        summary = session.execute(
            select(
                func.count(),
                func.count(distinct(M.citizen)),
                func.min(M.year),
                func.max(M.year),
                func.min(M.point_day),
                func.max(M.point_day),
            ).where(*of_version)
        ).one()
        columns = ("row_count", "citizens", "first_year", "last_year", "first_day", "last_day")
        values: dict[str, Any] = dict(zip(columns, summary, strict=True))
        names = session.scalars(select(M.parameter).where(*of_version).distinct())
        values["parameters"] = sorted(names)
        session.execute(
            update(V)
            .where(V.group_id == self.group_id, V.number == number)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(MeasurementSetRow)
            .where(MeasurementSetRow.group_id == self.group_id, MeasurementSetRow.version == number)
            .values(row_count=values["row_count"])
            .execution_options(synchronize_session=False)
        )
