"""SQLAlchemy 2 declarative tables for groups, meetings and everything said in them.

These row classes are storage's own; `storage.repositories` maps them to and
from the `flows.model` dataclasses explicitly. Children of a meeting are keyed
by their natural keys (author + kind, number, voter + theme...) so a save can
insert, update and delete exactly the rows that changed. Lists whose order is
not implied by a number carry a `position` column.

Enums are plain strings, and every datetime is stored as UTC and read back as an
aware UTC datetime on SQLite and PostgreSQL alike (`UtcDateTime`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.utc_datetime import UtcDateTime

if TYPE_CHECKING:
    from storage.learning_tables import VerdictRow
    from storage.offer_tables import ElementNoteRow  # the offer level (issue 17)
    from storage.reminder_tables import GroupScheduleRow

#: Explicit constraint names, so migrations name the same things on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

USER_ID = String(255)  # platform user ids (Slack "U0…", Teams "29:1…")
LABEL = String(300)  # flows.validation.MAX_LABEL
ENUM = String(32)  # StrEnum values


class Base(DeclarativeBase):
    # Every mapping here is a plain Table (SQLAlchemy types `__table__` as any FromClause).
    __table__: ClassVar[Table]
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        date: Date(),
        str: Text(),
    }


def _children(target: str, order_by: str) -> Any:
    """A parent's list of owned rows: loaded explicitly (lazy="raise" catches N+1), never shared."""
    return relationship(
        target,
        order_by=f"{target}.{order_by}",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


def _meeting_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)


# Groups ----------------------------------------------------------------------


class GroupRow(Base):
    __tablename__ = "groups"
    # Names are unique per chat workspace ("" for console groups); see migration 0002_slack.
    __table_args__ = (
        UniqueConstraint("workspace", "name"),
        Index(None, "workspace", "channel"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace: Mapped[str] = mapped_column(String(255), server_default="")
    name: Mapped[str] = mapped_column(LABEL)
    level: Mapped[str] = mapped_column(ENUM)
    cadence_days: Mapped[int]
    channel: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64))
    vote_budget: Mapped[int]
    timebox_since_last: Mapped[int]
    timebox_explore: Mapped[int]
    timebox_interpret: Mapped[int]
    timebox_prepare_action: Mapped[int]
    archived_at: Mapped[datetime | None]  # group changes (issue 14): None while active
    # Issue 15: the group's own retention periods in days (None: the settings' defaults) and
    # when its workspace or team removed the app (None while installed).
    retention_meeting_days: Mapped[int | None]
    retention_measurement_days: Mapped[int | None]
    retention_chart_days: Mapped[int | None]
    retention_reminder_days: Mapped[int | None]
    frozen_at: Mapped[datetime | None]
    # The offer level (issue 17, storage.offer_tables): the offer the group belongs to, and
    # the days an action may be overdue before it is escalated (None: never).
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    escalate_after_days: Mapped[int | None]

    members: Mapped[list[MemberRow]] = _children("MemberRow", "position")

    if TYPE_CHECKING:
        # Mapped in storage.reminder_tables, next to the schedule table.
        schedule: Mapped[GroupScheduleRow | None]


class MemberRow(Base):
    __tablename__ = "group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    name: Mapped[str] = mapped_column(LABEL)
    role: Mapped[str] = mapped_column(ENUM)
    position: Mapped[int]


# Meetings --------------------------------------------------------------------


