"""Lines and lists that show what the group has said: themes, actions, the agreement paper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows import element_review  # the core-elements review on the paper (issue 17)
from flows.commands import CastVote, Item
from flows.expectations import sign_line  # the learning loop (issue 17)
from flows.model import Action, Amendment, Group, Meeting, Observation, ObservationSource
from flows.outputs import (
    PRESSER,
    Audience,
    Choice,
    ListItems,
    MeetingClosed,
    Output,
    Say,
    Text,
    ThemeList,
    ToChannel,
    ToUser,
    t,
)
from flows.rules import RULES, affordances
from flows.steps import Step

if TYPE_CHECKING:
    from flows.machine import Context


def action_line(group: Group, action: Action, *, index: int | None = None) -> Text:
    return t(
        "item.action",
        index=index if index is not None else action.number,
        what=action.what,
        owner=group.name_of(action.owner),
        follow_up=group.name_of(action.follow_up),
        due=action.due,
        status=action.status,
        note=action.status_note,
    )


def observation_line(group: Group, meeting: Meeting, obs: Observation) -> Text:
    return t(
        "item.observation",
        number=obs.number,
        name=group.name_of(obs.author),
        text=obs.text,
        prepared=obs.source is ObservationSource.PREPARATION,
    )


def themes_list(ctx: Context, to: Audience) -> ThemeList:
    """The ranked themes, each with a vote button while votes may be cast."""
    m = ctx.meeting
    ranked = m.ranked_themes()
    votes: tuple[Choice, ...] = ()
    if m.step in RULES[CastVote].steps:
        votes = tuple(
            Choice(t("choice.vote_on", number=th.number), CastVote(PRESSER, m.id or 0, th.number))
            for th in ranked
        )
    items = tuple(
        t(
            "item.theme",
            number=th.number,
            title=th.title,
            votes=m.votes_for(th.number),
            rank=rank,
            focus=th.number == m.focus_theme,
        )
        for rank, th in enumerate(ranked, start=1)
    )
    return ThemeList(to, m.id or 0, t("themes.heading"), items, t("themes.none"), votes)


def goals(ctx: Context, meeting: Meeting, to: Audience) -> ListItems:
    paper = meeting.agreement
    items = [
        t("paper.short_term", text=paper.short_term_goal or "–"),
        t("paper.long_term", text=paper.long_term_goal or "–"),
    ]
    items += [sign_line(s) for s in paper.signs]  # with what it expects (issue 17)
    return ListItems(to, t("paper.goals_heading", number=meeting.number), tuple(items))


def agreement_lists(ctx: Context, meeting: Meeting, to: Audience) -> list[ListItems]:
    """The agreement paper as lists: goals and signs, actions, take-aways (and amendments,
    and the notes of an offer-level meeting's core-elements review, issue 17)."""
    group = ctx.group
    tagged = any(a.element is not None for a in meeting.agreement.actions)
    offer = element_review.offer_of(ctx.uow, group) if tagged or meeting.element_notes else None
    actions = tuple(  # with the core element an action is tagged with (issue 17)
        t("review.tagged_line", line=action_line(group, a),
          element=element_review.tag_text(offer, a.element)) if a.element is not None
        else action_line(group, a)
        for a in meeting.agreement.actions
    )  # fmt: skip
    takeaways = tuple(
        t("item.takeaway", name=group.name_of(tk.author), text=tk.text) for tk in meeting.takeaways
    )
    lists = [
        goals(ctx, meeting, to),
        ListItems(to, t("paper.actions_heading"), actions, t("paper.no_actions")),
        ListItems(to, t("paper.takeaways_heading"), takeaways, t("paper.no_takeaways")),
    ]
    if meeting.amendments:
        lines = tuple(amendment_line(group, a) for a in meeting.amendments)
        lists.append(ListItems(to, t("paper.amendments_heading"), lines))
    if meeting.element_notes:  # the core-elements review's notes, as the paper has them (17)
        notes = tuple(element_review.note_lines(group, offer, meeting.element_notes))
        lists.append(ListItems(to, t("review.paper_heading"), notes))
    return lists


def amendment_line(group: Group, amendment: Amendment) -> Text:
    """Who changed what on the paper after the meeting, and when."""
    return t(
        "paper.amendment",
        at=amendment.at,
        name=group.name_of(amendment.by),
        item=Item(amendment.item),
        number=amendment.number,
        removed=amendment.removed,
    )


def closing(ctx: Context) -> list[Output]:
    """The summary at close, and a take-away question to whoever has not given one."""
    m = ctx.meeting
    to = ToChannel(m.group_id)
    outputs: list[Output] = [
        MeetingClosed(to, m.id or 0, t("meeting.closed", number=m.number), affordances(Step.CLOSED))
    ]
    outputs += agreement_lists(ctx, m, to)
    given = {tk.author for tk in m.takeaways}
    outputs += [
        Say(ToUser(member.user_id), t("takeaway.ask", group=ctx.group.name))
        for member in ctx.group.members
        if member.user_id not in given
    ]
    return outputs
