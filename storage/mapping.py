"""Rows <-> `flows.model` dataclasses, explicitly, in both directions.

Child rows are synchronised by natural key (`sync_children`), so a save
inserts, updates and deletes exactly the rows that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flows.model import (
    Action,
    ActionReview,
    ActionStatus,
    AgreementPaper,
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
    Takeaway,
    Theme,
    Vote,
)
from flows.steps import Step
from storage.group_schedules import schedule_fields
from storage.tables import (
    ActionRow,
    ExplanationRow,
    GroupRow,
    MeetingRow,
    ObservationRow,
    PointRow,
    ReviewRow,
    SignRow,
    TakeawayRow,
    ThemeRow,
    VoteRow,
)

RowT = TypeVar("RowT")

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
        members=[Member(m.user_id, m.name, Role(m.role)) for m in row.members],
        cadence_days=row.cadence_days,
        channel=row.channel,
        timezone=row.timezone,
        timeboxes={step: getattr(row, column) for step, column in TIMEBOX_COLUMNS.items()},
        vote_budget=row.vote_budget,
        **schedule_fields(row.schedule),
        workspace=row.workspace,
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
    }


def member_fields(group: Group) -> list[dict[str, Any]]:
    return [
        {"user_id": m.user_id, "name": m.name, "role": m.role.value, "position": i}
        for i, m in enumerate(group.members)
    ]


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
            Explanation(e.number, e.theme_number, e.author, e.text) for e in row.explanations
        ],
        agreement=AgreementPaper(
            short_term_goal=row.short_term_goal,
            long_term_goal=row.long_term_goal,
            signs=[s.text for s in row.signs],
            actions=[
                Action(
                    a.number,
                    a.what,
                    a.owner,
                    a.follow_up,
                    a.due,
                    ActionStatus(a.status),
                    a.status_note,
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
    }


#: For each child collection: its row class, natural key, and the rows' fields from a meeting.
CHILDREN: dict[str, tuple[type, tuple[str, ...], Callable[[Meeting], list[dict[str, Any]]]]] = {
    "points": (
        PointRow,
        ("author", "kind"),
        lambda m: [
            {
                "author": p.author,
                "kind": p.kind.value,
                "text": p.text,
                "updated_at": p.updated_at,
                "position": i,
            }
            for i, p in enumerate(m.points)
        ],
    ),
    "observations": (
        ObservationRow,
        ("number",),
        lambda m: [
            {"number": o.number, "author": o.author, "text": o.text, "source": o.source.value}
            for o in m.observations
        ],
    ),
    "themes": (
        ThemeRow,
        ("number",),
        lambda m: [
            {"number": t.number, "title": t.title, "proposed_by": t.proposed_by} for t in m.themes
        ],
    ),
    "votes": (
        VoteRow,
        ("voter", "theme_number"),
        lambda m: [
            {"voter": v.voter, "theme_number": v.theme_number, "position": i}
            for i, v in enumerate(m.votes)
        ],
    ),
    "explanations": (
        ExplanationRow,
        ("number",),
        lambda m: [
            {"number": e.number, "theme_number": e.theme_number, "author": e.author, "text": e.text}
            for e in m.explanations
        ],
    ),
    "signs": (
        SignRow,
        ("position",),
        lambda m: [{"position": i, "text": s} for i, s in enumerate(m.agreement.signs)],
    ),
    "actions": (
        ActionRow,
        ("number",),
        lambda m: [
            {
                "number": a.number,
                "what": a.what,
                "owner": a.owner,
                "follow_up": a.follow_up,
                "due": a.due,
                "status": a.status.value,
                "status_note": a.status_note,
            }
            for a in m.agreement.actions
        ],
    ),
    "reviews": (
        ReviewRow,
        ("action_meeting_id", "action_number"),
        lambda m: [
            {
                "action_meeting_id": r.action_meeting_id,
                "action_number": r.action_number,
                "status": r.status.value,
                "note": r.note,
                "author": r.author,
                "position": i,
            }
            for i, r in enumerate(m.reviews)
        ],
    ),
    "takeaways": (
        TakeawayRow,
        ("author",),
        lambda m: [
            {"author": t.author, "text": t.text, "position": i} for i, t in enumerate(m.takeaways)
        ],
    ),
}


def sync_children(
    existing: Iterable[RowT], wanted: list[dict[str, Any]], row_type: type, key: tuple[str, ...]
) -> list[RowT]:
    """The new list of child rows: existing rows updated in place where the key matches,
    new rows for new keys; rows whose key is gone drop out (and are deleted as orphans)."""
    by_key = {tuple(getattr(row, k) for k in key): row for row in existing}
    rows: list[RowT] = []
    for fields in wanted:
        row = by_key.get(tuple(fields[k] for k in key))
        if row is None:
            row = row_type(**fields)
        else:
            for name, value in fields.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        rows.append(row)
    return rows
