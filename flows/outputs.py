"""Platform-neutral outputs. Adapters render them; nothing here knows Slack or Teams.

Texts are `Text` (catalogue key + parameters), rendered in the reader's
language by `flows.text.render`. User-written text travels in parameters and
is never interpreted as markup by the flows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from flows.commands import Item, MeetingCommand
from flows.fingerprint import fingerprint
from flows.model import PointKind
from flows.steps import Step


@dataclass(frozen=True)
class Text:
    key: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def t(key: str, **params: Any) -> Text:
    return Text(key, params)


# Audiences -----------------------------------------------------------------


@dataclass(frozen=True)
class ToChannel:
    """The group's channel: everyone sees it."""

    group_id: int


@dataclass(frozen=True)
class ToUser:
    """A direct message to one member."""

    user_id: str


@dataclass(frozen=True)
class ToActor:
    """Only the person who sent the command sees it (ephemeral)."""

    user_id: str


Audience = ToChannel | ToUser | ToActor


# Outputs -------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRef:
    """The contribution a message shows (issue 14), so a chat can offer to correct or
    withdraw it right there (`EditItem` / `RemoveItem` with these fields): Slack's overflow
    menu on the message, App Home's actions."""

    meeting_id: int
    item: Item
    number: int
    text: str = ""  # what it said when the message was made (a static card starts from it)

    @property
    def seen(self) -> int:
        """The fingerprint of `text` a correction from this message carries (`still_as_seen`)."""
        return fingerprint(self.text) if self.text else 0


@dataclass(frozen=True)
class Say:
    to: Audience
    text: Text
    item: ItemRef | None = None  # the contribution it shows, if it shows one


@dataclass(frozen=True)
class ListItems:
    """A heading and lines (points, themes, actions...)."""

    to: Audience
    heading: Text
    items: tuple[Text, ...]
    empty: Text | None = None


# Choices and affordances ----------------------------------------------------------

#: The actor of a command inside a `Choice`: whoever presses the button.
PRESSER = ""


class ChoiceStyle(StrEnum):
    PLAIN = "plain"
    PRIMARY = "primary"  # the expected next move (Next step)
    DANGER = "danger"  # cannot be taken back (Cancel)


@dataclass(frozen=True)
class Choice:
    """A button: the exact command it stands for, with its actor left to the presser.

    The command names everything it was offered for (the meeting, the step, the
    theme, the action), so a press that arrives after the meeting has moved on is
    refused instead of applied to whatever the meeting is doing now.
    """

    label: Text
    command: MeetingCommand
    style: ChoiceStyle = ChoiceStyle.PLAIN


@dataclass(frozen=True)
class Affordance:
    """Something members may contribute in a step: the command kind and whether only
    the leader may send it. Derived from the machine's rules, never chosen by adapters."""

    command: type[MeetingCommand]
    leader_only: bool = False


@dataclass(frozen=True)
class StepStarted:
    to: Audience
    meeting_id: int
    step: Step
    title: Text
    questions: tuple[Text, ...]
    deadline: datetime | None
    #: The leader's controls (next, extend, cancel), each pinned to this step.
    controls: tuple[Choice, ...] = ()
    #: What may be contributed in this step (from `machine.RULES`).
    affordances: tuple[Affordance, ...] = ()
    #: What the step's forms offer to pick from, by field kind (`flows.forms.FieldKind`):
    #: (value, label) pairs, fixed for the step (themes in interpret, agreements in since last).
    options: dict[str, tuple[tuple[str, Text], ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class AskPreparation:
    """A form with the three points, sent to one participant."""

    to: ToUser
    meeting_id: int
    intro: Text
    questions: tuple[Text, ...]
    fields: tuple[PointKind, ...] = (PointKind.POSITIVE, PointKind.IMPROVEMENT, PointKind.QUESTION)
    current: dict[PointKind, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ShowChoices:
    """A question with buttons, each a typed `Choice`."""

    to: Audience
    meeting_id: int
    text: Text
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class MeetingClosed:
    """The meeting has closed: the announcement, and what may still be contributed
    afterwards (a take-away)."""

    to: Audience
    meeting_id: int
    text: Text
    affordances: tuple[Affordance, ...] = ()


@dataclass(frozen=True)
class ThemeList:
    """The themes ranked by votes; `votes[i]` is the vote choice for `items[i]`, present
    only while votes may be cast."""

    to: Audience
    meeting_id: int
    heading: Text
    items: tuple[Text, ...]
    empty: Text | None = None
    votes: tuple[Choice, ...] = ()


class ChartKind(StrEnum):
    """The charts the method asks for; the process decides how each is drawn."""

    DATA = "data"  # the group's own measurements: every figure type the data allows
    PREPARATION = "preparation"  # who has prepared
    VOTES = "votes"  # the theme vote result
    SIGNS = "signs"  # the last agreement's signs of progress, re-plotted since then
    FOLLOW_UP = "follow_up"  # issue 17: the group's follow-up over its last meetings


@dataclass(frozen=True)
class RequestChart:
    """Ask the process to draw a chart for the meeting and post it to `to`.

    The process draws it off the event loop and hands the transport a `ShowChart`.
    `options` narrow the chart (e.g. a parameter and the date to plot it from).
    """

    to: Audience
    meeting_id: int
    kind: str
    options: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ShowChart:
    """A drawn chart: PNG bytes, alt text for screen readers, a "how to read" caption."""

    to: Audience
    meeting_id: int
    kind: str
    title: str
    png: bytes = field(repr=False)
    alt_text: str
    caption: str


@dataclass(frozen=True)
class CalendarInvite:
    """A calendar invitation for one meeting, to one member; transports attach an .ics.

    `sequence` grows each time the meeting moves, so calendars replace the old event.
    """

    to: ToUser
    meeting_id: int
    uid: str
    sequence: int
    text: Text
    title: Text
    description: Text
    start: datetime
    end: datetime
    timezone: str
    organizer: tuple[str, str]  # (user id, display name)
    attendees: tuple[tuple[str, str], ...]
    cancelled: bool = False


@dataclass(frozen=True)
class Refusal:
    """A command that did not fit; shown only to the actor."""

    to: ToActor
    text: Text


Output = (
    Say
    | ListItems
    | StepStarted
    | AskPreparation
    | ShowChoices
    | MeetingClosed
    | ThemeList
    | RequestChart
    | ShowChart
    | CalendarInvite
    | Refusal
)
