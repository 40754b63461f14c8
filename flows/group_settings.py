"""A group's settings (issue 14): the handlers of `RenameGroup`, `ChangeRhythm`,
`ChangeTimeboxes`, `ChangeHolidayRule` and `ChangeChannel`.

Each is checked as setting up a group checks it: a name unique in the group's workspace,
the rhythm options of `group create` (`flows.rhythm.cadence_from`: one rhythm, in its
limits), time-boxes in the setting's limits, one group per channel. A change of rhythm or
holiday rule leaves the meeting already planned where it is; the meetings after it follow
the new rule (the rhythm is anchored at the planned meeting, so its weekday and time of
day carry on). New time-boxes apply from the next step a meeting starts.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from flows.cadence import Frequency, HolidayRule
from flows.errors import InvalidInput
from flows.group_commands import (
    ChangeChannel,
    ChangeHolidayRule,
    ChangeRhythm,
    ChangeTimeboxes,
    RenameGroup,
)
from flows.outputs import ListItems, Output, Say, ToChannel, t
from flows.rhythm import cadence_from, group_cadence, next_slot, rhythm
from flows.steps import DIALOGUE_STEPS, FINAL_STEPS
from flows.validation import MAX_LABEL, clean_text

if TYPE_CHECKING:
    from flows.machine import GroupContext

#: Longest time-box of a step, in minutes (as the settings allow).
MAX_TIMEBOX = 240
#: Longest channel name or id (`groups.channel`).
MAX_CHANNEL = 255
#: What the group is told about each holiday rule.
HOLIDAY_TEXTS = {
    HolidayRule.KEEP: "group.holidays.keep",
    HolidayRule.SKIP: "group.holidays.skip",
    HolidayRule.NEXT_WORKING_DAY: "group.holidays.next_working_day",
}


def rename_group(ctx: GroupContext, cmd: RenameGroup) -> list[Output]:
    group = ctx.group
    name = clean_text(cmd.name, limit=MAX_LABEL)
    if name == group.name:
        raise InvalidInput("group.error.same_name", name=name)
    other = ctx.uow.groups.by_name(name, group.workspace)
    if other is not None and other.id != group.id:
        raise InvalidInput("error.group_exists", name=name)
    before, group.name = group.name, name
    ctx.uow.groups.save(group)
    return [Say(ToChannel(group.id or 0), t("group.renamed", before=before, name=name))]


def change_rhythm(ctx: GroupContext, cmd: ChangeRhythm) -> list[Output]:
    group, gid = ctx.group, ctx.group.id or 0
    if cmd.days is None and cmd.weeks is None and cmd.nth is None:
        raise InvalidInput("group.error.no_rhythm")
    holidays = group_cadence(group).holidays
    cadence = cadence_from(days=cmd.days, weeks=cmd.weeks, nth=cmd.nth, holidays=holidays)
    latest = ctx.uow.meetings.latest(gid)
    group.cadence = cadence
    if cadence.frequency is Frequency.DAYS:
        group.cadence_days = cadence.interval
    if latest is not None:  # the rhythm carries on from the meeting planned (or held) last
        group.cadence_start = latest.scheduled_at
    ctx.uow.groups.save(group)
    outputs: list[Output] = [
        Say(ToChannel(gid), t("group.rhythm_changed", group=group.name, rhythm=rhythm(group)))
    ]
    if latest is not None and latest.step not in FINAL_STEPS:
        after = next_slot(group, latest.scheduled_at, ctx.now, ctx.calendar)
        kept = t("group.rhythm_next", number=latest.number, at=latest.scheduled_at, after=after)
        outputs.append(Say(ToChannel(gid), kept))
    return outputs


def change_timeboxes(ctx: GroupContext, cmd: ChangeTimeboxes) -> list[Output]:
    group = ctx.group
    if not cmd.minutes:
        raise InvalidInput("group.error.no_timebox")
    for step, minutes in cmd.minutes.items():
        if step not in DIALOGUE_STEPS:
            raise InvalidInput("group.error.timebox_step", step=step)
        if not 1 <= minutes <= MAX_TIMEBOX:
            raise InvalidInput("group.error.timebox_minutes", step=step, limit=MAX_TIMEBOX)
    group.timeboxes.update(cmd.minutes)
    ctx.uow.groups.save(group)
    lines = tuple(
        t("group.timebox_line", step=step, minutes=group.timeboxes[step]) for step in DIALOGUE_STEPS
    )
    heading = t("group.timeboxes_changed", group=group.name)
    return [ListItems(ToChannel(group.id or 0), heading, lines)]


def change_holiday_rule(ctx: GroupContext, cmd: ChangeHolidayRule) -> list[Output]:
    group = ctx.group
    group.cadence = dataclasses.replace(group_cadence(group), holidays=HolidayRule(cmd.rule))
    ctx.uow.groups.save(group)
    return [Say(ToChannel(group.id or 0), t(HOLIDAY_TEXTS[cmd.rule], group=group.name))]


def change_channel(ctx: GroupContext, cmd: ChangeChannel) -> list[Output]:
    group = ctx.group
    channel = clean_text(cmd.channel.strip().removeprefix("#"), limit=MAX_CHANNEL)
    if channel == group.channel:
        raise InvalidInput("group.error.same_channel", channel=channel)
    other = ctx.uow.groups.by_channel(group.workspace, channel)
    if other is not None and other.id != group.id:
        raise InvalidInput("group.error.channel_taken", channel=channel, group=other.name)
    group.channel = channel
    ctx.uow.groups.save(group)
    said = t("group.channel_changed", group=group.name, channel=channel)
    return [Say(ToChannel(group.id or 0), said)]
