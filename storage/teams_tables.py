"""Microsoft Teams' own table: conversation references. (An activity's dedupe claim is
its inbox row: `storage.inbox`.)

A conversation reference (the Bot Connector's address of a chat: service URL,
conversation id, tenant, bot) is what a proactive message needs. One row per
key: `channel:<conversation id>` for a team channel, `user:<teams user id>` for
the personal chat with a member. They are saved on first contact and on install
(`conversationUpdate`), and when the bot opens a personal chat itself, so
reminders reach people who never wrote first. A channel's reference also keeps
`aadGroupId`, the team's Entra group id (Teams sends it as `channelData.team.aadGroupId`):
what Microsoft Graph calls the team (`team_group`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from storage.keys import insert
from storage.tables import Base

#: The team's Entra group id, kept beside a channel's reference.
TEAM_GROUP = "aadGroupId"


def channel_key(conversation_id: str) -> str:
    return f"channel:{conversation_id}"


def user_key(user_id: str) -> str:
    return f"user:{user_id}"


class TeamsConversationRow(Base):
    """Where to reach a channel or a member: a serialized ConversationReference (JSON)."""

    __tablename__ = "teams_conversations"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    reference: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


def save_reference(
    engine: Engine, key: str, reference: dict[str, Any], now: datetime, team: str = ""
) -> None:
    """Insert or replace the reference stored under `key`, with the channel's `team` (its
    Entra group id); without one, a team id stored before is kept. A reference of another
    tenant than the one stored never replaces it (issue 16: an activity from another
    tenant naming a known channel or person must not redirect what the bot sends there)."""
    kept = load_reference(engine, key) or {}
    if kept and tenant_of(kept) and tenant_of(reference) != tenant_of(kept):
        return
    if not team:
        team = str(kept.get(TEAM_GROUP) or "")
    if team:
        reference = {**reference, TEAM_GROUP: team}
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


def tenant_of(reference: dict[str, Any]) -> str:
    """The tenant a stored conversation reference belongs to ("" when it names none)."""
    return str((reference.get("conversation") or {}).get("tenantId") or "")


def load_reference(engine: Engine, key: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        found = conn.execute(
            select(TeamsConversationRow.reference).where(TeamsConversationRow.key == key[:400])
        ).scalar_one_or_none()
    return json.loads(found) if found else None


def team_group(engine: Engine, channel: str) -> str:
    """The Entra group id of the team a channel is in ("" when unknown, or not a team)."""
    found = load_reference(engine, channel_key(channel)) or {}
    return str(found.get(TEAM_GROUP) or "")
