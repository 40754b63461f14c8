"""English texts of the management and quality team's follow-up (issue 17): the monthly
digest, escalations of overdue actions and the escalation setting."""

from __future__ import annotations

from typing import Any

from flows.text.base import Entry

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _month(value: str) -> str:
    year, number = value.split("-")
    return f"{_MONTHS[int(number) - 1]} {year}"


def _scope(p: dict[str, Any]) -> str:
    return f"the offer {p['offer']}" if p["offer"] else "the organisation"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


CATALOGUE: dict[str, Entry] = {
    "oversight.digest.heading": lambda p: (
        f"Monthly follow-up for {_month(p['month'])}, {_scope(p)}: "
        + _plural(p["groups"], "group", "groups")
    ),
    "oversight.digest.group": "{group}",
    "oversight.digest.csv": lambda p: (
        f"The same numbers as CSV: datadialog oversight csv --month {p['month']}"
        + (f' --offer "{p["offer"]}"' if p["offer"] else "")
    ),
    "oversight.line.meetings": lambda p: f"Meetings held: {p['count']}",
    "oversight.line.actions": (
        "Actions: {on_time} done on time, {late} done late, {dropped} dropped, {overdue} overdue"
    ),
    "oversight.line.escalated": "Overdue actions escalated: {count}",
    "oversight.line.learnings": "Learning log entries: {count}",
    "oversight.escalation": (
        "Escalated from {group}: “{what}” ({owner}) was due {due} and is still open after"
        " {days} days."
    ),
    "oversight.escalation_on": (
        "In {group}, actions still open {days} days after their due date are now escalated"
        " to management."
    ),
    "oversight.escalation_off": "In {group}, overdue actions are no longer escalated.",
    "oversight.error.escalate_days": "Escalate after 1 to {limit} days, or never.",
    "oversight.error.month": "A month is written YYYY-MM, e.g. 2026-11.",
    "oversight.error.no_offer": "There is no offer called “{name}”.",
}
