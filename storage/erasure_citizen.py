"""Erasing a citizen from a group's data (issue 15, GDPR art. 17): `erase_citizen`, in the
caller's transaction.

- Their measurements go from the current data set and from every kept version (a version
  is the rows of `measurements` with its number), and each version's description (rows,
  citizens, parameters, period) is counted again from what is left, as an import counts it.
- The group's kept chart images go (those of its meetings, and those kept without a
  meeting, which cannot be told apart): a chart is drawn again, from what is left, when
  it is next asked for. A Teams chart link sent earlier then finds no image.
- Their pseudonym, as a whole token, becomes a neutral marker in everything the group
  wrote (`flows.erasure.scrub_citizen`: each meeting is saved with its version bumped),
  in the group's pending reminders' texts and in the names of its imported files; inbox
  requests from the group's channel that name them are deleted.
- The offer level (issue 17): their core-element ratings in the group's offer go
  (`storage.erasure_offers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from flows.erasure import citizen_pattern, scrub_citizen, scrub_text, scrub_value
from storage.chart_images import ChartImageRow
from storage.erasure import INBOX_PLATFORMS
from storage.erasure_offers import erase_citizen_ratings, rated_pseudonym  # offer level
from storage.erasure_places import delete_inbox_naming
from storage.inbox import InboxRow
from storage.measurement_tables import MeasurementRow, MeasurementSetRow, MeasurementVersionRow
from storage.reminder_tables import ReminderRow
from storage.repositories import SqlMeetings
from storage.tables import GroupRow, MeetingRow


@dataclass
class CitizenErased:
    measurements: int = 0  # rows removed, in every kept version
    versions: int = 0  # kept versions that held them
    charts: int = 0  # chart images deleted
    texts: int = 0  # texts in which the pseudonym became the marker
    ratings: int = 0  # core-element ratings removed from the group's offer (issue 17)


def stored_pseudonym(session: Session, group_id: int, typed: str) -> str | None:
    """The pseudonym as the group's data has it: `typed` exactly, else the one pseudonym
    equal to it but for letter case; None when the data has none."""
    citizens = select(MeasurementRow.citizen).where(MeasurementRow.group_id == group_id)
    exact = citizens.where(MeasurementRow.citizen == typed).limit(1)
    if session.scalar(exact) is not None:
        return typed
    folded = citizens.where(func.lower(MeasurementRow.citizen) == typed.lower()).distinct()
    found = list(session.scalars(folded.limit(2)))
    if len(found) == 1:
        return found[0]
    return None if found else rated_pseudonym(session, group_id, typed)  # issue 17


def erase_citizen(session: Session, group_id: int, pseudonym: str, marker: str) -> CitizenErased:
    """Erase the citizen `pseudonym` (as stored) from the group (see the module); their
    pseudonym in texts becomes `marker`."""
    done = CitizenErased()
    theirs = (MeasurementRow.group_id == group_id) & (MeasurementRow.citizen == pseudonym)
    versions = sorted(set(session.scalars(select(MeasurementRow.version).where(theirs))))
    gone = session.execute(
        delete(MeasurementRow).where(theirs).execution_options(synchronize_session=False)
    )
    done.measurements = int(getattr(gone, "rowcount", 0) or 0)
    done.versions = len(versions)
    for number in versions:
        _count_again(session, group_id, number)
    done.charts = _charts(session, group_id)
    pattern = citizen_pattern(pseudonym)
    done.texts = _meetings(session, group_id, pattern, marker)
    done.texts += _reminders(session, group_id, pattern, marker)
    done.texts += _filenames(session, group_id, pattern, marker)
    _inbox(session, group_id, pattern)
    done.ratings = erase_citizen_ratings(session, group_id, pseudonym, pattern, marker)
    return done


def _count_again(session: Session, group_id: int, number: int) -> None:
    """Describe version `number` again from its rows (`flows.datasets.contents_of`)."""
    rows = (MeasurementRow.group_id == group_id) & (MeasurementRow.version == number)
    m = MeasurementRow
    counted = session.execute(
        select(
            func.count(),
            func.count(m.citizen.distinct()),
            func.min(m.year),
            func.max(m.year),
            func.min(m.point_day),
            func.max(m.point_day),
        ).where(rows)
    ).one()
    parameters = sorted(set(session.scalars(select(m.parameter).where(rows).distinct())))
    count, citizens, first_year, last_year, first_day, last_day = counted
    v = MeasurementVersionRow
    session.execute(
        update(v)
        .where(v.group_id == group_id, v.number == number)
        .values(
            row_count=count,
            citizens=citizens,
            parameters=parameters,
            first_year=first_year,
            last_year=last_year,
            first_day=first_day,
            last_day=last_day,
        )
        .execution_options(synchronize_session=False)
    )
    s = MeasurementSetRow
    session.execute(
        update(s)
        .where(s.group_id == group_id, s.version == number)
        .values(row_count=count)
        .execution_options(synchronize_session=False)
    )


def _charts(session: Session, group_id: int) -> int:
    meetings = select(MeetingRow.id).where(MeetingRow.group_id == group_id)
    kept = ChartImageRow.meeting_id.in_(meetings) | ChartImageRow.meeting_id.is_(None)
    gone = session.execute(
        delete(ChartImageRow).where(kept).execution_options(synchronize_session=False)
    )
    return int(getattr(gone, "rowcount", 0) or 0)


def _meetings(session: Session, group_id: int, pattern: re.Pattern[str], marker: str) -> int:
    meetings = SqlMeetings(session)
    ids = select(MeetingRow.id).where(MeetingRow.group_id == group_id).order_by(MeetingRow.number)
    changed = 0
    for meeting_id in list(session.scalars(ids)):
        meeting = meetings.get(meeting_id)
        assert meeting is not None
        texts = scrub_citizen(meeting, pattern, marker)
        if texts:
            meetings.save(meeting)  # ConcurrentChange if someone saved it meanwhile
        changed += texts
    return changed


def _reminders(session: Session, group_id: int, pattern: re.Pattern[str], marker: str) -> int:
    found = select(ReminderRow.id, ReminderRow.payload).where(ReminderRow.group_id == group_id)
    changed = 0
    for row_id, payload in list(session.execute(found)):
        scrubbed = scrub_value(payload, pattern, marker)
        if scrubbed != payload:
            session.execute(
                update(ReminderRow)
                .where(ReminderRow.id == row_id)
                .values(payload=scrubbed)
                .execution_options(synchronize_session=False)
            )
            changed += 1
    return changed


def _filenames(session: Session, group_id: int, pattern: re.Pattern[str], marker: str) -> int:
    changed = 0
    for table in (MeasurementSetRow, MeasurementVersionRow):
        found = select(table.filename).where(table.group_id == group_id).distinct()
        for name in list(session.scalars(found)):
            scrubbed = scrub_text(name, pattern, marker)[:255]
            if scrubbed != name:
                done = session.execute(
                    update(table)
                    .where(table.group_id == group_id, table.filename == name)
                    .values(filename=scrubbed)
                    .execution_options(synchronize_session=False)
                )
                changed += int(getattr(done, "rowcount", 0) or 0)
    return changed


def _inbox(session: Session, group_id: int, pattern: re.Pattern[str]) -> int:
    """Requests from the group's channel that name the citizen."""
    channel, workspace = session.execute(
        select(GroupRow.channel, GroupRow.workspace).where(GroupRow.id == group_id)
    ).one()
    platform = workspace.split(":", 1)[0]
    if platform not in INBOX_PLATFORMS or len(channel) < 5:
        return 0
    ours = (InboxRow.platform == platform) & InboxRow.payload.contains(channel, autoescape=True)
    return delete_inbox_naming(session, pattern, ours)
