"""Erasing a group whole (issue 15, GDPR art. 17): `erase_group`, also what the grace-period
deletion of an uninstalled workspace's or team's groups calls.

Everything that refers to the group goes, found by the foreign keys on `Base.metadata`
rather than by a list kept by hand: every table with a foreign key to `groups`, to
`meetings` or to a table below them (action reviews refer to actions) loses the rows
that hang under the group, children before parents, so a table added later with such a
key is erased with the group without a change here. The foreign keys cascade in the
database too; deleting explicitly also counts the rows and does not depend on SQLite's
`foreign_keys` pragma.

What no foreign key ties to the group goes as well: the chart images kept without a
meeting (drawn before images remembered their meeting; they may show the group's
citizens, and a chart is drawn again when next asked), the inbox rows of requests from
the group's channel (Slack or Teams, matched in the request as received), and the Teams
conversation references of its channel and of its members who are in no other group.

The audit log stays: its rows name the group by id only and outlive it until their own
period ends. The caller writes the erasure's own audit row in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnElement, Table, delete, exists, select, tuple_
from sqlalchemy.orm import Session

import storage.schema  # noqa: F401  (every table on Base.metadata, for the foreign keys)
from storage.chart_images import ChartImageRow
from storage.inbox import InboxRow
from storage.tables import Base, GroupRow, MemberRow
from storage.teams_tables import TeamsConversationRow, channel_key, user_key

#: The chat platforms whose requests pass through the inbox (a group's workspace kind).
INBOX_PLATFORMS = ("slack", "teams")


def erase_group(session: Session, group_id: int) -> int:
    """Delete the group and everything stored about it, in the caller's transaction (see
    the module); how many rows went. A group that is not there: 0."""
    found = session.execute(
        select(GroupRow.channel, GroupRow.workspace).where(GroupRow.id == group_id)
    ).one_or_none()
    if found is None:
        return 0
    channel, workspace = found
    people = list(session.scalars(select(MemberRow.user_id).where(MemberRow.group_id == group_id)))
    removed = _delete(session, ChartImageRow.__table__, ChartImageRow.meeting_id.is_(None))
    removed += _conversations(session, group_id, channel, people)
    removed += _inbox(session, workspace.split(":", 1)[0], channel)
    removed += remove_under(session, GroupRow.__table__, GroupRow.id == group_id)
    return removed


def remove_under(session: Session, table: Table, where: ColumnElement[bool]) -> int:
    """Delete the rows of `table` that match `where` and, first, every row that refers to
    them by a foreign key (and so on down); how many rows went."""
    removed = 0
    for child, columns, referred in _referring(table):
        below = tuple_(*columns).in_(select(*referred).where(where))
        removed += remove_under(session, child, below)
    return removed + _delete(session, table, where)


def _referring(table: Table) -> list[tuple[Table, list[Column[Any]], list[Column[Any]]]]:
    """The foreign keys that point at `table`: the referring table, its columns, and the
    columns of `table` they refer to (in the same order)."""
    found: list[tuple[Table, list[Column[Any]], list[Column[Any]]]] = []
    for child in Base.metadata.sorted_tables:
        for key in child.foreign_key_constraints:
            if key.referred_table is table and child is not table:
                referred = [element.column for element in key.elements]
                found.append((child, list(key.columns), referred))
    return found


def _delete(session: Session, table: Table, where: ColumnElement[bool]) -> int:
    done = session.execute(delete(table).where(where).execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)


def _conversations(session: Session, group_id: int, channel: str, people: list[str]) -> int:
    """The Teams references of the group's channel (unless another group meets there too)
    and of its members who are in no other group."""
    keys = [user_key(person) for person in people if not _elsewhere(session, group_id, person)]
    shared = select(GroupRow.id).where(GroupRow.channel == channel, GroupRow.id != group_id)
    if channel and session.scalar(select(exists(shared))) is not True:
        keys.append(channel_key(channel))
    if not keys:
        return 0
    return _delete(session, TeamsConversationRow.__table__, TeamsConversationRow.key.in_(keys))


def _elsewhere(session: Session, group_id: int, user_id: str) -> bool:
    other = select(MemberRow.group_id).where(
        MemberRow.user_id == user_id, MemberRow.group_id != group_id
    )
    return session.scalar(select(exists(other))) is True


def _inbox(session: Session, platform: str, channel: str) -> int:
    """The inbox rows of requests from the group's channel, as received (a done row keeps
    no request). Console groups use no inbox; a channel name shorter than a platform's
    ids is not looked for (it could be part of anything)."""
    if platform not in INBOX_PLATFORMS or len(channel) < 5:
        return 0
    return _delete(
        session,
        InboxRow.__table__,
        (InboxRow.platform == platform) & InboxRow.payload.contains(channel, autoescape=True),
    )
