"""English texts of the learning loop (issue 17): expectations checked against the data,
the group's verdicts, the learning log and the follow-up metrics (and their chart)."""

from __future__ import annotations

import math
from typing import Any

from flows.text.base import Entry


def _num(value: Any) -> str:
    return f"{value:.1f}".replace("-", "\u2212")


def _pct(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5)}%"


def _of(done: int, total: int) -> str:
    return f"{done} of {total}" + (f" ({_pct(done / total)})" if total else "")


def _expectation(p: dict[str, Any]) -> str:
    said = f"{p['parameter']} should {p['direction']}"
    if p["target"] is not None:
        said += f", to {_num(p['target'])}"
    if p["share"] is not None:
        said += f", for at least {_pct(p['share'])} of the citizens measured again"
    return said


_MOVED = {"rose": "rose", "fell": "fell", "flat": "stayed level"}
_NO_NUMBERS = {
    "too_few": "too few citizens were measured again to say",
    "no_new_data": "no new measurements since the agreement: too early to say",
    "no_baseline": "there was no data when it was agreed, so nothing to compare with",
}


def _finding(p: dict[str, Any]) -> str:
    head = f"{p['number']}. “{p['text']}” ({p['expected']}): "
    trend = p["trend"]
    if trend == "missing":
        return head + f"the data no longer holds {p['parameter']}."
    if trend not in _MOVED:
        return head + _NO_NUMBERS[trend] + "."
    said = f"{_MOVED[trend]} from {_num(p['before'])} to {_num(p['after'])} "
    said += f"({p['n']} citizens measured again)"
    if p["share"] is not None:
        said += f"; {_pct(p['share'])} of them moved as expected"
    verdict = {True: " As expected.", False: " Not as expected."}.get(p["verdict"], "")
    return head + said + "." + verdict


def _note(p: dict[str, Any]) -> str:
    return f" – {p['note']}" if p["note"] else ""


CATALOGUE: dict[str, Entry] = {
    "Direction.rise": "rise",
    "Direction.fall": "fall",
    "Direction.stay": "stay level",
    "Verdict.as_expected": "as expected",
    "Verdict.not_as_expected": "not as expected",
    "Verdict.too_early": "too early to say",
    "learning.expectation": _expectation,
    "learning.sign": "Sign of progress: {text} ({expected})",
    "learning.findings_heading": "What the data says about the signs of progress",
    "learning.finding": _finding,
    "learning.verdict_hint": (
        "For each sign of progress: did the data move as you expected? Record the group's "
        "verdict (as expected, not as expected or too early to say) with a short note on "
        "what you learned."
    ),
    "learning.verdict_ask": "Sign {number}: {text}",
    "learning.choice.as_expected": "As expected",
    "learning.choice.not_as_expected": "Not as expected",
    "learning.choice.too_early": "Too early to say",
    "learning.verdict_recorded": lambda p: (
        f"{p['name']} on sign {p['number']} (“{p['text']}”): {p['verdict']}" + _note(p)
    ),
    "learning.linked": "Explanation {number} (“{text}”) now explains sign {sign}: {sign_text}",
    "learning.unlinked": "Explanation {number} (“{text}”) is no longer linked to a sign.",
    "learning.error.no_sign": (
        "There is no sign of progress number {number} on the last agreement paper "
        "(there are {count})."
    ),
    "learning.error.no_parameter": "Name the parameter in the group's data the sign is about.",
    "learning.error.no_direction": "Say whether the parameter should rise, fall or stay level.",
    "learning.error.target": "The target must be a number.",
    "learning.error.share": "The share must be above 0% and at most 100%.",
    # The learning log
    "learning.log_heading": "What {group} has learned, meeting by meeting",
    "learning.log_empty": (
        "Nothing yet: the log fills as the group agrees on signs of progress and checks them "
        "at the next meeting."
    ),
    "learning.log.verdict": lambda p: (
        f"Meeting {p['number']} ({p['at']}): sign {p['sign']} “{p['text']}”: {p['verdict']}"
        + _note(p)
        + f" ({p['name']})"
    ),
    "learning.log.explained": (
        "Meeting {number} ({at}): explains sign {sign} “{text}”: {explanation} ({name})"
    ),
    "learning.log.focus": "Meeting {number} ({at}): focus area: {title}",
    "learning.log.expects": "Meeting {number} ({at}): {line}",
    "learning.paper_heading": "What we have learned so far",
    # Follow-up metrics
    "follow_up.heading": lambda p: (
        f"Follow-up in {p['group']}, the last {p['count']} "
        + ("meeting" if p["count"] == 1 else "meetings")
    ),
    "follow_up.prepared": lambda p: f"Prepared: {_of(p['done'], p['total'])}",
    "follow_up.followed_up": lambda p: (
        f"Agreements given a status at since last: {_of(p['done'], p['total'])}"
    ),
    "follow_up.actions": (
        "Actions: {on_time} done on time, {late} done late, {dropped} dropped, "
        "{overdue} overdue, {open} not yet due"
    ),
    "follow_up.rhythm": "Meetings held on rhythm: {held} of {total}",
    # Its chart
    "chart.name.follow_up": "Follow-up",
    "chart.follow_up.title": "Follow-up over the last meetings",
    "chart.follow_up.prepared": "Prepared",
    "chart.follow_up.followed_up": "Agreements followed up",
    "chart.follow_up.on_time": "Actions done on time",
    "chart.follow_up.axis": "Share (%)",
    "chart.follow_up.meeting": "Meeting {number}",
    "chart.follow_up.off_rhythm": "off rhythm",
    "chart.follow_up.alt": "{title}. Bar chart of shares per meeting: {items}",
    "chart.follow_up.alt_meeting": "meeting {number}: {shares}",
    "chart.follow_up.none": "nothing to count",
    "chart.follow_up.how": (
        "How to read this figure: each group of bars is one meeting, oldest first. The bars "
        "show the share of participants who prepared, of the last meeting's agreements given "
        "a status at since last, and of the meeting's actions that are due and were done on "
        "time. No bar: nothing to count yet."
    ),
    "chart.follow_up.off_note": "Meetings marked “off rhythm” were held later than the rhythm.",
}
