"""English texts of the local console chat and the command line: help lines, labels and
session messages.

Layered over the flows' catalogue by `bot.console.render` (`TEXTS`); keys keep their
`console.` prefix. `console.usage`, `console.bad_date` and `console.group_line` stay in
the flows' catalogue: the flows and the chat adapters use them too.
"""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "console.bad_time": "Cannot read the time “{text}”. Write e.g. 2026-12-08 09:00.",
    "console.not_command": "Commands start with /. Type /help to see them.",
    "console.unknown_verb": "Unknown command /{verb}. Type /help to see the commands.",
    "console.acting_as": "You are now writing as {name} ({role}).",
    "console.no_groups": 'There are no groups yet. Create one with: datadialog group create "Name" --leader Name --participant Name ... (or try datadialog demo).',
    "console.group_switched": "Active group: {name}.",
    "console.welcome": "Datadialog, local chat. Group: {group}. You are writing as {name}. Type /help for commands and /quit to leave.",
    "console.groups_heading": "Groups",
    "console.help_heading": "Commands (you are {name})",
    "console.bye": "Goodbye. Everything is saved.",
    "console.help.as": "/as NAME: write as another member",
    "console.help.group": "/group NAME: switch the active group",
    "console.help.groups": "/groups: list the groups",
    "console.help.status": "/status: the meeting's step, time and preparation",
    "console.help.open": "/open: open preparation (leader)",
    "console.help.positive": "/positive TEXT: your positive trend",
    "console.help.improve": "/improve TEXT: your improvement opportunity",
    "console.help.question": "/question TEXT: your question about the data",
    "console.help.remind": "/remind: remind those who have not prepared (leader)",
    "console.help.start": "/start: start the meeting (leader)",
    "console.help.next": "/next: go to the next step; in the last step this closes the meeting (leader)",
    "console.help.extend": "/extend [MIN]: extend the step, 5 min by default (leader)",
    "console.help.cancel": "/cancel: cancel the meeting (leader)",
    "console.help.review": "/review NO done|continue|drop [NOTE]: status of an agreement from last time",
    "console.help.obs": "/obs TEXT: an observation in the data",
    "console.help.theme": "/theme TITLE: propose a theme",
    "console.help.vote": "/vote NO: vote for a theme",
    "console.help.unvote": "/unvote NO: withdraw a vote",
    "console.help.explain": "/explain NO TEXT: an explanation for theme NO",
    "console.help.focus": "/focus NO: choose the focus area (leader)",
    "console.help.goal": "/goal TEXT: goal by the next meeting",
    "console.help.longgoal": "/longgoal TEXT: longer-term goal",
    "console.help.sign": "/sign TEXT: a sign of progress in the data",
    "console.help.action": "/action WHAT | OWNER | FOLLOW-UP | DATE: an action (date e.g. 2026-12-08 or +14)",
    "console.help.takeaway": "/takeaway TEXT: what you take with you",
    "console.help.agreements": "/agreements: show the agreement paper",
    "console.help.schedule": "/schedule [YYYY-MM-DD HH:MM]: schedule the next meeting (leader)",
    "console.help.import": "/import PATH [valid]: replace the group's measurements with a .csv or .xlsx file; with “valid”, only the valid rows (leader)",
    "console.help.quit": "/quit: leave",
    "console.chart_saved": "Saved as {path}",
    "console.label.channel": "#{name}",
    "console.label.dm": "to {name} (direct)",
    "console.label.only_you": "only to {name}",
    "console.invite_written": "Calendar invitation for {name} saved in {path}",
    "console.help.move": "/move YYYY-MM-DD HH:MM: move the scheduled meeting (leader)",
    "console.help.skip": "/skip: skip the scheduled meeting; it moves to the rhythm's next slot (leader)",
    "console.help.done": "/done N: agreement N from the last meeting is done",
    "console.help.snooze": "/snooze N: remind me of agreement N later",
    "console.help.irrelevant": "/irrelevant N: agreement N is no longer relevant",
    "console.reminders_unserved": "Left pending: {count} for {platforms}, which is not configured here (a bot running with it sends them).",
}
