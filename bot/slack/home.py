"""App Home: my groups, their next meetings, my preparation status, the newest lines of each
group's learning log (issue 17) and my open actions (with the buttons an action reminder
has: done, remind me later, no longer relevant, and the *Ret* / *Fjern* menu of the
action's message)."""

from __future__ import annotations

from typing import Any

from bot.dispatch import Dispatcher
from bot.slack.blocks import Style, _actions, _section, _sections, choice_buttons
from bot.slack.correct_menu import overflow  # Ret / Fjern (issue 14)
from flows.commands import Item
from flows.model import Group, Meeting, Role
from flows.outputs import ItemRef, Text, t
from flows.queries import current_meeting, list_groups, meeting_with_previous, recent_learnings
from flows.reminder_messages import action_choices
from flows.steps import FINAL_STEPS, Step
from flows.summary import action_line


async def home_view(
    base: Dispatcher, s: Style, workspace: str, user: str, command: str
) -> dict[str, Any]:
    groups = [
        g for g in await base.query(list_groups) if g.workspace == workspace and g.member(user)
    ]
    lines = [f"*{s.mrkdwn(t('slack.home.heading'))}*"]
    actions: list[dict[str, Any]] = []
    if not groups:
        lines.append(s.mrkdwn(t("slack.home.none", command=command)))
    for group in groups:
        meeting = await base.query(current_meeting, group.id or 0)
        _, previous = await base.query(meeting_with_previous, meeting.id or 0)
        lines += _group_lines(s, group, meeting, user)
        learned = await base.query(recent_learnings, group.id or 0)  # issue 17
        if learned:
            lines.append("    " + s.mrkdwn(t("slack.home.learned", command=command)))
            lines += ["      " + s.mrkdwn(line) for line in learned]
        actions += _open_actions(s, group, (previous, meeting), user)
    blocks = _sections(lines)
    if actions:
        blocks += [_section(f"*{s.mrkdwn(t('slack.home.actions'))}*"), *actions]
    return {"type": "home", "blocks": blocks[:100]}


def _group_lines(s: Style, group: Group, meeting: Meeting, user: str) -> list[str]:
    """The group and its next meeting; while it is being prepared, how far `user` (a
    participant) or the participants (for a leader) have come."""
    lines = [
        "• "
        + s.mrkdwn(
            t("slack.home.group", name=group.name, channel=group.channel,
              number=meeting.number, at=meeting.scheduled_at, step=meeting.step)
        )
    ]  # fmt: skip
    if meeting.step not in (Step.SCHEDULED, Step.PREPARING):
        return lines
    member = group.member(user)
    if member is not None and member.role is Role.PARTICIPANT:
        key = "slack.home.prepared" if meeting.has_prepared(user) else "slack.home.unprepared"
        lines.append("    " + s.mrkdwn(Text(key)))
    elif group.is_leader(user):
        done = sum(1 for p in group.participants if meeting.has_prepared(p.user_id))
        count = t("slack.home.prepared_count", done=done, total=len(group.participants))
        lines.append("    " + s.mrkdwn(count))
    return lines


def _open_actions(
    s: Style, group: Group, meetings: tuple[Meeting | None, ...], user: str
) -> list[dict[str, Any]]:
    """`user`'s open actions agreed in `meetings`, each with the action reminder's buttons."""
    blocks = []
    for paper in (m for m in meetings if m is not None and m.step in FINAL_STEPS):
        for a in paper.agreement.actions:
            if a.owner == user and a.is_open:
                line = _section("• " + s.mrkdwn(action_line(group, a)))
                shown = ItemRef(paper.id or 0, Item.ACTION, a.number, a.what)
                line["accessory"] = overflow(shown, s.plain)
                blocks.append(line)
                blocks.append(_actions(*choice_buttons(action_choices(paper.id or 0, a.number), s)))
    return blocks
