"""Frozen inputs to the method. Adapters build these from platform payloads.

Every meeting command names the acting user (`actor`, a platform user id) and
the meeting. Leader controls carry the step they were pressed in, so a
double-pressed "next" can never skip a step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from flows.cadence import Cadence, Timeline
from flows.learning_model import Direction  # the learning loop (issue 17)
from flows.measurements import Measurement
from flows.model import ActionStatus, Level, PointKind
from flows.steps import Step


@dataclass(frozen=True)
class CreateGroup:
    actor: str
    name: str
    level: Level
    leader: tuple[str, str]  # (user id, display name)
    participants: tuple[tuple[str, str], ...]
    co_leader: tuple[str, str] | None = None
    cadence_days: int = 14
    channel: str = ""
    first_meeting_at: datetime | None = None
    #: A first meeting left open is on the next working day at this local time (the setting
    #: `first_meeting_time`); None: a week ahead at 09:00 (set-up forms without a date).
    first_meeting_time: time | None = None
    timeboxes: dict[Step, int] | None = field(default=None, hash=False)
    cadence: Cadence | None = None  # None: every `cadence_days` days
    timeline: Timeline | None = None
    workspace: str = ""  # the chat workspace the group belongs to ("" for the console)


@dataclass(frozen=True)
class ScheduleMeeting:
    actor: str
    group_id: int
    at: datetime | None = None  # None: the rhythm's next slot


@dataclass(frozen=True)
class MeetingCommand:
    actor: str
    meeting_id: int


@dataclass(frozen=True)
class OpenPreparation(MeetingCommand):
    pass


@dataclass(frozen=True)
class SubmitPoint(MeetingCommand):
    kind: PointKind
    text: str


@dataclass(frozen=True)
class RemindUnprepared(MeetingCommand):
    pass


@dataclass(frozen=True)
class StartMeeting(MeetingCommand):
    pass


@dataclass(frozen=True)
class Advance(MeetingCommand):
    expected_step: Step | None = None


@dataclass(frozen=True)
class Extend(MeetingCommand):
    minutes: int = 5
    expected_step: Step | None = None


@dataclass(frozen=True)
class CheckTimebox(MeetingCommand):
    """Sent by the process's ticker; `actor` is the system."""


@dataclass(frozen=True)
class Cancel(MeetingCommand):
    """Cancel the meeting. Unconfirmed, it only asks the leader (nothing changes); the
    question's button carries `confirmed=True`."""

    expected_step: Step | None = None
    confirmed: bool = False  # cancel with care (issue 14)


@dataclass(frozen=True)
class ShowStatus(MeetingCommand):
    pass


@dataclass(frozen=True)
class ShowAgreements(MeetingCommand):
    pass


@dataclass(frozen=True)
class ReviewAction(MeetingCommand):
    action_ref: int  # position in the "since last" list, from 1
    status: ActionStatus
    note: str = ""


@dataclass(frozen=True)
class AddObservation(MeetingCommand):
    text: str


@dataclass(frozen=True)
class ProposeTheme(MeetingCommand):
    title: str


@dataclass(frozen=True)
class CastVote(MeetingCommand):
    theme_number: int


@dataclass(frozen=True)
class WithdrawVote(MeetingCommand):
    theme_number: int


@dataclass(frozen=True)
class AddExplanation(MeetingCommand):
    theme_number: int
    text: str


@dataclass(frozen=True)
class ChooseFocus(MeetingCommand):
    theme_number: int


@dataclass(frozen=True)
class SetGoal(MeetingCommand):
    long_term: bool
    text: str


@dataclass(frozen=True)
class AddSign(MeetingCommand):
    text: str
    # The learning loop (issue 17): what the sign expects of the group's data, if it says.
    parameter: str = ""
    direction: Direction | None = None
    target: float | None = None
    share: float | None = None  # of the citizens measured again, 0 to 1


@dataclass(frozen=True)
class AddAction(MeetingCommand):
    what: str
    owner: str
    follow_up: str
    due: date


@dataclass(frozen=True)
class AddTakeaway(MeetingCommand):
    text: str


# Corrections -------------------------------------------------------------------------


class Item(StrEnum):
    """What can be corrected, by the list it is numbered in."""

    POINT = "point"  # the sender's own prepared point: 1 positive, 2 improvement, 3 question
    REVIEW = "review"  # a status given in "since last"; number as in that list
    OBSERVATION = "observation"
    THEME = "theme"
    EXPLANATION = "explanation"
    GOAL = "goal"  # number 1: by the next meeting, 2: longer term
    SIGN = "sign"  # number: its place on the paper, from 1
    ACTION = "action"
    TAKEAWAY = "takeaway"  # number: its place among the take-aways, from 1


@dataclass(frozen=True)
class EditItem(MeetingCommand):
    """New text for a contribution: its author until the meeting closes, a leader always
    (after close as an amendment kept on the paper)."""

    item: Item
    number: int
    text: str
    #: The fingerprint of the text the person saw (a message's menu, a card); 0 unchecked.
    seen: int = 0


@dataclass(frozen=True)
class RemoveItem(MeetingCommand):
    """Withdraw a contribution (same who and when as `EditItem`)."""

    item: Item
    number: int
    seen: int = 0  # as `EditItem.seen`


@dataclass(frozen=True)
class EditAction(MeetingCommand):
    """Change an action on the agreement paper: its reminders follow the new owner and due date."""

    number: int
    what: str
    owner: str
    follow_up: str
    due: date


# Cancel with care (issue 14) ---------------------------------------------------------


@dataclass(frozen=True)
class UndoCancel(MeetingCommand):
    """Undo a cancellation, on the day it was made (the group's local day): the meeting
    goes back to the step it was cancelled from, and the meeting planned in its place goes
    if nothing has happened in it yet.

    `meeting_id` names the cancelled meeting, or the meeting planned in its place (what a
    typed "undo" in the group's channel names: the group's newest meeting)."""


SYSTEM_ACTOR = "system"


# Reminders -------------------------------------------------------------------


@dataclass(frozen=True)
class MoveMeeting(MeetingCommand):
    """Move one occurrence (a scheduled meeting) to another time; the rhythm stays."""

    at: datetime


@dataclass(frozen=True)
class SkipMeeting(MeetingCommand):
    """Skip one occurrence: the scheduled meeting moves to the rhythm's next slot."""


class ActionAnswer(StrEnum):
    DONE = "done"
    SNOOZE = "snooze"
    IRRELEVANT = "irrelevant"  # "no longer relevant": the action is dropped


@dataclass(frozen=True)
class AnswerActionReminder(MeetingCommand):
    """The owner's (or follow-up's, or leader's) answer on an action reminder.

    `meeting_id` is the meeting whose agreement paper holds the action."""

    action_number: int
    answer: ActionAnswer


# Data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportMeasurements:
    """Replace a group's data set with these measurements (already read and checked).

    `actor` is a leader from a chat, or `OPERATOR_ACTOR` from the command line."""

    actor: str
    group_id: int
    measurements: tuple[Measurement, ...] = field(hash=False)
    filename: str = ""


#: The actor of commands given on the command line: whoever runs the process's CLI
#: operates the installation and may do what a group's leader may.
OPERATOR_ACTOR = "operator"
