"""The learning loop's fields (issue 17) to and from their rows: a sign's expectation, and
the group's verdicts on the signs (`storage.mapping`, `storage.child_fields`)."""

from __future__ import annotations

from typing import Any

from flows.learning_model import Direction, Expectation, SignVerdict, Verdict
from flows.model import Meeting, Sign
from storage.learning_tables import VerdictRow
from storage.tables import SignRow


def expectation(row: SignRow) -> Expectation | None:
    """What a stored sign expects of the data (None: it names no parameter)."""
    if row.parameter is None or row.direction is None:
        return None
    return Expectation(row.parameter, Direction(row.direction), row.target, row.target_share)


def expectation_fields(sign: Sign) -> dict[str, Any]:
    e = sign.expectation
    return {
        "parameter": e.parameter if e else None,
        "direction": e.direction.value if e else None,
        "target": e.target if e else None,
        "target_share": e.share if e else None,
    }


def verdict(row: VerdictRow) -> SignVerdict:
    return SignVerdict(
        row.sign_meeting_id, row.sign_number, Verdict(row.verdict), row.note, row.author
    )


def verdict_fields(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {
            "sign_meeting_id": v.sign_meeting_id,
            "sign_number": v.sign_number,
            "verdict": v.verdict.value,
            "note": v.note,
            "author": v.author,
            "position": i,
        }
        for i, v in enumerate(meeting.verdicts)
    ]
