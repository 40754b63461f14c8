"""English texts of group changes (issue 14, `flows.group_changes`, `flows.group_settings`):
members and roles, name, rhythm, time-boxes, holiday rule, channel, archiving; and the words
typed back for roles, holiday rules and steps (`bot.console.group_verbs`)."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "Role.former": "former member",
    "HolidayRule.keep": "keep",
    "HolidayRule.skip": "skip",
    "HolidayRule.next_working_day": "next working day",
    "group.error.not_leader": "Only the meeting leader ({leader}) or the co-leader can change the group {group}.",
    "group.error.archived": "The group {group} is archived: nothing happens in it until a meeting leader brings it back.",
    # Members
    "group.member_added": "{name} has joined {group} as a participant.",
    "group.welcome": "Welcome to {group}: you have been added as a participant (meeting leader: {leader}).",
    "group.welcome_next": "The next meeting is meeting {number}, {at}. The invitation and the preparation request follow.",
    "group.member_removed": "{name} has left {group}. Everything {name} wrote stays.",
    "group.open_actions": lambda p: (
        f"{p['name']} had {p['count']} open action{'' if p['count'] == 1 else 's'}:"
    ),
    "group.open_action": "{number}. {what} (meeting {meeting}, due {due})",
    "group.open_actions_hint": (
        "Give each to someone else by editing it (edit action N WHAT | OWNER | FOLLOW-UP | "
        "DATE: the last meeting's actions), or mark it no longer relevant (irrelevant N)."
    ),
    "group.error.already_member": "{name} is already in the group ({role}).",
    "group.error.full": "{group} already has {limit} participants, the most a group can have.",
    "group.error.remove_leader": "{name} leads the group and cannot be removed. Make someone else the meeting leader first.",
    "group.error.last_participant": "{name} is the only participant in {group}; a group needs at least one.",
    # Roles
    "group.role_set.leader": "{name} is now the meeting leader of {group}.",
    "group.role_set.co_leader": "{name} is now the co-leader of {group}.",
    "group.role_set.participant": "{name} is now a participant in {group}.",
    "group.role_stepped": "{name} is now a participant.",
    "group.error.role": "A member can be made meeting leader, co-leader or participant.",
    "group.error.same_role": "{name}'s role is already {role}.",
    "group.error.leader_needed": "{name} is the meeting leader, and a group always has one. Make someone else the meeting leader instead.",
    # Archiving
    "group.archived": "{group} is archived: no meetings and no reminders until a meeting leader brings it back. Everything is kept.",
    "group.unarchived": "{group} is active again.",
    "group.unarchived_unplanned": "No meeting is planned yet: a meeting leader schedules the next one.",
    "group.error.archive_running": "Meeting {number} is under way. Close or cancel it before archiving the group.",
    "group.error.not_archived": "{group} is not archived.",
    "group.archived_line": "{line} · archived",
    "group.archived_on": "Archived since {at}.",
    # Settings
    "group.renamed": "The group {before} is now called {name}.",
    "group.error.same_name": "The group is already called {name}.",
    "group.rhythm_changed": "{group} now meets {rhythm}.",
    "group.rhythm_next": "Meeting {number} stays at {at}; the meeting after it will be {after}.",
    "group.error.no_rhythm": "Say the new rhythm: every N days, every N weeks or monthly (1-4, or -1 for the last).",
    "group.timeboxes_changed": "Time-boxes of {group} (from the next step a meeting starts):",
    "group.timebox_line": "{step}: {minutes} min",
    "group.error.no_timebox": "Say which step and how many minutes.",
    "group.error.timebox_step": "Only the four dialogue steps have time-boxes, not {step}.",
    "group.error.timebox_minutes": "A time-box for {step} is 1 to {limit} minutes.",
    "group.holidays.keep": "From now on {group} meets on public holidays too. Meetings already planned stay where they are.",
    "group.holidays.skip": "From now on {group} skips a meeting on a public holiday; the rhythm's next one is the meeting. Meetings already planned stay where they are.",
    "group.holidays.next_working_day": "From now on a meeting of {group} on a public holiday moves to the next working day. Meetings already planned stay where they are.",
    "group.channel_changed": "{group} now meets in #{channel}.",
    "group.error.same_channel": "The group already meets in #{channel}.",
    "group.error.channel_taken": "#{channel} already belongs to the group {group}.",
    # Words typed back (`bot.console.group_verbs`)
    "group.error.unknown_role": "“{word}” is not a role: meeting leader, co-leader or participant.",
    "group.error.unknown_holidays": "“{word}” is not a holiday rule: keep, skip or next working day.",
    "group.error.unknown_step": "“{word}” is not a step: 1-4, since last, explore, interpret or prepare action.",
}
