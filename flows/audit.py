"""The audit log (issue 15): who did what to which group's data, kept append-only.

One `AuditEntry` per action on a group's data: an actor (a platform user id, or
`flows.commands.OPERATOR_ACTOR` for the command line, `SYSTEM_ACTOR`, `CHANNEL_ACTOR`),
the platform it came from, the group, the time, what was done (`AuditAction`) and a
short `reference` (made by `ref`: "meeting:12", "version:3", "user:U0ALI"). Never free text and
never a measurement value: a reference names things by their ids and numbers only, so
the log can be read by an auditor without showing what was said or measured.

The commands of the method write their row in the same unit of work as the change
(`flows.audited`, called by `flows.service`); the command line's data restore, the chart
maker, the export and the chat installations write theirs where they act. The repository
(`AuditRepository`) only adds, lists and purges by age: rows are never edited.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from flows.commands import OPERATOR_ACTOR, SYSTEM_ACTOR

if TYPE_CHECKING:
    from flows.ports import UnitOfWork

#: Who is recorded for a chart posted to the group's channel (everyone in it sees it).
CHANNEL_ACTOR = "channel"
#: The platforms an audit row names: a group's own (its workspace's kind) ...
CONSOLE, SLACK, TEAMS = "console", "slack", "teams"
#: ... the command line (the operator), and the process itself (its own jobs).
CLI, SYSTEM = "cli", "system"
#: How long a reference may be (a short id; the column's width).
MAX_REF = 100


class AuditAction(StrEnum):
    """What was done. Stored as its value; a new action is a new value, never a renamed one."""

    GROUP_CREATED = "group_created"
    DATA_IMPORTED = "data_imported"  # the group's first data set
    DATA_REPLACED = "data_replaced"  # an import that replaced the current data set
    DATA_RESTORED = "data_restored"  # an earlier version made current again
    PARAMETERS_CHOSEN = "parameters_chosen"
    CHARTS_SENT = "charts_sent"  # charts of the group's measurements drawn for someone
    PAPER_READ = "paper_read"  # the agreement paper shown on request
    EXPORTED = "exported"
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    ROLE_CHANGED = "role_changed"
    GROUP_RENAMED = "group_renamed"
    RHYTHM_CHANGED = "rhythm_changed"
    TIMEBOXES_CHANGED = "timeboxes_changed"
    HOLIDAY_RULE_CHANGED = "holiday_rule_changed"
    CHANNEL_CHANGED = "channel_changed"
    GROUP_ARCHIVED = "group_archived"
    GROUP_UNARCHIVED = "group_unarchived"
    INSTALLED = "installed"  # the app installed in a Slack workspace or a Teams team/chat
    UNINSTALLED = "uninstalled"  # removed from a workspace or team, or its tokens revoked
    GROUP_FROZEN = "group_frozen"  # its workspace or team removed the app (grace period)
    GROUP_THAWED = "group_thawed"  # the app installed again within the grace period
    GROUP_DELETED = "group_deleted"  # removed whole (erasure, or the grace period ended)
    ERASED = "erased"  # a member's or a citizen's data erased (art. 17)
    RETENTION_CHANGED = "retention_changed"  # a group's own retention periods set
    RETENTION_DELETED = "retention_deleted"  # the retention job deleted what was past its period
    RATINGS_IMPORTED = "ratings_imported"  # an offer's core-element ratings (issue 17)
    ESCALATION_CHANGED = "escalation_changed"  # a group's escalation setting (issue 17)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    platform: str
    group_id: int | None
    action: AuditAction
    reference: str = ""
    id: int | None = None


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None:
        """Append a row (in the unit of work's transaction)."""
        ...

    def list(
        self,
        *,
        group_id: int | None = None,
        actor: str | None = None,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        """Rows, oldest first, of that group, by that actor, at or after `since`."""
        ...

    def purge_before(self, before: datetime) -> int:
        """Delete the rows older than `before`; how many went."""
        ...


def platform_of(actor: str, workspace: str) -> str:
    """Where an action came from: the command line for the operator, the process for the
    system, else the platform the group meets on (its workspace's kind; the console's
    groups have none)."""
    if actor == OPERATOR_ACTOR:
        return CLI
    if actor == SYSTEM_ACTOR:
        return SYSTEM
    return workspace.split(":", 1)[0] if workspace else CONSOLE


def ref(**parts: object) -> str:
    """A reference from ids and numbers: `ref(meeting=12)` is "meeting:12"."""
    return " ".join(f"{key}:{value}" for key, value in parts.items())[:MAX_REF]


def purge(uow_factory: Callable[[], UnitOfWork], now: datetime, days: int) -> int:
    """Delete the audit rows older than `days` days before `now` (the scheduler's daily
    job, DATADIALOG_AUDIT_RETENTION_DAYS); how many went."""
    with uow_factory() as uow:
        gone = uow.audit.purge_before(now - timedelta(days=days))
        uow.commit()
    return gone


#: The audit log as CSV (`datadialog audit list --csv`, an export's audit-log.csv).
CSV_COLUMNS = ("id", "at", "actor", "platform", "group_id", "group", "action", "reference")


def audit_csv(entries: Sequence[AuditEntry], names: Mapping[int, str]) -> str:
    """The rows as CSV: times in ISO 8601 (UTC), the group's name as it is now (`names`,
    by id; empty for a row without a group or a group no longer there), actions as stored."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        gid = "" if e.group_id is None else e.group_id
        group = names.get(e.group_id, "") if e.group_id is not None else ""
        row = (e.id or "", e.at.isoformat(), e.actor, e.platform, gid, group, e.action, e.reference)
        writer.writerow(row)
    return buffer.getvalue()
