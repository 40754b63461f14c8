"""English catalogue. Same keys as the Danish one (a test keeps them in step)."""

from __future__ import annotations

from flows.text.audit_en import CATALOGUE as AUDIT  # the audit log (issue 15)
from flows.text.base import Entry
from flows.text.cancel_en import CATALOGUE as CANCELLING  # cancel with care (issue 14)
from flows.text.charts_en import CATALOGUE as CHARTS
from flows.text.corrections_en import CATALOGUE as CORRECTIONS
from flows.text.datasets_en import CATALOGUE as DATASETS
from flows.text.disclosure_en import CATALOGUE as DISCLOSURE
from flows.text.forms_en import CATALOGUE as FORMS
from flows.text.group_changes_en import CATALOGUE as GROUP_CHANGES  # issue 14
from flows.text.imports_en import CATALOGUE as IMPORTS
from flows.text.learning_en import CATALOGUE as LEARNING  # the learning loop (issue 17)
from flows.text.looks_en import CATALOGUE as LOOKS
from flows.text.offer_review_en import CATALOGUE as OFFER_REVIEW  # issue 17: offer level
from flows.text.offers_en import CATALOGUE as OFFERS  # issue 17: offers, theory of change
from flows.text.oversight_en import CATALOGUE as OVERSIGHT  # management (issue 17)
from flows.text.ratings_en import CATALOGUE as RATINGS  # issue 17: core-element ratings
from flows.text.scheduling_en import CATALOGUE as SCHEDULING
from flows.text.secrets_en import CATALOGUE as SECRETS  # secrets at rest (issue 15)
from flows.text.words_en import CATALOGUE as WORDS

