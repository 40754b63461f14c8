"""The export (issue 15, GDPR art. 15 and 20): a group's data, or what one member wrote,
in plain formats a person or another system can read.

Asking for an export is a command (`ExportGroup`, `ExportMember`): its rule lets only the
group's leaders (and the operator on the command line) ask, an archived group is exported
too, and its audit row (`flows.audited`) is committed before anything is read. The zip
itself is put together by the process (`bot.export`), from what is stored: the meetings
as records made here (`meeting_record`, `member_record`), the agreement papers, the
measurements and the group's audit extract.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from flows.model import Group, Meeting
from flows.outputs import Output

if TYPE_CHECKING:
    from flows.machine import GroupContext

#: The version of the records' layout, written into each (a reader can tell them apart).
FORMAT = 1


@dataclass(frozen=True)
class ExportGroup:
    """Export the group's data: agreement papers, meetings, measurements, audit extract."""

    actor: str
    group_id: int


@dataclass(frozen=True)
class ExportMember:
    """Export what one member (`user_id`) wrote in the group, and what was agreed for them."""

    actor: str
    group_id: int
    user_id: str


def ask_export(ctx: GroupContext, cmd: ExportGroup | ExportMember) -> list[Output]:
    """Allowed: the process puts the zip together and says where it went."""
    return []


def as_json(value: Any) -> Any:
    """A record's value as JSON holds it: enums by value, times in ISO 8601."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    return value


def people(group: Group) -> dict[str, dict[str, str]]:
    """Every member, former ones too, by user id: name and role."""
    return {m.user_id: {"name": m.name, "role": m.role.value} for m in group.members + group.former}


def meeting_record(group: Group, meeting: Meeting) -> dict[str, Any]:
    """Everything stored about a meeting, every contribution included (points,
    observations, themes, votes, explanations, the agreement paper's goals, signs and
    actions, reviews, take-aways, amendments), authors by user id (`people` names them)."""
    record = as_json(dataclasses.asdict(meeting))
    return {"format": FORMAT, "group": group.name, **record, "people": people(group)}


#: A member's part of a meeting: list of the meeting -> the field naming its author.
AUTHORED = {
    "points": "author",
    "observations": "author",
    "themes": "proposed_by",
    "votes": "voter",
    "explanations": "author",
    "reviews": "author",
    "takeaways": "author",
    "amendments": "by",
    "verdicts": "author",  # the learning loop (issue 17)
    "element_notes": "author",  # the core-elements review (issue 17)
}


def member_record(group: Group, meetings: list[Meeting], user_id: str) -> dict[str, Any]:
    """What `user_id` wrote in the group's meetings (their contributions, by meeting), and
    the actions agreed that name them as owner or follow-up person. The paper's goals carry
    no author, so they are not in it."""
    found = []
    for meeting in meetings:
        whole = meeting_record(group, meeting)
        theirs = {
            name: [item for item in whole[name] if item[field] == user_id]
            for name, field in AUTHORED.items()
        }
        actions = whole["agreement"]["actions"]
        theirs["signs"] = [s for s in whole["agreement"]["signs"] if s["author"] == user_id]
        theirs["actions_written"] = [a for a in actions if a["author"] == user_id]
        theirs["actions_for_them"] = [a for a in actions if user_id in (a["owner"], a["follow_up"])]
        if any(theirs.values()):
            found.append({"meeting": meeting.number, "id": meeting.id,
                          "scheduled_at": whole["scheduled_at"], **theirs})  # fmt: skip
    member = people(group).get(user_id, {"name": user_id, "role": ""})
    return {"format": FORMAT, "group": group.name, "user_id": user_id, **member,
            "meetings": found}  # fmt: skip
