"""Uninstall (issue 15): a workspace or team that removes the app has its groups frozen,
installing it again within the grace period thaws them, and a daily job deletes the
groups frozen longer than DATADIALOG_UNINSTALL_GRACE_DAYS.

The platforms' events are read in `bot.slack.uninstall` (`app_uninstalled`,
`tokens_revoked`; the tokens are deleted there) and `bot.teams.uninstall` (the bot
removed from a team or chat; its conversation references are deleted there); each names
a `Place`, and everything after is the same here:

- one `UNINSTALLED` audit row per event (`uninstalled`), then every group of the place is
  frozen: `frozen_at` set and, unless the group is archived already, archived through the
  flows (`ArchiveGroup` as `SYSTEM_ACTOR`, so its reminders are cancelled as for any
  archive), in one transaction with its `GROUP_FROZEN` row (`storage.freezing`). The
  archive is given the freeze's time, so `archived_at == frozen_at` says the freeze
  archived it. A group with a meeting under way cannot be archived (the flows refuse):
  it is frozen without, and the next removal event tries again;
- installed again (Slack's OAuth success, Teams' bot added): each frozen group of the
  place gets `frozen_at` cleared and its `GROUP_THAWED` row, and is brought back
  (`UnarchiveGroup`, its reminders planned again) only if the freeze archived it;
- `delete_expired` (daily, by the runtime's clock) removes each group frozen longer than
  the grace period whole, with its `GROUP_DELETED` row in the same transaction.

What the archive and unarchive say to the group's channel is not sent: the app is gone
from it, or (installed again) the reminders planned again speak for themselves.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.daily_jobs import schedule_daily
from bot.main import Runtime
from flows.audit import AuditAction, AuditEntry, ref
from flows.commands import SYSTEM_ACTOR
from flows.errors import Refused
from flows.group_commands import ArchiveGroup, UnarchiveGroup
from flows.outputs import Text, t
from flows.service import handle
from storage.database import session_factory
from storage.freezing import (
    MarkingUnitOfWork,
    delete_frozen,
    frozen_by,
    frozen_since,
    groups_in,
    mark_frozen,
    mark_thawed,
    state_of,
)

log = logging.getLogger(__name__)

A = AuditAction


@dataclass(frozen=True)
class Place:
    """Where the app was removed or installed: a workspace's groups (all of them, or with
    `channels` those meeting there), and how its audit rows name it (`reference`)."""

    platform: str  # flows.audit.SLACK or TEAMS
    workspace: str  # "slack:T0NORD", "teams:<tenant id>"
    reference: str  # ref(team=...): the workspace or team, never a name
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class At:
    """A clock stopped at one moment: the freeze's archive is dated as the freeze."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


def uninstalled(runtime: Runtime, place: Place, actor: str, reference: str, freeze: bool) -> None:
    """The app was removed from `place` (or its tokens revoked): the event's audit row, then
    (when the app can no longer act there) its groups frozen. Runs in a worker thread."""
    entry = AuditEntry(runtime.clock.now(), actor, place.platform, None, A.UNINSTALLED, reference)
    with runtime.uow_factory() as uow:
        uow.audit.add(entry)
        uow.commit()
    if freeze:
        freeze_place(runtime, place)


def groups_of(sessions: sessionmaker[Session], place: Place) -> list[int]:
    """The place's groups: those meeting in its channels (every group of its workspace
    when it names none), and those an earlier removal from it froze."""
    with sessions() as session:
        ids = groups_in(session, place.workspace, place.channels)
        named = frozen_by(session, place.workspace, place.reference)
    return [*ids, *(gid for gid in named if gid not in ids)]


def freeze_place(runtime: Runtime, place: Place) -> list[int]:
    """Freeze every group of the place; the ids of those frozen now."""
    sessions = session_factory(runtime.engine)
    return [
        gid for gid in groups_of(sessions, place) if freeze_group(runtime, sessions, gid, place)
    ]


