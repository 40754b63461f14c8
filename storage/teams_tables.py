"""Microsoft Teams' own tables: conversation references, and processed activity ids.

A conversation reference (the Bot Connector's address of a chat: service URL,
conversation id, tenant, bot) is what a proactive message needs. One row per
key: `channel:<conversation id>` for a team channel, `user:<teams user id>` for
the personal chat with a member. They are saved on first contact and on install
(`conversationUpdate`), and when the bot opens a personal chat itself, so
reminders reach people who never wrote first.

`claim_activity` is the adapter's idempotency gate: Teams retries a POST it got
no answer to; the first process to insert the activity's key acts on it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from storage.keys import claim_key, insert, prune_keys
from storage.tables import Base

#: The Bot Connector retries for minutes, not days.
KEEP_ACTIVITY_KEYS = timedelta(days=1)


class TeamsConversationRow(Base):
    """Where to reach a channel or a member: a serialized ConversationReference (JSON)."""

    __tablename__ = "teams_conversations"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class TeamsActivityRow(Base):
    """One incoming Teams activity we have acted on."""

    __tablename__ = "teams_processed_activities"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)


def save_reference(engine: Engine, key: str, reference: dict[str, Any], now: datetime) -> None:
    """Insert or replace the reference stored under `key`."""
    table = TeamsConversationRow.__table__
    stmt = insert(engine, table).values(
        key=key[:400], reference=json.dumps(reference), updated_at=now
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["key"],
        set_={"reference": stmt.excluded.reference, "updated_at": stmt.excluded.updated_at},
    )
    with engine.begin() as conn:
        conn.execute(stmt)


def load_reference(engine: Engine, key: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        found = conn.execute(
            select(TeamsConversationRow.reference).where(TeamsConversationRow.key == key[:400])
        ).scalar_one_or_none()
    return json.loads(found) if found else None


def claim_activity(engine: Engine, key: str, now: datetime) -> bool:
    """True for the first caller with `key`; False if any process claimed it before."""
    return claim_key(engine, TeamsActivityRow.__table__, key[:400], now)


def prune_activities(engine: Engine, now: datetime) -> int:
    return prune_keys(engine, TeamsActivityRow.__table__, now - KEEP_ACTIVITY_KEYS)
