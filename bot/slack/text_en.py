"""English texts of the Slack adapter: help, setup and preparation modals, App Home,
delivery problems, and the messages of a measurement file shared in Slack.

Layered over the flows' catalogue by `bot.slack.blocks.Style`; keys keep their `slack.` prefix.
`IMPORT` (`slack.import.*`) is shared with the Teams adapter's file import.
"""

from __future__ import annotations

from bot.learning_help import help_texts  # the learning loop and the offer level (issue 17)
from flows.text.base import Entry

#: A measurement file shared in chat (also used by the Teams adapter).
IMPORT: dict[str, Entry] = {
    "slack.import.not_leader": "Only a group's meeting leader can import its data, and you lead no group here.",
    "slack.import.which_group": "You lead several groups ({groups}). Share the file again and write the group's name in the message.",
    "slack.import.not_a_data_file": "{name} is not a measurement file. Share a .csv or .xlsx file (see the template: datadialog data template).",
    "slack.import.too_big": "{name} is too large (at most {limit} MB).",
    "slack.import.result": "{name} for {group}: {summary}",
    "slack.import.valid_hint": "Fix the errors and share the file again, or share it again with the word “valid” in the message to import only the valid rows.",
    "slack.import.failed": "The file could not be fetched or read. Try again in a moment.",
}

