"""Tables for scheduling: each group's rhythm and reminder offsets, and the reminder rows.

A reminder row is the unit of delivery. `available_at` is when a process may take
it next: the due time at first, the end of a claim's lease while a process holds it,
the end of the back-off after a failure. So "claimable" is one indexed condition,
`status IN ('pending', 'claimed') AND available_at <= now`: a row whose claimer died
becomes claimable again when its lease runs out, and nothing is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.tables import ENUM, USER_ID, Base, GroupRow


class GroupScheduleRow(Base):
    """A group's rhythm (NULL frequency: every `groups.cadence_days` days) and offsets."""

    __tablename__ = "group_schedules"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    frequency: Mapped[str | None] = mapped_column(ENUM)
    interval: Mapped[int | None]
    weekday: Mapped[int | None]
    nth: Mapped[int | None]
    at_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM" local
    holidays: Mapped[str | None] = mapped_column(ENUM)
    start_at: Mapped[datetime | None]
    timeline: Mapped[dict[str, Any]] = mapped_column(JSON)


# One optional schedule per group, loaded with the group by the repository
# (`storage.child_rows`: one extra SELECT per query).
GroupRow.schedule = relationship(
    GroupScheduleRow,
    uselist=False,
    lazy="raise",
    cascade="all, delete-orphan",
    passive_deletes=True,
)


class ReminderRow(Base):
    __tablename__ = "reminders"
    __table_args__ = (
        # The claim's index: only claimable rows, in the order they are claimed, so the
        # history of sent rows never slows it down.
        Index(
            "ix_reminders_claimable",
            "available_at",
            postgresql_where=text("status IN ('pending', 'claimed')"),
            sqlite_where=text("status IN ('pending', 'claimed')"),
        ),
        Index(None, "source", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(ENUM)
    recipient: Mapped[str] = mapped_column(USER_ID)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(64))
    meeting_id: Mapped[int | None]
    action_number: Mapped[int | None]
    due_at: Mapped[datetime]
    available_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(ENUM)
    attempts: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str]
    sent_at: Mapped[datetime | None]
