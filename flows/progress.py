"""Handlers that move a meeting through its steps, and what the group sees on entering each."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from flows import (  # element_review, offer_digest: the offer level (issue 17)
    cancelling,
    element_review,
    follow_up,
    learning,
    offer_digest,
    summary,
)
from flows.commands import Advance, Cancel, Extend, MeetingCommand
from flows.errors import InvalidInput
from flows.forms import step_options
from flows.model import ActionStatus, Observation, ObservationSource, PointKind
from flows.outputs import (
    PRESSER,
    AskPreparation,
    ChartKind,
    Choice,
    ChoiceStyle,
    ListItems,
    Output,
    RequestChart,
    Say,
    ShowChoices,
    StepStarted,
    Text,
    ToActor,
    ToChannel,
    ToUser,
    t,
)
from flows.rules import PLANNED, affordances, planning_controls, step_controls
from flows.steps import GUIDING_QUESTIONS, Step, next_dialogue_step

if TYPE_CHECKING:
    from flows.machine import Context

MAX_EXTEND_MINUTES = 60


def preparation_questions() -> tuple[Text, ...]:
    return tuple(Text(key) for key in GUIDING_QUESTIONS[Step.PREPARING])


def ask_preparation(ctx: Context, user_id: str, intro: Text) -> AskPreparation:
    current = {kind: p.text for kind, p in ctx.meeting.points_of(user_id).items()}
    return AskPreparation(
        to=ToUser(user_id),
        meeting_id=ctx.meeting.id or 0,
        intro=intro,
        questions=preparation_questions(),
        current=current,
    )


def open_preparation(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    m = ctx.meeting
    m.step = Step.PREPARING
    outputs: list[Output] = [
        Say(ToChannel(m.group_id), t("prep.opened", number=m.number, at=m.scheduled_at)),
    ]
    intro = t("prep.request", group=ctx.group.name, at=m.scheduled_at)
    for p in ctx.group.participants:
        outputs += [
            ask_preparation(ctx, p.user_id, intro),
            RequestChart(ToUser(p.user_id), m.id or 0, ChartKind.DATA),
        ]
    return outputs + offer_digest.at_preparation(ctx)  # offer level (issue 17)


def start(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    m = ctx.meeting
    outputs: list[Output] = [
        Say(ToChannel(m.group_id), t("meeting.started", number=m.number, group=ctx.group.name)),
        preparation_status(ctx, ToChannel(m.group_id)),
        RequestChart(ToChannel(m.group_id), m.id or 0, ChartKind.PREPARATION),
        *follow_up.at_start(ctx, cmd.actor),  # the learning loop (issue 17): for the leader
    ]
    return outputs + enter_step(ctx, Step.SINCE_LAST)


def advance(ctx: Context, cmd: Advance) -> list[Output]:
    m = ctx.meeting
    if m.step is Step.EXPLORE and not m.themes:
        raise InvalidInput("error.need_theme")
    if m.step is Step.INTERPRET and m.focus_theme is None:
        raise InvalidInput("error.need_focus")
    if m.step is Step.PREPARE_ACTION and not m.agreement.actions:
        raise InvalidInput("error.need_action")
    return enter_step(ctx, next_dialogue_step(m.step))


def cancel(ctx: Context, cmd: Cancel) -> list[Output]:
    """Unconfirmed: only the question (`flows.cancelling`). Confirmed: cancelled, keeping
    when and from which step for an undo; the service then plans the next meeting."""
    m = ctx.meeting
    if not cmd.confirmed:
        return [cancelling.confirmation(m, cmd.actor)]
    ctx.dirty = True
    m.cancelled_at, m.cancelled_from = ctx.now, m.step
    m.step = Step.CANCELLED
    m.step_deadline = None
    return [Say(ToChannel(m.group_id), t("meeting.cancelled", number=m.number))]


def extend(ctx: Context, cmd: Extend) -> list[Output]:
    if not 1 <= cmd.minutes <= MAX_EXTEND_MINUTES:
        raise InvalidInput("error.extend_range", limit=MAX_EXTEND_MINUTES)
    m = ctx.meeting
    base = max(m.step_deadline or ctx.now, ctx.now)
    m.step_deadline = base + timedelta(minutes=cmd.minutes)
    m.timeup_notified = False
    return [
        Say(
            ToChannel(m.group_id),
            t("timebox.extended", minutes=cmd.minutes, step=m.step, until=m.step_deadline),
        )
    ]


def check_timebox(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    """Tell the group once when the step's time-box runs out, with extend/continue choices."""
    m = ctx.meeting
    if m.step_deadline is None or m.timeup_notified or ctx.now < m.step_deadline:
        return []
    m.timeup_notified = True
    ctx.dirty = True
    _, extend, _ = step_controls(m.id or 0, m.step)
    move_on = Choice(t("choice.next"), Advance(PRESSER, m.id or 0, m.step), ChoiceStyle.PRIMARY)
    up = t("timebox.up", step=m.step)
    return [ShowChoices(ToChannel(m.group_id), m.id or 0, up, (extend, move_on))]


