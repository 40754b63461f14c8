"""The learning loop's nouns (issue 17): what a sign of progress expects of the data, and
what the group concluded about it at the next meeting.

A sign of progress may name a parameter of the group's data and how it should move by the
next meeting (`Expectation`): rise, fall or stay, optionally to a target value (of the
mean) or for a target share of the citizens measured again. At "since last" the bot
compares the data with what was expected (`flows.expectations`), and the group records its
own verdict with a short note (`SignVerdict`): as expected, not as expected, or too early to
say. Those verdicts, the focus areas and the expectations set make the group's learning log
(`flows.learning`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo


class Direction(StrEnum):
    """How a sign's parameter should move by the next meeting."""

    RISE = "rise"
    FALL = "fall"
    STAY = "stay"


@dataclass(frozen=True)
class Expectation:
    """The data a sign of progress points at: a parameter as the group's data set spells it,
    its expected direction and, optionally, a target for the mean (`target`) or a share of
    the citizens measured again that should move that way (`share`, 0 to 1)."""

    parameter: str
    direction: Direction
    target: float | None = None
    share: float | None = None


class Verdict(StrEnum):
    """What the group concluded about a sign at the next meeting's "since last"."""

    AS_EXPECTED = "as_expected"
    NOT_AS_EXPECTED = "not_as_expected"
    TOO_EARLY = "too_early"


@dataclass
class SignVerdict:
    """The group's verdict, in one meeting's "since last", on a sign of an earlier paper:
    the sign is the `sign_number`th (from 1) of meeting `sign_meeting_id`'s paper."""

    sign_meeting_id: int
    sign_number: int
    verdict: Verdict
    note: str
    author: str


def local_day(now: datetime, timezone: str) -> date:
    """The day it is at `now` in a group's time zone (when an action was done or dropped)."""
    return now.astimezone(ZoneInfo(timezone)).date()
