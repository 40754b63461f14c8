"""Meeting transcripts for tests: play commands into a room, read back what the bot said.

A `Room` is one group's chat: an `InMemoryUnitOfWork`, a `FixedClock` and a reading
language (English unless told otherwise, Copenhagen time). Commands go through
`flows.service.run`, as an adapter sends them, and every output is rendered with
`flows.text.plain.plain`, one transcript line per line of text, each prefixed by
who sees it:

    #channel: Meeting 1 of Team Nord has started. Welcome!   ToChannel: the group's channel
    #channel:   Ali: ready                                   a list item keeps its indent
    @ali (dm): Prepare for the reflection meeting in ...      ToUser: a direct message
    @lea (only you): Reminder sent to: Dina.                  ToActor: an ephemeral reply
    @lea (refused): Only the meeting leader (Lea) can ...     Refusal: ephemeral, nothing applied

Commands are shown as `> ali: AddObservation(text='...')`: the actor, then the
command without `actor`, `meeting_id` and fields left at their defaults.

A script is flat: `say(actor, CommandType, **fields)` is a turn, and the strings
after it are what the bot must answer to that turn:

    room.play(
        say("lea", StartMeeting),
        "#channel: Meeting 1 of Team Nord has started. Welcome!",
        "#channel: Step 1 of 4 · Since last (15 min)",
        say("ali", AddObservation, text="Well-being rose for 3 of 5 citizens"),
        "#channel: 1. Well-being rose for 3 of 5 citizens (Ali)",
    )

Matching checks a subset: each expected string must be found, in order, in the
turn's lines. A string matches a line that contains it once runs of whitespace
are collapsed (so list indentation need not be typed). Lines a script does not
mention are allowed. Two markers say more: `not_said("...")` (no line of the
turn contains it) and `SILENCE` (the turn produced no output at all). On a
mismatch the assertion shows the whole transcript so far, the failing turn marked.

`MeetingCommand`s get `meeting_id=room.meeting_id` and group commands (`ScheduleMeeting`,
the group changes...) get `group_id=room.group_id` unless a script gives them.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, Self

from flows import service
from flows.commands import (
    AddAction,
    AddExplanation,
    Advance,
    Cancel,
    CastVote,
    ChooseFocus,
    CreateGroup,
    MeetingCommand,
    OpenPreparation,
    ProposeTheme,
    SetGoal,
    StartMeeting,
    SubmitPoint,
)
from flows.errors import ConcurrentChange
from flows.model import Group, Level, Meeting, PointKind
from flows.outputs import Output, Refusal, ToActor, ToChannel, ToUser
from flows.steps import Step
from flows.text.plain import plain
from tests.fakes import FixedClock, InMemoryUnitOfWork, Store

LEADER = ("lea", "Lea")
PARTICIPANTS = (("ali", "Ali"), ("bo", "Bo"), ("cai", "Cai"), ("dina", "Dina"))

#: The happy path, in the handbook's order.
WALK = (
    Step.SCHEDULED,
    Step.PREPARING,
    Step.SINCE_LAST,
    Step.EXPLORE,
    Step.INTERPRET,
    Step.PREPARE_ACTION,
    Step.CLOSED,
)


# Turns and expectations -------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """One person sending one command; fields are filled in when it is played."""

    actor: str
    command: type
    fields: dict[str, Any] = field(default_factory=dict, hash=False)


def say(actor: str, command: type, **fields: Any) -> Turn:
    return Turn(actor, command, fields)


@dataclass(frozen=True)
class NotSaid:
    text: str


def not_said(text: str) -> NotSaid:
    """Expect that no line of the turn contains `text`."""
    return NotSaid(text)


class _Silence:
    def __repr__(self) -> str:
        return "SILENCE"


#: Expect that the turn produced no output at all.
SILENCE = _Silence()

Expected = str | NotSaid | _Silence


def audience(output: Output) -> str:
    if isinstance(output, Refusal):
        return f"@{output.to.user_id} (refused)"
    to = output.to
    if isinstance(to, ToChannel):
        return "#channel"
    if isinstance(to, ToUser):
        return f"@{to.user_id} (dm)"
    assert isinstance(to, ToActor)
    return f"@{to.user_id} (only you)"


def transcript_lines(outputs: list[Output], lang: str, tz: str) -> list[str]:
    return [f"{audience(o)}: {line}" for o in outputs for line in plain(o, lang, tz).split("\n")]


def _show(value: Any) -> str:
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return repr(value)


def describe(cmd: Any) -> str:
    args = ", ".join(
        f"{f.name}={_show(getattr(cmd, f.name))}"
        for f in dataclasses.fields(cmd)
        if f.name not in ("actor", "meeting_id") and getattr(cmd, f.name) != f.default
    )
    return f"> {cmd.actor}: {type(cmd).__name__}({args})"


def _norm(text: str) -> str:
    return " ".join(text.split())


def mismatch(lines: list[str], expected: tuple[Expected, ...]) -> str | None:
    """What the lines fail to show, or None when they show everything expected."""
    actual = [_norm(line) for line in lines]
    at = 0
    for want in expected:
        if isinstance(want, _Silence):
            if lines:
                return "expected no output at all"
        elif isinstance(want, NotSaid):
            hits = [line for line in actual if _norm(want.text) in line]
            if hits:
                return f"expected no line containing {want.text!r}, got {hits[0]!r}"
        else:
            assert "\n" not in want, "expected lines are single lines"
            needle = _norm(want)
            while at < len(actual) and needle not in actual[at]:
                at += 1
            if at == len(actual):
                return f"expected, in this order, a line containing {want!r}"
            at += 1
    return None


# Replies ------------------------------------------------------------------------


@dataclass
class Reply:
    """What one command got back."""

    room: Room
    command: Any
    outputs: list[Output]
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def refused(self) -> bool:
        return any(isinstance(o, Refusal) for o in self.outputs)

    def of_type(self, kind: type) -> list[Any]:
        return [o for o in self.outputs if isinstance(o, kind)]

    def shows(self, *expected: Expected) -> Self:
        problem = mismatch(self.lines, expected)
        if problem is not None:
            raise AssertionError(self.room.failure(self, problem))
        return self


# The room -----------------------------------------------------------------------


class Room:
    """A group's chat with an in-memory store and a fixed clock."""

    def __init__(
        self,
        *,
        lang: str = "en",
        tz: str = "Europe/Copenhagen",
        clock: FixedClock | None = None,
        store: Store | None = None,
    ) -> None:
        self.lang = lang
        self.tz = tz
        self.clock = clock or FixedClock()
        self.uow = InMemoryUnitOfWork(store)
        self.group_id = 0
        self.meeting_id = 0
        self.replies: list[Reply] = []

    # Reading what is stored --------------------------------------------------

    @property
    def store(self) -> Store:
        return self.uow.store

    @property
    def meeting(self) -> Meeting:
        """The current meeting as committed (a copy)."""
        return copy.deepcopy(self.store.meetings[self.meeting_id])

    @property
    def group(self) -> Group:
        return copy.deepcopy(self.store.groups[self.group_id])

    def meetings(self) -> list[Meeting]:
        return sorted(copy.deepcopy(list(self.store.meetings.values())), key=lambda m: m.id or 0)

    def snapshot(self) -> tuple[dict[int, Group], dict[int, Meeting], int]:
        """Everything committed, to compare before and after a command."""
        return copy.deepcopy((self.store.groups, self.store.meetings, self.uow.commits))

    @property
    def outputs(self) -> list[Output]:
        return [o for reply in self.replies for o in reply.outputs]

    @property
    def today(self) -> date:
        return self.clock.now().date()

    # Sending -------------------------------------------------------------------

    def command(self, actor: str, command: type, **fields: Any) -> Any:
        if issubclass(command, MeetingCommand):
            fields.setdefault("meeting_id", self.meeting_id)
        elif "group_id" in {f.name for f in dataclasses.fields(command)}:  # a group command
            fields.setdefault("group_id", self.group_id)
        return command(actor=actor, **fields)

    def send(self, cmd: Any, *, uow: Any = None) -> Reply:
        outputs = service.run(cmd, uow or self.uow, self.clock)
        reply = Reply(self, cmd, outputs, transcript_lines(outputs, self.lang, self.tz))
        self.replies.append(reply)
        return reply

    def run(self, actor: str, command: type, **fields: Any) -> Reply:
        return self.send(self.command(actor, command, **fields))

    def must(self, actor: str, command: type, **fields: Any) -> Reply:
        """Run a command that has to be accepted (set-up steps)."""
        reply = self.run(actor, command, **fields)
        if reply.refused:
            raise AssertionError(self.failure(reply, "set-up command was refused"))
        return reply

    def play(self, *script: Turn | Expected) -> list[Reply]:
        if script and not isinstance(script[0], Turn):
            raise TypeError("a script starts with a turn: say(actor, Command, ...)")
        replies: list[Reply] = []
        turns: list[tuple[Turn, list[Expected]]] = []
        for item in script:
            if isinstance(item, Turn):
                turns.append((item, []))
            else:
                turns[-1][1].append(item)
        for turn, expected in turns:
            reply = self.run(turn.actor, turn.command, **turn.fields)
            replies.append(reply.shows(*expected))
        return replies

    # Failure messages ------------------------------------------------------------

    def transcript(self, *, mark: Reply | None = None) -> str:
        lines: list[str] = []
        for reply in self.replies:
            head = describe(reply.command)
            lines.append(f"{head}    <<<<<<<< this turn" if reply is mark else head)
            lines += reply.lines or ["   (no output)"]
        return "\n".join(lines)

    def failure(self, reply: Reply, problem: str) -> str:
        return (
            f"{describe(reply.command)}\n{problem}\n"
            f"--- whole transcript ({self.lang}) ---\n{self.transcript(mark=reply)}"
        )

    # Setting the scene -------------------------------------------------------------

    def create_group(
        self,
        name: str = "Team Nord",
        *,
        leader: tuple[str, str] = LEADER,
        participants: tuple[tuple[str, str], ...] = PARTICIPANTS,
        **options: Any,
    ) -> Reply:
        reply = self.send(
            CreateGroup(
                actor=leader[0],
                name=name,
                level=options.pop("level", Level.CITIZEN),
                leader=leader,
                participants=participants,
                **options,
            )
        )
        if reply.refused:
            raise AssertionError(self.failure(reply, "the group was not created"))
        group = next(g for g in self.store.groups.values() if g.name == name)
        assert group.id is not None
        self.group_id = group.id
        self.latest_meeting()
        return reply

    def latest_meeting(self) -> Meeting:
        """Make the group's newest meeting the current one (after a close: the next)."""
        latest = max(
            (m for m in self.store.meetings.values() if m.group_id == self.group_id),
            key=lambda m: m.number,
        )
        assert latest.id is not None
        self.meeting_id = latest.id
        return copy.deepcopy(latest)

    def ready_to_leave(self) -> None:
        """Add what the current step needs before the leader may move on, and a little more.

        preparation: Ali's two points; explore: a theme with a vote; interpret: an
        explanation and the focus; prepare action: a goal and an action.
        """
        m = self.meeting
        leader = self.group.leader.user_id
        if m.step is Step.PREPARING and not m.has_prepared("ali"):
            self.must("ali", SubmitPoint, kind=PointKind.POSITIVE, text="B-17 sleeps better")
            self.must("ali", SubmitPoint, kind=PointKind.IMPROVEMENT, text="Few home visits")
        elif m.step is Step.EXPLORE and not m.themes:
            self.must("ali", ProposeTheme, title="Evening routines")
            self.must("ali", CastVote, theme_number=1)
        elif m.step is Step.INTERPRET and m.focus_theme is None:
            self.must("bo", AddExplanation, theme_number=1, text="The evening staff rotates")
            self.must(leader, ChooseFocus, theme_number=1)
        elif m.step is Step.PREPARE_ACTION and not m.agreement.actions:
            self.must("cai", SetGoal, long_term=False, text="Calmer evenings for B-17")
            self.must(
                "cai",
                AddAction,
                what="A fixed evening routine with B-17",
                owner="ali",
                follow_up=leader,
                due=self.today + timedelta(days=14),
            )

    def walk_to(self, target: Step) -> Meeting:
        """Take the current meeting along the happy path to `target` (cancel: from explore)."""
        leader = self.group.leader.user_id
        if target is Step.CANCELLED:
            self.walk_to(Step.EXPLORE)
            self.ready_to_leave()
            self.must(leader, Cancel, confirmed=True)
            return self.meeting
        while (step := self.meeting.step) is not target:
            if WALK.index(step) > WALK.index(target):
                raise ValueError(f"the meeting is already past {target}: {step}")
            self.ready_to_leave()
            if step is Step.SCHEDULED:
                self.must(leader, OpenPreparation)
            elif step is Step.PREPARING:
                self.must(leader, StartMeeting)
            else:
                self.must(leader, Advance, expected_step=step)
        return self.meeting

    def cancel_without_next(self) -> Meeting:
        """Cancel the current meeting (confirmed) and take away the meeting planned in
        its place: a group as a cancel left it before issue 14, with no meeting ahead, which
        schedules its next meeting itself. The cancelled meeting stays the current one."""
        self.must(self.group.leader.user_id, Cancel, confirmed=True)
        cancelled = self.meeting
        planned = max(
            (m for m in self.store.meetings.values() if m.group_id == self.group_id),
            key=lambda m: m.number,
        )
        assert planned.number == cancelled.number + 1 and planned.id is not None
        del self.store.meetings[planned.id]
        source = f"meeting:{planned.id}"
        for key in [k for k, r in self.store.reminders.items() if r.source == source]:
            del self.store.reminders[key]
        return cancelled

    def copy(self) -> Room:
        """An independent room with the same committed state, time and ids."""
        twin = Room(
            lang=self.lang,
            tz=self.tz,
            clock=FixedClock(self.clock.now()),
            store=copy.deepcopy(self.store),
        )
        twin.group_id, twin.meeting_id = self.group_id, self.meeting_id
        return twin


