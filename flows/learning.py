"""The learning loop across meetings (issue 17): verdicts on the signs of progress, links from
explanations to them, and the group's learning log.

At "since last" the group looks at each sign of the last agreement paper (the bot re-plots
its data and says what the data did: `flows.expectations`) and records its own verdict with
a short note (`RecordVerdict`): as expected, not as expected, or too early to say. Any member
may record it, as any member gives an agreement its status: the handbook has the whole group
follow up the agreements together in this step, the leader facilitating. A verdict given
again replaces the one before (as a status does). In "interpret" an explanation can be
linked to the sign it is meant to explain (`LinkExplanation`), so what was learned stays
next to what was expected.

The learning log (`learning_log`, `/learnings`) reads back, meeting by meeting in order,
every verdict (with the explanations linked to its sign), the focus area chosen and the
signs the group agreed on, with what each expects of the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from flows.commands import Item, MeetingCommand
from flows.errors import NotFound
from flows.expectations import sign_line
from flows.learning_model import SignVerdict, Verdict
from flows.model import Group, Meeting, Sign
from flows.outputs import (
    PRESSER,
    Choice,
    ListItems,
    Output,
    Say,
    ShowChoices,
    Text,
    ToActor,
    ToChannel,
    t,
)
from flows.ports import UnitOfWork
from flows.steps import Step
from flows.validation import clean_text

if TYPE_CHECKING:
    from flows.machine import Context


@dataclass(frozen=True)
class PickVerdict(MeetingCommand):
    """The group's verdict on sign `sign_ref` (its place on the last paper, from 1), as its
    button sends it: nothing typed, so it can be a button (`bot.choices`); the note the
    presser gave with an earlier verdict on the sign stays."""

    sign_ref: int
    verdict: Verdict


@dataclass(frozen=True)
class RecordVerdict(PickVerdict):
    """The verdict typed with a short note, which replaces the note given before."""

    note: str = ""


@dataclass(frozen=True)
class LinkExplanation(MeetingCommand):
    """Link explanation `explanation` (its number) to the last paper's sign `sign_ref`
    (from 1; 0 takes the link away)."""

    explanation: int
    sign_ref: int


@dataclass(frozen=True)
class ShowLearnings(MeetingCommand):
    """The group's learning log, to the one who asks."""


# At "since last" ---------------------------------------------------------------------------


def agreed_at(meeting: Meeting) -> datetime:
    """When a closed meeting's agreement was made: when it closed (its last step's start)."""
    if meeting.step is Step.CLOSED and meeting.step_started_at is not None:
        return meeting.step_started_at
    return meeting.scheduled_at


def sign_chart_options(previous: Meeting) -> dict[str, Any]:
    """What the since-last chart request carries: the signs' texts and the parameters they
    expect something of (both are plotted), the signs by number (the bot checks each
    expectation against the data) and when they were agreed."""
    signs = previous.agreement.signs
    named = tuple(s.expectation.parameter for s in signs if s.expectation is not None)
    return {
        "signs": tuple(s.text for s in signs) + named,
        "since": previous.scheduled_at,
        "expected": tuple(enumerate(signs, start=1)),
        "agreed_at": agreed_at(previous),
    }


#: The buttons under each sign, in the order they are offered.
VERDICTS = (Verdict.AS_EXPECTED, Verdict.NOT_AS_EXPECTED, Verdict.TOO_EARLY)


def verdict_choices(ctx: Context, previous: Meeting) -> list[Output]:
    """A hint, and each sign of the last paper with a button per verdict."""
    m = ctx.meeting
    to = ToChannel(m.group_id)
    outputs: list[Output] = [Say(to, t("learning.verdict_hint"))]
    for number, sign in enumerate(previous.agreement.signs, start=1):
        choices = tuple(
            Choice(t(f"learning.choice.{v.value}"), PickVerdict(PRESSER, m.id or 0, number, v))
            for v in VERDICTS
        )
        outputs.append(
            ShowChoices(
                to, m.id or 0, t("learning.verdict_ask", number=number, text=sign.text), choices
            )
        )
    return outputs


# Handlers (registered in `flows.machine.REGISTRY`) --------------------------------------------


def _sign(previous: Meeting | None, number: int) -> Sign:
    signs = previous.agreement.signs if previous else []
    if not 1 <= number <= len(signs):
        raise NotFound("learning.error.no_sign", number=number, count=len(signs))
    return signs[number - 1]


