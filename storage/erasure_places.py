"""Where a person's user id is kept, for their erasure (`storage.erasure_member`): the
groups whose rows name them, and the rows outside any group that do (Teams conversation
references, the inbox, Slack installations)."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, or_, select, update
from sqlalchemy.orm import Session

from storage.erasure_offers import erase_overseer  # the offer level (issue 17)
from storage.inbox import InboxRow
from storage.learning_tables import VerdictRow  # the learning loop (issue 17)
from storage.measurement_tables import MeasurementSetRow, MeasurementVersionRow
from storage.offer_tables import ElementNoteRow  # the offer level (issue 17)
from storage.reminder_tables import ReminderRow
from storage.slack_tables import installations_table
from storage.tables import (
    ActionRow,
    AmendmentRow,
    ExplanationRow,
    MeetingRow,
    MemberRow,
    ObservationRow,
    PointRow,
    ReviewRow,
    SignRow,
    TakeawayRow,
    ThemeRow,
    VoteRow,
)
from storage.teams_tables import TeamsConversationRow, user_key

#: The columns of a meeting's rows that hold a user id.
PERSON_COLUMNS = (
    PointRow.author,
    ObservationRow.author,
    ThemeRow.proposed_by,
    VoteRow.voter,
    ExplanationRow.author,
    SignRow.author,
    ActionRow.author,
    ActionRow.owner,
    ActionRow.follow_up,
    ReviewRow.author,
    TakeawayRow.author,
    AmendmentRow.by,
    VerdictRow.author,  # the learning loop (issue 17)
    ElementNoteRow.author,  # the offer level (issue 17)
)
#: A Slack installation's columns that are the installing person's.
_INSTALLER_TOKEN = ("user_token", "user_refresh_token", "user_scopes", "user_token_expires_at")


def groups_naming(session: Session, user_id: str) -> list[int]:
    """The groups with a row that names `user_id`: as a member or former member, in a
    meeting, as a reminder's recipient or as who imported a data set; by id."""
    queries: list[Select[Any]] = [
        select(MemberRow.group_id).where(MemberRow.user_id == user_id),
        select(ReminderRow.group_id).where(ReminderRow.recipient == user_id),
        select(MeasurementSetRow.group_id).where(MeasurementSetRow.imported_by == user_id),
        select(MeasurementVersionRow.group_id).where(MeasurementVersionRow.imported_by == user_id),
    ]
    for column in PERSON_COLUMNS:
        row = column.class_
        queries.append(
            select(MeetingRow.group_id)
            .join(row, row.meeting_id == MeetingRow.id)
            .where(column == user_id)
        )
    found: set[int] = set()
    for query in queries:
        found.update(session.scalars(query))
    return sorted(found)


def person_pattern(user_id: str) -> re.Pattern[str]:
    """`user_id` as a whole token in text (a request as received)."""
    return re.compile(rf"(?<![\w-]){re.escape(user_id)}(?![\w-])")


def erase_person_elsewhere(session: Session, user_id: str, placeholder: str) -> int:
    """Rows outside the groups that name `user_id`: deleted, or (a channel's reference, a
    Slack installation, an offer's ratings they imported) without them; how many."""
    return (
        _conversations(session, user_id)
        + _inbox(session, user_id)
        + _installations(session, user_id, placeholder)
        + erase_overseer(session, user_id, placeholder)  # the offer level (issue 17)
    )


def _conversations(session: Session, user_id: str) -> int:
    """Their personal chat's reference goes; a channel's reference that was saved from a
    message of theirs keeps its address without them (`user` is not needed to post)."""
    table = TeamsConversationRow
    gone = session.execute(
        delete(table)
        .where(table.key == user_key(user_id))
        .execution_options(synchronize_session=False)
    )
    changed = int(getattr(gone, "rowcount", 0) or 0)
    naming = select(table.key, table.reference).where(
        table.reference.contains(user_id, autoescape=True)
    )
    for key, stored in list(session.execute(naming)):
        reference = json.loads(stored)
        if (reference.get("user") or {}).get("id") != user_id:
            continue
        reference.pop("user")
        session.execute(
            update(table)
            .where(table.key == key)
            .values(reference=json.dumps(reference))
            .execution_options(synchronize_session=False)
        )
        changed += 1
    return changed


def _inbox(session: Session, user_id: str) -> int:
    """Requests that name them (as received, or in a plan or outbox not yet done)."""
    where = or_(InboxRow.done_at.is_(None), InboxRow.payload.contains(user_id, autoescape=True))
    return delete_inbox_naming(session, person_pattern(user_id), where)


def delete_inbox_naming(
    session: Session, pattern: re.Pattern[str], where: ColumnElement[bool]
) -> int:
    """Delete the inbox rows of `where` whose request (as received), plan or outbox has a
    match of `pattern`; how many. A row a process is working on is gone for it too (its
    next step finds no row, and the request is dropped)."""
    raw = re.compile(pattern.pattern.encode("utf-8"), pattern.flags & re.IGNORECASE)
    found = select(InboxRow.id, InboxRow.payload, InboxRow.plan, InboxRow.outbox).where(where)
    doomed = [
        row_id
        for row_id, payload, plan, outbox in session.execute(found)
        if pattern.search(payload) or any(raw.search(b) for b in (plan, outbox) if b)
    ]
    if not doomed:
        return 0
    gone = session.execute(
        delete(InboxRow).where(InboxRow.id.in_(doomed)).execution_options(synchronize_session=False)
    )
    return int(getattr(gone, "rowcount", 0) or 0)


def _installations(session: Session, user_id: str, placeholder: str) -> int:
    """A Slack installation they made keeps the workspace's bot, not their id or token."""
    table = installations_table
    cleared: dict[str, Any] = dict.fromkeys(_INSTALLER_TOKEN)
    done = session.execute(
        update(table).where(table.c.user_id == user_id).values(user_id=placeholder, **cleared)
    )
    return int(getattr(done, "rowcount", 0) or 0)
