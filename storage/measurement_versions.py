"""The kept versions of a group's data set: one `measurement_versions` row each (who,
when, which file, what it holds), and the measurements of every kept version in
`measurements`, told apart by their `version` column.

A version is only ever added (an import, or a restore that copies an earlier version's
rows) and, once more than `keep` newer ones exist, deleted with its rows. Both happen
after the import has claimed the group's data set (`storage.measurements`), so two
imports never add or delete versions of one group at once.
"""

from __future__ import annotations

from sqlalchemy import Integer, delete, insert, literal, select
from sqlalchemy.orm import Session

from flows.datasets import Contents, DataSetVersion
from storage.measurement_tables import MeasurementRow, MeasurementVersionRow

#: Versions of a group's data set kept when the installation does not say (the setting
#: `data_versions_kept`); the current one included.
KEEP_VERSIONS = 10


def add(
    session: Session,
    group_id: int,
    number: int,
    about: dict[str, object],
    contents: Contents,
    restored_from: int | None = None,
) -> None:
    """Record version `number` (its rows are inserted by the caller)."""
    session.execute(
        insert(MeasurementVersionRow).values(
            group_id=group_id,
            number=number,
            filename=about["filename"],
            imported_at=about["imported_at"],
            imported_by=about["imported_by"],
            restored_from=restored_from,
            row_count=contents.rows,
            citizens=contents.citizens,
            parameters=list(contents.parameters),
            first_year=contents.first_year,
            last_year=contents.last_year,
            first_day=contents.first_day,
            last_day=contents.last_day,
        )
    )


def listed(session: Session, group_id: int) -> list[DataSetVersion]:
    """The group's kept versions, newest first."""
    rows = session.scalars(
        select(MeasurementVersionRow)
        .where(MeasurementVersionRow.group_id == group_id)
        .order_by(MeasurementVersionRow.number.desc())
    )
    return [_version(row) for row in rows]


def one(session: Session, group_id: int, number: int) -> DataSetVersion | None:
    row = session.get(MeasurementVersionRow, (group_id, number))
    return _version(row) if row is not None else None


def copy_rows(session: Session, group_id: int, source: int, number: int) -> None:
    """Insert version `source`'s measurements again as version `number`, in their order."""
    table = MeasurementRow.__table__
    columns = [c for c in table.c if c.name not in ("id", "version")]
    rows = (
        select(*columns, literal(number, Integer))
        .where(table.c.group_id == group_id, table.c.version == source)
        .order_by(table.c.id)
    )
    names = [c.name for c in columns] + ["version"]
    session.execute(insert(table).from_select(names, rows))


def prune(session: Session, group_id: int, newest: int, keep: int) -> None:
    """Delete the versions older than the newest `keep` (numbers follow each other)."""
    oldest_kept = newest - keep + 1
    session.execute(
        delete(MeasurementRow)
        .where(MeasurementRow.group_id == group_id, MeasurementRow.version < oldest_kept)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(MeasurementVersionRow)
        .where(
            MeasurementVersionRow.group_id == group_id,
            MeasurementVersionRow.number < oldest_kept,
        )
        .execution_options(synchronize_session=False)
    )


def _version(row: MeasurementVersionRow) -> DataSetVersion:
    contents = Contents(
        rows=row.row_count,
        citizens=row.citizens,
        parameters=tuple(row.parameters),
        first_year=row.first_year,
        last_year=row.last_year,
        first_day=row.first_day,
        last_day=row.last_day,
    )
    return DataSetVersion(
        number=row.number,
        filename=row.filename,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        contents=contents,
        restored_from=row.restored_from,
    )
