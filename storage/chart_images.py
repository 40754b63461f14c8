"""Drawn charts kept for a while, so a chat that shows images by URL (Teams) can fetch them
from any of the bot's processes. Keyed by the PNG's own hash: the same chart is kept once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, ForeignKey, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from storage.keys import insert
from storage.tables import Base


class ChartImageRow(Base):
    __tablename__ = "chart_images"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(index=True)
    # The meeting it was drawn for (issue 15: deleted with it, found by erasure and
    # retention); None for a chart drawn outside a meeting.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )


def save_chart(
    engine: Engine, key: str, png: bytes, now: datetime, meeting_id: int | None = None
) -> None:
    """Keep `png` under `key` unless it is kept already."""
    table = ChartImageRow.__table__
    stmt = insert(engine, table).values(key=key, png=png, created_at=now, meeting_id=meeting_id)
    with engine.begin() as conn:
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))


def load_chart(engine: Engine, key: str) -> bytes | None:
    with engine.connect() as conn:
        return conn.scalar(select(ChartImageRow.png).where(ChartImageRow.key == key))


def prune_charts(engine: Engine, before: datetime) -> int:
    with engine.begin() as conn:
        done = conn.execute(delete(ChartImageRow).where(ChartImageRow.created_at < before))
        return int(done.rowcount or 0)
