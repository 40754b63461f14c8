"""App Home: my groups, their next meetings, my preparation status and my open actions
(with the buttons an action reminder has: done, remind me later, no longer relevant)."""

from __future__ import annotations

from typing import Any

from bot import choices
from bot.dispatch import Dispatcher
from bot.slack import ids
from bot.slack.blocks import Style, _actions, _section, _sections, button
from flows.model import Role
from flows.outputs import Text, t
from flows.queries import current_meeting, list_groups, meeting_with_previous
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
    actions: list[str] = []
    if not groups:
        lines.append(s.mrkdwn(t("slack.home.none", command=command)))
    for group in groups:
        meeting = await base.query(current_meeting, group.id or 0)
        _, previous = await base.query(meeting_with_previous, meeting.id or 0)
        lines.append(
            "• "
            + s.mrkdwn(
                t("slack.home.group", name=group.name, channel=group.channel,
                  number=meeting.number, at=meeting.scheduled_at, step=meeting.step)
            )
        )  # fmt: skip
        if meeting.step in (Step.SCHEDULED, Step.PREPARING):
            member = group.member(user)
            if member is not None and member.role is Role.PARTICIPANT:
                key = (
                    "slack.home.prepared" if meeting.has_prepared(user) else "slack.home.unprepared"
                )
                lines.append("    " + s.mrkdwn(Text(key)))
            elif group.is_leader(user):
                done = sum(1 for p in group.participants if meeting.has_prepared(p.user_id))
                count = t("slack.home.prepared_count", done=done, total=len(group.participants))
                lines.append("    " + s.mrkdwn(count))
        papers = [m for m in (previous, meeting) if m is not None and m.step in FINAL_STEPS]
        for paper in papers:
            for a in paper.agreement.actions:
                if a.owner != user or not a.is_open:
                    continue
                actions.append(_section("• " + s.mrkdwn(action_line(group, a))))
                buttons = (
                    button(
                        s.plain(choice.label),
                        f"{ids.CHOICE}{choices.tag(type(choice.command))}_{i}",
                        choices.encode(choice),
                    )
                    for i, choice in enumerate(action_choices(paper.id or 0, a.number))
                )
                actions.append(_actions(*buttons))
    blocks = _sections(lines)
    if actions:
        blocks += [_section(f"*{s.mrkdwn(t('slack.home.actions'))}*"), *actions]
    return {"type": "home", "blocks": blocks[:100]}
