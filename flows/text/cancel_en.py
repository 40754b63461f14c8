"""English texts of cancelling with care (issue 14, `flows.cancelling`): the question a
cancel asks first, what the channel is told, the undo and why it can be refused."""

from __future__ import annotations

from flows.text.base import Entry

CATALOGUE: dict[str, Entry] = {
    "cancel.confirm": (
        "Cancel meeting {number} ({at})? Everyone gets a calendar cancellation and the next "
        "meeting is planned by the group's rhythm. Nothing changes until you press the button; "
        "until midnight you can undo it."
    ),
    "choice.cancel_confirm": "Yes, cancel the meeting",
    "meeting.cancelled_next": (
        "The next meeting ({number}) is planned for {at}, by the group's rhythm. "
        "The meeting leader can undo the cancellation until midnight."
    ),
    "choice.undo_cancel": "Undo the cancellation",
    "meeting.restored": "Meeting {number} ({at}) is on again (step: {step}).",
    "meeting.withdrawn": "Meeting {number}, planned for {at} in its place, is withdrawn.",
    "cancel.error.too_late": (
        "Meeting {number} stays cancelled: a cancellation can be undone only on the day it "
        "was made. Move the next meeting if you need another time."
    ),
    "cancel.error.next_begun": (
        "The cancellation can no longer be undone: meeting {number}, planned in its place, "
        "has already begun (someone prepared, or it was opened or cancelled)."
    ),
    "invite.cancelled": (
        "Calendar cancellation: meeting {number} of {group} ({at}) is cancelled. "
        "The cancellation removes it from your calendar."
    ),
    "invite.restored": (
        "Meeting {number} of {group} is on again: {at}. Here is the calendar invitation again."
    ),
}
