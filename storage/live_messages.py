"""Messages kept up to date in place (issue 16): a meeting step's list of themes and votes is
posted once and edited after that, so a big meeting does not fill the channel with copies.

One row per meeting and kind (`themes`): the step it was posted in, where (the Slack channel
or Teams conversation) and the platform's ids of the message (Slack's `ts`; Teams activity
ids, in order, when the list took more than one message). It lives in the database, so every
process edits the same message and a restart does not lose it.

While a process makes the first post of a step, the row is its claim (`claimed_by`, no ids
yet): another process waits for the ids instead of posting a second list (`Next.WAIT`). A
claim left by a process that died is taken back by the same outbox output (the claimant is
the output's marker, `bot.live`) or, after `stale`, by anyone. Rows go with their meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, Engine, ForeignKey, String, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from storage.keys import insert
from storage.tables import ENUM, Base, MeetingRow

#: The one kind there is: the ranked themes with their vote buttons (`flows.outputs.ThemeList`).
THEMES = "themes"


class LiveMessageRow(Base):
    __tablename__ = "live_messages"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    step: Mapped[str] = mapped_column(ENUM)  # the meeting's step when it was posted
    channel: Mapped[str] = mapped_column(String(400))  # "" while claimed
    message_ids: Mapped[str]  # space-separated, in order; "" while claimed
    claimed_by: Mapped[str] = mapped_column(String(100))  # "" once posted
    updated_at: Mapped[datetime]


class Next(StrEnum):
    """What to do with the next version of a live message."""

    EDIT = "edit"  # edit the kept messages (`Claim.channel`, `Claim.ids`)
    POST = "post"  # post it and `keep` its ids: the claim is the caller's
    WAIT = "wait"  # another process is posting it right now: ask again in a moment
    UNKEPT = "unkept"  # post it and keep nothing (the meeting is not stored)


@dataclass(frozen=True)
class Claim:
    next: Next
    channel: str = ""
    ids: tuple[str, ...] = ()


def _row(meeting_id: int, kind: str) -> ColumnElement[bool]:
    table = LiveMessageRow.__table__
    return (table.c.meeting_id == meeting_id) & (table.c.kind == kind)


def claim(
    engine: Engine, meeting_id: int, kind: str, claimant: str, now: datetime, stale: timedelta
) -> Claim:
    """The kept messages of the meeting's current step, or the claim to post them (taken
    with a compare-and-set, so two processes never both get it)."""
    table = LiveMessageRow.__table__
    with engine.begin() as conn:
        step = conn.scalar(select(MeetingRow.step).where(MeetingRow.id == meeting_id))
        if step is None:
            return Claim(Next.UNKEPT)
        row = conn.execute(select(table).where(_row(meeting_id, kind))).first()
        if row is not None and row.step == step:
            if row.message_ids:
                return Claim(Next.EDIT, row.channel, tuple(row.message_ids.split()))
            if row.claimed_by not in ("", claimant) and row.updated_at > now - stale:
                return Claim(Next.WAIT)
        mine = {"step": step, "channel": "", "message_ids": "", "claimed_by": claimant[:100],
                "updated_at": now}  # fmt: skip
        if row is None:
            stmt = insert(engine, table).values(meeting_id=meeting_id, kind=kind, **mine)
            stmt = stmt.on_conflict_do_nothing(index_elements=["meeting_id", "kind"])
            taken = conn.execute(stmt.returning(table.c.meeting_id)).first() is not None
        else:
            unchanged = (
                (table.c.step == row.step)
                & (table.c.claimed_by == row.claimed_by)
                & (table.c.message_ids == row.message_ids)
            )
            stmt = update(table).where(_row(meeting_id, kind) & unchanged).values(**mine)
            taken = bool(conn.execute(stmt).rowcount)
    return Claim(Next.POST if taken else Next.WAIT)


def keep(
    engine: Engine,
    meeting_id: int,
    kind: str,
    channel: str,
    ids: list[str],
    now: datetime,
    claimant: str | None = None,
) -> bool:
    """Where the live message now is; with `claimant`, only while the claim is still theirs
    (False: another process took it over meanwhile, and keeps its own)."""
    table = LiveMessageRow.__table__
    where = _row(meeting_id, kind)
    if claimant is not None:
        where = where & (table.c.claimed_by == claimant[:100])
    values = {"channel": channel[:400], "message_ids": " ".join(ids), "claimed_by": "",
              "updated_at": now}  # fmt: skip
    with engine.begin() as conn:
        return bool(conn.execute(update(table).where(where).values(**values)).rowcount)


def release(engine: Engine, meeting_id: int, kind: str, claimant: str) -> None:
    """Give up a claim whose post failed, so the next try (anyone's) posts at once."""
    table = LiveMessageRow.__table__
    mine = (table.c.claimed_by == claimant[:100]) & (table.c.message_ids == "")
    with engine.begin() as conn:
        conn.execute(delete(table).where(_row(meeting_id, kind) & mine))