def show_status(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    m = ctx.meeting
    items = [t("status.step", step=m.step, number=m.number, at=m.scheduled_at)]
    if m.step_deadline is not None:
        left = max(0, int((m.step_deadline - ctx.now).total_seconds() // 60))
        items.append(t("status.time_left", minutes=left, until=m.step_deadline))
    items += [
        t(
            "status.counts",
            points=len(m.points),
            observations=len(m.observations),
            themes=len(m.themes),
            actions=len(m.agreement.actions),
        ),
    ]
    heading = t("status.heading", group=ctx.group.name)
    outputs: list[Output] = [
        ListItems(ToActor(cmd.actor), heading, tuple(items)),
        preparation_status(ctx, ToActor(cmd.actor)),
    ]
    if m.step in PLANNED and ctx.group.is_leader(cmd.actor):  # planning on every platform
        controls = planning_controls(m.id or 0, m.scheduled_at)
        text = t("status.planning", number=m.number, at=m.scheduled_at)
        outputs.append(ShowChoices(ToActor(cmd.actor), m.id or 0, text, controls))
    return outputs


def preparation_status(ctx: Context, to: ToChannel | ToActor) -> ListItems:
    """Who has prepared (never what, before the meeting)."""
    items = tuple(
        t("prep.status_line", name=p.name, prepared=ctx.meeting.has_prepared(p.user_id))
        for p in ctx.group.participants
    )
    done = sum(1 for p in ctx.group.participants if ctx.meeting.has_prepared(p.user_id))
    heading = t("prep.status_heading", done=done, total=len(ctx.group.participants))
    return ListItems(to, heading, items)


# Entering a step ------------------------------------------------------------


def enter_step(ctx: Context, step: Step) -> list[Output]:
    m = ctx.meeting
    m.step = step
    if step is Step.CLOSED:
        m.step_started_at, m.step_deadline = ctx.now, None
        return summary.closing(ctx)
    minutes = ctx.group.timeboxes.get(step, 15)
    m.step_started_at = ctx.now
    m.step_deadline = ctx.now + timedelta(minutes=minutes)
    m.timeup_notified = False
    to = ToChannel(m.group_id)
    offered = affordances(step)
    started = StepStarted(
        to=to,
        meeting_id=m.id or 0,
        step=step,
        title=t(f"step.{step}.title", minutes=minutes),
        questions=tuple(Text(k) for k in GUIDING_QUESTIONS[step]),
        deadline=m.step_deadline,
        controls=step_controls(m.id or 0, step),
        affordances=offered,
        options=step_options(offered, ctx.group, m, ctx.previous),
    )
    return [started, *_STEP_CONTENT[step](ctx)]


def _since_last_content(ctx: Context) -> list[Output]:
    to = ToChannel(ctx.meeting.group_id)
    prev = ctx.previous
    if prev is None:
        return [Say(to, t("since_last.first_meeting"))]
    outputs: list[Output] = [summary.goals(ctx, prev, to)]
    items = tuple(
        summary.action_line(ctx.group, a, index=i)
        for i, a in enumerate(prev.agreement.actions, start=1)
    )
    outputs.append(
        ListItems(
            to,
            t("since_last.actions_heading", number=prev.number, at=prev.scheduled_at),
            items,
            t("since_last.no_actions"),
        )
    )
    if any(a.status is ActionStatus.OPEN for a in prev.agreement.actions):
        outputs.append(Say(to, t("since_last.review_hint")))
    if prev.agreement.signs:  # re-plotted, checked against what they expect (issue 17)
        options = learning.sign_chart_options(prev)
        outputs.append(RequestChart(to, ctx.meeting.id or 0, ChartKind.SIGNS, options))
        outputs += learning.verdict_choices(ctx, prev)
    return outputs


def _explore_content(ctx: Context) -> list[Output]:
    """Bring the preparation points into the room as the first observations."""
    m = ctx.meeting
    to = ToChannel(m.group_id)
    if not any(o.source is ObservationSource.PREPARATION for o in m.observations):
        for point in sorted(m.points, key=lambda p: (list(PointKind).index(p.kind), p.updated_at)):
            m.observations.append(
                Observation(
                    number=len(m.observations) + 1,
                    author=point.author,
                    text=point.text,
                    source=ObservationSource.PREPARATION,
                )
            )
    items = tuple(summary.observation_line(ctx.group, m, o) for o in m.observations)
    return [
        ListItems(to, t("explore.points_heading"), items, t("explore.no_points")),
        RequestChart(to, m.id or 0, ChartKind.DATA),
        Say(to, t("explore.hint", budget=ctx.group.vote_budget)),
    ]


def _interpret_content(ctx: Context) -> list[Output]:
    to = ToChannel(ctx.meeting.group_id)
    return [
        summary.themes_list(ctx, to),
        RequestChart(to, ctx.meeting.id or 0, ChartKind.VOTES),
        Say(to, t("interpret.hint")),
        *element_review.at_interpret(ctx),  # the core-elements review (issue 17)
    ]


def _prepare_action_content(ctx: Context) -> list[Output]:
    m = ctx.meeting
    to = ToChannel(m.group_id)
    theme = m.theme(m.focus_theme or 0)
    items = tuple(
        t("item.explanation", name=ctx.group.name_of(e.author), text=e.text)
        for e in m.explanations
        if e.theme_number == m.focus_theme
    )
    return [
        ListItems(to, t("prepare_action.focus", title=theme.title if theme else ""), items),
        Say(to, t("prepare_action.hint")),
    ]


_STEP_CONTENT = {
    Step.SINCE_LAST: _since_last_content,
    Step.EXPLORE: _explore_content,
    Step.INTERPRET: _interpret_content,
    Step.PREPARE_ACTION: _prepare_action_content,
}