def team_nord(*, lang: str = "en", **options: Any) -> Room:
    """Team Nord: leader Lea and four participants (Ali, Bo, Cai, Dina), user ids in lower case.

    The clock stands at Tue 1 Dec 2026 09:00 Copenhagen time, so the first meeting is
    a week later: Tue 8 Dec 2026 09:00.
    """
    room = Room(lang=lang)
    room.create_group(**options)
    return room


# Two people at once -------------------------------------------------------------


class RacingUnitOfWork(InMemoryUnitOfWork):
    """A unit of work in which someone else's command commits just before ours saves.

    The first time this unit of work saves a meeting, `competitor` is run through
    `flows.service.run` on its own unit of work over the same store: the meeting
    we loaded has become a stale copy. Its outputs land in `competitor_outputs`.

    `live_version_check`: also compare the meeting's version with the store as it
    is at the moment of saving, as a database does. The in-memory fake compares
    with the store as it was when the unit of work began, so on its own it does
    not notice a commit made in between.
    """

    def __init__(
        self,
        store: Store,
        clock: FixedClock,
        competitor: Any,
        *,
        live_version_check: bool = False,
    ) -> None:
        super().__init__(store)
        self.clock = clock
        self.competitor: Any = competitor
        self.competitor_outputs: list[Output] = []
        self.live_version_check = live_version_check

    def __enter__(self) -> Self:
        super().__enter__()
        self.meetings = _RacingMeetings(self, self.meetings)  # type: ignore[assignment]
        return self

    def race(self) -> None:
        if self.competitor is not None:
            cmd, self.competitor = self.competitor, None
            self.competitor_outputs = service.run(cmd, InMemoryUnitOfWork(self.store), self.clock)


class _RacingMeetings:
    def __init__(self, uow: RacingUnitOfWork, inner: Any) -> None:
        self._uow = uow
        self._inner = inner

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return getattr(self._inner, name)

    def save(self, meeting: Meeting) -> None:
        self._uow.race()
        if self._uow.live_version_check:
            committed = self._uow.store.meetings.get(meeting.id or 0)
            if committed is not None and committed.version != meeting.version:
                raise ConcurrentChange(meeting.id)
        self._inner.save(meeting)
