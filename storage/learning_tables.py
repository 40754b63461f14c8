"""The learning loop's table (issue 17): the group's verdicts on the signs of progress.

A verdict is a child of the meeting whose "since last" gave it (`meeting_id`, saved with
the meeting like its reviews of actions) and names the sign it is about by the meeting
whose paper holds the sign and the sign's place on it. It goes with either meeting. The
signs' expectations, an explanation's link to a sign and the day an action was done or
dropped are columns of their own rows (`storage.tables`, migration 0020).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.tables import ENUM, USER_ID, Base, MeetingRow


class VerdictRow(Base):
    __tablename__ = "sign_verdicts"
    __table_args__ = (Index(None, "sign_meeting_id"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    sign_meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    sign_number: Mapped[int] = mapped_column(primary_key=True)
    verdict: Mapped[str] = mapped_column(ENUM)
    note: Mapped[str]
    author: Mapped[str] = mapped_column(USER_ID)
    position: Mapped[int]


# A meeting's verdicts, loaded and saved with it (`storage.child_fields`, `storage.child_rows`).
MeetingRow.verdicts = relationship(
    VerdictRow,
    foreign_keys=[VerdictRow.meeting_id],
    order_by=VerdictRow.position,
    cascade="all, delete-orphan",
    passive_deletes=True,
    lazy="raise",
)
