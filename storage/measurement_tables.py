"""A group's imported measurements, and where the current data set came from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables import ENUM, LABEL, Base


class MeasurementSetRow(Base):
    """One per group: the file its current measurements were imported from, and how many
    imports replaced the group's data set (`version`: each claims the next one first, so
    two at once cannot both replace it; see `storage.measurements`)."""

    __tablename__ = "measurement_sets"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(255))
    row_count: Mapped[int]
    version: Mapped[int] = mapped_column(Integer, server_default="1")


class MeasurementRow(Base):
    __tablename__ = "measurements"
    __table_args__ = (Index(None, "group_id", "parameter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    citizen: Mapped[str] = mapped_column(String(100))
    parameter: Mapped[str] = mapped_column(LABEL)
    point_name: Mapped[str | None] = mapped_column(ENUM)
    point_number: Mapped[int]
    point_day: Mapped[date | None]
    value: Mapped[float] = mapped_column(Float)
    year: Mapped[int]
    subgroup: Mapped[str | None] = mapped_column(LABEL)
    intervention: Mapped[str | None] = mapped_column(LABEL)
    scale_low: Mapped[float | None] = mapped_column(Float)
    scale_high: Mapped[float | None] = mapped_column(Float)
    goal_type: Mapped[str | None] = mapped_column(ENUM)
    goal_attainment: Mapped[str | None] = mapped_column(ENUM)
    source_row: Mapped[int]
