"""Frozen groups (issue 15, uninstall): the storage side of a workspace or team removing the
app, of it being installed again, and of the grace period running out.

A group is *frozen* while `groups.frozen_at` is set: its workspace or team removed the app
(`bot.uninstall`). Freezing also archives the group through the flows (`ArchiveGroup`, so
its reminders are cancelled as for any archive) unless it was archived already, and the
archive is given the freeze's own time: `archived_at == frozen_at` is how a thaw knows
that the freeze archived it, and brings it back (`UnarchiveGroup`) only then. A group a
leader had archived before keeps its own, earlier `archived_at`, so it stays archived.

The flows' archive and the mark are one transaction: `MarkingUnitOfWork` runs the mark
(`mark_frozen`, `mark_thawed`: the column and its audit row) in the commit of the
command's unit of work. Both marks only act on a group in the other state, so doing one
twice (a request taken over after a crash, two processes) writes one audit row.

`delete_frozen` removes the groups frozen longer than the grace period, each whole
(`storage.erasure.erase_group`) with its `GROUP_DELETED` row in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from flows.audit import SYSTEM, AuditAction, AuditEntry, ref
from flows.commands import SYSTEM_ACTOR
from storage.audit import AuditRow, SqlAudit
from storage.erasure import erase_group
from storage.tables import GroupRow
from storage.teams_tables import TEAM_GROUP, TeamsConversationRow, channel_key
from storage.unit_of_work import SqlUnitOfWork

Mark = Callable[[Session], object]


@dataclass(frozen=True)
class FreezeState:
    group_id: int
    archived_at: datetime | None
    frozen_at: datetime | None

    @property
    def archived_by_freeze(self) -> bool:
        """The freeze archived the group (it was not archived before)."""
        return self.frozen_at is not None and self.archived_at == self.frozen_at


class MarkingUnitOfWork(SqlUnitOfWork):
    """A unit of work whose commit also runs `mark` in the same transaction: a freeze or a
    thaw committed together with the flows' archive or unarchive."""

    def __init__(self, sessions: sessionmaker[Session], mark: Mark) -> None:
        super().__init__(sessions)
        self.mark = mark

    def commit(self, outputs: Sequence[Any] = ()) -> None:
        assert self._session is not None, "commit() outside 'with uow:'"
        self.mark(self._session)
        super().commit(outputs)


def state_of(session: Session, group_id: int) -> FreezeState | None:
    found = session.execute(
        select(GroupRow.archived_at, GroupRow.frozen_at).where(GroupRow.id == group_id)
    ).one_or_none()
    return None if found is None else FreezeState(group_id, found[0], found[1])


def mark_frozen(session: Session, group_id: int, at: datetime, entry: AuditEntry) -> bool:
    """Set the group's `frozen_at` unless it is frozen already, with its audit row; whether
    it was frozen now."""
    done = session.execute(
        update(GroupRow)
        .where(GroupRow.id == group_id, GroupRow.frozen_at.is_(None))
        .values(frozen_at=at)
    )
    return _with_row(session, done, entry)


def mark_thawed(session: Session, group_id: int, entry: AuditEntry) -> bool:
    """Clear the group's `frozen_at` if it is frozen, with its audit row; whether it was."""
    done = session.execute(
        update(GroupRow)
        .where(GroupRow.id == group_id, GroupRow.frozen_at.is_not(None))
        .values(frozen_at=None)
    )
    return _with_row(session, done, entry)


def _with_row(session: Session, done: Any, entry: AuditEntry) -> bool:
    if not getattr(done, "rowcount", 0):
        return False
    SqlAudit(session).add(entry)
    return True


def groups_in(
    session: Session, workspace: str, channels: Collection[str] | None = None
) -> list[int]:
    """The ids of a workspace's groups; with `channels`, of those meeting in one of them."""
    query = select(GroupRow.id).where(GroupRow.workspace == workspace).order_by(GroupRow.id)
    if channels is not None:
        query = query.where(GroupRow.channel.in_(list(channels)))
    return list(session.scalars(query))


def frozen_by(session: Session, workspace: str, reference: str) -> list[int]:
    """The ids of a workspace's groups ever frozen with `reference` (the team or workspace
    that removed the app; frozen now or thawed since), oldest group first: a team's groups
    in channels whose conversation reference went with an earlier removal."""
    frozen = (
        select(AuditRow.group_id)
        .where(AuditRow.action == AuditAction.GROUP_FROZEN.value)
        .where(AuditRow.reference == reference)
    )
    query = (
        select(GroupRow.id)
        .where(GroupRow.workspace == workspace, GroupRow.id.in_(frozen))
        .order_by(GroupRow.id)
    )
    return list(session.scalars(query))


def frozen_since(session: Session) -> dict[int, datetime]:
    """Every frozen group's id and when it was frozen."""
    query = select(GroupRow.id, GroupRow.frozen_at).where(GroupRow.frozen_at.is_not(None))
    return {gid: at for gid, at in session.execute(query) if at is not None}


def delete_frozen(
    sessions: sessionmaker[Session], now: datetime, cutoff: datetime, reference: str
) -> list[tuple[int, int]]:
    """Remove every group frozen before `cutoff` (the grace period's start, by the caller's
    clock), each in a transaction of its own with its `GROUP_DELETED` row (at `now`, by
    the system, with `reference` and the number of rows removed). A group thawed or
    deleted meanwhile is left alone (its row is locked and read again first). Returns
    (group id, rows removed) per group removed."""
    with sessions() as session:
        query = select(GroupRow.id).where(GroupRow.frozen_at < cutoff).order_by(GroupRow.id)
        candidates = list(session.scalars(query))
    removed: list[tuple[int, int]] = []
    for group_id in candidates:
        with sessions() as session:
            still = session.execute(
                select(GroupRow.frozen_at).where(GroupRow.id == group_id).with_for_update()
            ).one_or_none()
            if still is None or still[0] is None or still[0] >= cutoff:
                continue
            rows = erase_group(session, group_id)
            action = AuditAction.GROUP_DELETED
            reference_rows = f"{reference} {ref(rows=rows)}".strip()
            entry = AuditEntry(now, SYSTEM_ACTOR, SYSTEM, group_id, action, reference_rows)
            SqlAudit(session).add(entry)
            session.commit()
        removed.append((group_id, rows))
    return removed


# Teams' conversation references ------------------------------------------------------


def team_channels(session: Session, team_group: str) -> list[str]:
    """The channels whose kept reference names this team (its Entra group id)."""
    if not team_group:
        return []
    query = select(TeamsConversationRow.key, TeamsConversationRow.reference).where(
        TeamsConversationRow.key.startswith(channel_key(""))
    )
    return [
        key.removeprefix(channel_key(""))
        for key, kept in session.execute(query)
        if _team_of(kept) == team_group
    ]


def _team_of(kept: str) -> str:
    try:
        return str((json.loads(kept) or {}).get(TEAM_GROUP) or "")
    except (ValueError, AttributeError):
        return ""


def forget_conversations(session: Session, keys: Collection[str]) -> int:
    """Delete the conversation references kept under these keys; how many there were."""
    if not keys:
        return 0
    done = session.execute(
        delete(TeamsConversationRow).where(TeamsConversationRow.key.in_([k[:400] for k in keys]))
    )
    return int(getattr(done, "rowcount", 0) or 0)
