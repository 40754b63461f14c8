"""Handlers for what members contribute: points, observations, themes, votes, agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows import summary
from flows.commands import (
    AddAction,
    AddExplanation,
    AddObservation,
    AddSign,
    AddTakeaway,
    CastVote,
    ChooseFocus,
    Item,
    MeetingCommand,
    ProposeTheme,
    ReviewAction,
    SetGoal,
    SubmitPoint,
    WithdrawVote,
)
from flows.corrections import checked_action, next_number
from flows.errors import InvalidInput, NotFound
from flows.expectations import checked_expectation, sign_line  # the learning loop (issue 17)
from flows.item_text import item_text
from flows.learning_model import local_day
from flows.model import (
    ActionReview,
    ActionStatus,
    Explanation,
    Observation,
    PreparationPoint,
    Sign,
    Takeaway,
    Theme,
    Vote,
)
from flows.outputs import ItemRef, Output, Say, ToActor, ToChannel, t
from flows.progress import ask_preparation
from flows.steps import Step
from flows.validation import MAX_LABEL, clean_text

if TYPE_CHECKING:
    from flows.machine import Context

MAX_THEMES = 30
MAX_ACTIONS = 20


def _channel(ctx: Context) -> ToChannel:
    return ToChannel(ctx.meeting.group_id)


def _shown(ctx: Context, item: Item, number: int) -> ItemRef:
    """The contribution a channel message shows (for the chats' correct/withdraw menus)."""
    return ItemRef(ctx.meeting.id or 0, item, number, item_text(ctx.meeting, item, number) or "")


def _theme(ctx: Context, number: int) -> Theme:
    theme = ctx.meeting.theme(number)
    if theme is None:
        raise NotFound("error.no_theme", number=number, count=len(ctx.meeting.themes))
    return theme


def submit_point(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, SubmitPoint)
    text = clean_text(cmd.text)
    m = ctx.meeting
    was_prepared = m.has_prepared(cmd.actor)
    m.points = [p for p in m.points if not (p.author == cmd.actor and p.kind == cmd.kind)]
    m.points.append(PreparationPoint(cmd.actor, cmd.kind, text, ctx.now))
    outputs: list[Output] = [Say(ToActor(cmd.actor), t("prep.saved", kind=cmd.kind))]
    if not was_prepared and m.has_prepared(cmd.actor):
        done = sum(1 for p in ctx.group.participants if m.has_prepared(p.user_id))
        outputs.append(
            Say(
                _channel(ctx),
                t(
                    "prep.member_ready",
                    name=ctx.group.name_of(cmd.actor),
                    done=done,
                    total=len(ctx.group.participants),
                ),
            )
        )
    return outputs


def remind_unprepared(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    missing = [p for p in ctx.group.participants if not ctx.meeting.has_prepared(p.user_id)]
    if not missing:
        return [Say(ToActor(cmd.actor), t("prep.all_ready"))]
    intro = t("prep.reminder", group=ctx.group.name, at=ctx.meeting.scheduled_at)
    outputs: list[Output] = [ask_preparation(ctx, p.user_id, intro) for p in missing]
    names = ", ".join(p.name for p in missing)
    return [*outputs, Say(ToActor(cmd.actor), t("prep.reminded", names=names))]


def review_action(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, ReviewAction)
    prev = ctx.previous
    actions = prev.agreement.actions if prev else []
    if not 1 <= cmd.action_ref <= len(actions):
        raise NotFound("error.no_action", number=cmd.action_ref, count=len(actions))
    if cmd.status is ActionStatus.OPEN:
        raise InvalidInput("error.review_status")
    note = clean_text(cmd.note) if cmd.note.strip() else ""
    action = actions[cmd.action_ref - 1]
    if action.status is not cmd.status or action.is_open:  # issue 17: the day it was closed
        closed = cmd.status in (ActionStatus.DONE, ActionStatus.DROPPED)
        action.closed_on = local_day(ctx.now, ctx.group.timezone) if closed else None
    action.status, action.status_note = cmd.status, note
    assert prev is not None and prev.id is not None
    m = ctx.meeting
    m.reviews = [
        r for r in m.reviews if (r.action_meeting_id, r.action_number) != (prev.id, action.number)
    ]
    m.reviews.append(ActionReview(prev.id, action.number, cmd.status, note, cmd.actor))
    ctx.previous_dirty = True
    line = summary.action_line(ctx.group, action, index=cmd.action_ref)
    said = t("since_last.reviewed", name=ctx.group.name_of(cmd.actor), line=line)
    return [Say(_channel(ctx), said, _shown(ctx, Item.REVIEW, len(m.reviews)))]


def add_observation(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, AddObservation)
    m = ctx.meeting
    obs = Observation(next_number(m.observations), cmd.actor, clean_text(cmd.text))
    m.observations.append(obs)
    line = summary.observation_line(ctx.group, m, obs)
    return [Say(_channel(ctx), line, _shown(ctx, Item.OBSERVATION, obs.number))]


def propose_theme(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, ProposeTheme)
    title = clean_text(cmd.title, limit=MAX_LABEL)
    m = ctx.meeting
    if any(th.title.casefold() == title.casefold() for th in m.themes):
        raise InvalidInput("error.theme_exists", title=title)
    if len(m.themes) >= MAX_THEMES:
        raise InvalidInput("error.too_many", limit=MAX_THEMES)
    m.themes.append(Theme(next_number(m.themes), title, cmd.actor))
    return [summary.themes_list(ctx, _channel(ctx))]


def cast_vote(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, CastVote)
    theme = _theme(ctx, cmd.theme_number)
    m = ctx.meeting
    mine = m.votes_by(cmd.actor)
    if any(v.theme_number == theme.number for v in mine):
        raise InvalidInput("error.already_voted", number=theme.number)
    budget = ctx.group.vote_budget
    if len(mine) >= budget:
        raise InvalidInput("error.no_votes_left", budget=budget)
    m.votes.append(Vote(cmd.actor, theme.number))
    return [
        Say(ToActor(cmd.actor), t("vote.counted", title=theme.title, left=budget - len(mine) - 1)),
        summary.themes_list(ctx, _channel(ctx)),
    ]


def withdraw_vote(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, WithdrawVote)
    theme = _theme(ctx, cmd.theme_number)
    m = ctx.meeting
    before = len(m.votes)
    m.votes = [v for v in m.votes if not (v.voter == cmd.actor and v.theme_number == theme.number)]
    if len(m.votes) == before:
        raise InvalidInput("error.not_voted", number=theme.number)
    return [
        Say(ToActor(cmd.actor), t("vote.withdrawn", title=theme.title)),
        summary.themes_list(ctx, _channel(ctx)),
    ]


def add_explanation(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, AddExplanation)
    theme = _theme(ctx, cmd.theme_number)
    m = ctx.meeting
    added = Explanation(next_number(m.explanations), theme.number, cmd.actor, clean_text(cmd.text))
    m.explanations.append(added)
    name = ctx.group.name_of(cmd.actor)
    said = t("interpret.added", title=theme.title, name=name, text=added.text)
    return [Say(_channel(ctx), said, _shown(ctx, Item.EXPLANATION, added.number))]


def choose_focus(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, ChooseFocus)
    theme = _theme(ctx, cmd.theme_number)
    ctx.meeting.focus_theme = theme.number
    return [Say(_channel(ctx), t("interpret.focus_chosen", title=theme.title))]


def set_goal(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, SetGoal)
    text = clean_text(cmd.text, limit=MAX_LABEL)
    paper = ctx.meeting.agreement
    if cmd.long_term:
        paper.long_term_goal = text
    else:
        paper.short_term_goal = text
    key = "paper.long_term" if cmd.long_term else "paper.short_term"
    return [
        Say(_channel(ctx), t(key, text=text), _shown(ctx, Item.GOAL, 2 if cmd.long_term else 1))
    ]


def add_sign(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, AddSign)
    text = clean_text(cmd.text, limit=MAX_LABEL)
    expected = checked_expectation(  # the learning loop (issue 17)
        ctx.uow, ctx.group, cmd.parameter, cmd.direction, cmd.target, cmd.share
    )
    signs = ctx.meeting.agreement.signs
    signs.append(Sign(text, cmd.actor, expected))
    return [Say(_channel(ctx), sign_line(signs[-1]), _shown(ctx, Item.SIGN, len(signs)))]


def add_action(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, AddAction)
    action = checked_action(ctx, 0, cmd.what, cmd.owner, cmd.follow_up, cmd.due)
    actions = ctx.meeting.agreement.actions
    if len(actions) >= MAX_ACTIONS:
        raise InvalidInput("error.too_many", limit=MAX_ACTIONS)
    action.number, action.author = next_number(actions), cmd.actor
    actions.append(action)
    said = t("paper.action_added", line=summary.action_line(ctx.group, action))
    return [Say(_channel(ctx), said, _shown(ctx, Item.ACTION, action.number))]


def add_takeaway(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, AddTakeaway)
    text = clean_text(cmd.text)
    m = ctx.meeting
    replaced = any(tk.author == cmd.actor for tk in m.takeaways)
    m.takeaways = [tk for tk in m.takeaways if tk.author != cmd.actor]
    m.takeaways.append(Takeaway(cmd.actor, text))
    if m.step is Step.CLOSED:
        said = t("item.takeaway", name=ctx.group.name_of(cmd.actor), text=text)
        return [Say(_channel(ctx), said, _shown(ctx, Item.TAKEAWAY, len(m.takeaways)))]
    return [Say(ToActor(cmd.actor), t("takeaway.replaced" if replaced else "takeaway.saved"))]


def show_agreements(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    """This meeting's paper once it has content, otherwise the last meeting's."""
    m = ctx.meeting
    paper = m if (m.agreement.actions or ctx.previous is None) else ctx.previous
    return list(summary.agreement_lists(ctx, paper, ToActor(cmd.actor)))
