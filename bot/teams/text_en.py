"""English texts of the Teams adapter: help, setup card, welcome, card notes and the app
manifest.

Layered over the flows' catalogue by `bot.teams.blocks.Style`; keys keep their `teams.` prefix.
A file sent in Teams is answered with the Slack adapter's `slack.import.*` texts, merged in here.
"""

from __future__ import annotations

from bot.learning_help import help_texts  # the learning loop and the offer level (issue 17)
from bot.slack.text_en import IMPORT
from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "teams.no_group": "This channel has no reflection group yet. Write @Datadialog setup GROUP NAME and @mention the participants.",
    "teams.group_exists_here": "This channel already has the group {name}.",
    "teams.setup.usage": "Write: @Datadialog setup GROUP NAME @participant @participant … You lead the meeting; the people mentioned take part.",
    "teams.saved": "Saved.",
    "teams.card.done": "✔ {what} ({who})",
    "teams.verb.advance": "On to the next step",
    "teams.verb.cancel": "The meeting is cancelled",
    "teams.welcome.channel": "Hello! I am Datadialog and I help you run data-informed reflection meetings: preparation, the four steps and the agreement paper. Set up your group here with @Datadialog setup GROUP NAME and @mention the participants. Write @Datadialog help to see everything I can do.",
    "teams.welcome.personal": "Hello! I am Datadialog. In this chat you get your preparation and reminders about your agreements. Write help to see what I can do.",
    "teams.button.save_points": "Save my points",
    "teams.help.heading": "Datadialog in Teams. Mention me (@Datadialog) in the channel and write:",
    "teams.help.setup": "setup: set up the group for this channel in a form (or at once: setup GROUP NAME @participant …; you lead it)",
    "teams.help.prepare": "prepare: open preparation; every participant gets a personal message (leader)",
    "teams.help.start": "start: start the meeting (leader)",
    "teams.help.status": "status: the meeting's step, time and who has prepared",
    "teams.help.next": "next: the next step; in the last step this closes the meeting (leader)",
    "teams.help.obs": "obs TEXT: an observation in the data",
    "teams.help.theme": "theme TITLE: propose a theme",
    "teams.help.vote": "vote NO: vote for a theme",
    "teams.help.explain": "explain NO TEXT: an explanation for theme NO",
    "teams.help.focus": "focus NO: choose the focus area (leader)",
    "teams.help.goal": "goal TEXT: goal by the next meeting (longgoal: longer term)",
    "teams.help.sign": "sign TEXT: a sign in the data that we are on track",
    "teams.help.action": "action WHAT | WHO | FOLLOW-UP | DATE: an action",
    "teams.help.takeaway": "takeaway TEXT: what you take with you",
    "teams.help.agreements": "agreements: the agreement paper",
    "teams.help.cancel": "cancel [yes]: cancel the meeting; without “yes” you are asked first (leader)",
    # Cancel with care (issue 14)
    "teams.help.undo": "undo: undo today's cancellation; the meeting is on again (leader)",
    "teams.help.edit": "edit WHAT NO TEXT: correct something you wrote (e.g. edit obs 3 new text); the leader may correct anything and amend the paper after the meeting",
    "teams.help.remove": "remove WHAT NO: withdraw something you wrote (e.g. remove theme 2)",
    "teams.help.help": "help: this list. The buttons on the cards do the same.",
    "teams.setup.title": "New reflection group for this channel",
    "teams.setup.name": "Name of the group",
    "teams.setup.level": "Level",
    "teams.setup.leader": "Meeting leader",
    "teams.setup.participants": "Participants (1-8)",
    "teams.setup.cadence": "Days between meetings",
    "teams.setup.first_date": "First meeting (date)",
    "teams.setup.first_time": "First meeting (time)",
    "teams.button.setup": "Set up the group",
    "teams.verb.setup": "The group is set up",
    "teams.manifest.short": "Data-informed reflection meetings for teams",
    "teams.manifest.full": "Datadialog facilitates your reflection meetings about your own data: preparation with three points, the four dialogue steps (since last, explore, interpret, prepare action), the agreement paper and reminders.",
    "teams.manifest.written": "The Teams app package is written: {path}. Upload it in Teams under Apps → Manage your apps → Upload an app.",
    # Planning on every platform (issue 14)
    "teams.help.schedule": "schedule [YYYY-MM-DD HH:MM]: schedule the next meeting; without a time at the group's next slot (leader)",
    "teams.help.move": "move YYYY-MM-DD HH:MM: move the scheduled meeting (leader)",
    "teams.help.skip": "skip: skip the scheduled meeting; it moves to the rhythm's next slot (leader)",
    "teams.move.date": "New date",
    "teams.move.time": "New time",
    # Focus parameters (issue 13)
    "teams.help.parameters": "parameters [NAME; NAME … | all]: list the parameters in the group's data, or choose those the charts show (all: every one again; leader)",
    # Group changes (issue 14)
    "teams.help.settings": "settings: change the group on a card: name, leader, co-leader, participants (from the channel), rhythm, time-boxes, holidays, archive (leader)",
    "teams.help.member": "member add @name | remove NAME: add a participant (@mention them), or remove a member; what they wrote stays (leader)",
    "teams.help.leader": "leader NAME: make NAME the meeting leader; the leader until now takes part (leader)",
    "teams.help.coleader": "coleader NAME: make NAME the co-leader (leader)",
    "teams.help.participant": "participant NAME: make a co-leader a participant (leader)",
    "teams.help.rename": "rename NAME: give the group a new name (leader)",
    "teams.help.rhythm": "rhythm days N | weeks N | monthly N: the group's new rhythm (monthly 1-4, -1 for the last weekday; leader)",
    "teams.help.timebox": "timebox STEP MIN: minutes for a step (1-4 or its name; leader)",
    "teams.help.holidays": "holidays keep | skip | next working day: what a meeting on a public holiday does (leader)",
    "teams.help.archive": "archive: put the group away: no meetings or reminders, everything kept (leader)",
    "teams.help.unarchive": "unarchive: bring an archived group back (leader)",
    "teams.member.mention": "@mention the person to add: @Datadialog member add @name.",
    "teams.settings.title": "Settings of {group}",
    "teams.settings.co_leader": "Co-leader (whoever loses the role takes part)",
    "teams.settings.no_co_leader": "No co-leader",
    "teams.settings.participants": "Participants (1-8; take someone out to remove them from the group)",
    "teams.settings.rhythm": "Rhythm (weekday and time from the planned meeting)",
    "teams.settings.rhythm.days": "Every N days",
    "teams.settings.rhythm.weeks": "Every N weeks",
    "teams.settings.rhythm.monthly_1": "Monthly, the first of that weekday",
    "teams.settings.rhythm.monthly_2": "Monthly, the second of that weekday",
    "teams.settings.rhythm.monthly_3": "Monthly, the third of that weekday",
    "teams.settings.rhythm.monthly_4": "Monthly, the fourth of that weekday",
    "teams.settings.rhythm.monthly_last": "Monthly, the last of that weekday",
    "teams.settings.interval": "N: days or weeks between meetings",
    "teams.settings.timebox": "Minutes for {step}",
    "teams.settings.holidays": "A meeting on a public holiday",
    "teams.settings.holidays.keep": "is held anyway",
    "teams.settings.holidays.skip": "is skipped",
    "teams.settings.holidays.next_working_day": "moves to the next working day",
    "teams.settings.archived": "Archived: no meetings or reminders, everything kept",
    "teams.button.settings": "Save the settings",
    "teams.verb.settings": "The group's settings are saved",
    "teams.settings.refused": "{field}: {problem}",
    "teams.settings.unchanged": "Nothing was changed.",
    # Issue 16: the archive toggle's label; theme rows beyond a card's six buttons
    "teams.settings.status": "Status",
    "teams.themes.more": "More themes ({count})",
    # Issue 16 (Teams Store rules): nothing about a group told to non-members; an example
    # of a command as typed in Teams; every verb Teams reads in the help, and a command's
    # usage shown with its bare verb ("vote NO"), never the console's "/vote NO"
    "teams.members_only": "Only the reflection group's members can do that. Ask the meeting leader if you want to take part.",
    "teams.help.example": "For example: @Datadialog vote 2 in the channel; in your personal chat with me just vote 2.",
    "teams.help.extend": "extend [MIN]: give the step more time, 5 min by default (leader)",
    "teams.help.review": "review NO done|continues|dropped [NOTE]: the status of an agreement from last time",
    "teams.help.unvote": "unvote NO: withdraw a vote",
    "teams.help.positive": "positive TEXT: your positive trend (in your personal chat with me)",
    "teams.help.improve": "improve TEXT: your improvement opportunity",
    "teams.help.question": "question TEXT: your question about the data",
    "teams.help.remind": "remind: remind those who have not prepared (leader)",
    "teams.setup.channel_elsewhere": "A group cannot be set up in this channel from here.",
    # Correct and withdraw from a contribution's card (issue 14)
    "teams.correct.edit": "Edit",
    "teams.correct.remove": "Withdraw",
    "teams.correct.field": "New text for {item} {number}",
    "teams.correct.save": "Save the correction",
    "teams.correct.remove_text": "Withdraw {item} {number}?",
    "teams.correct.confirm": "Yes, withdraw",
    **IMPORT,
}
CATALOGUE.update(help_texts("en", "teams.help"))
