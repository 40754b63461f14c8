"""A group's imported measurements: the kept versions of its data set, which one is
current, and where each came from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables import ENUM, LABEL, Base


class MeasurementSetRow(Base):
    """One per group: its current data set. `version` is the current version's number;
    each import (or restore) claims the next one first, so two at once cannot both
    replace it (see `storage.measurements`). The rest repeats the current version's, but
    `focus`, which outlives the versions."""

    __tablename__ = "measurement_sets"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(255))
    row_count: Mapped[int]
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    #: Focus parameters (issue 13): the parameters chosen for the group's data charts
    #: (`flows.parameters`); NULL or empty: every one. Imports and restores leave it be.
    focus: Mapped[list[str] | None] = mapped_column(JSON)


class MeasurementVersionRow(Base):
    """One per kept version of a group's data set: who made it, from which file, and what
    it holds (`flows.datasets.Contents`); its rows are the measurements of that version."""

    __tablename__ = "measurement_versions"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    filename: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(255))
    restored_from: Mapped[int | None]
    row_count: Mapped[int]
    citizens: Mapped[int]
    parameters: Mapped[list[str]] = mapped_column(JSON)
    first_year: Mapped[int | None]
    last_year: Mapped[int | None]
    first_day: Mapped[date | None]
    last_day: Mapped[date | None]


class MeasurementColumns:
    """The columns of one validated measurement after its citizen, as
    `storage.measurements.measurement_values` fills them: shared by the measurement table and
    the core-element ratings (`storage.offer_tables.RatingRow`, issue 17)."""

    parameter: Mapped[str] = mapped_column(LABEL)
    point_name: Mapped[str | None] = mapped_column(ENUM)
    point_number: Mapped[int]
    point_day: Mapped[date | None]
    value: Mapped[float | None] = mapped_column(Float)  # None: goal attainment only
    year: Mapped[int]
    subgroup: Mapped[str | None] = mapped_column(LABEL)
    intervention: Mapped[str | None] = mapped_column(LABEL)
    scale_low: Mapped[float | None] = mapped_column(Float)
    scale_high: Mapped[float | None] = mapped_column(Float)
    goal_type: Mapped[str | None] = mapped_column(ENUM)
    goal_attainment: Mapped[str | None] = mapped_column(ENUM)
    #: The file's `retning` for the parameter: "higher" or "lower" is better, or None.
    direction: Mapped[str | None] = mapped_column(ENUM)
    source_row: Mapped[int]


class MeasurementRow(MeasurementColumns, Base):
    """One measurement of one version of a group's data set (the current version's are
    what charts read)."""

    __tablename__ = "measurements"
    __table_args__ = (Index(None, "group_id", "version", "parameter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    citizen: Mapped[str] = mapped_column(String(100))