def record_verdict(ctx: Context, cmd: PickVerdict) -> list[Output]:
    """`RecordVerdict` and `PickVerdict`: one verdict per sign, the last one given."""
    prev = ctx.previous
    sign = _sign(prev, cmd.sign_ref)
    assert prev is not None and prev.id is not None
    m = ctx.meeting
    key = (prev.id, cmd.sign_ref)
    before = next((v for v in m.verdicts if (v.sign_meeting_id, v.sign_number) == key), None)
    if isinstance(cmd, RecordVerdict):
        note = clean_text(cmd.note) if cmd.note.strip() else ""
    else:  # a button keeps the presser's own note (someone else's explained their verdict)
        note = before.note if before is not None and before.author == cmd.actor else ""
    m.verdicts = [v for v in m.verdicts if v is not before]
    m.verdicts.append(SignVerdict(prev.id, cmd.sign_ref, cmd.verdict, note, cmd.actor))
    said = t(
        "learning.verdict_recorded",
        name=ctx.group.name_of(cmd.actor),
        number=cmd.sign_ref,
        text=sign.text,
        verdict=cmd.verdict,
        note=note,
    )
    return [Say(ToChannel(m.group_id), said)]


def link_explanation(ctx: Context, cmd: LinkExplanation) -> list[Output]:
    m = ctx.meeting
    found = next((e for e in m.explanations if e.number == cmd.explanation), None)
    if found is None:
        raise NotFound("correct.error.no_item", item=Item.EXPLANATION, number=cmd.explanation)
    channel = ToChannel(m.group_id)
    if cmd.sign_ref == 0:
        found.sign = None
        return [Say(channel, t("learning.unlinked", number=found.number, text=found.text))]
    sign = _sign(ctx.previous, cmd.sign_ref)
    found.sign = cmd.sign_ref
    said = t(
        "learning.linked",
        number=found.number,
        text=found.text,
        sign=cmd.sign_ref,
        sign_text=sign.text,
    )
    return [Say(channel, said)]


def show_learnings(ctx: Context, cmd: ShowLearnings) -> list[Output]:
    meetings = [*history(ctx.uow, ctx.group.id or 0, ctx.meeting.number - 1), ctx.meeting]
    lines = learning_log(ctx.group, meetings)
    heading = t("learning.log_heading", group=ctx.group.name)
    return [ListItems(ToActor(cmd.actor), heading, tuple(lines), t("learning.log_empty"))]


# The learning log ---------------------------------------------------------------------------


def history(uow: UnitOfWork, group_id: int, up_to: int) -> list[Meeting]:
    """The group's meetings numbered 1 to `up_to`, in order (in the caller's unit of work)."""
    found = [uow.meetings.by_number(group_id, number) for number in range(1, up_to + 1)]
    return [m for m in found if m is not None]


#: Meetings that have nothing to learn from (not held, or not yet).
_NOT_HELD = frozenset({Step.SCHEDULED, Step.PREPARING, Step.CANCELLED})


def learning_log(group: Group, meetings: Sequence[Meeting]) -> list[Text]:
    """The log's lines, meeting by meeting in order: the verdicts given at its "since last"
    (each followed by the explanations linked to its sign), the focus area chosen, and the
    signs agreed with what they expect of the data."""
    lines: list[Text] = []
    last_closed: Meeting | None = None
    for m in sorted(meetings, key=lambda meeting: meeting.number):
        if m.step in _NOT_HELD:
            continue
        day = m.scheduled_at.astimezone(ZoneInfo(group.timezone)).date()
        lines += _reviewed(group, m, day, last_closed)
        focus = m.theme(m.focus_theme or 0)
        if focus is not None:
            lines.append(t("learning.log.focus", number=m.number, at=day, title=focus.title))
        lines += [
            t("learning.log.expects", number=m.number, at=day, line=sign_line(sign))
            for sign in m.agreement.signs
        ]
        if m.step is Step.CLOSED:
            last_closed = m
    return lines


def _reviewed(group: Group, m: Meeting, day: date, previous: Meeting | None) -> list[Text]:
    """The signs of the last paper this meeting gave a verdict on or explained, in order."""
    verdicts = {v.sign_number: v for v in m.verdicts}
    numbers = sorted(set(verdicts) | {e.sign for e in m.explanations if e.sign is not None})
    lines: list[Text] = []
    for number in numbers:
        signs = previous.agreement.signs if previous is not None else []
        text = signs[number - 1].text if 1 <= number <= len(signs) else "–"
        verdict = verdicts.get(number)
        if verdict is not None:
            lines.append(
                t(
                    "learning.log.verdict",
                    number=m.number,
                    at=day,
                    sign=number,
                    text=text,
                    verdict=verdict.verdict,
                    note=verdict.note,
                    name=group.name_of(verdict.author),
                )
            )
        lines += [
            t(
                "learning.log.explained",
                number=m.number,
                at=day,
                sign=number,
                text=text,
                explanation=e.text,
                name=group.name_of(e.author),
            )
            for e in m.explanations
            if e.sign == number
        ]
    return lines
