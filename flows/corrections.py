"""Corrections: edit and withdraw what was contributed, and amend the paper after close.

Who may: a contribution's author while the meeting is open, a leader (or co-leader)
always. Goals belong to the whole group (any member sets them), so any member may
correct them while the meeting is open. Prepared points are private until the meeting
starts, so only their author corrects them, and only until then (at the start they
become observations, which are corrected as such).

After close only the agreement paper (goals, signs, actions) may change, by a leader,
and every change is kept as an `Amendment` (who, when, what) shown on the paper;
a take-away stays its author's own to correct. Numbers stay as they were shown: a
withdrawn item leaves a gap (new items are numbered after the highest), so "theme 3"
keeps naming the same theme for everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from flows import summary
from flows.commands import EditAction, EditItem, Item, MeetingCommand, RemoveItem
from flows.errors import InvalidInput, NotFound, NotLeader, WrongStep
from flows.item_text import still_as_seen
from flows.model import Action, ActionStatus, Amendment, Meeting, PointKind
from flows.outputs import ItemRef, Output, Say, ToActor, ToChannel, t
from flows.steps import Step
from flows.validation import MAX_LABEL, clean_text

if TYPE_CHECKING:
    from flows.machine import Context

#: Prepared points by number, in the order a preparation request asks for them.
POINT_ORDER = (PointKind.POSITIVE, PointKind.IMPROVEMENT, PointKind.QUESTION)
#: What may still change once the meeting has closed.
PAPER = frozenset({Item.GOAL, Item.SIGN, Item.ACTION, Item.TAKEAWAY})
GROUP = ""  # the "author" of what belongs to the whole group (the goals)


class Numbered(Protocol):
    @property
    def number(self) -> int: ...


def _missing(item: Item, number: int) -> NotFound:
    return NotFound("correct.error.no_item", item=item, number=number)


def paper_meeting(ctx: Context, item: Item) -> Meeting:
    """The meeting whose item is meant: before a meeting starts, its paper is still empty,
    so goals, signs, actions and take-aways name the last closed meeting's (as
    `ShowAgreements` shows it)."""
    planned = ctx.meeting.step in (Step.SCHEDULED, Step.PREPARING)
    if item in PAPER and planned and ctx.previous is not None:
        return ctx.previous
    return ctx.meeting


def _may_change(
    ctx: Context, target: Meeting, cmd: MeetingCommand, item: Item, author: str
) -> bool:
    """Refuse a sender who may not change this; True when the change is an amendment."""
    closed = target.step is Step.CLOSED
    if closed and item not in PAPER:
        raise WrongStep("correct.error.closed_item")
    if item is Item.POINT and ctx.meeting.step not in (Step.SCHEDULED, Step.PREPARING):
        raise WrongStep("correct.error.point_started")
    if item is Item.POINT or item is Item.TAKEAWAY:  # a person's own words
        if cmd.actor != author and not (item is Item.TAKEAWAY and ctx.group.is_leader(cmd.actor)):
            raise NotLeader("correct.error.not_yours", name=ctx.group.name_of(author))
        return False
    if ctx.group.is_leader(cmd.actor):
        return closed
    if closed:
        raise NotLeader("correct.error.closed", leader=ctx.group.leader.name)
    if author != GROUP and cmd.actor != author:
        raise NotLeader("correct.error.not_yours", name=ctx.group.name_of(author))
    return False


def _said(ctx: Context, cmd: MeetingCommand, item: Item, number: int, text: str | None) -> Output:
    """Who corrected or withdrew what; a correction shows the item as it is now (`ItemRef`)."""
    name = ctx.group.name_of(cmd.actor)
    to = ToActor(cmd.actor) if item is Item.POINT else ToChannel(ctx.meeting.group_id)
    if text is None:
        return Say(to, t("correct.removed", name=name, item=item, number=number))
    line = t("correct.edited", name=name, item=item, number=number, text=text)
    if item is Item.POINT:  # private: nothing to correct from in the channel
        return Say(to, line)
    return Say(to, line, ItemRef(paper_meeting(ctx, item).id or 0, item, number, text))


def _kept(
    ctx: Context, target: Meeting, cmd: MeetingCommand, item: Item, number: int, amended: bool
) -> None:
    """Keep an amendment with the paper it changed; have the action reminders follow."""
    if amended:
        removed = isinstance(cmd, RemoveItem)
        target.amendments.append(Amendment(ctx.now, cmd.actor, item, number, removed))
    if target is not ctx.meeting:
        ctx.previous_dirty = True  # saved, and its actions' reminders re-planned
    elif item is Item.ACTION and target.step is Step.CLOSED:
        ctx.actions_changed = True


# Finding what a number names ------------------------------------------------------------

Found = tuple[str, Callable[[str | None], None]]  # (author, set new text or None: remove)


def _point(ctx: Context, cmd: MeetingCommand, number: int) -> Found:
    m = ctx.meeting
    kind = POINT_ORDER[number - 1] if 1 <= number <= len(POINT_ORDER) else None
    point = m.points_of(cmd.actor).get(kind) if kind else None
    if point is None:
        raise _missing(Item.POINT, number)

    def change(text: str | None) -> None:
        if text is None:
            m.points.remove(point)
        else:
            point.text, point.updated_at = text, ctx.now

    return point.author, change


def _numbered(items: list[Any], number: int, item: Item, author: str, field: str) -> Found:
    """An item of a list numbered by its `number` attribute; its text is `field`."""
    found = next((x for x in items if x.number == number), None)
    if found is None:
        raise _missing(item, number)

    def change(text: str | None) -> None:
        if text is None:
            items.remove(found)
        else:
            setattr(found, field, text)

    return getattr(found, author), change


def _placed(items: list[Any], number: int, item: Item, field: str) -> Found:
    """An item of a list numbered by its place, from 1."""
    if not 1 <= number <= len(items):
        raise _missing(item, number)
    found = items[number - 1]

    def change(text: str | None) -> None:
        if text is None:
            items.remove(found)
        else:
            setattr(found, field, text)

    return found.author, change


def _theme(ctx: Context, number: int) -> Found:
    m = ctx.meeting
    author, change = _numbered(m.themes, number, Item.THEME, "proposed_by", "title")

    def change_theme(text: str | None) -> None:
        if text is not None:
            if any(th.title.casefold() == text.casefold() for th in m.themes):
                raise InvalidInput("error.theme_exists", title=text)
        else:  # its votes go back to the voters; what was said about it goes with it
            m.votes = [v for v in m.votes if v.theme_number != number]
            m.explanations = [x for x in m.explanations if x.theme_number != number]
            m.focus_theme = None if m.focus_theme == number else m.focus_theme
        change(text)

    return author, change_theme


def _goal(target: Meeting, number: int) -> Found:
    paper = target.agreement
    if number not in (1, 2) or not (paper.short_term_goal, paper.long_term_goal)[number - 1]:
        raise _missing(Item.GOAL, number)

    def change(text: str | None) -> None:
        if number == 1:
            paper.short_term_goal = text or ""
        else:
            paper.long_term_goal = text or ""

    return GROUP, change


def _review(ctx: Context, number: int) -> Found:
    m = ctx.meeting
    if not 1 <= number <= len(m.reviews):
        raise _missing(Item.REVIEW, number)
    review = m.reviews[number - 1]
    prev = ctx.previous
    action = prev.action(review.action_number) if prev else None

    def change(text: str | None) -> None:
        if text is None:  # the action is open again, as before the review
            m.reviews.remove(review)
            if action is not None:
                action.status, action.status_note = ActionStatus.OPEN, ""
                action.closed_on = None  # the learning loop (issue 17)
        else:
            review.note = text
            if action is not None:
                action.status_note = text
        ctx.previous_dirty = action is not None

    return review.author, change


def _find(ctx: Context, target: Meeting, cmd: MeetingCommand, item: Item, number: int) -> Found:
    m = target
    if item is Item.POINT:
        return _point(ctx, cmd, number)
    if item is Item.REVIEW:
        return _review(ctx, number)
    if item is Item.OBSERVATION:
        return _numbered(m.observations, number, item, "author", "text")
    if item is Item.THEME:
        return _theme(ctx, number)
    if item is Item.EXPLANATION:
        return _numbered(m.explanations, number, item, "author", "text")
    if item is Item.GOAL:
        return _goal(m, number)
    if item is Item.SIGN:
        return _placed(m.agreement.signs, number, item, "text")
    if item is Item.ACTION:
        return _numbered(m.agreement.actions, number, item, "author", "what")
    return _placed(m.takeaways, number, item, "text")


# Handlers -------------------------------------------------------------------------------


def edit_item(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, EditItem)
    labels = (Item.THEME, Item.GOAL, Item.SIGN, Item.ACTION)
    text = clean_text(cmd.text, limit=MAX_LABEL) if cmd.item in labels else clean_text(cmd.text)
    target = paper_meeting(ctx, cmd.item)
    author, change = _find(ctx, target, cmd, cmd.item, cmd.number)
    still_as_seen(target, cmd.item, cmd.number, cmd.seen)
    amended = _may_change(ctx, target, cmd, cmd.item, author)
    change(text)
    _kept(ctx, target, cmd, cmd.item, cmd.number, amended)
    outputs = [_said(ctx, cmd, cmd.item, cmd.number, text)]
    if cmd.item is Item.THEME:
        outputs.append(summary.themes_list(ctx, ToChannel(ctx.meeting.group_id)))
    return outputs


def remove_item(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, RemoveItem)
    target = paper_meeting(ctx, cmd.item)
    author, change = _find(ctx, target, cmd, cmd.item, cmd.number)
    still_as_seen(target, cmd.item, cmd.number, cmd.seen)
    amended = _may_change(ctx, target, cmd, cmd.item, author)
    change(None)
    _kept(ctx, target, cmd, cmd.item, cmd.number, amended)
    outputs = [_said(ctx, cmd, cmd.item, cmd.number, None)]
    if cmd.item is Item.THEME:
        outputs.append(summary.themes_list(ctx, ToChannel(ctx.meeting.group_id)))
    return outputs


def edit_action(ctx: Context, cmd: MeetingCommand) -> list[Output]:
    assert isinstance(cmd, EditAction)
    target = paper_meeting(ctx, Item.ACTION)
    action = target.action(cmd.number)
    if action is None:
        raise _missing(Item.ACTION, cmd.number)
    amended = _may_change(ctx, target, cmd, Item.ACTION, action.author)
    changed = checked_action(ctx, cmd.number, cmd.what, cmd.owner, cmd.follow_up, cmd.due)
    action.what, action.owner, action.follow_up, action.due = (
        changed.what, changed.owner, changed.follow_up, changed.due,
    )  # fmt: skip
    _kept(ctx, target, cmd, Item.ACTION, cmd.number, amended)
    line = summary.action_line(ctx.group, action)
    name = ctx.group.name_of(cmd.actor)
    return [Say(ToChannel(ctx.meeting.group_id), t("correct.action_edited", name=name, line=line))]


def checked_action(
    ctx: Context, number: int, what: str, owner: str, follow_up: str, due: date
) -> Action:
    """An action as written; refused when a person is not in the group or the day has passed."""
    text = clean_text(what, limit=MAX_LABEL)
    for who in (owner, follow_up):
        if ctx.group.member(who) is None:
            raise InvalidInput("error.unknown_person", name=who, group=ctx.group.name)
    if due < ctx.now.astimezone(ZoneInfo(ctx.group.timezone)).date():
        raise InvalidInput("error.due_in_past", due=due)
    return Action(number, text, owner, follow_up, due)


def next_number(items: Sequence[Numbered]) -> int:
    """The number of a new item: after the highest, so a withdrawn one's number stays free."""
    return max((x.number for x in items), default=0) + 1
