"""The child rows of a meeting as plain fields, and how a saved list of them is brought in
line with the meeting (`SqlMeetings.save`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flows.model import Meeting
from storage.learning_rows import expectation_fields, verdict_fields  # issue 17
from storage.learning_tables import VerdictRow
from storage.offer_tables import ElementNoteRow  # the offer level (issue 17)
from storage.tables import (
    ActionRow,
    AmendmentRow,
    ExplanationRow,
    ObservationRow,
    PointRow,
    ReviewRow,
    SignRow,
    TakeawayRow,
    ThemeRow,
    VoteRow,
)

RowT = TypeVar("RowT")


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
            {
                "number": e.number,
                "theme_number": e.theme_number,
                "author": e.author,
                "text": e.text,
                "sign_number": e.sign,  # the learning loop (issue 17)
                "element": e.element,  # the offer level (issue 17)
            }
            for e in m.explanations
        ],
    ),
    "signs": (
        SignRow,
        ("position",),
        lambda m: [
            {"position": i, "text": s.text, "author": s.author, **expectation_fields(s)}
            for i, s in enumerate(m.agreement.signs)
        ],
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
                "author": a.author,
                "closed_on": a.closed_on,
                "element": a.element,  # the offer level (issue 17)
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
    "amendments": (
        AmendmentRow,
        ("position",),
        lambda m: [
            {
                "position": i,
                "at": a.at,
                "by": a.by,
                "item": a.item,
                "number": a.number,
                "removed": a.removed,
            }
            for i, a in enumerate(m.amendments)
        ],
    ),
    "verdicts": (VerdictRow, ("sign_meeting_id", "sign_number"), verdict_fields),  # issue 17
    "element_notes": (  # the offer level (issue 17): the core-elements review's notes
        ElementNoteRow,
        ("position",),
        lambda m: [
            {"position": i, "element": n.element, "text": n.text, "author": n.author}
            for i, n in enumerate(m.element_notes)
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
