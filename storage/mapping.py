"""Rows <-> `flows.model` dataclasses, explicitly, in both directions.

Child rows are synchronised by natural key (`sync_children`), so a save
inserts, updates and deletes exactly the rows that changed.
"""

from __future__ import annotations

from typing import Any

from flows.model import (
    Action,
    ActionReview,
    ActionStatus,
    AgreementPaper,
    Amendment,
    Explanation,
    Group,
    Level,
    Meeting,
    Member,
    Observation,
    ObservationSource,
    PointKind,
    PreparationPoint,
    Role,
    Sign,
    Takeaway,
    Theme,
    Vote,
)
from flows.offer_model import ElementNote  # the offer level (issue 17)
from flows.steps import Step
from storage import learning_rows  # the learning loop (issue 17)
from storage.group_schedules import schedule_fields
from storage.tables import (
    GroupRow,
    MeetingRow,
    MemberRow,
)

TIMEBOX_COLUMNS = {
    Step.SINCE_LAST: "timebox_since_last",
    Step.EXPLORE: "timebox_explore",
    Step.INTERPRET: "timebox_interpret",
    Step.PREPARE_ACTION: "timebox_prepare_action",
}


# Groups ----------------------------------------------------------------------


def group_from_row(row: GroupRow) -> Group:
    return Group(
        id=row.id,
        name=row.name,
        level=Level(row.level),
        members=[Member(m.user_id, m.name, Role(m.role)) for m in row.members if not _former(m)],
        former=[Member(m.user_id, m.name, Role.FORMER) for m in row.members if _former(m)],
        archived_at=row.archived_at,
        cadence_days=row.cadence_days,
        channel=row.channel,
        timezone=row.timezone,
        timeboxes={step: getattr(row, column) for step, column in TIMEBOX_COLUMNS.items()},
        vote_budget=row.vote_budget,
        **schedule_fields(row.schedule),
        workspace=row.workspace,
        offer_id=row.offer_id,  # the offer level (issue 17)
        escalate_after_days=row.escalate_after_days,
    )


def group_columns(group: Group) -> dict[str, Any]:
    return {
        "name": group.name,
        "workspace": group.workspace,
        "level": group.level.value,
        "cadence_days": group.cadence_days,
        "channel": group.channel,
        "timezone": group.timezone,
        "vote_budget": group.vote_budget,
        **{column: group.timeboxes[step] for step, column in TIMEBOX_COLUMNS.items()},
        "archived_at": group.archived_at,
        "offer_id": group.offer_id,  # the offer level (issue 17)
        "escalate_after_days": group.escalate_after_days,
    }


def member_fields(group: Group) -> list[dict[str, Any]]:
    """The member rows: the members in order, then the former members (group changes,
    issue 14: role `former`, kept so what they wrote still shows their name)."""
    return [
        {"user_id": m.user_id, "name": m.name, "role": m.role.value, "position": i}
        for i, m in enumerate([*group.members, *group.former])
    ]


def _former(row: MemberRow) -> bool:
    return row.role == Role.FORMER.value


# Meetings --------------------------------------------------------------------


def meeting_from_row(row: MeetingRow) -> Meeting:
    return Meeting(
        id=row.id,
        group_id=row.group_id,
        number=row.number,
        scheduled_at=row.scheduled_at,
        step=Step(row.step),
        version=row.version,
        step_started_at=row.step_started_at,
        step_deadline=row.step_deadline,
        timeup_notified=row.timeup_notified,
        focus_theme=row.focus_theme,
        cancelled_at=row.cancelled_at,
        cancelled_from=Step(row.cancelled_from) if row.cancelled_from else None,
        points=[
            PreparationPoint(p.author, PointKind(p.kind), p.text, p.updated_at) for p in row.points
        ],
        observations=[
            Observation(o.number, o.author, o.text, ObservationSource(o.source))
            for o in row.observations
        ],
        themes=[Theme(t.number, t.title, t.proposed_by) for t in row.themes],
        votes=[Vote(v.voter, v.theme_number) for v in row.votes],
        explanations=[
            Explanation(e.number, e.theme_number, e.author, e.text, e.sign_number, e.element)
            for e in row.explanations
        ],
        agreement=AgreementPaper(
            short_term_goal=row.short_term_goal,
            long_term_goal=row.long_term_goal,
            signs=[Sign(s.text, s.author, learning_rows.expectation(s)) for s in row.signs],
            actions=[
                Action(
                    a.number,
                    a.what,
                    a.owner,
                    a.follow_up,
                    a.due,
                    ActionStatus(a.status),
                    a.status_note,
                    a.author,
                    a.closed_on,
                    a.element,  # the offer level (issue 17)
                )
                for a in row.actions
            ],
        ),
        reviews=[
            ActionReview(
                r.action_meeting_id, r.action_number, ActionStatus(r.status), r.note, r.author
            )
            for r in row.reviews
        ],
        takeaways=[Takeaway(t.author, t.text) for t in row.takeaways],
        amendments=[Amendment(a.at, a.by, a.item, a.number, a.removed) for a in row.amendments],
        verdicts=[learning_rows.verdict(v) for v in row.verdicts],  # issue 17
        element_notes=[ElementNote(n.element, n.text, n.author) for n in row.element_notes],
    )


def meeting_columns(meeting: Meeting) -> dict[str, Any]:
    """The meeting row's own columns (not id, version or children)."""
    return {
        "group_id": meeting.group_id,
        "number": meeting.number,
        "step": meeting.step.value,
        "scheduled_at": meeting.scheduled_at,
        "step_started_at": meeting.step_started_at,
        "step_deadline": meeting.step_deadline,
        "timeup_notified": meeting.timeup_notified,
        "focus_theme": meeting.focus_theme,
        "short_term_goal": meeting.agreement.short_term_goal,
        "long_term_goal": meeting.agreement.long_term_goal,
        "cancelled_at": meeting.cancelled_at,
        "cancelled_from": meeting.cancelled_from.value if meeting.cancelled_from else None,
    }
