"""The audit log's table and repository (issue 15): append-only rows of who did what to
which group's data (`flows.audit`).

`group_id` is a plain number, not a foreign key: the log outlives what it names (a
group removed whole keeps the rows that say who did what to it until their own period
ends). The repository adds, lists and purges by age; nothing edits a row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from flows.audit import MAX_REF, AuditAction, AuditEntry
from storage.tables import ENUM, USER_ID, Base


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "group_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(USER_ID, index=True)
    platform: Mapped[str] = mapped_column(ENUM)
    group_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(ENUM)
    reference: Mapped[str] = mapped_column(String(MAX_REF))


class SqlAudit:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        e = entry
        row = AuditRow(at=e.at, actor=e.actor, platform=e.platform, group_id=e.group_id,
                       action=e.action.value, reference=e.reference)  # fmt: skip
        self.session.add(row)

    def list(
        self,
        *,
        group_id: int | None = None,
        actor: str | None = None,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.at, AuditRow.id)
        if group_id is not None:
            query = query.where(AuditRow.group_id == group_id)
        if actor is not None:
            query = query.where(AuditRow.actor == actor)
        if since is not None:
            query = query.where(AuditRow.at >= since)
        return [
            AuditEntry(
                r.at, r.actor, r.platform, r.group_id, AuditAction(r.action), r.reference, r.id
            )
            for r in self.session.scalars(query)
        ]

    def purge_before(self, before: datetime) -> int:
        done = self.session.execute(delete(AuditRow).where(AuditRow.at < before))
        return int(getattr(done, "rowcount", 0) or 0)
