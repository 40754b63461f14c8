"""Erasing a member (issue 15, GDPR art. 17): `erase_member`, in the caller's transaction.

In each group the person is erased from, they get a placeholder: a new former member
`erased-<random>` named with the language's word for "a participant", so the agreement
papers still read ("owner: a participant"). Their member row goes; what they wrote goes
or names the placeholder (`flows.erasure.forget_member`; each meeting is saved with its
version bumped, so a process that changed it meanwhile tries again on what is left); the
data sets they imported name the placeholder as importer; their reminder rows go; and
the audit log's rows of the group name the placeholder where they named them (as actor
or as `user:<id>` in a reference). Placeholders differ from group to group, so what is
left of one person cannot be put together across groups.

Erased everywhere (not only from some groups), the rest goes too: their Teams personal
chat reference (and their name on a channel's reference), the inbox rows of requests
that name them, the user token and id of a Slack installation they made (the workspace's
bot stays installed), and their id in the audit rows of other groups and of none (one
more placeholder).

A group's leader is not erased (`LeadsGroup`): the group needs its leader; hand the
role over first, or erase the whole group.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, or_, select, update
from sqlalchemy.orm import Session

from flows.audit import MAX_REF
from flows.erasure import Forgotten, forget_member
from flows.model import Member, Role
from storage.audit import AuditRow
from storage.erasure_places import erase_person_elsewhere, groups_naming
from storage.measurement_tables import MeasurementSetRow, MeasurementVersionRow
from storage.reminder_tables import ReminderRow
from storage.repositories import SqlGroups, SqlMeetings
from storage.tables import MeetingRow, MemberRow, ReviewRow

PLACEHOLDER_PREFIX = "erased-"


class LeadsGroup(Exception):
    """The person leads `group_id`: a group cannot lose its leader."""

    def __init__(self, group_id: int) -> None:
        super().__init__(group_id)
        self.group_id = group_id


@dataclass
class MemberErased:
    """What the erasure did in one group."""

    group_id: int
    placeholder: str
    removed: int = 0  # contributions removed
    anonymised: int = 0  # items on the papers (and imports) that now name the placeholder
    reminders: int = 0  # reminder rows deleted
    audit_rows: int = 0  # audit rows that now name the placeholder


@dataclass
class MemberErasure:
    groups: list[MemberErased] = field(default_factory=list)
    elsewhere: int = 0  # rows outside the groups (references, inbox, installations, audit)

    @property
    def removed(self) -> int:
        return sum(g.removed for g in self.groups)

    @property
    def anonymised(self) -> int:
        return sum(g.anonymised for g in self.groups)

    @property
    def reminders(self) -> int:
        return sum(g.reminders for g in self.groups)


def erase_member(
    session: Session, user_id: str, group_ids: list[int] | None, word: str
) -> MemberErasure:
    """Erase `user_id` from `group_ids` (None: everywhere: every group that names them,
    and the rest, see the module); `word` names the placeholder former members."""
    everywhere = group_ids is None
    chosen = groups_naming(session, user_id) if group_ids is None else group_ids
    done = MemberErasure()
    for group_id in chosen:
        done.groups.append(_in_group(session, user_id, group_id, word))
    if everywhere:
        others = AuditRow.group_id.is_(None) | AuditRow.group_id.not_in(chosen or [-1])
        rest = new_placeholder(session)
        done.elsewhere = _audit(session, user_id, rest, others)
        done.elsewhere += erase_person_elsewhere(session, user_id, rest)
    return done


def _in_group(session: Session, user_id: str, group_id: int, word: str) -> MemberErased:
    groups, meetings = SqlGroups(session), SqlMeetings(session)
    group = groups.get(group_id)
    if group is None:
        raise LookupError(group_id)
    found = group.member(user_id)
    if found is not None and found.role is Role.LEADER:
        raise LeadsGroup(group_id)
    placeholder = new_placeholder(session)
    group.members = [m for m in group.members if m.user_id != user_id]
    group.former = [m for m in group.former if m.user_id != user_id]
    group.former.append(Member(placeholder, word, Role.FORMER))
    groups.save(group)
    done = MemberErased(group_id, placeholder)
    total = Forgotten()
    ids = select(MeetingRow.id).where(MeetingRow.group_id == group_id).order_by(MeetingRow.number)
    notes = _review_notes(session, user_id, ids)
    for meeting_id in list(session.scalars(ids)):
        meeting = meetings.get(meeting_id)
        assert meeting is not None
        changed = forget_member(meeting, user_id, placeholder, notes)
        if changed.removed or changed.anonymised:
            meetings.save(meeting)  # ConcurrentChange if someone saved it meanwhile
        total += changed
    done.removed, done.anonymised = total.removed, total.anonymised
    done.anonymised += _imports(session, user_id, group_id, placeholder)
    gone = delete(ReminderRow).where(ReminderRow.group_id == group_id)
    done.reminders = _count(session.execute(gone.where(ReminderRow.recipient == user_id)))
    done.audit_rows = _audit(session, user_id, placeholder, AuditRow.group_id == group_id)
    return done


def _review_notes(
    session: Session, user_id: str, meetings: Select[Any]
) -> dict[tuple[int, int], str]:
    """The notes of their reviews in these meetings, by the reviewed action."""
    r = ReviewRow
    theirs = select(r.action_meeting_id, r.action_number, r.note).where(
        r.meeting_id.in_(meetings), r.author == user_id, r.note != ""
    )
    return {(mid, number): note for mid, number, note in session.execute(theirs)}


def _imports(session: Session, user_id: str, group_id: int, placeholder: str) -> int:
    """The group's data set and its kept versions that they imported name the placeholder."""
    changed = 0
    for table in (MeasurementSetRow, MeasurementVersionRow):
        mine = (table.group_id == group_id) & (table.imported_by == user_id)
        done = session.execute(
            update(table)
            .where(mine)
            .values(imported_by=placeholder)
            .execution_options(synchronize_session=False)
        )
        changed += _count(done)
    return changed