CATALOGUE: dict[str, Entry] = {
    "slack.help.heading": "Datadialog in this channel. Write {command} followed by:",
    "slack.help.help": "help: this list",
    "slack.help.setup": "setup: set up a reflection group for this channel (a form)",
    "slack.help.start": "start: start the meeting (leader)",
    "slack.help.status": "status: the meeting's step, time and who has prepared",
    "slack.help.prepare": "prepare: open preparation; every participant gets a direct message (leader)",
    "slack.help.agreements": "agreements: the agreement paper",
    "slack.help.cancel": "cancel: cancel the meeting (leader)",
    "slack.no_group": "This channel has no reflection group yet. Set one up with {command} setup.",
    "slack.group_exists_here": "This channel already has the group {name}.",
    "slack.not_in_channel": "I cannot post in <#{channel}>. Invite me with /invite and try again.",
    "slack.channel_not_found": "I cannot find the group's channel <#{channel}>; it may be archived or deleted.",
    "slack.member_unreachable": "I could not send a direct message to {name}: the Slack account is deactivated or cannot be reached.",
    "slack.failed": "Slack refused a message from Datadialog ({error}). Nothing was lost; try again in a moment.",
    "slack.cancel": "Cancel",
    "slack.save": "Save",
    "slack.setup.title": "New reflection group",
    "slack.setup.name": "Group name",
    "slack.setup.level": "Level",
    "slack.setup.leader": "Meeting leader",
    "slack.setup.co_leader": "Co-leader (optional)",
    "slack.setup.participants": "Participants (1-8)",
    "slack.setup.channel": "Channel",
    "slack.setup.rhythm": "Rhythm (weekday and time from the first meeting)",
    "slack.setup.rhythm.days": "Every N days (the field above)",
    "slack.setup.rhythm.weekly": "Every week",
    "slack.setup.rhythm.biweekly": "Every other week",
    "slack.setup.rhythm.monthly_first": "First of that weekday in the month",
    "slack.setup.rhythm.monthly_last": "Last of that weekday in the month",
    "slack.setup.cadence": "Days between meetings",
    "slack.setup.first": "First meeting",
    "slack.setup.timebox": "Minutes for {step}",
    "slack.prep.button": "Write my points",
    "slack.prep.title": "My preparation",
    "slack.home.heading": "Your reflection groups",
    "slack.home.none": "You are not in a reflection group yet. A leader sets one up with {command} setup in a channel.",
    "slack.home.group": "{name} in <#{channel}>: meeting {number}, {at} ({step})",
    "slack.home.prepared": "Your preparation: ready",
    "slack.home.unprepared": "Your preparation: missing",
    "slack.home.prepared_count": "Prepared: {done} of {total}",
    "slack.home.learned": "Learned lately ({command} learnings shows the whole learning log):",
    "slack.home.actions": "Your open actions",
    # Planning on every platform (issue 14)
    "slack.help.schedule": "schedule [YYYY-MM-DD HH:MM]: schedule the next meeting; without a time at the group's next slot (leader)",
    "slack.help.move": "move YYYY-MM-DD HH:MM: move the scheduled meeting (leader)",
    "slack.help.skip": "skip: skip the scheduled meeting; it moves to the rhythm's next slot (leader)",
    "slack.move.title": "Move the meeting",
    "slack.move.date": "New date",
    "slack.move.time": "New time",
    "slack.setup.bot_member": "Datadialog itself cannot be a member of the group. Pick a person.",
    # Cancel with care (issue 14)
    "slack.help.undo": "undo: undo today's cancellation; the meeting is on again and the one planned in its place is withdrawn (leader)",
    "slack.help.edit": "edit WHAT NO TEXT: correct something you wrote, e.g. edit obs 3 new text, edit action 1 WHAT | OWNER | FOLLOW-UP | DATE (the leader may correct anything, and amend the paper after the meeting)",
    "slack.help.remove": "remove WHAT NO: withdraw something you wrote, e.g. remove theme 2 (its votes go back)",
    "slack.confirm_cancel.title": "Cancel the meeting?",
    "slack.confirm_cancel.text": "Everyone gets a calendar cancellation and the next meeting is planned by the group's rhythm. You can undo it until midnight.",
    "slack.confirm_cancel.yes": "Yes, cancel it",
    "slack.confirm_cancel.no": "No, keep it",
    # Focus parameters (issue 13)
    "slack.help.parameters": "parameters [NAME; NAME … | all]: list the parameters in the group's data, or choose those the charts show (all: every one again; leader)",
    # Group changes (issue 14)
    "slack.help.settings": "settings: change the group in a form: name, leader, co-leader, participants, channel, rhythm, time-boxes, holidays, archive (leader)",
    "slack.help.archive": "archive: put the group away: no meetings or reminders, everything kept (leader)",
    "slack.help.unarchive": "unarchive: bring an archived group back (leader)",
    "slack.settings.title": "Group settings",
    "slack.settings.leader_hint": "Pick someone else and the leader until now takes part.",
    "slack.settings.co_leader_hint": "Whoever loses the role takes part. Empty: no co-leader.",
    "slack.settings.participants_hint": "Take someone out here to remove them from the group; what they wrote stays, and their open actions are listed to the leader.",
    "slack.settings.channel_hint": "A channel that has no group yet.",
    "slack.settings.rhythm": "Rhythm (weekday and time from the planned meeting)",
    "slack.settings.rhythm.days": "Every N days (the number below)",
    "slack.settings.rhythm.weeks": "Every N weeks (the number below)",
    "slack.settings.rhythm.monthly_1": "Monthly, the first of that weekday",
    "slack.settings.rhythm.monthly_2": "Monthly, the second of that weekday",
    "slack.settings.rhythm.monthly_3": "Monthly, the third of that weekday",
    "slack.settings.rhythm.monthly_4": "Monthly, the fourth of that weekday",
    "slack.settings.rhythm.monthly_last": "Monthly, the last of that weekday",
    "slack.settings.interval": "N: days or weeks between meetings",
    "slack.settings.holidays": "A meeting on a public holiday",
    "slack.settings.holidays.keep": "is held anyway",
    "slack.settings.holidays.skip": "is skipped",
    "slack.settings.holidays.next_working_day": "moves to the next working day",
    "slack.settings.archive": "Archive",
    "slack.settings.archived": "Archived: no meetings or reminders, everything kept",
    "slack.settings.unchanged": "Nothing was changed.",
    # Correct or withdraw from a message (issue 14)
    "slack.correct.edit": "Edit",
    "slack.correct.remove": "Withdraw",
    "slack.correct.field": "New text",
    "slack.correct.edit_title": "Edit {item} {number}",
    "slack.correct.remove_title": "Withdraw {item} {number}",
    "slack.correct.remove_text": "Withdraw {item} {number}? It said: {text}",
    **IMPORT,
    # The export (issue 15)
    "slack.help.export": "export (eksport): the group's data as one zip file, in your direct messages (meeting leader)",
    # Workspace boundaries and modals that could not open (issue 16)
    "slack.setup.channel_elsewhere": "A group cannot be set up in that channel from this workspace. Pick a channel of your own workspace.",
    "slack.press_again": "Slack took too long to open the form. Press the button (or send the command) again.",
}
CATALOGUE.update(help_texts("en", "slack.help"))