CATALOGUE: dict[str, Entry] = {
    "Step.scheduled": "scheduled",
    "Step.preparing": "preparation",
    "Step.since_last": "since last",
    "Step.explore": "explore",
    "Step.interpret": "interpret",
    "Step.prepare_action": "prepare action",
    "Step.closed": "closed",
    "Step.cancelled": "cancelled",
    "PointKind.positive": "positive trend",
    "PointKind.improvement": "improvement opportunity",
    "PointKind.question": "question about the data",
    "ActionStatus.open": "open",
    "ActionStatus.done": "done",
    "ActionStatus.continued": "continues",
    "ActionStatus.dropped": "dropped",
    "ObservationSource.preparation": "preparation",
    "ObservationSource.meeting": "meeting",
    "Level.citizen": "citizen level",
    "Level.offer": "offer level",
    "q.preparing.observations": "What are the three most important observations in the data?",
    "q.preparing.puzzles": "What puzzles me most?",
    "q.preparing.prioritise": "What would I prioritise doing something about?",
    "q.preparing.compare": (
        "Compare with the last measurement, the citizen's own goals and other measurements."
    ),
    "q.preparing.involve": "Who might be relevant to involve if we start something new?",
    "q.since_last.agreed": "What did we agree last time?",
    "q.since_last.status": "What is the status of the agreements?",
    "q.since_last.data": "Can we see the results in the data?",
    "q.since_last.learned": "What have we learned from what we tried?",
    "q.since_last.not_done": (
        "Agreements not carried out: do they still make sense, should we drop them, "
        "or do they need more attention?"
    ),
    "q.explore.data_tells": "What does the data tell us?",
    "q.explore.notice": "What do we notice?",
    "q.explore.need_to_know": "What else would we need to know?",
    "q.explore.glad": "What positive things can we be glad about?",
    "q.explore.challenges": "Which challenges would be relevant to focus on?",
    "q.interpret.challenges": "What challenges do we see for the citizen's development?",
    "q.interpret.prevents": "What prevents progression?",
    "q.interpret.maintains": "What maintains the current patterns?",
    "q.interpret.core_elements": "Do we use our core elements enough, and are they the right ones?",
    "q.interpret.relation": (
        "What do the relation between citizen and professional, the citizen's experience "
        "and individual circumstances mean here?"
    ),
    "q.prepare_action.short_term": "What do we want to achieve by the next meeting?",
    "q.prepare_action.long_term": "What do we want to achieve in the longer term (in x months)?",
    "q.prepare_action.signs": "Which data will be signs that we are on the right track?",
    "q.prepare_action.actions": "What are the new actions?",
    "q.prepare_action.who": "Who does what, who follows up, and when?",
    "q.prepare_action.takeaway": "What does each of us take away from the meeting?",
    "step.since_last.title": "Step 1 of 4 · Since last ({minutes} min)",
    "step.explore.title": "Step 2 of 4 · Explore ({minutes} min)",
    "step.interpret.title": "Step 3 of 4 · Interpret ({minutes} min)",
    "step.prepare_action.title": "Step 4 of 4 · Prepare action ({minutes} min)",
    "prep.opened": (
        "Preparation for meeting {number} ({at}) is open. Every participant has the data "
        "and is asked to prepare three points."
    ),
    "prep.request": (
        "Prepare for the reflection meeting in {group} on {at}: write three points from the "
        "data: a positive trend, an improvement opportunity and, if you like, a question "
        "about the data. You can edit them until the meeting starts."
    ),
    "prep.reminder": (
        "Reminder: the reflection meeting in {group} is on {at}, and your points are missing "
        "(a positive trend, an improvement opportunity, optionally a question about the data)."
    ),
    "prep.saved": "Saved: {kind}. You can edit it until the meeting starts.",
    "prep.member_ready": "{name} has prepared ({done} of {total}).",
    "prep.all_ready": "Every participant has prepared.",
    "prep.reminded": "Reminder sent to: {names}.",
    "prep.status_heading": "Preparation: {done} of {total} ready",
    "prep.status_line": lambda p: f"{p['name']}: {'ready' if p['prepared'] else 'missing'}",
    "meeting.started": "Meeting {number} of {group} has started. Welcome!",
    "meeting.cancelled": "Meeting {number} is cancelled.",
    "meeting.closed": "Meeting {number} is closed. Here is the agreement paper:",
    "meeting.next_scheduled": "The next meeting ({number}) is scheduled for {at}.",
    "meeting.scheduled": "Meeting {number} is scheduled for {at}.",
    "group.created": ("The group {name} is set up. The first meeting is on {at}; then {rhythm}."),
    "timebox.extended": "{minutes} more minutes for {step} (until {until}).",
    "timebox.up": "Time is up for {step}. Extend, or move on?",
    "choice.extend": "Extend {minutes} min",
    "choice.next": "Move on",
    "choice.next_step": "Next step",
    "choice.close": "Close the meeting",
    "choice.cancel": "Cancel the meeting",
    "choice.vote": "Vote",
    "choice.vote_on": "Vote for {number}",
    "status.heading": "Status of {group}",
    "status.step": "Meeting {number} ({at}): {step}",
    "status.time_left": "{minutes} min left (until {until})",
    "status.counts": (
        "{points} prepared points · {observations} observations · {themes} themes · "
        "{actions} actions"
    ),
    "since_last.first_meeting": (
        "This is the group's first meeting, so there are no agreements to follow up. "
        "Use the time to agree on purpose and frame."
    ),
    "since_last.actions_heading": "Agreements from meeting {number} ({at})",
    "since_last.no_actions": "The last meeting ended without actions.",
    "since_last.review_hint": (
        "Give each agreement a status: done, continues or dropped (with a short note)."
    ),
    "since_last.reviewed": "{name}: {line}",
    "explore.points_heading": "From your preparation",
    "explore.no_points": "No prepared points. Start with what you see in the data.",
    "explore.hint": (
        "Stay with what the data shows and hold back explanations. Write observations, "
        "propose themes and prioritise them with your {budget} votes each."
    ),
    "interpret.hint": (
        "Look for several explanations for each prioritised theme. The leader then chooses "
        "the focus area."
    ),
    "interpret.added": "Explanation for “{title}” ({name}): {text}",
    "interpret.focus_chosen": "Focus area: {title}",
    "prepare_action.focus": "Focus area: {title}",
    "prepare_action.hint": (
        "Write the agreement paper: goals for the next meeting and the longer term, signs in "
        "the data that you are on track, and actions with owner, follow-up and date."
    ),
    "themes.heading": "Themes (most votes first)",
    "themes.none": "No themes yet.",
    "paper.goals_heading": "Agreement paper, meeting {number}",
    "paper.short_term": "Goal by the next meeting: {text}",
    "paper.long_term": "Longer-term goal: {text}",
    "paper.sign": "Sign of progress: {text}",
    "paper.actions_heading": "Actions",
    "paper.no_actions": "No actions.",
    "paper.takeaways_heading": "What we take with us",
    "paper.no_takeaways": "None yet.",
    "paper.action_added": "New action: {line}",
    "takeaway.ask": "Thank you for the meeting in {group}. What do you take with you?",
    "takeaway.saved": "Thank you, saved.",
    "vote.counted": "Vote given to “{title}”. You have {left} left.",
    "vote.withdrawn": "Vote withdrawn from “{title}”.",
    "item.observation": lambda p: (
        f"{p['number']}. {p['text']} ({p['name']}" + (", prepared" if p["prepared"] else "") + ")"
    ),
    "item.theme": lambda p: (
        f"{p['number']}. {p['title']}: {p['votes']} vote{'' if p['votes'] == 1 else 's'}"
        + (" ← focus" if p["focus"] else "")
    ),
    "item.explanation": "{text} ({name})",
    "item.action": lambda p: (
        f"{p['index']}. {p['what']}: owner {p['owner']}, follow-up {p['follow_up']}, "
        f"due {p['due']} [{p['status']}]" + (f" – {p['note']}" if p["note"] else "")
    ),
    "item.takeaway": "{name} takes away: {text}",
    "error.text_empty": "The text is empty. Write something before you send.",
    "error.text_too_long": (
        "The text is too long ({length} characters). The limit is {limit}; shorten it and "
        "try again."
    ),
    "error.cpr": (
        "The text looks like a CPR number and was not saved. Refer to citizens by pseudonym "
        "or case number, never by name or CPR number."
    ),
    "error.system_only": "Only the system can do that.",
    "error.not_member": "You are not in the group {group}. Ask the meeting leader to add you.",
    "error.not_leader": "Only the meeting leader ({leader}) can steer the meeting.",
    "import.error.not_leader": "Only a group's meeting leader can import its data ({leader} leads {group}).",
    "error.wrong_step": "That is not possible now: the meeting is in {step}. Possible in: {allowed}.",
    "error.already_moved_on": "The meeting has already moved on (now: {step}).",
    "error.already_moved_on_retry": "Someone changed the meeting at the same moment. Try again.",
    "error.need_theme": "Propose at least one theme before moving on to interpret.",
    "error.need_focus": "Choose a focus area among the themes before moving on.",
    "error.need_action": "Agree on at least one action before closing the meeting.",
    "error.extend_range": "Extend by 1 to {limit} minutes.",
    "error.no_theme": "There is no theme number {number} (there are {count}).",
    "error.no_action": "There is no agreement number {number} (there are {count}).",
    "error.review_status": "The status must be done, continues or dropped.",
    "error.theme_exists": "The theme “{title}” already exists.",
    "error.too_many": "There can be at most {limit}.",
    "error.already_voted": "You have already voted for theme {number}.",
    "error.no_votes_left": "You have used all {budget} votes. Withdraw one to move it.",
    "error.not_voted": "You have not voted for theme {number}.",
    "error.unknown_person": "{name} is not in the group {group}.",
    "error.due_in_past": "The date {due} has already passed. Choose a date ahead.",
    "error.bad_button": "I cannot read that button. Use the buttons in the latest message.",
    "error.no_meeting": "That meeting does not exist.",
    "error.no_group": "That group does not exist.",
    "error.participant_count": "A group needs between 1 and {limit} participants.",
    "error.duplicate_member": "The same person is listed more than once.",
    "error.cadence": "The meeting interval must be between 1 and 365 days.",
    "error.group_exists": "There is already a group called {name}.",
    "error.meeting_pending": "Meeting {number} ({at}) is already scheduled and not closed.",
    "error.time_in_past": "The time {at} has already passed.",
    # A group's rhythm
    "rhythm.days": "every {days} days",
    "rhythm.weekly": "every {weekday}",
    "rhythm.weeks": "every {interval} weeks on {weekday}",
    "rhythm.monthly": "on the {nth} {weekday} of the month",
    "rhythm.monthly_last": "on the last {weekday} of the month",
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    "ordinal.1": "first",
    "ordinal.2": "second",
    "ordinal.3": "third",
    "ordinal.4": "fourth",
    # Said by the flows and by more than one adapter, under their first user's prefix.
    # The adapters' own texts are in bot/<adapter>/text_<lang>.py.
    "console.usage": "Usage: {usage}",
    "console.bad_date": "Cannot read the date “{text}”. Write e.g. 2026-12-08, 08-12-2026 or +14 (days from today).",
    "console.group_line": lambda p: (
        f"{p['name']} ({p['level']}, {p['count']} participant{'' if p['count'] == 1 else 's'}, "
        f"{p['rhythm']})"
    ),
    # Planning on every platform (issue 14): a planned meeting's buttons; a time typed in any chat
    "choice.move": "Move the meeting",
    "choice.skip": "Skip the meeting",
    "status.planning": "Meeting {number} is scheduled for {at}. You can move it or skip it:",
    "console.bad_time": "Cannot read the time “{text}”. Write e.g. 2026-12-08 09:00.",
    # Roles
    "Role.leader": "meeting leader",
    "Role.co_leader": "co-leader",
    "Role.participant": "participant",
    # Reminders
    "invite.new": "Calendar invitation: meeting {number} of {group}, {at}.",
    "invite.moved": "The meeting has moved: meeting {number} of {group} is now {at}. Here is the new calendar invitation.",
    "invite.title": "Reflection meeting {number}: {group}",
    "invite.description": (
        "Data-informed reflection meeting of {group} ({level}), meeting {number}. "
        "Purpose: to look at our own data together, reflect and agree on concrete actions. "
        "Prepare three points: a positive trend, an improvement opportunity and, if you like, a "
        "question about the data. The data and the preparation form arrive {days} days before."
    ),
    "meeting.moved": "Meeting {number} has moved from {before} to {at}.",
    "meeting.skipped": "Meeting {number} is skipped ({before}); the next meeting is {at}.",
    "reminder.note": "{text}",
    "reminder.prep_request": (
        "The reflection meeting of {group} is {at}. Look at the data (the chart follows) and "
        "write your three points: a positive trend, an improvement opportunity and, if you "
        "like, a question about the data."
    ),
    "reminder.unprepared": (
        "Reminder: the reflection meeting of {group} is {at}, and your points are still missing."
    ),
    "reminder.leader_status": (
        "Before meeting {number} ({at}): {done} of {total} have prepared; "
        "{actions} agreements are due by the meeting."
    ),
    "reminder.action_line": "Agreement: {what} (owner {owner}, due {due})",
    "reminder.start_nudge": "It is time for meeting {number} of {group}. Start the meeting when everyone is there.",
    "reminder.action_before": "Reminder: “{what}” is due {due}.",
    "reminder.action_due": "“{what}” is due today. How is it going?",
    "reminder.action_overdue": "“{what}” ({owner}, {group}) was due {due} and is not marked done.",
    "reminder.choice.done": "Done",
    "reminder.choice.snooze": "Remind me later",
    "reminder.choice.irrelevant": "No longer relevant",
    "reminder.digest": "This week's agreements in {group}: {open} open, {overdue} overdue",
    "reminder.digest_line": lambda p: (
        f"{p['what']} ({p['owner']}, due {p['due']})" + (" · overdue" if p["overdue"] else "")
    ),
    "reminder.digest_empty": "No open agreements.",
    "reminder.snoozed": "Fine, you will be reminded of “{what}” again {at}.",
    "reminder.answered": "“{what}” is now marked: {status}.",
    "reminder.error.not_yours": "Only the owner, the follow-up person or the meeting leader can answer for “{what}”.",
    "reminder.error.closed": "“{what}” is already closed.",
    "reminder.line": "{id} · {due} · {kind} · {recipient} · {status} · attempt {attempts}",
    "reminder.none": "No reminders.",
    "reminder.sent_due": "Sent: {sent}; expired: {expired}; skipped: {skipped}; failed: {failed}.",
    **CANCELLING,
    **CHARTS,
    **CORRECTIONS,
    **DATASETS,
    **DISCLOSURE,
    **FORMS,
    **GROUP_CHANGES,  # group changes (issue 14)
    **IMPORTS,
    **LOOKS,
    **SCHEDULING,
    **SECRETS,  # secrets at rest (issue 15)
    **AUDIT,  # the audit log (issue 15)
    **WORDS,
    **LEARNING,  # the learning loop (issue 17)
    **RATINGS,  # core-element ratings (issue 17)
    **OVERSIGHT,  # management and quality team: digest, escalation (issue 17)
    **OFFERS,  # the offer level: offers and their theory of change (issue 17)
    **OFFER_REVIEW,  # the offer level: digest, core-elements review, tags (issue 17)
}