def _audit(session: Session, user_id: str, placeholder: str, where: ColumnElement[bool]) -> int:
    """The audit rows (of `where`) that name `user_id` name `placeholder` instead; how many.
    This is the one change ever made to an audit row: the erasure of who acted."""
    named = or_(
        AuditRow.actor == user_id,
        AuditRow.reference.contains(f"user:{user_id[:8]}", autoescape=True),
    )
    found = select(AuditRow.id, AuditRow.actor, AuditRow.reference).where(where, named)
    rows = session.execute(found)
    changed = 0
    for row_id, actor, reference in list(rows):
        new_actor = placeholder if actor == user_id else actor
        new_reference = rename_in_reference(reference, user_id, placeholder)
        if (new_actor, new_reference) == (actor, reference):
            continue
        session.execute(
            update(AuditRow)
            .where(AuditRow.id == row_id)
            .values(actor=new_actor, reference=new_reference)
            .execution_options(synchronize_session=False)
        )
        changed += 1
    return changed


_USER_PART = re.compile(r"(?<!\S)user:(\S+)")


def rename_in_reference(reference: str, user_id: str, placeholder: str) -> str:
    """`reference` with `user:<user_id>` as `user:<placeholder>`; also a user id cut short
    at the end of a reference that reached its length limit (`flows.audit.ref`)."""

    def renamed(found: re.Match[str]) -> str:
        named = found.group(1)
        cut = len(reference) >= MAX_REF and found.end() == len(reference)
        if named == user_id or (cut and user_id.startswith(named)):
            return f"user:{placeholder}"
        return found.group(0)

    return _USER_PART.sub(renamed, reference)


def new_placeholder(session: Session) -> str:
    """A user id no member and no audit row has: `erased-` and eight random hex digits."""
    while True:
        candidate = f"{PLACEHOLDER_PREFIX}{secrets.token_hex(4)}"
        taken = select(MemberRow.user_id).where(MemberRow.user_id == candidate).limit(1)
        acted = select(AuditRow.id).where(AuditRow.actor == candidate).limit(1)
        if session.scalar(taken) is None and session.scalar(acted) is None:
            return candidate


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