class MeetingRow(Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("group_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    number: Mapped[int]
    step: Mapped[str] = mapped_column(ENUM, index=True)
    version: Mapped[int] = mapped_column(Integer)
    scheduled_at: Mapped[datetime]
    step_started_at: Mapped[datetime | None]
    step_deadline: Mapped[datetime | None]
    timeup_notified: Mapped[bool]
    focus_theme: Mapped[int | None]
    short_term_goal: Mapped[str]
    long_term_goal: Mapped[str]
    # Cancel with care (issue 14): when it was cancelled and from which step (an undo).
    cancelled_at: Mapped[datetime | None]
    cancelled_from: Mapped[str | None] = mapped_column(ENUM)

    points: Mapped[list[PointRow]] = _children("PointRow", "position")
    observations: Mapped[list[ObservationRow]] = _children("ObservationRow", "number")
    themes: Mapped[list[ThemeRow]] = _children("ThemeRow", "number")
    votes: Mapped[list[VoteRow]] = _children("VoteRow", "position")
    explanations: Mapped[list[ExplanationRow]] = _children("ExplanationRow", "number")
    signs: Mapped[list[SignRow]] = _children("SignRow", "position")
    actions: Mapped[list[ActionRow]] = _children("ActionRow", "number")
    reviews: Mapped[list[ReviewRow]] = _children("ReviewRow", "position")
    takeaways: Mapped[list[TakeawayRow]] = _children("TakeawayRow", "position")
    amendments: Mapped[list[AmendmentRow]] = _children("AmendmentRow", "position")
    if TYPE_CHECKING:  # mapped in storage.learning_tables (issue 17)
        verdicts: Mapped[list[VerdictRow]]
        element_notes: Mapped[list[ElementNoteRow]]  # storage.offer_tables (offer level)


class PointRow(Base):
    __tablename__ = "preparation_points"

    meeting_id: Mapped[int] = _meeting_fk()
    author: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(ENUM, primary_key=True)
    text: Mapped[str]
    updated_at: Mapped[datetime]
    position: Mapped[int]


class ObservationRow(Base):
    __tablename__ = "observations"

    meeting_id: Mapped[int] = _meeting_fk()
    number: Mapped[int] = mapped_column(primary_key=True)
    author: Mapped[str] = mapped_column(USER_ID)
    text: Mapped[str]
    source: Mapped[str] = mapped_column(ENUM)


class ThemeRow(Base):
    __tablename__ = "themes"

    meeting_id: Mapped[int] = _meeting_fk()
    number: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(LABEL)
    proposed_by: Mapped[str] = mapped_column(USER_ID)


class VoteRow(Base):
    __tablename__ = "votes"

    meeting_id: Mapped[int] = _meeting_fk()
    voter: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    theme_number: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]


class ExplanationRow(Base):
    __tablename__ = "explanations"

    meeting_id: Mapped[int] = _meeting_fk()
    number: Mapped[int] = mapped_column(primary_key=True)
    theme_number: Mapped[int]
    author: Mapped[str] = mapped_column(USER_ID)
    text: Mapped[str]
    sign_number: Mapped[int | None]  # issue 17: the last paper's sign it explains
    element: Mapped[int | None]  # issue 17, offer level: the core element it concerns


class SignRow(Base):
    """One line of the agreement paper's "signs we are on the right track", in order."""

    __tablename__ = "agreement_signs"

    meeting_id: Mapped[int] = _meeting_fk()
    position: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    author: Mapped[str] = mapped_column(USER_ID, server_default="")
    # Issue 17: what the sign expects of the data (NULL parameter: nothing).
    parameter: Mapped[str | None] = mapped_column(LABEL)
    direction: Mapped[str | None] = mapped_column(ENUM)
    target: Mapped[float | None] = mapped_column(Float)
    target_share: Mapped[float | None] = mapped_column(Float)


class ActionRow(Base):
    __tablename__ = "actions"

    meeting_id: Mapped[int] = _meeting_fk()
    number: Mapped[int] = mapped_column(primary_key=True)
    what: Mapped[str]
    owner: Mapped[str] = mapped_column(USER_ID)
    follow_up: Mapped[str] = mapped_column(USER_ID)
    due: Mapped[date]
    status: Mapped[str] = mapped_column(ENUM)
    status_note: Mapped[str]
    author: Mapped[str] = mapped_column(USER_ID, server_default="")
    closed_on: Mapped[date | None]  # issue 17: the local day it was done or dropped
    element: Mapped[int | None]  # issue 17, offer level: the core element it concerns


class ReviewRow(Base):
    """A status given in one meeting to an action agreed in an earlier one."""

    __tablename__ = "action_reviews"
    __table_args__ = (
        ForeignKeyConstraint(
            ["action_meeting_id", "action_number"],
            ["actions.meeting_id", "actions.number"],
            ondelete="CASCADE",
        ),
        Index(None, "action_meeting_id", "action_number"),
    )

    meeting_id: Mapped[int] = _meeting_fk()
    action_meeting_id: Mapped[int] = mapped_column(primary_key=True)
    action_number: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(ENUM)
    note: Mapped[str]
    author: Mapped[str] = mapped_column(USER_ID)
    position: Mapped[int]


class TakeawayRow(Base):
    __tablename__ = "takeaways"

    meeting_id: Mapped[int] = _meeting_fk()
    author: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    text: Mapped[str]
    position: Mapped[int]


class AmendmentRow(Base):
    """A change a leader made to a closed meeting's agreement paper: who, when, which item."""

    __tablename__ = "agreement_amendments"

    meeting_id: Mapped[int] = _meeting_fk()
    position: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(USER_ID)
    item: Mapped[str] = mapped_column(ENUM)
    number: Mapped[int]
    removed: Mapped[bool]
