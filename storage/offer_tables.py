"""The offer level's tables (issue 17): offers and their theory of change, the people who
oversee them, their core-element ratings, and the core-elements review's notes of a meeting.

An offer's core elements and intended results are its children (deleted with it), saved
with it like a meeting's rows. Overseers name an offer, or none (`offer_id` NULL: every
offer and group of the workspace). Ratings are the offer's current set, replaced whole by
each import (like a group's data set, without kept versions). Element notes are children
of the meeting whose core-elements review made them (`storage.child_fields`). The new
columns of `groups`, `explanations` and `actions` are on their rows in `storage.tables`
(migration 0021).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.measurement_tables import MeasurementColumns
from storage.tables import LABEL, USER_ID, Base, MeetingRow, _children


def _offer_fk(*, primary_key: bool = True) -> Mapped[int]:
    return mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), primary_key=primary_key)


class OfferRow(Base):
    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("workspace", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace: Mapped[str] = mapped_column(String(255), server_default="")
    name: Mapped[str] = mapped_column(LABEL)
    version: Mapped[int] = mapped_column(Integer)
    # The highest core-element number ever given (`Offer.numbered`: never given again).
    numbered: Mapped[int] = mapped_column(Integer, server_default="0")
    # Where the current core-element ratings came from (None before the first import).
    ratings_filename: Mapped[str | None] = mapped_column(String(255))
    ratings_imported_at: Mapped[datetime | None]
    ratings_imported_by: Mapped[str | None] = mapped_column(USER_ID)

    elements: Mapped[list[CoreElementRow]] = _children("CoreElementRow", "number")
    results: Mapped[list[IntendedResultRow]] = _children("IntendedResultRow", "number")


class CoreElementRow(Base):
    __tablename__ = "core_elements"

    offer_id: Mapped[int] = _offer_fk()
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(LABEL)
    description: Mapped[str]


class IntendedResultRow(Base):
    __tablename__ = "intended_results"

    offer_id: Mapped[int] = _offer_fk()
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    text: Mapped[str]
    parameter: Mapped[str | None] = mapped_column(LABEL)
    elements: Mapped[str]  # the core elements' numbers, "1,3" ("" for none)


#: One overseer row per person, workspace and offer. A unique constraint treats NULLs as
#: distinct (SQLite, PostgreSQL), so the whole-workspace rows (offer NULL) get their own
#: partial unique index.
_WHOLE_WORKSPACE = text("offer_id IS NULL")


class OverseerRow(Base):
    __tablename__ = "overseers"
    __table_args__ = (
        UniqueConstraint("workspace", "offer_id", "user_id"),
        Index(
            "uq_overseers_whole_workspace",
            "workspace",
            "user_id",
            unique=True,
            postgresql_where=_WHOLE_WORKSPACE,
            sqlite_where=_WHOLE_WORKSPACE,
        ),
        Index(None, "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace: Mapped[str] = mapped_column(String(255), server_default="")
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(USER_ID)
    name: Mapped[str] = mapped_column(LABEL)


class RatingRow(MeasurementColumns, Base):
    """One core-element rating of the offer's current set: a `Measurement` whose parameter
    is the core element's name, in the order imported (`position`)."""

    __tablename__ = "core_element_ratings"

    offer_id: Mapped[int] = _offer_fk()
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    citizen: Mapped[str] = mapped_column(String(100), index=True)


class ElementNoteRow(Base):
    """A note on a core element from an offer-level meeting's core-elements review."""

    __tablename__ = "element_notes"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    element: Mapped[int]
    text: Mapped[str]
    author: Mapped[str] = mapped_column(USER_ID)


# A meeting's element notes, loaded and saved with it (`storage.child_fields`).
MeetingRow.element_notes = _children("ElementNoteRow", "position")
