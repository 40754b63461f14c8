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
class Say:
    to: Audience
    text: Text


@dataclass(frozen=True)
class ListItems:
    """A heading and lines (points, themes, actions...)."""

    to: Audience
    heading: Text
    items: tuple[Text, ...]
    empty: Text | None = None


@dataclass(frozen=True)
class StepStarted:
    to: Audience
    meeting_id: int
    step: Step
    title: Text
    questions: tuple[Text, ...]
    deadline: datetime | None
    leader_controls: tuple[str, ...] = ()  # e.g. ("next", "extend", "cancel")


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
    """A question with buttons; `choices` are (command name, label) pairs."""

    to: Audience
    meeting_id: int
    text: Text
    choices: tuple[tuple[str, Text], ...]


class ChartKind(StrEnum):
    """The charts the method asks for; the process decides how each is drawn."""

    DATA = "data"  # the group's own measurements: every figure type the data allows
    PREPARATION = "preparation"  # who has prepared
    VOTES = "votes"  # the theme vote result
    SIGNS = "signs"  # the last agreement's signs of progress, re-plotted since then


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
    | RequestChart
    | ShowChart
    | CalendarInvite
    | Refusal
)