def freeze_group(
    runtime: Runtime, sessions: sessionmaker[Session], group_id: int, place: Place
) -> bool:
    with sessions() as session:
        state = state_of(session, group_id)
    if state is None or (state.frozen_at is not None and state.archived_at is not None):
        return False  # gone, or frozen and archived already
    at = state.frozen_at or runtime.clock.now()
    entry = AuditEntry(at, SYSTEM_ACTOR, place.platform, group_id, A.GROUP_FROZEN, place.reference)
    marked: list[bool] = []

    def mark(session: Session) -> None:
        marked.append(mark_frozen(session, group_id, at, entry))

    if state.archived_at is None:
        try:
            uow = MarkingUnitOfWork(sessions, mark)
            handle(ArchiveGroup(SYSTEM_ACTOR, group_id), uow, At(at), runtime.calendar)
            return marked[-1]
        except Refused as refused:  # a meeting under way: frozen, not archived
            log.info("group %d frozen but not archived (%s)", group_id, refused.text.key)
    with sessions() as session:
        mark(session)
        session.commit()
    return marked[-1]


def installed_again(runtime: Runtime, place: Place) -> list[int]:
    """The app is installed in `place` again: thaw its frozen groups; the ids of those thawed."""
    sessions = session_factory(runtime.engine)
    return [gid for gid in groups_of(sessions, place) if thaw_group(runtime, sessions, gid, place)]


def thaw_group(
    runtime: Runtime, sessions: sessionmaker[Session], group_id: int, place: Place
) -> bool:
    with sessions() as session:
        state = state_of(session, group_id)
    if state is None or state.frozen_at is None:
        return False
    now = runtime.clock.now()
    entry = AuditEntry(now, SYSTEM_ACTOR, place.platform, group_id, A.GROUP_THAWED, place.reference)
    marked: list[bool] = []

    def mark(session: Session) -> None:
        marked.append(mark_thawed(session, group_id, entry))

    if state.archived_by_freeze:
        try:
            uow = MarkingUnitOfWork(sessions, mark)
            handle(UnarchiveGroup(SYSTEM_ACTOR, group_id), uow, runtime.clock, runtime.calendar)
            return marked[-1]
        except Refused as refused:  # brought back by hand meanwhile
            log.info("group %d thawed, not unarchived (%s)", group_id, refused.text.key)
    with sessions() as session:
        mark(session)
        session.commit()
    return marked[-1]


# The grace period --------------------------------------------------------------------------

GRACE_JOB = "uninstall-grace"


def schedule_grace_deletion(scheduler: Any, runtime: Runtime) -> None:
    """A job on the reminder job's scheduler: soon after start, then once a day, the groups
    frozen longer than DATADIALOG_UNINSTALL_GRACE_DAYS are deleted (`delete_expired`)."""
    schedule_daily(scheduler, GRACE_JOB, partial(delete_expired, runtime), first_in=2.0)


async def delete_expired(runtime: Runtime) -> int:
    """Delete the groups frozen longer than the grace period (by the runtime's clock), each
    with its audit row, in a worker thread; how many went (0 when the pass failed: logged,
    and the next day's pass tries again)."""
    days = runtime.settings.uninstall_grace_days
    try:
        now = runtime.clock.now()
        sessions = session_factory(runtime.engine)
        cutoff = now - timedelta(days=days)
        removed = await asyncio.to_thread(
            delete_frozen, sessions, now, cutoff, ref(uninstalled=f"{days}d")
        )
    except Exception:  # a failed pass must not stop the job
        log.exception("deleting the groups past their grace period failed")
        return 0
    for group_id, rows in removed:
        log.info("group %d deleted after its grace period (%d rows)", group_id, rows)
    return len(removed)


# What the command line says ----------------------------------------------------------------


def frozen_groups(runtime: Runtime) -> dict[int, tuple[datetime, datetime]]:
    """Every frozen group's id: when it was frozen, and after when it is deleted."""
    grace = timedelta(days=runtime.settings.uninstall_grace_days)
    with session_factory(runtime.engine)() as session:
        return {gid: (at, at + grace) for gid, at in frozen_since(session).items()}


def frozen_line(line: Text, frozen: tuple[datetime, datetime] | None) -> Text:
    """A group's line in `group list`, saying so when it is frozen."""
    return line if frozen is None else t("group.frozen_line", line=line, until=frozen[1])


def frozen_note(runtime: Runtime, group_id: int) -> Text | None:
    """`group show`'s line about a frozen group (None when it is not)."""
    frozen = frozen_groups(runtime).get(group_id)
    return None if frozen is None else t("group.frozen_on", since=frozen[0], until=frozen[1])
