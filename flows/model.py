"""The meeting method's nouns: groups, meetings and everything said in them.

Plain dataclasses. A `Meeting` is the aggregate that one command changes; its
`version` is compared by storage so two concurrent commands cannot both apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from flows.cadence import Cadence, Timeline
from flows.learning_model import Expectation, SignVerdict  # the learning loop (issue 17)
from flows.offer_model import ElementNote  # the offer level (issue 17)
from flows.steps import DEFAULT_TIMEBOX_MINUTES, Step


class Level(StrEnum):
    CITIZEN = "citizen"
    OFFER = "offer"


class Role(StrEnum):
    LEADER = "leader"
    CO_LEADER = "co_leader"
    PARTICIPANT = "participant"
    FORMER = "former"  # removed from the group (issue 14): kept in `Group.former`


class PointKind(StrEnum):
    POSITIVE = "positive"
    IMPROVEMENT = "improvement"
    QUESTION = "question"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CONTINUED = "continued"
    DROPPED = "dropped"


class ObservationSource(StrEnum):
    PREPARATION = "preparation"
    MEETING = "meeting"


@dataclass
class Member:
    user_id: str
    name: str
    role: Role = Role.PARTICIPANT


@dataclass
class Group:
    name: str
    level: Level
    members: list[Member]
    cadence_days: int = 14
    channel: str = ""
    timezone: str = "Europe/Copenhagen"
    timeboxes: dict[Step, int] = field(default_factory=lambda: dict(DEFAULT_TIMEBOX_MINUTES))
    vote_budget: int = 3
    id: int | None = None
    # Reminders: a rhythm (None: every `cadence_days` days), its first occurrence, offsets.
    cadence: Cadence | None = None
    cadence_start: datetime | None = None
    timeline: Timeline = field(default_factory=Timeline)
    workspace: str = ""  # e.g. "slack:T0123"; empty for console groups; names unique per workspace
    # Group changes (issue 14): members removed from the group (role `FORMER`), kept so the
    # names on what they wrote still render; when the group was archived (None: active).
    former: list[Member] = field(default_factory=list)
    archived_at: datetime | None = None
    # The offer level (issue 17): the offer the group belongs to (an offer-level group looks
    # across the citizen-level groups of its offer); days an action may be overdue before
    # it is escalated to the offer's overseers (None: never).
    offer_id: int | None = None
    escalate_after_days: int | None = None

    def member(self, user_id: str) -> Member | None:
        return next((m for m in self.members if m.user_id == user_id), None)

    def is_leader(self, user_id: str) -> bool:
        found = self.member(user_id)
        return found is not None and found.role in (Role.LEADER, Role.CO_LEADER)

    @property
    def leader(self) -> Member:
        return next(m for m in self.members if m.role is Role.LEADER)

    @property
    def participants(self) -> list[Member]:
        return [m for m in self.members if m.role is Role.PARTICIPANT]

    def name_of(self, user_id: str) -> str:
        """A member's name; a former member's too (what they wrote keeps their name)."""
        found = self.member(user_id) or next((m for m in self.former if m.user_id == user_id), None)
        return found.name if found else user_id


@dataclass
class PreparationPoint:
    author: str
    kind: PointKind
    text: str
    updated_at: datetime


@dataclass
class Observation:
    number: int
    author: str
    text: str
    source: ObservationSource = ObservationSource.MEETING


@dataclass
class Theme:
    number: int
    title: str
    proposed_by: str


@dataclass
class Vote:
    voter: str
    theme_number: int


@dataclass
class Explanation:
    number: int
    theme_number: int
    author: str
    text: str
    sign: int | None = None  # the learning loop (issue 17): the last paper's sign it explains
    element: int | None = None  # the offer level (issue 17): the core element it concerns


@dataclass
class Action:
    number: int
    what: str
    owner: str
    follow_up: str
    due: date
    status: ActionStatus = ActionStatus.OPEN
    status_note: str = ""
    author: str = ""  # who wrote it on the paper ("" before authors were kept)
    #: The group's local day it was marked done or dropped (issue 17: on time or late).
    closed_on: date | None = None
    element: int | None = None  # the offer level (issue 17): the core element it concerns

    @property
    def is_open(self) -> bool:
        """Open or continued: still to be done."""
        return self.status in (ActionStatus.OPEN, ActionStatus.CONTINUED)


@dataclass
class ActionReview:
    """A status given in "since last" to an action agreed at an earlier meeting."""

    action_meeting_id: int
    action_number: int
    status: ActionStatus
    note: str
    author: str


@dataclass
class Takeaway:
    author: str
    text: str


@dataclass
class Sign:
    """A sign that we are on the right track, as one member wrote it."""

    text: str
    author: str = ""
    expectation: Expectation | None = None  # the learning loop (issue 17)


@dataclass
class Amendment:
    """A change the leader made to the agreement paper after the meeting closed."""

    at: datetime
    by: str
    item: str  # an `flows.commands.Item` value
    number: int
    removed: bool = False


@dataclass
class AgreementPaper:
    short_term_goal: str = ""
    long_term_goal: str = ""
    signs: list[Sign] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class Meeting:
    group_id: int
    number: int
    scheduled_at: datetime
    step: Step = Step.SCHEDULED
    version: int = 0
    step_started_at: datetime | None = None
    step_deadline: datetime | None = None
    timeup_notified: bool = False
    focus_theme: int | None = None
    points: list[PreparationPoint] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    agreement: AgreementPaper = field(default_factory=AgreementPaper)
    reviews: list[ActionReview] = field(default_factory=list)
    takeaways: list[Takeaway] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    verdicts: list[SignVerdict] = field(default_factory=list)  # the learning loop (issue 17)
    element_notes: list[ElementNote] = field(default_factory=list)  # offer level (issue 17)
    # Cancel with care (issue 14): when it was cancelled and from which step, for an undo.
    cancelled_at: datetime | None = None
    cancelled_from: Step | None = None
    id: int | None = None

    def points_of(self, user_id: str) -> dict[PointKind, PreparationPoint]:
        return {p.kind: p for p in self.points if p.author == user_id}

    def has_prepared(self, user_id: str) -> bool:
        """Prepared means the two required points; the question is optional."""
        kinds = self.points_of(user_id).keys()
        return PointKind.POSITIVE in kinds and PointKind.IMPROVEMENT in kinds

    def theme(self, number: int) -> Theme | None:
        return next((t for t in self.themes if t.number == number), None)

    def votes_for(self, theme_number: int) -> int:
        return sum(1 for v in self.votes if v.theme_number == theme_number)

    def votes_by(self, user_id: str) -> list[Vote]:
        return [v for v in self.votes if v.voter == user_id]

    def ranked_themes(self) -> list[Theme]:
        """Themes by votes, most first; ties keep the order they were proposed in."""
        return sorted(self.themes, key=lambda t: (-self.votes_for(t.number), t.number))

    def action(self, number: int) -> Action | None:
        return next((a for a in self.agreement.actions if a.number == number), None)
