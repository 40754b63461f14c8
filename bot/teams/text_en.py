"""English texts of the Teams adapter: help, setup card, welcome, card notes and the app
manifest.

Layered over the flows' catalogue by `bot.teams.blocks.Style`; keys keep their `teams.` prefix.
A file sent in Teams is answered with the Slack adapter's `slack.import.*` texts, merged in here.
"""

from __future__ import annotations

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
    **IMPORT,
}
